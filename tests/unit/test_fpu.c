/* F and D instructions (src/rv/exec_fp.c), called directly on a hand-built hart:
 * rounding modes including RMM ties, flags, NaN canonicalization and boxing, min/max,
 * comparisons, classification, conversions with saturation, FS and rm traps, loads/stores. */
#include <float.h>
#include <math.h>

#include "check.h"
#include "rv/exec.h"

/* tests/unit/stub_mem.c: STUB_MEM_SIZE bytes at virtual address 0x1000 */
#define MEM_BASE 0x1000u
extern uint8_t stub_mem[256];

enum { NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16 };
enum { RNE, RTZ, RDN, RUP, RMM, DYN = 7 };

#define BOX 0xffffffff00000000ull
#define QNAN_S 0x7fc00000u
#define SNAN_S 0x7f800001u
#define QNAN_D 0x7ff8000000000000ull
#define SNAN_D 0x7ff0000000000001ull
#define FS_OFF 0ull
#define FS_INITIAL (1ull << MSTATUS_FS_SHIFT)
#define FS_CLEAN (2ull << MSTATUS_FS_SHIFT)
#define FS_DIRTY (3ull << MSTATUS_FS_SHIFT)

static struct rv_hart H;

static uint32_t fs(float f)
{
    uint32_t b;
    memcpy(&b, &f, 4);
    return b;
}

static uint64_t fd(double f)
{
    uint64_t b;
    memcpy(&b, &f, 8);
    return b;
}

static void reset(void)
{
    memset(&H, 0, sizeof H);
    memset(&H.c.tlb, 0xff, sizeof H.c.tlb); /* empty TLB: every access takes the stub */
    H.s.mstatus = FS_INITIAL;
}

/* Run fn with rd = 3, rs1 = 1, rs2 = 2, rs3 = 4 and the given rm; fflags cleared first. */
static void run(rv_exec_fn fn, unsigned rm)
{
    struct rv_insn d = { .exec = fn, .raw = 0x12345053, .orig = 0x12345053, .rd = 3,
                         .rs1 = 1, .rs2 = 2, .rs3 = 4, .rm = (uint8_t)rm, .len = 4 };
    H.s.fflags = 0;
    H.trapped = false;
    fn(&H, &d);
}

/* Single-precision operation on raw bits (boxed); checks the result is boxed. */
static uint32_t op_s(rv_exec_fn fn, uint32_t a, uint32_t b, uint32_t c, unsigned rm)
{
    H.s.f[1] = BOX | a;
    H.s.f[2] = BOX | b;
    H.s.f[4] = BOX | c;
    H.s.f[3] = 0;
    run(fn, rm);
    CHECK_EQ(H.s.f[3] >> 32, 0xffffffffu);
    return (uint32_t)H.s.f[3];
}

static uint64_t op_d(rv_exec_fn fn, uint64_t a, uint64_t b, uint64_t c, unsigned rm)
{
    H.s.f[1] = a;
    H.s.f[2] = b;
    H.s.f[4] = c;
    H.s.f[3] = 0;
    run(fn, rm);
    return H.s.f[3];
}

/* Instructions writing an x register from f[1], f[2] (compare, classify, fcvt to int) */
static uint64_t to_x(rv_exec_fn fn, uint64_t f1, uint64_t f2, unsigned rm)
{
    H.s.f[1] = f1;
    H.s.f[2] = f2;
    H.s.x[3] = 0xdeadbeef;
    run(fn, rm);
    return H.s.x[3];
}

/* Instructions writing f[3] from x[1] */
static uint64_t from_x(rv_exec_fn fn, uint64_t x1, unsigned rm)
{
    H.s.x[1] = x1;
    H.s.f[3] = 0;
    run(fn, rm);
    return H.s.f[3];
}

#define CHECK_S(fn, a, b, c, rm, want, flags)                                                \
    do {                                                                                      \
        CHECK_EQ(op_s(fn, a, b, c, rm), want);                                               \
        CHECK_EQ(H.s.fflags, flags);                                                          \
    } while (0)
#define CHECK_D(fn, a, b, c, rm, want, flags)                                                \
    do {                                                                                      \
        CHECK_EQ(op_d(fn, a, b, c, rm), want);                                               \
        CHECK_EQ(H.s.fflags, flags);                                                          \
    } while (0)
#define CHECK_X(fn, f1, f2, rm, want, flags)                                                 \
    do {                                                                                      \
        CHECK_EQ(to_x(fn, f1, f2, rm), want);                                                \
        CHECK_EQ(H.s.fflags, flags);                                                          \
    } while (0)
#define CHECK_F(fn, x1, rm, want, flags)                                                     \
    do {                                                                                      \
        CHECK_EQ(from_x(fn, x1, rm), want);                                                  \
        CHECK_EQ(H.s.fflags, flags);                                                          \
    } while (0)

static void test_cvt_rounding(void)
{
    /* fcvt.w of 2.5, -2.5, 0.5, -0.5, 1.5 in RNE RTZ RDN RUP RMM */
    static const struct {
        double v;
        int64_t r[5];
    } t[] = {
        { 2.5, { 2, 2, 2, 3, 3 } },     { -2.5, { -2, -2, -3, -2, -3 } },
        { 0.5, { 0, 0, 0, 1, 1 } },     { -0.5, { 0, 0, -1, 0, -1 } },
        { 1.5, { 2, 1, 1, 2, 2 } },     { -1.5, { -2, -1, -2, -1, -2 } },
        { 2.4, { 2, 2, 2, 3, 2 } },     { -2.6, { -3, -2, -3, -2, -3 } },
    };
    for (unsigned i = 0; i < ARRAY_SIZE(t); i++) {
        for (unsigned rm = 0; rm < 5; rm++) {
            uint64_t want = (uint64_t)t[i].r[rm];
            CHECK_X(exec_fcvt_w_s, BOX | fs((float)t[i].v), 0, rm, want, NX);
            CHECK_X(exec_fcvt_w_d, fd(t[i].v), 0, rm, want, NX);
            CHECK_X(exec_fcvt_l_s, BOX | fs((float)t[i].v), 0, rm, want, NX);
            CHECK_X(exec_fcvt_l_d, fd(t[i].v), 0, rm, want, NX);
            /* the same through the dynamic rounding mode */
            H.s.frm = rm;
            CHECK_X(exec_fcvt_w_d, fd(t[i].v), 0, DYN, want, NX);
        }
    }
    CHECK_X(exec_fcvt_w_d, fd(-7.0), 0, RNE, (uint64_t)-7, 0);
    CHECK_X(exec_fcvt_wu_s, BOX | fs(3.0f), 0, RUP, 3, 0);
}

static void test_arith_rounding(void)
{
    const uint32_t one = fs(1.0f), up = fs(1.0f) + 1, h24 = fs(0x1p-24f);
    /* 1 + 2^-24 is a tie between 1 and 1 + 2^-23 (1 is even) */
    CHECK_S(exec_fadd_s, one, h24, 0, RNE, one, NX);
    CHECK_S(exec_fadd_s, one, h24, 0, RTZ, one, NX);
    CHECK_S(exec_fadd_s, one, h24, 0, RDN, one, NX);
    CHECK_S(exec_fadd_s, one, h24, 0, RUP, up, NX);
    CHECK_S(exec_fadd_s, one, h24, 0, RMM, up, NX);
    /* negative */
    CHECK_S(exec_fadd_s, one | 0x80000000, h24 | 0x80000000, 0, RNE, one | 0x80000000, NX);
    CHECK_S(exec_fadd_s, one | 0x80000000, h24 | 0x80000000, 0, RDN, up | 0x80000000, NX);
    CHECK_S(exec_fadd_s, one | 0x80000000, h24 | 0x80000000, 0, RUP, one | 0x80000000, NX);
    CHECK_S(exec_fadd_s, one | 0x80000000, h24 | 0x80000000, 0, RMM, up | 0x80000000, NX);
    CHECK_S(exec_fsub_s, one | 0x80000000, h24, 0, RMM, up | 0x80000000, NX);
    /* (1 + 2^-23) + 2^-24: tie, RNE already rounds away (to even) */
    CHECK_S(exec_fadd_s, up, h24, 0, RNE, up + 1, NX);
    CHECK_S(exec_fadd_s, up, h24, 0, RMM, up + 1, NX);
    CHECK_S(exec_fadd_s, up, h24, 0, RTZ, up, NX);
    /* not a tie: RMM = RNE */
    CHECK_S(exec_fadd_s, one, fs(0x1.8p-24f), 0, RMM, up, NX);
    CHECK_S(exec_fadd_s, one, fs(0x1p-25f), 0, RMM, one, NX);
    /* dynamic RMM */
    H.s.frm = RMM;
    CHECK_S(exec_fadd_s, one, h24, 0, DYN, up, NX);

    /* double */
    const uint64_t d1 = fd(1.0), d1u = fd(1.0) + 1, h53 = fd(0x1p-53);
    CHECK_D(exec_fadd_d, d1, h53, 0, RNE, d1, NX);
    CHECK_D(exec_fadd_d, d1, h53, 0, RTZ, d1, NX);
    CHECK_D(exec_fadd_d, d1, h53, 0, RDN, d1, NX);
    CHECK_D(exec_fadd_d, d1, h53, 0, RUP, d1u, NX);
    CHECK_D(exec_fadd_d, d1, h53, 0, RMM, d1u, NX);
    CHECK_D(exec_fsub_d, d1, h53 | (1ull << 63), 0, RMM, d1u, NX);
    CHECK_D(exec_fadd_d, d1 | (1ull << 63), h53 | (1ull << 63), 0, RMM, d1u | (1ull << 63), NX);
    CHECK_D(exec_fadd_d, d1 | (1ull << 63), h53 | (1ull << 63), 0, RDN, d1u | (1ull << 63), NX);
    CHECK_D(exec_fadd_d, d1 | (1ull << 63), h53 | (1ull << 63), 0, RUP, d1 | (1ull << 63), NX);
    CHECK_D(exec_fadd_d, d1, fd(0x1p-54), 0, RMM, d1, NX);

    /* multiplication ties: (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 */
    uint32_t m12 = fs(1.0f + 0x1p-12f);
    CHECK_S(exec_fmul_s, m12, m12, 0, RNE, fs(1.0f + 0x1p-11f), NX);
    CHECK_S(exec_fmul_s, m12, m12, 0, RMM, fs(1.0f + 0x1p-11f) + 1, NX);
    CHECK_S(exec_fmul_s, m12, m12 | 0x80000000, 0, RMM, (fs(1.0f + 0x1p-11f) + 1) | 0x80000000,
            NX);
    /* (1 + 2^-26)(1 + 2^-27) = 1 + 3 * 2^-27 + 2^-53 */
    uint64_t p = fd(1.0 + 0x1p-26), q = fd(1.0 + 0x1p-27), pq = fd(1.0 + 0x3p-27);
    CHECK_D(exec_fmul_d, p, q, 0, RNE, pq, NX);
    CHECK_D(exec_fmul_d, p, q, 0, RMM, pq + 1, NX);
    CHECK_D(exec_fmul_d, p, q, 0, RUP, pq + 1, NX);
    CHECK_D(exec_fmul_d, p, q, 0, RDN, pq, NX);

    /* division ties only happen in the subnormal range: 5 * 2^-1074 / 2 = 2.5 ulp */
    CHECK_D(exec_fdiv_d, 5, fd(2.0), 0, RNE, 2, UF | NX);
    CHECK_D(exec_fdiv_d, 5, fd(2.0), 0, RMM, 3, UF | NX);
    CHECK_D(exec_fdiv_d, 1, fd(2.0), 0, RNE, 0, UF | NX);
    CHECK_D(exec_fdiv_d, 1, fd(2.0), 0, RMM, 1, UF | NX);
    CHECK_D(exec_fdiv_d, 1 | (1ull << 63), fd(2.0), 0, RMM, 1 | (1ull << 63), UF | NX);
    CHECK_D(exec_fdiv_d, 1, fd(2.0), 0, RUP, 1, UF | NX);
    CHECK_D(exec_fdiv_d, 1, fd(2.0), 0, RTZ, 0, UF | NX);
    CHECK_S(exec_fdiv_s, 5, fs(2.0f), 0, RMM, 3, UF | NX);
    CHECK_S(exec_fdiv_s, 1, fs(2.0f), 0, RMM, 1, UF | NX);
    CHECK_S(exec_fdiv_s, 1, fs(2.0f), 0, RNE, 0, UF | NX);
    CHECK_S(exec_fdiv_s, fs(1.0f), fs(3.0f), 0, RNE, 0x3eaaaaab, NX);
    CHECK_S(exec_fdiv_s, fs(1.0f), fs(3.0f), 0, RTZ, 0x3eaaaaaa, NX);
    CHECK_S(exec_fdiv_s, fs(1.0f), fs(3.0f), 0, RMM, 0x3eaaaaab, NX);
    CHECK_S(exec_fdiv_s, fs(2.0f), fs(3.0f), 0, RMM, 0x3f2aaaab, NX);
    CHECK_S(exec_fdiv_s, fs(2.0f), fs(3.0f), 0, RTZ, 0x3f2aaaaa, NX);

    /* fma: (1 + 2^-30)^2 + (2^-53 - 2^-60) = 1 + 2^-29 + 2^-53, a tie */
    uint64_t a = fd(1.0 + 0x1p-30), c = fd(0x1p-53 - 0x1p-60), r = fd(1.0 + 0x1p-29);
    CHECK_D(exec_fmadd_d, a, a, c, RNE, r, NX);
    CHECK_D(exec_fmadd_d, a, a, c, RMM, r + 1, NX);
    CHECK_D(exec_fmadd_d, a, a, c, RUP, r + 1, NX);
    CHECK_D(exec_fmadd_d, a, a, c, RTZ, r, NX);
    CHECK_D(exec_fnmadd_d, a, a, c, RMM, (r + 1) | (1ull << 63), NX);
    /* float: (1 + 2^-12)^2 - 0 + tie */
    CHECK_S(exec_fmadd_s, m12, m12, 0, RMM, fs(1.0f + 0x1p-11f) + 1, NX);
    CHECK_S(exec_fmadd_s, m12, m12, fs(0x1p-30f), RMM, fs(1.0f + 0x1p-11f) + 1, NX);
    CHECK_S(exec_fmadd_s, m12, m12, fs(-0x1p-30f), RMM, fs(1.0f + 0x1p-11f), NX);
    /* single rounding: (1 + 2^-30)(1 - 2^-30) - 1 = -2^-60 exactly */
    CHECK_D(exec_fmadd_d, a, fd(1.0 - 0x1p-30), fd(-1.0), RNE, fd(-0x1p-60), 0);
    CHECK_S(exec_fmadd_s, fs(1.0f + 0x1p-12f), fs(1.0f - 0x1p-12f), fs(-1.0f), RNE,
            fs(-0x1p-24f), 0);
    /* signs of the four forms: 2*3 and 1 */
    uint64_t two = fd(2.0), three = fd(3.0), d1_ = fd(1.0);
    CHECK_D(exec_fmadd_d, two, three, d1_, RNE, fd(7.0), 0);
    CHECK_D(exec_fmsub_d, two, three, d1_, RNE, fd(5.0), 0);
    CHECK_D(exec_fnmsub_d, two, three, d1_, RNE, fd(-5.0), 0);
    CHECK_D(exec_fnmadd_d, two, three, d1_, RNE, fd(-7.0), 0);
    CHECK_S(exec_fmadd_s, fs(2.0f), fs(3.0f), fs(1.0f), RNE, fs(7.0f), 0);
    CHECK_S(exec_fmsub_s, fs(2.0f), fs(3.0f), fs(1.0f), RNE, fs(5.0f), 0);
    CHECK_S(exec_fnmsub_s, fs(2.0f), fs(3.0f), fs(1.0f), RNE, fs(-5.0f), 0);
    CHECK_S(exec_fnmadd_s, fs(2.0f), fs(3.0f), fs(1.0f), RNE, fs(-7.0f), 0);
    /* exact zero sums: +0 except in RDN; fnmadd(1, 1, -1) = -1 + 1 */
    CHECK_D(exec_fnmadd_d, d1_, d1_, fd(-1.0), RNE, 0, 0);
    CHECK_D(exec_fnmadd_d, d1_, d1_, fd(-1.0), RDN, 1ull << 63, 0);
    CHECK_D(exec_fmsub_d, d1_, d1_, d1_, RMM, 0, 0);
    CHECK_S(exec_fnmsub_s, fs(1.0f), fs(1.0f), fs(1.0f), RDN, 0x80000000u, 0);

    /* sqrt */
    CHECK_S(exec_fsqrt_s, fs(4.0f), 0, 0, RNE, fs(2.0f), 0);
    CHECK_S(exec_fsqrt_s, fs(2.0f), 0, 0, RNE, 0x3fb504f3, NX);
    CHECK_S(exec_fsqrt_s, fs(2.0f), 0, 0, RTZ, 0x3fb504f3, NX);
    CHECK_S(exec_fsqrt_s, fs(2.0f), 0, 0, RUP, 0x3fb504f4, NX);
    CHECK_S(exec_fsqrt_s, fs(2.0f), 0, 0, RMM, 0x3fb504f3, NX);
    CHECK_D(exec_fsqrt_d, fd(2.0), 0, 0, RNE, 0x3ff6a09e667f3bcdull, NX);
    CHECK_D(exec_fsqrt_d, fd(2.0), 0, 0, RTZ, 0x3ff6a09e667f3bccull, NX);
    CHECK_D(exec_fsqrt_d, fd(2.0), 0, 0, RMM, 0x3ff6a09e667f3bcdull, NX);

    /* int -> float: 2^24 + 1 is a tie for single */
    CHECK_F(exec_fcvt_s_w, 16777217, RNE, BOX | fs(16777216.0f), NX);
    CHECK_F(exec_fcvt_s_w, 16777217, RMM, BOX | fs(16777218.0f), NX);
    CHECK_F(exec_fcvt_s_w, 16777217, RUP, BOX | fs(16777218.0f), NX);
    CHECK_F(exec_fcvt_s_w, 16777217, RTZ, BOX | fs(16777216.0f), NX);
    CHECK_F(exec_fcvt_s_w, (uint64_t)-16777217, RMM, BOX | fs(-16777218.0f), NX);
    CHECK_F(exec_fcvt_s_w, (uint64_t)-16777217, RDN, BOX | fs(-16777218.0f), NX);
    CHECK_F(exec_fcvt_s_w, (uint64_t)-16777217, RUP, BOX | fs(-16777216.0f), NX);
    CHECK_F(exec_fcvt_s_wu, 0xffffffff, RNE, BOX | fs(4294967296.0f), NX);
    CHECK_F(exec_fcvt_s_wu, 0xffffffff, RTZ, BOX | 0x4f7fffff, NX);
    CHECK_F(exec_fcvt_s_wu, 0x123456780000007full, RNE, BOX | fs(127.0f), 0);
    CHECK_F(exec_fcvt_s_l, 1ull << 63, RNE, BOX | fs(-0x1p63f), 0);
    CHECK_F(exec_fcvt_s_l, (1ull << 40) + (1ull << 16), RMM, BOX | fs(0x1p40f + 0x1p17f), NX);
    CHECK_F(exec_fcvt_s_l, (1ull << 40) + (1ull << 16), RNE, BOX | fs(0x1p40f), NX);
    CHECK_F(exec_fcvt_s_lu, ~0ull, RNE, BOX | 0x5f800000, NX);
    CHECK_F(exec_fcvt_s_lu, ~0ull, RTZ, BOX | 0x5f7fffff, NX);
    CHECK_F(exec_fcvt_s_lu, ~0ull, RMM, BOX | 0x5f800000, NX);
    CHECK_F(exec_fcvt_d_l, (1ull << 53) + 1, RNE, fd(0x1p53), NX);
    CHECK_F(exec_fcvt_d_l, (1ull << 53) + 1, RMM, fd(0x1p53 + 2), NX);
    CHECK_F(exec_fcvt_d_l, (1ull << 53) + 3, RNE, fd(0x1p53 + 4), NX);
    CHECK_F(exec_fcvt_d_l, -((1ull << 53) + 1), RMM, fd(-0x1p53 - 2), NX);
    CHECK_F(exec_fcvt_d_lu, ~0ull, RNE, fd(0x1p64), NX);
    CHECK_F(exec_fcvt_d_lu, ~0ull, RTZ, fd(0x1p64) - 1, NX);
    CHECK_F(exec_fcvt_d_lu, (1ull << 63) + (1ull << 10), RMM, fd(0x1p63 + 0x1p11), NX);
    CHECK_F(exec_fcvt_d_lu, (1ull << 63) + (1ull << 10), RNE, fd(0x1p63), NX);
    CHECK_F(exec_fcvt_d_w, 0x12345678ffffffffull, RNE, fd(-1.0), 0);
    CHECK_F(exec_fcvt_d_wu, 0xffffffffffffffffull, RNE, fd(4294967295.0), 0);
    CHECK_F(exec_fcvt_d_w, 0x80000000, RMM, fd(-2147483648.0), 0);

    /* double -> single */
    H.s.f[1] = fd(1.0 + 0x1p-24);
    run(exec_fcvt_s_d, RNE);
    CHECK_EQ(H.s.f[3], BOX | fs(1.0f));
    CHECK_EQ(H.s.fflags, NX);
    run(exec_fcvt_s_d, RMM);
    CHECK_EQ(H.s.f[3], BOX | (fs(1.0f) + 1));
    run(exec_fcvt_s_d, RUP);
    CHECK_EQ(H.s.f[3], BOX | (fs(1.0f) + 1));
    H.s.f[1] = fd(-(1.0 + 0x1p-24));
    run(exec_fcvt_s_d, RMM);
    CHECK_EQ(H.s.f[3], BOX | ((fs(1.0f) + 1) | 0x80000000u));
    H.s.f[1] = fd(1e300);
    run(exec_fcvt_s_d, RNE);
    CHECK_EQ(H.s.f[3], BOX | 0x7f800000);
    CHECK_EQ(H.s.fflags, OF | NX);
    run(exec_fcvt_s_d, RTZ);
    CHECK_EQ(H.s.f[3], BOX | 0x7f7fffff);
    CHECK_EQ(H.s.fflags, OF | NX);
    H.s.f[1] = fd(0x1p-150);
    run(exec_fcvt_s_d, RMM);
    CHECK_EQ(H.s.f[3], BOX | 1);
    CHECK_EQ(H.s.fflags, UF | NX);
    run(exec_fcvt_s_d, RNE);
    CHECK_EQ(H.s.f[3], BOX | 0);
    /* 2^-126 - 2^-151 rounds (unbounded exponent) to 2^-126: not tiny after rounding */
    H.s.f[1] = fd(0x1p-126 - 0x1p-151);
    run(exec_fcvt_s_d, RNE);
    CHECK_EQ(H.s.f[3], BOX | 0x00800000);
    CHECK_EQ(H.s.fflags, NX);
    run(exec_fcvt_s_d, RMM);
    CHECK_EQ(H.s.f[3], BOX | 0x00800000);
    CHECK_EQ(H.s.fflags, NX);
    run(exec_fcvt_s_d, RTZ);
    CHECK_EQ(H.s.f[3], BOX | 0x007fffff);
    CHECK_EQ(H.s.fflags, UF | NX);
    H.s.f[1] = fd(0.1);
    run(exec_fcvt_s_d, RNE);
    CHECK_EQ(H.s.f[3], BOX | fs(0.1f));
    CHECK_EQ(H.s.fflags, NX);

    /* single -> double is exact */
    H.s.f[1] = BOX | fs(0.1f);
    run(exec_fcvt_d_s, RNE);
    CHECK_EQ(H.s.f[3], fd((double)0.1f));
    CHECK_EQ(H.s.fflags, 0);
    H.s.f[1] = BOX | 1; /* subnormal */
    run(exec_fcvt_d_s, RTZ);
    CHECK_EQ(H.s.f[3], fd(0x1p-149));
    CHECK_EQ(H.s.fflags, 0);
}

static void test_nan(void)
{
    const uint32_t inf = 0x7f800000, one = fs(1.0f);
    const uint64_t dinf = 0x7ff0000000000000ull, d1 = fd(1.0);
    /* invalid operations produce the canonical NaN */
    CHECK_S(exec_fadd_s, inf, inf | 0x80000000, 0, RNE, QNAN_S, NV);
    CHECK_S(exec_fsub_s, inf, inf, 0, RNE, QNAN_S, NV);
    CHECK_S(exec_fmul_s, 0, inf, 0, RNE, QNAN_S, NV);
    CHECK_S(exec_fdiv_s, 0, 0, 0, RNE, QNAN_S, NV);
    CHECK_S(exec_fdiv_s, inf, inf, 0, RNE, QNAN_S, NV);
    CHECK_D(exec_fadd_d, dinf, dinf | (1ull << 63), 0, RNE, QNAN_D, NV);
    CHECK_D(exec_fmul_d, dinf, 0, 0, RTZ, QNAN_D, NV);
    CHECK_D(exec_fdiv_d, 0, 1ull << 63, 0, RMM, QNAN_D, NV);
    /* NaN inputs: payloads and signs are not propagated; sNaN sets NV */
    CHECK_S(exec_fadd_s, 0xffc01234, one, 0, RNE, QNAN_S, 0);
    CHECK_S(exec_fmul_s, one, 0x7fc00001, 0, RNE, QNAN_S, 0);
    CHECK_S(exec_fadd_s, SNAN_S, one, 0, RNE, QNAN_S, NV);
    CHECK_S(exec_fadd_s, 0xff800123, one, 0, RMM, QNAN_S, NV);
    CHECK_S(exec_fsqrt_s, 0xffc00000, 0, 0, RNE, QNAN_S, 0);
    CHECK_S(exec_fsqrt_s, SNAN_S, 0, 0, RNE, QNAN_S, NV);
    CHECK_D(exec_fadd_d, 0xfff8000000001234ull, d1, 0, RNE, QNAN_D, 0);
    CHECK_D(exec_fdiv_d, d1, SNAN_D, 0, RNE, QNAN_D, NV);
    CHECK_D(exec_fsub_d, 0xfff8000000000000ull, d1, 0, RNE, QNAN_D, 0);
    CHECK_S(exec_fmadd_s, SNAN_S, one, one, RNE, QNAN_S, NV);
    CHECK_S(exec_fmadd_s, one, one, SNAN_S, RNE, QNAN_S, NV);
    CHECK_S(exec_fmadd_s, one, one, 0xffc00005, RNE, QNAN_S, 0);
    CHECK_D(exec_fnmadd_d, d1, d1, 0xfff8000000000005ull, RNE, QNAN_D, 0);
    CHECK_D(exec_fmsub_d, d1, SNAN_D, d1, RNE, QNAN_D, NV);
    /* inf * 0 + qNaN is invalid */
    CHECK_S(exec_fmadd_s, inf, 0, QNAN_S, RNE, QNAN_S, NV);
    CHECK_S(exec_fnmadd_s, 0x80000000, inf, QNAN_S, RNE, QNAN_S, NV);
    CHECK_D(exec_fmadd_d, 0, dinf, QNAN_D, RNE, QNAN_D, NV);
    CHECK_D(exec_fmsub_d, dinf | (1ull << 63), 0, QNAN_D, RNE, QNAN_D, NV);
    CHECK_D(exec_fmadd_d, dinf, 0, d1, RNE, QNAN_D, NV);
    CHECK_D(exec_fmadd_d, dinf, d1, dinf | (1ull << 63), RNE, QNAN_D, NV);
    CHECK_D(exec_fmadd_d, dinf, d1, dinf, RNE, dinf, 0);
    /* sqrt of negative */
    CHECK_S(exec_fsqrt_s, fs(-1.0f), 0, 0, RNE, QNAN_S, NV);
    CHECK_D(exec_fsqrt_d, fd(-1.0), 0, 0, RNE, QNAN_D, NV);
    CHECK_D(exec_fsqrt_d, fd(-INFINITY), 0, 0, RNE, QNAN_D, NV);
    CHECK_D(exec_fsqrt_d, 1 | (1ull << 63), 0, 0, RNE, QNAN_D, NV);
    CHECK_S(exec_fsqrt_s, 0x80000000, 0, 0, RNE, 0x80000000, 0);
    CHECK_D(exec_fsqrt_d, 1ull << 63, 0, 0, RNE, 1ull << 63, 0);
    CHECK_D(exec_fsqrt_d, dinf, 0, 0, RNE, dinf, 0);
    /* double <-> single */
    H.s.f[1] = 0x7ff8000012345678ull;
    run(exec_fcvt_s_d, RNE);
    CHECK_EQ(H.s.f[3], BOX | QNAN_S);
    CHECK_EQ(H.s.fflags, 0);
    H.s.f[1] = 0xfff0000012345678ull;
    run(exec_fcvt_s_d, RNE);
    CHECK_EQ(H.s.f[3], BOX | QNAN_S);
    CHECK_EQ(H.s.fflags, NV);
    H.s.f[1] = BOX | 0xff800001;
    run(exec_fcvt_d_s, RNE);
    CHECK_EQ(H.s.f[3], QNAN_D);
    CHECK_EQ(H.s.fflags, NV);
    H.s.f[1] = BOX | 0xffc12345;
    run(exec_fcvt_d_s, RNE);
    CHECK_EQ(H.s.f[3], QNAN_D);
    CHECK_EQ(H.s.fflags, 0);
}

static void test_boxing(void)
{
    /* an operand that is not NaN-boxed reads as the canonical NaN */
    H.s.f[1] = 0x000000003f800000ull;
    H.s.f[2] = BOX | fs(1.0f);
    run(exec_fadd_s, RNE);
    CHECK_EQ(H.s.f[3], BOX | QNAN_S);
    CHECK_EQ(H.s.fflags, 0);
    H.s.f[1] = 0xfffffffe3f800000ull;
    run(exec_fmul_s, RNE);
    CHECK_EQ(H.s.f[3], BOX | QNAN_S);
    H.s.f[1] = fd(1.0); /* a double is not a boxed single */
    run(exec_fcvt_d_s, RNE);
    CHECK_EQ(H.s.f[3], QNAN_D);
    CHECK_EQ(H.s.fflags, 0);
    run(exec_fcvt_w_s, RNE);
    CHECK_EQ(H.s.x[3], 0x7fffffff);
    CHECK_EQ(H.s.fflags, NV);
    run(exec_fclass_s, RNE);
    CHECK_EQ(H.s.x[3], 1u << 9);
    run(exec_feq_s, RNE); /* qNaN vs 1.0: quiet */
    CHECK_EQ(H.s.x[3], 0);
    CHECK_EQ(H.s.fflags, 0);
    run(exec_fmin_s, RNE); /* the NaN is ignored */
    CHECK_EQ(H.s.f[3], BOX | fs(1.0f));
    /* sign injection reads the canonical NaN too */
    H.s.f[1] = 0x00000000bf800000ull;
    H.s.f[2] = BOX | 0x80000000u;
    run(exec_fsgnj_s, RNE);
    CHECK_EQ(H.s.f[3], BOX | 0xffc00000u);
    H.s.f[1] = BOX | 0xbf800000u;
    H.s.f[2] = 0x0000000080000000ull; /* sign of the canonical NaN: + */
    run(exec_fsgnj_s, RNE);
    CHECK_EQ(H.s.f[3], BOX | 0x3f800000u);
    /* fmv.x.w takes the low bits as they are, sign-extended */
    H.s.f[1] = 0x1234567880000001ull;
    run(exec_fmv_x_w, RNE);
    CHECK_EQ(H.s.x[3], 0xffffffff80000001ull);
    H.s.f[1] = 0x123456787fc00000ull;
    run(exec_fmv_x_w, RNE);
    CHECK_EQ(H.s.x[3], 0x7fc00000);
    /* fmv.w.x boxes */
    H.s.x[1] = 0x12345678cafef00dull;
    run(exec_fmv_w_x, RNE);
    CHECK_EQ(H.s.f[3], BOX | 0xcafef00du);
    /* fmv.x.d / fmv.d.x are raw */
    H.s.x[1] = 0x7ff0000000000001ull;
    run(exec_fmv_d_x, RNE);
    CHECK_EQ(H.s.f[3], 0x7ff0000000000001ull);
    H.s.f[1] = 0xfff8000000000123ull;
    run(exec_fmv_x_d, RNE);
    CHECK_EQ(H.s.x[3], 0xfff8000000000123ull);
    CHECK_EQ(H.s.fflags, 0);
    /* sign injection does not canonicalize NaNs */
    CHECK_S(exec_fsgnjn_s, SNAN_S, 0, 0, RNE, SNAN_S | 0x80000000, 0);
    CHECK_S(exec_fsgnjx_s, 0xffc01234, 0x80000000, 0, RNE, 0x7fc01234, 0);
    CHECK_S(exec_fsgnj_s, fs(2.0f), fs(-0.0f), 0, RNE, fs(-2.0f), 0);
    CHECK_S(exec_fsgnjn_s, fs(2.0f), fs(-0.0f), 0, RNE, fs(2.0f), 0);
    CHECK_S(exec_fsgnjx_s, fs(-2.0f), fs(-3.0f), 0, RNE, fs(2.0f), 0);
    CHECK_D(exec_fsgnj_d, SNAN_D, 1ull << 63, 0, RNE, SNAN_D | (1ull << 63), 0);
    CHECK_D(exec_fsgnjn_d, fd(2.0), fd(1.0), 0, RNE, fd(-2.0), 0);
    CHECK_D(exec_fsgnjx_d, fd(-2.0), fd(-1.0), 0, RNE, fd(2.0), 0);
    CHECK_D(exec_fsgnjx_d, fd(-2.0), fd(1.0), 0, RNE, fd(-2.0), 0);
}

static void test_minmax(void)
{
    const uint32_t pz = 0, nz = 0x80000000, one = fs(1.0f), two = fs(2.0f);
    CHECK_S(exec_fmin_s, pz, nz, 0, RNE, nz, 0);
    CHECK_S(exec_fmin_s, nz, pz, 0, RNE, nz, 0);
    CHECK_S(exec_fmax_s, pz, nz, 0, RNE, pz, 0);
    CHECK_S(exec_fmax_s, nz, pz, 0, RNE, pz, 0);
    CHECK_S(exec_fmin_s, one, two, 0, RNE, one, 0);
    CHECK_S(exec_fmax_s, one, two, 0, RNE, two, 0);
    CHECK_S(exec_fmin_s, two | nz, one, 0, RNE, two | nz, 0);
    CHECK_S(exec_fmin_s, QNAN_S, one, 0, RNE, one, 0);
    CHECK_S(exec_fmax_s, one, 0xffc01234, 0, RNE, one, 0);
    CHECK_S(exec_fmin_s, SNAN_S, one, 0, RNE, one, NV);
    CHECK_S(exec_fmax_s, one, SNAN_S, 0, RNE, one, NV);
    CHECK_S(exec_fmin_s, 0x7fc01234, 0xffc00001, 0, RNE, QNAN_S, 0);
    CHECK_S(exec_fmax_s, SNAN_S, QNAN_S, 0, RNE, QNAN_S, NV);
    CHECK_S(exec_fmin_s, 0xff800000, 0x7f800000, 0, RNE, 0xff800000, 0);
    const uint64_t dpz = 0, dnz = 1ull << 63, d1 = fd(1.0), d2 = fd(2.0);
    CHECK_D(exec_fmin_d, dpz, dnz, 0, RNE, dnz, 0);
    CHECK_D(exec_fmin_d, dnz, dpz, 0, RNE, dnz, 0);
    CHECK_D(exec_fmax_d, dpz, dnz, 0, RNE, dpz, 0);
    CHECK_D(exec_fmax_d, dnz, dpz, 0, RNE, dpz, 0);
    CHECK_D(exec_fmax_d, d1, d2, 0, RNE, d2, 0);
    CHECK_D(exec_fmin_d, d2, d1, 0, RNE, d1, 0);
    CHECK_D(exec_fmin_d, QNAN_D, d1, 0, RNE, d1, 0);
    CHECK_D(exec_fmax_d, d1, SNAN_D, 0, RNE, d1, NV);
    CHECK_D(exec_fmax_d, 0xfff0000000000001ull, 0x7ff8000000000001ull, 0, RNE, QNAN_D, NV);
    CHECK_D(exec_fmin_d, 1, 2, 0, RNE, 1, 0);
    /* rm field is not used by min/max: a reserved value must not trap */
    op_s(exec_fmin_s, one, two, 0, 5);
    CHECK(!H.trapped);
}

static void test_compare(void)
{
    const uint64_t q = BOX | QNAN_S, s = BOX | SNAN_S, one = BOX | fs(1.0f);
    const uint64_t two = BOX | fs(2.0f), pz = BOX, nz = BOX | 0x80000000u;
    CHECK_X(exec_feq_s, q, one, RNE, 0, 0);
    CHECK_X(exec_feq_s, one, q, RNE, 0, 0);
    CHECK_X(exec_feq_s, s, one, RNE, 0, NV);
    CHECK_X(exec_feq_s, q, s, RNE, 0, NV);
    CHECK_X(exec_feq_s, q, q, RNE, 0, 0);
    CHECK_X(exec_flt_s, q, one, RNE, 0, NV);
    CHECK_X(exec_flt_s, s, one, RNE, 0, NV);
    CHECK_X(exec_fle_s, one, q, RNE, 0, NV);
    CHECK_X(exec_fle_s, q, q, RNE, 0, NV);
    CHECK_X(exec_feq_s, pz, nz, RNE, 1, 0);
    CHECK_X(exec_flt_s, nz, pz, RNE, 0, 0);
    CHECK_X(exec_fle_s, nz, pz, RNE, 1, 0);
    CHECK_X(exec_fle_s, pz, nz, RNE, 1, 0);
    CHECK_X(exec_flt_s, one, two, RNE, 1, 0);
    CHECK_X(exec_flt_s, two, one, RNE, 0, 0);
    CHECK_X(exec_fle_s, two, two, RNE, 1, 0);
    CHECK_X(exec_feq_s, one, one, RNE, 1, 0);
    CHECK_X(exec_feq_s, BOX | 0xff800000u, BOX | 0xff800000u, RNE, 1, 0);
    const uint64_t dq = QNAN_D, ds = SNAN_D, d1 = fd(1.0), d2 = fd(2.0);
    CHECK_X(exec_feq_d, dq, d1, RNE, 0, 0);
    CHECK_X(exec_feq_d, d1, ds, RNE, 0, NV);
    CHECK_X(exec_flt_d, dq, d1, RNE, 0, NV);
    CHECK_X(exec_fle_d, d1, dq, RNE, 0, NV);
    CHECK_X(exec_feq_d, 0, 1ull << 63, RNE, 1, 0);
    CHECK_X(exec_flt_d, 1ull << 63, 0, RNE, 0, 0);
    CHECK_X(exec_fle_d, 1ull << 63, 0, RNE, 1, 0);
    CHECK_X(exec_flt_d, d1, d2, RNE, 1, 0);
    CHECK_X(exec_fle_d, d2, d1, RNE, 0, 0);
    CHECK_X(exec_flt_d, 1, 2, RNE, 1, 0);
    /* x0 is not written */
    H.s.f[1] = d1;
    H.s.f[2] = d1;
    struct rv_insn dz = { .exec = exec_feq_d, .rd = 0, .rs1 = 1, .rs2 = 2 };
    exec_feq_d(&H, &dz);
    CHECK_EQ(H.s.x[0], 0);
}

static void test_fclass(void)
{
    static const struct {
        uint32_t s;
        uint64_t d;
        unsigned bit;
    } t[] = {
        { 0xff800000, 0xfff0000000000000ull, 0 },  /* -inf */
        { 0xbf800000, 0xbff0000000000000ull, 1 },  /* -normal */
        { 0xff7fffff, 0xffefffffffffffffull, 1 },  /* -max */
        { 0x80000001, 0x8000000000000001ull, 2 },  /* -subnormal */
        { 0x807fffff, 0x800fffffffffffffull, 2 },  /* -subnormal */
        { 0x80000000, 0x8000000000000000ull, 3 },  /* -0 */
        { 0x00000000, 0x0000000000000000ull, 4 },  /* +0 */
        { 0x00400000, 0x0008000000000000ull, 5 },  /* +subnormal */
        { 0x00800000, 0x0010000000000000ull, 6 },  /* +min normal */
        { 0x3f800000, 0x3ff0000000000000ull, 6 },  /* +normal */
        { 0x7f800000, 0x7ff0000000000000ull, 7 },  /* +inf */
        { 0x7f800001, 0x7ff0000000000001ull, 8 },  /* sNaN */
        { 0xffbfffff, 0xfff7ffffffffffffull, 8 },  /* -sNaN */
        { 0x7fc00000, 0x7ff8000000000000ull, 9 },  /* qNaN */
        { 0xffc00001, 0xfff8000000000001ull, 9 },  /* -qNaN */
    };
    for (unsigned i = 0; i < ARRAY_SIZE(t); i++) {
        CHECK_X(exec_fclass_s, BOX | t[i].s, 0, RNE, 1u << t[i].bit, 0);
        CHECK_X(exec_fclass_d, t[i].d, 0, RNE, 1u << t[i].bit, 0);
    }
}

static void test_cvt_saturation(void)
{
    const uint64_t nan_s = BOX | QNAN_S, inf_s = BOX | 0x7f800000u, ninf_s = BOX | 0xff800000u;
    const uint64_t nan_d = QNAN_D, inf_d = fd(INFINITY), ninf_d = fd(-INFINITY);
    const uint64_t W_MIN = 0xffffffff80000000ull, W_MAX = 0x7fffffff, ALL = ~0ull;
    const uint64_t L_MIN = 1ull << 63, L_MAX = ~(1ull << 63);
    /* fcvt.w */
    CHECK_X(exec_fcvt_w_s, nan_s, 0, RNE, W_MAX, NV);
    CHECK_X(exec_fcvt_w_s, BOX | SNAN_S, 0, RNE, W_MAX, NV);
    CHECK_X(exec_fcvt_w_s, BOX | 0xffc00000u, 0, RNE, W_MAX, NV);
    CHECK_X(exec_fcvt_w_s, inf_s, 0, RNE, W_MAX, NV);
    CHECK_X(exec_fcvt_w_s, ninf_s, 0, RNE, W_MIN, NV);
    CHECK_X(exec_fcvt_w_s, BOX | fs(3e9f), 0, RNE, W_MAX, NV);
    CHECK_X(exec_fcvt_w_s, BOX | fs(-3e9f), 0, RNE, W_MIN, NV);
    CHECK_X(exec_fcvt_w_s, BOX | fs(-0x1p31f), 0, RNE, W_MIN, 0);
    CHECK_X(exec_fcvt_w_s, BOX | fs(0x1p31f), 0, RNE, W_MAX, NV);
    CHECK_X(exec_fcvt_w_d, nan_d, 0, RNE, W_MAX, NV);
    CHECK_X(exec_fcvt_w_d, ninf_d, 0, RNE, W_MIN, NV);
    CHECK_X(exec_fcvt_w_d, fd(2147483647.0), 0, RNE, W_MAX, 0);
    CHECK_X(exec_fcvt_w_d, fd(2147483647.5), 0, RTZ, W_MAX, NX);
    CHECK_X(exec_fcvt_w_d, fd(2147483647.5), 0, RNE, W_MAX, NV); /* rounds to 2^31 */
    CHECK_X(exec_fcvt_w_d, fd(-2147483648.9), 0, RTZ, W_MIN, NX);
    CHECK_X(exec_fcvt_w_d, fd(-2147483648.9), 0, RNE, W_MIN, NV);
    CHECK_X(exec_fcvt_w_d, fd(-2147483648.5), 0, RNE, W_MIN, NX);
    CHECK_X(exec_fcvt_w_d, fd(-1.0), 0, RNE, ALL, 0);
    CHECK_X(exec_fcvt_w_d, fd(-0.0), 0, RNE, 0, 0);
    CHECK_X(exec_fcvt_w_d, 1, 0, RUP, 1, NX); /* tiny subnormal */
    CHECK_X(exec_fcvt_w_d, 1 | (1ull << 63), 0, RDN, ALL, NX);
    /* fcvt.wu: results are sign-extended */
    CHECK_X(exec_fcvt_wu_s, nan_s, 0, RNE, ALL, NV);
    CHECK_X(exec_fcvt_wu_s, inf_s, 0, RNE, ALL, NV);
    CHECK_X(exec_fcvt_wu_s, ninf_s, 0, RNE, 0, NV);
    CHECK_X(exec_fcvt_wu_s, BOX | fs(-1.0f), 0, RNE, 0, NV);
    CHECK_X(exec_fcvt_wu_s, BOX | fs(-0.4f), 0, RTZ, 0, NX);
    CHECK_X(exec_fcvt_wu_s, BOX | fs(-0.4f), 0, RNE, 0, NX);
    CHECK_X(exec_fcvt_wu_s, BOX | fs(-0.4f), 0, RDN, 0, NV);
    CHECK_X(exec_fcvt_wu_s, BOX | fs(-0.6f), 0, RNE, 0, NV);
    CHECK_X(exec_fcvt_wu_s, BOX | fs(-0.5f), 0, RNE, 0, NX);
    CHECK_X(exec_fcvt_wu_s, BOX | fs(-0.5f), 0, RMM, 0, NV);
    CHECK_X(exec_fcvt_wu_s, BOX | fs(3e9f), 0, RNE, 0xffffffffb2d05e00ull, 0);
    CHECK_X(exec_fcvt_wu_s, BOX | fs(5e9f), 0, RNE, ALL, NV);
    CHECK_X(exec_fcvt_wu_s, BOX | 0x80000000u, 0, RNE, 0, 0);
    CHECK_X(exec_fcvt_wu_d, fd(4294967295.0), 0, RNE, ALL, 0);
    CHECK_X(exec_fcvt_wu_d, fd(4294967295.5), 0, RNE, ALL, NV);
    CHECK_X(exec_fcvt_wu_d, fd(4294967295.5), 0, RTZ, ALL, NX);
    CHECK_X(exec_fcvt_wu_d, fd(4294967296.0), 0, RTZ, ALL, NV);
    CHECK_X(exec_fcvt_wu_d, fd(-1.0), 0, RNE, 0, NV);
    CHECK_X(exec_fcvt_wu_d, fd(-0.4), 0, RTZ, 0, NX);
    CHECK_X(exec_fcvt_wu_d, nan_d, 0, RNE, ALL, NV);
    CHECK_X(exec_fcvt_wu_d, fd(1.0), 0, RNE, 1, 0);
    /* fcvt.l */
    CHECK_X(exec_fcvt_l_s, nan_s, 0, RNE, L_MAX, NV);
    CHECK_X(exec_fcvt_l_s, inf_s, 0, RNE, L_MAX, NV);
    CHECK_X(exec_fcvt_l_s, ninf_s, 0, RNE, L_MIN, NV);
    CHECK_X(exec_fcvt_l_s, BOX | fs(-0x1p63f), 0, RNE, L_MIN, 0);
    CHECK_X(exec_fcvt_l_s, BOX | fs(0x1p63f), 0, RNE, L_MAX, NV);
    CHECK_X(exec_fcvt_l_s, BOX | fs(3e9f), 0, RNE, 3000000000ull, 0);
    CHECK_X(exec_fcvt_l_d, nan_d, 0, RNE, L_MAX, NV);
    CHECK_X(exec_fcvt_l_d, fd(1e19), 0, RNE, L_MAX, NV);
    CHECK_X(exec_fcvt_l_d, fd(-1e19), 0, RNE, L_MIN, NV);
    CHECK_X(exec_fcvt_l_d, fd(-0x1p63), 0, RNE, L_MIN, 0);
    CHECK_X(exec_fcvt_l_d, fd(0x1p63), 0, RNE, L_MAX, NV);
    CHECK_X(exec_fcvt_l_d, fd(0x1p62 + 0x1p10), 0, RNE, (1ull << 62) + 1024, 0);
    CHECK_X(exec_fcvt_l_d, fd(-3.7), 0, RTZ, (uint64_t)-3, NX);
    /* fcvt.lu */
    CHECK_X(exec_fcvt_lu_s, nan_s, 0, RNE, ALL, NV);
    CHECK_X(exec_fcvt_lu_s, ninf_s, 0, RNE, 0, NV);
    CHECK_X(exec_fcvt_lu_s, BOX | fs(-1.0f), 0, RNE, 0, NV);
    CHECK_X(exec_fcvt_lu_s, BOX | fs(-0.4f), 0, RTZ, 0, NX);
    CHECK_X(exec_fcvt_lu_s, BOX | fs(0x1p64f), 0, RNE, ALL, NV);
    CHECK_X(exec_fcvt_lu_s, BOX | fs(0x1p63f), 0, RNE, 1ull << 63, 0);
    CHECK_X(exec_fcvt_lu_d, nan_d, 0, RNE, ALL, NV);
    CHECK_X(exec_fcvt_lu_d, inf_d, 0, RNE, ALL, NV);
    CHECK_X(exec_fcvt_lu_d, fd(0x1p64), 0, RNE, ALL, NV);
    CHECK_X(exec_fcvt_lu_d, fd(0x1p64 - 0x1p11), 0, RNE, ALL - 2047, 0);
    CHECK_X(exec_fcvt_lu_d, fd(-1.0), 0, RNE, 0, NV);
    CHECK_X(exec_fcvt_lu_d, fd(-0.4), 0, RTZ, 0, NX);
    CHECK_X(exec_fcvt_lu_d, fd(-0.4), 0, RUP, 0, NX);
    CHECK_X(exec_fcvt_lu_d, fd(-0.0), 0, RNE, 0, 0);
    CHECK_X(exec_fcvt_lu_d, fd(2.5), 0, RMM, 3, NX);
}

static void test_exceptions(void)
{
    const uint32_t one = fs(1.0f), max = 0x7f7fffff, inf = 0x7f800000;
    /* division by zero */
    CHECK_S(exec_fdiv_s, one, 0, 0, RNE, inf, DZ);
    CHECK_S(exec_fdiv_s, one | 0x80000000, 0, 0, RNE, inf | 0x80000000, DZ);
    CHECK_S(exec_fdiv_s, one, 0x80000000, 0, RNE, inf | 0x80000000, DZ);
    CHECK_S(exec_fdiv_s, inf, 0, 0, RNE, inf, 0);
    CHECK_D(exec_fdiv_d, fd(1.0), 0, 0, RNE, fd(INFINITY), DZ);
    CHECK_D(exec_fdiv_d, fd(-1.0), 0, 0, RTZ, fd(-INFINITY), DZ);
    /* overflow */
    CHECK_S(exec_fmul_s, max, fs(2.0f), 0, RNE, inf, OF | NX);
    CHECK_S(exec_fmul_s, max, fs(2.0f), 0, RTZ, max, OF | NX);
    CHECK_S(exec_fmul_s, max, fs(2.0f), 0, RDN, max, OF | NX);
    CHECK_S(exec_fmul_s, max, fs(2.0f), 0, RUP, inf, OF | NX);
    CHECK_S(exec_fmul_s, max, fs(2.0f), 0, RMM, inf, OF | NX);
    CHECK_S(exec_fmul_s, max, fs(-2.0f), 0, RDN, inf | 0x80000000, OF | NX);
    CHECK_S(exec_fmul_s, max, fs(-2.0f), 0, RUP, max | 0x80000000, OF | NX);
    CHECK_S(exec_fadd_s, max, 0x73000000, 0, RNE, inf, OF | NX);     /* max + ulp/2: tie */
    CHECK_S(exec_fadd_s, max, 0x73000000, 0, RMM, inf, OF | NX);
    CHECK_S(exec_fadd_s, max, 0x72ffffff, 0, RNE, max, NX);          /* just below */
    CHECK_S(exec_fadd_s, max, 0x72ffffff, 0, RMM, max, NX);
    CHECK_D(exec_fadd_d, fd(DBL_MAX), fd(DBL_MAX), 0, RNE, fd(INFINITY), OF | NX);
    CHECK_D(exec_fadd_d, fd(DBL_MAX), fd(DBL_MAX), 0, RTZ, fd(DBL_MAX), OF | NX);
    CHECK_D(exec_fadd_d, fd(DBL_MAX), fd(DBL_MAX), 0, RMM, fd(INFINITY), OF | NX);
    CHECK_D(exec_fmadd_d, fd(DBL_MAX), fd(2.0), fd(-DBL_MAX), RNE, fd(DBL_MAX), 0);
    /* underflow: exact subnormal results raise nothing */
    CHECK_S(exec_fmul_s, 0x00800000, fs(0.5f), 0, RNE, 0x00400000, 0);
    CHECK_D(exec_fmul_d, 0x0010000000000000ull, fd(0.5), 0, RNE, 0x0008000000000000ull, 0);
    CHECK_S(exec_fadd_s, 0x00000003, 0x80000001, 0, RNE, 0x00000002, 0);
    /* tiny and inexact: UF | NX */
    CHECK_S(exec_fmul_s, 1, fs(0.75f), 0, RNE, 1, UF | NX);
    CHECK_S(exec_fmul_s, 1, fs(0.25f), 0, RNE, 0, UF | NX);
    CHECK_S(exec_fmul_s, 1, fs(0.25f), 0, RUP, 1, UF | NX);
    CHECK_D(exec_fmul_d, 1, fd(0.75), 0, RNE, 1, UF | NX);
    CHECK_D(exec_fmul_d, 3, fd(0.5), 0, RMM, 2, UF | NX);
    CHECK_D(exec_fdiv_d, fd(1e-300), fd(1e300), 0, RNE, 0, UF | NX);
    /* just below 2^-126: rounds up to the normal 2^-126, so not tiny (after rounding) */
    CHECK_S(exec_fmul_s, 0x3f7ffffe, 0x00800001, 0, RNE, 0x00800000, NX);
    CHECK_S(exec_fmul_s, 0x3f7ffffe, 0x00800001, 0, RMM, 0x00800000, NX);
    CHECK_S(exec_fmul_s, 0x3f7ffffe, 0x00800001, 0, RUP, 0x00800000, NX);
    CHECK_S(exec_fmul_s, 0x3f7ffffe, 0x00800001, 0, RTZ, 0x007fffff, UF | NX);
    CHECK_D(exec_fmul_d, 0x3feffffffffffffeull, 0x0010000000000001ull, 0, RNE,
            0x0010000000000000ull, NX);
    CHECK_D(exec_fmul_d, 0x3feffffffffffffeull, 0x0010000000000001ull, 0, RDN,
            0x000fffffffffffffull, UF | NX);
    /* inexact only */
    CHECK_D(exec_fadd_d, fd(0.1), fd(0.2), 0, RNE, fd(0.1 + 0.2), NX);
    CHECK_S(exec_fadd_s, one, one, 0, RNE, fs(2.0f), 0);
}

static void test_traps(void)
{
    /* reserved rounding modes */
    static rv_exec_fn const with_rm[] = { exec_fadd_s, exec_fsqrt_d, exec_fmadd_s,
                                          exec_fnmadd_d, exec_fcvt_w_s, exec_fcvt_lu_d,
                                          exec_fcvt_s_w, exec_fcvt_d_w, exec_fcvt_d_wu,
                                          exec_fcvt_s_d, exec_fcvt_d_s, exec_fdiv_d };
    for (unsigned i = 0; i < ARRAY_SIZE(with_rm); i++) {
        for (unsigned rm = 5; rm <= 7; rm++) {
            H.s.frm = 5 + i % 3; /* for rm = 7: an invalid dynamic mode */
            H.s.f[3] = 0x1111;
            H.s.x[3] = 0x2222;
            H.s.mstatus = FS_CLEAN;
            run(with_rm[i], rm);
            CHECK(H.trapped);
            CHECK_EQ(H.trap_cause, EXC_ILLEGAL_INSN);
            CHECK_EQ(H.trap_tval, 0x12345053);
            CHECK_EQ(H.s.f[3], 0x1111);
            CHECK_EQ(H.s.x[3], 0x2222);
            CHECK_EQ(H.s.mstatus, FS_CLEAN);
        }
        H.s.frm = RUP; /* a valid dynamic mode */
        run(with_rm[i], DYN);
        CHECK(!H.trapped);
    }
    H.s.mstatus = FS_INITIAL;
    H.s.frm = 0;

    /* FS = Off: every F/D instruction traps and changes nothing */
    static rv_exec_fn const all[] = {
        exec_flw, exec_fsw, exec_fld, exec_fsd, exec_fadd_s, exec_fmadd_d, exec_fsgnj_s,
        exec_fmin_d, exec_feq_s, exec_fclass_d, exec_fcvt_w_s, exec_fcvt_d_lu, exec_fmv_x_w,
        exec_fmv_w_x, exec_fmv_x_d, exec_fmv_d_x, exec_fcvt_s_d, exec_fcvt_d_s, exec_fsqrt_s,
    };
    for (unsigned i = 0; i < ARRAY_SIZE(all); i++) {
        H.s.mstatus = FS_OFF;
        H.s.x[1] = MEM_BASE;
        H.s.f[3] = 0x1111;
        H.s.x[3] = 0x2222;
        H.s.f[1] = BOX | SNAN_S;
        run(all[i], RNE);
        CHECK(H.trapped);
        CHECK_EQ(H.trap_cause, EXC_ILLEGAL_INSN);
        CHECK_EQ(H.s.f[3], 0x1111);
        CHECK_EQ(H.s.x[3], 0x2222);
        CHECK_EQ(H.s.fflags, 0);
        CHECK_EQ(H.s.mstatus, FS_OFF);
    }

    /* FS becomes Dirty (and SD set) when f registers or fflags are written */
    H.s.mstatus = FS_INITIAL;
    op_s(exec_fadd_s, fs(1.0f), fs(1.0f), 0, RNE);
    CHECK_EQ(H.s.mstatus, FS_DIRTY | MSTATUS_SD);
    H.s.mstatus = FS_CLEAN;
    H.s.x[1] = 0;
    run(exec_fmv_w_x, RNE);
    CHECK_EQ(H.s.mstatus, FS_DIRTY | MSTATUS_SD);
    H.s.mstatus = FS_CLEAN;
    to_x(exec_feq_d, fd(1.0), fd(1.0), RNE); /* no flags raised, no f register written */
    CHECK_EQ(H.s.mstatus, FS_CLEAN);
    to_x(exec_feq_d, SNAN_D, fd(1.0), RNE); /* NV raised */
    CHECK_EQ(H.s.mstatus, FS_DIRTY | MSTATUS_SD);
    H.s.mstatus = FS_CLEAN;
    to_x(exec_fcvt_w_d, fd(1.5), 0, RNE);
    CHECK_EQ(H.s.mstatus, FS_DIRTY | MSTATUS_SD);
    H.s.mstatus = FS_CLEAN;
    to_x(exec_fmv_x_d, fd(1.5), 0, RNE);
    to_x(exec_fclass_s, fd(1.5), 0, RNE);
    CHECK_EQ(H.s.mstatus, FS_CLEAN);
    H.s.x[1] = MEM_BASE;
    run(exec_fsd, RNE);
    CHECK_EQ(H.s.mstatus, FS_CLEAN);
    run(exec_fld, RNE);
    CHECK_EQ(H.s.mstatus, FS_DIRTY | MSTATUS_SD);
    H.s.mstatus = FS_INITIAL;
}

static void test_load_store(void)
{
    struct rv_insn d = { .rd = 5, .rs1 = 1, .rs2 = 6, .imm = 8, .raw = 0x00002007 };
    memset(stub_mem, 0, sizeof stub_mem);
    H.s.x[1] = MEM_BASE;
    H.s.f[6] = 0x123456789abcdef0ull;
    exec_fsd(&H, &d);
    CHECK(!H.trapped);
    CHECK_EQ(load_le(stub_mem + 8, 8), 0x123456789abcdef0ull);
    d.imm = 16;
    exec_fsw(&H, &d); /* the low 32 bits as they are, even though not boxed */
    CHECK_EQ(load_le(stub_mem + 16, 8), 0x9abcdef0ull);
    d.imm = 12;
    exec_flw(&H, &d);
    CHECK_EQ(H.s.f[5], BOX | 0x12345678u);
    d.imm = 8;
    exec_fld(&H, &d);
    CHECK_EQ(H.s.f[5], 0x123456789abcdef0ull);
    /* negative offsets */
    H.s.x[1] = MEM_BASE + 32;
    d.imm = -16;
    exec_flw(&H, &d);
    CHECK_EQ(H.s.f[5], BOX | 0x9abcdef0u);
    /* a fault leaves the register alone */
    H.s.f[5] = 0x5555;
    d.imm = 0x1000;
    exec_flw(&H, &d);
    CHECK(H.trapped);
    CHECK_EQ(H.trap_cause, EXC_LOAD_ACCESS);
    CHECK_EQ(H.trap_tval, MEM_BASE + 32 + 0x1000);
    CHECK_EQ(H.s.f[5], 0x5555);
    H.trapped = false;
    exec_fsd(&H, &d);
    CHECK(H.trapped);
    CHECK_EQ(H.trap_cause, EXC_STORE_ACCESS);
    H.trapped = false;
    /* f0 is an ordinary register */
    d.rd = 0;
    d.imm = -24;
    exec_fld(&H, &d);
    CHECK_EQ(H.s.f[0], 0x123456789abcdef0ull);
}

/* The host is left in round-to-nearest with DAZ/FTZ off after RISC-V operations. */
static void test_host_state(void)
{
    op_d(exec_fadd_d, fd(1.0), fd(0x1p-53), 0, RUP);
    op_s(exec_fmadd_s, fs(1.0f), fs(1.0f), fs(0x1p-30f), RDN);
    op_d(exec_fmadd_d, fd(1.0), fd(1.0), fd(0x1p-60), RMM);
    volatile double a = 1.0, b = 0x1p-53;
    CHECK(a + b == 1.0);
    volatile double t = 0x1p-1074;
    CHECK(t * 1.0 != 0.0);
}

int main(void)
{
    reset();
    test_cvt_rounding();
    reset();
    test_arith_rounding();
    reset();
    test_nan();
    reset();
    test_boxing();
    reset();
    test_minmax();
    reset();
    test_compare();
    reset();
    test_fclass();
    reset();
    test_cvt_saturation();
    reset();
    test_exceptions();
    reset();
    test_traps();
    reset();
    test_load_store();
    reset();
    test_host_state();
    return check_summary("fpu");
}
