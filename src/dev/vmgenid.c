/* VM Generation ID: 16 read-only bytes and an interrupt. Linux (drivers/virt/vmgenid.c) reads
 * the ID at probe, and on each interrupt rereads it and reseeds its RNG when it changed; the
 * handler acknowledges nothing on the device, so the device cannot hold a level line until
 * it is serviced. It pulses its PLIC source instead: the PLIC keeps that one request pending
 * until a hart claims it, so a renewal is never lost to a hart that has interrupts masked for
 * a while, and never raises more than one interrupt. */
#include "dev/vmgenid.h"

#include <libfdt.h>
#include <stdlib.h>
#include <sys/random.h>

#include "dev/plic.h"

struct vmgenid {
    struct board *b;
    uint8_t id[VMGENID_ID_SIZE];
};

/* All or nothing: a failure leaves `id` as it was. */
static bool random_id(uint8_t id[VMGENID_ID_SIZE])
{
    uint8_t fresh[VMGENID_ID_SIZE];
    if (getrandom(fresh, sizeof(fresh), 0) != (ssize_t)sizeof(fresh))
        return false;
    memcpy(id, fresh, sizeof(fresh));
    return true;
}

/* Any size and alignment: byte i of the value is the byte at off + i, past the ID zero. */
static bool vmgenid_mmio_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    const struct vmgenid *v = opaque;
    uint64_t x = 0;
    for (unsigned i = 0; i < size; i++)
        if (off + i < VMGENID_ID_SIZE)
            x |= (uint64_t)v->id[off + i] << (8 * i);
    *val = x;
    return true;
}

static bool vmgenid_mmio_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    (void)opaque, (void)off, (void)size, (void)val;
    return true; /* read-only: only the monitor changes the ID */
}

static const struct mmio_ops vmgenid_mmio_ops = {
    .read = vmgenid_mmio_read,
    .write = vmgenid_mmio_write,
};

void vmgenid_renew(struct vmgenid *v)
{
    if (!random_id(v->id)) {
        log_error("vmgenid: no randomness from the host: the ID stays as it was");
        return;
    }
    plic_pulse_irq(v->b->plic, VIRT_VMGENID_IRQ);
}

void vmgenid_get(const struct vmgenid *v, uint8_t id[VMGENID_ID_SIZE])
{
    memcpy(id, v->id, VMGENID_ID_SIZE);
}

/* --- board hooks --- */

static void vmgenid_fdt_node(void *dev, struct board *b, void *fdt)
{
    (void)dev;
    const fdt32_t reg[] = {0, cpu_to_fdt32(VIRT_VMGENID_BASE), 0, cpu_to_fdt32(VMGENID_SIZE)};
    int err = fdt_begin_node(fdt, "vmgenid@102000");
    err |= fdt_property_string(fdt, "compatible", "microsoft,vmgenid");
    err |= fdt_property(fdt, "reg", reg, sizeof(reg));
    err |= fdt_property_u32(fdt, "interrupt-parent", b->plic_phandle);
    err |= fdt_property_u32(fdt, "interrupts", VIRT_VMGENID_IRQ);
    err |= fdt_end_node(fdt);
    if (err)
        log_error("device tree: cannot add the vmgenid node");
}

static void vmgenid_reset(void *dev)
{
    (void)dev; /* a reboot is the same VM: its generation does not change */
}

static void vmgenid_destroy(void *dev)
{
    free(dev);
}

/* --- snapshot: the ID. A restored VM keeps it; whoever restores or forks the VM decides
 * whether that makes a new generation and calls vmgenid_renew. --- */

#define VMGENID_SNAP_VERSION 1

static void vmgenid_save(void *dev, struct snap_writer *w)
{
    struct vmgenid *v = dev;
    snap_w_bytes(w, v->id, VMGENID_ID_SIZE);
}

static bool vmgenid_load(void *dev, struct snap_reader *r)
{
    struct vmgenid *v = dev;
    uint8_t id[VMGENID_ID_SIZE];
    snap_r_bytes(r, id, VMGENID_ID_SIZE);
    if (!snap_r_done(r))
        return false;
    memcpy(v->id, id, VMGENID_ID_SIZE);
    return true;
}

static const struct device_ops vmgenid_device_ops = {
    .name = "vmgenid",
    .fdt_node = vmgenid_fdt_node,
    .reset = vmgenid_reset,
    .destroy = vmgenid_destroy,
    .snap_tag = SNAP_TAG('V', 'G', 'I', 'D'),
    .snap_version = VMGENID_SNAP_VERSION,
    .save = vmgenid_save,
    .load = vmgenid_load,
};

struct vmgenid *vmgenid_create(struct board *b)
{
    struct vmgenid *v = calloc(1, sizeof(*v));
    if (!v) {
        log_error("vmgenid: out of memory");
        return NULL;
    }
    v->b = b;
    if (!random_id(v->id)) {
        log_error("vmgenid: no randomness from the host for the generation ID");
        free(v);
        return NULL;
    }
    if (board_attach(b, &vmgenid_device_ops, v, VIRT_VMGENID_BASE, VMGENID_SIZE,
                     &vmgenid_mmio_ops) < 0) {
        free(v);
        return NULL;
    }
    b->vmgenid = v;
    return v;
}
