/* libFuzzer harness for snapshot files: the bytes become a file (a memfd), which snapfile_open
 * checks completely. A file it accepts has every page walked through snapfile_page and its
 * sections loaded into a machine (fuzz_common.h: refused with a reason and nothing changed, or
 * accepted and stable). Nothing may crash, leak or hang.
 *
 * Input: one mode byte, then bytes.
 *   mode & 3: 0 the bytes are the file;
 *             1 they are edits (fuzz_common.h) of a valid full snapshot of the machine;
 *             2 the same of a valid delta snapshot;
 *             3 they are the sections of the full snapshot, laid out as the writer would.
 *   mode & 4: leave the sections' checksums and padding alone (else they are made right);
 *   mode & 8: leave the page checksums and the index checksum alone;
 *   mode & 16: leave the header checksum alone.
 * Making the checksums right lets the fuzzer reach the layout checks, the index and padding
 * checks and the section loaders instead of stopping at the first checksum. */
#include "fuzz_common.h"

#include <sys/mman.h>

#include "snap/snapfile.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FILE_MAX (2u << 20)

struct tmpl {
    uint8_t *buf;
    size_t len;
};
static struct tmpl full_tmpl, delta_tmpl;
static int memfd = -1;
static char memfd_path[64];

static uint8_t template_ram[FUZZ_MEM];

static const uint8_t *ram_page(void *ctx, uint64_t pg)
{
    (void)ctx;
    return template_ram + pg * SNAP_PAGE;
}

/* Write a snapshot with snapfile_write and read it back as bytes. */
static void make_template(struct tmpl *t, enum snap_kind kind, const uint64_t *pages, uint64_t n)
{
    char dir[] = "/tmp/arbor-fuzz-snapfile-XXXXXX", path[128], err[512];
    if (!mkdtemp(dir))
        abort();
    snprintf(path, sizeof(path), "%s/t.snap", dir);
    struct snapfile_header h;
    memset(&h, 0, sizeof(h));
    h.kind = kind;
    memset(h.id, kind, sizeof(h.id));
    if (kind == SNAP_DELTA)
        memset(h.parent_id, SNAP_FULL, sizeof(h.parent_id));
    h.created_ns = 1;
    h.ram_base = VIRT_DRAM_BASE;
    h.ram_size = FUZZ_MEM;
    snprintf(h.name, sizeof(h.name), "t%d", kind);
    snprintf(h.domain, sizeof(h.domain), "fuzz");
    struct snap_page_source src = {ram_page, NULL};
    if (snapfile_write(path, &h, fuzz_pristine.buf, fuzz_pristine.len, src, pages, n, err,
                       sizeof(err)))
        fuzz_fail("cannot write a template", err);
    t->buf = (uint8_t *)read_file(path, &t->len);
    if (!t->buf)
        abort();
    unlink(path);
    rmdir(dir);
}

static void init(void)
{
    static bool ready;
    if (ready)
        return;
    ready = true;
    fuzz_board_init();
    for (unsigned pg = 0; pg < FUZZ_MEM / SNAP_PAGE; pg += 3)
        for (unsigned i = 0; i < SNAP_PAGE; i += 64)
            template_ram[pg * SNAP_PAGE + i] = (uint8_t)(pg + i / 64 + 1);
    static const uint64_t full_pages[] = {0, 3, 6, 9, 12, 15};
    static const uint64_t delta_pages[] = {1, 3, 14};
    make_template(&full_tmpl, SNAP_FULL, full_pages, ARRAY_SIZE(full_pages));
    make_template(&delta_tmpl, SNAP_DELTA, delta_pages, ARRAY_SIZE(delta_pages));
    memfd = memfd_create("arbor-fuzz-snap", MFD_CLOEXEC);
    if (memfd < 0)
        abort();
    snprintf(memfd_path, sizeof(memfd_path), "/proc/self/fd/%d", memfd);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    init();
    if (!fuzz_seeds_begin(argc, argv))
        return 0;
    for (uint8_t m = 1; m <= 2; m++) {
        fuzz_seed2(m, NULL, 0);
        const uint8_t flip_header[] = {0, 0x0c, 0x00, 0x00, 0x01}; /* kind */
        fuzz_seed2(m, flip_header, sizeof(flip_header));
        const uint8_t cut[] = {2, 0x00, 0x30, 0x00}; /* resize to 12 KiB */
        fuzz_seed2(m, cut, sizeof(cut));
        const uint8_t index_u64[] = {3 | 5 << 2, 0x10, 0x20, 0x00}; /* a u64 near the index */
        fuzz_seed2(m, index_u64, sizeof(index_u64));
        fuzz_seed2(m | 16, flip_header, sizeof(flip_header));
    }
    fuzz_seed2(3, fuzz_pristine.buf, fuzz_pristine.len);
    fuzz_seed2(3 | 4, fuzz_pristine.buf, fuzz_pristine.len);
    fuzz_seed2(0, delta_tmpl.buf, delta_tmpl.len < 4096 ? delta_tmpl.len : 4096);
    return 0;
}

static uint64_t header_checksum(const struct snapfile_header *h)
{
    return XXH3_64bits(h, offsetof(struct snapfile_header, header_checksum));
}

/* The writer's layout for a header of this kind, sections, pages and RAM (plan_layout). */
static uint64_t align_up(uint64_t x, uint64_t a)
{
    return (x + a - 1) / a * a;
}

/* Mode 3: the full template with `sections` instead of its own. */
static size_t with_sections(uint8_t *out, const uint8_t *sections, size_t n)
{
    struct snapfile_header h;
    memcpy(&h, full_tmpl.buf, sizeof(h));
    if (n > FILE_MAX / 2)
        n = FILE_MAX / 2;
    uint64_t old_index = h.index_off, old_data = h.data_off;
    h.sections_len = n;
    h.index_off = align_up(h.sections_off + n, 8);
    h.data_off = align_up(h.index_off + h.n_pages * sizeof(struct snap_page_entry), SNAP_PAGE);
    h.file_size = h.data_off + h.ram_size;
    memset(out, 0, h.file_size);
    memcpy(out, &h, sizeof(h));
    memcpy(out + h.sections_off, sections, n);
    memcpy(out + h.index_off, full_tmpl.buf + old_index,
           h.n_pages * sizeof(struct snap_page_entry));
    memcpy(out + h.data_off, full_tmpl.buf + old_data, h.ram_size);
    return h.file_size;
}

/* Make the checksums the mode asks for right, wherever the header says they are and the bytes
 * are there. */
static void fix_checksums(uint8_t *buf, size_t len, uint8_t mode)
{
    if (len < sizeof(struct snapfile_header))
        return;
    struct snapfile_header h;
    memcpy(&h, buf, sizeof(h));
    if (!(mode & 4) && h.sections_off <= len && h.sections_len <= len - h.sections_off)
        fuzz_reseal(buf + h.sections_off, (size_t)h.sections_len);
    if (!(mode & 8) && h.index_off <= len && h.n_pages <= (len - h.index_off) / 16) {
        struct snap_page_entry *ix = (struct snap_page_entry *)(void *)(buf + h.index_off);
        for (uint64_t k = 0; k < h.n_pages; k++) {
            struct snap_page_entry e;
            memcpy(&e, &ix[k], sizeof(e));
            uint64_t slot = h.kind == SNAP_FULL ? e.page : k;
            if (h.data_off <= len && slot < (len - h.data_off) / SNAP_PAGE) {
                e.checksum = XXH3_64bits(buf + h.data_off + slot * SNAP_PAGE, SNAP_PAGE);
                memcpy(&ix[k], &e, sizeof(e));
            }
        }
        h.index_checksum = XXH3_64bits(buf + h.index_off, h.n_pages * sizeof(*ix));
    }
    if (!(mode & 16))
        h.header_checksum = header_checksum(&h);
    memcpy(buf, &h, sizeof(h));
}

/* The file as the memfd's contents, keeping zero pages as holes like the writer does. */
static void put(const uint8_t *buf, size_t len)
{
    if (ftruncate(memfd, 0) || ftruncate(memfd, (off_t)len))
        abort();
    for (size_t off = 0; off < len; off += SNAP_PAGE) {
        size_t n = len - off < SNAP_PAGE ? len - off : SNAP_PAGE;
        bool zero = true;
        for (size_t i = 0; i < n && zero; i++)
            zero = buf[off + i] == 0;
        if (!zero && pwrite(memfd, buf + off, n, (off_t)off) != (ssize_t)n)
            abort();
    }
}

static volatile uint8_t sink;

/* An accepted file: what the machine and the tools read from it. */
static void use(const struct snapfile *f)
{
    const struct snapfile_header *h = &f->h;
    uint64_t pages = h->ram_size / SNAP_PAGE, stored = 0;
    /* every page when RAM is small, else the neighbours of the stored ones and the ends */
    if (pages <= 4096) {
        for (uint64_t pg = 0; pg < pages; pg++) {
            const uint8_t *p = snapfile_page(f, pg);
            if (p) {
                sink ^= p[0] ^ p[SNAP_PAGE - 1];
                stored++;
            }
        }
    } else {
        for (uint64_t k = 0; k < h->n_pages; k++)
            for (int d = -1; d <= 1; d++) {
                const uint8_t *p = snapfile_page(f, f->index[k].page + (uint64_t)d);
                if (p)
                    sink ^= p[0] ^ p[SNAP_PAGE - 1];
            }
        stored = h->n_pages;
        sink ^= snapfile_page(f, pages - 1) != NULL;
    }
    if (stored != h->n_pages)
        fuzz_fail("snapfile_page does not find exactly the stored pages", NULL);
    if (snapfile_page(f, pages))
        fuzz_fail("snapfile_page found a page past the end of RAM", NULL);
    fuzz_stat[STAT_CHECKED]++; /* snapfile_open checked them */
    fuzz_config(f->sections, (size_t)h->sections_len);
    fuzz_board_load(f->sections, (size_t)h->sections_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    fuzz_stat[STAT_INPUTS]++;
    if (size == 0)
        return 0;
    uint8_t mode = data[0];
    data++;
    size--;
    size_t cap = FILE_MAX, len = 0;
    uint8_t *buf = malloc(cap);
    if (!buf)
        abort();
    switch (mode & 3) {
    case 0:
        len = size < cap ? size : cap;
        memcpy(buf, data, len);
        break;
    case 1:
    case 2: {
        const struct tmpl *t = (mode & 3) == 1 ? &full_tmpl : &delta_tmpl;
        len = t->len;
        memcpy(buf, t->buf, len);
        fuzz_apply_edits(buf, &len, t->len + 2 * SNAP_PAGE, data, size);
        break;
    }
    default:
        len = with_sections(buf, data, size);
        break;
    }
    fix_checksums(buf, len, mode);
    put(buf, len);
    free(buf);

    char err[PATH_MAX + 256];
    err[0] = 0;
    struct snapfile *f = snapfile_open(memfd_path, false, err, sizeof(err));
    if (!f) {
        if (!err[0])
            fuzz_fail("a file was refused without a reason", NULL);
        return 0;
    }
    struct snapfile_header h;
    if (snapfile_read_header(memfd_path, &h, err, sizeof(err)) || memcmp(&h, &f->h, sizeof(h)))
        fuzz_fail("an accepted file's header reads differently alone", err);
    fuzz_stat[STAT_OPENED]++;
    use(f);
    snapfile_close(f);
    return 0;
}
