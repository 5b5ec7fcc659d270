/* Control and status registers: one table row per CSR (or CSR range) with its read and
 * write functions; WARL fields are legalized in the write functions. */
#include "rv/csr.h"

#include "rv/mmu.h"

#define MSTATUS_WRITABLE                                                                      \
    (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP |     \
     MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW |        \
     MSTATUS_TSR)
#define SSTATUS_VISIBLE                                                                       \
    (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR |       \
     MSTATUS_UXL | MSTATUS_SD)
#define SSTATUS_WRITABLE (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR)
#define S_INTERRUPTS (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define ALL_INTERRUPTS (S_INTERRUPTS | MIP_MSIP | MIP_MTIP | MIP_MEIP)
#define MEDELEG_WRITABLE 0xb3ffull /* every exception but ECALL from M and the reserved ones */
#define MSTATUS_XLEN64 ((2ull << 32) | (2ull << 34)) /* UXL = SXL = 64 bits */

struct csr_desc {
    uint16_t first, last; /* a row may cover a range of numbers */
    const char *name;
    uint64_t (*read)(struct rv_hart *h, unsigned num);
    void (*write)(struct rv_hart *h, unsigned num, uint64_t v);
};

/* --- status --- */
static uint64_t mstatus_value(const struct rv_hart *h)
{
    uint64_t v = h->s.mstatus | MSTATUS_XLEN64;
    return (v & MSTATUS_FS) == MSTATUS_FS ? v | MSTATUS_SD : v & ~MSTATUS_SD;
}
static void set_mstatus(struct rv_hart *h, uint64_t v, uint64_t writable)
{
    uint64_t old = h->s.mstatus;
    uint64_t nv = (old & ~writable) | (v & writable);
    if (((nv & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == 2) /* MPP is WARL: 2 is reserved */
        nv &= ~MSTATUS_MPP;
    h->s.mstatus = nv;
    if ((old ^ nv) & (MSTATUS_SUM | MSTATUS_MXR))
        rv_hart_flush_tlb(h); /* cached permissions depended on them */
    rv_mmu_update_mode(h);
}
static uint64_t rd_mstatus(struct rv_hart *h, unsigned n) { (void)n; return mstatus_value(h); }
static void wr_mstatus(struct rv_hart *h, unsigned n, uint64_t v) { (void)n; set_mstatus(h, v, MSTATUS_WRITABLE); }
static uint64_t rd_sstatus(struct rv_hart *h, unsigned n) { (void)n; return mstatus_value(h) & SSTATUS_VISIBLE; }
static void wr_sstatus(struct rv_hart *h, unsigned n, uint64_t v) { (void)n; set_mstatus(h, v, SSTATUS_WRITABLE); }

/* --- interrupts --- */
static uint64_t rd_mip(struct rv_hart *h, unsigned n) { (void)n; return h->s.mip | h->s.mip_lines; }
static void wr_mip(struct rv_hart *h, unsigned n, uint64_t v)
{
    (void)n;
    h->s.mip = (h->s.mip & ~S_INTERRUPTS) | (v & S_INTERRUPTS);
}
static uint64_t rd_sip(struct rv_hart *h, unsigned n) { return rd_mip(h, n) & h->s.mideleg; }
static void wr_sip(struct rv_hart *h, unsigned n, uint64_t v)
{
    (void)n;
    uint64_t m = MIP_SSIP & h->s.mideleg;
    h->s.mip = (h->s.mip & ~m) | (v & m);
}
static uint64_t rd_mie(struct rv_hart *h, unsigned n) { (void)n; return h->s.mie; }
static void wr_mie(struct rv_hart *h, unsigned n, uint64_t v) { (void)n; h->s.mie = v & ALL_INTERRUPTS; }
static uint64_t rd_sie(struct rv_hart *h, unsigned n) { (void)n; return h->s.mie & h->s.mideleg; }
static void wr_sie(struct rv_hart *h, unsigned n, uint64_t v)
{
    (void)n;
    uint64_t m = h->s.mideleg & S_INTERRUPTS;
    h->s.mie = (h->s.mie & ~m) | (v & m);
}
static uint64_t rd_mideleg(struct rv_hart *h, unsigned n) { (void)n; return h->s.mideleg; }
static void wr_mideleg(struct rv_hart *h, unsigned n, uint64_t v) { (void)n; h->s.mideleg = v & S_INTERRUPTS; }
static uint64_t rd_medeleg(struct rv_hart *h, unsigned n) { (void)n; return h->s.medeleg; }
static void wr_medeleg(struct rv_hart *h, unsigned n, uint64_t v) { (void)n; h->s.medeleg = v & MEDELEG_WRITABLE; }

/* --- plain registers: the table points at the field through an offset --- */
#define FIELD(name) offsetof(struct rv_arch, name)
static uint64_t *field_of(struct rv_hart *h, unsigned num);

static uint64_t rd_field(struct rv_hart *h, unsigned n) { return *field_of(h, n); }
static void wr_field(struct rv_hart *h, unsigned n, uint64_t v) { *field_of(h, n) = v; }
static void wr_epc(struct rv_hart *h, unsigned n, uint64_t v) { *field_of(h, n) = v & ~1ull; }
static void wr_tvec(struct rv_hart *h, unsigned n, uint64_t v) { *field_of(h, n) = v & ~2ull; }
static void wr_counteren(struct rv_hart *h, unsigned n, uint64_t v) { *field_of(h, n) = (uint32_t)v; }
static void wr_envcfg(struct rv_hart *h, unsigned n, uint64_t v) { *field_of(h, n) = v & 1; }

static uint64_t *field_of(struct rv_hart *h, unsigned num)
{
    static const struct { uint16_t num; uint16_t off; } map[] = {
        {0x105, FIELD(stvec)}, {0x106, FIELD(scounteren)}, {0x10a, FIELD(senvcfg)},
        {0x140, FIELD(sscratch)}, {0x141, FIELD(sepc)}, {0x142, FIELD(scause)},
        {0x143, FIELD(stval)}, {0x305, FIELD(mtvec)}, {0x306, FIELD(mcounteren)},
        {0x30a, FIELD(menvcfg)}, {0x320, FIELD(mcountinhibit)}, {0x340, FIELD(mscratch)},
        {0x341, FIELD(mepc)}, {0x342, FIELD(mcause)}, {0x343, FIELD(mtval)},
    };
    for (unsigned i = 0; i < ARRAY_SIZE(map); i++)
        if (map[i].num == num)
            return (uint64_t *)((char *)&h->s + map[i].off);
    return &h->s.mscratch; /* unreachable: every row using field_of is in map[] */
}

/* --- address translation --- */
static uint64_t rd_satp(struct rv_hart *h, unsigned n) { (void)n; return h->s.satp; }
static void wr_satp(struct rv_hart *h, unsigned n, uint64_t v)
{
    (void)n;
    unsigned mode = (unsigned)(v >> 60);
    if (mode != 0 && mode != 8 && mode != 9)
        return; /* WARL: an unsupported mode leaves satp unchanged */
    h->s.satp = mode == 0 ? 0 : v;
    rv_hart_flush_tlb(h);
    rv_mmu_update_mode(h);
}

/* --- PMP: stored and read back (WARL), not enforced --- */
static uint64_t rd_pmpcfg(struct rv_hart *h, unsigned n)
{
    unsigned i = (n - 0x3a0) / 2;
    return i < PMP_COUNT / 8 ? h->s.pmpcfg[i] : 0;
}
static void wr_pmpcfg(struct rv_hart *h, unsigned n, uint64_t v)
{
    unsigned i = (n - 0x3a0) / 2;
    if (i < PMP_COUNT / 8)
        h->s.pmpcfg[i] = v & 0x9f9f9f9f9f9f9f9full; /* bits 5-6 of each entry are reserved */
}
static uint64_t rd_pmpaddr(struct rv_hart *h, unsigned n)
{
    unsigned i = n - 0x3b0;
    return i < PMP_COUNT ? h->s.pmpaddr[i] : 0;
}
static void wr_pmpaddr(struct rv_hart *h, unsigned n, uint64_t v)
{
    unsigned i = n - 0x3b0;
    if (i < PMP_COUNT)
        h->s.pmpaddr[i] = v & ((1ull << 54) - 1);
}

/* --- counters and identification --- */
static uint64_t rd_zero(struct rv_hart *h, unsigned n) { (void)h; (void)n; return 0; }
static void wr_ignore(struct rv_hart *h, unsigned n, uint64_t v) { (void)h; (void)n; (void)v; }
static uint64_t rd_misa(struct rv_hart *h, unsigned n) { (void)n; return h->s.misa; }
static uint64_t rd_mhartid(struct rv_hart *h, unsigned n) { (void)n; return h->s.mhartid; }
static uint64_t rd_instret(struct rv_hart *h, unsigned n) { (void)n; return h->s.minstret; }
static void wr_instret(struct rv_hart *h, unsigned n, uint64_t v)
{
    (void)n;
    h->s.mcycle += h->s.minstret - v; /* cycle reads minstret + mcycle: keep it unchanged */
    h->s.minstret = v;
}
static uint64_t rd_cycle(struct rv_hart *h, unsigned n) { (void)n; return h->s.minstret + h->s.mcycle; }
static void wr_cycle(struct rv_hart *h, unsigned n, uint64_t v) { (void)n; h->s.mcycle = v - h->s.minstret; }
static uint64_t rd_time(struct rv_hart *h, unsigned n) { (void)n; return h->time_fn(h->time_ctx); }

/* --- floating point --- */
static uint64_t rd_fflags(struct rv_hart *h, unsigned n) { (void)n; return h->s.fflags; }
static uint64_t rd_frm(struct rv_hart *h, unsigned n) { (void)n; return h->s.frm; }
static uint64_t rd_fcsr(struct rv_hart *h, unsigned n) { (void)n; return h->s.frm << 5 | h->s.fflags; }
static void wr_fflags(struct rv_hart *h, unsigned n, uint64_t v) { (void)n; h->s.fflags = v & 0x1f; rv_fp_dirty(h); }
static void wr_frm(struct rv_hart *h, unsigned n, uint64_t v) { (void)n; h->s.frm = v & 7; rv_fp_dirty(h); }
static void wr_fcsr(struct rv_hart *h, unsigned n, uint64_t v)
{
    (void)n;
    h->s.fflags = v & 0x1f;
    h->s.frm = (v >> 5) & 7;
    rv_fp_dirty(h);
}

static const struct csr_desc csr_table[] = {
    {0x001, 0x001, "fflags", rd_fflags, wr_fflags},
    {0x002, 0x002, "frm", rd_frm, wr_frm},
    {0x003, 0x003, "fcsr", rd_fcsr, wr_fcsr},
    {0x100, 0x100, "sstatus", rd_sstatus, wr_sstatus},
    {0x104, 0x104, "sie", rd_sie, wr_sie},
    {0x105, 0x105, "stvec", rd_field, wr_tvec},
    {0x106, 0x106, "scounteren", rd_field, wr_counteren},
    {0x10a, 0x10a, "senvcfg", rd_field, wr_envcfg},
    {0x140, 0x140, "sscratch", rd_field, wr_field},
    {0x141, 0x141, "sepc", rd_field, wr_epc},
    {0x142, 0x142, "scause", rd_field, wr_field},
    {0x143, 0x143, "stval", rd_field, wr_field},
    {0x144, 0x144, "sip", rd_sip, wr_sip},
    {0x180, 0x180, "satp", rd_satp, wr_satp},
    {0x300, 0x300, "mstatus", rd_mstatus, wr_mstatus},
    {0x301, 0x301, "misa", rd_misa, wr_ignore},
    {0x302, 0x302, "medeleg", rd_medeleg, wr_medeleg},
    {0x303, 0x303, "mideleg", rd_mideleg, wr_mideleg},
    {0x304, 0x304, "mie", rd_mie, wr_mie},
    {0x305, 0x305, "mtvec", rd_field, wr_tvec},
    {0x306, 0x306, "mcounteren", rd_field, wr_counteren},
    {0x30a, 0x30a, "menvcfg", rd_field, wr_envcfg},
    {0x320, 0x320, "mcountinhibit", rd_field, wr_field},
    {0x323, 0x33f, "mhpmevent", rd_zero, wr_ignore},
    {0x340, 0x340, "mscratch", rd_field, wr_field},
    {0x341, 0x341, "mepc", rd_field, wr_epc},
    {0x342, 0x342, "mcause", rd_field, wr_field},
    {0x343, 0x343, "mtval", rd_field, wr_field},
    {0x344, 0x344, "mip", rd_mip, wr_mip},
    {0x3a0, 0x3af, "pmpcfg", rd_pmpcfg, wr_pmpcfg},
    {0x3b0, 0x3ef, "pmpaddr", rd_pmpaddr, wr_pmpaddr},
    {0xb00, 0xb00, "mcycle", rd_cycle, wr_cycle},
    {0xb02, 0xb02, "minstret", rd_instret, wr_instret},
    {0xb03, 0xb1f, "mhpmcounter", rd_zero, wr_ignore},
    {0xc00, 0xc00, "cycle", rd_cycle, wr_ignore},
    {0xc01, 0xc01, "time", rd_time, wr_ignore},
    {0xc02, 0xc02, "instret", rd_instret, wr_ignore},
    {0xc03, 0xc1f, "hpmcounter", rd_zero, wr_ignore},
    {0xf11, 0xf13, "mvendorid/marchid/mimpid", rd_zero, wr_ignore},
    {0xf14, 0xf14, "mhartid", rd_mhartid, wr_ignore},
    {0xf15, 0xf15, "mconfigptr", rd_zero, wr_ignore},
};

static const struct csr_desc *find_csr(unsigned num)
{
    for (unsigned i = 0; i < ARRAY_SIZE(csr_table); i++)
        if (num >= csr_table[i].first && num <= csr_table[i].last)
            return &csr_table[i];
    return NULL;
}

const char *rv_csr_name(unsigned num)
{
    const struct csr_desc *c = find_csr(num);
    return c ? c->name : NULL;
}

/* Whether the current privilege may touch `num` at all (writes are checked separately). */
static bool csr_allowed(const struct rv_hart *h, unsigned num)
{
    if (((num >> 8) & 3) > h->s.priv)
        return false;
    if (num <= 3 && !rv_fp_enabled(h))
        return false;
    if (num == 0x180 && h->s.priv == PRV_S && (h->s.mstatus & MSTATUS_TVM))
        return false;
    if ((num & 0xfe0) == 0xc00 && h->s.priv < PRV_M) { /* counters: mcounteren/scounteren */
        uint64_t bit = 1ull << (num & 31);
        if (!(h->s.mcounteren & bit) || (h->s.priv == PRV_U && !(h->s.scounteren & bit)))
            return false;
    }
    if (num >= 0x3a0 && num <= 0x3af && (num & 1))
        return false; /* odd pmpcfg registers do not exist on RV64 */
    return true;
}

uint64_t rv_csr_rmw_base(const struct rv_hart *h, unsigned num, uint64_t read_value)
{
    /* The privileged spec: CSRRS/CSRRC on mip/sip modify the software-writable SEIP bit;
     * the level of the external line, which a plain read ORs in, must not be latched. */
    if (num == 0x344)
        return h->s.mip;
    if (num == 0x144)
        return h->s.mip & h->s.mideleg;
    return read_value;
}

bool rv_csr_access(struct rv_hart *h, unsigned num, uint64_t *old, bool write, uint64_t val)
{
    const struct csr_desc *c = find_csr(num);
    if (!c || !csr_allowed(h, num) || (write && (num >> 10) == 3))
        return false;
    *old = c->read(h, num);
    if (write) {
        c->write(h, num, val);
        h->insn_budget = 0; /* interrupt enables or translation may have changed */
    }
    return true;
}
