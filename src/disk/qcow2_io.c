/* qcow2 reads and writes: guest clusters mapped through the L1 and L2 tables, every pointer
 * checked before use. Reads coalesce runs of clusters that are contiguous in the file into
 * one pread. A write into a cluster this image does not own alone (unallocated, zero,
 * compressed, or shared with a snapshot: no COPIED flag and refcount above 1) goes to a new
 * cluster at the end of the file, in the order data, refcount, L2 entry, L1 entry, so a
 * process killed at any point leaves at worst a leaked cluster. */
#include "disk/qcow2.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#define ZLIB_CONST /* next_in points at const bytes */
#include <zlib.h>

enum qkind { Q_UNALLOC, Q_ZERO, Q_DATA, Q_COMPRESSED };

struct qmap {
    enum qkind kind;
    uint64_t entry; /* the L2 entry */
    uint64_t host;  /* its cluster (data, or a zero cluster's preallocation) */
};

/* The L2 table of L1 entry l1i (0: none). */
static int l2_table(struct image *img, uint64_t l1i, uint64_t *l2)
{
    struct qcow2 *q = qcow2_of(img);
    uint64_t e = l1i < q->h.l1_size ? q->l1[l1i] : 0;
    *l2 = e & QCOW2_OFFSET_MASK;
    const char *why = *l2 ? qcow2_check_cluster(img, *l2) : e ? "has flags but no table" : NULL;
    if (why)
        return qcow2_corrupt(img, "L1 entry %llu: L2 table 0x%llx %s", (unsigned long long)l1i,
                             (unsigned long long)*l2, why);
    return 0;
}

static int classify(struct image *img, uint64_t vcl, uint64_t e, struct qmap *m)
{
    struct qcow2 *q = qcow2_of(img);
    m->entry = e;
    m->host = e & QCOW2_OFFSET_MASK;
    if (e & QCOW2_COMPRESSED)
        m->kind = Q_COMPRESSED;
    else if ((e & QCOW2_ZERO) && q->h.version >= 3)
        m->kind = Q_ZERO;
    else if (!m->host)
        m->kind = Q_UNALLOC;
    else
        m->kind = Q_DATA;
    const char *why = m->kind == Q_DATA ? qcow2_check_cluster(img, m->host) : NULL;
    if (m->kind == Q_UNALLOC && e)
        why = "has flags but no cluster";
    if (why)
        return qcow2_corrupt(img, "the L2 entry of guest offset 0x%llx: cluster 0x%llx %s",
                             (unsigned long long)(vcl << q->cb), (unsigned long long)m->host,
                             why);
    return 0;
}

static int map_cluster(struct image *img, uint64_t vcl, struct qmap *m)
{
    struct qcow2 *q = qcow2_of(img);
    uint64_t l2;
    uint8_t *t;
    int r = l2_table(img, vcl >> q->l2_bits, &l2);
    if (r || !l2) {
        m->kind = Q_UNALLOC;
        m->entry = m->host = 0;
        return r;
    }
    if ((r = qcow2_meta_load(img, l2, &t)))
        return r;
    return classify(img, vcl, be_load(t + (vcl & ((1ull << q->l2_bits) - 1)) * 8, 8), m);
}

/* The clusters from off on (at most len bytes) that read alike: contiguous data, zeros, or
 * unallocated. *n is the run's length in bytes; a compressed cluster is a run of its own. */
static int map_run(struct image *img, uint64_t off, size_t len, struct qmap *m, size_t *n)
{
    struct qcow2 *q = qcow2_of(img);
    uint64_t vcl = off >> q->cb, next_host = 0;
    size_t run = (size_t)(q->cs - (off & (q->cs - 1)));
    int r = map_cluster(img, vcl, m);
    if (r)
        return r;
    if (m->kind == Q_DATA)
        next_host = m->host + q->cs;
    while (run < len && m->kind != Q_COMPRESSED) {
        struct qmap next;
        if (map_cluster(img, ++vcl, &next) || next.kind != m->kind ||
            (m->kind == Q_DATA && next.host != next_host))
            break; /* an error is reported when the next run starts there */
        next_host += q->cs;
        run += (size_t)q->cs;
    }
    *n = run < len ? run : len;
    return 0;
}

int qcow2_inflate(const uint8_t *in, size_t inlen, uint8_t *out, size_t outlen)
{
    if (inlen > UINT_MAX || outlen > UINT_MAX)
        return -EIO; /* never for a cluster (at most 2 MiB, its data at most twice that) */
    z_stream z = {.next_in = in, .avail_in = (uInt)inlen, .next_out = out,
                  .avail_out = (uInt)outlen};
    /* raw deflate (no zlib header or checksum), any window up to 32 KiB: QEMU writes 4 KiB
     * windows, other writers may use larger ones */
    int r = inflateInit2(&z, -MAX_WBITS);
    if (r != Z_OK)
        return r == Z_MEM_ERROR ? -ENOMEM : -EIO;
    r = inflate(&z, Z_FINISH);
    bool full = z.avail_out == 0;
    inflateEnd(&z);
    if (r == Z_MEM_ERROR)
        return -ENOMEM;
    /* Z_BUF_ERROR with the output full: the stream goes on past the cluster (or lacks its
     * end marker), but the cluster is whole, which is all qcow2 asks (QEMU agrees). With the
     * output short, whatever zlib says, the cluster is corrupt. */
    return (r == Z_STREAM_END || r == Z_BUF_ERROR) && full ? 0 : -EIO;
}

/* Decode compressed cluster m into q->zcluster (kept for the next request). */
static int decompress(struct image *img, const struct qmap *m)
{
    struct qcow2 *q = qcow2_of(img);
    uint64_t start, len;
    if (q->zcluster && q->zentry == m->entry)
        return 0;
    qcow2_compressed_span(q, m->entry, &start, &len);
    if (start >= q->file_end)
        qcow2_file_grew(img);
    if (start < q->cs || start >= q->file_end)
        return qcow2_corrupt(img, "compressed data at 0x%llx is outside the file's data",
                             (unsigned long long)start);
    if (!q->zcluster && !(q->zcluster = malloc(q->cs)))
        return -ENOMEM;
    if (!q->zdata && !(q->zdata = malloc(2 * q->cs + 512)))
        return -ENOMEM;
    q->zentry = 0;
    int r = image_pread(img, q->zdata, (size_t)len, start);
    if (r)
        return r;
    r = qcow2_inflate(q->zdata, (size_t)len, q->zcluster, (size_t)q->cs);
    if (r == -EIO)
        return qcow2_corrupt(img, "the compressed cluster at 0x%llx does not decompress",
                             (unsigned long long)start);
    if (r)
        return r;
    q->zentry = m->entry;
    return 0;
}

static int read_compressed(struct image *img, const struct qmap *m, uint64_t off, uint8_t *b,
                           size_t n)
{
    struct qcow2 *q = qcow2_of(img);
    int r = decompress(img, m);
    if (!r)
        memcpy(b, q->zcluster + (off & (q->cs - 1)), n);
    return r;
}

int qcow2_read(struct image *img, uint64_t off, void *buf, size_t len)
{
    struct qcow2 *q = qcow2_of(img);
    uint8_t *b = buf;
    while (len) {
        struct qmap m;
        size_t n;
        int r = map_run(img, off, len, &m, &n);
        if (r)
            return r;
        switch (m.kind) {
        case Q_DATA: r = image_pread(img, b, n, m.host + (off & (q->cs - 1))); break;
        case Q_ZERO: memset(b, 0, n); break;
        case Q_UNALLOC: r = image_read(img->backing, off, b, n); break;
        case Q_COMPRESSED: r = read_compressed(img, &m, off, b, n); break;
        }
        if (r)
            return r;
        off += n;
        b += n;
        len -= n;
    }
    return 0;
}

/* ---- writes ---- */

static int l1_set(struct image *img, uint64_t l1i, uint64_t v)
{
    struct qcow2 *q = qcow2_of(img);
    uint8_t e[8];
    be_store(e, v, 8);
    int r = pwrite_full(img->fd, e, 8, q->h.l1_offset + l1i * 8);
    if (!r)
        q->l1[l1i] = v;
    return r;
}

/* A new L2 table for L1 entry l1i: a copy of `old` (shared with a snapshot), or empty. */
static int new_l2(struct image *img, uint64_t l1i, uint64_t old, uint64_t *l2)
{
    struct qcow2 *q = qcow2_of(img);
    uint8_t *t;
    uint64_t host = 0;
    int r = 0;
    if (old && !(r = qcow2_meta_load(img, old, &t)))
        memcpy(q->scratch, t, q->cs);
    else
        memset(q->scratch, 0, q->cs);
    if (!r)
        r = qcow2_alloc_cluster(img, &host);
    if (!r)
        r = pwrite_full(img->fd, q->scratch, q->cs, host);
    if (!r)
        r = qcow2_refcount_add(img, host, 1);
    if (!r)
        r = l1_set(img, l1i, host | QCOW2_COPIED);
    if (!r && old)
        r = qcow2_refcount_add(img, old, -1);
    *l2 = host;
    return r;
}

/* The L2 table of l1i, made this image's own (allocated, or copied if shared). */
static int l2_for_write(struct image *img, uint64_t l1i, uint64_t *l2)
{
    uint64_t e = qcow2_of(img)->l1[l1i], rc;
    int r = l2_table(img, l1i, l2);
    if (r || (*l2 && (e & QCOW2_COPIED)))
        return r;
    if (!*l2)
        return new_l2(img, l1i, 0, l2);
    if ((r = qcow2_refcount(img, *l2, &rc)))
        return r;
    if (rc == 1) /* a missing flag: the table is ours */
        return l1_set(img, l1i, *l2 | QCOW2_COPIED);
    if (rc == 0)
        return qcow2_corrupt(img, "L2 table 0x%llx is in use but has refcount 0",
                             (unsigned long long)*l2);
    return new_l2(img, l1i, *l2, l2);
}

/* 1 when data cluster m may be written in place (its refcount is 1), else 0. */
static int owned(struct image *img, uint64_t l2, size_t at, const struct qmap *m)
{
    uint64_t rc;
    if (m->entry & QCOW2_COPIED)
        return 1;
    int r = qcow2_refcount(img, m->host, &rc);
    if (r || rc != 1)
        return r ? r : 0;
    uint8_t e[8];
    be_store(e, m->entry | QCOW2_COPIED, 8);
    r = qcow2_meta_write(img, l2, at, e, 8);
    return r ? r : 1;
}

/* What guest cluster vcl reads as now, into buf (one cluster). */
static int old_contents(struct image *img, uint64_t vcl, const struct qmap *m, uint8_t *buf)
{
    struct qcow2 *q = qcow2_of(img);
    uint64_t off = vcl << q->cb;
    size_t n = (size_t)q->cs;
    switch (m->kind) {
    case Q_DATA: return image_pread(img, buf, n, m->host);
    case Q_COMPRESSED: return read_compressed(img, m, off, buf, n);
    case Q_ZERO: memset(buf, 0, n); return 0;
    default: break;
    }
    if (n > img->size - off)
        n = (size_t)(img->size - off);
    memset(buf + n, 0, (size_t)q->cs - n);
    return image_read(img->backing, off, buf, n);
}

/* Drop the reference the replaced L2 entry held. */
static int release(struct image *img, const struct qmap *m)
{
    struct qcow2 *q = qcow2_of(img);
    if (m->kind == Q_COMPRESSED)
        return qcow2_release_compressed(img, m->entry);
    if (m->kind == Q_DATA || (m->kind == Q_ZERO && m->host && !qcow2_bad_cluster(q, m->host)))
        return qcow2_refcount_add(img, m->host, -1);
    return 0;
}

/* Write n bytes at `within` of guest cluster vcl. */
static int write_cluster(struct image *img, uint64_t vcl, size_t within, const uint8_t *src,
                         size_t n)
{
    struct qcow2 *q = qcow2_of(img);
    size_t at = (size_t)(vcl & ((1ull << q->l2_bits) - 1)) * 8;
    uint64_t l2 = 0, host = 0;
    uint8_t *t, e[8];
    struct qmap m;
    int r = l2_for_write(img, vcl >> q->l2_bits, &l2);
    if (!r)
        r = qcow2_meta_load(img, l2, &t);
    if (!r)
        r = classify(img, vcl, be_load(t + at, 8), &m);
    if (!r && m.kind == Q_DATA && (r = owned(img, l2, at, &m)) == 1)
        return pwrite_full(img->fd, src, n, m.host + within);
    const uint8_t *data = src;
    if (!r && n < q->cs) {
        r = old_contents(img, vcl, &m, q->scratch);
        memcpy(q->scratch + within, src, n);
        data = q->scratch;
    }
    if (!r)
        r = qcow2_alloc_cluster(img, &host);
    if (!r)
        r = pwrite_full(img->fd, data, q->cs, host);
    if (!r)
        r = qcow2_refcount_add(img, host, 1);
    be_store(e, host | QCOW2_COPIED, 8);
    if (!r)
        r = qcow2_meta_write(img, l2, at, e, 8);
    return r ? r : release(img, &m);
}

int qcow2_write(struct image *img, uint64_t off, const void *buf, size_t len)
{
    struct qcow2 *q = qcow2_of(img);
    const uint8_t *b = buf;
    if (!q->rt)
        return -EROFS;
    while (len) {
        size_t within = (size_t)(off & (q->cs - 1));
        size_t n = (size_t)q->cs - within < len ? (size_t)q->cs - within : len;
        int r = write_cluster(img, off >> q->cb, within, b, n);
        if (r)
            return r;
        off += n;
        b += n;
        len -= n;
    }
    return 0;
}

int qcow2_allocated(struct image *img, uint64_t off, uint64_t len)
{
    struct qcow2 *q = qcow2_of(img);
    uint64_t end = off + len < img->size ? off + len : img->size;
    for (uint64_t vcl = off >> q->cb; (vcl << q->cb) < end; vcl++) {
        struct qmap m;
        if (!q->l1[vcl >> q->l2_bits]) { /* skip the rest of a missing L2 table */
            vcl |= (1ull << q->l2_bits) - 1;
            continue;
        }
        int r = map_cluster(img, vcl, &m);
        if (r)
            return r;
        if (m.kind != Q_UNALLOC)
            return 1;
    }
    return 0;
}
