/* Writing and checking snapshot files (see snapfile.h, docs/snapshot-format.md). */
#include "snap/snapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "snap/section.h"

_Static_assert(sizeof(struct snapfile_header) == 8 + 4 + 4 + 16 + 16 + 8 * 10 + 3 * 64 + 8,
               "the header has no padding");
_Static_assert(sizeof(struct snapfile_header) <= SNAP_PAGE, "the header fits page 0");

#define ARBOR_STR2(x) #x
#define ARBOR_STR(x) ARBOR_STR2(x)
#define ALIGN_UP(x, a) (((x) + (a) - 1) / (a) * (a))

static void say(char *err, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, len, fmt, ap);
    va_end(ap);
}

static uint64_t header_checksum(const struct snapfile_header *h)
{
    return XXH3_64bits(h, offsetof(struct snapfile_header, header_checksum));
}

static int write_all(int fd, const void *p, size_t n, uint64_t off)
{
    const uint8_t *b = p;
    while (n) {
        ssize_t w = pwrite(fd, b, n, (off_t)off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        b += w;
        n -= (size_t)w;
        off += (uint64_t)w;
    }
    return 0;
}

/* Where page number k of the list (guest page pg) lives in the file. */
static uint64_t page_offset(const struct snapfile_header *h, uint64_t k, uint64_t pg)
{
    return h->data_off + (h->kind == SNAP_FULL ? pg : k) * SNAP_PAGE;
}

static void plan_layout(struct snapfile_header *h, size_t sections_len, uint64_t n)
{
    memcpy(h->magic, SNAPFILE_MAGIC, 8);
    h->version = SNAPFILE_VERSION;
    h->sections_off = SNAP_PAGE;
    h->sections_len = sections_len;
    h->index_off = ALIGN_UP(h->sections_off + sections_len, 8);
    h->n_pages = n;
    h->data_off = ALIGN_UP(h->index_off + n * sizeof(struct snap_page_entry), SNAP_PAGE);
    h->file_size = h->data_off + (h->kind == SNAP_FULL ? h->ram_size : n * SNAP_PAGE);
}

/* Pages, then the index of their checksums. Pages adjacent both in the source and in the
 * file go out in one write. */
static int write_pages(int fd, struct snapfile_header *h, struct snap_page_source src,
                       const uint64_t *pages, uint64_t n)
{
    struct snap_page_entry *index = malloc(n ? n * sizeof(*index) : 1);
    if (!index)
        return -1;
    uint64_t k = 0;
    while (k < n) {
        const uint8_t *first = src.page(src.ctx, pages[k]);
        uint64_t run = 1;
        while (k + run < n && run < 256 && pages[k + run] == pages[k] + run &&
               src.page(src.ctx, pages[k + run]) == first + run * SNAP_PAGE)
            run++;
        for (uint64_t i = k; i < k + run; i++)
            index[i] = (struct snap_page_entry){pages[i],
                                                XXH3_64bits(first + (i - k) * SNAP_PAGE, SNAP_PAGE)};
        if (write_all(fd, first, run * SNAP_PAGE, page_offset(h, k, pages[k]))) {
            free(index);
            return -1;
        }
        k += run;
    }
    h->index_checksum = XXH3_64bits(index, n * sizeof(*index));
    int r = write_all(fd, index, n * sizeof(*index), h->index_off);
    free(index);
    return r;
}

static int write_body(int fd, struct snapfile_header *h, const uint8_t *sections,
                      size_t sections_len, struct snap_page_source src, const uint64_t *pages,
                      uint64_t n)
{
    if (ftruncate(fd, (off_t)h->file_size) || write_pages(fd, h, src, pages, n) ||
        write_all(fd, sections, sections_len, h->sections_off))
        return -1;
    h->header_checksum = header_checksum(h);
    uint8_t page0[SNAP_PAGE] = {0};
    memcpy(page0, h, sizeof(*h));
    return write_all(fd, page0, sizeof(page0), 0) || fsync(fd) ? -1 : 0;
}

static void sync_dir(const char *path)
{
    char copy[PATH_MAX];
    snprintf(copy, sizeof(copy), "%s", path);
    int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
}

int snapfile_write(const char *path, struct snapfile_header *h, const uint8_t *sections,
                   size_t sections_len, struct snap_page_source src, const uint64_t *pages,
                   uint64_t n, char *err, size_t errlen)
{
    char tmp[PATH_MAX], copy[PATH_MAX];
    snprintf(copy, sizeof(copy), "%s", path);
    char *base = basename(copy);
    int len = snprintf(tmp, sizeof(tmp), "%.*s.%s.tmp.%d", (int)(base - copy), path, base,
                       (int)getpid());
    if (len < 0 || (size_t)len >= sizeof(tmp)) {
        say(err, errlen, "snapshot path '%s' is too long", path);
        return -1;
    }
    plan_layout(h, sections_len, n);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        say(err, errlen, "cannot create '%s': %s", tmp, strerror(errno));
        return -1;
    }
    int failed = write_body(fd, h, sections, sections_len, src, pages, n);
    int saved = errno;
    if (close(fd) && !failed) {
        failed = 1;
        saved = errno;
    }
    if (!failed && rename(tmp, path)) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        unlink(tmp);
        say(err, errlen, "cannot write '%s': %s", path, strerror(saved));
        return -1;
    }
    sync_dir(path);
    return 0;
}

/* The layout the header describes must lie inside a file of the size it states. */
static const char *header_invalid(const struct snapfile_header *h, uint64_t actual_size)
{
    if (memcmp(h->magic, SNAPFILE_MAGIC, 8))
        return "not an arbor snapshot (bad magic)";
    if (h->version != SNAPFILE_VERSION)
        return "snapshot format version differs from the one this arbor reads (" 
               "version " ARBOR_STR(SNAPFILE_VERSION) ")";
    if (h->header_checksum != header_checksum(h))
        return "header checksum does not match (the file is corrupted)";
    if (h->kind != SNAP_FULL && h->kind != SNAP_DELTA)
        return "unknown snapshot kind";
    if (h->file_size != actual_size)
        return "file size differs from the size recorded in it (truncated?)";
    if (!h->ram_size || h->ram_size % SNAP_PAGE || h->ram_size > (1ull << 40) ||
        h->ram_base % SNAP_PAGE || h->ram_base + h->ram_size < h->ram_base)
        return "guest memory base or size is invalid";
    if (memchr(h->name, 0, SNAP_NAME_MAX) == NULL || memchr(h->parent_name, 0, SNAP_NAME_MAX) == NULL ||
        memchr(h->domain, 0, SNAP_NAME_MAX) == NULL)
        return "a name in the header is not terminated";
    uint64_t pages = h->ram_size / SNAP_PAGE;
    if (h->n_pages > pages || h->sections_off != SNAP_PAGE || h->sections_len > actual_size ||
        h->index_off != ALIGN_UP(h->sections_off + h->sections_len, 8) ||
        h->data_off != ALIGN_UP(h->index_off + h->n_pages * sizeof(struct snap_page_entry), SNAP_PAGE) ||
        h->file_size != h->data_off + (h->kind == SNAP_FULL ? h->ram_size : h->n_pages * SNAP_PAGE))
        return "layout fields are inconsistent";
    return NULL;
}

/* Read and check the header of the open file `fd`. 0, or -1 with the reason. */
static int read_header_fd(int fd, const char *path, struct snapfile_header *h, char *err,
                          size_t errlen)
{
    struct stat st;
    ssize_t got = fstat(fd, &st) ? -1 : !S_ISREG(st.st_mode) ? -2 : pread(fd, h, sizeof(*h), 0);
    if (got == -2) {
        say(err, errlen, "snapshot '%s' is not a regular file", path);
        return -1;
    }
    if (got != (ssize_t)sizeof(*h)) {
        say(err, errlen, "snapshot '%s' is truncated or unreadable", path);
        return -1;
    }
    const char *why = header_invalid(h, (uint64_t)st.st_size);
    if (why) {
        say(err, errlen, "snapshot '%s': %s", path, why);
        return -1;
    }
    return 0;
}

int snapfile_read_header(const char *path, struct snapfile_header *h, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        say(err, errlen, "cannot open snapshot '%s': %s", path, strerror(errno));
        return -1;
    }
    int r = read_header_fd(fd, path, h, err, errlen);
    close(fd);
    return r;
}

uint8_t *snapfile_read_sections(const char *path, struct snapfile_header *h, char *err,
                               size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        say(err, errlen, "cannot open snapshot '%s': %s", path, strerror(errno));
        return NULL;
    }
    uint8_t *buf = NULL;
    if (read_header_fd(fd, path, h, err, errlen) == 0) {
        buf = malloc(h->sections_len ? h->sections_len : 1);
        const char *why = NULL;
        if (!buf)
            say(err, errlen, "'%s': out of memory", path);
        else if (pread(fd, buf, h->sections_len, (off_t)h->sections_off) != (ssize_t)h->sections_len)
            say(err, errlen, "'%s': cannot read its sections", path);
        else if ((why = snap_sections_check(buf, h->sections_len)))
            say(err, errlen, "'%s': %s", path, why);
        else
            goto out;
        free(buf);
        buf = NULL;
    }
out:
    close(fd);
    return buf;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    return n == 0 || (p[0] == 0 && memcmp(p, p + 1, n - 1) == 0);
}

/* Bytes the layout leaves unused must be zero, so that no bit of the file goes unchecked. */
static bool padding_is_zero(const struct snapfile *f)
{
    const struct snapfile_header *h = &f->h;
    uint64_t index_end = h->index_off + h->n_pages * sizeof(struct snap_page_entry);
    return all_zero(f->map + sizeof(*h), SNAP_PAGE - sizeof(*h)) &&
           all_zero(f->map + h->sections_off + h->sections_len,
                    h->index_off - h->sections_off - h->sections_len) &&
           all_zero(f->map + index_end, h->data_off - index_end);
}

/* In a full image, pages the index does not list are zero. Only the file's data extents can
 * hold anything else (the rest are holes), so only they are read. */
static bool unlisted_pages_zero(const struct snapfile *f)
{
    const struct snapfile_header *h = &f->h;
    off_t pos = (off_t)h->data_off, end = (off_t)h->file_size;
    while (pos < end) {
        off_t data = lseek(f->fd, pos, SEEK_DATA);
        if (data < 0 || data >= end)
            return true; /* ENXIO: no data after pos */
        off_t hole = lseek(f->fd, data, SEEK_HOLE);
        if (hole < 0 || hole > end)
            hole = end;
        for (uint64_t a = ((uint64_t)data - h->data_off) / SNAP_PAGE * SNAP_PAGE + h->data_off;
             a < (uint64_t)hole; a += SNAP_PAGE)
            if (!snapfile_page(f, (a - h->data_off) / SNAP_PAGE) && !all_zero(f->map + a, SNAP_PAGE))
                return false;
        pos = hole;
    }
    return true;
}

static const char *contents_invalid(const struct snapfile *f, bool trusted)
{
    const struct snapfile_header *h = &f->h;
    const char *why = snap_sections_check(f->sections, h->sections_len);
    if (why)
        return why;
    if (XXH3_64bits(f->index, h->n_pages * sizeof(*f->index)) != h->index_checksum)
        return "page index checksum does not match (the file is corrupted)";
    for (uint64_t k = 0; k < h->n_pages; k++) {
        uint64_t pg = f->index[k].page;
        if (pg >= h->ram_size / SNAP_PAGE || (k && pg <= f->index[k - 1].page))
            return "page index is out of order or out of range";
    }
    if (trusted) /* written by this process: skip reading every page back */
        return NULL;
    for (uint64_t k = 0; k < h->n_pages; k++) {
        uint64_t pg = f->index[k].page;
        if (XXH3_64bits(f->map + page_offset(h, k, pg), SNAP_PAGE) != f->index[k].checksum)
            return "a memory page's checksum does not match (the file is corrupted)";
    }
    if (!padding_is_zero(f))
        return "unused bytes are not zero (the file is corrupted)";
    if (h->kind == SNAP_FULL && !unlisted_pages_zero(f))
        return "a memory page missing from the index is not zero (the file is corrupted)";
    return NULL;
}

struct snapfile *snapfile_open(const char *path, bool trusted, char *err, size_t errlen)
{
    struct snapfile *f = calloc(1, sizeof(*f));
    if (!f) {
        say(err, errlen, "out of memory");
        return NULL;
    }
    /* One descriptor for the header and the mapping: a file renamed over `path` meanwhile
     * cannot pair one file's header with another's contents. */
    f->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (f->fd < 0) {
        say(err, errlen, "cannot open snapshot '%s': %s", path, strerror(errno));
        free(f);
        return NULL;
    }
    snprintf(f->path, sizeof(f->path), "%s", path);
    void *map = MAP_FAILED;
    if (read_header_fd(f->fd, path, &f->h, err, errlen) == 0) {
        map = mmap(NULL, f->h.file_size, PROT_READ, MAP_SHARED, f->fd, 0);
        if (map == MAP_FAILED)
            say(err, errlen, "cannot map snapshot '%s': %s", path, strerror(errno));
    }
    if (map == MAP_FAILED) {
        close(f->fd);
        free(f);
        return NULL;
    }
    f->map = map;
    f->map_len = f->h.file_size;
    f->sections = f->map + f->h.sections_off;
    f->index = (const struct snap_page_entry *)(f->map + f->h.index_off);
    const char *why = contents_invalid(f, trusted);
    if (why) {
        say(err, errlen, "snapshot '%s': %s", path, why);
        snapfile_close(f);
        return NULL;
    }
    return f;
}

void snapfile_close(struct snapfile *f)
{
    if (!f)
        return;
    munmap((void *)f->map, f->map_len);
    close(f->fd);
    free(f);
}

const uint8_t *snapfile_page(const struct snapfile *f, uint64_t pg)
{
    uint64_t lo = 0, hi = f->h.n_pages;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (f->index[mid].page < pg)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < f->h.n_pages && f->index[lo].page == pg)
        return f->map + page_offset(&f->h, lo, pg);
    return NULL;
}
