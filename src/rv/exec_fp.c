/* F and D extensions: single- and double-precision floating point on the host FPU.
 *
 * How results are computed
 *   Arithmetic and int->float conversions run on the host FPU, which is IEEE 754 binary32/64
 *   with tininess detected after rounding, like RISC-V. Each such operation runs inside a
 *   "host section": host_enter() selects the rounding mode and clears the exception flags,
 *   host_leave() reads the flags (mapped to fflags bits) and puts the host back to
 *   round-to-nearest. Outside sections the host is always in round-to-nearest.
 *   - On x86_64 with SSE math the section writes MXCSR directly (ldmxcsr/stmxcsr): about
 *     10 ns, against ~80 ns for glibc's feclearexcept, which also rewrites the x87 state.
 *     MXCSR is set to a fixed value: all exceptions masked, DAZ and FTZ off.
 *   - Elsewhere, and on x86_64 for a libm fma() call (glibc's software fma on CPUs without
 *     FMA may use the x87 flags), the section uses <fenv.h>.
 *   - Float->int conversions, comparisons, min/max, sign injection and classification are
 *     done exactly in C with explicit NaN handling; they never read host flags.
 *
 * Why this is correct without -frounding-math
 *   GCC ignores `#pragma STDC FENV_ACCESS` (and warns), so nothing tells it that arithmetic
 *   depends on the rounding mode. Every host section therefore passes its operands and its
 *   result through volatile objects: the volatile loads happen after host_enter() and the
 *   volatile store before host_leave(), so the computation cannot be folded, CSE'd or moved
 *   out of the section. The file needs no special flags; it links with -lm (fma, fmal,
 *   floor, ...). -frounding-math is harmless but not needed.
 *
 * RISC-V versus host semantics handled here
 *   - Every NaN result becomes the canonical NaN (x86 makes 0xffc00000 or keeps payloads).
 *   - fma(inf, 0, qNaN) sets NV (x86 does not).
 *   - Float->int conversions saturate; NaN converts to the maximum value.
 *   - RMM (round to nearest, ties to max magnitude) has no host mode. It differs from RNE
 *     only when the exact result lies exactly halfway between two representable values
 *     and RNE picked the one nearer to zero; the flags are always the same as RNE's
 *     (overflow and tininess thresholds coincide because the largest finite value and the
 *     largest value below the normal range both have odd significands). So an RMM operation
 *     is computed in RNE and, when inexact, the exact result is recomputed in long double:
 *     a tie needs at most p+1 <= 54 significant bits, so if the long double result is
 *     inexact there is no tie, and if it is exact the tie test is exact arithmetic.
 */
#ifdef __clang__
#pragma STDC FENV_ACCESS ON
#endif

#include <fenv.h>
#include <float.h>
#include <math.h>

#include "rv/exec.h"

#if defined(__x86_64__) && defined(__SSE2_MATH__)
#define FP_SSE 1
#include <xmmintrin.h>
#else
#define FP_SSE 0
#endif

/* x87 extended or binary128: holds every int64/uint64 and every ~2100-bit-wide exponent
 * range product/quotient of doubles, so RMM ties can be tested exactly. */
_Static_assert(LDBL_MANT_DIG >= 64 && LDBL_MAX_EXP >= 4 * DBL_MAX_EXP,
               "RMM tie detection needs a long double wider than double");

enum { FFLAG_NX = 1, FFLAG_UF = 2, FFLAG_OF = 4, FFLAG_DZ = 8, FFLAG_NV = 16 };
enum { RM_RNE = 0, RM_RTZ = 1, RM_RDN = 2, RM_RUP = 3, RM_RMM = 4, RM_DYN = 7 };

#define BOX_S 0xffffffff00000000ull
#define CANON_S 0x7fc00000u
#define CANON_D 0x7ff8000000000000ull
#define SIGN_S 0x80000000ull
#define SIGN_D 0x8000000000000000ull

/* Operations run on the host FPU (fused multiply-add's negations are applied to operands). */
enum fop { FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_SQRT, FOP_FMA };
/* Integer operand/result kinds of conversions. */
enum ikind { I_W, I_WU, I_L, I_LU };

/* ---------------------------------------------------------------- bits and values */

static inline float f32_of(uint32_t b)
{
    float f;
    memcpy(&f, &b, 4);
    return f;
}
static inline uint32_t bits_f32(float f)
{
    uint32_t b;
    memcpy(&b, &f, 4);
    return b;
}
static inline double f64_of(uint64_t b)
{
    double f;
    memcpy(&f, &b, 8);
    return f;
}
static inline uint64_t bits_f64(double f)
{
    uint64_t b;
    memcpy(&b, &f, 8);
    return b;
}

/* Width arguments of the shared helpers */
#define F32 false
#define F64 true

/* Field layout of one width: S (8-bit exponent, 23-bit fraction) or D (11, 52). */
struct fmt {
    unsigned frac_bits;
    uint64_t exp_mask, frac_mask, sign, canon;
};
static const struct fmt FMT_S = { 23, 0xffull << 23, (1ull << 23) - 1, SIGN_S, CANON_S };
static const struct fmt FMT_D = { 52, 0x7ffull << 52, (1ull << 52) - 1, SIGN_D, CANON_D };

static inline const struct fmt *fmt_of(bool dbl)
{
    return dbl ? &FMT_D : &FMT_S;
}
static inline bool is_nan(uint64_t b, const struct fmt *f)
{
    return (b & f->exp_mask) == f->exp_mask && (b & f->frac_mask);
}
static inline bool is_snan(uint64_t b, const struct fmt *f)
{
    return is_nan(b, f) && !(b & (1ull << (f->frac_bits - 1)));
}
static inline bool is_inf(uint64_t b, const struct fmt *f)
{
    return (b & ~f->sign) == f->exp_mask;
}
static inline bool is_zero(uint64_t b, const struct fmt *f)
{
    return (b & ~f->sign) == 0;
}

/* An operand of either width as a double (exact for single) plus its NaN status. */
struct fpv {
    bool nan, snan;
    double v; /* meaningful only when !nan */
};

static struct fpv fpv_of(uint64_t b, bool dbl)
{
    const struct fmt *f = fmt_of(dbl);
    struct fpv r = { is_nan(b, f), is_snan(b, f), 0.0 };
    if (!r.nan)
        r.v = dbl ? f64_of(b) : (double)f32_of((uint32_t)b);
    return r;
}

/* ---------------------------------------------------------------- hart state access */

/* The single-precision value of a register: the canonical NaN unless properly NaN-boxed. */
static inline uint32_t unbox(uint64_t v)
{
    return (v & BOX_S) == BOX_S ? (uint32_t)v : CANON_S;
}

static inline uint64_t rd_f(const struct rv_hart *h, unsigned r, bool dbl)
{
    return dbl ? h->s.f[r] : unbox(h->s.f[r]);
}

static inline void wr_f(struct rv_hart *h, unsigned rd, uint64_t v, bool dbl)
{
    h->s.f[rd] = dbl ? v : BOX_S | (uint32_t)v;
    rv_fp_dirty(h);
}

static inline void accrue(struct rv_hart *h, unsigned fl)
{
    if (fl) {
        h->s.fflags |= fl;
        rv_fp_dirty(h);
    }
}

/* FS check for instructions without a rounding mode. */
static inline bool fp_on(struct rv_hart *h, const struct rv_insn *d)
{
    if (likely(rv_fp_enabled(h)))
        return true;
    rv_illegal(h, d);
    return false;
}

/* FS check and rounding-mode resolution: 0..4, or -1 after raising illegal instruction. */
static inline int fp_rm(struct rv_hart *h, const struct rv_insn *d)
{
    unsigned rm = d->rm == RM_DYN ? h->s.frm : d->rm;
    if (likely(rv_fp_enabled(h) && rm <= RM_RMM))
        return (int)rm;
    rv_illegal(h, d);
    return -1;
}

/* ---------------------------------------------------------------- host sections */

#if FP_SSE
#define MXCSR_DEFAULT 0x1f80u /* all exceptions masked, round to nearest, DAZ/FTZ off */

static inline unsigned sse_rc(int rm)
{
    static const unsigned rc[5] = { 0, 3, 1, 2, 0 }; /* RNE RTZ RDN RUP (RMM: RNE + fix) */
    return rc[rm] << 13;
}

static inline unsigned sse_flags(unsigned csr)
{
    return (csr & 0x01 ? FFLAG_NV : 0) | (csr & 0x04 ? FFLAG_DZ : 0) |
           (csr & 0x08 ? FFLAG_OF : 0) | (csr & 0x10 ? FFLAG_UF : 0) |
           (csr & 0x20 ? FFLAG_NX : 0);
}

static bool hw_fma(void)
{
    return __builtin_cpu_supports("fma");
}

__attribute__((target("fma"))) static float fma_hw_s(float a, float b, float c)
{
    return __builtin_fmaf(a, b, c);
}

__attribute__((target("fma"))) static double fma_hw_d(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}
#endif

static inline int fe_rc(int rm)
{
    static const int rc[5] = { FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD,
                               FE_TONEAREST };
    return rc[rm];
}

static inline unsigned fe_flags(int ex)
{
    return (ex & FE_INVALID ? FFLAG_NV : 0) | (ex & FE_DIVBYZERO ? FFLAG_DZ : 0) |
           (ex & FE_OVERFLOW ? FFLAG_OF : 0) | (ex & FE_UNDERFLOW ? FFLAG_UF : 0) |
           (ex & FE_INEXACT ? FFLAG_NX : 0);
}

/* `libm`: the section calls into libm (software fma), so the whole <fenv.h> state is used. */
static inline void host_enter(int rm, bool libm)
{
#if FP_SSE
    if (!libm) {
        _mm_setcsr(MXCSR_DEFAULT | sse_rc(rm));
        return;
    }
#endif
    (void)libm;
    feclearexcept(FE_ALL_EXCEPT);
    fesetround(fe_rc(rm));
}

/* Leave a section: returns the exceptions raised in it as fflags bits. */
static inline unsigned host_leave(bool libm)
{
#if FP_SSE
    if (!libm) {
        unsigned csr = _mm_getcsr();
        _mm_setcsr(MXCSR_DEFAULT);
        return sse_flags(csr);
    }
#endif
    (void)libm;
    int ex = fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
    return fe_flags(ex);
}

/* Whether fma() below goes to libm rather than a host instruction. */
static inline bool fma_in_libm(void)
{
#if FP_SSE
    return !hw_fma();
#else
    return true;
#endif
}

static float fma_s(float a, float b, float c)
{
#if FP_SSE
    if (hw_fma())
        return fma_hw_s(a, b, c);
#endif
    return fmaf(a, b, c);
}

static double fma_d(double a, double b, double c)
{
#if FP_SSE
    if (hw_fma())
        return fma_hw_d(a, b, c);
#endif
    return fma(a, b, c);
}

static float calc_s(enum fop op, float a, float b, float c)
{
    switch (op) {
    case FOP_ADD: return a + b;
    case FOP_SUB: return a - b;
    case FOP_MUL: return a * b;
    case FOP_DIV: return a / b;
    case FOP_SQRT: return sqrtf(a);
    case FOP_FMA: return fma_s(a, b, c);
    }
    return 0;
}

static double calc_d(enum fop op, double a, double b, double c)
{
    switch (op) {
    case FOP_ADD: return a + b;
    case FOP_SUB: return a - b;
    case FOP_MUL: return a * b;
    case FOP_DIV: return a / b;
    case FOP_SQRT: return sqrt(a);
    case FOP_FMA: return fma_d(a, b, c);
    }
    return 0;
}

static long double calc_l(enum fop op, long double a, long double b, long double c)
{
    switch (op) {
    case FOP_ADD: return a + b;
    case FOP_SUB: return a - b;
    case FOP_MUL: return a * b;
    case FOP_DIV: return a / b;
    case FOP_SQRT: return sqrtl(a);
    case FOP_FMA: return fmal(a, b, c);
    }
    return 0;
}

static float host_s(enum fop op, float a, float b, float c, int rm, unsigned *fl)
{
    bool libm = op == FOP_FMA && fma_in_libm();
    volatile float va = a, vb = b, vc = c, vr;
    host_enter(rm, libm);
    vr = calc_s(op, va, vb, vc);
    *fl = host_leave(libm);
    return vr;
}

static double host_d(enum fop op, double a, double b, double c, int rm, unsigned *fl)
{
    bool libm = op == FOP_FMA && fma_in_libm();
    volatile double va = a, vb = b, vc = c, vr;
    host_enter(rm, libm);
    vr = calc_d(op, va, vb, vc);
    *fl = host_leave(libm);
    return vr;
}

/* The exact result in long double, if it is representable there (see RMM above). */
static bool wide_exact(enum fop op, long double a, long double b, long double c,
                       long double *w)
{
    volatile long double va = a, vb = b, vc = c, vw;
    host_enter(RM_RNE, true);
    vw = calc_l(op, va, vb, vc);
    unsigned fl = host_leave(true);
    *w = vw;
    return !(fl & FFLAG_NX);
}

/* ---------------------------------------------------------------- RMM */

/* r is the RNE rounding of the exact value w (finite, r != w). Return the RMM rounding:
 * the neighbour of r farther from zero when w lies exactly halfway to it. */
static float tie_away_s(long double w, float r)
{
    long double lr = r;
    if (w == lr || (r != 0 && (w > lr) != (r > 0)))
        return r; /* r is already the candidate farther from zero */
    uint32_t b = bits_f32(r);
    float n = f32_of(r != 0 ? b + 1 : (w < 0 ? 0x80000001u : 1u));
    return 2 * (w - lr) == (long double)n - lr ? n : r;
}

static double tie_away_d(long double w, double r)
{
    long double lr = r;
    if (w == lr || (r != 0 && (w > lr) != (r > 0)))
        return r;
    uint64_t b = bits_f64(r);
    double n = f64_of(r != 0 ? b + 1 : (w < 0 ? SIGN_D | 1 : 1));
    return 2 * (w - lr) == (long double)n - lr ? n : r;
}

/* ---------------------------------------------------------------- arithmetic */

/* Result bits of op on single operands (raw bits), with fflags in *fl. */
static uint64_t arith_s(enum fop op, uint32_t ab, uint32_t bb, uint32_t cb, int rm,
                        unsigned *fl)
{
    float a = f32_of(ab), b = f32_of(bb), c = f32_of(cb);
    float r = host_s(op, a, b, c, rm, fl);
    if (is_nan(bits_f32(r), &FMT_S))
        return CANON_S;
    if (rm == RM_RMM && (*fl & FFLAG_NX) && isfinite(r)) {
        long double w;
        if (wide_exact(op, a, b, c, &w))
            r = tie_away_s(w, r);
    }
    return bits_f32(r);
}

static uint64_t arith_d(enum fop op, uint64_t ab, uint64_t bb, uint64_t cb, int rm,
                        unsigned *fl)
{
    double a = f64_of(ab), b = f64_of(bb), c = f64_of(cb);
    double r = host_d(op, a, b, c, rm, fl);
    if (is_nan(bits_f64(r), &FMT_D))
        return CANON_D;
    if (rm == RM_RMM && (*fl & FFLAG_NX) && isfinite(r)) {
        long double w;
        if (wide_exact(op, a, b, c, &w))
            r = tie_away_d(w, r);
    }
    return bits_f64(r);
}

/* Result bits and fflags of op on raw operand bits of either width. */
static uint64_t arith(enum fop op, bool dbl, uint64_t a, uint64_t b, uint64_t c, int rm,
                      unsigned *fl)
{
    return dbl ? arith_d(op, a, b, c, rm, fl)
               : arith_s(op, (uint32_t)a, (uint32_t)b, (uint32_t)c, rm, fl);
}

/* rd = rs1 op rs2 (FSQRT: op rs1) */
static void fp_arith(struct rv_hart *h, const struct rv_insn *d, enum fop op, bool dbl)
{
    int rm = fp_rm(h, d);
    if (rm < 0)
        return;
    unsigned fl;
    uint64_t r = arith(op, dbl, rd_f(h, d->rs1, dbl), rd_f(h, d->rs2, dbl), 0, rm, &fl);
    wr_f(h, d->rd, r, dbl);
    accrue(h, fl);
}

enum { NEG_PROD = 1, NEG_ADD = 2 };

/* rd = (+-(rs1 * rs2)) +- rs3 with a single rounding */
static void fp_fma(struct rv_hart *h, const struct rv_insn *d, bool dbl, unsigned neg)
{
    int rm = fp_rm(h, d);
    if (rm < 0)
        return;
    const struct fmt *f = fmt_of(dbl);
    uint64_t a = rd_f(h, d->rs1, dbl) ^ (neg & NEG_PROD ? f->sign : 0);
    uint64_t b = rd_f(h, d->rs2, dbl);
    uint64_t c = rd_f(h, d->rs3, dbl) ^ (neg & NEG_ADD ? f->sign : 0);
    unsigned fl;
    uint64_t r = arith(FOP_FMA, dbl, a, b, c, rm, &fl);
    /* inf * 0 is invalid even when the addend is a quiet NaN (x86 disagrees) */
    if ((is_inf(a, f) && is_zero(b, f)) || (is_zero(a, f) && is_inf(b, f)))
        fl |= FFLAG_NV;
    wr_f(h, d->rd, r, dbl);
    accrue(h, fl);
}

void exec_fadd_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_arith(h, d, FOP_ADD, F32);
}

void exec_fsub_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_arith(h, d, FOP_SUB, F32);
}

void exec_fmul_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_arith(h, d, FOP_MUL, F32);
}

void exec_fdiv_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_arith(h, d, FOP_DIV, F32);
}

void exec_fsqrt_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_arith(h, d, FOP_SQRT, F32);
}

void exec_fmadd_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_fma(h, d, F32, 0);
}

void exec_fmsub_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_fma(h, d, F32, NEG_ADD);
}

void exec_fnmsub_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_fma(h, d, F32, NEG_PROD);
}

void exec_fnmadd_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_fma(h, d, F32, NEG_PROD | NEG_ADD);
}

void exec_fadd_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_arith(h, d, FOP_ADD, F64);
}

void exec_fsub_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_arith(h, d, FOP_SUB, F64);
}

void exec_fmul_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_arith(h, d, FOP_MUL, F64);
}

void exec_fdiv_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_arith(h, d, FOP_DIV, F64);
}

void exec_fsqrt_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_arith(h, d, FOP_SQRT, F64);
}

void exec_fmadd_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_fma(h, d, F64, 0);
}

void exec_fmsub_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_fma(h, d, F64, NEG_ADD);
}

void exec_fnmsub_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_fma(h, d, F64, NEG_PROD);
}

void exec_fnmadd_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_fma(h, d, F64, NEG_PROD | NEG_ADD);
}

/* ---------------------------------------------------------------- sign injection, min/max */

enum { SGNJ, SGNJN, SGNJX };

static void fp_sgnj(struct rv_hart *h, const struct rv_insn *d, int kind, bool dbl)
{
    if (!fp_on(h, d))
        return;
    uint64_t sign = fmt_of(dbl)->sign;
    uint64_t a = rd_f(h, d->rs1, dbl), b = rd_f(h, d->rs2, dbl);
    uint64_t s = kind == SGNJ ? b : kind == SGNJN ? ~b : a ^ b;
    wr_f(h, d->rd, (a & ~sign) | (s & sign), dbl);
}

void exec_fsgnj_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_sgnj(h, d, SGNJ, F32);
}

void exec_fsgnjn_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_sgnj(h, d, SGNJN, F32);
}

void exec_fsgnjx_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_sgnj(h, d, SGNJX, F32);
}

void exec_fsgnj_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_sgnj(h, d, SGNJ, F64);
}

void exec_fsgnjn_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_sgnj(h, d, SGNJN, F64);
}

void exec_fsgnjx_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_sgnj(h, d, SGNJX, F64);
}

enum { MIN, MAX };

/* IEEE 754-2019 minimumNumber / maximumNumber, with -0 < +0. */
static void fp_minmax(struct rv_hart *h, const struct rv_insn *d, int max, bool dbl)
{
    if (!fp_on(h, d))
        return;
    uint64_t ab = rd_f(h, d->rs1, dbl), bb = rd_f(h, d->rs2, dbl);
    struct fpv a = fpv_of(ab, dbl), b = fpv_of(bb, dbl);
    uint64_t r;
    if (a.nan && b.nan)
        r = fmt_of(dbl)->canon;
    else if (a.nan || b.nan)
        r = a.nan ? bb : ab;
    else {
        bool a_less = a.v < b.v || (a.v == b.v && signbit(a.v) && !signbit(b.v));
        r = a_less != (max == MAX) ? ab : bb;
    }
    wr_f(h, d->rd, r, dbl);
    accrue(h, a.snan || b.snan ? FFLAG_NV : 0);
}

void exec_fmin_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_minmax(h, d, MIN, F32);
}

void exec_fmax_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_minmax(h, d, MAX, F32);
}

void exec_fmin_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_minmax(h, d, MIN, F64);
}

void exec_fmax_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_minmax(h, d, MAX, F64);
}

/* ---------------------------------------------------------------- compare, classify */

enum { CMP_EQ, CMP_LT, CMP_LE };

/* FEQ is quiet (NV only for signaling NaNs); FLT and FLE signal on any NaN. */
static void fp_cmp(struct rv_hart *h, const struct rv_insn *d, int kind, bool dbl)
{
    if (!fp_on(h, d))
        return;
    struct fpv a = fpv_of(rd_f(h, d->rs1, dbl), dbl), b = fpv_of(rd_f(h, d->rs2, dbl), dbl);
    bool r = false;
    if (a.nan || b.nan) {
        if (kind != CMP_EQ || a.snan || b.snan)
            accrue(h, FFLAG_NV);
    } else
        r = kind == CMP_EQ ? a.v == b.v : kind == CMP_LT ? a.v < b.v : a.v <= b.v;
    rv_set_x(h, d->rd, r);
}

void exec_feq_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cmp(h, d, CMP_EQ, F32);
}

void exec_flt_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cmp(h, d, CMP_LT, F32);
}

void exec_fle_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cmp(h, d, CMP_LE, F32);
}

void exec_feq_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cmp(h, d, CMP_EQ, F64);
}

void exec_flt_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cmp(h, d, CMP_LT, F64);
}

void exec_fle_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cmp(h, d, CMP_LE, F64);
}

/* FCLASS: one of ten bits: -inf -normal -subnormal -0 +0 +subnormal +normal +inf sNaN qNaN */
static unsigned fclass_bits(uint64_t b, const struct fmt *f)
{
    bool neg = (b & f->sign) != 0;
    uint64_t e = b & f->exp_mask, m = b & f->frac_mask;
    if (is_nan(b, f))
        return is_snan(b, f) ? 1u << 8 : 1u << 9;
    if (e == f->exp_mask)
        return neg ? 1u << 0 : 1u << 7;
    if (e == 0 && m == 0)
        return neg ? 1u << 3 : 1u << 4;
    if (e == 0)
        return neg ? 1u << 2 : 1u << 5;
    return neg ? 1u << 1 : 1u << 6;
}

static void fp_class(struct rv_hart *h, const struct rv_insn *d, bool dbl)
{
    if (fp_on(h, d))
        rv_set_x(h, d->rd, fclass_bits(rd_f(h, d->rs1, dbl), fmt_of(dbl)));
}

void exec_fclass_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_class(h, d, F32);
}

void exec_fclass_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_class(h, d, F64);
}

/* ---------------------------------------------------------------- float -> integer */

/* x rounded to an integral value in rounding mode rm (exact; libm's rounding functions
 * do not depend on the host rounding mode). */
static double round_integral(double x, int rm)
{
    switch (rm) {
    case RM_RTZ: return trunc(x);
    case RM_RDN: return floor(x);
    case RM_RUP: return ceil(x);
    case RM_RMM: return round(x);
    default: {
        double r = round(x); /* ties away; fix ties to even */
        return fabs(r - x) == 0.5 ? 2.0 * round(x * 0.5) : r;
    }
    }
}

/* Convert with saturation: out of range or NaN is invalid (NaN gives the maximum). */
static uint64_t cvt_to_int(struct fpv a, int rm, enum ikind k, unsigned *fl)
{
    static const double lo[4] = { -0x1p31, 0.0, -0x1p63, 0.0 };
    static const double hi[4] = { 0x1p31, 0x1p32, 0x1p63, 0x1p64 }; /* exclusive */
    static const uint64_t min[4] = { 0xffffffff80000000ull, 0, 1ull << 63, 0 };
    static const uint64_t max[4] = { 0x7fffffff, 0xffffffffffffffffull, ~(1ull << 63),
                                     0xffffffffffffffffull };
    double r = a.nan ? 0.0 : round_integral(a.v, rm);
    if (a.nan || !(r >= lo[k] && r < hi[k])) {
        *fl = FFLAG_NV;
        return a.nan || r > 0 ? max[k] : min[k];
    }
    *fl = r != a.v ? FFLAG_NX : 0;
    if (k == I_LU)
        return (uint64_t)r;
    uint64_t v = (uint64_t)(int64_t)r;
    return k == I_WU ? sext(v, 32) : v;
}

static void fp_cvt_to_int(struct rv_hart *h, const struct rv_insn *d, enum ikind k, bool dbl)
{
    int rm = fp_rm(h, d);
    if (rm < 0)
        return;
    unsigned fl;
    uint64_t v = cvt_to_int(fpv_of(rd_f(h, d->rs1, dbl), dbl), rm, k, &fl);
    rv_set_x(h, d->rd, v);
    accrue(h, fl);
}

void exec_fcvt_w_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_to_int(h, d, I_W, F32);
}

void exec_fcvt_wu_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_to_int(h, d, I_WU, F32);
}

void exec_fcvt_l_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_to_int(h, d, I_L, F32);
}

void exec_fcvt_lu_s(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_to_int(h, d, I_LU, F32);
}

void exec_fcvt_w_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_to_int(h, d, I_W, F64);
}

void exec_fcvt_wu_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_to_int(h, d, I_WU, F64);
}

void exec_fcvt_l_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_to_int(h, d, I_L, F64);
}

void exec_fcvt_lu_d(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_to_int(h, d, I_LU, F64);
}

/* ---------------------------------------------------------------- integer -> float */

/* The integer operand of kind k as a long double (exact: LDBL_MANT_DIG >= 64). */
static long double int_value(uint64_t x, enum ikind k)
{
    switch (k) {
    case I_W: return (int32_t)x;
    case I_WU: return (uint32_t)x;
    case I_L: return (int64_t)x;
    default: return x;
    }
}

static uint64_t cvt_from_int_s(uint64_t x, enum ikind k, int rm, unsigned *fl)
{
    volatile uint64_t vx = x;
    volatile float vr;
    host_enter(rm, false);
    switch (k) {
    case I_W: vr = (float)(int32_t)vx; break;
    case I_WU: vr = (float)(uint32_t)vx; break;
    case I_L: vr = (float)(int64_t)vx; break;
    case I_LU: vr = (float)vx; break;
    }
    *fl = host_leave(false);
    float r = vr;
    if (rm == RM_RMM && (*fl & FFLAG_NX))
        r = tie_away_s(int_value(x, k), r);
    return bits_f32(r);
}

static uint64_t cvt_from_int_d(uint64_t x, enum ikind k, int rm, unsigned *fl)
{
    volatile uint64_t vx = x;
    volatile double vr;
    host_enter(rm, false);
    switch (k) {
    case I_W: vr = (double)(int32_t)vx; break;
    case I_WU: vr = (double)(uint32_t)vx; break;
    case I_L: vr = (double)(int64_t)vx; break;
    case I_LU: vr = (double)vx; break;
    }
    *fl = host_leave(false);
    double r = vr;
    if (rm == RM_RMM && (*fl & FFLAG_NX))
        r = tie_away_d(int_value(x, k), r);
    return bits_f64(r);
}

static void fp_cvt_from_int(struct rv_hart *h, const struct rv_insn *d, enum ikind k,
                            bool dbl)
{
    int rm = fp_rm(h, d);
    if (rm < 0)
        return;
    unsigned fl;
    uint64_t x = h->s.x[d->rs1];
    uint64_t r = dbl ? cvt_from_int_d(x, k, rm, &fl) : cvt_from_int_s(x, k, rm, &fl);
    wr_f(h, d->rd, r, dbl);
    accrue(h, fl);
}

void exec_fcvt_s_w(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_from_int(h, d, I_W, F32);
}

void exec_fcvt_s_wu(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_from_int(h, d, I_WU, F32);
}

void exec_fcvt_s_l(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_from_int(h, d, I_L, F32);
}

void exec_fcvt_s_lu(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_from_int(h, d, I_LU, F32);
}

void exec_fcvt_d_w(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_from_int(h, d, I_W, F64);
}

void exec_fcvt_d_wu(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_from_int(h, d, I_WU, F64);
}

void exec_fcvt_d_l(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_from_int(h, d, I_L, F64);
}

void exec_fcvt_d_lu(struct rv_hart *h, const struct rv_insn *d)
{
    fp_cvt_from_int(h, d, I_LU, F64);
}

/* ---------------------------------------------------------------- float <-> double */

void exec_fcvt_s_d(struct rv_hart *h, const struct rv_insn *d)
{
    int rm = fp_rm(h, d);
    if (rm < 0)
        return;
    uint64_t ab = h->s.f[d->rs1];
    volatile double va = f64_of(ab);
    volatile float vr;
    host_enter(rm, false);
    vr = (float)va;
    unsigned fl = host_leave(false);
    float r = vr;
    uint32_t rb = bits_f32(r);
    if (is_nan(ab, &FMT_D))
        rb = CANON_S;
    else if (rm == RM_RMM && (fl & FFLAG_NX) && isfinite(r))
        rb = bits_f32(tie_away_s(f64_of(ab), r));
    wr_f(h, d->rd, rb, false);
    accrue(h, fl);
}

/* Exact: only a signaling NaN raises a flag. The rm field is still checked. */
void exec_fcvt_d_s(struct rv_hart *h, const struct rv_insn *d)
{
    if (fp_rm(h, d) < 0)
        return;
    uint32_t ab = unbox(h->s.f[d->rs1]);
    bool nan = is_nan(ab, &FMT_S);
    wr_f(h, d->rd, nan ? CANON_D : bits_f64((double)f32_of(ab)), true);
    accrue(h, is_snan(ab, &FMT_S) ? FFLAG_NV : 0);
}

/* ---------------------------------------------------------------- moves */

void exec_fmv_x_w(struct rv_hart *h, const struct rv_insn *d)
{
    if (fp_on(h, d))
        rv_set_x(h, d->rd, sext(h->s.f[d->rs1] & 0xffffffffu, 32));
}

void exec_fmv_w_x(struct rv_hart *h, const struct rv_insn *d)
{
    if (fp_on(h, d))
        wr_f(h, d->rd, (uint32_t)h->s.x[d->rs1], false);
}

void exec_fmv_x_d(struct rv_hart *h, const struct rv_insn *d)
{
    if (fp_on(h, d))
        rv_set_x(h, d->rd, h->s.f[d->rs1]);
}

void exec_fmv_d_x(struct rv_hart *h, const struct rv_insn *d)
{
    if (fp_on(h, d))
        wr_f(h, d->rd, h->s.x[d->rs1], true);
}

/* ---------------------------------------------------------------- loads and stores */

static void fp_load(struct rv_hart *h, const struct rv_insn *d, bool dbl)
{
    uint64_t v;
    if (!fp_on(h, d) || !rv_load(h, h->s.x[d->rs1] + (uint64_t)d->imm, dbl ? 8 : 4, &v))
        return;
    wr_f(h, d->rd, v, dbl);
}

static void fp_store(struct rv_hart *h, const struct rv_insn *d, bool dbl)
{
    uint64_t v = h->s.f[d->rs2]; /* FSW stores the low 32 bits as they are */
    if (fp_on(h, d))
        rv_store(h, h->s.x[d->rs1] + (uint64_t)d->imm, dbl ? 8 : 4, dbl ? v : (uint32_t)v);
}

void exec_flw(struct rv_hart *h, const struct rv_insn *d)
{
    fp_load(h, d, F32);
}

void exec_fld(struct rv_hart *h, const struct rv_insn *d)
{
    fp_load(h, d, F64);
}

void exec_fsw(struct rv_hart *h, const struct rv_insn *d)
{
    fp_store(h, d, F32);
}

void exec_fsd(struct rv_hart *h, const struct rv_insn *d)
{
    fp_store(h, d, F64);
}

