/* virtio-mmio version 2: registers, feature negotiation, queue setup, interrupt, reset and the
 * transport's snapshot section. The guest is untrusted: a queue it sets up wrongly or a chain
 * it corrupts marks the device as needing a reset (§2.1.2), never hurts the monitor. */
#include "virtio/mmio.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>

struct virtio_mmio {
    struct board *b;
    unsigned slot;
    const struct virtio_dev_ops *ops;
    void *dev;
    uint64_t extra_features; /* this instance's, besides ops->features (virtio_offer) */
    struct device_ops dops; /* per slot: the snapshot tag differs */
    char name[24];
    bool logged; /* a guest that breaks the device again and again is reported once */

    uint32_t status;
    uint32_t dev_features_sel, drv_features_sel;
    uint64_t driver_features;
    uint32_t queue_sel;
    uint32_t isr;        /* InterruptStatus */
    uint32_t config_gen; /* ConfigGeneration: bumped when the device changes its config */
    struct virtq q[VIRTIO_MMIO_MAX_QUEUES];
};

static uint64_t offered(const struct virtio_mmio *t)
{
    return t->ops->features | t->extra_features | VIRTIO_F_VERSION_1;
}

static unsigned irq_of(const struct virtio_mmio *t)
{
    return 1 + t->slot;
}

static void update_irq(struct virtio_mmio *t)
{
    board_set_irq(t->b, irq_of(t), t->isr != 0);
}

static bool broken(const struct virtio_mmio *t)
{
    return t->status & VIRTIO_STATUS_NEEDS_RESET;
}

struct virtq *virtio_queue(struct virtio_mmio *t, unsigned q)
{
    return q < t->ops->num_queues ? &t->q[q] : NULL;
}

struct bus *virtio_bus(struct virtio_mmio *t)
{
    return &t->b->bus;
}

uint32_t virtio_status(const struct virtio_mmio *t)
{
    return t->status;
}

void virtio_offer(struct virtio_mmio *t, uint64_t features)
{
    t->extra_features |= features;
}

void *virtio_dev(struct virtio_mmio *t)
{
    return t->dev;
}

uint32_t virtio_device_id(const struct virtio_mmio *t)
{
    return t->ops->device_id;
}

bool virtio_running(const struct virtio_mmio *t)
{
    return (t->status & VIRTIO_STATUS_DRIVER_OK) && !broken(t);
}

uint64_t virtio_driver_features(const struct virtio_mmio *t)
{
    return t->driver_features;
}

struct board *virtio_board(struct virtio_mmio *t)
{
    return t->b;
}

void virtio_config_changed(struct virtio_mmio *t)
{
    t->config_gen++;
    if (t->status & VIRTIO_STATUS_DRIVER_OK) {
        t->isr |= VIRTIO_INT_CONFIG;
        update_irq(t);
    }
}

void virtio_used(struct virtio_mmio *t, unsigned q)
{
    if (q < t->ops->num_queues && virtq_wants_interrupt(&t->q[q], &t->b->bus)) {
        t->isr |= VIRTIO_INT_USED;
        update_irq(t);
    }
}

void virtio_needs_reset(struct virtio_mmio *t, const char *why)
{
    if (broken(t))
        return;
    if (!t->logged)
        log_info("%s: %s; the device needs a reset (reported once)", t->name, why);
    t->logged = true;
    t->status |= VIRTIO_STATUS_NEEDS_RESET;
    t->isr |= VIRTIO_INT_CONFIG;
    update_irq(t);
}

/* Status 0 (or a board reset): everything the driver set up is forgotten. */
static void transport_reset(struct virtio_mmio *t)
{
    t->status = t->dev_features_sel = t->drv_features_sel = t->queue_sel = t->isr = 0;
    t->driver_features = 0;
    memset(t->q, 0, sizeof(t->q));
    if (t->ops->reset)
        t->ops->reset(t->dev);
    update_irq(t);
}

/* Serve queue `q` if the device may (§3.1.1: not before DRIVER_OK). */
static void notify(struct virtio_mmio *t, uint32_t q)
{
    if (q >= t->ops->num_queues || !t->q[q].ready || broken(t) ||
        !(t->status & VIRTIO_STATUS_DRIVER_OK))
        return;
    t->ops->queue_notify(t->dev, t, q);
}

/* FEATURES_OK is accepted only for a subset of what was offered that includes VERSION_1:
 * there is no legacy interface behind this transport (§6.1). */
static void write_status(struct virtio_mmio *t, uint32_t val)
{
    if (val == 0) {
        transport_reset(t);
        return;
    }
    bool was_ok = t->status & VIRTIO_STATUS_DRIVER_OK;
    uint64_t f = t->driver_features;
    if ((val & VIRTIO_STATUS_FEATURES_OK) && !(t->status & VIRTIO_STATUS_FEATURES_OK) &&
        (!(f & VIRTIO_F_VERSION_1) || (f & ~offered(t))))
        val &= ~VIRTIO_STATUS_FEATURES_OK;
    /* NEEDS_RESET is the device's to set and only a reset clears it. */
    t->status = (val & ~VIRTIO_STATUS_NEEDS_RESET) | (t->status & VIRTIO_STATUS_NEEDS_RESET);
    /* Buffers made available before DRIVER_OK are served now that the device may. */
    if (!was_ok && (t->status & VIRTIO_STATUS_DRIVER_OK))
        for (unsigned q = 0; q < t->ops->num_queues; q++)
            notify(t, q);
}

static void write_driver_features(struct virtio_mmio *t, uint32_t val)
{
    if ((t->status & VIRTIO_STATUS_FEATURES_OK) || t->drv_features_sel > 1)
        return; /* fixed once accepted */
    unsigned shift = 32 * t->drv_features_sel;
    t->driver_features = (t->driver_features & ~(0xffffffffull << shift)) | (uint64_t)val << shift;
}

/* The selected queue while the driver may still configure it, else NULL. */
static struct virtq *setup_queue(struct virtio_mmio *t)
{
    struct virtq *q = virtio_queue(t, t->queue_sel);
    return q && !q->ready ? q : NULL;
}

static void set_half(uint64_t *addr, bool high, uint32_t val)
{
    unsigned shift = high ? 32 : 0;
    *addr = (*addr & ~(0xffffffffull << shift)) | (uint64_t)val << shift;
}

static void write_queue_ready(struct virtio_mmio *t, uint32_t val)
{
    struct virtq *q = virtio_queue(t, t->queue_sel);
    if (!q)
        return;
    if (!(val & 1)) {
        q->ready = 0;
        return;
    }
    if (q->ready)
        return;
    if (!virtq_valid(q, &t->b->bus)) {
        virtio_needs_reset(t, "queue size not a power of two up to 256, or rings not in RAM");
        return;
    }
    q->ready = 1;
}

static void write_queue_reg(struct virtio_mmio *t, uint32_t off, uint32_t val)
{
    struct virtq *q = setup_queue(t);
    if (!q)
        return; /* no such queue, or live: its configuration is fixed until reset */
    switch (off) {
    case VIRTIO_MMIO_QUEUE_NUM: q->num = val; break;
    case VIRTIO_MMIO_QUEUE_DESC_LOW: set_half(&q->desc, false, val); break;
    case VIRTIO_MMIO_QUEUE_DESC_HIGH: set_half(&q->desc, true, val); break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW: set_half(&q->avail, false, val); break;
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH: set_half(&q->avail, true, val); break;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW: set_half(&q->used, false, val); break;
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH: set_half(&q->used, true, val); break;
    default: break;
    }
}

static void reg_write(struct virtio_mmio *t, uint32_t off, uint32_t val)
{
    switch (off) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL: t->dev_features_sel = val; break;
    case VIRTIO_MMIO_DRIVER_FEATURES: write_driver_features(t, val); break;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL: t->drv_features_sel = val; break;
    case VIRTIO_MMIO_QUEUE_SEL: t->queue_sel = val; break;
    case VIRTIO_MMIO_QUEUE_READY: write_queue_ready(t, val); break;
    case VIRTIO_MMIO_QUEUE_NOTIFY: notify(t, val); break;
    case VIRTIO_MMIO_INTERRUPT_ACK:
        t->isr &= ~val;
        update_irq(t);
        break;
    case VIRTIO_MMIO_STATUS: write_status(t, val); break;
    default: write_queue_reg(t, off, val); break; /* read-only ones are ignored */
    }
}

static uint32_t queue_reg_read(const struct virtio_mmio *t, uint32_t off)
{
    if (t->queue_sel >= t->ops->num_queues)
        return 0; /* QueueNumMax 0: no such queue */
    const struct virtq *q = &t->q[t->queue_sel];
    switch (off) {
    case VIRTIO_MMIO_QUEUE_NUM_MAX: return VIRTQ_NUM_MAX;
    case VIRTIO_MMIO_QUEUE_NUM: return q->num;
    case VIRTIO_MMIO_QUEUE_READY: return q->ready;
    case VIRTIO_MMIO_QUEUE_DESC_LOW: return (uint32_t)q->desc;
    case VIRTIO_MMIO_QUEUE_DESC_HIGH: return (uint32_t)(q->desc >> 32);
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW: return (uint32_t)q->avail;
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH: return (uint32_t)(q->avail >> 32);
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW: return (uint32_t)q->used;
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH: return (uint32_t)(q->used >> 32);
    default: return 0; /* write-only and reserved registers */
    }
}

static uint32_t reg_read(const struct virtio_mmio *t, uint32_t off)
{
    switch (off) {
    case VIRTIO_MMIO_MAGIC: return VIRTIO_MMIO_MAGIC_VALUE;
    case VIRTIO_MMIO_VERSION: return 2;
    case VIRTIO_MMIO_DEVICE_ID: return t->ops->device_id;
    case VIRTIO_MMIO_VENDOR_ID: return VIRTIO_MMIO_VENDOR;
    case VIRTIO_MMIO_DEVICE_FEATURES:
        return t->dev_features_sel > 1 ? 0 : (uint32_t)(offered(t) >> (32 * t->dev_features_sel));
    case VIRTIO_MMIO_INTERRUPT_STATUS: return t->isr;
    case VIRTIO_MMIO_STATUS: return t->status;
    case VIRTIO_MMIO_CONFIG_GENERATION: return t->config_gen;
    default: return queue_reg_read(t, off);
    }
}

/* Config space: aligned accesses of 1, 2 or 4 bytes (§4.2.2.2); past the device's config
 * reads give 0 and writes are dropped. */
static bool config_access_ok(uint64_t off, unsigned size)
{
    return size <= 4 && !(off & (size - 1));
}

static bool config_in(const struct virtio_mmio *t, uint32_t off, unsigned size)
{
    return off + size <= t->ops->config_size;
}

static bool virtio_mmio_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    struct virtio_mmio *t = opaque;
    if (off >= VIRTIO_MMIO_CONFIG) {
        if (!config_access_ok(off, size))
            return false;
        uint32_t c = (uint32_t)(off - VIRTIO_MMIO_CONFIG);
        *val = config_in(t, c, size) && t->ops->config_read ? t->ops->config_read(t->dev, c, size)
                                                            : 0;
        return true;
    }
    if (size != 4 || (off & 3))
        return false;
    *val = reg_read(t, (uint32_t)off);
    return true;
}

static bool virtio_mmio_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    struct virtio_mmio *t = opaque;
    if (off >= VIRTIO_MMIO_CONFIG) {
        if (!config_access_ok(off, size))
            return false;
        uint32_t c = (uint32_t)(off - VIRTIO_MMIO_CONFIG);
        if (config_in(t, c, size) && t->ops->config_write)
            t->ops->config_write(t->dev, c, size, (uint32_t)val);
        return true;
    }
    if (size != 4 || (off & 3))
        return false;
    reg_write(t, (uint32_t)off, (uint32_t)val);
    return true;
}

static const struct mmio_ops virtio_mmio_ops = {
    .read = virtio_mmio_read,
    .write = virtio_mmio_write,
};

/* --- board hooks --- */

static uint64_t base_of(const struct virtio_mmio *t)
{
    return VIRT_VIRTIO_BASE + (uint64_t)t->slot * VIRTIO_MMIO_SIZE;
}

/* As QEMU's: virtio_mmio@ADDR, "virtio,mmio", reg and one PLIC interrupt. */
static void virtio_mmio_fdt_node(void *dev, struct board *b, void *fdt)
{
    struct virtio_mmio *t = dev;
    char name[32];
    snprintf(name, sizeof(name), "virtio_mmio@%llx", (unsigned long long)base_of(t));
    const fdt32_t reg[] = {0, cpu_to_fdt32((uint32_t)base_of(t)), 0,
                           cpu_to_fdt32(VIRTIO_MMIO_SIZE)};
    int err = fdt_begin_node(fdt, name);
    err |= fdt_property_string(fdt, "compatible", "virtio,mmio");
    err |= fdt_property(fdt, "reg", reg, sizeof(reg));
    err |= fdt_property_u32(fdt, "interrupt-parent", b->plic_phandle);
    err |= fdt_property_u32(fdt, "interrupts", irq_of(t));
    err |= fdt_end_node(fdt);
    if (err)
        log_error("device tree: cannot add the %s node", t->name);
}

static void virtio_mmio_reset(void *dev)
{
    transport_reset(dev);
}

static void virtio_mmio_poll(void *dev)
{
    struct virtio_mmio *t = dev;
    if (t->ops->poll)
        t->ops->poll(t->dev, t);
}

static uint64_t virtio_mmio_next_deadline(void *dev)
{
    struct virtio_mmio *t = dev;
    return t->ops->next_deadline ? t->ops->next_deadline(t->dev) : UINT64_MAX;
}

static void virtio_mmio_quiesce(void *dev)
{
    struct virtio_mmio *t = dev;
    if (t->ops->quiesce)
        t->ops->quiesce(t->dev, t);
}

static int virtio_mmio_after_fork(void *dev)
{
    struct virtio_mmio *t = dev;
    return t->ops->after_fork ? t->ops->after_fork(t->dev, t) : 0;
}

static void virtio_mmio_destroy(void *dev)
{
    struct virtio_mmio *t = dev;
    if (t->ops->destroy)
        t->ops->destroy(t->dev);
    free(t);
}

/* --- snapshot: the section 'VIOn' (n = slot), transport first, then the device's own state.
 * Everything is checked before anything changes: a ready queue must be one the guest could
 * have made ready, so a tampered file cannot point the device at memory outside RAM. --- */

#define SNAP_STATUS_BITS                                                                     \
    (VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK |            \
     VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_NEEDS_RESET | VIRTIO_STATUS_FAILED)

static const struct snap_field transport_fields[] = {
    SNAP_FIELD(struct virtio_mmio, status),
    SNAP_FIELD(struct virtio_mmio, dev_features_sel),
    SNAP_FIELD(struct virtio_mmio, drv_features_sel),
    SNAP_FIELD(struct virtio_mmio, driver_features),
    SNAP_FIELD(struct virtio_mmio, queue_sel),
    SNAP_FIELD(struct virtio_mmio, isr),
    SNAP_FIELD(struct virtio_mmio, config_gen),
};

static const struct snap_field queue_fields[] = {
    SNAP_FIELD(struct virtq, num),   SNAP_FIELD(struct virtq, ready),
    SNAP_FIELD(struct virtq, desc),  SNAP_FIELD(struct virtq, avail),
    SNAP_FIELD(struct virtq, used),  SNAP_FIELD(struct virtq, last_avail),
    SNAP_FIELD(struct virtq, used_idx),
};

static void virtio_mmio_snap_save(void *dev, struct snap_writer *w)
{
    struct virtio_mmio *t = dev;
    snap_w_u32(w, t->ops->device_id);
    snap_w_u32(w, t->ops->num_queues);
    snap_w_fields(w, t, transport_fields, ARRAY_SIZE(transport_fields));
    for (unsigned i = 0; i < t->ops->num_queues; i++)
        snap_w_fields(w, &t->q[i], queue_fields, ARRAY_SIZE(queue_fields));
    if (t->ops->save)
        t->ops->save(t->dev, w);
}

static bool queue_ok(const struct virtq *q, const struct bus *bus)
{
    uint32_t n = q->num;
    if (n > VIRTQ_NUM_MAX || (n & (n - 1)) || q->ready > 1)
        return false;
    return !q->ready || virtq_valid(q, bus);
}

static bool check_transport(const struct virtio_mmio *s, struct snap_reader *r)
{
    if (s->status & ~SNAP_STATUS_BITS)
        return snap_r_fail(r, "unknown status bits");
    if (s->driver_features & ~offered(s))
        return snap_r_fail(r, "driver features the device does not offer");
    if (s->isr & ~(VIRTIO_INT_USED | VIRTIO_INT_CONFIG))
        return snap_r_fail(r, "unknown interrupt status bits");
    for (unsigned i = 0; i < s->ops->num_queues; i++)
        if (!queue_ok(&s->q[i], &s->b->bus))
            return snap_r_fail(r, "a queue of a bad size, or ready with rings outside RAM");
    return true;
}

static bool virtio_mmio_snap_load(void *dev, struct snap_reader *r)
{
    struct virtio_mmio *t = dev, s = *t;
    uint32_t id = snap_r_u32(r), nq = snap_r_u32(r);
    if (!r->bad && (id != t->ops->device_id || nq != t->ops->num_queues))
        return snap_r_fail(r, "another kind of virtio device");
    snap_r_fields(r, &s, transport_fields, ARRAY_SIZE(transport_fields));
    for (unsigned i = 0; i < nq && i < VIRTIO_MMIO_MAX_QUEUES; i++)
        snap_r_fields(r, &s.q[i], queue_fields, ARRAY_SIZE(queue_fields));
    if (r->bad || !check_transport(&s, r))
        return false;
    /* The device's part ends the section: its load checks the end before it commits, and
     * nothing here can fail after it. */
    if (t->ops->load ? !t->ops->load(t->dev, r) : !snap_r_done(r))
        return false;
    *t = s;
    update_irq(t);
    return true;
}

struct virtio_mmio *virtio_mmio_create(struct board *b, unsigned slot,
                                       const struct virtio_dev_ops *ops, void *dev)
{
    if (slot >= VIRTIO_MMIO_SLOTS || ops->num_queues == 0 ||
        ops->num_queues > VIRTIO_MMIO_MAX_QUEUES) {
        log_error("%s: no virtio-mmio slot %u with %u queues", ops->name, slot, ops->num_queues);
        return NULL;
    }
    struct virtio_mmio *t = calloc(1, sizeof(*t));
    if (!t) {
        log_error("%s: out of memory", ops->name);
        return NULL;
    }
    *t = (struct virtio_mmio){.b = b, .slot = slot, .ops = ops, .dev = dev};
    snprintf(t->name, sizeof(t->name), "%s@%u", ops->name, slot);
    t->dops = (struct device_ops){
        .name = ops->name, .fdt_node = virtio_mmio_fdt_node, .reset = virtio_mmio_reset,
        .destroy = virtio_mmio_destroy, .poll = virtio_mmio_poll,
        .next_deadline = virtio_mmio_next_deadline, .quiesce = virtio_mmio_quiesce,
        .after_fork = virtio_mmio_after_fork, .snap_tag = SNAP_TAG('V', 'I', 'O', '0' + slot),
        .snap_version = 1, .save = virtio_mmio_snap_save, .load = virtio_mmio_snap_load};
    if (board_attach(b, &t->dops, t, base_of(t), VIRTIO_MMIO_SIZE, &virtio_mmio_ops) < 0) {
        free(t);
        return NULL;
    }
    return t;
}
