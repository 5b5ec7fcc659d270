/* qcow2 refcounts and cluster allocation. A cluster's refcount says how many tables (the
 * active L1/L2 tables and internal snapshots) use it; 0 is free, above 1 shared (a write must
 * copy it). New clusters are always taken at the end of the file, so nothing freed is ever
 * reused while a stale pointer to it could exist. Refcount entries are 2^refcount_order bits
 * wide (1 to 64), big-endian, sub-byte ones from the least significant bit. */
#include "disk/qcow2.h"

#include <errno.h>
#include <stdlib.h>

/* The refcount block holding host's count (0: none yet) and the entry in it. */
static int rc_locate(struct image *img, uint64_t host, uint64_t *blk, uint64_t *idx)
{
    struct qcow2 *q = qcow2_of(img);
    uint64_t cl = host >> q->cb, rti = cl >> q->rb_bits;
    *idx = cl & ((1ull << q->rb_bits) - 1);
    *blk = 0;
    if (rti >= q->rt_entries)
        return 0;
    uint64_t off = q->rt[rti] & ~0x1ffull;
    const char *why = off ? qcow2_bad_cluster(q, off) : NULL;
    if (why)
        return qcow2_corrupt(img, "refcount block 0x%llx %s", (unsigned long long)off, why);
    *blk = off;
    return 0;
}

/* Bytes [*at, *at + *n) of a block hold entry idx. */
static void rc_span(uint64_t idx, unsigned order, size_t *at, size_t *n)
{
    if (order >= 3) {
        *n = 1u << (order - 3);
        *at = (size_t)idx * *n;
    } else {
        *n = 1;
        *at = (size_t)((idx << order) >> 3);
    }
}

static uint64_t rc_get(const uint8_t *blk, uint64_t idx, unsigned order)
{
    size_t at, n;
    rc_span(idx, order, &at, &n);
    if (order >= 3)
        return be_load(blk + at, (unsigned)n);
    unsigned shift = (unsigned)((idx << order) & 7);
    return (blk[at] >> shift) & ((1u << (1u << order)) - 1);
}

static void rc_put(uint8_t *blk, uint64_t idx, unsigned order, uint64_t v)
{
    size_t at, n;
    rc_span(idx, order, &at, &n);
    if (order >= 3) {
        be_store(blk + at, v, (unsigned)n);
        return;
    }
    unsigned shift = (unsigned)((idx << order) & 7);
    unsigned mask = ((1u << (1u << order)) - 1) << shift;
    blk[at] = (uint8_t)((blk[at] & ~mask) | ((v << shift) & mask));
}

int qcow2_refcount(struct image *img, uint64_t host, uint64_t *rc)
{
    uint64_t blk, idx;
    uint8_t *buf;
    int r = rc_locate(img, host, &blk, &idx);
    *rc = 0;
    if (r || !blk)
        return r;
    r = qcow2_meta_load(img, blk, &buf);
    if (!r)
        *rc = rc_get(buf, idx, qcow2_of(img)->h.refcount_order);
    return r;
}

/* Entry idx of block blk := v, in the file and then in the cache. */
static int rc_set(struct image *img, uint64_t blk, uint64_t idx, uint64_t v)
{
    unsigned order = qcow2_of(img)->h.refcount_order;
    uint8_t *buf, old[8];
    size_t at, n;
    int r = qcow2_meta_load(img, blk, &buf);
    if (r)
        return r;
    rc_span(idx, order, &at, &n);
    memcpy(old, buf + at, n);
    rc_put(buf, idx, order, v);
    r = pwrite_full(img->fd, buf + at, n, blk + at);
    if (r)
        memcpy(buf + at, old, n);
    return r;
}

int qcow2_refcount_add(struct image *img, uint64_t host, int delta)
{
    unsigned order = qcow2_of(img)->h.refcount_order;
    uint64_t max = order == 6 ? UINT64_MAX : (1ull << (1u << order)) - 1;
    uint64_t blk, idx, v;
    uint8_t *buf;
    int r = rc_locate(img, host, &blk, &idx);
    if (r)
        return r;
    if (!blk)
        return qcow2_corrupt(img, "cluster 0x%llx has no refcount block",
                             (unsigned long long)host);
    if ((r = qcow2_meta_load(img, blk, &buf)))
        return r;
    v = rc_get(buf, idx, order);
    if ((delta < 0 && v == 0) || (delta > 0 && v == max))
        return qcow2_corrupt(img, "the refcount of cluster 0x%llx would %s",
                             (unsigned long long)host, v ? "overflow" : "drop below 0");
    return rc_set(img, blk, idx, v + (uint64_t)(int64_t)delta);
}

/* Make the cluster at off (the end of the file) the refcount block for table entry rti; it
 * covers itself. The block is written before the table points to it. */
static int new_block(struct image *img, uint64_t off, uint64_t rti, uint64_t idx)
{
    struct qcow2 *q = qcow2_of(img);
    uint8_t *b = calloc(1, q->cs), e[8];
    if (!b)
        return -ENOMEM;
    rc_put(b, idx, q->h.refcount_order, 1);
    int r = pwrite_full(img->fd, b, q->cs, off);
    free(b);
    be_store(e, off, 8);
    if (!r)
        r = pwrite_full(img->fd, e, 8, q->h.rt_offset + rti * 8);
    if (r)
        return r;
    q->rt[rti] = off;
    q->file_end = off + q->cs;
    return 0;
}

/* How many new refcount blocks, starting with table entry `first`, cover clusters
 * [start, start + n + blocks) when the blocks come right after those n clusters. */
static uint64_t blocks_needed(uint64_t start, uint64_t n, uint64_t first, unsigned rb_bits)
{
    uint64_t k = 1, prev = 0;
    while (k != prev) {
        prev = k;
        k = ((start + n + k - 1) >> rb_bits) - first + 1;
    }
    return k;
}

/* Write k new refcount blocks at `at`, counting clusters [start, start + n) as used; block j
 * is table entry first + j. */
static int write_new_blocks(struct image *img, uint64_t at, uint64_t k, uint64_t first,
                            uint64_t start, uint64_t n)
{
    struct qcow2 *q = qcow2_of(img);
    uint8_t *b = malloc(q->cs);
    int r = b ? 0 : -ENOMEM;
    for (uint64_t j = 0; !r && j < k; j++) {
        memset(b, 0, q->cs);
        uint64_t lo = (first + j) << q->rb_bits, hi = lo + (1ull << q->rb_bits);
        for (uint64_t c = lo > start ? lo : start; c < start + n && c < hi; c++)
            rc_put(b, c - lo, q->h.refcount_order, 1);
        r = pwrite_full(img->fd, b, q->cs, at + j * q->cs);
    }
    free(b);
    return r;
}

/* The new table: the old entries, then the new blocks; written at `at` (big-endian) and
 * returned in host order. */
static uint64_t *write_new_table(struct image *img, uint64_t at, uint64_t entries,
                                 uint64_t first, uint64_t k, uint64_t blocks_at, int *r)
{
    struct qcow2 *q = qcow2_of(img);
    uint64_t *t = calloc(entries, 8);
    uint8_t *be = calloc(entries, 8);
    *r = t && be ? 0 : -ENOMEM;
    if (!*r) {
        memcpy(t, q->rt, q->rt_entries * 8);
        for (uint64_t j = 0; j < k; j++)
            t[first + j] = blocks_at + j * q->cs;
        for (uint64_t i = 0; i < entries; i++)
            be_store(be + i * 8, t[i], 8);
        *r = pwrite_full(img->fd, be, entries * 8, at);
    }
    free(be);
    if (*r) {
        free(t);
        t = NULL;
    }
    return t;
}

/* Point the header at the new table (one write), then use it. */
static int switch_table(struct image *img, uint64_t *t, uint64_t entries, uint64_t at,
                        uint64_t clusters)
{
    struct qcow2 *q = qcow2_of(img);
    uint8_t hb[12];
    be_store(hb, at, 8);
    be_store(hb + 8, clusters, 4);
    int r = pwrite_full(img->fd, hb, sizeof(hb), QH_RT_OFFSET);
    if (r)
        return r;
    free(q->rt);
    q->rt = t;
    q->rt_entries = entries;
    q->h.rt_offset = at;
    q->h.rt_clusters = (uint32_t)clusters;
    return 0;
}

static int free_old_table(struct image *img, uint64_t off, uint64_t clusters)
{
    int r = 0;
    for (uint64_t c = 0; !r && c < clusters; c++)
        r = qcow2_refcount_add(img, off + c * qcow2_of(img)->cs, -1);
    return r;
}

/* The refcount table is full: write one twice as large (with the blocks covering itself) at
 * the end of the file, switch the header to it, then free the old one. Killed before the
 * header write, the file only has unreferenced clusters past its old end. */
static int grow_table(struct image *img)
{
    struct qcow2 *q = qcow2_of(img);
    uint64_t old_off = q->h.rt_offset, old_cl = q->h.rt_clusters, new_cl = old_cl * 2;
    if (new_cl << q->cb > QCOW2_TABLE_MAX)
        new_cl = QCOW2_TABLE_MAX >> q->cb;
    if (new_cl <= old_cl) {
        if (!q->logged_full)
            log_error("%s: the refcount table is at its limit: the image cannot grow",
                      img->path);
        q->logged_full = true;
        return -ENOSPC;
    }
    uint64_t at = q->file_end, start = at >> q->cb, first = start >> q->rb_bits;
    uint64_t entries = new_cl << (q->cb - 3), k = blocks_needed(start, new_cl, first, q->rb_bits);
    if (first + k > entries)
        return -ENOSPC;
    uint64_t blocks_at = at + new_cl * q->cs;
    int r = write_new_blocks(img, blocks_at, k, first, start, new_cl + k);
    uint64_t *t = r ? NULL : write_new_table(img, at, entries, first, k, blocks_at, &r);
    if (!r)
        r = switch_table(img, t, entries, at, new_cl);
    if (r) {
        free(t);
        return r;
    }
    q->file_end = blocks_at + k * q->cs;
    return free_old_table(img, old_off, old_cl);
}

int qcow2_alloc_cluster(struct image *img, uint64_t *host)
{
    struct qcow2 *q = qcow2_of(img);
    for (unsigned tries = 0; tries < 4; tries++) {
        uint64_t off = q->file_end, blk, idx, rc;
        if (off > QCOW2_MAX_SIZE - q->cs)
            return -ENOSPC;
        uint64_t rti = (off >> q->cb) >> q->rb_bits;
        int r = rc_locate(img, off, &blk, &idx);
        if (r)
            return r;
        if (rti >= q->rt_entries) {
            r = grow_table(img);
        } else if (!blk) {
            r = new_block(img, off, rti, idx);
        } else {
            r = qcow2_refcount(img, off, &rc);
            if (!r && rc)
                r = qcow2_corrupt(img, "cluster 0x%llx past the end of the file has refcount "
                                  "%llu", (unsigned long long)off, (unsigned long long)rc);
            if (!r) {
                q->file_end = off + q->cs;
                *host = off;
                return 0;
            }
        }
        if (r)
            return r;
    }
    return qcow2_corrupt(img, "cannot allocate a cluster");
}

void qcow2_compressed_span(const struct qcow2 *q, uint64_t entry, uint64_t *start,
                           uint64_t *len)
{
    unsigned x = 62 - (q->cb - 8);
    uint64_t sectors = ((entry >> x) & ((1ull << (q->cb - 8)) - 1)) + 1;
    *start = entry & ((1ull << x) - 1);
    *len = sectors * 512 - (*start & 511);
}

/* The clusters of every 512-byte sector the compressed data touches were counted once. */
int qcow2_release_compressed(struct image *img, uint64_t entry)
{
    struct qcow2 *q = qcow2_of(img);
    uint64_t start, len;
    qcow2_compressed_span(q, entry, &start, &len);
    uint64_t end = start + len;
    int r = 0;
    for (uint64_t c = start & ~(q->cs - 1); !r && c < end; c += q->cs)
        r = qcow2_refcount_add(img, c, -1);
    return r;
}
