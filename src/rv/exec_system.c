/* Privileged and system instructions: ECALL/EBREAK, trap returns, WFI, SFENCE.VMA, Zicsr. */
#include "rv/csr.h"
#include "rv/exec.h"
#include "rv/mmu.h"

void exec_ecall(struct rv_hart *h, const struct rv_insn *d)
{
    (void)d;
    if (h->s.priv == PRV_S && h->sbi_fn) {
        h->sbi_fn(h);
        return;
    }
    static const uint64_t cause[4] = {EXC_ECALL_U, EXC_ECALL_S, EXC_ILLEGAL_INSN, EXC_ECALL_M};
    rv_raise(h, cause[h->s.priv], 0);
}

void exec_ebreak(struct rv_hart *h, const struct rv_insn *d)
{
    (void)d;
    rv_raise(h, EXC_BREAKPOINT, h->s.pc);
}

static void set_priv(struct rv_hart *h, unsigned priv)
{
    h->s.priv = (uint8_t)priv;
    if (priv != PRV_M)
        h->s.mstatus &= ~MSTATUS_MPRV;
    rv_mmu_update_mode(h);
    h->insn_budget = 0; /* interrupts that were masked may be taken now */
}

void exec_mret(struct rv_hart *h, const struct rv_insn *d)
{
    if (h->s.priv != PRV_M) {
        rv_illegal(h, d);
        return;
    }
    uint64_t st = h->s.mstatus;
    unsigned mpp = (unsigned)((st & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    st = (st & ~MSTATUS_MIE) | ((st & MSTATUS_MPIE) ? MSTATUS_MIE : 0);
    st = (st | MSTATUS_MPIE) & ~MSTATUS_MPP;
    h->s.mstatus = st;
    h->npc = h->s.mepc;
    set_priv(h, mpp);
}

void exec_sret(struct rv_hart *h, const struct rv_insn *d)
{
    if (h->s.priv == PRV_U || (h->s.priv == PRV_S && (h->s.mstatus & MSTATUS_TSR))) {
        rv_illegal(h, d);
        return;
    }
    uint64_t st = h->s.mstatus;
    unsigned spp = (st & MSTATUS_SPP) ? PRV_S : PRV_U;
    st = (st & ~MSTATUS_SIE) | ((st & MSTATUS_SPIE) ? MSTATUS_SIE : 0);
    st = (st | MSTATUS_SPIE) & ~MSTATUS_SPP;
    h->s.mstatus = st;
    h->npc = h->s.sepc;
    set_priv(h, spp);
}

void exec_wfi(struct rv_hart *h, const struct rv_insn *d)
{
    if (h->s.priv == PRV_U || (h->s.priv == PRV_S && (h->s.mstatus & MSTATUS_TW))) {
        rv_illegal(h, d);
        return;
    }
    if (!((h->s.mip | h->s.mip_lines) & h->s.mie)) {
        h->s.wfi = 1; /* the run loop sleeps until an interrupt is pending */
        h->insn_budget = 0;
    }
}

void exec_sfence_vma(struct rv_hart *h, const struct rv_insn *d)
{
    if (h->s.priv == PRV_U || (h->s.priv == PRV_S && (h->s.mstatus & MSTATUS_TVM))) {
        rv_illegal(h, d);
        return;
    }
    rv_hart_flush_tlb(h);
}

/* Zicsr. rd == x0 still reads for the side-effect-free CSRs we implement, so reading is
 * always done; the write happens unless the spec says the instruction does not write. */
static void csr_op(struct rv_hart *h, const struct rv_insn *d, uint64_t operand, int kind,
                   bool writes)
{
    unsigned num = (unsigned)d->imm;
    uint64_t old = 0, val = operand;
    if (!rv_csr_access(h, num, &old, false, 0)) {
        rv_illegal(h, d);
        return;
    }
    if (kind == 1)
        val = rv_csr_rmw_base(h, num, old) | operand;
    else if (kind == 2)
        val = rv_csr_rmw_base(h, num, old) & ~operand;
    if (writes && !rv_csr_access(h, num, &old, true, val)) {
        rv_illegal(h, d);
        return;
    }
    rv_set_x(h, d->rd, old);
}

void exec_csrrw(struct rv_hart *h, const struct rv_insn *d) { csr_op(h, d, h->s.x[d->rs1], 0, true); }
void exec_csrrs(struct rv_hart *h, const struct rv_insn *d) { csr_op(h, d, h->s.x[d->rs1], 1, d->rs1 != 0); }
void exec_csrrc(struct rv_hart *h, const struct rv_insn *d) { csr_op(h, d, h->s.x[d->rs1], 2, d->rs1 != 0); }
void exec_csrrwi(struct rv_hart *h, const struct rv_insn *d) { csr_op(h, d, d->rs1, 0, true); }
void exec_csrrsi(struct rv_hart *h, const struct rv_insn *d) { csr_op(h, d, d->rs1, 1, d->rs1 != 0); }
void exec_csrrci(struct rv_hart *h, const struct rv_insn *d) { csr_op(h, d, d->rs1, 2, d->rs1 != 0); }
