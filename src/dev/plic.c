/* SiFive PLIC: priorities, pending and in-service bitmaps, per-context enables, thresholds
 * and claim/complete, driving MEIP/SEIP of each hart. Sources are level-triggered, except
 * that a device may pulse a source instead (plic_pulse_irq) for an edge-style notification. */
#include "dev/plic.h"

#include <libfdt.h>
#include <stdlib.h>

#define PLIC_WORDS ((PLIC_NUM_SOURCES + 31) / 32)

struct plic {
    struct board *b;
    unsigned n_contexts;
    uint32_t priority[PLIC_NUM_SOURCES];
    uint32_t level[PLIC_WORDS];   /* input lines as the devices drive them */
    uint32_t pending[PLIC_WORDS]; /* gateway holds a request not yet claimed */
    uint32_t claimed[PLIC_WORDS]; /* claimed and not yet completed (in service) */
    uint32_t held[PLIC_WORDS];    /* a pulse that came while in service, pending at completion */
    uint32_t enable[PLIC_MAX_CONTEXTS][PLIC_WORDS];
    uint32_t threshold[PLIC_MAX_CONTEXTS];
};

static bool bit_get(const uint32_t *w, unsigned n)
{
    return (w[n / 32] >> (n % 32)) & 1;
}

static void bit_set(uint32_t *w, unsigned n, bool v)
{
    if (v)
        w[n / 32] |= 1u << (n % 32);
    else
        w[n / 32] &= ~(1u << (n % 32));
}

/* The source `ctx` would get from a claim: pending, enabled, priority above the threshold;
 * the highest priority wins, ties go to the lowest id. 0 when there is none. */
static unsigned plic_best(const struct plic *p, unsigned ctx)
{
    unsigned best = 0;
    uint32_t best_prio = p->threshold[ctx];
    for (unsigned w = 0; w < PLIC_WORDS; w++) {
        uint32_t cand = p->pending[w] & ~p->claimed[w] & p->enable[ctx][w];
        while (cand) {
            unsigned s = w * 32 + (unsigned)__builtin_ctz(cand);
            cand &= cand - 1;
            if (p->priority[s] > best_prio) {
                best = s;
                best_prio = p->priority[s];
            }
        }
    }
    return best;
}

/* Recompute every context's output line and hand it to its hart. */
static void plic_update(struct plic *p)
{
    for (unsigned ctx = 0; ctx < p->n_contexts; ctx++) {
        struct rv_hart *h = p->b->harts[ctx / 2];
        if (h)
            rv_hart_set_irq(h, ctx % 2 ? MIP_SEIP : MIP_MEIP, plic_best(p, ctx) != 0);
    }
}

void plic_set_irq(struct plic *p, unsigned src, bool level)
{
    if (!p || src == 0 || src >= PLIC_NUM_SOURCES)
        return;
    bit_set(p->level, src, level);
    /* An in-service source waits for its completion. A line that drops withdraws its
     * request (as QEMU does), which spares the guest claims that return nothing. */
    bit_set(p->pending, src, level && !bit_get(p->claimed, src));
    plic_update(p);
}

/* A gateway for edges: the request stays pending until claimed, whatever the line does; one
 * that arrives while the source is in service is held for its completion. Pulses before a
 * claim merge into one request. */
void plic_pulse_irq(struct plic *p, unsigned src)
{
    if (!p || src == 0 || src >= PLIC_NUM_SOURCES)
        return;
    bit_set(bit_get(p->claimed, src) ? p->held : p->pending, src, true);
    plic_update(p);
}

static uint32_t plic_claim(struct plic *p, unsigned ctx)
{
    unsigned s = plic_best(p, ctx);
    if (s) {
        bit_set(p->pending, s, false);
        bit_set(p->claimed, s, true);
        plic_update(p);
    }
    return s;
}

/* Per the PLIC spec a completion naming a source that is not enabled for the context is
 * ignored (Linux enables a masked source around its completion for this reason). */
static void plic_complete(struct plic *p, unsigned ctx, uint32_t s)
{
    if (s == 0 || s >= PLIC_NUM_SOURCES || !bit_get(p->claimed, s) ||
        !bit_get(p->enable[ctx], s))
        return;
    bit_set(p->claimed, s, false);
    /* a line still high, or a pulse held during service, asks again */
    bit_set(p->pending, s, bit_get(p->level, s) || bit_get(p->held, s));
    bit_set(p->held, s, false);
    plic_update(p);
}

/* --- 32-bit register file; `off` is 4-byte aligned and inside the region --- */

/* Context registers: which context and register an offset names, false if none. */
static bool plic_ctx_reg(const struct plic *p, uint32_t off, unsigned *ctx, uint32_t *reg)
{
    *ctx = (off - PLIC_CONTEXT_BASE) / PLIC_CONTEXT_STRIDE;
    *reg = (off - PLIC_CONTEXT_BASE) % PLIC_CONTEXT_STRIDE;
    return *ctx < p->n_contexts;
}

static bool plic_enable_reg(const struct plic *p, uint32_t off, unsigned *ctx, unsigned *w)
{
    *ctx = (off - PLIC_ENABLE_BASE) / PLIC_ENABLE_STRIDE;
    *w = (off - PLIC_ENABLE_BASE) % PLIC_ENABLE_STRIDE / 4;
    return *ctx < p->n_contexts && *w < PLIC_WORDS;
}

/* Read a register; `claim` false gives the value without side effects (claim reads 0). */
static uint32_t plic_read32(struct plic *p, uint32_t off, bool claim)
{
    unsigned ctx, w;
    uint32_t reg;
    if (off < PLIC_PENDING_BASE)
        return off / 4 < PLIC_NUM_SOURCES ? p->priority[off / 4] : 0;
    if (off < PLIC_ENABLE_BASE) {
        w = (off - PLIC_PENDING_BASE) / 4;
        return w < PLIC_WORDS ? p->pending[w] : 0;
    }
    if (off < PLIC_CONTEXT_BASE)
        return plic_enable_reg(p, off, &ctx, &w) ? p->enable[ctx][w] : 0;
    if (!plic_ctx_reg(p, off, &ctx, &reg))
        return 0;
    if (reg == 0)
        return p->threshold[ctx];
    if (reg == 4 && claim)
        return plic_claim(p, ctx);
    return 0;
}

static void plic_write_ctx(struct plic *p, uint32_t off, uint32_t val)
{
    unsigned ctx;
    uint32_t reg;
    if (!plic_ctx_reg(p, off, &ctx, &reg))
        return;
    if (reg == 0) {
        p->threshold[ctx] = val & PLIC_MAX_PRIORITY;
        plic_update(p);
    } else if (reg == 4) {
        plic_complete(p, ctx, val);
    }
}

static void plic_write32(struct plic *p, uint32_t off, uint32_t val)
{
    unsigned ctx, w;
    if (off < PLIC_PENDING_BASE) {
        if (off / 4 == 0 || off / 4 >= PLIC_NUM_SOURCES)
            return;
        p->priority[off / 4] = val & PLIC_MAX_PRIORITY; /* WARL: 3 priority bits */
    } else if (off < PLIC_ENABLE_BASE) {
        return; /* pending bits are read-only */
    } else if (off < PLIC_CONTEXT_BASE) {
        if (!plic_enable_reg(p, off, &ctx, &w))
            return;
        p->enable[ctx][w] = w == 0 ? val & ~1u : val; /* source 0 does not exist */
    } else {
        plic_write_ctx(p, off, val);
        return;
    }
    plic_update(p);
}

/* --- bus accessors: the registers are 32 bits wide. An 8-byte access is two 32-bit ones
 * (low word first); a 1- or 2-byte access works on the bytes of the containing word. A
 * misaligned access faults, as it would on the bus of a real SoC. --- */

static bool plic_mmio_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    struct plic *p = opaque;
    if (off & (size - 1))
        return false;
    if (size == 8) {
        uint64_t lo = plic_read32(p, (uint32_t)off, true);
        *val = lo | (uint64_t)plic_read32(p, (uint32_t)off + 4, true) << 32;
        return true;
    }
    uint32_t word = plic_read32(p, (uint32_t)off & ~3u, true);
    *val = (word >> (8 * (off & 3))) & (uint32_t)((1ull << (8 * size)) - 1);
    return true;
}

static bool plic_mmio_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    struct plic *p = opaque;
    if (off & (size - 1))
        return false;
    if (size == 8) {
        plic_write32(p, (uint32_t)off, (uint32_t)val);
        plic_write32(p, (uint32_t)off + 4, (uint32_t)(val >> 32));
        return true;
    }
    if (size < 4) { /* merge into the current word, read without side effects */
        uint32_t shift = 8 * (off & 3), mask = (uint32_t)((1ull << (8 * size)) - 1) << shift;
        uint32_t word = plic_read32(p, (uint32_t)off & ~3u, false);
        val = (word & ~mask) | (((uint32_t)val << shift) & mask);
    }
    plic_write32(p, (uint32_t)off & ~3u, (uint32_t)val);
    return true;
}

static const struct mmio_ops plic_mmio_ops = {
    .read = plic_mmio_read,
    .write = plic_mmio_write,
};

/* --- board hooks --- */

static void plic_fdt_node(void *dev, struct board *b, void *fdt)
{
    struct plic *p = dev;
    static const char compat[] = "sifive,plic-1.0.0\0riscv,plic0";
    const fdt32_t reg[] = {0, cpu_to_fdt32(VIRT_PLIC_BASE), 0, cpu_to_fdt32(VIRT_PLIC_SIZE)};
    fdt32_t ext[BOARD_MAX_HARTS * 4];
    unsigned n = p->n_contexts / 2;
    for (unsigned h = 0; h < n; h++) {
        ext[4 * h + 0] = cpu_to_fdt32(b->intc_phandle[h]);
        ext[4 * h + 1] = cpu_to_fdt32(IRQ_M_EXT);
        ext[4 * h + 2] = cpu_to_fdt32(b->intc_phandle[h]);
        ext[4 * h + 3] = cpu_to_fdt32(IRQ_S_EXT);
    }
    int err = fdt_begin_node(fdt, "plic@c000000");
    err |= fdt_property_u32(fdt, "#interrupt-cells", 1);
    err |= fdt_property_u32(fdt, "#address-cells", 0);
    err |= fdt_property(fdt, "compatible", compat, sizeof(compat));
    err |= fdt_property(fdt, "interrupt-controller", NULL, 0);
    err |= fdt_property(fdt, "interrupts-extended", ext, (int)(n * 4 * sizeof(fdt32_t)));
    err |= fdt_property(fdt, "reg", reg, sizeof(reg));
    err |= fdt_property_u32(fdt, "riscv,ndev", PLIC_NUM_SOURCES - 1);
    err |= fdt_property_u32(fdt, "phandle", b->plic_phandle);
    err |= fdt_end_node(fdt);
    if (err)
        log_error("device tree: cannot add the PLIC node");
}

/* Power-on state: everything masked; the input lines keep the level their devices drive. */
static void plic_reset(void *dev)
{
    struct plic *p = dev;
    memset(p->priority, 0, sizeof(p->priority));
    memset(p->claimed, 0, sizeof(p->claimed));
    memset(p->held, 0, sizeof(p->held));
    memset(p->enable, 0, sizeof(p->enable));
    memset(p->threshold, 0, sizeof(p->threshold));
    memcpy(p->pending, p->level, sizeof(p->pending));
    plic_update(p);
}

static void plic_poll(void *dev)
{
    (void)dev; /* purely reactive: outputs change only on register writes and input lines */
}

static uint64_t plic_next_deadline(void *dev)
{
    (void)dev;
    return UINT64_MAX;
}

static void plic_destroy(void *dev)
{
    free(dev);
}

/* --- snapshot: the context count, then the register file and gateway state as plain words.
 * Every possible context is stored (those past the last hart as zeros), so the layout does not
 * depend on the configuration; the count is what must match. --- */

#define PLIC_SNAP_VERSION 1

static const struct snap_field plic_fields[] = {
    SNAP_ARRAY(struct plic, priority),
    SNAP_ARRAY(struct plic, level),
    SNAP_ARRAY(struct plic, pending),
    SNAP_ARRAY(struct plic, claimed),
    SNAP_ARRAY(struct plic, held),
    SNAP_ARRAY(struct plic, threshold),
    /* [context][word]: one run of words, as SNAP_ARRAY only describes one dimension */
    {"enable", offsetof(struct plic, enable), sizeof(uint32_t), PLIC_MAX_CONTEXTS * PLIC_WORDS},
};

static void plic_save(void *dev, struct snap_writer *w)
{
    struct plic *p = dev;
    snap_w_u32(w, p->n_contexts);
    snap_w_fields(w, p, plic_fields, ARRAY_SIZE(plic_fields));
}

/* Refuse what the registers could never hold: priorities past 7, source 0 in use, a source
 * both pending and in service, a pulse held for a source not in service. */
static bool plic_check_sources(const struct plic *s, struct snap_reader *r)
{
    if (s->priority[0])
        return snap_r_fail(r, "source 0 has a priority");
    for (unsigned i = 1; i < PLIC_NUM_SOURCES; i++)
        if (s->priority[i] > PLIC_MAX_PRIORITY)
            return snap_r_fail(r, "priority out of range");
    if ((s->level[0] | s->pending[0] | s->claimed[0] | s->held[0]) & 1)
        return snap_r_fail(r, "source 0 is active");
    for (unsigned w = 0; w < PLIC_WORDS; w++)
        if ((s->pending[w] & s->claimed[w]) || (s->held[w] & ~s->claimed[w]))
            return snap_r_fail(r, "pending and in-service bits disagree");
    return true;
}

/* Thresholds past 7, source 0 enabled, or a context past the last hart that is not zero. */
static bool plic_check_contexts(const struct plic *s, struct snap_reader *r)
{
    for (unsigned ctx = 0; ctx < PLIC_MAX_CONTEXTS; ctx++) {
        bool exists = ctx < s->n_contexts;
        uint32_t any = s->threshold[ctx];
        for (unsigned w = 0; w < PLIC_WORDS; w++)
            any |= s->enable[ctx][w];
        if (!exists && any)
            return snap_r_fail(r, "context past the last hart is in use");
        if (s->threshold[ctx] > PLIC_MAX_PRIORITY)
            return snap_r_fail(r, "threshold out of range");
        if (s->enable[ctx][0] & 1)
            return snap_r_fail(r, "source 0 is enabled");
    }
    return true;
}

/* Read into a copy so that a refused section leaves the device as it was. */
static bool plic_load(void *dev, struct snap_reader *r)
{
    struct plic *p = dev, s = *p;
    if (snap_r_u32(r) != p->n_contexts)
        snap_r_fail(r, "made for a different number of harts");
    snap_r_fields(r, &s, plic_fields, ARRAY_SIZE(plic_fields));
    if (!snap_r_done(r) || !plic_check_sources(&s, r) || !plic_check_contexts(&s, r))
        return false;
    *p = s;
    plic_update(p); /* the harts' external interrupt lines follow the restored state */
    return true;
}

static const struct device_ops plic_device_ops = {
    .name = "plic",
    .fdt_node = plic_fdt_node,
    .reset = plic_reset,
    .poll = plic_poll,
    .next_deadline = plic_next_deadline,
    .destroy = plic_destroy,
    .snap_tag = SNAP_TAG('P', 'L', 'I', 'C'),
    .snap_version = PLIC_SNAP_VERSION,
    .save = plic_save,
    .load = plic_load,
};

struct plic *plic_create(struct board *b)
{
    struct plic *p = calloc(1, sizeof(*p));
    if (!p) {
        log_error("plic: out of memory");
        return NULL;
    }
    p->b = b;
    p->n_contexts = 2 * (b->n_harts < BOARD_MAX_HARTS ? b->n_harts : BOARD_MAX_HARTS);
    if (board_attach(b, &plic_device_ops, p, VIRT_PLIC_BASE, VIRT_PLIC_SIZE, &plic_mmio_ops) < 0) {
        free(p);
        return NULL;
    }
    b->plic = p;
    return p;
}
