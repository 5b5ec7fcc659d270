/* A bounded queue of Ethernet frames between exactly two threads: one producer, one
 * consumer, no locks. Locks would be a hazard here: the monitor fork(2)s while device
 * threads run (snapshot writers, clones), and a mutex a vanished thread held stays locked in
 * the child forever; a ring whose indices are published atomically is consistent in the
 * child at any instant (a frame half written is simply not published yet).
 *
 * Slots have a fixed size (NET_FRAME_MAX) in one anonymous mapping, so only the pages a
 * frame touches are ever backed: 256 slots of standard frames cost about 1 MiB. */
#ifndef ARBOR_NET_RING_H
#define ARBOR_NET_RING_H

#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

/* Largest frame carried, without the virtio-net header: a 65535-byte MTU plus the Ethernet
 * header and a VLAN tag (what a guest may set without VIRTIO_NET_F_MTU), rounded up. */
#define NET_FRAME_MAX 65550u
#define NET_RING_SLOTS 256u

struct net_ring {
    alignas(64) _Atomic uint32_t head; /* next slot the producer fills; only it writes */
    alignas(64) _Atomic uint32_t tail; /* next slot the consumer takes; only it writes */
    alignas(64) _Atomic uint64_t dropped; /* frames the producer found no room for */
    uint32_t slots;                       /* a power of two */
    uint32_t *len;
    uint8_t *data;                        /* slots * NET_FRAME_MAX bytes */
};

/* 0, or -1 with errno set. */
int net_ring_init(struct net_ring *r, uint32_t slots);
void net_ring_free(struct net_ring *r);
/* Empty it; only when no other thread uses it (creation, or a child after fork). */
void net_ring_reset(struct net_ring *r);

/* Producer: the slot to fill next (NET_FRAME_MAX bytes), or NULL when the ring is full;
 * commit publishes it with its length. */
uint8_t *net_ring_reserve(struct net_ring *r);
void net_ring_commit(struct net_ring *r, uint32_t len);
/* Producer: copy a frame in; false (and counted as dropped) when the ring is full. */
bool net_ring_put(struct net_ring *r, const void *frame, uint32_t len);

/* Consumer: the oldest frame (writable in place: the consumer owns it until take), or NULL
 * when empty. */
uint8_t *net_ring_front(struct net_ring *r, uint32_t *len);
void net_ring_take(struct net_ring *r);
/* Consumer: drop every frame queued now; returns how many. */
uint32_t net_ring_discard(struct net_ring *r);
bool net_ring_empty(struct net_ring *r);

#endif
