/* The hart's snapshot section: struct rv_arch, field by field. Caches are never saved; a
 * loaded hart starts with empty ones. */
#include "rv/hart_state.h"

#include "rv/mmu.h"

static const struct snap_field arch_fields[] = {
    SNAP_ARRAY(struct rv_arch, x),        SNAP_ARRAY(struct rv_arch, f),
    SNAP_FIELD(struct rv_arch, pc),       SNAP_FIELD(struct rv_arch, priv),
    SNAP_FIELD(struct rv_arch, wfi),      SNAP_FIELD(struct rv_arch, stopped),
    SNAP_FIELD(struct rv_arch, reserved_valid), SNAP_FIELD(struct rv_arch, reserved_addr),
    SNAP_FIELD(struct rv_arch, fflags),   SNAP_FIELD(struct rv_arch, frm),
    SNAP_FIELD(struct rv_arch, mhartid),  SNAP_FIELD(struct rv_arch, mip_lines),
    SNAP_FIELD(struct rv_arch, mstatus),  SNAP_FIELD(struct rv_arch, misa),
    SNAP_FIELD(struct rv_arch, medeleg),  SNAP_FIELD(struct rv_arch, mideleg),
    SNAP_FIELD(struct rv_arch, mie),      SNAP_FIELD(struct rv_arch, mip),
    SNAP_FIELD(struct rv_arch, mtvec),    SNAP_FIELD(struct rv_arch, mscratch),
    SNAP_FIELD(struct rv_arch, mepc),     SNAP_FIELD(struct rv_arch, mcause),
    SNAP_FIELD(struct rv_arch, mtval),    SNAP_FIELD(struct rv_arch, mcounteren),
    SNAP_FIELD(struct rv_arch, menvcfg),  SNAP_FIELD(struct rv_arch, mcountinhibit),
    SNAP_FIELD(struct rv_arch, mcycle),   SNAP_FIELD(struct rv_arch, minstret),
    SNAP_FIELD(struct rv_arch, stvec),    SNAP_FIELD(struct rv_arch, sscratch),
    SNAP_FIELD(struct rv_arch, sepc),     SNAP_FIELD(struct rv_arch, scause),
    SNAP_FIELD(struct rv_arch, stval),    SNAP_FIELD(struct rv_arch, satp),
    SNAP_FIELD(struct rv_arch, scounteren), SNAP_FIELD(struct rv_arch, senvcfg),
    SNAP_ARRAY(struct rv_arch, pmpcfg),   SNAP_ARRAY(struct rv_arch, pmpaddr),
    SNAP_FIELD(struct rv_arch, sbi_timecmp),
};

const struct snap_field *rv_hart_fields(size_t *n)
{
    *n = ARRAY_SIZE(arch_fields);
    return arch_fields;
}

void rv_hart_save(const struct rv_hart *h, struct snap_writer *w)
{
    snap_w_fields(w, &h->s, arch_fields, ARRAY_SIZE(arch_fields));
}

/* Values the hart could hold only if the file was made by something else: refused, since the
 * run loop relies on them (a privilege level that does not exist, an unknown MMU mode). */
static const char *arch_invalid(const struct rv_arch *s, const struct rv_arch *now)
{
    unsigned mode = (unsigned)(s->satp >> 60), mpp = (unsigned)(s->mstatus >> MSTATUS_MPP_SHIFT) & 3;
    if (s->priv != PRV_U && s->priv != PRV_S && s->priv != PRV_M)
        return "hart privilege level is not U, S or M";
    if (mode != 0 && mode != 8 && mode != 9)
        return "hart satp selects an MMU mode arbor lacks";
    if (mpp == 2)
        return "hart mstatus.MPP is the reserved value 2";
    if (s->misa != now->misa)
        return "hart misa differs from this machine's";
    if (s->mhartid != now->mhartid)
        return "hart id does not match its section";
    if (s->fflags > 0x1f || s->frm > 7 || s->wfi > 1 || s->stopped > 1 || s->reserved_valid > 1)
        return "hart FP or run-state field out of range";
    if (s->pc & 1)
        return "hart pc is odd";
    return NULL;
}

bool rv_hart_load(struct rv_hart *h, struct snap_reader *r)
{
    struct rv_arch s;
    memset(&s, 0, sizeof(s));
    snap_r_fields(r, &s, arch_fields, ARRAY_SIZE(arch_fields));
    if (!snap_r_done(r))
        return false;
    const char *why = arch_invalid(&s, &h->s);
    if (why)
        return snap_r_fail(r, why);
    h->s = s;
    h->trapped = false;
    h->trap_loop = 0;
    rv_hart_flush_tlb(h);
    rv_mmu_update_mode(h);
    return true;
}
