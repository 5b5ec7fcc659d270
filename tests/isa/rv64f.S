/*
 * rv64f: single-precision arithmetic with exact results and exact fflags
 * (NV, DZ, OF, UF, NX) after every operation, in all five static rounding
 * modes: FADD/FSUB/FMUL/FDIV/FSQRT, FMADD/FMSUB/FNMSUB/FNMADD, FMIN/FMAX
 * (NaN and signed-zero rules), FSGNJ*, FEQ/FLT/FLE (quiet vs signalling),
 * FCLASS for all ten classes; then FMV.X.W/FMV.W.X/FLW/FSW and NaN-boxing,
 * the dynamic rounding mode (frm), accumulation of flags and the reserved
 * rounding modes (rm 5/6, dyn with frm 5/6/7) trapping.
 *
 * Expected values were computed with an exact-rational IEEE 754 model
 * (tininess detected after rounding, as RISC-V specifies; default NaN is
 * the canonical NaN 0x7fc00000).
 */
#include "common.h"

.macro LDF freg, bits
        li      t0, \bits
        fmv.w.x \freg, t0
.endm
/* the register must hold the NaN-boxed single `bits` */
.macro CHKF n, freg, bits
        fmv.x.d t0, \freg
        _check_eq_raw \n, t0, (0xffffffff00000000 | (\bits))
.endm
#define FCLASS_OP fclass.s

/* f1 = bits (LDF), compare the bits of an f register (CHKF): format specific */

/* two sources, explicit rounding mode: result bits and exact fflags */
.macro FOP2 n, op, a, b, rm, res, fl
        _check_id \n
        LDF     f1, \a
        LDF     f2, \b
        csrwi   fflags, 0
        \op     f3, f1, f2, \rm
        CHKF    \n, f3, \res
        csrr    t0, fflags
        _check_eq_raw \n, t0, \fl
.endm

/* two sources, no rounding mode (FMIN/FMAX/FSGNJ*) */
.macro FOP2NR n, op, a, b, res, fl
        _check_id \n
        LDF     f1, \a
        LDF     f2, \b
        csrwi   fflags, 0
        \op     f3, f1, f2
        CHKF    \n, f3, \res
        csrr    t0, fflags
        _check_eq_raw \n, t0, \fl
.endm

/* one source (FSQRT) */
.macro FOP1 n, op, a, rm, res, fl
        _check_id \n
        LDF     f1, \a
        csrwi   fflags, 0
        \op     f3, f1, \rm
        CHKF    \n, f3, \res
        csrr    t0, fflags
        _check_eq_raw \n, t0, \fl
.endm

/* three sources (fused multiply-add family) */
.macro FOP3 n, op, a, b, c, rm, res, fl
        _check_id \n
        LDF     f1, \a
        LDF     f2, \b
        LDF     f4, \c
        csrwi   fflags, 0
        \op     f3, f1, f2, f4, \rm
        CHKF    \n, f3, \res
        csrr    t0, fflags
        _check_eq_raw \n, t0, \fl
.endm

/* comparison into an integer register */
.macro FCMP n, op, a, b, res, fl
        _check_id \n
        LDF     f1, \a
        LDF     f2, \b
        csrwi   fflags, 0
        \op     a3, f1, f2
        _check_eq_raw \n, a3, \res
        csrr    t0, fflags
        _check_eq_raw \n, t0, \fl
.endm

/* FCLASS: one-hot class mask, never sets flags */
.macro FCLS n, a, res
        _check_id \n
        LDF     f1, \a
        csrwi   fflags, 0
        FCLASS_OP a3, f1
        _check_eq_raw \n, a3, \res
        csrr    t0, fflags
        _check_eq_raw \n, t0, 0
.endm

TEST_START

        /* ---------------- FADD / FSUB ---------------- */
        FOP2     1, fadd.s, 0x3f800000, 0x40000000, rne, 0x40400000, 0   /* 1 + 2 = 3 exact */
        FOP2     2, fadd.s, 0x3f800000, 0x33800000, rne, 0x3f800000, FF_NX   /* 1 + half ulp (tie), rne */
        FOP2     3, fadd.s, 0x3f800000, 0x33800000, rtz, 0x3f800000, FF_NX   /* 1 + half ulp (tie), rtz */
        FOP2     4, fadd.s, 0x3f800000, 0x33800000, rdn, 0x3f800000, FF_NX   /* 1 + half ulp (tie), rdn */
        FOP2     5, fadd.s, 0x3f800000, 0x33800000, rup, 0x3f800001, FF_NX   /* 1 + half ulp (tie), rup */
        FOP2     6, fadd.s, 0x3f800000, 0x33800000, rmm, 0x3f800001, FF_NX   /* 1 + half ulp (tie), rmm */
        FOP2     7, fadd.s, 0xbf800000, 0xb3800000, rne, 0xbf800000, FF_NX   /* -1 - half ulp (tie), rne */
        FOP2     8, fadd.s, 0xbf800000, 0xb3800000, rtz, 0xbf800000, FF_NX   /* -1 - half ulp (tie), rtz */
        FOP2     9, fadd.s, 0xbf800000, 0xb3800000, rdn, 0xbf800001, FF_NX   /* -1 - half ulp (tie), rdn */
        FOP2    10, fadd.s, 0xbf800000, 0xb3800000, rup, 0xbf800000, FF_NX   /* -1 - half ulp (tie), rup */
        FOP2    11, fadd.s, 0xbf800000, 0xb3800000, rmm, 0xbf800001, FF_NX   /* -1 - half ulp (tie), rmm */
        FOP2    12, fadd.s, 0x3f800001, 0x33800000, rne, 0x3f800002, FF_NX   /* (1+ulp) + half ulp: tie to even rounds up */
        FOP2    13, fadd.s, 0x3f800000, 0x33c00000, rne, 0x3f800001, FF_NX   /* 1 + 0.75 ulp rounds up */
        FOP2    14, fadd.s, 0x3f800000, 0x33c00000, rtz, 0x3f800000, FF_NX   /* 1 + 0.75 ulp, rtz */
        FOP2    15, fsub.s, 0x3f800000, 0x3f800000, rne, 0x00000000, 0   /* x - x = +0 */
        FOP2    16, fsub.s, 0x3f800000, 0x3f800000, rdn, 0x80000000, 0   /* x - x = -0 when rounding down */
        FOP2    17, fadd.s, 0x00000000, 0x80000000, rne, 0x00000000, 0   /* +0 + -0 = +0 */
        FOP2    18, fadd.s, 0x00000000, 0x80000000, rdn, 0x80000000, 0   /* +0 + -0 = -0 in rdn */
        FOP2    19, fadd.s, 0x80000000, 0x80000000, rne, 0x80000000, 0   /* -0 + -0 = -0 */
        FOP2    20, fsub.s, 0x00000000, 0x00000000, rne, 0x00000000, 0   /* +0 - +0 = +0 */
        FOP2    21, fsub.s, 0x40400000, 0x3f000000, rne, 0x40200000, 0   /* 3 - 0.5 */
        FOP2    22, fsub.s, 0x3f800000, 0x40400000, rne, 0xc0000000, 0   /* 1 - 3 = -2 */
        FOP2    23, fadd.s, 0x7f800000, 0xff800000, rne, 0x7fc00000, FF_NV   /* inf + -inf: invalid */
        FOP2    24, fsub.s, 0x7f800000, 0x7f800000, rne, 0x7fc00000, FF_NV   /* inf - inf: invalid */
        FOP2    25, fadd.s, 0x7f800000, 0x7f7fffff, rne, 0x7f800000, 0   /* inf + max = inf, exact */
        FOP2    26, fadd.s, 0x7fc00000, 0x3f800000, rne, 0x7fc00000, 0   /* qNaN input: canonical NaN, no flag */
        FOP2    27, fadd.s, 0x3f800000, 0xffc12345, rne, 0x7fc00000, 0   /* NaN payload not propagated */
        FOP2    28, fadd.s, 0x7f800001, 0x3f800000, rne, 0x7fc00000, FF_NV   /* sNaN input: invalid */
        FOP2    29, fsub.s, 0x3f800000, 0x7f800001, rne, 0x7fc00000, FF_NV   /* sNaN second operand */
        FOP2    30, fadd.s, 0x7f7fffff, 0x7f7fffff, rne, 0x7f800000, FF_OF|FF_NX   /* overflow, rne */
        FOP2    31, fadd.s, 0x7f7fffff, 0x7f7fffff, rtz, 0x7f7fffff, FF_OF|FF_NX   /* overflow, rtz */
        FOP2    32, fadd.s, 0x7f7fffff, 0x7f7fffff, rdn, 0x7f7fffff, FF_OF|FF_NX   /* overflow, rdn */
        FOP2    33, fadd.s, 0x7f7fffff, 0x7f7fffff, rup, 0x7f800000, FF_OF|FF_NX   /* overflow, rup */
        FOP2    34, fadd.s, 0x7f7fffff, 0x7f7fffff, rmm, 0x7f800000, FF_OF|FF_NX   /* overflow, rmm */
        FOP2    35, fadd.s, 0xff7fffff, 0xff7fffff, rne, 0xff800000, FF_OF|FF_NX   /* negative overflow, rne */
        FOP2    36, fadd.s, 0xff7fffff, 0xff7fffff, rtz, 0xff7fffff, FF_OF|FF_NX   /* negative overflow, rtz */
        FOP2    37, fadd.s, 0xff7fffff, 0xff7fffff, rdn, 0xff800000, FF_OF|FF_NX   /* negative overflow, rdn */
        FOP2    38, fadd.s, 0xff7fffff, 0xff7fffff, rup, 0xff7fffff, FF_OF|FF_NX   /* negative overflow, rup */
        FOP2    39, fadd.s, 0xff7fffff, 0xff7fffff, rmm, 0xff800000, FF_OF|FF_NX   /* negative overflow, rmm */
        FOP2    40, fadd.s, 0x00000001, 0x00000001, rne, 0x00000002, 0   /* subnormal + subnormal exact: no UF */
        FOP2    41, fsub.s, 0x00800000, 0x00000001, rne, 0x007fffff, 0   /* normal - subnormal -> subnormal, exact */

        /* ---------------- FMUL ---------------- */
        FOP2    42, fmul.s, 0x40000000, 0x40400000, rne, 0x40c00000, 0   /* 2 * 3 */
        FOP2    43, fmul.s, 0xbf800000, 0x00000000, rne, 0x80000000, 0   /* -1 * +0 = -0 */
        FOP2    44, fmul.s, 0x7f800000, 0x00000000, rne, 0x7fc00000, FF_NV   /* inf * 0: invalid */
        FOP2    45, fmul.s, 0x80000000, 0xff800000, rne, 0x7fc00000, FF_NV   /* -0 * -inf: invalid */
        FOP2    46, fmul.s, 0xff800000, 0x40000000, rne, 0xff800000, 0   /* -inf * 2 */
        FOP2    47, fmul.s, 0x7fc00000, 0x7f800000, rne, 0x7fc00000, 0   /* qNaN * inf */
        FOP2    48, fmul.s, 0x7f800001, 0x7fc00000, rne, 0x7fc00000, FF_NV   /* sNaN * qNaN: invalid */
        FOP2    49, fmul.s, 0x3f800001, 0x3f800001, rne, 0x3f800002, FF_NX   /* (1+ulp)^2, rne */
        FOP2    50, fmul.s, 0x3f800001, 0x3f800001, rtz, 0x3f800002, FF_NX   /* (1+ulp)^2, rtz */
        FOP2    51, fmul.s, 0x3f800001, 0x3f800001, rdn, 0x3f800002, FF_NX   /* (1+ulp)^2, rdn */
        FOP2    52, fmul.s, 0x3f800001, 0x3f800001, rup, 0x3f800003, FF_NX   /* (1+ulp)^2, rup */
        FOP2    53, fmul.s, 0x3f800001, 0x3f800001, rmm, 0x3f800002, FF_NX   /* (1+ulp)^2, rmm */
        FOP2    54, fmul.s, 0x7f7fffff, 0x40000000, rne, 0x7f800000, FF_OF|FF_NX   /* max * 2 overflow, rne */
        FOP2    55, fmul.s, 0x7f7fffff, 0x40000000, rtz, 0x7f7fffff, FF_OF|FF_NX   /* max * 2 overflow, rtz */
        FOP2    56, fmul.s, 0x7f7fffff, 0x40000000, rdn, 0x7f7fffff, FF_OF|FF_NX   /* max * 2 overflow, rdn */
        FOP2    57, fmul.s, 0x7f7fffff, 0x40000000, rup, 0x7f800000, FF_OF|FF_NX   /* max * 2 overflow, rup */
        FOP2    58, fmul.s, 0x7f7fffff, 0x40000000, rmm, 0x7f800000, FF_OF|FF_NX   /* max * 2 overflow, rmm */
        FOP2    59, fmul.s, 0x7f7fffff, 0xc0000000, rne, 0xff800000, FF_OF|FF_NX   /* max * -2 overflow, rne */
        FOP2    60, fmul.s, 0x7f7fffff, 0xc0000000, rtz, 0xff7fffff, FF_OF|FF_NX   /* max * -2 overflow, rtz */
        FOP2    61, fmul.s, 0x7f7fffff, 0xc0000000, rdn, 0xff800000, FF_OF|FF_NX   /* max * -2 overflow, rdn */
        FOP2    62, fmul.s, 0x7f7fffff, 0xc0000000, rup, 0xff7fffff, FF_OF|FF_NX   /* max * -2 overflow, rup */
        FOP2    63, fmul.s, 0x7f7fffff, 0xc0000000, rmm, 0xff800000, FF_OF|FF_NX   /* max * -2 overflow, rmm */
        FOP2    64, fmul.s, 0x00800000, 0x3f000000, rne, 0x00400000, 0   /* minnormal / 2: exact subnormal, no flags */
        FOP2    65, fmul.s, 0x00000001, 0x3f000000, rne, 0x00000000, FF_UF|FF_NX   /* minsub / 2: underflow, rne */
        FOP2    66, fmul.s, 0x00000001, 0x3f000000, rtz, 0x00000000, FF_UF|FF_NX   /* minsub / 2: underflow, rtz */
        FOP2    67, fmul.s, 0x00000001, 0x3f000000, rdn, 0x00000000, FF_UF|FF_NX   /* minsub / 2: underflow, rdn */
        FOP2    68, fmul.s, 0x00000001, 0x3f000000, rup, 0x00000001, FF_UF|FF_NX   /* minsub / 2: underflow, rup */
        FOP2    69, fmul.s, 0x00000001, 0x3f000000, rmm, 0x00000001, FF_UF|FF_NX   /* minsub / 2: underflow, rmm */
        FOP2    70, fmul.s, 0x80000001, 0x3f000000, rdn, 0x80000001, FF_UF|FF_NX   /* -minsub / 2, rdn */
        FOP2    71, fmul.s, 0x80000001, 0x3f000000, rne, 0x80000000, FF_UF|FF_NX   /* -minsub / 2, rne -> -0 */
        FOP2    72, fmul.s, 0x3f7ffff0, 0x00800008, rne, 0x00800000, FF_NX   /* product just below min normal rounds to it: NX only (tininess after rounding) */
        FOP2    73, fmul.s, 0x3f7ffff0, 0x00800008, rtz, 0x007fffff, FF_UF|FF_NX   /* same product, rtz: subnormal, UF|NX */

        /* ---------------- FDIV ---------------- */
        FOP2    74, fdiv.s, 0x40c00000, 0x40400000, rne, 0x40000000, 0   /* 6 / 3 */
        FOP2    75, fdiv.s, 0x3f800000, 0x40400000, rne, 0x3eaaaaab, FF_NX   /* 1/3, rne */
        FOP2    76, fdiv.s, 0x3f800000, 0x40400000, rtz, 0x3eaaaaaa, FF_NX   /* 1/3, rtz */
        FOP2    77, fdiv.s, 0x3f800000, 0x40400000, rdn, 0x3eaaaaaa, FF_NX   /* 1/3, rdn */
        FOP2    78, fdiv.s, 0x3f800000, 0x40400000, rup, 0x3eaaaaab, FF_NX   /* 1/3, rup */
        FOP2    79, fdiv.s, 0x3f800000, 0x40400000, rmm, 0x3eaaaaab, FF_NX   /* 1/3, rmm */
        FOP2    80, fdiv.s, 0xbf800000, 0x40400000, rne, 0xbeaaaaab, FF_NX   /* -1/3, rne */
        FOP2    81, fdiv.s, 0xbf800000, 0x40400000, rtz, 0xbeaaaaaa, FF_NX   /* -1/3, rtz */
        FOP2    82, fdiv.s, 0xbf800000, 0x40400000, rdn, 0xbeaaaaab, FF_NX   /* -1/3, rdn */
        FOP2    83, fdiv.s, 0xbf800000, 0x40400000, rup, 0xbeaaaaaa, FF_NX   /* -1/3, rup */
        FOP2    84, fdiv.s, 0xbf800000, 0x40400000, rmm, 0xbeaaaaab, FF_NX   /* -1/3, rmm */
        FOP2    85, fdiv.s, 0x3f800000, 0x00000000, rne, 0x7f800000, FF_DZ   /* 1 / +0: divide by zero */
        FOP2    86, fdiv.s, 0xbf800000, 0x00000000, rne, 0xff800000, FF_DZ   /* -1 / +0 = -inf */
        FOP2    87, fdiv.s, 0x3f800000, 0x80000000, rne, 0xff800000, FF_DZ   /* 1 / -0 = -inf */
        FOP2    88, fdiv.s, 0x00000000, 0x00000000, rne, 0x7fc00000, FF_NV   /* 0 / 0: invalid (not DZ) */
        FOP2    89, fdiv.s, 0x7f800000, 0x7f800000, rne, 0x7fc00000, FF_NV   /* inf / inf: invalid */
        FOP2    90, fdiv.s, 0x7f800000, 0x00000000, rne, 0x7f800000, 0   /* inf / 0 = inf, no DZ */
        FOP2    91, fdiv.s, 0x3f800000, 0xff800000, rne, 0x80000000, 0   /* 1 / -inf = -0 */
        FOP2    92, fdiv.s, 0x7fc00000, 0x00000000, rne, 0x7fc00000, 0   /* qNaN / 0: no flags */
        FOP2    93, fdiv.s, 0x7f800001, 0x3f800000, rne, 0x7fc00000, FF_NV   /* sNaN / 1: invalid */
        FOP2    94, fdiv.s, 0x7f7fffff, 0x3f000000, rne, 0x7f800000, FF_OF|FF_NX   /* max / 0.5: overflow */
        FOP2    95, fdiv.s, 0x00800000, 0x40800000, rne, 0x00200000, 0   /* minnormal / 4: exact subnormal */
        FOP2    96, fdiv.s, 0x00000001, 0x40400000, rne, 0x00000000, FF_UF|FF_NX   /* minsub / 3: underflow to 0 */

        /* ---------------- FSQRT ---------------- */
        FOP1    97, fsqrt.s, 0x40800000, rne, 0x40000000, 0   /* sqrt(4) = 2 */
        FOP1    98, fsqrt.s, 0x40000000, rne, 0x3fb504f3, FF_NX   /* sqrt(2), rne */
        FOP1    99, fsqrt.s, 0x40000000, rtz, 0x3fb504f3, FF_NX   /* sqrt(2), rtz */
        FOP1   100, fsqrt.s, 0x40000000, rdn, 0x3fb504f3, FF_NX   /* sqrt(2), rdn */
        FOP1   101, fsqrt.s, 0x40000000, rup, 0x3fb504f4, FF_NX   /* sqrt(2), rup */
        FOP1   102, fsqrt.s, 0x40000000, rmm, 0x3fb504f3, FF_NX   /* sqrt(2), rmm */
        FOP1   103, fsqrt.s, 0x80000000, rne, 0x80000000, 0   /* sqrt(-0) = -0 */
        FOP1   104, fsqrt.s, 0x00000000, rne, 0x00000000, 0   /* sqrt(+0) = +0 */
        FOP1   105, fsqrt.s, 0xbf800000, rne, 0x7fc00000, FF_NV   /* sqrt(-1): invalid */
        FOP1   106, fsqrt.s, 0x7f800000, rne, 0x7f800000, 0   /* sqrt(inf) = inf */
        FOP1   107, fsqrt.s, 0xff800000, rne, 0x7fc00000, FF_NV   /* sqrt(-inf): invalid */
        FOP1   108, fsqrt.s, 0x7fc12345, rne, 0x7fc00000, 0   /* sqrt(qNaN): canonical, no flag */
        FOP1   109, fsqrt.s, 0x7f800001, rne, 0x7fc00000, FF_NV   /* sqrt(sNaN): invalid */
        FOP1   110, fsqrt.s, 0x00000001, rne, 0x1a3504f3, FF_NX   /* sqrt(min subnormal) */
        FOP1   111, fsqrt.s, 0x3f100000, rne, 0x3f400000, 0   /* sqrt(9/16) = 3/4 */

        /* ---------------- FMADD / FMSUB / FNMSUB / FNMADD ---------------- */
        FOP3   112, fmadd.s, 0x40000000, 0x40400000, 0x3f800000, rne, 0x40e00000, 0   /* 2*3+1 = 7 */
        FOP3   113, fmsub.s, 0x40000000, 0x40400000, 0x3f800000, rne, 0x40a00000, 0   /* 2*3-1 = 5 */
        FOP3   114, fnmsub.s, 0x40000000, 0x40400000, 0x3f800000, rne, 0xc0a00000, 0   /* -(2*3)+1 = -5 */
        FOP3   115, fnmadd.s, 0x40000000, 0x40400000, 0x3f800000, rne, 0xc0e00000, 0   /* -(2*3)-1 = -7 */
        FOP3   116, fmadd.s, 0x3f800001, 0x3f7ffffe, 0xbf800000, rne, 0xa8800000, 0   /* (1+u)(1-u) - 1 = -u^2: single rounding */
        FOP3   117, fmadd.s, 0x3f800001, 0x3f800001, 0xbf800000, rne, 0x34800000, FF_NX   /* (1+u)^2 - 1 exact = 2u+u^2, rne */
        FOP3   118, fmadd.s, 0x3f800001, 0x3f800001, 0xbf800000, rtz, 0x34800000, FF_NX   /* (1+u)^2 - 1 exact = 2u+u^2, rtz */
        FOP3   119, fmadd.s, 0x3f800001, 0x3f800001, 0xbf800000, rdn, 0x34800000, FF_NX   /* (1+u)^2 - 1 exact = 2u+u^2, rdn */
        FOP3   120, fmadd.s, 0x3f800001, 0x3f800001, 0xbf800000, rup, 0x34800001, FF_NX   /* (1+u)^2 - 1 exact = 2u+u^2, rup */
        FOP3   121, fmadd.s, 0x3f800001, 0x3f800001, 0xbf800000, rmm, 0x34800001, FF_NX   /* (1+u)^2 - 1 exact = 2u+u^2, rmm */
        FOP3   122, fmadd.s, 0x7f7fffff, 0x40000000, 0xff7fffff, rne, 0x7f7fffff, 0   /* max*2 - max = max: no intermediate overflow */
        FOP3   123, fmadd.s, 0x7f800000, 0x00000000, 0x7fc00000, rne, 0x7fc00000, FF_NV   /* inf*0 + qNaN: invalid anyway */
        FOP3   124, fmadd.s, 0x00000000, 0xff800000, 0x3f800000, rne, 0x7fc00000, FF_NV   /* 0*-inf + 1: invalid */
        FOP3   125, fmadd.s, 0x7f800000, 0x3f800000, 0xff800000, rne, 0x7fc00000, FF_NV   /* inf*1 - inf: invalid */
        FOP3   126, fmadd.s, 0x3f800000, 0x3f800000, 0x7fc12345, rne, 0x7fc00000, 0   /* 1*1 + qNaN: canonical, no flag */
        FOP3   127, fmadd.s, 0x3f800000, 0x3f800000, 0x7f800001, rne, 0x7fc00000, FF_NV   /* 1*1 + sNaN: invalid */
        FOP3   128, fmadd.s, 0x00000000, 0xbf800000, 0x00000000, rne, 0x00000000, 0   /* (+0*-1) + +0 = +0 */
        FOP3   129, fmadd.s, 0x00000000, 0xbf800000, 0x00000000, rdn, 0x80000000, 0   /* (+0*-1) + +0 = -0 in rdn */
        FOP3   130, fmadd.s, 0x00000000, 0xbf800000, 0x80000000, rne, 0x80000000, 0   /* (+0*-1) + -0 = -0 */
        FOP3   131, fnmadd.s, 0x3f800000, 0x3f800000, 0xbf800000, rne, 0x00000000, 0   /* -(1*1) - (-1) = +0 */
        FOP3   132, fnmsub.s, 0x3f800000, 0x3f800000, 0x3f800000, rdn, 0x80000000, 0   /* -(1*1) + 1 = -0 in rdn */
        FOP3   133, fmsub.s, 0x00800000, 0x3f000000, 0x00000001, rne, 0x003fffff, 0   /* subnormal result, exact */
        FOP3   134, fmadd.s, 0x7f7fffff, 0x7f7fffff, 0x3f800000, rne, 0x7f800000, FF_OF|FF_NX   /* overflow, rne */
        FOP3   135, fmadd.s, 0x7f7fffff, 0x7f7fffff, 0x3f800000, rtz, 0x7f7fffff, FF_OF|FF_NX   /* overflow, rtz */
        FOP3   136, fmadd.s, 0x7f7fffff, 0x7f7fffff, 0x3f800000, rdn, 0x7f7fffff, FF_OF|FF_NX   /* overflow, rdn */
        FOP3   137, fmadd.s, 0x7f7fffff, 0x7f7fffff, 0x3f800000, rup, 0x7f800000, FF_OF|FF_NX   /* overflow, rup */
        FOP3   138, fmadd.s, 0x7f7fffff, 0x7f7fffff, 0x3f800000, rmm, 0x7f800000, FF_OF|FF_NX   /* overflow, rmm */
        FOP3   139, fnmsub.s, 0x7f7fffff, 0x7f7fffff, 0x3f800000, rup, 0xff7fffff, FF_OF|FF_NX   /* -(max*max)+1, rup: -max */

        /* ---------------- FMIN / FMAX ---------------- */
        FOP2NR 140, fmin.s, 0x3f800000, 0x40000000, 0x3f800000, 0   /* min(1,2) */
        FOP2NR 141, fmax.s, 0x3f800000, 0x40000000, 0x40000000, 0   /* max(1,2) */
        FOP2NR 142, fmin.s, 0xbf800000, 0x3f800000, 0xbf800000, 0   /* min(-1,1) */
        FOP2NR 143, fmin.s, 0x80000000, 0x00000000, 0x80000000, 0   /* min(-0,+0) = -0 */
        FOP2NR 144, fmin.s, 0x00000000, 0x80000000, 0x80000000, 0   /* min(+0,-0) = -0 */
        FOP2NR 145, fmax.s, 0x80000000, 0x00000000, 0x00000000, 0   /* max(-0,+0) = +0 */
        FOP2NR 146, fmax.s, 0x00000000, 0x80000000, 0x00000000, 0   /* max(+0,-0) = +0 */
        FOP2NR 147, fmin.s, 0x7fc00000, 0x3f800000, 0x3f800000, 0   /* min(qNaN,1) = 1, no flag */
        FOP2NR 148, fmax.s, 0xbf800000, 0x7fc12345, 0xbf800000, 0   /* max(-1,qNaN) = -1 */
        FOP2NR 149, fmin.s, 0x7f800001, 0x3f800000, 0x3f800000, FF_NV   /* min(sNaN,1) = 1, invalid */
        FOP2NR 150, fmax.s, 0x3f800000, 0x7f800001, 0x3f800000, FF_NV   /* max(1,sNaN) = 1, invalid */
        FOP2NR 151, fmax.s, 0x7fc12345, 0xffc12345, 0x7fc00000, 0   /* max(NaN,NaN) = canonical NaN */
        FOP2NR 152, fmin.s, 0x7f800001, 0x7fc00000, 0x7fc00000, FF_NV   /* min(sNaN,qNaN) = canonical, invalid */
        FOP2NR 153, fmin.s, 0xff800000, 0x7f7fffff, 0xff800000, 0   /* min(-inf,max) */
        FOP2NR 154, fmax.s, 0xff800000, 0x7f800000, 0x7f800000, 0   /* max(-inf,inf) */
        FOP2NR 155, fmax.s, 0x00000001, 0x00000000, 0x00000001, 0   /* max(minsub,0) */

        /* ---------------- FSGNJ / FSGNJN / FSGNJX (no flags, no NaN canonicalisation) ---------------- */
        FOP2NR 156, fsgnj.s, 0x3f800000, 0xbf800000, 0xbf800000, 0   /* copysign(1,-1) */
        FOP2NR 157, fsgnj.s, 0xbf800000, 0x3f800000, 0x3f800000, 0   /* copysign(-1,1) */
        FOP2NR 158, fsgnjn.s, 0x3f800000, 0xbf800000, 0x3f800000, 0   /* sign of -rs2 */
        FOP2NR 159, fsgnjn.s, 0x40400000, 0x40400000, 0xc0400000, 0   /* fneg */
        FOP2NR 160, fsgnjx.s, 0xbf800000, 0xbf800000, 0x3f800000, 0   /* xor signs: fabs of -1 */
        FOP2NR 161, fsgnjx.s, 0xbf800000, 0x3f800000, 0xbf800000, 0   /* xor signs */
        FOP2NR 162, fsgnjx.s, 0x3f800000, 0xbf800000, 0xbf800000, 0   /* xor signs */
        FOP2NR 163, fsgnj.s, 0x7fc12345, 0xbf800000, 0xffc12345, 0   /* NaN payload kept, sign set */
        FOP2NR 164, fsgnjn.s, 0x7f800001, 0x7f800001, 0xff800001, 0   /* sNaN: no invalid flag */
        FOP2NR 165, fsgnjx.s, 0xff800000, 0xff800000, 0x7f800000, 0   /* fabs(-inf) */

        /* ---------------- FEQ / FLT / FLE ---------------- */
        FCMP   166, feq.s, 0x3f800000, 0x3f800000, 1, 0   /* 1 == 1 */
        FCMP   167, feq.s, 0x3f800000, 0x40000000, 0, 0   /* 1 == 2 */
        FCMP   168, feq.s, 0x80000000, 0x00000000, 1, 0   /* -0 == +0 */
        FCMP   169, feq.s, 0x7fc00000, 0x3f800000, 0, 0   /* quiet compare with qNaN: 0, no flag */
        FCMP   170, feq.s, 0x7fc00000, 0x7fc00000, 0, 0   /* qNaN == qNaN: 0 */
        FCMP   171, feq.s, 0x7f800001, 0x3f800000, 0, FF_NV   /* sNaN in FEQ: invalid */
        FCMP   172, flt.s, 0x3f800000, 0x40000000, 1, 0   /* 1 < 2 */
        FCMP   173, flt.s, 0x40000000, 0x3f800000, 0, 0   /* 2 < 1 */
        FCMP   174, flt.s, 0x80000000, 0x00000000, 0, 0   /* -0 < +0: false */
        FCMP   175, flt.s, 0xff800000, 0xff7fffff, 1, 0   /* -inf < -max */
        FCMP   176, flt.s, 0x7fc00000, 0x3f800000, 0, FF_NV   /* FLT with qNaN: invalid */
        FCMP   177, flt.s, 0x3f800000, 0x7f800001, 0, FF_NV   /* FLT with sNaN: invalid */
        FCMP   178, fle.s, 0x3f800000, 0x3f800000, 1, 0   /* 1 <= 1 */
        FCMP   179, fle.s, 0x80000000, 0x00000000, 1, 0   /* -0 <= +0 */
        FCMP   180, fle.s, 0x40000000, 0x3f800000, 0, 0   /* 2 <= 1 */
        FCMP   181, fle.s, 0x3f800000, 0x7fc00000, 0, FF_NV   /* FLE with qNaN: invalid */
        FCMP   182, fle.s, 0x00000001, 0x00800000, 1, 0   /* subnormal <= normal */

        /* ---------------- FCLASS ---------------- */
        FCLS   183, 0xff800000, 0x1   /* -inf: bit 0 */
        FCLS   184, 0xbf800000, 0x2   /* -normal: bit 1 */
        FCLS   185, 0x80000001, 0x4   /* -subnormal: bit 2 */
        FCLS   186, 0x80000000, 0x8   /* -0: bit 3 */
        FCLS   187, 0x00000000, 0x10   /* +0: bit 4 */
        FCLS   188, 0x00000001, 0x20   /* +subnormal: bit 5 */
        FCLS   189, 0x3f800000, 0x40   /* +normal: bit 6 */
        FCLS   190, 0x7f800000, 0x80   /* +inf: bit 7 */
        FCLS   191, 0x7f800001, 0x100   /* sNaN: bit 8 */
        FCLS   192, 0x7fc00000, 0x200   /* qNaN: bit 9 */
        FCLS   193, 0xffc12345, 0x200   /* negative qNaN: bit 9 */
        FCLS   194, 0xff800101, 0x100   /* negative sNaN: bit 8 */
        FCLS   195, 0xff7fffff, 0x2   /* -max: bit 1 */
        FCLS   196, 0x007fffff, 0x20   /* largest subnormal: bit 5 */


        /* ---------------- moves and NaN-boxing ---------------- */
        /* FMV.W.X boxes (upper 32 bits of f all ones), ignores x[63:32] */
        li      a1, 0x1234567880000000
        fmv.w.x f5, a1
        CHECK_FBITS(197, f5, 0xffffffff80000000)
        /* FMV.X.W sign-extends bit 31 */
        fmv.x.w a2, f5
        CHECK_EQ(198, a2, 0xffffffff80000000)
        li      a1, 0x7fc00000
        fmv.w.x f5, a1
        fmv.x.w a2, f5
        CHECK_EQ(199, a2, 0x7fc00000)
        /* FLW boxes, FSW stores the low 32 bits */
        la      a0, fdata
        flw     f6, 0(a0)
        CHECK_FBITS(200, f6, 0xffffffff40490fdb)
        fsw     f6, 8(a0)
        lwu     a2, 8(a0)
        CHECK_EQ(201, a2, 0x40490fdb)
        /* transfers out of an improperly boxed register use the low bits */
        li      a1, 0x1234567889abcdef
        fmv.d.x f7, a1
        fmv.x.w a2, f7
        CHECK_EQ(202, a2, 0xffffffff89abcdef)
        fsw     f7, 12(a0)
        lwu     a2, 12(a0)
        CHECK_EQ(203, a2, 0x89abcdef)
        /* moves do not set flags */
        CHECK_FFLAGS(204, 0)

        /* an improperly NaN-boxed operand reads as the canonical NaN */
        li      a1, 0x000000003f800000      /* 1.0 without the box */
        fmv.d.x f8, a1
        li      a1, 0x3f800000
        fmv.w.x f9, a1                      /* properly boxed 1.0 */
        csrwi   fflags, 0
        fadd.s  f10, f8, f9
        CHECK_FBITS(205, f10, 0xffffffff7fc00000)
        CHECK_FFLAGS(206, 0)                /* canonical NaN is quiet */
        li      a1, 0xfffffffe3f800000      /* one bit short of a box */
        fmv.d.x f11, a1
        fmul.s  f10, f9, f11
        CHECK_FBITS(207, f10, 0xffffffff7fc00000)
        fclass.s a2, f8
        CHECK_EQ(208, a2, 0x200)            /* quiet NaN class */
        fsgnj.s f10, f8, f8
        CHECK_FBITS(209, f10, 0xffffffff7fc00000)
        fsgnjn.s f10, f9, f8                /* sign from the canonical NaN: 0, negated */
        CHECK_FBITS(210, f10, 0xffffffffbf800000)
        feq.s   a2, f8, f8
        CHECK_EQ(211, a2, 0)
        CHECK_FFLAGS(212, 0)
        flt.s   a2, f8, f9
        CHECK_EQ(213, a2, 0)
        CHECK_FFLAGS(214, FF_NV)            /* signalling compare with a NaN */
        fmin.s  f10, f8, f9
        CHECK_FBITS(215, f10, 0xffffffff3f800000)
        CHECK_FFLAGS(216, 0)
        fmadd.s f10, f9, f9, f8
        CHECK_FBITS(217, f10, 0xffffffff7fc00000)
        CHECK_FFLAGS(218, 0)

        /* ---------------- dynamic rounding mode (frm) ---------------- */
        li      a1, 0x3f800000              /* 1.0 */
        fmv.w.x f1, a1
        li      a1, 0x33c00000              /* 0.75 ulp of 1.0 */
        fmv.w.x f2, a1
        li      a1, 0xbf800000
        fmv.w.x f4, a1                      /* -1.0 */
        csrwi   frm, RM_RTZ
        fadd.s  f3, f1, f2                  /* dyn */
        CHECK_FBITS_S(219, f3, 0x3f800000)
        csrwi   frm, RM_RNE
        fadd.s  f3, f1, f2, dyn
        CHECK_FBITS_S(220, f3, 0x3f800001)
        csrwi   frm, RM_RDN
        fsub.s  f3, f4, f2                  /* -1 - 0.75ulp */
        CHECK_FBITS_S(221, f3, 0xbf800001)
        csrwi   frm, RM_RUP
        fsub.s  f3, f4, f2
        CHECK_FBITS_S(222, f3, 0xbf800000)
        /* a static rounding mode overrides frm */
        fadd.s  f3, f1, f2, rtz
        CHECK_FBITS_S(223, f3, 0x3f800000)
        csrwi   frm, RM_RMM
        li      a1, 0x33800000              /* half ulp: tie */
        fmv.w.x f2, a1
        fadd.s  f3, f1, f2
        CHECK_FBITS_S(224, f3, 0x3f800001)
        CHECK_CSR(225, frm, RM_RMM)
        /* fcsr = frm << 5 | fflags */
        CHECK_CSR(226, fcsr, (RM_RMM << 5) | FF_NX)
        csrwi   frm, RM_RNE

        /* flags accumulate until cleared */
        csrwi   fflags, 0
        fmv.w.x f5, zero
        fdiv.s  f3, f1, f5                  /* 1/0: DZ */
        fadd.s  f3, f1, f2                  /* tie: NX */
        CHECK_FFLAGS(227, FF_DZ | FF_NX)
        CHECK_FFLAGS(228, 0)                /* CHECK_FFLAGS cleared them */

        /* ---------------- reserved rounding modes ---------------- */
        /* rm = 5 and 6 are reserved: illegal instruction */
        TRAP_EXPECT(229, CAUSE_ILLEGAL_INSN)
        .word   (2 << 20) | (1 << 15) | (5 << 12) | (3 << 7) | 0x53    /* fadd.s f3,f1,f2,rm=5 */
        TRAP_RESUME(229)
        CHECK_TRAP_TVAL_IN(230, 0, (2 << 20) | (1 << 15) | (5 << 12) | (3 << 7) | 0x53)
        TRAP_EXPECT(231, CAUSE_ILLEGAL_INSN)
        .word   (0x08 << 25) | (2 << 20) | (1 << 15) | (6 << 12) | (3 << 7) | 0x53   /* fsub.s rm=6 */
        TRAP_RESUME(231)
        /* dyn with an invalid frm (5, 6, 7) */
        csrwi   frm, 5
        TRAP_EXPECT(232, CAUSE_ILLEGAL_INSN)
        fadd.s  f3, f1, f2, dyn
        TRAP_RESUME(232)
        csrwi   frm, 7
        TRAP_EXPECT(233, CAUSE_ILLEGAL_INSN)
        fmul.s  f3, f1, f2, dyn
        TRAP_RESUME(233)
        CHECK_CSR(234, frm, 7)              /* frm holds the value written */
        csrwi   frm, 6
        TRAP_EXPECT(235, CAUSE_ILLEGAL_INSN)
        fsqrt.s f3, f1, dyn
        TRAP_RESUME(235)
        csrwi   frm, 7
        /* static rounding modes and instructions without rm still work */
        fadd.s  f3, f1, f1, rne
        CHECK_FBITS_S(236, f3, 0x40000000)
        fsgnjn.s f3, f1, f1
        fmin.s  f3, f3, f1
        CHECK_FBITS_S(237, f3, 0xbf800000)
        csrwi   frm, RM_RNE
        csrwi   fflags, 0

        PASS

        .data
        .balign 8
fdata:  .word   0x40490fdb, 0
        .dword  0
