/* qcow2 images: checking the header and its extensions, opening, closing, and rewriting the
 * backing file name. Everything in the file is untrusted: each check below names what it
 * refuses, so a user sees why an image does not open. */
#include "disk/qcow2.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define ALIGN_UP(x, a) (((x) + (a) - 1) / (a) * (a))

int qcow2_corrupt(struct image *img, const char *fmt, ...)
{
    struct qcow2 *q = qcow2_of(img);
    if (!q->logged_corrupt) {
        char why[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, sizeof(why), fmt, ap);
        va_end(ap);
        log_error("%s: corrupt qcow2 image: %s", img->path, why);
        q->logged_corrupt = true;
    }
    return -EIO;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

const char *qcow2_bad_cluster(const struct qcow2 *q, uint64_t off)
{
    if (off & (q->cs - 1))
        return "is not cluster-aligned";
    if (off >= q->file_end)
        return "is past the end of the file";
    if (off < q->cs)
        return "is in the header cluster";
    if (overlaps(off, q->cs, q->h.l1_offset, (uint64_t)q->h.l1_size * 8))
        return "is in the L1 table";
    if (overlaps(off, q->cs, q->h.rt_offset, (uint64_t)q->h.rt_clusters * q->cs))
        return "is in the refcount table";
    return NULL;
}

bool qcow2_file_grew(struct image *img)
{
    struct qcow2 *q = qcow2_of(img);
    struct stat st;
    if (!img->readonly || fstat(img->fd, &st))
        return false;
    uint64_t end = ALIGN_UP((uint64_t)st.st_size, q->cs);
    if (end <= q->file_end)
        return false;
    q->file_end = end;
    return true;
}

const char *qcow2_check_cluster(struct image *img, uint64_t off)
{
    struct qcow2 *q = qcow2_of(img);
    const char *why = qcow2_bad_cluster(q, off);
    if (why && off >= q->file_end && qcow2_file_grew(img))
        why = qcow2_bad_cluster(q, off);
    return why;
}

/* Untrusted bytes made printable for a message. */
static const char *printable(const uint8_t *p, size_t n, char *out, size_t outlen)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < outlen; i++)
        out[k++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
    out[k] = 0;
    return out;
}

static void decode_header(const uint8_t *b, struct qcow2_header *h)
{
    h->version = (uint32_t)be_load(b + QH_VERSION, 4);
    h->backing_offset = be_load(b + QH_BACKING_OFFSET, 8);
    h->backing_size = (uint32_t)be_load(b + QH_BACKING_SIZE, 4);
    h->cluster_bits = (uint32_t)be_load(b + QH_CLUSTER_BITS, 4);
    h->size = be_load(b + QH_SIZE, 8);
    h->crypt = (uint32_t)be_load(b + QH_CRYPT, 4);
    h->l1_size = (uint32_t)be_load(b + QH_L1_SIZE, 4);
    h->l1_offset = be_load(b + QH_L1_OFFSET, 8);
    h->rt_offset = be_load(b + QH_RT_OFFSET, 8);
    h->rt_clusters = (uint32_t)be_load(b + QH_RT_CLUSTERS, 4);
    /* version 2: the fields past 72 are absent and take their defined defaults */
    bool v3 = h->version >= 3;
    h->incompat = v3 ? be_load(b + QH_INCOMPAT, 8) : 0;
    h->autoclear = v3 ? be_load(b + QH_AUTOCLEAR, 8) : 0;
    h->refcount_order = v3 ? (uint32_t)be_load(b + QH_REFCOUNT_ORDER, 4) : 4;
    h->header_length = v3 ? (uint32_t)be_load(b + QH_HEADER_LENGTH, 4) : QCOW2_V2_HEADER;
    h->compression_type = v3 && h->header_length > QH_COMPRESSION_TYPE ? b[QH_COMPRESSION_TYPE]
                                                                       : 0;
}

/* The fixed header: magic, version, lengths, cluster size, features, encryption. */
static int check_basics(const struct qcow2_header *h, uint64_t fsize, char *err, size_t errlen)
{
    if (h->version != 2 && h->version != 3)
        return say(err, errlen, "qcow2 version %u is not supported (2 and 3 are)", h->version);
    if (h->cluster_bits < QCOW2_MIN_CLUSTER_BITS || h->cluster_bits > QCOW2_MAX_CLUSTER_BITS)
        return say(err, errlen, "cluster_bits %u is out of range (%u..%u)", h->cluster_bits,
                   QCOW2_MIN_CLUSTER_BITS, QCOW2_MAX_CLUSTER_BITS);
    if (h->header_length < (h->version == 2 ? QCOW2_V2_HEADER : QCOW2_V3_HEADER))
        return say(err, errlen, "header_length %u is too small", h->header_length);
    if (h->header_length % 8)
        return say(err, errlen, "header_length %u is not a multiple of 8", h->header_length);
    if (h->header_length > (1u << h->cluster_bits) || h->header_length > fsize)
        return say(err, errlen, "header_length %u runs past the header cluster",
                   h->header_length);
    if (h->refcount_order > 6)
        return say(err, errlen, "refcount_order %u is out of range (0..6)", h->refcount_order);
    if (h->crypt)
        return say(err, errlen, "encrypted images are not supported (crypt_method %u)",
                   h->crypt);
    return 0;
}

static int check_features(const struct qcow2_header *h, char *err, size_t errlen)
{
    uint64_t f = h->incompat;
    if (f & QCOW2_INCOMPAT_DIRTY)
        return say(err, errlen, "the image is dirty (not closed cleanly): run "
                                "`qemu-img check -r all` on it");
    if (f & QCOW2_INCOMPAT_CORRUPT)
        return say(err, errlen, "the image is marked corrupt: run `qemu-img check -r all` on it");
    if (f & QCOW2_INCOMPAT_DATA_FILE)
        return say(err, errlen, "external data files are not supported");
    if (f & QCOW2_INCOMPAT_EXTL2)
        return say(err, errlen, "extended L2 entries (subclusters) are not supported");
    if (f & ~(uint64_t)0x1f)
        return say(err, errlen, "unknown incompatible features 0x%llx",
                   (unsigned long long)(f & ~(uint64_t)0x1f));
    if (h->compression_type)
        return say(err, errlen, "compression type %u is not supported (only zlib)",
                   h->compression_type);
    if (f & QCOW2_INCOMPAT_COMPRESSION)
        return say(err, errlen, "the compression type bit is set for zlib");
    return 0;
}

/* A table's offset: aligned, after the header cluster, starting inside the file. A table
 * running past the end of the file reads as zeros there (QEMU leaves the tail of a new L1
 * table unwritten). */
static int check_table(const char *what, uint64_t off, uint64_t bytes, uint64_t cs,
                       uint64_t fsize, char *err, size_t errlen)
{
    if (off & (cs - 1))
        return say(err, errlen, "%s offset 0x%llx is not cluster-aligned", what,
                   (unsigned long long)off);
    if (bytes && off < cs)
        return say(err, errlen, "%s offset 0x%llx overlaps the header", what,
                   (unsigned long long)off);
    if (bytes && off >= fsize)
        return say(err, errlen, "%s offset 0x%llx is past the end of the file", what,
                   (unsigned long long)off);
    return 0;
}

/* Virtual size, L1 table and refcount table. */
static int check_tables(const struct qcow2_header *h, uint64_t fsize, char *err, size_t errlen)
{
    unsigned cb = h->cluster_bits;
    uint64_t cs = 1ull << cb;
    if (h->size > QCOW2_MAX_SIZE)
        return say(err, errlen, "virtual size %llu is too large (at most 2^56)",
                   (unsigned long long)h->size);
    uint64_t clusters = (h->size + cs - 1) >> cb;
    uint64_t need = (clusters + (cs / 8) - 1) >> (cb - 3);
    if (h->l1_size < need)
        return say(err, errlen, "L1 table too small for the virtual size (%u entries, %llu "
                   "needed)", h->l1_size, (unsigned long long)need);
    if ((uint64_t)h->l1_size * 8 > QCOW2_TABLE_MAX)
        return say(err, errlen, "L1 table too large (%u entries)", h->l1_size);
    if (check_table("L1 table", h->l1_offset, (uint64_t)h->l1_size * 8, cs, fsize, err, errlen))
        return -1;
    if (!h->rt_clusters)
        return say(err, errlen, "the refcount table is empty");
    if ((uint64_t)h->rt_clusters << cb > QCOW2_TABLE_MAX)
        return say(err, errlen, "refcount table too large (%u clusters)", h->rt_clusters);
    uint64_t rt_bytes = (uint64_t)h->rt_clusters << cb;
    if (check_table("refcount table", h->rt_offset, rt_bytes, cs, fsize, err, errlen))
        return -1;
    if (overlaps(h->l1_offset, (uint64_t)h->l1_size * 8, h->rt_offset, rt_bytes))
        return say(err, errlen, "the L1 table overlaps the refcount table");
    return 0;
}

/* The backing file name (stored after the header extensions, in the header cluster). */
static int read_backing_name(struct image *img, const uint8_t *hc, size_t hlen, uint64_t fsize,
                             char *err, size_t errlen)
{
    const struct qcow2_header *h = &qcow2_of(img)->h;
    if (!h->backing_offset)
        return 0;
    if (h->backing_size == 0)
        return say(err, errlen, "the backing file name is empty");
    if (h->backing_size > QCOW2_MAX_BACKING_NAME)
        return say(err, errlen, "the backing file name is too long (%u bytes, at most %u)",
                   h->backing_size, QCOW2_MAX_BACKING_NAME);
    uint64_t end = h->backing_offset + h->backing_size;
    if (h->backing_offset > fsize || end > fsize)
        return say(err, errlen, "the backing file name (at 0x%llx) is past the end of the file",
                   (unsigned long long)h->backing_offset);
    if (end > hlen)
        return say(err, errlen, "the backing file name (at 0x%llx) is outside the header "
                   "cluster", (unsigned long long)h->backing_offset);
    if (h->backing_offset < h->header_length)
        return say(err, errlen, "the backing file name overlaps the header");
    const uint8_t *name = hc + h->backing_offset;
    /* control characters (NUL, newline...) have no business in a file name, and would break
     * the one-line messages that name the file */
    for (uint32_t i = 0; i < h->backing_size; i++)
        if (name[i] < 0x20 || name[i] == 0x7f)
            return say(err, errlen, "the backing file name contains control characters");
    img->backing_name = strndup((const char *)name, h->backing_size);
    return img->backing_name ? 0 : say(err, errlen, "out of memory");
}

static int backing_format(struct image *img, const uint8_t *p, uint32_t len, char *err,
                          size_t errlen)
{
    char shown[40];
    if (len == 3 && !memcmp(p, "raw", 3))
        img->backing_fmt = DISK_FORMAT_RAW;
    else if (len == 5 && !memcmp(p, "qcow2", 5))
        img->backing_fmt = DISK_FORMAT_QCOW2;
    else
        return say(err, errlen, "backing format '%s' is not supported (raw and qcow2 are)",
                   printable(p, len < 32 ? len : 32, shown, sizeof(shown)));
    return 0;
}

/* Walk the header extensions: each must end inside the header cluster. Only the backing
 * format matters here; the others are kept as they are when the header is rewritten. */
static int read_extensions(struct image *img, const uint8_t *hc, size_t hlen, char *err,
                           size_t errlen)
{
    size_t pos = qcow2_of(img)->h.header_length;
    while (pos + 8 <= hlen) {
        uint32_t type = (uint32_t)be_load(hc + pos, 4), len = (uint32_t)be_load(hc + pos + 4, 4);
        if (type == QCOW2_EXT_END)
            return 0;
        if (len > hlen - pos - 8)
            return say(err, errlen, "header extension 0x%08x overruns the header cluster", type);
        if (type == QCOW2_EXT_BACKING_FORMAT && backing_format(img, hc + pos + 8, len, err,
                                                               errlen))
            return -1;
        pos += 8 + ALIGN_UP((size_t)len, 8);
    }
    if (pos < hlen)
        return say(err, errlen, "header extensions overrun the header cluster");
    return 0;
}

/* Read the header cluster (or as much of it as the file has) and check it. */
static int read_header(struct image *img, uint64_t fsize, char *err, size_t errlen)
{
    struct qcow2 *q = qcow2_of(img);
    uint8_t fixed[QCOW2_V3_HEADER + 8] = {0};
    if (fsize < QCOW2_V2_HEADER)
        return say(err, errlen, "too short for a qcow2 header (%llu bytes)",
                   (unsigned long long)fsize);
    int r = pread_zero(img->fd, fixed, sizeof(fixed), 0);
    if (r)
        return say(err, errlen, "cannot read the header: %s", strerror(-r));
    if (memcmp(fixed, QCOW2_MAGIC, 4))
        return say(err, errlen, "not a qcow2 image (bad magic)");
    decode_header(fixed, &q->h);
    if (check_basics(&q->h, fsize, err, errlen))
        return -1;
    q->cb = q->h.cluster_bits;
    q->cs = 1ull << q->cb;
    size_t hlen = (size_t)(fsize < q->cs ? fsize : q->cs);
    uint8_t *hc = malloc(hlen);
    if (!hc)
        return say(err, errlen, "out of memory");
    r = pread_full(img->fd, hc, hlen, 0);
    if (r)
        say(err, errlen, "cannot read the header cluster: %s", strerror(-r));
    else
        r = read_extensions(img, hc, hlen, err, errlen) || check_features(&q->h, err, errlen) ||
            check_tables(&q->h, fsize, err, errlen) || read_backing_name(img, hc, hlen, fsize,
                                                                         err, errlen);
    free(hc);
    return r ? -1 : 0;
}

/* A big-endian table of n entries at off into host order; past the end of the file: 0. */
static uint64_t *read_table(int fd, uint64_t off, uint64_t n)
{
    uint64_t *t = malloc(n ? n * 8 : 8);
    if (!t || pread_zero(fd, t, n * 8, off)) {
        free(t);
        return NULL;
    }
    for (uint64_t i = 0; i < n; i++)
        t[i] = be_load(&t[i], 8);
    return t;
}

/* Auto-clear features describe data a writer that does not understand them leaves stale,
 * so it must clear them before writing. Persistent dirty bitmaps (bit 0) are refused instead:
 * clearing their bit would leave their clusters leaked as far as QEMU is concerned. */
static int clear_autoclear(struct image *img, char *err, size_t errlen)
{
    struct qcow2 *q = qcow2_of(img);
    if (q->h.autoclear & QCOW2_AUTOCLEAR_BITMAPS)
        return say(err, errlen, "the image has persistent dirty bitmaps, which this layer "
                   "cannot keep up to date: open it read-only, or remove them with "
                   "`qemu-img bitmap --remove`");
    if (!q->h.autoclear)
        return 0;
    uint8_t zero[8] = {0};
    int r = pwrite_full(img->fd, zero, 8, QH_AUTOCLEAR);
    if (r)
        return say(err, errlen, "cannot write the header: %s", strerror(-r));
    q->h.autoclear = 0;
    return 0;
}

static int load_tables(struct image *img, char *err, size_t errlen)
{
    struct qcow2 *q = qcow2_of(img);
    q->l1 = read_table(img->fd, q->h.l1_offset, q->h.l1_size);
    if (!q->l1)
        return say(err, errlen, "cannot read the L1 table");
    if (img->readonly)
        return 0; /* refcounts only matter to a writer */
    q->rt_entries = (uint64_t)q->h.rt_clusters << (q->cb - 3);
    q->rt = read_table(img->fd, q->h.rt_offset, q->rt_entries);
    if (!q->rt)
        return say(err, errlen, "cannot read the refcount table");
    return clear_autoclear(img, err, errlen);
}

static void qcow2_close(struct image *img)
{
    struct qcow2 *q = qcow2_of(img);
    if (!q)
        return;
    qcow2_cache_free(q);
    free(q->l1);
    free(q->rt);
    free(q->scratch);
    free(q->zcluster);
    free(q->zdata);
    free(q);
    img->state = NULL;
}

static const struct image_ops qcow2_ops = {qcow2_read, qcow2_write, qcow2_close};

int qcow2_open(struct image *img, char *err, size_t errlen)
{
    struct stat st;
    struct qcow2 *q = calloc(1, sizeof(*q));
    if (!q)
        return say(err, errlen, "out of memory");
    img->state = q;
    img->ops = &qcow2_ops;
    img->backing_fmt = DISK_FORMAT_PROBE;
    if (fstat(img->fd, &st))
        return say(err, errlen, "cannot stat: %s", strerror(errno));
    uint64_t fsize = (uint64_t)st.st_size;
    if (S_ISBLK(st.st_mode)) {
        off_t end = lseek(img->fd, 0, SEEK_END);
        fsize = end < 0 ? 0 : (uint64_t)end;
    }
    if (read_header(img, fsize, err, errlen))
        return -1;
    q->l2_bits = q->cb - 3;
    q->rb_bits = q->cb + 3 - q->h.refcount_order;
    uint64_t end = fsize;
    if (q->h.l1_size && q->h.l1_offset + (uint64_t)q->h.l1_size * 8 > end)
        end = q->h.l1_offset + (uint64_t)q->h.l1_size * 8;
    if (q->h.rt_offset + ((uint64_t)q->h.rt_clusters << q->cb) > end)
        end = q->h.rt_offset + ((uint64_t)q->h.rt_clusters << q->cb);
    q->file_end = ALIGN_UP(end, q->cs);
    img->size = q->h.size;
    if (load_tables(img, err, errlen))
        return -1;
    if (qcow2_cache_init(q) || !(q->scratch = malloc(q->cs)))
        return say(err, errlen, "out of memory");
    return 0;
}

/* ---- rewriting the backing file name (disk_absorb_backing) ---- */

/* Append an extension to the header cluster being built; false when it does not fit. */
static bool put_ext(uint8_t *out, size_t *pos, size_t cap, uint32_t type, const void *p,
                    uint32_t len)
{
    size_t need = 8 + ALIGN_UP((size_t)len, 8);
    if (need > cap - *pos)
        return false;
    be_store(out + *pos, type, 4);
    be_store(out + *pos + 4, len, 4);
    memcpy(out + *pos + 8, p, len);
    *pos += need;
    return true;
}

/* The header cluster `hc` (hlen bytes) rebuilt into `out` (cs bytes, zeroed) with every
 * extension but the backing format kept, then the new backing format and name. */
static int rebuild_header(const struct qcow2 *q, const uint8_t *hc, size_t hlen, uint8_t *out,
                          const char *name, enum disk_format fmt)
{
    size_t cap = (size_t)q->cs, pos = q->h.header_length, in = pos;
    memcpy(out, hc, pos);
    while (in + 8 <= hlen) {
        uint32_t type = (uint32_t)be_load(hc + in, 4), len = (uint32_t)be_load(hc + in + 4, 4);
        if (type == QCOW2_EXT_END || len > hlen - in - 8)
            break;
        if (type != QCOW2_EXT_BACKING_FORMAT && !put_ext(out, &pos, cap, type, hc + in + 8, len))
            return -1;
        in += 8 + ALIGN_UP((size_t)len, 8);
    }
    const char *fname = fmt == DISK_FORMAT_RAW ? "raw" : fmt == DISK_FORMAT_QCOW2 ? "qcow2" : NULL;
    if (name && fname &&
        !put_ext(out, &pos, cap, QCOW2_EXT_BACKING_FORMAT, fname, (uint32_t)strlen(fname)))
        return -1;
    if (!put_ext(out, &pos, cap, QCOW2_EXT_END, "", 0))
        return -1;
    size_t nlen = name ? strlen(name) : 0;
    if (nlen > QCOW2_MAX_BACKING_NAME || nlen > cap - pos)
        return -1;
    memcpy(out + pos, name ? name : "", nlen);
    be_store(out + QH_BACKING_OFFSET, nlen ? pos : 0, 8);
    be_store(out + QH_BACKING_SIZE, nlen, 4);
    return (int)(pos + nlen);
}

int qcow2_set_backing(struct image *img, const char *name, enum disk_format fmt, char *err,
                      size_t errlen)
{
    struct qcow2 *q = qcow2_of(img);
    size_t cs = (size_t)q->cs;
    uint8_t *hc = calloc(2, cs);
    if (!hc)
        return say(err, errlen, "out of memory");
    int r = pread_zero(img->fd, hc, cs, 0);
    int end = r ? -1 : rebuild_header(q, hc, cs, hc + cs, name, fmt);
    if (r)
        say(err, errlen, "cannot read the header: %s", strerror(-r));
    else if (end < 0)
        say(err, errlen, "the new backing file name does not fit in the header cluster");
    /* one write of the whole cluster: the old name's bytes are cleared with it */
    else if ((r = pwrite_full(img->fd, hc + cs, cs, 0)))
        say(err, errlen, "cannot write the header: %s", strerror(-r));
    free(hc);
    return r || end < 0 ? -1 : 0;
}
