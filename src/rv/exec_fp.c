/* F and D extensions: the instructions, on top of the host-FPU layer in fpu.c/fpu.h.
 *
 * This file is the hart side: register access and NaN boxing, the FS check and the
 * rounding-mode resolution (reserved modes trap), fflags accrual, and every exec_f*
 * function. Arithmetic and conversions are computed by fpu.c (how and why that is
 * correct, including RMM and canonical NaNs, is described there). Done here:
 *   - A single-precision operand that is not properly NaN-boxed reads as the canonical NaN;
 *     single-precision results are written NaN-boxed.
 *   - fma(inf, 0, qNaN) sets NV (x86 does not).
 *   - Comparisons, min/max, sign injection, classification and FCVT.D.S are done exactly in
 *     C with explicit NaN handling; they never read host flags.
 */
/* Kept from before fpu.c was split off, so this file and the fpu.h helpers compile as they
 * did; nothing here reads or changes the host FP environment itself. */
#ifdef __clang__
#pragma STDC FENV_ACCESS ON
#endif

#include <math.h>

#include "rv/exec.h"
#include "rv/fpu.h"

#define BOX_S 0xffffffff00000000ull

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

/* ---------------------------------------------------------------- arithmetic */

/* rd = rs1 op rs2 (FSQRT: op rs1) */
static void fp_arith(struct rv_hart *h, const struct rv_insn *d, enum fop op, bool dbl)
{
    int rm = fp_rm(h, d);
    if (rm < 0)
        return;
    unsigned fl;
    uint64_t r = fpu_arith(op, dbl, rd_f(h, d->rs1, dbl), rd_f(h, d->rs2, dbl), 0, rm, &fl);
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
    uint64_t r = fpu_arith(FOP_FMA, dbl, a, b, c, rm, &fl);
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

static void fp_cvt_to_int(struct rv_hart *h, const struct rv_insn *d, enum ikind k, bool dbl)
{
    int rm = fp_rm(h, d);
    if (rm < 0)
        return;
    unsigned fl;
    uint64_t v = fpu_cvt_to_int(fpv_of(rd_f(h, d->rs1, dbl), dbl), rm, k, &fl);
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

static void fp_cvt_from_int(struct rv_hart *h, const struct rv_insn *d, enum ikind k,
                            bool dbl)
{
    int rm = fp_rm(h, d);
    if (rm < 0)
        return;
    unsigned fl;
    uint64_t x = h->s.x[d->rs1];
    uint64_t r = dbl ? fpu_cvt_from_int_d(x, k, rm, &fl) : fpu_cvt_from_int_s(x, k, rm, &fl);
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
    unsigned fl;
    uint64_t rb = fpu_cvt_d_to_s(h->s.f[d->rs1], rm, &fl);
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

