/* Split virtqueues: taking descriptor chains from the avail ring, returning them on the used
 * ring, copying to and from their buffers. The monitor runs the harts and the devices in one
 * thread, so the guest cannot change a ring while it is being read here; each field is still
 * read once into a local and checked there, so that a future device thread needs no
 * re-audit of this file. */
#include "virtio/virtqueue.h"

/* Host pointer to [addr, addr + len) of RAM, NULL when any of it is not RAM. */
static uint8_t *ram(const struct bus *bus, uint64_t addr, uint64_t len)
{
    return bus_ram_ptr(bus, addr, len);
}

bool virtq_valid(const struct virtq *q, const struct bus *bus)
{
    uint32_t n = q->num;
    if (n == 0 || n > VIRTQ_NUM_MAX || (n & (n - 1)))
        return false;
    if ((q->desc & 15) || (q->avail & 1) || (q->used & 3))
        return false;
    return ram(bus, q->desc, VIRTQ_DESC_SIZE(n)) && ram(bus, q->avail, VIRTQ_AVAIL_SIZE(n)) &&
           ram(bus, q->used, VIRTQ_USED_SIZE(n));
}

struct desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};

static struct desc read_desc(const uint8_t *table, uint16_t i)
{
    const uint8_t *p = table + 16u * i;
    return (struct desc){load_le(p, 8), (uint32_t)load_le(p + 8, 4), (uint16_t)load_le(p + 12, 2),
                         (uint16_t)load_le(p + 14, 2)};
}

/* Add one descriptor's buffer to the chain, keeping read-only before write-only. */
static bool add_segment(const struct bus *bus, struct virtq_chain *c, const struct desc *d)
{
    if (d->flags & VIRTQ_DESC_F_INDIRECT)
        return false; /* not offered, so not allowed (§2.7.5.3.1) */
    if (!ram(bus, d->addr, d->len))
        return false;
    bool wo = d->flags & VIRTQ_DESC_F_WRITE;
    uint32_t *total = wo ? &c->wo_len : &c->ro_len;
    if (!wo && c->n_wo)
        return false; /* §2.7.4.2: readable descriptors come first */
    if (d->len > UINT32_MAX - *total)
        return false;
    *total += d->len;
    c->seg[c->n_ro + c->n_wo] = (struct virtq_seg){d->addr, d->len};
    if (wo)
        c->n_wo++;
    else
        c->n_ro++;
    return true;
}

/* Follow the chain from `head`. At most `num` descriptors: a longer chain revisits one, so
 * it is a loop (or would be refused as too long by the spec anyway). */
static bool walk_chain(const struct virtq *q, const struct bus *bus, uint16_t head,
                       struct virtq_chain *c)
{
    const uint8_t *table = ram(bus, q->desc, VIRTQ_DESC_SIZE(q->num));
    *c = (struct virtq_chain){.head = head};
    uint16_t i = head;
    for (uint32_t n = 0; n < q->num; n++) {
        if (i >= q->num)
            return false;
        struct desc d = read_desc(table, i);
        if (!add_segment(bus, c, &d))
            return false;
        if (!(d.flags & VIRTQ_DESC_F_NEXT))
            return true;
        i = d.next;
    }
    return false;
}

enum virtq_result virtq_pop(struct virtq *q, struct bus *bus, struct virtq_chain *c)
{
    if (!q->ready || !virtq_valid(q, bus))
        return VIRTQ_BROKEN;
    const uint8_t *avail = ram(bus, q->avail, VIRTQ_AVAIL_SIZE(q->num));
    uint16_t idx = (uint16_t)load_le(avail + 2, 2);
    uint16_t pending = (uint16_t)(idx - q->last_avail);
    if (pending == 0)
        return VIRTQ_EMPTY;
    if (pending > q->num)
        return VIRTQ_BROKEN; /* more than the ring holds: the index is garbage */
    uint16_t head = (uint16_t)load_le(avail + 4 + 2u * (q->last_avail & (q->num - 1)), 2);
    if (!walk_chain(q, bus, head, c))
        return VIRTQ_BROKEN;
    q->last_avail++;
    return VIRTQ_OK;
}

enum virtq_result virtq_push(struct virtq *q, struct bus *bus, uint16_t head, uint32_t written)
{
    if (!q->ready || !virtq_valid(q, bus))
        return VIRTQ_BROKEN;
    uint8_t *used = ram(bus, q->used, VIRTQ_USED_SIZE(q->num));
    uint64_t elem = 4 + 8ull * (q->used_idx & (q->num - 1));
    bus_note_write_range(bus, q->used + elem, 8);
    store_le(used + elem, head, 4);
    store_le(used + elem + 4, written, 4);
    /* The element is complete before the index that publishes it moves (§2.7.8.2). */
    q->used_idx++;
    bus_note_write_range(bus, q->used + 2, 2);
    __atomic_store_n((uint16_t *)(used + 2), q->used_idx, __ATOMIC_RELEASE);
    return VIRTQ_OK;
}

bool virtq_wants_interrupt(const struct virtq *q, const struct bus *bus)
{
    const uint8_t *avail = ram(bus, q->avail, 2);
    return !avail || !(load_le(avail, 2) & VIRTQ_AVAIL_F_NO_INTERRUPT);
}

/* Copy between `buf` and the segments [first, first + n) from byte `off` of their
 * concatenation; returns the bytes copied. */
static uint32_t copy_segs(struct bus *bus, const struct virtq_seg *seg, unsigned n,
                          uint32_t off, uint8_t *buf, uint32_t len, bool to_guest)
{
    uint32_t done = 0;
    for (unsigned i = 0; i < n && done < len; i++) {
        if (off >= seg[i].len) {
            off -= seg[i].len;
            continue;
        }
        uint32_t k = seg[i].len - off;
        if (k > len - done)
            k = len - done;
        uint64_t addr = seg[i].addr + off;
        uint8_t *p = ram(bus, addr, k); /* checked at pop; RAM does not shrink */
        if (!p)
            break;
        if (to_guest) {
            bus_note_write_range(bus, addr, k);
            memcpy(p, buf + done, k);
        } else {
            memcpy(buf + done, p, k);
        }
        done += k;
        off = 0;
    }
    return done;
}

uint32_t virtq_read(struct bus *bus, const struct virtq_chain *c, uint32_t off, void *dst,
                    uint32_t len)
{
    return copy_segs(bus, c->seg, c->n_ro, off, dst, len, false);
}

uint32_t virtq_write(struct bus *bus, const struct virtq_chain *c, uint32_t off,
                     const void *src, uint32_t len)
{
    return copy_segs(bus, c->seg + c->n_ro, c->n_wo, off, (uint8_t *)src, len, true);
}
