/* The single-producer single-consumer frame ring (see ring.h). Indices run freely and wrap
 * at 2^32; a slot is index & (slots - 1). The producer publishes a frame with a release
 * store of head after writing it; the consumer frees a slot with a release store of tail
 * after reading it, so neither ever sees the other's half-done slot. */
#include "net/ring.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

int net_ring_init(struct net_ring *r, uint32_t slots)
{
    if (!slots || (slots & (slots - 1))) {
        errno = EINVAL;
        return -1;
    }
    size_t bytes = (size_t)slots * NET_FRAME_MAX + (size_t)slots * sizeof(uint32_t);
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
                   MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    r->slots = slots;
    r->len = p;
    r->data = (uint8_t *)p + (size_t)slots * sizeof(uint32_t);
    net_ring_reset(r);
    return 0;
}

void net_ring_free(struct net_ring *r)
{
    if (r->len)
        munmap(r->len, (size_t)r->slots * NET_FRAME_MAX + (size_t)r->slots * sizeof(uint32_t));
    r->len = NULL;
    r->data = NULL;
}

void net_ring_reset(struct net_ring *r)
{
    atomic_store(&r->head, 0);
    atomic_store(&r->tail, 0);
    atomic_store(&r->dropped, 0);
}

static uint8_t *slot(const struct net_ring *r, uint32_t i)
{
    return r->data + (size_t)(i & (r->slots - 1)) * NET_FRAME_MAX;
}

uint8_t *net_ring_reserve(struct net_ring *r)
{
    uint32_t h = atomic_load_explicit(&r->head, memory_order_relaxed);
    uint32_t t = atomic_load_explicit(&r->tail, memory_order_acquire);
    return h - t < r->slots ? slot(r, h) : NULL;
}

void net_ring_commit(struct net_ring *r, uint32_t len)
{
    uint32_t h = atomic_load_explicit(&r->head, memory_order_relaxed);
    r->len[h & (r->slots - 1)] = len;
    atomic_store_explicit(&r->head, h + 1, memory_order_release);
}

bool net_ring_put(struct net_ring *r, const void *frame, uint32_t len)
{
    uint8_t *p = len <= NET_FRAME_MAX ? net_ring_reserve(r) : NULL;
    if (!p) {
        atomic_fetch_add_explicit(&r->dropped, 1, memory_order_relaxed);
        return false;
    }
    memcpy(p, frame, len);
    net_ring_commit(r, len);
    return true;
}

uint8_t *net_ring_front(struct net_ring *r, uint32_t *len)
{
    uint32_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
    uint32_t h = atomic_load_explicit(&r->head, memory_order_acquire);
    if (h == t)
        return NULL;
    *len = r->len[t & (r->slots - 1)];
    return slot(r, t);
}

void net_ring_take(struct net_ring *r)
{
    uint32_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
    atomic_store_explicit(&r->tail, t + 1, memory_order_release);
}

uint32_t net_ring_discard(struct net_ring *r)
{
    uint32_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
    uint32_t h = atomic_load_explicit(&r->head, memory_order_acquire);
    atomic_store_explicit(&r->tail, h, memory_order_release);
    return h - t;
}

bool net_ring_empty(struct net_ring *r)
{
    return atomic_load_explicit(&r->head, memory_order_acquire) ==
           atomic_load_explicit(&r->tail, memory_order_relaxed);
}
