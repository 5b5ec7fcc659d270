/* The hart's run loop: fetch through the TLB, decode through the decode cache, execute,
 * and take exceptions and interrupts as the privileged spec orders them. */
#include "rv/hart.h"

#include <stdlib.h>

#include "rv/decode.h"
#include "rv/mmu.h"

/* misa: RV64 with A, C, D, F, I, M, S, U */
#define MISA_RV64GC                                                                           \
    ((2ull << 62) | (1u << 0) | (1u << 2) | (1u << 3) | (1u << 5) | (1u << 8) | (1u << 12) |  \
     (1u << 18) | (1u << 20))

static uint64_t no_time(void *ctx)
{
    (void)ctx;
    return 0;
}

void rv_hart_init(struct rv_hart *h, struct bus *bus, struct board *board, unsigned hartid)
{
    memset(h, 0, sizeof(*h));
    h->bus = bus;
    h->board = board;
    h->time_fn = no_time;
    h->c.dcache = calloc(DCACHE_SIZE, sizeof(*h->c.dcache));
    h->s.mhartid = hartid;
    rv_hart_reset(h, 0);
}

void rv_hart_free(struct rv_hart *h)
{
    free(h->c.dcache);
    h->c.dcache = NULL;
}

void rv_hart_flush_dcache(struct rv_hart *h)
{
    /* Every entry decodes the all-zero word (illegal), so a lookup never sees garbage. */
    struct rv_insn zero;
    rv_decode(0, &zero);
    for (unsigned i = 0; i < DCACHE_SIZE; i++)
        h->c.dcache[i].insn = zero;
}

void rv_hart_reset(struct rv_hart *h, uint64_t pc)
{
    uint64_t hartid = h->s.mhartid;
    memset(&h->s, 0, sizeof(h->s));
    h->s.mhartid = hartid;
    h->s.pc = pc;
    h->s.priv = PRV_M;
    h->s.misa = MISA_RV64GC;
    h->s.sbi_timecmp = UINT64_MAX;
    rv_hart_flush_tlb(h);
    if (h->c.dcache)
        rv_hart_flush_dcache(h);
    rv_mmu_update_mode(h);
}

void rv_hart_set_irq(struct rv_hart *h, uint64_t mask, bool level)
{
    uint64_t old = h->s.mip_lines;
    h->s.mip_lines = level ? old | mask : old & ~mask;
    if (h->s.mip_lines != old)
        h->insn_budget = 0; /* let the run loop look at interrupts now */
}

/* Enter the trap handler for `cause` (interrupt bit included) with the given tval. */
static void take_trap(struct rv_hart *h, uint64_t cause, uint64_t tval)
{
    bool irq = cause >> 63;
    uint64_t code = cause & 63;
    uint64_t deleg = irq ? h->s.mideleg : h->s.medeleg;
    uint64_t st = h->s.mstatus;
    if (h->s.priv <= PRV_S && ((deleg >> code) & 1)) {
        h->s.scause = cause;
        h->s.sepc = h->s.pc;
        h->s.stval = tval;
        st = (st & ~(MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SIE)) |
             ((st & MSTATUS_SIE) ? MSTATUS_SPIE : 0) | (h->s.priv == PRV_S ? MSTATUS_SPP : 0);
        h->s.pc = (h->s.stvec & ~3ull) + ((irq && (h->s.stvec & 1)) ? 4 * code : 0);
        h->s.priv = PRV_S;
    } else {
        h->s.mcause = cause;
        h->s.mepc = h->s.pc;
        h->s.mtval = tval;
        st = (st & ~(MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MIE)) |
             ((st & MSTATUS_MIE) ? MSTATUS_MPIE : 0) | ((uint64_t)h->s.priv << MSTATUS_MPP_SHIFT);
        h->s.pc = (h->s.mtvec & ~3ull) + ((irq && (h->s.mtvec & 1)) ? 4 * code : 0);
        h->s.priv = PRV_M;
    }
    h->s.mstatus = st;
    h->s.reserved_valid = 0;
    rv_mmu_update_mode(h);
}

/* The highest-priority interrupt that may be taken now, as a cause, or 0. */
static uint64_t pending_interrupt(const struct rv_hart *h)
{
    static const uint8_t order[] = {IRQ_M_EXT, IRQ_M_SOFT, IRQ_M_TIMER,
                                    IRQ_S_EXT, IRQ_S_SOFT, IRQ_S_TIMER};
    uint64_t pending = (h->s.mip | h->s.mip_lines) & h->s.mie;
    if (!pending)
        return 0;
    bool m_on = h->s.priv < PRV_M || (h->s.mstatus & MSTATUS_MIE);
    bool s_on = h->s.priv < PRV_S || (h->s.priv == PRV_S && (h->s.mstatus & MSTATUS_SIE));
    uint64_t m_pending = m_on ? pending & ~h->s.mideleg : 0;
    uint64_t s_pending = s_on ? pending & h->s.mideleg : 0;
    for (unsigned i = 0; i < ARRAY_SIZE(order); i++) {
        uint64_t bit = 1ull << order[i];
        if ((m_pending | s_pending) & bit)
            return (1ull << 63) | order[i];
    }
    return 0;
}

static const struct rv_insn *decode_cached(struct rv_hart *h, uint64_t pc, uint32_t bits)
{
    if ((bits & 3) != 3)
        bits &= 0xffff;
    struct rv_insn *d = &h->c.dcache[(pc >> 1) % DCACHE_SIZE].insn;
    if (unlikely(d->orig != bits))
        rv_decode(bits, d);
    return d;
}

static void finish_trap(struct rv_hart *h)
{
    uint64_t pc = h->s.pc;
    h->trapped = false;
    take_trap(h, h->trap_cause, h->trap_tval);
    /* A trap whose handler traps again at the same pc will never make progress. */
    h->trap_loop = h->s.pc == pc ? h->trap_loop + 1 : 0;
}

void rv_hart_run(struct rv_hart *h, uint64_t budget)
{
    if (h->s.stopped)
        return;
    uint64_t cause = pending_interrupt(h);
    if (cause) {
        h->s.wfi = 0;
        take_trap(h, cause, 0);
    }
    if (h->s.wfi && !((h->s.mip | h->s.mip_lines) & h->s.mie))
        return;
    h->s.wfi = 0;
    h->insn_budget = budget;
    while (h->insn_budget) {
        h->insn_budget--;
        uint32_t bits;
        if (unlikely(!rv_fetch(h, h->s.pc, &bits))) {
            finish_trap(h);
            continue;
        }
        const struct rv_insn *d = decode_cached(h, h->s.pc, bits);
        h->npc = h->s.pc + d->len;
        d->exec(h, d);
        if (unlikely(h->trapped)) {
            finish_trap(h);
            continue;
        }
        h->s.pc = h->npc;
        h->s.minstret++;
    }
}
