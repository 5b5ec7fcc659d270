/* A tiny virtio driver for device tests: it sets up a device's queues in the stub board's RAM
 * the way Linux does (VERSION_1, every queue QSIZE entries, DRIVER_OK), offers buffers of one
 * or two segments and reads what the device used, so a test speaks to a device through real
 * rings and registers. */
#ifndef ARBOR_TESTS_VQ_DRIVER_H
#define ARBOR_TESTS_VQ_DRIVER_H

#include "stub_board.h"
#include "virtio/mmio.h"

#define VQD_QSIZE 16
#define VQD_MAX_Q 4
#define VQD_RINGS 0x1000ull      /* offset in RAM of the first queue's rings */
#define VQD_DATA 0x20000ull      /* offset in RAM of the buffers the test hands out */

struct vqd {
    struct board *b;
    uint64_t regs;               /* the slot's registers */
    unsigned nq;
    struct {
        uint64_t desc, avail, used;
        uint16_t next_desc, used_seen;
    } q[VQD_MAX_Q];
    uint64_t data_next;          /* the next free buffer address */
};

static inline uint32_t vqd_rd(struct vqd *d, uint32_t off)
{
    uint64_t v = 0;
    bus_read(&d->b->bus, d->regs + off, 4, &v);
    return (uint32_t)v;
}

static inline void vqd_wr(struct vqd *d, uint32_t off, uint32_t v)
{
    bus_write(&d->b->bus, d->regs + off, 4, v);
}

static inline uint8_t *vqd_ram(struct vqd *d, uint64_t addr, uint64_t len)
{
    return bus_ram_ptr(&d->b->bus, addr, len);
}

/* Reset the device in `slot` and bring up `nq` queues, as a driver's probe does. */
static inline void vqd_init(struct vqd *d, struct board *b, unsigned slot, unsigned nq)
{
    *d = (struct vqd){.b = b, .regs = VIRT_VIRTIO_BASE + slot * 0x1000ull, .nq = nq};
    memset(vqd_ram(d, VIRT_DRAM_BASE, VQD_DATA), 0, VQD_DATA);
    d->data_next = VIRT_DRAM_BASE + VQD_DATA;
    vqd_wr(d, VIRTIO_MMIO_STATUS, 0);
    vqd_wr(d, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    vqd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    vqd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES, 1);
    vqd_wr(d, VIRTIO_MMIO_STATUS, 0xb);
    for (unsigned i = 0; i < nq; i++) {
        uint64_t base = VIRT_DRAM_BASE + VQD_RINGS + i * 0x1000ull;
        d->q[i].desc = base, d->q[i].avail = base + 0x400, d->q[i].used = base + 0x800;
        vqd_wr(d, VIRTIO_MMIO_QUEUE_SEL, i);
        vqd_wr(d, VIRTIO_MMIO_QUEUE_NUM, VQD_QSIZE);
        vqd_wr(d, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)d->q[i].desc);
        vqd_wr(d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)d->q[i].avail);
        vqd_wr(d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)d->q[i].used);
        vqd_wr(d, VIRTIO_MMIO_QUEUE_READY, 1);
    }
    vqd_wr(d, VIRTIO_MMIO_STATUS, 0xf);
}

/* A buffer of `len` bytes from the test's area (zeroed). */
static inline uint64_t vqd_buf(struct vqd *d, uint32_t len)
{
    uint64_t a = d->data_next;
    d->data_next += (len + 63) & ~63u;
    memset(vqd_ram(d, a, len ? len : 1), 0, len ? len : 1);
    return a;
}

static inline void vqd_desc(struct vqd *d, unsigned q, uint16_t i, uint64_t addr, uint32_t len,
                            uint16_t flags, uint16_t next)
{
    uint8_t *p = vqd_ram(d, d->q[q].desc + 16ull * i, 16);
    store_le(p, addr, 8);
    store_le(p + 8, len, 4);
    store_le(p + 12, flags, 2);
    store_le(p + 14, next, 2);
}

/* Offer a chain of one or two segments (len2 0: one); `write` makes them write-only. */
static inline uint16_t vqd_offer(struct vqd *d, unsigned q, uint64_t a1, uint32_t l1,
                                 uint64_t a2, uint32_t l2, bool write)
{
    uint16_t head = d->q[q].next_desc % VQD_QSIZE, second = (head + 1) % VQD_QSIZE;
    uint16_t w = write ? VIRTQ_DESC_F_WRITE : 0;
    vqd_desc(d, q, head, a1, l1, w | (l2 ? VIRTQ_DESC_F_NEXT : 0), second);
    if (l2)
        vqd_desc(d, q, second, a2, l2, w, 0);
    d->q[q].next_desc += l2 ? 2 : 1;
    uint8_t *avail = vqd_ram(d, d->q[q].avail, 4 + 2 * VQD_QSIZE);
    uint16_t idx = (uint16_t)load_le(avail + 2, 2);
    store_le(avail + 4 + 2 * (idx % VQD_QSIZE), head, 2);
    store_le(avail + 2, (uint16_t)(idx + 1), 2);
    return head;
}

static inline void vqd_notify(struct vqd *d, unsigned q)
{
    vqd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, q);
}

/* The next used element of queue `q`, if the device added one. */
static inline bool vqd_used(struct vqd *d, unsigned q, uint16_t *id, uint32_t *len)
{
    uint8_t *used = vqd_ram(d, d->q[q].used, 4 + 8 * VQD_QSIZE);
    if ((uint16_t)load_le(used + 2, 2) == d->q[q].used_seen)
        return false;
    uint8_t *e = used + 4 + 8 * (d->q[q].used_seen++ % VQD_QSIZE);
    *id = (uint16_t)load_le(e, 4);
    *len = (uint32_t)load_le(e + 4, 4);
    return true;
}

/* The address of descriptor `id`'s buffer (what a used element points back to). */
static inline uint64_t vqd_desc_addr(struct vqd *d, unsigned q, uint16_t id)
{
    return load_le(vqd_ram(d, d->q[q].desc + 16ull * id, 8), 8);
}

#endif
