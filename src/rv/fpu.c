/* Host-FPU layer of the F and D extensions (interface and conventions: fpu.h).
 *
 * How results are computed
 *   Arithmetic and int->float conversions run on the host FPU, which is IEEE 754 binary32/64
 *   with tininess detected after rounding, like RISC-V. Each such operation runs inside a
 *   "host section": host_enter() selects the rounding mode and clears the exception flags,
 *   host_leave() reads the flags (mapped to fflags bits) and puts the host back to
 *   round-to-nearest. Outside sections the host is always in round-to-nearest. Sections
 *   exist only in this file.
 *   - On x86_64 with SSE math the section writes MXCSR directly (ldmxcsr/stmxcsr): about
 *     10 ns, against ~80 ns for glibc's feclearexcept, which also rewrites the x87 state.
 *     MXCSR is set to a fixed value: all exceptions masked, DAZ and FTZ off.
 *   - Elsewhere, and on x86_64 for a libm fma() call (glibc's software fma on CPUs without
 *     FMA may use the x87 flags), the section uses <fenv.h>.
 *   - Float->int conversions are done exactly in C with explicit NaN handling and never
 *     read host flags (so are comparisons, min/max, sign injection and classification, in
 *     exec_fp.c).
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
 *   - Float->int conversions saturate; NaN converts to the maximum value.
 *   - RMM (round to nearest, ties to max magnitude) has no host mode. It differs from RNE
 *     only when the exact result lies exactly halfway between two representable values
 *     and RNE picked the one nearer to zero; the flags are always the same as RNE's
 *     (overflow and tininess thresholds coincide because the largest finite value and the
 *     largest value below the normal range both have odd significands). So an RMM operation
 *     is computed in RNE and, when inexact, the exact result is recomputed in long double:
 *     a tie needs at most p+1 <= 54 significant bits, so if the long double result is
 *     inexact there is no tie, and if it is exact the tie test is exact arithmetic.
 *   (fma(inf, 0, qNaN) must set NV, which x86 does not: the caller adds it, see fpu.h.)
 */
#ifdef __clang__
#pragma STDC FENV_ACCESS ON
#endif

#include <fenv.h>
#include <float.h>
#include <math.h>

#include "common/util.h"
#include "rv/fpu.h"

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

uint64_t fpu_arith_s(enum fop op, uint32_t ab, uint32_t bb, uint32_t cb, int rm,
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

uint64_t fpu_arith_d(enum fop op, uint64_t ab, uint64_t bb, uint64_t cb, int rm,
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
uint64_t fpu_cvt_to_int(struct fpv a, int rm, enum ikind k, unsigned *fl)
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

uint64_t fpu_cvt_from_int_s(uint64_t x, enum ikind k, int rm, unsigned *fl)
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

uint64_t fpu_cvt_from_int_d(uint64_t x, enum ikind k, int rm, unsigned *fl)
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

/* ---------------------------------------------------------------- double -> float */

uint64_t fpu_cvt_d_to_s(uint64_t ab, int rm, unsigned *fl)
{
    volatile double va = f64_of(ab);
    volatile float vr;
    host_enter(rm, false);
    vr = (float)va;
    *fl = host_leave(false);
    float r = vr;
    uint32_t rb = bits_f32(r);
    if (is_nan(ab, &FMT_D))
        rb = CANON_S;
    else if (rm == RM_RMM && (*fl & FFLAG_NX) && isfinite(r))
        rb = bits_f32(tie_away_s(f64_of(ab), r));
    return rb;
}
