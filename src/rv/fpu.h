/* Host-FPU layer of the F and D extensions: RISC-V binary32/binary64 arithmetic and
 * conversions on raw bit patterns, computed on the host FPU (see fpu.c for how and why that
 * is correct). It knows nothing of harts or instructions: callers (exec_fp.c) read the
 * registers, check FS and resolve the rounding mode, and accrue the returned fflags.
 *
 * Conventions of this interface
 *   - Values are raw IEEE bit patterns in a uint64_t. A single-precision value is in the low
 *     32 bits; results of single-precision operations have the upper 32 bits zero (NaN
 *     boxing is the caller's business).
 *   - `dbl` selects the width: F32 (false) or F64 (true).
 *   - `rm` is a resolved rounding mode, RM_RNE..RM_RMM (never RM_DYN or a reserved value).
 *   - `*fl` receives the exception flags the operation raises, as fflags bits (FFLAG_*).
 *   - Every NaN result is the canonical NaN of its width.
 *   - Each call expects the host in round-to-nearest (its state outside any operation) and
 *     leaves it so.
 */
#ifndef ARBOR_RV_FPU_H
#define ARBOR_RV_FPU_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { FFLAG_NX = 1, FFLAG_UF = 2, FFLAG_OF = 4, FFLAG_DZ = 8, FFLAG_NV = 16 };
enum { RM_RNE = 0, RM_RTZ = 1, RM_RDN = 2, RM_RUP = 3, RM_RMM = 4, RM_DYN = 7 };

#define CANON_S 0x7fc00000u
#define CANON_D 0x7ff8000000000000ull
#define SIGN_S 0x80000000ull
#define SIGN_D 0x8000000000000000ull

/* Operations run on the host FPU (fused multiply-add's negations are applied to operands). */
enum fop { FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_SQRT, FOP_FMA };
/* Integer operand/result kinds of conversions. */
enum ikind { I_W, I_WU, I_L, I_LU };

/* Width arguments of the shared helpers */
#define F32 false
#define F64 true

/* ---------------------------------------------------------------- bits and values */

/* The float / double whose bit pattern is b, and back; exact, no host flags. */
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

/* Field layout of one width: S (8-bit exponent, 23-bit fraction) or D (11, 52). */
struct fmt {
    unsigned frac_bits;
    uint64_t exp_mask, frac_mask, sign, canon;
};
static const struct fmt FMT_S = { 23, 0xffull << 23, (1ull << 23) - 1, SIGN_S, CANON_S };
static const struct fmt FMT_D = { 52, 0x7ffull << 52, (1ull << 52) - 1, SIGN_D, CANON_D };

/* The layout of width dbl (F32 or F64). */
static inline const struct fmt *fmt_of(bool dbl)
{
    return dbl ? &FMT_D : &FMT_S;
}
/* Classification of raw bits b of layout f (single: the low 32 bits, upper bits zero).
 * is_nan: any NaN; is_snan: a signaling NaN; is_inf, is_zero: either sign. */
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

/* The operand with raw bits b of width dbl (single: the low 32 bits, already unboxed). */
static inline struct fpv fpv_of(uint64_t b, bool dbl)
{
    const struct fmt *f = fmt_of(dbl);
    struct fpv r = { is_nan(b, f), is_snan(b, f), 0.0 };
    if (!r.nan)
        r.v = dbl ? f64_of(b) : (double)f32_of((uint32_t)b);
    return r;
}

/* ---------------------------------------------------------------- arithmetic */

/* op on single-precision operands a, b, c (raw bits; b unused by FOP_SQRT, c used only by
 * FOP_FMA, which computes a * b + c with a single rounding), rounded with rm. Returns the
 * result bits and sets *fl. The one flag left to the caller: FMA of an infinity and a zero
 * with a quiet-NaN addend must raise NV, which the host may not do. */
uint64_t fpu_arith_s(enum fop op, uint32_t a, uint32_t b, uint32_t c, int rm, unsigned *fl);
/* The same on double-precision operands. */
uint64_t fpu_arith_d(enum fop op, uint64_t a, uint64_t b, uint64_t c, int rm, unsigned *fl);

/* fpu_arith_s or fpu_arith_d by width; single operands are the low 32 bits of a, b, c. */
static inline uint64_t fpu_arith(enum fop op, bool dbl, uint64_t a, uint64_t b, uint64_t c,
                                 int rm, unsigned *fl)
{
    return dbl ? fpu_arith_d(op, a, b, c, rm, fl)
               : fpu_arith_s(op, (uint32_t)a, (uint32_t)b, (uint32_t)c, rm, fl);
}

/* ---------------------------------------------------------------- conversions */

/* FCVT.{W,WU,L,LU}.{S,D}: a (from fpv_of) rounded to an integer with rm, saturating: out of
 * range or NaN sets NV and gives the minimum or maximum of kind k (NaN: the maximum);
 * otherwise NX when inexact. W and WU results are sign-extended from 32 bits. */
uint64_t fpu_cvt_to_int(struct fpv a, int rm, enum ikind k, unsigned *fl);

/* FCVT.S.{W,WU,L,LU}: the integer x of kind k (W and WU use the low 32 bits of x) rounded
 * to single precision with rm. Returns the result bits and sets *fl (NX or nothing). */
uint64_t fpu_cvt_from_int_s(uint64_t x, enum ikind k, int rm, unsigned *fl);
/* FCVT.D.{W,WU,L,LU}: the same to double precision. */
uint64_t fpu_cvt_from_int_d(uint64_t x, enum ikind k, int rm, unsigned *fl);

/* FCVT.S.D: the double a (raw bits) rounded to single precision with rm. Returns the result
 * bits (the canonical NaN for any NaN) and sets *fl. */
uint64_t fpu_cvt_d_to_s(uint64_t a, int rm, unsigned *fl);

#endif
