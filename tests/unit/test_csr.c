/* Control and status registers through rv_csr_access: WARL legalization and write masks,
 * the S-mode views of M-mode registers, privilege and read-only checks, counter enables,
 * the FP CSRs and FS, and a few CSR instructions run through the decoder. */
#include "check.h"
#include "mem/bus.h"
#include "rv/csr.h"
#include "rv/decode.h"
#include "rv/hart.h"
#include "rv/mmu.h"

#include <stdlib.h>

#define RAM_BASE 0x80000000ull

/* CSR numbers */
enum {
    FFLAGS = 0x001, FRM = 0x002, FCSR = 0x003,
    SSTATUS = 0x100, SIE = 0x104, STVEC = 0x105, SCOUNTEREN = 0x106, SSCRATCH = 0x140,
    SEPC = 0x141, SIP = 0x144, SATP = 0x180,
    MSTATUS = 0x300, MISA = 0x301, MEDELEG = 0x302, MIDELEG = 0x303, MIE = 0x304,
    MTVEC = 0x305, MCOUNTEREN = 0x306, MSCRATCH = 0x340, MEPC = 0x341, MIP = 0x344,
    PMPCFG0 = 0x3a0, PMPADDR0 = 0x3b0,
    MCYCLE = 0xb00, MINSTRET = 0xb02,
    CYCLE = 0xc00, TIME = 0xc01, INSTRET = 0xc02, HPMCOUNTER3 = 0xc03,
    MVENDORID = 0xf11, MARCHID = 0xf12, MIMPID = 0xf13, MHARTID = 0xf14, MCONFIGPTR = 0xf15,
};

#define UXL_SXL_64 ((2ull << 32) | (2ull << 34))
#define MSTATUS_ALL_WRITABLE                                                                  \
    (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP |     \
     MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW |        \
     MSTATUS_TSR)
#define S_IRQS (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define M_IRQS (MIP_MSIP | MIP_MTIP | MIP_MEIP)

static struct bus bus;
static struct rv_hart *h;

/* Accesses that must be allowed; the failing line is reported. */
#define RD(num) csr_rd((num), __LINE__)
#define WR(num, v) csr_wr((num), (v), __LINE__)
static uint64_t csr_rd(unsigned num, int line)
{
    uint64_t v = 0;
    bool ok = rv_csr_access(h, num, &v, false, 0);
    if (!ok)
        fprintf(stderr, "line %d: read of CSR %#x refused (priv %u)\n", line, num, h->s.priv);
    CHECK(ok);
    return v;
}
static uint64_t csr_wr(unsigned num, uint64_t val, int line)
{
    uint64_t old = 0;
    bool ok = rv_csr_access(h, num, &old, true, val);
    if (!ok)
        fprintf(stderr, "line %d: write of CSR %#x refused (priv %u)\n", line, num, h->s.priv);
    CHECK(ok);
    return old;
}
static bool can_read(unsigned num)
{
    uint64_t v;
    return rv_csr_access(h, num, &v, false, 0);
}
static bool can_write(unsigned num, uint64_t val)
{
    uint64_t v;
    return rv_csr_access(h, num, &v, true, val);
}

static void set_priv(unsigned priv)
{
    h->s.priv = (uint8_t)priv;
    rv_mmu_update_mode(h);
}

static void fresh(void)
{
    rv_hart_reset(h, RAM_BASE);
}

/* --- identification --- */

static void test_misa(void)
{
    fresh();
    uint64_t want = 2ull << 62; /* MXL = 64 */
    for (const char *p = "IMAFDCSU"; *p; p++)
        want |= 1ull << (*p - 'A');
    CHECK_EQ(want, 0x800000000014112dull);
    CHECK_EQ(RD(MISA), want);
    WR(MISA, 0); /* WARL: writable, but the extensions cannot be turned off */
    CHECK_EQ(RD(MISA), want);
    CHECK_EQ(RD(MVENDORID), 0);
    CHECK_EQ(RD(MARCHID), 0);
    CHECK_EQ(RD(MIMPID), 0);
    CHECK_EQ(RD(MHARTID), 0);
    CHECK_EQ(RD(MCONFIGPTR), 0);

    struct rv_hart *h5 = calloc(1, sizeof(*h5));
    CHECK(h5 != NULL);
    if (h5) {
        rv_hart_init(h5, &bus, NULL, 5);
        uint64_t id = 0;
        CHECK(rv_csr_access(h5, MHARTID, &id, false, 0));
        CHECK_EQ(id, 5);
        rv_hart_reset(h5, 0); /* reset keeps the hart id */
        CHECK(rv_csr_access(h5, MHARTID, &id, false, 0));
        CHECK_EQ(id, 5);
        rv_hart_free(h5);
        free(h5);
    }
    CHECK(rv_csr_name(MSTATUS) && !strcmp(rv_csr_name(MSTATUS), "mstatus"));
    CHECK(rv_csr_name(SATP) && !strcmp(rv_csr_name(SATP), "satp"));
    CHECK(rv_csr_name(0x7c0) == NULL);
}

/* --- mstatus / sstatus --- */

static void test_mstatus(void)
{
    fresh();
    CHECK_EQ(RD(MSTATUS), UXL_SXL_64); /* reset: everything off, UXL = SXL = 64-bit */

    /* Only the implemented fields take a write; UXL/SXL stay 2, SD follows FS = Dirty. */
    WR(MSTATUS, ~0ull);
    CHECK_EQ(RD(MSTATUS), MSTATUS_ALL_WRITABLE | UXL_SXL_64 | MSTATUS_SD);
    CHECK_EQ(h->s.mstatus & (MSTATUS_UBE | MSTATUS_VS | MSTATUS_XS), 0);
    WR(MSTATUS, 0);
    CHECK_EQ(RD(MSTATUS), UXL_SXL_64);
    WR(MSTATUS, (1ull << 32) | (3ull << 34) | (1ull << 36) | (1ull << 37)); /* UXL, SXL, SBE, MBE */
    CHECK_EQ(RD(MSTATUS), UXL_SXL_64);

    /* The old value comes back from the write. */
    WR(MSTATUS, MSTATUS_MIE);
    CHECK_EQ(WR(MSTATUS, MSTATUS_SIE), MSTATUS_MIE | UXL_SXL_64);

    /* MPP is WARL: 2 (reserved) never reads back; the legal values do. */
    for (uint64_t mpp = 0; mpp < 4; mpp++) {
        WR(MSTATUS, MSTATUS_SIE | mpp << MSTATUS_MPP_SHIFT);
        uint64_t got = (RD(MSTATUS) & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
        if (mpp == 2)
            CHECK(got != 2);
        else
            CHECK_EQ(got, mpp);
        CHECK(RD(MSTATUS) & MSTATUS_SIE); /* the rest of the write still happened */
    }

    /* SD is set exactly when FS is Dirty, in mstatus and in sstatus. */
    for (uint64_t fs = 0; fs < 4; fs++) {
        WR(MSTATUS, fs << MSTATUS_FS_SHIFT);
        uint64_t sd = fs == 3 ? MSTATUS_SD : 0;
        CHECK_EQ(RD(MSTATUS), UXL_SXL_64 | fs << MSTATUS_FS_SHIFT | sd);
        CHECK_EQ(RD(SSTATUS) & MSTATUS_SD, sd);
    }
    WR(MSTATUS, MSTATUS_SD); /* SD itself is read-only */
    CHECK_EQ(RD(MSTATUS) & MSTATUS_SD, 0);
}

static void test_sstatus(void)
{
    fresh();
    const uint64_t m_only = MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV |
                            MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR;
    const uint64_t s_fields = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS |
                              MSTATUS_SUM | MSTATUS_MXR;
    WR(MSTATUS, m_only | MSTATUS_SIE | MSTATUS_SUM);
    /* sstatus shows the S fields and UXL, never SXL or the M-only fields. */
    CHECK_EQ(RD(SSTATUS), MSTATUS_SIE | MSTATUS_SUM | (2ull << 32));
    WR(SSTATUS, ~0ull);
    CHECK_EQ(RD(MSTATUS), m_only | s_fields | UXL_SXL_64 | MSTATUS_SD);
    CHECK_EQ(RD(SSTATUS), s_fields | (2ull << 32) | MSTATUS_SD);
    WR(SSTATUS, 0);
    CHECK_EQ(RD(MSTATUS), m_only | UXL_SXL_64); /* M-only fields untouched */
    CHECK_EQ(RD(SSTATUS), 2ull << 32);
    /* A write to mstatus shows through sstatus. */
    WR(MSTATUS, MSTATUS_SPP | MSTATUS_MXR);
    CHECK_EQ(RD(SSTATUS), MSTATUS_SPP | MSTATUS_MXR | (2ull << 32));
    /* From S-mode too. */
    set_priv(PRV_S);
    WR(SSTATUS, MSTATUS_SIE | MSTATUS_MIE);
    set_priv(PRV_M);
    CHECK_EQ(RD(MSTATUS), MSTATUS_SIE | UXL_SXL_64);
}

/* --- interrupt enable / pending and delegation --- */

static void test_interrupt_regs(void)
{
    fresh();
    WR(MIE, ~0ull);
    CHECK_EQ(RD(MIE), S_IRQS | M_IRQS);
    WR(MIE, 0);
    CHECK_EQ(RD(MIE), 0);

    WR(MIDELEG, ~0ull);
    CHECK_EQ(RD(MIDELEG), S_IRQS); /* M-level interrupts cannot be delegated */

    /* sie with nothing delegated: reads zero, writes do nothing. */
    WR(MIDELEG, 0);
    WR(MIE, S_IRQS | M_IRQS);
    CHECK_EQ(RD(SIE), 0);
    WR(SIE, 0);
    CHECK_EQ(RD(MIE), S_IRQS | M_IRQS);
    WR(MIE, 0);
    WR(SIE, ~0ull);
    CHECK_EQ(RD(MIE), 0);

    /* All S interrupts delegated: sie is the S part of mie. */
    WR(MIDELEG, S_IRQS);
    WR(MIE, S_IRQS | M_IRQS);
    CHECK_EQ(RD(SIE), S_IRQS);
    WR(SIE, 0);
    CHECK_EQ(RD(MIE), M_IRQS);
    CHECK_EQ(RD(SIE), 0);
    WR(SIE, ~0ull);
    CHECK_EQ(RD(MIE), S_IRQS | M_IRQS);

    /* Only the timer delegated. */
    WR(MIDELEG, MIP_STIP);
    WR(MIE, 0);
    WR(SIE, ~0ull);
    CHECK_EQ(RD(MIE), MIP_STIP);
    WR(MIE, S_IRQS);
    CHECK_EQ(RD(SIE), MIP_STIP);

    /* mip: SSIP, STIP and SEIP are writable from M-mode, the M bits are not. */
    WR(MIP, ~0ull);
    CHECK_EQ(RD(MIP), S_IRQS);
    WR(MIP, 0);
    CHECK_EQ(RD(MIP), 0);
    /* Lines driven by devices show in mip and a write does not clear them. */
    rv_hart_set_irq(h, MIP_MTIP | MIP_SEIP, true);
    CHECK_EQ(RD(MIP), MIP_MTIP | MIP_SEIP);
    WR(MIP, 0);
    CHECK_EQ(RD(MIP), MIP_MTIP | MIP_SEIP);
    rv_hart_set_irq(h, MIP_MTIP | MIP_SEIP, false);
    CHECK_EQ(RD(MIP), 0);

    /* sip: the delegated part of mip; only SSIP is writable there. */
    WR(MIP, S_IRQS);
    WR(MIDELEG, 0);
    CHECK_EQ(RD(SIP), 0);
    WR(SIP, 0);
    CHECK_EQ(RD(MIP), S_IRQS); /* SSIP not delegated: not writable through sip */
    WR(MIDELEG, S_IRQS);
    CHECK_EQ(RD(SIP), S_IRQS);
    WR(SIP, 0);
    CHECK_EQ(RD(MIP), MIP_STIP | MIP_SEIP); /* STIP and SEIP are read-only in sip */
    WR(SIP, ~0ull);
    CHECK_EQ(RD(MIP), S_IRQS);
    WR(MIDELEG, MIP_SSIP);
    CHECK_EQ(RD(SIP), MIP_SSIP);
    rv_hart_set_irq(h, MIP_SEIP, true); /* not delegated: invisible in sip */
    WR(MIP, 0);
    CHECK_EQ(RD(SIP), 0);
    rv_hart_set_irq(h, MIP_SEIP, false);

    /* medeleg: every exception but ECALL from M-mode and the reserved codes 10 and 14. */
    WR(MEDELEG, ~0ull);
    CHECK_EQ(RD(MEDELEG), 0xb3ff);
    CHECK_EQ(RD(MEDELEG) & (1ull << EXC_ECALL_M), 0);
    WR(MEDELEG, 1ull << EXC_ECALL_U | 1ull << EXC_LOAD_PAGE_FAULT);
    CHECK_EQ(RD(MEDELEG), 1ull << EXC_ECALL_U | 1ull << EXC_LOAD_PAGE_FAULT);
    WR(MEDELEG, 0);
    CHECK_EQ(RD(MEDELEG), 0);
}

/* --- trap vectors and exception pcs --- */

static void test_tvec_epc(void)
{
    fresh();
    static const unsigned tvec[] = {MTVEC, STVEC};
    for (unsigned i = 0; i < 2; i++) {
        unsigned n = tvec[i];
        WR(n, 0x80001000);
        CHECK_EQ(RD(n), 0x80001000); /* direct */
        WR(n, 0x80002001);
        CHECK_EQ(RD(n), 0x80002001); /* vectored */
        WR(n, 0x80003002);           /* mode 2 reserved */
        CHECK((RD(n) & 3) <= 1);
        CHECK_EQ(RD(n) & ~3ull, 0x80003000);
        WR(n, 0x80004003); /* mode 3 reserved */
        CHECK((RD(n) & 3) <= 1);
        CHECK_EQ(RD(n) & ~3ull, 0x80004000);
    }
    static const unsigned epc[] = {MEPC, SEPC};
    for (unsigned i = 0; i < 2; i++) {
        WR(epc[i], 0x80000003);
        CHECK_EQ(RD(epc[i]), 0x80000002); /* IALIGN = 16: only bit 0 is forced to 0 */
        WR(epc[i], ~0ull);
        CHECK_EQ(RD(epc[i]), ~1ull);
    }
    /* Plain scratch registers hold anything; a write returns the previous value. */
    WR(MSCRATCH, 0x1122334455667788ull);
    CHECK_EQ(WR(MSCRATCH, 5), 0x1122334455667788ull);
    CHECK_EQ(RD(MSCRATCH), 5);
    WR(SSCRATCH, ~0ull);
    CHECK_EQ(RD(SSCRATCH), ~0ull);
}

/* --- satp --- */

static void test_satp(void)
{
    fresh();
    const uint64_t sv39 = 8ull << 60 | 0x80123, sv48 = 9ull << 60 | 0x80456;
    WR(SATP, sv39);
    CHECK_EQ(RD(SATP), sv39);
    WR(SATP, sv48);
    CHECK_EQ(RD(SATP), sv48);
    WR(SATP, 10ull << 60 | 0x80789); /* Sv57: not supported, the write has no effect */
    CHECK_EQ(RD(SATP), sv48);
    WR(SATP, 1ull << 60 | 0x80789); /* reserved mode */
    CHECK_EQ(RD(SATP), sv48);
    WR(SATP, 15ull << 60);
    CHECK_EQ(RD(SATP), sv48);
    WR(SATP, 0);
    CHECK_EQ(RD(SATP), 0);

    /* S-mode may use satp unless mstatus.TVM is set. */
    set_priv(PRV_S);
    WR(SATP, sv39);
    CHECK_EQ(RD(SATP), sv39);
    h->s.mstatus |= MSTATUS_TVM;
    CHECK(!can_read(SATP));
    CHECK(!can_write(SATP, 0));
    CHECK_EQ(h->s.satp, sv39);
    set_priv(PRV_M); /* TVM does not apply to M-mode */
    CHECK_EQ(RD(SATP), sv39);
    set_priv(PRV_U);
    h->s.mstatus &= ~MSTATUS_TVM;
    CHECK(!can_read(SATP));
}

/* --- PMP registers: stored (WARL), odd pmpcfg absent on RV64 --- */

static void test_pmp(void)
{
    fresh();
    for (unsigned n = PMPCFG0 + 1; n <= PMPCFG0 + 15; n += 2) {
        char ctx[16];
        snprintf(ctx, sizeof(ctx), "pmpcfg%u", n - PMPCFG0);
        CHECK(!can_read(n));
        if (can_read(n))
            fprintf(stderr, "    (%s)\n", ctx);
        CHECK(!can_write(n, 0));
    }
    WR(PMPCFG0, 0x0f1f8f180d0b0901ull);
    CHECK_EQ(RD(PMPCFG0), 0x0f1f8f180d0b0901ull);
    WR(PMPCFG0 + 2, ~0ull); /* bits 5-6 of each entry are reserved (read zero) */
    CHECK_EQ(RD(PMPCFG0 + 2), 0x9f9f9f9f9f9f9f9full);
    CHECK_EQ(RD(PMPCFG0), 0x0f1f8f180d0b0901ull); /* pmpcfg0 untouched by pmpcfg2 */
    WR(PMPCFG0 + 4, ~0ull); /* entries 16..23 not implemented: read-only zero */
    CHECK_EQ(RD(PMPCFG0 + 4), 0);
    WR(PMPADDR0, ~0ull); /* 54-bit physical addresses: pmpaddr holds bits 55:2 */
    CHECK_EQ(RD(PMPADDR0), (1ull << 54) - 1);
    WR(PMPADDR0 + 15, 0x20000000);
    CHECK_EQ(RD(PMPADDR0 + 15), 0x20000000);
    CHECK_EQ(RD(PMPADDR0), (1ull << 54) - 1);
    WR(PMPADDR0 + 16, ~0ull);
    CHECK_EQ(RD(PMPADDR0 + 16), 0);
    CHECK_EQ(RD(PMPADDR0 + 63), 0);
    set_priv(PRV_S);
    CHECK(!can_read(PMPCFG0));
    CHECK(!can_read(PMPADDR0));
}

/* --- privilege, read-only and unknown CSRs --- */

static void test_privilege(void)
{
    fresh();
    static const unsigned m_csrs[] = {MSTATUS, MISA, MEDELEG, MIDELEG, MIE, MTVEC, MCOUNTEREN,
                                      MSCRATCH, MEPC, 0x342, 0x343, MIP, MCYCLE, MINSTRET,
                                      MHARTID, MVENDORID, 0x320};
    static const unsigned s_csrs[] = {SSTATUS, SIE, STVEC, SCOUNTEREN, SSCRATCH, SEPC, 0x142,
                                      0x143, SIP, SATP};
    WR(MSCRATCH, 0x1234);
    set_priv(PRV_S);
    for (unsigned i = 0; i < ARRAY_SIZE(m_csrs); i++) {
        CHECK(!can_read(m_csrs[i]));
        CHECK(!can_write(m_csrs[i], 0));
    }
    for (unsigned i = 0; i < ARRAY_SIZE(s_csrs); i++)
        CHECK(can_read(s_csrs[i]));
    CHECK_EQ(h->s.mscratch, 0x1234); /* the refused write did nothing */
    set_priv(PRV_U);
    for (unsigned i = 0; i < ARRAY_SIZE(s_csrs); i++)
        CHECK(!can_read(s_csrs[i]));
    CHECK(!can_read(MSTATUS));

    /* Read-only CSRs (number bits 11:10 = 3): readable in M-mode, never writable. */
    set_priv(PRV_M);
    static const unsigned ro[] = {MVENDORID, MARCHID, MIMPID, MHARTID, MCONFIGPTR, CYCLE, TIME,
                                  INSTRET, HPMCOUNTER3, 0xc1f};
    for (unsigned i = 0; i < ARRAY_SIZE(ro); i++) {
        CHECK(can_read(ro[i]));
        CHECK(!can_write(ro[i], 0));
    }

    /* CSRs arbor does not implement: illegal, even in M-mode. */
    static const unsigned unknown[] = {
        0x000, /* ustatus (N extension) */ 0x004, /* uie */ 0x005, /* utvec */
        0x008, /* vstart (V) */ 0xc20, /* vl */ 0x101, 0x107, 0x10c, /* sstateen0 */
        0x14d, /* stimecmp (Sstc) */ 0x200, /* vsstatus (H) */ 0x600, /* hstatus */
        0x30c, /* mstateen0 */ 0x321, 0x7b0, /* dcsr: debug mode only */ 0x7c0, 0x5c0,
        0xda0, /* scountovf */ 0xfff, 0xbff, 0x3f0,
    };
    for (unsigned i = 0; i < ARRAY_SIZE(unknown); i++) {
        char ctx[16];
        snprintf(ctx, sizeof(ctx), "csr %#x", unknown[i]);
        uint64_t v = 0x77;
        bool r = rv_csr_access(h, unknown[i], &v, false, 0);
        CHECK(!r);
        if (r)
            fprintf(stderr, "    (%s)\n", ctx);
        CHECK(!can_write(unknown[i], 0));
    }
}

/* --- counters --- */

static uint64_t fake_time(void *ctx)
{
    return *(uint64_t *)ctx;
}

static void test_counters(void)
{
    fresh();
    uint64_t now = 987654321;
    h->time_fn = fake_time;
    h->time_ctx = &now;
    h->s.minstret = 777;
    CHECK_EQ(RD(TIME), 987654321);
    CHECK_EQ(RD(INSTRET), 777);
    CHECK_EQ(RD(MINSTRET), 777);
    WR(MCYCLE, 100000);
    CHECK_EQ(RD(MCYCLE), 100000);
    CHECK_EQ(RD(CYCLE), 100000);
    WR(MINSTRET, 5);
    CHECK_EQ(RD(INSTRET), 5);
    /* mcycle and minstret are independent counters: writing one leaves the other. */
    CHECK_EQ(RD(MCYCLE), 100000);
    CHECK_EQ(RD(CYCLE), 100000);
    CHECK_EQ(RD(HPMCOUNTER3), 0);
    CHECK_EQ(RD(0xb03), 0);

    WR(MCOUNTEREN, ~0ull);
    CHECK_EQ(RD(MCOUNTEREN), 0xffffffff); /* 32-bit register */
    WR(SCOUNTEREN, ~0ull);
    CHECK_EQ(RD(SCOUNTEREN), 0xffffffff);

    /* S-mode: mcounteren alone decides. */
    WR(MCOUNTEREN, 0);
    WR(SCOUNTEREN, 7);
    set_priv(PRV_S);
    CHECK(!can_read(CYCLE));
    CHECK(!can_read(TIME));
    CHECK(!can_read(INSTRET));
    set_priv(PRV_M);
    WR(MCOUNTEREN, 1); /* CY */
    set_priv(PRV_S);
    CHECK(can_read(CYCLE));
    CHECK(!can_read(TIME));
    CHECK(!can_read(INSTRET));
    CHECK(!can_read(HPMCOUNTER3));
    set_priv(PRV_M);
    WR(MCOUNTEREN, 2 | 4 | 8); /* TM, IR, HPM3 */
    set_priv(PRV_S);
    CHECK(!can_read(CYCLE));
    CHECK_EQ(RD(TIME), 987654321);
    CHECK_EQ(RD(INSTRET), 5);
    CHECK(can_read(HPMCOUNTER3));
    CHECK(!can_read(0xc04)); /* HPM4 not enabled */
    CHECK(!can_read(MCOUNTEREN));

    /* U-mode: needs the bit in both mcounteren and scounteren. */
    set_priv(PRV_M);
    WR(MCOUNTEREN, 7);
    WR(SCOUNTEREN, 0);
    set_priv(PRV_U);
    CHECK(!can_read(CYCLE));
    CHECK(!can_read(TIME));
    CHECK(!can_read(INSTRET));
    set_priv(PRV_M);
    WR(SCOUNTEREN, 2); /* TM */
    set_priv(PRV_U);
    CHECK(!can_read(CYCLE));
    CHECK_EQ(RD(TIME), 987654321);
    CHECK(!can_read(INSTRET));
    CHECK(!can_read(SCOUNTEREN));
    set_priv(PRV_M);
    WR(MCOUNTEREN, 0);
    WR(SCOUNTEREN, 7);
    set_priv(PRV_U);
    CHECK(!can_read(CYCLE));
    CHECK(!can_read(TIME));
    CHECK(!can_read(INSTRET));
    /* Counters are read-only in every mode, even when enabled. */
    set_priv(PRV_M);
    WR(MCOUNTEREN, 7);
    set_priv(PRV_U);
    CHECK(can_read(TIME));
    CHECK(!can_write(TIME, 0));
    CHECK(!can_write(CYCLE, 0));
}

/* --- floating-point CSRs --- */

static void set_fs(uint64_t fs)
{
    h->s.mstatus = (h->s.mstatus & ~(MSTATUS_FS | MSTATUS_SD)) | fs << MSTATUS_FS_SHIFT;
}
static uint64_t fs_now(void)
{
    uint64_t st = 0;
    CHECK(rv_csr_access(h, MSTATUS, &st, false, 0));
    return (st & MSTATUS_FS) >> MSTATUS_FS_SHIFT;
}

static void test_fp_csrs(void)
{
    fresh();
    /* FS = Off (the reset value): every FP CSR is illegal, in any mode. */
    CHECK_EQ(fs_now(), 0);
    for (unsigned n = FFLAGS; n <= FCSR; n++) {
        CHECK(!can_read(n));
        CHECK(!can_write(n, 0));
    }
    set_priv(PRV_U);
    CHECK(!can_read(FCSR));
    set_priv(PRV_M);

    set_fs(1); /* Initial */
    CHECK_EQ(RD(FCSR), 0);
    CHECK_EQ(fs_now(), 1); /* reading does not dirty */
    WR(FCSR, 0xff);
    CHECK_EQ(fs_now(), 3); /* writing does */
    CHECK(RD(MSTATUS) & MSTATUS_SD);
    CHECK_EQ(RD(FRM), 7);
    CHECK_EQ(RD(FFLAGS), 0x1f);
    CHECK_EQ(RD(FCSR), 0xff);

    set_fs(2); /* Clean */
    WR(FRM, 2);
    CHECK_EQ(fs_now(), 3);
    CHECK_EQ(RD(FCSR), 2 << 5 | 0x1f);
    CHECK_EQ(RD(FFLAGS), 0x1f);
    set_fs(1);
    WR(FFLAGS, 0x03);
    CHECK_EQ(fs_now(), 3);
    CHECK_EQ(RD(FCSR), 2 << 5 | 0x03);
    CHECK_EQ(RD(FRM), 2);

    /* Fields are masked: fcsr bits 31:8, frm above 3 bits, fflags above 5 bits. */
    WR(FCSR, 0xfffff7ff);
    CHECK_EQ(RD(FCSR), 0xff);
    WR(FRM, 0xfa);
    CHECK_EQ(RD(FRM), 2);
    CHECK_EQ(RD(FCSR), 2 << 5 | 0x1f);
    WR(FFLAGS, 0xe1);
    CHECK_EQ(RD(FFLAGS), 1);
    CHECK_EQ(RD(FCSR), 2 << 5 | 1);

    /* User level CSRs: U-mode may use them while FS is on. */
    set_priv(PRV_U);
    WR(FFLAGS, 0x10);
    CHECK_EQ(RD(FCSR), 2 << 5 | 0x10);
    h->s.mstatus &= ~MSTATUS_FS;
    CHECK(!can_read(FFLAGS));
    CHECK(!can_write(FRM, 1));
    set_priv(PRV_M);
    CHECK_EQ(h->s.frm, 2);
}

/* --- CSR instructions through the decoder --- */

static bool run(uint32_t insn)
{
    struct rv_insn d;
    rv_decode(insn, &d);
    h->trapped = false;
    h->trap_cause = h->trap_tval = 0;
    d.exec(h, &d);
    return !h->trapped;
}

static void test_csr_insns(void)
{
    fresh();
    h->s.x[10] = 0;
    h->s.x[11] = 0;
    CHECK(run(0xf1402573)); /* csrrs a0, mhartid, zero: a pure read of a read-only CSR */
    CHECK(run(0xf1406573)); /* csrrsi a0, mhartid, 0 */
    CHECK(!run(0xf145a573)); /* csrrs a0, mhartid, a1: rs1 != x0 writes even when a1 = 0 */
    CHECK_EQ(h->trap_cause, EXC_ILLEGAL_INSN);
    CHECK_EQ(h->trap_tval, 0xf145a573);
    CHECK(!run(0xf1459573)); /* csrrw a0, mhartid, a1 */
    CHECK(!run(0xf1405573)); /* csrrwi a0, mhartid, 0 */
    CHECK(run(0xc0003573));  /* csrrc a0, cycle, zero */

    /* csrrw a0, mstatus, a1 returns the old value and writes the new one. */
    WR(MSTATUS, MSTATUS_MIE);
    h->s.x[11] = MSTATUS_SIE;
    CHECK(run(0x30059573));
    CHECK_EQ(h->s.x[10], MSTATUS_MIE | UXL_SXL_64);
    CHECK_EQ(RD(MSTATUS), MSTATUS_SIE | UXL_SXL_64);
    /* ... and traps from S-mode, leaving a0 and mstatus alone. */
    set_priv(PRV_S);
    h->s.x[10] = 42;
    CHECK(!run(0x30059573));
    CHECK_EQ(h->trap_cause, EXC_ILLEGAL_INSN);
    CHECK_EQ(h->s.x[10], 42);
    set_priv(PRV_M);
    CHECK_EQ(RD(MSTATUS), MSTATUS_SIE | UXL_SXL_64);
}

/* CSRRC/CSRRS on mip must not latch the external SEIP line into the software SEIP bit
 * (OpenSBI clears STIP with csrc mip; a latched SEIP caused an interrupt storm). */
static void test_mip_rmw(void)
{
    struct rv_insn d;
    rv_hart_reset(h, RAM_BASE);
    h->s.mip = MIP_STIP;
    h->s.mip_lines = MIP_SEIP;
    h->s.x[5] = MIP_STIP;
    rv_decode(0x3442b073u, &d); /* csrrc x0, mip, t0 */
    h->trapped = false;
    d.exec(h, &d);
    CHECK(!h->trapped);
    CHECK_EQ(h->s.mip, 0);
    h->s.mip_lines = 0;
    uint64_t v = 0;
    CHECK(rv_csr_access(h, 0x344, &v, false, 0));
    CHECK_EQ(v & MIP_SEIP, 0); /* the line dropped, so SEIP reads 0 */
    rv_hart_reset(h, RAM_BASE);
}

int main(void)
{
    h = calloc(1, sizeof(*h));
    int rc = bus_init(&bus, RAM_BASE, 1 << 20);
    CHECK(h != NULL);
    CHECK_EQ(rc, 0);
    if (!h || rc)
        return check_summary("csr");
    rv_hart_init(h, &bus, NULL, 0);

    test_misa();
    test_mstatus();
    test_sstatus();
    test_interrupt_regs();
    test_tvec_epc();
    test_satp();
    test_pmp();
    test_privilege();
    test_counters();
    test_fp_csrs();
    test_csr_insns();
    test_mip_rmw();

    rv_hart_free(h);
    free(h);
    bus_destroy(&bus);
    return check_summary("csr");
}
