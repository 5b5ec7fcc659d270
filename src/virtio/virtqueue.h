/* Split virtqueues (virtio 1.2 §2.7) read from and written to guest RAM. The guest owns the
 * rings and may write anything there at any time, so every index, address and length is
 * checked before use; anything a well-behaved driver cannot produce makes the call report
 * the queue broken, and the transport then marks the device as needing a reset. Nothing here
 * allocates, and every walk is bounded by the queue size. */
#ifndef ARBOR_VIRTIO_VIRTQUEUE_H
#define ARBOR_VIRTIO_VIRTQUEUE_H

#include "mem/bus.h"

#define VIRTQ_NUM_MAX 256 /* QueueNumMax: the largest queue a driver may set up */

/* Descriptor flags (§2.7.5) and the driver's avail ring flag (§2.7.6). */
#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2
#define VIRTQ_DESC_F_INDIRECT 4
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1

/* Sizes and alignments of the three parts of a queue of `num` entries (§2.7). */
#define VIRTQ_DESC_SIZE(num) (16ull * (num))
#define VIRTQ_AVAIL_SIZE(num) (6ull + 2ull * (num))
#define VIRTQ_USED_SIZE(num) (6ull + 8ull * (num))

/* One queue as the driver configured it, plus the device's two positions in it. */
struct virtq {
    uint32_t num;        /* entries; valid only as a power of two in 1..VIRTQ_NUM_MAX */
    uint8_t ready;       /* 0 or 1 (a byte: snapshots hold it as one) */
    uint64_t desc, avail, used; /* guest-physical addresses of the three rings */
    uint16_t last_avail; /* next avail ring entry the device takes */
    uint16_t used_idx;   /* the device's copy of used->idx */
};

/* A guest-physical buffer piece of a chain. */
struct virtq_seg {
    uint64_t addr;
    uint32_t len;
};

/* A descriptor chain taken from the avail ring: the read-only segments (the driver's
 * request) come first, then the write-only ones (room for the device's answer). */
struct virtq_chain {
    uint16_t head;        /* what virtq_push hands back */
    unsigned n_ro, n_wo;  /* seg[0..n_ro) read-only, seg[n_ro..n_ro+n_wo) write-only */
    uint32_t ro_len, wo_len;
    struct virtq_seg seg[VIRTQ_NUM_MAX];
};

enum virtq_result {
    VIRTQ_BROKEN = -1, /* the driver broke the rules: the device needs a reset */
    VIRTQ_EMPTY = 0,   /* nothing available */
    VIRTQ_OK = 1,
};

/* True when `num` is a queue size a driver may choose and the three rings lie in RAM with
 * their required alignment (16, 2 and 4 bytes). */
bool virtq_valid(const struct virtq *q, const struct bus *bus);

/* Take the next available chain into `c`. Refused (VIRTQ_BROKEN): an avail index more than
 * `num` ahead, a head or next index out of range, a chain longer than the queue (a loop), a
 * segment outside RAM, a read-only segment after a write-only one, an indirect descriptor
 * (VIRTIO_F_INDIRECT_DESC is not offered), or a direction's total past 4 GiB - 1. */
enum virtq_result virtq_pop(struct virtq *q, struct bus *bus, struct virtq_chain *c);

/* Put chain `head` on the used ring with `written` bytes written into it. */
enum virtq_result virtq_push(struct virtq *q, struct bus *bus, uint16_t head, uint32_t written);

/* False when the driver asked not to be interrupted for used buffers (it polls). */
bool virtq_wants_interrupt(const struct virtq *q, const struct bus *bus);

/* Copy up to `len` bytes from offset `off` of the chain's read-only part; returns how many. */
uint32_t virtq_read(struct bus *bus, const struct virtq_chain *c, uint32_t off, void *dst,
                    uint32_t len);
/* Copy up to `len` bytes into offset `off` of the chain's write-only part, noting every page
 * written (dirty tracking, decoded code); returns how many. */
uint32_t virtq_write(struct bus *bus, const struct virtq_chain *c, uint32_t off,
                     const void *src, uint32_t len);

#endif
