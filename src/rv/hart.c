/* The hart's run loop: fetch through the TLB, decode through the decode cache, execute,
 * and take exceptions and interrupts as the privileged spec orders them. */
#include "rv/hart.h"

#include <stdlib.h>
#include <sys/mman.h>

#include "rv/decode.h"
#include "rv/exec.h"
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

/* The decode cache is large (about 17 MiB): backed by huge pages, it costs fork(2) (snapshots,
 * clones) a few page-table entries instead of thousands. */
static size_t blocks_len(void)
{
    return BLOCK_CACHE_SIZE * sizeof(struct rv_block) + BLOCK_SETS;
}

static struct rv_block *alloc_blocks(void)
{
    size_t len = blocks_len();
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    madvise(p, len, MADV_HUGEPAGE);
    return p;
}

void rv_hart_init(struct rv_hart *h, struct bus *bus, struct board *board, unsigned hartid)
{
    memset(h, 0, sizeof(*h));
    h->bus = bus;
    h->board = board;
    h->time_fn = no_time;
    h->c.blocks = alloc_blocks();
    h->c.recent = h->c.blocks ? (uint8_t *)(h->c.blocks + BLOCK_CACHE_SIZE) : NULL;
    h->s.mhartid = hartid;
    rv_hart_reset(h, 0);
}

void rv_hart_free(struct rv_hart *h)
{
    if (h->c.blocks)
        munmap(h->c.blocks, blocks_len());
    h->c.blocks = NULL;
}

void rv_hart_flush_blocks(struct rv_hart *h)
{
    for (unsigned i = 0; i < BLOCK_CACHE_SIZE; i++)
        h->c.blocks[i].pc = 1; /* odd: no instruction lives there */
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
    if (h->c.blocks)
        rv_hart_flush_blocks(h);
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

/* Instructions after which a block ends: they change control flow, privilege, translation
 * or interrupt state, or they trap by design. */
static bool ends_block(const struct rv_insn *d)
{
    unsigned opcode = d->raw & 0x7f;
    return opcode == 0x63 || opcode == 0x6f || opcode == 0x67 || opcode == 0x73 ||
           (opcode == 0x0f && ((d->raw >> 12) & 7) == 1) || d->id == UINT16_MAX;
}

/* Decode a block starting at pc, whose bytes are at `code` up to the end of the page. */
static void build_block(struct rv_block *b, uint64_t pc, const uint8_t *code)
{
    unsigned off = 0, room = 4096 - (unsigned)(pc & 4095), n = 0;
    while (n < BLOCK_MAX_INSNS && off + 2 <= room) {
        uint32_t bits = (uint32_t)load_le(code + off, 2);
        if ((bits & 3) == 3) {
            if (off + 4 > room)
                break; /* straddles the page: run alone on the slow path */
            bits |= (uint32_t)load_le(code + off + 2, 2) << 16;
        }
        struct rv_insn *d = &b->insn[n++];
        rv_decode(bits, d);
        d->off = (uint16_t)off;
        off += d->len;
        if (ends_block(d))
            break;
    }
    b->pc = n ? pc : 1;
    b->n_insns = (uint16_t)n;
    b->n_bytes = (uint16_t)off;
}

/* Mark a page as holding decoded code. Write translations cached before are dropped (this
 * hart's now, the others' when they next run) so the next store to it takes the slow path,
 * which retires the page's code (bus_note_write). */
static void mark_code_page(struct rv_hart *h, uint64_t pg)
{
    struct bus *bus = h->bus;
    if (bus->code_page[pg])
        return;
    bus->code_page[pg] = 1;
    bus->code_epoch++;
    rv_hart_flush_write_tlb(h);
    h->c.code_epoch = bus->code_epoch;
}

/* The block at pc, decoded now if the cached one is missing or stale; NULL when the fetch
 * faulted (exception raised) or the first instruction straddles a page. */
static const struct rv_block *get_block(struct rv_hart *h, uint64_t pc)
{
    const struct tlb_entry *e = &h->c.tlb.e[TLB_EXEC][(pc >> 12) % TLB_SIZE];
    if (unlikely(e->vpage != ((pc >> 12) | h->c.tag_fetch))) {
        uint32_t bits;
        if (!rv_fetch_slow(h, pc, &bits)) /* fills the TLB or raises the fetch fault */
            return NULL;
    }
    uint64_t pg = bus_page(h->bus, e->ppage);
    size_t set = ((pc >> 1) ^ (pc >> 20)) % BLOCK_SETS; /* kernel and user code spread apart */
    struct rv_block *ways = &h->c.blocks[set * BLOCK_WAYS];
    for (unsigned w = 0; w < BLOCK_WAYS; w++) {
        struct rv_block *b = &ways[w];
        if (likely(b->pc == pc && b->ppage == e->ppage && b->gen == h->bus->page_gen[pg])) {
            h->c.recent[set] = (uint8_t)w;
            return b;
        }
    }
    _Static_assert(BLOCK_WAYS == 2, "the replacement below picks between two ways");
    /* refill a stale copy of this pc in place, else the way not used last */
    unsigned w = ways[0].pc == pc ? 0 : ways[1].pc == pc ? 1 : !h->c.recent[set];
    struct rv_block *b = &ways[w];
    h->c.recent[set] = (uint8_t)w;
    mark_code_page(h, pg);
    build_block(b, pc, (const uint8_t *)(uintptr_t)(pc + e->addend));
    b->ppage = e->ppage;
    b->gen = h->bus->page_gen[pg];
    return b->n_insns ? b : NULL;
}

static void finish_trap(struct rv_hart *h)
{
    uint64_t pc = h->s.pc;
    h->trapped = false;
    take_trap(h, h->trap_cause, h->trap_tval);
    /* A trap whose handler traps again at the same pc will never make progress. */
    h->trap_loop = h->s.pc == pc ? h->trap_loop + 1 : 0;
}

/* One instruction on the slow path: used when it straddles two pages. */
static void step_slow(struct rv_hart *h)
{
    uint32_t bits;
    struct rv_insn d;
    h->insn_budget--;
    if (!rv_fetch_slow(h, h->s.pc, &bits)) {
        finish_trap(h);
        return;
    }
    rv_decode(bits, &d);
    h->npc = h->s.pc + d.len;
    d.exec(h, &d);
    if (h->trapped) {
        finish_trap(h);
        return;
    }
    h->s.pc = h->npc;
    h->s.minstret++;
}

/* Register-only instructions (OP, OP-IMM, OP-32, OP-IMM-32, LUI): they can neither trap
 * nor read the pc, so the loop skips keeping pc exact for them and checking for a trap. */
#define PURE(match)                                                                           \
    (((match)&0x7f) == 0x33 || ((match)&0x7f) == 0x13 || ((match)&0x7f) == 0x3b ||            \
     ((match)&0x7f) == 0x1b || ((match)&0x7f) == 0x37)

/* Run the instructions of a block back to back. Dispatch is threaded: each instruction's
 * handler jumps straight to the next one's (one indirect jump per table row rather than one
 * shared call site, which the host's branch predictor handles far better). h->s.pc is kept
 * exact for every instruction, because any of them may trap or read it. */
static void run_block(struct rv_hart *h, const struct rv_block *b)
{
    static void *const handler[] = {
#define RV_INSN(name, mask, match, fmt, fn) &&op_##fn,
#include "rv/insn_table.h"
#undef RV_INSN
    };
    unsigned n = b->n_insns;
    if (unlikely((int64_t)n > h->insn_budget))
        n = (unsigned)h->insn_budget; /* the budget is exact: a single step runs one */
    const struct rv_insn *d = b->insn, *end = b->insn + n;
    const uint64_t base = b->pc;
    h->npc = base + (n == b->n_insns ? b->n_bytes : b->insn[n].off); /* fall-through */

#define DISPATCH()                                                                            \
    do {                                                                                      \
        if (d == end)                                                                         \
            goto done;                                                                        \
        if (unlikely(d->id >= ARRAY_SIZE(handler)))                                           \
            goto op_illegal;                                                                  \
        goto *handler[d->id];                                                                 \
    } while (0)

    DISPATCH();
#define RV_INSN(name, mask, match, fmt, fn)                                                   \
    op_##fn:                                                                                  \
    if (!PURE(match))                                                                         \
        h->s.pc = base + d->off;                                                              \
    fn(h, d);                                                                                 \
    if (!PURE(match) && unlikely(h->trapped))                                                 \
        goto trap;                                                                            \
    d++;                                                                                      \
    DISPATCH();
#include "rv/insn_table.h"
#undef RV_INSN
#undef DISPATCH
op_illegal:
    h->s.pc = base + d->off;
    d->exec(h, d);
trap:
    h->s.minstret += (uint64_t)(d - b->insn);
    h->insn_budget -= d - b->insn + 1;
    finish_trap(h);
    return;
done:
    h->s.pc = h->npc;
    h->s.minstret += n;
    h->insn_budget -= n;
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
    if (h->c.code_epoch != h->bus->code_epoch) { /* another hart decoded code since */
        rv_hart_flush_write_tlb(h);
        h->c.code_epoch = h->bus->code_epoch;
    }
    h->insn_budget = (int64_t)budget;
    while (h->insn_budget > 0) {
        const struct rv_block *b = get_block(h, h->s.pc);
        if (likely(b))
            run_block(h, b);
        else if (h->trapped)
            finish_trap(h), h->insn_budget--;
        else
            step_slow(h);
    }
}
