/* SiFive CLINT: MSIP and mtimecmp per hart, mtime from the board clock; drives MSIP and MTIP
 * of each hart. mtime is read-only here: it is derived from the board's time base (host clock
 * or instruction count), so writes to it are ignored; OpenSBI and Linux never write it. */
#include "dev/aclint.h"

#include <libfdt.h>
#include <stdlib.h>

struct aclint {
    struct board *b;
    unsigned n_harts;
    bool msip[BOARD_MAX_HARTS];
    uint64_t mtimecmp[BOARD_MAX_HARTS];
};

static void aclint_drive(struct aclint *a, unsigned hart, uint64_t mask, bool level)
{
    struct rv_hart *h = a->b->harts[hart];
    if (h)
        rv_hart_set_irq(h, mask, level);
}

uint64_t aclint_get_mtimecmp(const struct aclint *a, unsigned hart)
{
    return hart < a->n_harts ? a->mtimecmp[hart] : UINT64_MAX;
}

void aclint_set_mtimecmp(struct aclint *a, unsigned hart, uint64_t val)
{
    if (hart >= a->n_harts)
        return;
    a->mtimecmp[hart] = val;
    /* at once, not at the next poll: a timer handler that moves mtimecmp forward expects MTIP
     * to drop before it returns, or the hart would take the interrupt again */
    aclint_drive(a, hart, MIP_MTIP, board_mtime(a->b) >= val);
}

bool aclint_get_msip(const struct aclint *a, unsigned hart)
{
    return hart < a->n_harts && a->msip[hart];
}

void aclint_set_msip(struct aclint *a, unsigned hart, bool level)
{
    if (hart >= a->n_harts)
        return;
    a->msip[hart] = level;
    aclint_drive(a, hart, MIP_MSIP, level);
}

/* --- registers seen as 64-bit words: `off` is 8-byte aligned and inside the region. Two
 * neighbouring 32-bit MSIP registers form one word; sub-word accesses pick their bytes. --- */

static uint64_t aclint_read64(const struct aclint *a, uint32_t off)
{
    if (off < ACLINT_MTIMECMP_BASE)
        return aclint_get_msip(a, off / 4) | (uint64_t)aclint_get_msip(a, off / 4 + 1) << 32;
    if (off == ACLINT_MTIME)
        return board_mtime(a->b);
    unsigned hart = (off - ACLINT_MTIMECMP_BASE) / 8;
    return hart < a->n_harts ? a->mtimecmp[hart] : 0;
}

static void aclint_write64(struct aclint *a, uint32_t off, uint64_t val)
{
    if (off < ACLINT_MTIMECMP_BASE) {
        aclint_set_msip(a, off / 4, val & 1);
        aclint_set_msip(a, off / 4 + 1, (val >> 32) & 1);
    } else if (off != ACLINT_MTIME) {
        aclint_set_mtimecmp(a, (off - ACLINT_MTIMECMP_BASE) / 8, val);
    }
}

static uint64_t size_mask(unsigned size)
{
    return size == 8 ? UINT64_MAX : (1ull << (8 * size)) - 1;
}

/* A misaligned access faults; any aligned 1-, 2-, 4- or 8-byte access works. */
static bool aclint_mmio_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    if (off & (size - 1))
        return false;
    uint64_t word = aclint_read64(opaque, (uint32_t)off & ~7u);
    *val = (word >> (8 * (off & 7))) & size_mask(size);
    return true;
}

static bool aclint_mmio_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    struct aclint *a = opaque;
    if (off & (size - 1))
        return false;
    uint32_t base = (uint32_t)off & ~7u;
    unsigned shift = 8 * (off & 7);
    uint64_t mask = size_mask(size) << shift;
    uint64_t word = size == 8 ? val : (aclint_read64(a, base) & ~mask) | ((val << shift) & mask);
    aclint_write64(a, base, word);
    return true;
}

static const struct mmio_ops aclint_mmio_ops = {
    .read = aclint_mmio_read,
    .write = aclint_mmio_write,
};

/* --- board hooks --- */

static void aclint_fdt_node(void *dev, struct board *b, void *fdt)
{
    struct aclint *a = dev;
    static const char compat[] = "sifive,clint0\0riscv,clint0";
    const fdt32_t reg[] = {0, cpu_to_fdt32(VIRT_CLINT_BASE), 0, cpu_to_fdt32(VIRT_CLINT_SIZE)};
    fdt32_t ext[BOARD_MAX_HARTS * 4];
    for (unsigned h = 0; h < a->n_harts; h++) {
        ext[4 * h + 0] = cpu_to_fdt32(b->intc_phandle[h]);
        ext[4 * h + 1] = cpu_to_fdt32(IRQ_M_SOFT);
        ext[4 * h + 2] = cpu_to_fdt32(b->intc_phandle[h]);
        ext[4 * h + 3] = cpu_to_fdt32(IRQ_M_TIMER);
    }
    int err = fdt_begin_node(fdt, "clint@2000000");
    err |= fdt_property(fdt, "compatible", compat, sizeof(compat));
    err |= fdt_property(fdt, "reg", reg, sizeof(reg));
    err |= fdt_property(fdt, "interrupts-extended", ext,
                        (int)(a->n_harts * 4 * sizeof(fdt32_t)));
    err |= fdt_end_node(fdt);
    if (err)
        log_error("device tree: cannot add the CLINT node");
}

static void aclint_reset(void *dev)
{
    struct aclint *a = dev;
    for (unsigned h = 0; h < a->n_harts; h++) {
        aclint_set_msip(a, h, false);
        aclint_set_mtimecmp(a, h, UINT64_MAX);
    }
}

/* MTIP follows the clock: re-evaluated each time the run loop passes by. */
static void aclint_poll(void *dev)
{
    struct aclint *a = dev;
    uint64_t now = board_mtime(a->b);
    for (unsigned h = 0; h < a->n_harts; h++)
        aclint_drive(a, h, MIP_MTIP, now >= a->mtimecmp[h]);
}

static uint64_t aclint_next_deadline(void *dev)
{
    struct aclint *a = dev;
    uint64_t next = UINT64_MAX;
    for (unsigned h = 0; h < a->n_harts; h++)
        if (a->mtimecmp[h] < next)
            next = a->mtimecmp[h];
    return next;
}

static void aclint_destroy(void *dev)
{
    free(dev);
}

/* --- snapshot: the hart count, MSIP of each hart as a bit mask, then every mtimecmp (those
 * past the last hart are UINT64_MAX). mtime belongs to the board's clock, not to the CLINT. */

#define ACLINT_SNAP_VERSION 1

static const struct snap_field aclint_fields[] = {
    SNAP_ARRAY(struct aclint, mtimecmp),
};

static void aclint_save(void *dev, struct snap_writer *w)
{
    struct aclint *a = dev;
    uint32_t msip = 0;
    for (unsigned h = 0; h < a->n_harts; h++)
        msip |= (uint32_t)a->msip[h] << h;
    snap_w_u32(w, a->n_harts);
    snap_w_u32(w, msip);
    snap_w_fields(w, a, aclint_fields, ARRAY_SIZE(aclint_fields));
}

/* Read into a copy so that a refused section leaves the device as it was; then drive MSIP and
 * MTIP of every hart from the restored registers. */
static bool aclint_load(void *dev, struct snap_reader *r)
{
    struct aclint *a = dev, s = *a;
    if (snap_r_u32(r) != a->n_harts)
        snap_r_fail(r, "made for a different number of harts");
    uint32_t msip = snap_r_u32(r);
    snap_r_fields(r, &s, aclint_fields, ARRAY_SIZE(aclint_fields));
    if (!snap_r_done(r))
        return false;
    if (msip >> a->n_harts)
        return snap_r_fail(r, "MSIP set for a hart that does not exist");
    for (unsigned h = a->n_harts; h < BOARD_MAX_HARTS; h++)
        if (s.mtimecmp[h] != UINT64_MAX)
            return snap_r_fail(r, "mtimecmp set for a hart that does not exist");
    for (unsigned h = 0; h < a->n_harts; h++) {
        aclint_set_msip(a, h, (msip >> h) & 1);
        aclint_set_mtimecmp(a, h, s.mtimecmp[h]);
    }
    return true;
}

static const struct device_ops aclint_device_ops = {
    .name = "clint",
    .fdt_node = aclint_fdt_node,
    .reset = aclint_reset,
    .poll = aclint_poll,
    .next_deadline = aclint_next_deadline,
    .destroy = aclint_destroy,
    .snap_tag = SNAP_TAG('C', 'L', 'N', 'T'),
    .snap_version = ACLINT_SNAP_VERSION,
    .save = aclint_save,
    .load = aclint_load,
};

struct aclint *aclint_create(struct board *b)
{
    struct aclint *a = calloc(1, sizeof(*a));
    if (!a) {
        log_error("clint: out of memory");
        return NULL;
    }
    a->b = b;
    a->n_harts = b->n_harts < BOARD_MAX_HARTS ? b->n_harts : BOARD_MAX_HARTS;
    for (unsigned h = 0; h < BOARD_MAX_HARTS; h++)
        a->mtimecmp[h] = UINT64_MAX;
    if (board_attach(b, &aclint_device_ops, a, VIRT_CLINT_BASE, VIRT_CLINT_SIZE, &aclint_mmio_ops) < 0) {
        free(a);
        return NULL;
    }
    b->aclint = a;
    return a;
}
