/* Snapshot files (layout, atomic write, refusal of every corruption) and the tree of files
 * linked by parent id (page lookup through the chain, loops, missing parents, names, stale
 * temporaries). */
#include "snap_test_util.h"


/* ------------------------------------------------------------------------------------------
 * snapshot files */

#define TPAGES 64
#define TRAM (TPAGES * SNAP_PAGE)

struct image {
    uint8_t *ram; /* TRAM bytes */
};

static const uint8_t *image_page(void *ctx, uint64_t pg)
{
    return ((struct image *)ctx)->ram + pg * SNAP_PAGE;
}

/* Page pg of an image filled by `fill_page`: all bytes derived from (seed, pg). */
static void fill_page(uint8_t *p, unsigned seed, uint64_t pg)
{
    for (unsigned i = 0; i < SNAP_PAGE; i++)
        p[i] = (uint8_t)(seed * 31 + pg * 7 + i * 13 + (i >> 8));
    p[0] = (uint8_t)seed; /* never a zero page */
    p[1] = (uint8_t)(pg + 1);
}

static struct snapfile_header make_header(enum snap_kind kind, uint8_t id, uint8_t parent,
                                          const char *name, const char *parent_name)
{
    struct snapfile_header h;
    memset(&h, 0, sizeof(h));
    h.kind = kind;
    memset(h.id, id, sizeof(h.id));
    h.id[15] = 0xa5; /* never all zero */
    if (parent) {
        memset(h.parent_id, parent, sizeof(h.parent_id));
        h.parent_id[15] = 0xa5;
    }
    h.created_ns = 1700000000123456789ull;
    h.ram_base = VIRT_DRAM_BASE;
    h.ram_size = TRAM;
    snprintf(h.name, sizeof(h.name), "%s", name);
    snprintf(h.parent_name, sizeof(h.parent_name), "%s", parent_name);
    snprintf(h.domain, sizeof(h.domain), "testdom");
    return h;
}

static int write_file(const char *path, struct snapfile_header *h, const struct snap_writer *sec,
                      struct image *img, const uint64_t *pages, uint64_t n, char *err,
                      size_t errlen)
{
    struct snap_page_source src = {image_page, img};
    return snapfile_write(path, h, sec->buf, sec->len, src, pages, n, err, errlen);
}

static void path_in(char *out, size_t len, const char *sub, const char *name)
{
    snprintf(out, len, "%s/%s%s%s", tmpdir, sub, sub[0] ? "/" : "", name);
}

/* Entries of `dir` whose name contains ".tmp." (left-over temporary files). */
static unsigned temp_files_in(const char *dir)
{
    unsigned n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".tmp."))
            n++;
    closedir(d);
    return n;
}

/* Write `len` bytes to `path` keeping zero blocks as holes, as the writer does. */
static void put_sparse(const char *path, const uint8_t *buf, size_t len)
{
    unlink(path); /* a new file each time: rewriting a truncated one makes ext4 flush it */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    CHECK_EQ(ftruncate(fd, (off_t)len), 0);
    for (size_t off = 0; off < len; off += SNAP_PAGE) {
        size_t n = len - off < SNAP_PAGE ? len - off : SNAP_PAGE;
        bool zero = true;
        for (size_t i = 0; i < n && zero; i++)
            zero = buf[off + i] == 0;
        if (!zero && pwrite(fd, buf + off, n, (off_t)off) != (ssize_t)n)
            CHECK(0);
    }
    close(fd);
}

static unsigned accepted_reports; /* how many acceptances were described on stderr */

/* Open must refuse the file, with a reason, without crashing. */
static bool refuses(const char *path, const char *what, size_t at)
{
    char err[PATH_MAX + 256];
    err[0] = 0;
    struct snapfile *f = snapfile_open(path, false, err, sizeof(err));
    if (f) {
        snapfile_close(f);
        if (accepted_reports++ < 20)
            fprintf(stderr, "  snapshot file with %s (at byte %zu) was accepted\n", what, at);
        return false;
    }
    if (!err[0]) {
        fprintf(stderr, "  snapshot file with %s (at byte %zu) was refused without a reason\n",
                what, at);
        return false;
    }
    return true;
}

static uint8_t *slurp(const char *path, size_t *len)
{
    uint8_t *p = read_file(path, len);
    CHECK(p != NULL);
    return p;
}

static void test_snapfile_write_open(void)
{
    char dir[PATH_MAX], full[PATH_MAX], delta[PATH_MAX], err[PATH_MAX + 256];
    path_in(dir, sizeof(dir), "files", "");
    dir[strlen(dir) - 1] = 0;
    CHECK_EQ(mkdir(dir, 0700), 0);
    path_in(full, sizeof(full), "files", "full.snap");
    path_in(delta, sizeof(delta), "files", "delta.snap");

    struct image img = {calloc(1, TRAM)};
    static const uint64_t nonzero[] = {0, 1, 2, 10, 33, 63};
    for (size_t i = 0; i < ARRAY_SIZE(nonzero); i++)
        fill_page(img.ram + nonzero[i] * SNAP_PAGE, 1, nonzero[i]);
    struct snap_writer sec;
    build_blob(&sec);

    /* full */
    struct snapfile_header h = make_header(SNAP_FULL, 0x11, 0, "root", "");
    CHECK_EQ(write_file(full, &h, &sec, &img, nonzero, ARRAY_SIZE(nonzero), err, sizeof(err)), 0);
    CHECK_EQ(temp_files_in(dir), 0);
    struct stat st;
    CHECK_EQ(stat(full, &st), 0);
    CHECK_EQ((uint64_t)st.st_size, h.file_size);
    CHECK((st.st_mode & 0777) == 0600);
    /* sparse: the zero pages of the image were not written (blocks well below the size) */
    CHECK((uint64_t)st.st_blocks * 512 < h.file_size / 2);

    err[0] = 0;
    struct snapfile *f = snapfile_open(full, false, err, sizeof(err));
    CHECK(f != NULL);
    if (!f)
        fprintf(stderr, "  %s\n", err);
    if (f) {
        CHECK(!memcmp(f->h.magic, SNAPFILE_MAGIC, 8));
        CHECK_EQ(f->h.version, SNAPFILE_VERSION);
        CHECK_EQ(f->h.kind, SNAP_FULL);
        CHECK_EQ(f->h.id[0], 0x11);
        CHECK_EQ(f->h.id[15], 0xa5);
        CHECK_EQ(f->h.parent_id[0] | f->h.parent_id[15], 0);
        CHECK_EQ(f->h.created_ns, 1700000000123456789ull);
        CHECK_EQ(f->h.ram_base, VIRT_DRAM_BASE);
        CHECK_EQ(f->h.ram_size, TRAM);
        CHECK_EQ(f->h.sections_off, SNAP_PAGE);
        CHECK_EQ(f->h.sections_len, sec.len);
        CHECK_EQ(f->h.index_off % 8, 0);
        CHECK(f->h.index_off >= f->h.sections_off + f->h.sections_len);
        CHECK_EQ(f->h.n_pages, ARRAY_SIZE(nonzero));
        CHECK_EQ(f->h.data_off % SNAP_PAGE, 0);
        CHECK_EQ(f->h.file_size, f->h.data_off + TRAM);
        CHECK(!strcmp(f->h.name, "root"));
        CHECK(!strcmp(f->h.domain, "testdom"));
        CHECK(!memcmp(f->sections, sec.buf, sec.len));
        CHECK(snap_sections_check(f->sections, f->h.sections_len) == NULL);
        /* the writer's copy of the header got the layout fields too */
        CHECK_EQ(h.data_off, f->h.data_off);
        CHECK_EQ(h.header_checksum, f->h.header_checksum);
        unsigned right = 0, zero_absent = 0;
        for (uint64_t pg = 0; pg < TPAGES; pg++) {
            const uint8_t *p = snapfile_page(f, pg);
            bool listed = false;
            for (size_t i = 0; i < ARRAY_SIZE(nonzero); i++)
                listed |= nonzero[i] == pg;
            if (listed)
                right += p && !memcmp(p, img.ram + pg * SNAP_PAGE, SNAP_PAGE);
            else
                zero_absent += p == NULL;
            /* unlisted pages of a full image read as zero in the file itself */
            const uint8_t *at = f->map + f->h.data_off + pg * SNAP_PAGE;
            CHECK(!memcmp(at, img.ram + pg * SNAP_PAGE, SNAP_PAGE));
        }
        CHECK_EQ(right, ARRAY_SIZE(nonzero));
        CHECK_EQ(zero_absent, TPAGES - ARRAY_SIZE(nonzero));
        CHECK(snapfile_page(f, TPAGES) == NULL);
        CHECK(snapfile_page(f, UINT64_MAX) == NULL);
        snapfile_close(f);
    }
    /* header only */
    struct snapfile_header hh;
    CHECK_EQ(snapfile_read_header(full, &hh, err, sizeof(err)), 0);
    CHECK_EQ(hh.n_pages, ARRAY_SIZE(nonzero));
    /* trusted open skips the page checks but gives the same view */
    f = snapfile_open(full, true, err, sizeof(err));
    CHECK(f != NULL);
    if (f) {
        const uint8_t *p33 = snapfile_page(f, 33);
        CHECK(p33 && !memcmp(p33, img.ram + 33 * SNAP_PAGE, SNAP_PAGE));
        snapfile_close(f);
    }

    /* delta: pages stored packed, even a zero one (a page written back to zero) */
    static const uint64_t dpages[] = {5, 10, 40, 41};
    uint8_t *saved = malloc(TRAM);
    memcpy(saved, img.ram, TRAM);
    fill_page(img.ram + 10 * SNAP_PAGE, 2, 10);
    fill_page(img.ram + 40 * SNAP_PAGE, 2, 40);
    fill_page(img.ram + 41 * SNAP_PAGE, 2, 41);
    memset(img.ram + 5 * SNAP_PAGE, 0, SNAP_PAGE);
    struct snapfile_header d = make_header(SNAP_DELTA, 0x22, 0x11, "child", "root");
    CHECK_EQ(write_file(delta, &d, &sec, &img, dpages, ARRAY_SIZE(dpages), err, sizeof(err)), 0);
    CHECK_EQ(temp_files_in(dir), 0);
    f = snapfile_open(delta, false, err, sizeof(err));
    CHECK(f != NULL);
    if (!f)
        fprintf(stderr, "  %s\n", err);
    if (f) {
        CHECK_EQ(f->h.kind, SNAP_DELTA);
        CHECK_EQ(f->h.parent_id[0], 0x11);
        CHECK(!strcmp(f->h.parent_name, "root"));
        CHECK_EQ(f->h.n_pages, ARRAY_SIZE(dpages));
        CHECK_EQ(f->h.file_size, f->h.data_off + ARRAY_SIZE(dpages) * SNAP_PAGE);
        for (size_t i = 0; i < ARRAY_SIZE(dpages); i++) {
            const uint8_t *p = snapfile_page(f, dpages[i]);
            CHECK(p && !memcmp(p, img.ram + dpages[i] * SNAP_PAGE, SNAP_PAGE));
            CHECK(p == f->map + f->h.data_off + i * SNAP_PAGE); /* packed in index order */
        }
        CHECK(snapfile_page(f, 0) == NULL);
        CHECK(snapfile_page(f, 11) == NULL);
        CHECK(snapfile_page(f, 63) == NULL);
        snapfile_close(f);
    }
    memcpy(img.ram, saved, TRAM);
    free(saved);

    /* an empty delta: no pages at all */
    char empty[PATH_MAX];
    path_in(empty, sizeof(empty), "files", "empty.snap");
    struct snapfile_header e = make_header(SNAP_DELTA, 0x33, 0x11, "empty", "root");
    CHECK_EQ(write_file(empty, &e, &sec, &img, NULL, 0, err, sizeof(err)), 0);
    f = snapfile_open(empty, false, err, sizeof(err));
    CHECK(f != NULL);
    if (f) {
        CHECK_EQ(f->h.n_pages, 0);
        CHECK(snapfile_page(f, 0) == NULL);
        snapfile_close(f);
    }
    /* an existing file is replaced whole */
    h = make_header(SNAP_FULL, 0x44, 0, "root2", "");
    CHECK_EQ(write_file(full, &h, &sec, &img, nonzero, 3, err, sizeof(err)), 0);
    f = snapfile_open(full, false, err, sizeof(err));
    CHECK(f && f->h.id[0] == 0x44 && f->h.n_pages == 3);
    if (f) {
        /* pages 10, 33, 63 are in the image file as holes now: no longer stored */
        CHECK(snapfile_page(f, 33) == NULL);
        CHECK(f->map[f->h.data_off + 33 * SNAP_PAGE + 5] == 0);
    }
    snapfile_close(f);
    h = make_header(SNAP_FULL, 0x11, 0, "root", "");
    CHECK_EQ(write_file(full, &h, &sec, &img, nonzero, ARRAY_SIZE(nonzero), err, sizeof(err)), 0);
    CHECK_EQ(temp_files_in(dir), 0);

    /* a directory that does not exist: fails with the reason, leaves nothing */
    char nowhere[PATH_MAX];
    path_in(nowhere, sizeof(nowhere), "files/missing", "x.snap");
    err[0] = 0;
    h = make_header(SNAP_FULL, 0x55, 0, "x", "");
    CHECK_EQ(write_file(nowhere, &h, &sec, &img, nonzero, 1, err, sizeof(err)), -1);
    CHECK(err[0] && strstr(err, "missing"));
    CHECK_EQ(access(nowhere, F_OK), -1);
    CHECK_EQ(temp_files_in(dir), 0);

    /* a write that fails halfway (file size limit, as a full disk would): the temporary file
     * is removed and the target is not created */
    char limited[PATH_MAX];
    path_in(limited, sizeof(limited), "files", "limited.snap");
    struct rlimit old;
    CHECK_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = {2 * SNAP_PAGE, old.rlim_max};
    CHECK_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
    err[0] = 0;
    h = make_header(SNAP_FULL, 0x66, 0, "limited", "");
    int r = write_file(limited, &h, &sec, &img, nonzero, ARRAY_SIZE(nonzero), err, sizeof(err));
    CHECK_EQ(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, prev);
    CHECK_EQ(r, -1);
    CHECK(err[0] != 0);
    CHECK_EQ(access(limited, F_OK), -1);
    CHECK_EQ(temp_files_in(dir), 0);

    /* a path too long for the temporary name */
    char longpath[PATH_MAX + 16];
    memset(longpath, 'a', sizeof(longpath) - 1);
    longpath[0] = '/';
    longpath[sizeof(longpath) - 1] = 0;
    err[0] = 0;
    CHECK_EQ(write_file(longpath, &h, &sec, &img, nonzero, 1, err, sizeof(err)), -1);
    CHECK(err[0] != 0);

    /* opening what is not there, or not a snapshot */
    err[0] = 0;
    CHECK(snapfile_open(nowhere, false, err, sizeof(err)) == NULL);
    CHECK(err[0] != 0);
    err[0] = 0;
    CHECK(snapfile_open(dir, false, err, sizeof(err)) == NULL);
    CHECK(err[0] != 0);

    snap_w_free(&sec);
    free(img.ram);
}

/* One corrupted copy of `orig` at `bad`, which open must refuse. */
static bool try_bad(const char *bad, const uint8_t *buf, size_t len, const char *what, size_t at)
{
    put_sparse(bad, buf, len);
    return refuses(bad, what, at);
}

/* Every 97th bit of the file, then the bits of each region the layout has. */
static void corruption_matrix(const char *path, const char *label)
{
    char bad[PATH_MAX];
    path_in(bad, sizeof(bad), "files", "bad.snap");
    size_t len;
    uint8_t *orig = slurp(path, &len);
    if (!orig)
        return;
    struct snapfile_header h;
    memcpy(&h, orig, sizeof(h));
    uint8_t *c = malloc(len + SNAP_PAGE);

    unsigned total = 0, refused = 0;
    for (size_t bit = 0; bit < len * 8; bit += 97) {
        memcpy(c, orig, len);
        c[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        total++;
        refused += try_bad(bad, c, len, "a flipped bit", bit / 8);
    }
    printf("  %s: %u of %u bit flips (every 97th bit) refused\n", label, refused, total);
    CHECK_EQ(refused, total);

    /* the named places: every bit of the header, bits of each other region */
    size_t index_end = h.index_off + h.n_pages * sizeof(struct snap_page_entry);
    struct {
        const char *what;
        size_t from, to, step; /* bit range [from, to) */
    } regions[] = {
        {"a flipped header bit", 0, sizeof(h) * 8, 1},
        {"a flipped bit in page 0's padding", sizeof(h) * 8, SNAP_PAGE * 8, 61},
        {"a flipped bit in the sections", h.sections_off * 8,
         (h.sections_off + h.sections_len) * 8, 1},
        {"a flipped index bit", h.index_off * 8, index_end * 8, 1},
        {"a flipped bit between the index and the data", index_end * 8, h.data_off * 8, 53},
        {"a flipped bit in the first stored page", h.data_off * 8, (h.data_off + SNAP_PAGE) * 8,
         41},
    };
    for (size_t i = 0; i < ARRAY_SIZE(regions); i++) {
        unsigned t = 0, ok = 0;
        for (size_t bit = regions[i].from; bit < regions[i].to; bit += regions[i].step) {
            memcpy(c, orig, len);
            c[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            t++;
            ok += try_bad(bad, c, len, regions[i].what, bit / 8);
        }
        CHECK(t > 0);
        CHECK_EQ(ok, t);
    }

    /* a hole of a full image (page 20 is not stored): any non-zero byte there is refused */
    if (h.kind == SNAP_FULL) {
        size_t holes[] = {h.data_off + 20 * SNAP_PAGE, h.data_off + 20 * SNAP_PAGE + 4095,
                          h.data_off + 3 * SNAP_PAGE + 100, len - 1};
        for (size_t i = 0; i < ARRAY_SIZE(holes); i++) {
            memcpy(c, orig, len);
            c[holes[i]] = 0x40;
            CHECK(try_bad(bad, c, len, "a non-zero byte in a hole", holes[i]));
        }
    }

    /* truncated, extended, another version, another kind, bad magic */
    CHECK(try_bad(bad, orig, len - 1, "the last byte cut", len - 1));
    CHECK(try_bad(bad, orig, len / 2, "half cut", len / 2));
    CHECK(try_bad(bad, orig, sizeof(h) - 1, "only part of the header", 0));
    CHECK(try_bad(bad, orig, 0, "nothing", 0));
    memcpy(c, orig, len);
    c[len] = 0;
    CHECK(try_bad(bad, c, len + 1, "a zero byte appended", len));
    c[len] = 0x7f;
    CHECK(try_bad(bad, c, len + 1, "a byte appended", len));
    memset(c + len, 0, SNAP_PAGE);
    CHECK(try_bad(bad, c, len + SNAP_PAGE, "a zero page appended", len));

    char err[PATH_MAX + 256];
    for (int fix = 0; fix < 2; fix++) {
        /* version 2, with the header checksum left alone and then made right */
        struct snapfile_header x = h;
        x.version = SNAPFILE_VERSION + 1;
        if (fix)
            x.header_checksum = XXH3_64bits(&x, offsetof(struct snapfile_header, header_checksum));
        memcpy(c, orig, len);
        memcpy(c, &x, sizeof(x));
        put_sparse(bad, c, len);
        err[0] = 0;
        CHECK(snapfile_open(bad, false, err, sizeof(err)) == NULL);
        CHECK(strstr(err, "version") != NULL);
    }
    /* fields the header checksum covers but that are wrong anyway: a reader must not trust
     * the checksum alone (the file could be made to match) */
    const char *field_names[] = {"kind 3", "ram_size 0", "ram_size not a page multiple",
                                 "huge ram_size", "n_pages past ram", "sections_off 0",
                                 "index_off off by 8", "data_off off by a page",
                                 "file_size different", "unterminated name",
                                 "huge sections_len", "n_pages + 1"};
    for (size_t k = 0; k < ARRAY_SIZE(field_names); k++) {
        struct snapfile_header x = h;
        switch (k) {
        case 0: x.kind = 3; break;
        case 1: x.ram_size = 0; break;
        case 2: x.ram_size += 1; break;
        case 3: x.ram_size = 1ull << 41; break;
        case 4: x.n_pages = TPAGES + 1; break;
        case 5: x.sections_off = 0; break;
        case 6: x.index_off += 8; break;
        case 7: x.data_off += SNAP_PAGE; break;
        case 8: x.file_size += SNAP_PAGE; break;
        case 9: memset(x.name, 'n', sizeof(x.name)); break;
        case 10: x.sections_len = UINT64_MAX - 100; break;
        case 11: x.n_pages += 1; break;
        }
        x.header_checksum = XXH3_64bits(&x, offsetof(struct snapfile_header, header_checksum));
        memcpy(c, orig, len);
        memcpy(c, &x, sizeof(x));
        CHECK(try_bad(bad, c, len, field_names[k], 0));
    }
    /* an index out of order, or past RAM, with every checksum made right */
    if (h.n_pages >= 2) {
        for (int k = 0; k < 3; k++) {
            memcpy(c, orig, len);
            struct snap_page_entry *ix = (struct snap_page_entry *)(void *)(c + h.index_off);
            if (k == 0) { /* swapped */
                struct snap_page_entry t = ix[0];
                ix[0] = ix[1];
                ix[1] = t;
            } else if (k == 1) { /* repeated */
                ix[1] = ix[0];
            } else { /* past the end of RAM */
                ix[h.n_pages - 1].page = TPAGES;
            }
            struct snapfile_header x = h;
            x.index_checksum = XXH3_64bits(ix, h.n_pages * sizeof(*ix));
            x.header_checksum = XXH3_64bits(&x, offsetof(struct snapfile_header, header_checksum));
            memcpy(c, &x, sizeof(x));
            CHECK(try_bad(bad, c, len, "a bad index with good checksums", h.index_off));
        }
    }
    unlink(bad);
    free(c);
    free(orig);
}

static void test_snapfile_corruption(void)
{
    char full[PATH_MAX], delta[PATH_MAX];
    path_in(full, sizeof(full), "files", "full.snap");
    path_in(delta, sizeof(delta), "files", "delta.snap");
    corruption_matrix(full, "full image");
    corruption_matrix(delta, "delta");
    /* the originals still open: nothing above touched them */
    char err[PATH_MAX + 256];
    struct snapfile *f = snapfile_open(full, false, err, sizeof(err));
    CHECK(f != NULL);
    snapfile_close(f);
    f = snapfile_open(delta, false, err, sizeof(err));
    CHECK(f != NULL);
    snapfile_close(f);
}

/* ------------------------------------------------------------------------------------------
 * the tree */

static struct snap_node *node_named(struct snap_tree *t, const char *name)
{
    struct snap_node *n = snap_tree_find(t, name);
    CHECK(n != NULL);
    return n;
}

static bool page_is(const uint8_t *p, unsigned seed, uint64_t pg)
{
    uint8_t want[SNAP_PAGE];
    fill_page(want, seed, pg);
    return !memcmp(p, want, SNAP_PAGE);
}

static bool page_zero(const uint8_t *p)
{
    for (unsigned i = 0; i < SNAP_PAGE; i++)
        if (p[i])
            return false;
    return true;
}

/* A snapshot in `sub` whose stored pages are filled with `seed`. */
static void tree_file(const char *sub, const char *file, enum snap_kind kind, uint8_t id,
                      uint8_t parent, const char *name, const char *parent_name, unsigned seed,
                      const uint64_t *pages, size_t n)
{
    char path[PATH_MAX], err[PATH_MAX + 256];
    path_in(path, sizeof(path), sub, file);
    struct image img = {calloc(1, TRAM)};
    for (size_t i = 0; i < n; i++)
        fill_page(img.ram + pages[i] * SNAP_PAGE, seed, pages[i]);
    struct snap_writer sec;
    build_blob(&sec);
    struct snapfile_header h = make_header(kind, id, parent, name, parent_name);
    int r = write_file(path, &h, &sec, &img, pages, n, err, sizeof(err));
    CHECK_EQ(r, 0);
    if (r)
        fprintf(stderr, "  %s\n", err);
    snap_w_free(&sec);
    free(img.ram);
}

static void test_tree_chain(void)
{
    char dir[PATH_MAX], err[PATH_MAX + 256];
    path_in(dir, sizeof(dir), "tree", "");
    dir[strlen(dir) - 1] = 0;
    CHECK_EQ(mkdir(dir, 0700), 0);
    /* root (full) -> a -> c, and root -> b */
    static const uint64_t root_pages[] = {0, 1, 10, 20};
    static const uint64_t a_pages[] = {1, 20, 21};
    static const uint64_t b_pages[] = {0, 30};
    static const uint64_t c_pages[] = {10, 21, 40};
    tree_file("tree", "root.snap", SNAP_FULL, 0x10, 0, "root", "", 1, root_pages, 4);
    tree_file("tree", "a.snap", SNAP_DELTA, 0x20, 0x10, "a", "root", 2, a_pages, 3);
    tree_file("tree", "b.snap", SNAP_DELTA, 0x30, 0x10, "b", "root", 3, b_pages, 2);
    tree_file("tree", "c.snap", SNAP_DELTA, 0x40, 0x20, "c", "a", 4, c_pages, 3);
    /* not snapshots: skipped (a hidden temporary file, another extension, a damaged file) */
    char junk[PATH_MAX];
    path_in(junk, sizeof(junk), "tree", ".c.snap.tmp.1");
    put_sparse(junk, (const uint8_t *)"x", 1);
    path_in(junk, sizeof(junk), "tree", "notes.txt");
    put_sparse(junk, (const uint8_t *)"x", 1);
    path_in(junk, sizeof(junk), "tree", "damaged.snap");
    put_sparse(junk, (const uint8_t *)"ARBORSNP", 8);

    struct snap_tree t;
    CHECK_EQ(snap_tree_load(&t, dir, err, sizeof(err)), 0);
    CHECK_EQ(t.n, 4);
    struct snap_node *root = node_named(&t, "root"), *a = node_named(&t, "a"),
                     *b = node_named(&t, "b"), *c = node_named(&t, "c");
    if (!root || !a || !b || !c) {
        snap_tree_free(&t);
        return;
    }
    CHECK(root->parent == NULL);
    CHECK(a->parent == root);
    CHECK(b->parent == root);
    CHECK(c->parent == a);
    CHECK(root->own && c->own);
    CHECK(snap_tree_find(&t, "nope") == NULL);
    CHECK(c->file == NULL); /* nothing opened until used */

    CHECK_EQ(snap_node_open(c, err, sizeof(err)), 0);
    CHECK(c->file && a->file && root->file);
    CHECK(b->file == NULL);
    /* c's memory: its own pages over a's over root's */
    CHECK(page_is(snap_node_page(c, 0), 1, 0));   /* root */
    CHECK(page_is(snap_node_page(c, 1), 2, 1));   /* a over root */
    CHECK(page_is(snap_node_page(c, 10), 4, 10)); /* c over root */
    CHECK(page_is(snap_node_page(c, 20), 2, 20)); /* a over root */
    CHECK(page_is(snap_node_page(c, 21), 4, 21)); /* c over a */
    CHECK(page_is(snap_node_page(c, 40), 4, 40)); /* c */
    CHECK(page_zero(snap_node_page(c, 30)));      /* b is a sibling branch */
    CHECK(page_zero(snap_node_page(c, 5)));
    CHECK(page_zero(snap_node_page(c, 63)));
    /* a's view does not see its child */
    CHECK(page_is(snap_node_page(a, 10), 1, 10));
    CHECK(page_zero(snap_node_page(a, 40)));
    CHECK_EQ(snap_node_open(b, err, sizeof(err)), 0);
    CHECK(page_is(snap_node_page(b, 0), 3, 0));
    CHECK(page_is(snap_node_page(b, 1), 1, 1));
    CHECK(page_is(snap_node_page(b, 30), 3, 30));
    CHECK(page_zero(snap_node_page(b, 21)));
    CHECK(page_is(snap_node_page(root, 20), 1, 20));
    CHECK(page_zero(snap_node_page(root, 21)));

    uint64_t map[TPAGES / 64] = {0};
    snap_node_mark_pages(c, map);
    CHECK_EQ(map[0], (1ull << 10) | (1ull << 21) | (1ull << 40));

    /* remove a: c loses its parent and cannot be opened any more */
    snap_tree_remove(&t, a);
    CHECK_EQ(t.n, 3);
    CHECK(c->parent == NULL);
    snapfile_close(c->file);
    c->file = NULL;
    err[0] = 0;
    CHECK_EQ(snap_node_open(c, err, sizeof(err)), -1);
    CHECK(strstr(err, "missing or damaged") != NULL);
    snap_tree_free(&t);
    CHECK_EQ(t.n, 0);

    /* a parent of another memory size is not a parent */
    char path[PATH_MAX];
    struct snap_writer sec;
    build_blob(&sec);
    struct image img = {calloc(1, 2 * TRAM)};
    struct snapfile_header h = make_header(SNAP_DELTA, 0x50, 0x10, "big", "root");
    h.ram_size = 2 * TRAM;
    path_in(path, sizeof(path), "tree", "big.snap");
    CHECK_EQ(write_file(path, &h, &sec, &img, NULL, 0, err, sizeof(err)), 0);
    snap_w_free(&sec);
    free(img.ram);
    CHECK_EQ(snap_tree_load(&t, dir, err, sizeof(err)), 0);
    CHECK_EQ(t.n, 5);
    struct snap_node *big = node_named(&t, "big");
    if (big) {
        CHECK(big->parent == NULL);
        CHECK_EQ(snap_node_open(big, err, sizeof(err)), -1);
    }
    snap_tree_free(&t);
}

static void test_tree_loops(void)
{
    char dir[PATH_MAX], err[PATH_MAX + 256];
    path_in(dir, sizeof(dir), "loops", "");
    dir[strlen(dir) - 1] = 0;
    CHECK_EQ(mkdir(dir, 0700), 0);
    static const uint64_t pg[] = {3};
    /* its own parent; a 2-cycle; a 3-cycle; a chain that runs into the 2-cycle; a delta whose
     * parent does not exist; and one good pair to show the rest still links */
    tree_file("loops", "self.snap", SNAP_DELTA, 0x61, 0x61, "self", "self", 5, pg, 1);
    tree_file("loops", "x.snap", SNAP_DELTA, 0x62, 0x63, "x", "y", 5, pg, 1);
    tree_file("loops", "y.snap", SNAP_DELTA, 0x63, 0x62, "y", "x", 5, pg, 1);
    tree_file("loops", "p.snap", SNAP_DELTA, 0x64, 0x65, "p", "q", 5, pg, 1);
    tree_file("loops", "q.snap", SNAP_DELTA, 0x65, 0x66, "q", "r", 5, pg, 1);
    tree_file("loops", "r.snap", SNAP_DELTA, 0x66, 0x64, "r", "p", 5, pg, 1);
    tree_file("loops", "tail.snap", SNAP_DELTA, 0x67, 0x62, "tail", "x", 5, pg, 1);
    tree_file("loops", "orphan.snap", SNAP_DELTA, 0x68, 0x7f, "orphan", "lost", 5, pg, 1);
    /* a full snapshot with a parent id (made so): the chain ends at it anyway */
    tree_file("loops", "fullp.snap", SNAP_FULL, 0x69, 0x6a, "fullp", "kid", 6, pg, 1);
    tree_file("loops", "kid.snap", SNAP_DELTA, 0x6a, 0x69, "kid", "fullp", 7, pg, 1);

    alarm(20); /* a loop followed forever ends the test here */
    struct snap_tree t;
    CHECK_EQ(snap_tree_load(&t, dir, err, sizeof(err)), 0);
    CHECK_EQ(t.n, 10);
    /* no chain is longer than the tree */
    for (size_t i = 0; i < t.n; i++) {
        size_t steps = 0;
        for (struct snap_node *x = t.nodes[i]; x && steps <= t.n; x = x->parent)
            steps++;
        CHECK(steps <= t.n);
    }
    static const char *const looped[] = {"self", "x", "y", "p", "q", "r", "tail", "orphan"};
    for (size_t i = 0; i < ARRAY_SIZE(looped); i++) {
        struct snap_node *n = node_named(&t, looped[i]);
        if (!n)
            continue;
        err[0] = 0;
        CHECK_EQ(snap_node_open(n, err, sizeof(err)), -1);
        CHECK(err[0] != 0);
        if (!strcmp(looped[i], "orphan"))
            CHECK(strstr(err, "lost") != NULL && strstr(err, "missing or damaged") != NULL);
    }
    /* linking again (as after every add or remove) keeps every chain finite */
    snap_tree_link(&t);
    snap_tree_link(&t);
    for (size_t i = 0; i < t.n; i++) {
        size_t steps = 0;
        for (struct snap_node *x = t.nodes[i]; x && steps <= t.n; x = x->parent)
            steps++;
        CHECK(steps <= t.n);
    }
    /* kid <-> fullp loop: which link is cut depends on the directory order; either way
     * nothing hangs and what opens reads right */
    struct snap_node *kid = node_named(&t, "kid");
    if (kid && snap_node_open(kid, err, sizeof(err)) == 0) {
        CHECK(page_is(snap_node_page(kid, 3), 7, 3));
        CHECK(page_zero(snap_node_page(kid, 4)));
    }
    struct snap_node *fullp = node_named(&t, "fullp");
    if (fullp) {
        CHECK_EQ(snap_node_open(fullp, err, sizeof(err)), 0);
        CHECK(page_is(snap_node_page(fullp, 3), 6, 3));
    }
    alarm(0);
    snap_tree_free(&t);

    /* a bare path that is not a directory */
    char file[PATH_MAX];
    path_in(file, sizeof(file), "loops", "self.snap");
    err[0] = 0;
    CHECK_EQ(snap_tree_load(&t, file, err, sizeof(err)), -1);
    CHECK(err[0] != 0);
    snap_tree_free(&t);
}

static void test_names(void)
{
    CHECK(snap_name_valid("a"));
    CHECK(snap_name_valid("base-1.2_x"));
    CHECK(!snap_name_valid(""));
    CHECK(!snap_name_valid(".hidden"));
    CHECK(!snap_name_valid("a/b"));
    CHECK(!snap_name_valid("../x"));
    CHECK(!snap_name_valid("sp ace"));
    char longest[SNAP_NAME_MAX];
    memset(longest, 'z', sizeof(longest));
    longest[SNAP_NAME_MAX - 1] = 0;
    CHECK(snap_name_valid(longest));
    char too_long[SNAP_NAME_MAX + 1];
    memset(too_long, 'z', sizeof(too_long));
    too_long[SNAP_NAME_MAX] = 0;
    CHECK(!snap_name_valid(too_long));
}

/* ------------------------------------------------------------------------------------------
 * the whole machine */

/* A temporary file whose writer died is removed when the tree is read; a live writer's stays,
 * and so does a file that is no snapshot at all. */
static void test_tree_stale_temp(void)
{
    char dir[PATH_MAX + 16], dead[PATH_MAX + 64], live[PATH_MAX + 64], other[PATH_MAX + 64], err[512];
    snprintf(dir, sizeof(dir), "%s/stale", tmpdir);
    CHECK_EQ(mkdir(dir, 0700), 0);
    snprintf(dead, sizeof(dead), "%s/.s1.snap.tmp.2147483646", dir);
    snprintf(live, sizeof(live), "%s/.s2.snap.tmp.%d", dir, (int)getpid());
    snprintf(other, sizeof(other), "%s/notes.txt", dir);
    const char *files[] = {dead, live, other};
    for (unsigned i = 0; i < 3; i++) {
        int fd = open(files[i], O_WRONLY | O_CREAT, 0600);
        CHECK(fd >= 0);
        close(fd);
    }
    struct snap_tree t;
    CHECK_EQ(snap_tree_load(&t, dir, err, sizeof(err)), 0);
    CHECK(access(dead, F_OK) != 0);
    CHECK_EQ(access(live, F_OK), 0);
    CHECK_EQ(access(other, F_OK), 0);
    CHECK_EQ(t.n, 0);
    CHECK_EQ(t.skipped, 0);
    snap_tree_free(&t);
}

int main(void)
{
    if (!make_tmpdir())
        return 1;
    test_snapfile_write_open();
    test_snapfile_corruption();
    test_tree_chain();
    test_tree_loops();
    test_tree_stale_temp();
    test_names();
    rm_tree(tmpdir);
    return check_summary("snapshot_files");
}
