/* The metadata cache of a qcow2 image: L2 tables and refcount blocks, one cluster each,
 * keyed by their offset in the file. Set-associative (QCOW2_CACHE_WAYS ways, least recently
 * used out) and bounded by QCOW2_CACHE_MAX; buffers are allocated on first use, so a small
 * image costs little. Writes go to the file first and then to the cache, so the cache never
 * holds anything the file does not. */
#include "disk/qcow2.h"

#include <errno.h>
#include <stdlib.h>

int qcow2_cache_init(struct qcow2 *q)
{
    /* no more sets than the image can have tables (L2 tables and refcount blocks) */
    uint64_t tables = (uint64_t)q->h.l1_size + ((uint64_t)q->h.rt_clusters << (q->cb - 3));
    uint64_t slots = QCOW2_CACHE_MAX >> q->cb;
    if (slots > tables)
        slots = tables;
    unsigned sets = 1;
    while ((uint64_t)sets * 2 * QCOW2_CACHE_WAYS <= slots)
        sets *= 2;
    q->cache = calloc((size_t)sets * QCOW2_CACHE_WAYS, sizeof(*q->cache));
    if (!q->cache)
        return -ENOMEM;
    for (unsigned i = 0; i < sets * QCOW2_CACHE_WAYS; i++)
        q->cache[i].off = UINT64_MAX;
    q->cache_sets = sets;
    return 0;
}

void qcow2_cache_free(struct qcow2 *q)
{
    if (!q->cache)
        return;
    for (unsigned i = 0; i < q->cache_sets * QCOW2_CACHE_WAYS; i++)
        free(q->cache[i].buf);
    free(q->cache);
    q->cache = NULL;
}

static struct qcow2_cache_slot *cache_set(struct qcow2 *q, uint64_t off)
{
    uint64_t h = (off >> q->cb) * 0x9e3779b97f4a7c15ull;
    return &q->cache[((h >> 32) & (q->cache_sets - 1)) * QCOW2_CACHE_WAYS];
}

/* The slot holding off, else the one to evict for it: the least recently used, which is an
 * empty one if there is one (their stamp is 0). */
static struct qcow2_cache_slot *cache_find(struct qcow2 *q, uint64_t off, bool *hit)
{
    struct qcow2_cache_slot *s = cache_set(q, off), *victim = s;
    for (unsigned i = 0; i < QCOW2_CACHE_WAYS; i++) {
        if (s[i].off == off) {
            *hit = true;
            return &s[i];
        }
        if (s[i].used < victim->used)
            victim = &s[i];
    }
    *hit = false;
    return victim;
}

int qcow2_meta_load(struct image *img, uint64_t off, uint8_t **out)
{
    struct qcow2 *q = qcow2_of(img);
    bool hit;
    struct qcow2_cache_slot *s = cache_find(q, off, &hit);
    if (!hit) {
        if (!s->buf && !(s->buf = malloc(q->cs)))
            return -ENOMEM;
        s->off = UINT64_MAX;
        s->used = 0;
        int r = image_pread(img, s->buf, q->cs, off);
        if (r)
            return r;
        s->off = off;
    }
    s->used = ++q->cache_clock;
    *out = s->buf;
    return 0;
}

int qcow2_meta_write(struct image *img, uint64_t off, size_t at, const void *p, size_t n)
{
    uint8_t *buf;
    int r = qcow2_meta_load(img, off, &buf);
    if (!r)
        r = pwrite_full(img->fd, p, n, off + at);
    if (!r)
        memcpy(buf + at, p, n);
    return r;
}
