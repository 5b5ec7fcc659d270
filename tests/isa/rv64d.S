/*
 * rv64d: double-precision arithmetic with exact results and exact fflags
 * (NV, DZ, OF, UF, NX) after every operation, in all five static rounding
 * modes: FADD/FSUB/FMUL/FDIV/FSQRT, FMADD/FMSUB/FNMSUB/FNMADD, FMIN/FMAX
 * (NaN and signed-zero rules), FSGNJ*, FEQ/FLT/FLE (quiet vs signalling),
 * FCLASS for all ten classes; then FMV.X.D/FMV.D.X/FLD/FSD, the dynamic
 * rounding mode and the reserved rounding modes trapping.
 *
 * Expected values were computed with an exact-rational IEEE 754 model
 * (tininess detected after rounding; canonical NaN 0x7ff8000000000000).
 */
#include "common.h"

.macro LDF freg, bits
        li      t0, \bits
        fmv.d.x \freg, t0
.endm
.macro CHKF n, freg, bits
        fmv.x.d t0, \freg
        _check_eq_raw \n, t0, \bits
.endm
#define FCLASS_OP fclass.d

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
        FOP2     1, fadd.d, 0x3ff0000000000000, 0x4000000000000000, rne, 0x4008000000000000, 0   /* 1 + 2 = 3 exact */
        FOP2     2, fadd.d, 0x3ff0000000000000, 0x3ca0000000000000, rne, 0x3ff0000000000000, FF_NX   /* 1 + half ulp (tie), rne */
        FOP2     3, fadd.d, 0x3ff0000000000000, 0x3ca0000000000000, rtz, 0x3ff0000000000000, FF_NX   /* 1 + half ulp (tie), rtz */
        FOP2     4, fadd.d, 0x3ff0000000000000, 0x3ca0000000000000, rdn, 0x3ff0000000000000, FF_NX   /* 1 + half ulp (tie), rdn */
        FOP2     5, fadd.d, 0x3ff0000000000000, 0x3ca0000000000000, rup, 0x3ff0000000000001, FF_NX   /* 1 + half ulp (tie), rup */
        FOP2     6, fadd.d, 0x3ff0000000000000, 0x3ca0000000000000, rmm, 0x3ff0000000000001, FF_NX   /* 1 + half ulp (tie), rmm */
        FOP2     7, fadd.d, 0xbff0000000000000, 0xbca0000000000000, rne, 0xbff0000000000000, FF_NX   /* -1 - half ulp (tie), rne */
        FOP2     8, fadd.d, 0xbff0000000000000, 0xbca0000000000000, rtz, 0xbff0000000000000, FF_NX   /* -1 - half ulp (tie), rtz */
        FOP2     9, fadd.d, 0xbff0000000000000, 0xbca0000000000000, rdn, 0xbff0000000000001, FF_NX   /* -1 - half ulp (tie), rdn */
        FOP2    10, fadd.d, 0xbff0000000000000, 0xbca0000000000000, rup, 0xbff0000000000000, FF_NX   /* -1 - half ulp (tie), rup */
        FOP2    11, fadd.d, 0xbff0000000000000, 0xbca0000000000000, rmm, 0xbff0000000000001, FF_NX   /* -1 - half ulp (tie), rmm */
        FOP2    12, fadd.d, 0x3ff0000000000001, 0x3ca0000000000000, rne, 0x3ff0000000000002, FF_NX   /* (1+ulp) + half ulp: tie to even rounds up */
        FOP2    13, fadd.d, 0x3ff0000000000000, 0x3ca8000000000000, rne, 0x3ff0000000000001, FF_NX   /* 1 + 0.75 ulp rounds up */
        FOP2    14, fadd.d, 0x3ff0000000000000, 0x3ca8000000000000, rtz, 0x3ff0000000000000, FF_NX   /* 1 + 0.75 ulp, rtz */
        FOP2    15, fsub.d, 0x3ff0000000000000, 0x3ff0000000000000, rne, 0x0000000000000000, 0   /* x - x = +0 */
        FOP2    16, fsub.d, 0x3ff0000000000000, 0x3ff0000000000000, rdn, 0x8000000000000000, 0   /* x - x = -0 when rounding down */
        FOP2    17, fadd.d, 0x0000000000000000, 0x8000000000000000, rne, 0x0000000000000000, 0   /* +0 + -0 = +0 */
        FOP2    18, fadd.d, 0x0000000000000000, 0x8000000000000000, rdn, 0x8000000000000000, 0   /* +0 + -0 = -0 in rdn */
        FOP2    19, fadd.d, 0x8000000000000000, 0x8000000000000000, rne, 0x8000000000000000, 0   /* -0 + -0 = -0 */
        FOP2    20, fsub.d, 0x0000000000000000, 0x0000000000000000, rne, 0x0000000000000000, 0   /* +0 - +0 = +0 */
        FOP2    21, fsub.d, 0x4008000000000000, 0x3fe0000000000000, rne, 0x4004000000000000, 0   /* 3 - 0.5 */
        FOP2    22, fsub.d, 0x3ff0000000000000, 0x4008000000000000, rne, 0xc000000000000000, 0   /* 1 - 3 = -2 */
        FOP2    23, fadd.d, 0x7ff0000000000000, 0xfff0000000000000, rne, 0x7ff8000000000000, FF_NV   /* inf + -inf: invalid */
        FOP2    24, fsub.d, 0x7ff0000000000000, 0x7ff0000000000000, rne, 0x7ff8000000000000, FF_NV   /* inf - inf: invalid */
        FOP2    25, fadd.d, 0x7ff0000000000000, 0x7fefffffffffffff, rne, 0x7ff0000000000000, 0   /* inf + max = inf, exact */
        FOP2    26, fadd.d, 0x7ff8000000000000, 0x3ff0000000000000, rne, 0x7ff8000000000000, 0   /* qNaN input: canonical NaN, no flag */
        FOP2    27, fadd.d, 0x3ff0000000000000, 0xfff8000000012345, rne, 0x7ff8000000000000, 0   /* NaN payload not propagated */
        FOP2    28, fadd.d, 0x7ff0000000000001, 0x3ff0000000000000, rne, 0x7ff8000000000000, FF_NV   /* sNaN input: invalid */
        FOP2    29, fsub.d, 0x3ff0000000000000, 0x7ff0000000000001, rne, 0x7ff8000000000000, FF_NV   /* sNaN second operand */
        FOP2    30, fadd.d, 0x7fefffffffffffff, 0x7fefffffffffffff, rne, 0x7ff0000000000000, FF_OF|FF_NX   /* overflow, rne */
        FOP2    31, fadd.d, 0x7fefffffffffffff, 0x7fefffffffffffff, rtz, 0x7fefffffffffffff, FF_OF|FF_NX   /* overflow, rtz */
        FOP2    32, fadd.d, 0x7fefffffffffffff, 0x7fefffffffffffff, rdn, 0x7fefffffffffffff, FF_OF|FF_NX   /* overflow, rdn */
        FOP2    33, fadd.d, 0x7fefffffffffffff, 0x7fefffffffffffff, rup, 0x7ff0000000000000, FF_OF|FF_NX   /* overflow, rup */
        FOP2    34, fadd.d, 0x7fefffffffffffff, 0x7fefffffffffffff, rmm, 0x7ff0000000000000, FF_OF|FF_NX   /* overflow, rmm */
        FOP2    35, fadd.d, 0xffefffffffffffff, 0xffefffffffffffff, rne, 0xfff0000000000000, FF_OF|FF_NX   /* negative overflow, rne */
        FOP2    36, fadd.d, 0xffefffffffffffff, 0xffefffffffffffff, rtz, 0xffefffffffffffff, FF_OF|FF_NX   /* negative overflow, rtz */
        FOP2    37, fadd.d, 0xffefffffffffffff, 0xffefffffffffffff, rdn, 0xfff0000000000000, FF_OF|FF_NX   /* negative overflow, rdn */
        FOP2    38, fadd.d, 0xffefffffffffffff, 0xffefffffffffffff, rup, 0xffefffffffffffff, FF_OF|FF_NX   /* negative overflow, rup */
        FOP2    39, fadd.d, 0xffefffffffffffff, 0xffefffffffffffff, rmm, 0xfff0000000000000, FF_OF|FF_NX   /* negative overflow, rmm */
        FOP2    40, fadd.d, 0x0000000000000001, 0x0000000000000001, rne, 0x0000000000000002, 0   /* subnormal + subnormal exact: no UF */
        FOP2    41, fsub.d, 0x0010000000000000, 0x0000000000000001, rne, 0x000fffffffffffff, 0   /* normal - subnormal -> subnormal, exact */

        /* ---------------- FMUL ---------------- */
        FOP2    42, fmul.d, 0x4000000000000000, 0x4008000000000000, rne, 0x4018000000000000, 0   /* 2 * 3 */
        FOP2    43, fmul.d, 0xbff0000000000000, 0x0000000000000000, rne, 0x8000000000000000, 0   /* -1 * +0 = -0 */
        FOP2    44, fmul.d, 0x7ff0000000000000, 0x0000000000000000, rne, 0x7ff8000000000000, FF_NV   /* inf * 0: invalid */
        FOP2    45, fmul.d, 0x8000000000000000, 0xfff0000000000000, rne, 0x7ff8000000000000, FF_NV   /* -0 * -inf: invalid */
        FOP2    46, fmul.d, 0xfff0000000000000, 0x4000000000000000, rne, 0xfff0000000000000, 0   /* -inf * 2 */
        FOP2    47, fmul.d, 0x7ff8000000000000, 0x7ff0000000000000, rne, 0x7ff8000000000000, 0   /* qNaN * inf */
        FOP2    48, fmul.d, 0x7ff0000000000001, 0x7ff8000000000000, rne, 0x7ff8000000000000, FF_NV   /* sNaN * qNaN: invalid */
        FOP2    49, fmul.d, 0x3ff0000000000001, 0x3ff0000000000001, rne, 0x3ff0000000000002, FF_NX   /* (1+ulp)^2, rne */
        FOP2    50, fmul.d, 0x3ff0000000000001, 0x3ff0000000000001, rtz, 0x3ff0000000000002, FF_NX   /* (1+ulp)^2, rtz */
        FOP2    51, fmul.d, 0x3ff0000000000001, 0x3ff0000000000001, rdn, 0x3ff0000000000002, FF_NX   /* (1+ulp)^2, rdn */
        FOP2    52, fmul.d, 0x3ff0000000000001, 0x3ff0000000000001, rup, 0x3ff0000000000003, FF_NX   /* (1+ulp)^2, rup */
        FOP2    53, fmul.d, 0x3ff0000000000001, 0x3ff0000000000001, rmm, 0x3ff0000000000002, FF_NX   /* (1+ulp)^2, rmm */
        FOP2    54, fmul.d, 0x7fefffffffffffff, 0x4000000000000000, rne, 0x7ff0000000000000, FF_OF|FF_NX   /* max * 2 overflow, rne */
        FOP2    55, fmul.d, 0x7fefffffffffffff, 0x4000000000000000, rtz, 0x7fefffffffffffff, FF_OF|FF_NX   /* max * 2 overflow, rtz */
        FOP2    56, fmul.d, 0x7fefffffffffffff, 0x4000000000000000, rdn, 0x7fefffffffffffff, FF_OF|FF_NX   /* max * 2 overflow, rdn */
        FOP2    57, fmul.d, 0x7fefffffffffffff, 0x4000000000000000, rup, 0x7ff0000000000000, FF_OF|FF_NX   /* max * 2 overflow, rup */
        FOP2    58, fmul.d, 0x7fefffffffffffff, 0x4000000000000000, rmm, 0x7ff0000000000000, FF_OF|FF_NX   /* max * 2 overflow, rmm */
        FOP2    59, fmul.d, 0x7fefffffffffffff, 0xc000000000000000, rne, 0xfff0000000000000, FF_OF|FF_NX   /* max * -2 overflow, rne */
        FOP2    60, fmul.d, 0x7fefffffffffffff, 0xc000000000000000, rtz, 0xffefffffffffffff, FF_OF|FF_NX   /* max * -2 overflow, rtz */
        FOP2    61, fmul.d, 0x7fefffffffffffff, 0xc000000000000000, rdn, 0xfff0000000000000, FF_OF|FF_NX   /* max * -2 overflow, rdn */
        FOP2    62, fmul.d, 0x7fefffffffffffff, 0xc000000000000000, rup, 0xffefffffffffffff, FF_OF|FF_NX   /* max * -2 overflow, rup */
        FOP2    63, fmul.d, 0x7fefffffffffffff, 0xc000000000000000, rmm, 0xfff0000000000000, FF_OF|FF_NX   /* max * -2 overflow, rmm */
        FOP2    64, fmul.d, 0x0010000000000000, 0x3fe0000000000000, rne, 0x0008000000000000, 0   /* minnormal / 2: exact subnormal, no flags */
        FOP2    65, fmul.d, 0x0000000000000001, 0x3fe0000000000000, rne, 0x0000000000000000, FF_UF|FF_NX   /* minsub / 2: underflow, rne */
        FOP2    66, fmul.d, 0x0000000000000001, 0x3fe0000000000000, rtz, 0x0000000000000000, FF_UF|FF_NX   /* minsub / 2: underflow, rtz */
        FOP2    67, fmul.d, 0x0000000000000001, 0x3fe0000000000000, rdn, 0x0000000000000000, FF_UF|FF_NX   /* minsub / 2: underflow, rdn */
        FOP2    68, fmul.d, 0x0000000000000001, 0x3fe0000000000000, rup, 0x0000000000000001, FF_UF|FF_NX   /* minsub / 2: underflow, rup */
        FOP2    69, fmul.d, 0x0000000000000001, 0x3fe0000000000000, rmm, 0x0000000000000001, FF_UF|FF_NX   /* minsub / 2: underflow, rmm */
        FOP2    70, fmul.d, 0x8000000000000001, 0x3fe0000000000000, rdn, 0x8000000000000001, FF_UF|FF_NX   /* -minsub / 2, rdn */
        FOP2    71, fmul.d, 0x8000000000000001, 0x3fe0000000000000, rne, 0x8000000000000000, FF_UF|FF_NX   /* -minsub / 2, rne -> -0 */
        FOP2    72, fmul.d, 0x3feffffffffffff0, 0x0010000000000008, rne, 0x0010000000000000, FF_NX   /* product just below min normal rounds to it: NX only (tininess after rounding) */
        FOP2    73, fmul.d, 0x3feffffffffffff0, 0x0010000000000008, rtz, 0x000fffffffffffff, FF_UF|FF_NX   /* same product, rtz: subnormal, UF|NX */

        /* ---------------- FDIV ---------------- */
        FOP2    74, fdiv.d, 0x4018000000000000, 0x4008000000000000, rne, 0x4000000000000000, 0   /* 6 / 3 */
        FOP2    75, fdiv.d, 0x3ff0000000000000, 0x4008000000000000, rne, 0x3fd5555555555555, FF_NX   /* 1/3, rne */
        FOP2    76, fdiv.d, 0x3ff0000000000000, 0x4008000000000000, rtz, 0x3fd5555555555555, FF_NX   /* 1/3, rtz */
        FOP2    77, fdiv.d, 0x3ff0000000000000, 0x4008000000000000, rdn, 0x3fd5555555555555, FF_NX   /* 1/3, rdn */
        FOP2    78, fdiv.d, 0x3ff0000000000000, 0x4008000000000000, rup, 0x3fd5555555555556, FF_NX   /* 1/3, rup */
        FOP2    79, fdiv.d, 0x3ff0000000000000, 0x4008000000000000, rmm, 0x3fd5555555555555, FF_NX   /* 1/3, rmm */
        FOP2    80, fdiv.d, 0xbff0000000000000, 0x4008000000000000, rne, 0xbfd5555555555555, FF_NX   /* -1/3, rne */
        FOP2    81, fdiv.d, 0xbff0000000000000, 0x4008000000000000, rtz, 0xbfd5555555555555, FF_NX   /* -1/3, rtz */
        FOP2    82, fdiv.d, 0xbff0000000000000, 0x4008000000000000, rdn, 0xbfd5555555555556, FF_NX   /* -1/3, rdn */
        FOP2    83, fdiv.d, 0xbff0000000000000, 0x4008000000000000, rup, 0xbfd5555555555555, FF_NX   /* -1/3, rup */
        FOP2    84, fdiv.d, 0xbff0000000000000, 0x4008000000000000, rmm, 0xbfd5555555555555, FF_NX   /* -1/3, rmm */
        FOP2    85, fdiv.d, 0x3ff0000000000000, 0x0000000000000000, rne, 0x7ff0000000000000, FF_DZ   /* 1 / +0: divide by zero */
        FOP2    86, fdiv.d, 0xbff0000000000000, 0x0000000000000000, rne, 0xfff0000000000000, FF_DZ   /* -1 / +0 = -inf */
        FOP2    87, fdiv.d, 0x3ff0000000000000, 0x8000000000000000, rne, 0xfff0000000000000, FF_DZ   /* 1 / -0 = -inf */
        FOP2    88, fdiv.d, 0x0000000000000000, 0x0000000000000000, rne, 0x7ff8000000000000, FF_NV   /* 0 / 0: invalid (not DZ) */
        FOP2    89, fdiv.d, 0x7ff0000000000000, 0x7ff0000000000000, rne, 0x7ff8000000000000, FF_NV   /* inf / inf: invalid */
        FOP2    90, fdiv.d, 0x7ff0000000000000, 0x0000000000000000, rne, 0x7ff0000000000000, 0   /* inf / 0 = inf, no DZ */
        FOP2    91, fdiv.d, 0x3ff0000000000000, 0xfff0000000000000, rne, 0x8000000000000000, 0   /* 1 / -inf = -0 */
        FOP2    92, fdiv.d, 0x7ff8000000000000, 0x0000000000000000, rne, 0x7ff8000000000000, 0   /* qNaN / 0: no flags */
        FOP2    93, fdiv.d, 0x7ff0000000000001, 0x3ff0000000000000, rne, 0x7ff8000000000000, FF_NV   /* sNaN / 1: invalid */
        FOP2    94, fdiv.d, 0x7fefffffffffffff, 0x3fe0000000000000, rne, 0x7ff0000000000000, FF_OF|FF_NX   /* max / 0.5: overflow */
        FOP2    95, fdiv.d, 0x0010000000000000, 0x4010000000000000, rne, 0x0004000000000000, 0   /* minnormal / 4: exact subnormal */
        FOP2    96, fdiv.d, 0x0000000000000001, 0x4008000000000000, rne, 0x0000000000000000, FF_UF|FF_NX   /* minsub / 3: underflow to 0 */

        /* ---------------- FSQRT ---------------- */
        FOP1    97, fsqrt.d, 0x4010000000000000, rne, 0x4000000000000000, 0   /* sqrt(4) = 2 */
        FOP1    98, fsqrt.d, 0x4000000000000000, rne, 0x3ff6a09e667f3bcd, FF_NX   /* sqrt(2), rne */
        FOP1    99, fsqrt.d, 0x4000000000000000, rtz, 0x3ff6a09e667f3bcc, FF_NX   /* sqrt(2), rtz */
        FOP1   100, fsqrt.d, 0x4000000000000000, rdn, 0x3ff6a09e667f3bcc, FF_NX   /* sqrt(2), rdn */
        FOP1   101, fsqrt.d, 0x4000000000000000, rup, 0x3ff6a09e667f3bcd, FF_NX   /* sqrt(2), rup */
        FOP1   102, fsqrt.d, 0x4000000000000000, rmm, 0x3ff6a09e667f3bcd, FF_NX   /* sqrt(2), rmm */
        FOP1   103, fsqrt.d, 0x8000000000000000, rne, 0x8000000000000000, 0   /* sqrt(-0) = -0 */
        FOP1   104, fsqrt.d, 0x0000000000000000, rne, 0x0000000000000000, 0   /* sqrt(+0) = +0 */
        FOP1   105, fsqrt.d, 0xbff0000000000000, rne, 0x7ff8000000000000, FF_NV   /* sqrt(-1): invalid */
        FOP1   106, fsqrt.d, 0x7ff0000000000000, rne, 0x7ff0000000000000, 0   /* sqrt(inf) = inf */
        FOP1   107, fsqrt.d, 0xfff0000000000000, rne, 0x7ff8000000000000, FF_NV   /* sqrt(-inf): invalid */
        FOP1   108, fsqrt.d, 0x7ff8000000012345, rne, 0x7ff8000000000000, 0   /* sqrt(qNaN): canonical, no flag */
        FOP1   109, fsqrt.d, 0x7ff0000000000001, rne, 0x7ff8000000000000, FF_NV   /* sqrt(sNaN): invalid */
        FOP1   110, fsqrt.d, 0x0000000000000001, rne, 0x1e60000000000000, 0   /* sqrt(min subnormal) */
        FOP1   111, fsqrt.d, 0x3fe2000000000000, rne, 0x3fe8000000000000, 0   /* sqrt(9/16) = 3/4 */

        /* ---------------- FMADD / FMSUB / FNMSUB / FNMADD ---------------- */
        FOP3   112, fmadd.d, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000, rne, 0x401c000000000000, 0   /* 2*3+1 = 7 */
        FOP3   113, fmsub.d, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000, rne, 0x4014000000000000, 0   /* 2*3-1 = 5 */
        FOP3   114, fnmsub.d, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000, rne, 0xc014000000000000, 0   /* -(2*3)+1 = -5 */
        FOP3   115, fnmadd.d, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000, rne, 0xc01c000000000000, 0   /* -(2*3)-1 = -7 */
        FOP3   116, fmadd.d, 0x3ff0000000000001, 0x3feffffffffffffe, 0xbff0000000000000, rne, 0xb970000000000000, 0   /* (1+u)(1-u) - 1 = -u^2: single rounding */
        FOP3   117, fmadd.d, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, rne, 0x3cc0000000000000, FF_NX   /* (1+u)^2 - 1 exact = 2u+u^2, rne */
        FOP3   118, fmadd.d, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, rtz, 0x3cc0000000000000, FF_NX   /* (1+u)^2 - 1 exact = 2u+u^2, rtz */
        FOP3   119, fmadd.d, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, rdn, 0x3cc0000000000000, FF_NX   /* (1+u)^2 - 1 exact = 2u+u^2, rdn */
        FOP3   120, fmadd.d, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, rup, 0x3cc0000000000001, FF_NX   /* (1+u)^2 - 1 exact = 2u+u^2, rup */
        FOP3   121, fmadd.d, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, rmm, 0x3cc0000000000001, FF_NX   /* (1+u)^2 - 1 exact = 2u+u^2, rmm */
        FOP3   122, fmadd.d, 0x7fefffffffffffff, 0x4000000000000000, 0xffefffffffffffff, rne, 0x7fefffffffffffff, 0   /* max*2 - max = max: no intermediate overflow */
        FOP3   123, fmadd.d, 0x7ff0000000000000, 0x0000000000000000, 0x7ff8000000000000, rne, 0x7ff8000000000000, FF_NV   /* inf*0 + qNaN: invalid anyway */
        FOP3   124, fmadd.d, 0x0000000000000000, 0xfff0000000000000, 0x3ff0000000000000, rne, 0x7ff8000000000000, FF_NV   /* 0*-inf + 1: invalid */
        FOP3   125, fmadd.d, 0x7ff0000000000000, 0x3ff0000000000000, 0xfff0000000000000, rne, 0x7ff8000000000000, FF_NV   /* inf*1 - inf: invalid */
        FOP3   126, fmadd.d, 0x3ff0000000000000, 0x3ff0000000000000, 0x7ff8000000012345, rne, 0x7ff8000000000000, 0   /* 1*1 + qNaN: canonical, no flag */
        FOP3   127, fmadd.d, 0x3ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000001, rne, 0x7ff8000000000000, FF_NV   /* 1*1 + sNaN: invalid */
        FOP3   128, fmadd.d, 0x0000000000000000, 0xbff0000000000000, 0x0000000000000000, rne, 0x0000000000000000, 0   /* (+0*-1) + +0 = +0 */
        FOP3   129, fmadd.d, 0x0000000000000000, 0xbff0000000000000, 0x0000000000000000, rdn, 0x8000000000000000, 0   /* (+0*-1) + +0 = -0 in rdn */
        FOP3   130, fmadd.d, 0x0000000000000000, 0xbff0000000000000, 0x8000000000000000, rne, 0x8000000000000000, 0   /* (+0*-1) + -0 = -0 */
        FOP3   131, fnmadd.d, 0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000, rne, 0x0000000000000000, 0   /* -(1*1) - (-1) = +0 */
        FOP3   132, fnmsub.d, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, rdn, 0x8000000000000000, 0   /* -(1*1) + 1 = -0 in rdn */
        FOP3   133, fmsub.d, 0x0010000000000000, 0x3fe0000000000000, 0x0000000000000001, rne, 0x0007ffffffffffff, 0   /* subnormal result, exact */
        FOP3   134, fmadd.d, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x3ff0000000000000, rne, 0x7ff0000000000000, FF_OF|FF_NX   /* overflow, rne */
        FOP3   135, fmadd.d, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x3ff0000000000000, rtz, 0x7fefffffffffffff, FF_OF|FF_NX   /* overflow, rtz */
        FOP3   136, fmadd.d, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x3ff0000000000000, rdn, 0x7fefffffffffffff, FF_OF|FF_NX   /* overflow, rdn */
        FOP3   137, fmadd.d, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x3ff0000000000000, rup, 0x7ff0000000000000, FF_OF|FF_NX   /* overflow, rup */
        FOP3   138, fmadd.d, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x3ff0000000000000, rmm, 0x7ff0000000000000, FF_OF|FF_NX   /* overflow, rmm */
        FOP3   139, fnmsub.d, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x3ff0000000000000, rup, 0xffefffffffffffff, FF_OF|FF_NX   /* -(max*max)+1, rup: -max */

        /* ---------------- FMIN / FMAX ---------------- */
        FOP2NR 140, fmin.d, 0x3ff0000000000000, 0x4000000000000000, 0x3ff0000000000000, 0   /* min(1,2) */
        FOP2NR 141, fmax.d, 0x3ff0000000000000, 0x4000000000000000, 0x4000000000000000, 0   /* max(1,2) */
        FOP2NR 142, fmin.d, 0xbff0000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0   /* min(-1,1) */
        FOP2NR 143, fmin.d, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0   /* min(-0,+0) = -0 */
        FOP2NR 144, fmin.d, 0x0000000000000000, 0x8000000000000000, 0x8000000000000000, 0   /* min(+0,-0) = -0 */
        FOP2NR 145, fmax.d, 0x8000000000000000, 0x0000000000000000, 0x0000000000000000, 0   /* max(-0,+0) = +0 */
        FOP2NR 146, fmax.d, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000, 0   /* max(+0,-0) = +0 */
        FOP2NR 147, fmin.d, 0x7ff8000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0   /* min(qNaN,1) = 1, no flag */
        FOP2NR 148, fmax.d, 0xbff0000000000000, 0x7ff8000000012345, 0xbff0000000000000, 0   /* max(-1,qNaN) = -1 */
        FOP2NR 149, fmin.d, 0x7ff0000000000001, 0x3ff0000000000000, 0x3ff0000000000000, FF_NV   /* min(sNaN,1) = 1, invalid */
        FOP2NR 150, fmax.d, 0x3ff0000000000000, 0x7ff0000000000001, 0x3ff0000000000000, FF_NV   /* max(1,sNaN) = 1, invalid */
        FOP2NR 151, fmax.d, 0x7ff8000000012345, 0xfff8000000012345, 0x7ff8000000000000, 0   /* max(NaN,NaN) = canonical NaN */
        FOP2NR 152, fmin.d, 0x7ff0000000000001, 0x7ff8000000000000, 0x7ff8000000000000, FF_NV   /* min(sNaN,qNaN) = canonical, invalid */
        FOP2NR 153, fmin.d, 0xfff0000000000000, 0x7fefffffffffffff, 0xfff0000000000000, 0   /* min(-inf,max) */
        FOP2NR 154, fmax.d, 0xfff0000000000000, 0x7ff0000000000000, 0x7ff0000000000000, 0   /* max(-inf,inf) */
        FOP2NR 155, fmax.d, 0x0000000000000001, 0x0000000000000000, 0x0000000000000001, 0   /* max(minsub,0) */

        /* ---------------- FSGNJ / FSGNJN / FSGNJX (no flags, no NaN canonicalisation) ---------------- */
        FOP2NR 156, fsgnj.d, 0x3ff0000000000000, 0xbff0000000000000, 0xbff0000000000000, 0   /* copysign(1,-1) */
        FOP2NR 157, fsgnj.d, 0xbff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0   /* copysign(-1,1) */
        FOP2NR 158, fsgnjn.d, 0x3ff0000000000000, 0xbff0000000000000, 0x3ff0000000000000, 0   /* sign of -rs2 */
        FOP2NR 159, fsgnjn.d, 0x4008000000000000, 0x4008000000000000, 0xc008000000000000, 0   /* fneg */
        FOP2NR 160, fsgnjx.d, 0xbff0000000000000, 0xbff0000000000000, 0x3ff0000000000000, 0   /* xor signs: fabs of -1 */
        FOP2NR 161, fsgnjx.d, 0xbff0000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0   /* xor signs */
        FOP2NR 162, fsgnjx.d, 0x3ff0000000000000, 0xbff0000000000000, 0xbff0000000000000, 0   /* xor signs */
        FOP2NR 163, fsgnj.d, 0x7ff8000000012345, 0xbff0000000000000, 0xfff8000000012345, 0   /* NaN payload kept, sign set */
        FOP2NR 164, fsgnjn.d, 0x7ff0000000000001, 0x7ff0000000000001, 0xfff0000000000001, 0   /* sNaN: no invalid flag */
        FOP2NR 165, fsgnjx.d, 0xfff0000000000000, 0xfff0000000000000, 0x7ff0000000000000, 0   /* fabs(-inf) */

        /* ---------------- FEQ / FLT / FLE ---------------- */
        FCMP   166, feq.d, 0x3ff0000000000000, 0x3ff0000000000000, 1, 0   /* 1 == 1 */
        FCMP   167, feq.d, 0x3ff0000000000000, 0x4000000000000000, 0, 0   /* 1 == 2 */
        FCMP   168, feq.d, 0x8000000000000000, 0x0000000000000000, 1, 0   /* -0 == +0 */
        FCMP   169, feq.d, 0x7ff8000000000000, 0x3ff0000000000000, 0, 0   /* quiet compare with qNaN: 0, no flag */
        FCMP   170, feq.d, 0x7ff8000000000000, 0x7ff8000000000000, 0, 0   /* qNaN == qNaN: 0 */
        FCMP   171, feq.d, 0x7ff0000000000001, 0x3ff0000000000000, 0, FF_NV   /* sNaN in FEQ: invalid */
        FCMP   172, flt.d, 0x3ff0000000000000, 0x4000000000000000, 1, 0   /* 1 < 2 */
        FCMP   173, flt.d, 0x4000000000000000, 0x3ff0000000000000, 0, 0   /* 2 < 1 */
        FCMP   174, flt.d, 0x8000000000000000, 0x0000000000000000, 0, 0   /* -0 < +0: false */
        FCMP   175, flt.d, 0xfff0000000000000, 0xffefffffffffffff, 1, 0   /* -inf < -max */
        FCMP   176, flt.d, 0x7ff8000000000000, 0x3ff0000000000000, 0, FF_NV   /* FLT with qNaN: invalid */
        FCMP   177, flt.d, 0x3ff0000000000000, 0x7ff0000000000001, 0, FF_NV   /* FLT with sNaN: invalid */
        FCMP   178, fle.d, 0x3ff0000000000000, 0x3ff0000000000000, 1, 0   /* 1 <= 1 */
        FCMP   179, fle.d, 0x8000000000000000, 0x0000000000000000, 1, 0   /* -0 <= +0 */
        FCMP   180, fle.d, 0x4000000000000000, 0x3ff0000000000000, 0, 0   /* 2 <= 1 */
        FCMP   181, fle.d, 0x3ff0000000000000, 0x7ff8000000000000, 0, FF_NV   /* FLE with qNaN: invalid */
        FCMP   182, fle.d, 0x0000000000000001, 0x0010000000000000, 1, 0   /* subnormal <= normal */

        /* ---------------- FCLASS ---------------- */
        FCLS   183, 0xfff0000000000000, 0x1   /* -inf: bit 0 */
        FCLS   184, 0xbff0000000000000, 0x2   /* -normal: bit 1 */
        FCLS   185, 0x8000000000000001, 0x4   /* -subnormal: bit 2 */
        FCLS   186, 0x8000000000000000, 0x8   /* -0: bit 3 */
        FCLS   187, 0x0000000000000000, 0x10   /* +0: bit 4 */
        FCLS   188, 0x0000000000000001, 0x20   /* +subnormal: bit 5 */
        FCLS   189, 0x3ff0000000000000, 0x40   /* +normal: bit 6 */
        FCLS   190, 0x7ff0000000000000, 0x80   /* +inf: bit 7 */
        FCLS   191, 0x7ff0000000000001, 0x100   /* sNaN: bit 8 */
        FCLS   192, 0x7ff8000000000000, 0x200   /* qNaN: bit 9 */
        FCLS   193, 0xfff8000000012345, 0x200   /* negative qNaN: bit 9 */
        FCLS   194, 0xfff0000000000101, 0x100   /* negative sNaN: bit 8 */
        FCLS   195, 0xffefffffffffffff, 0x2   /* -max: bit 1 */
        FCLS   196, 0x000fffffffffffff, 0x20   /* largest subnormal: bit 5 */


        /* ---------------- moves ---------------- */
        li      a1, 0x8000000000000001
        fmv.d.x f5, a1
        CHECK_FBITS(197, f5, 0x8000000000000001)
        fmv.x.d a2, f5
        CHECK_EQ(198, a2, 0x8000000000000001)
        la      a0, fdata
        fld     f6, 0(a0)
        CHECK_FBITS(199, f6, 0x400921fb54442d18)
        fsd     f6, 8(a0)
        ld      a2, 8(a0)
        CHECK_EQ(200, a2, 0x400921fb54442d18)
        /* a NaN with payload survives moves, loads and stores untouched */
        li      a1, 0x7ff0000000000bad      /* signalling NaN */
        fmv.d.x f7, a1
        fsd     f7, 16(a0)
        fld     f8, 16(a0)
        fmv.x.d a2, f8
        CHECK_EQ(201, a2, 0x7ff0000000000bad)
        CHECK_FFLAGS(202, 0)
        /* a single-precision value in an f register is just a boxed pattern to the D ops */
        li      a1, 0x3f800000
        fmv.w.x f9, a1                      /* 0xffffffff3f800000: a negative quiet NaN as a double */
        fclass.d a2, f9
        CHECK_EQ(203, a2, 0x200)
        fsgnjx.d f10, f9, f9
        CHECK_FBITS(204, f10, 0x7fffffff3f800000)
        fadd.d  f10, f9, f6
        CHECK_FBITS(205, f10, 0x7ff8000000000000)
        CHECK_FFLAGS(206, 0)

        /* ---------------- dynamic rounding mode (frm) ---------------- */
        li      a1, 0x3ff0000000000000      /* 1.0 */
        fmv.d.x f1, a1
        li      a1, 0x3ca8000000000000      /* 0.75 ulp of 1.0 */
        fmv.d.x f2, a1
        li      a1, 0xbff0000000000000
        fmv.d.x f4, a1
        csrwi   frm, RM_RTZ
        fadd.d  f3, f1, f2
        CHECK_FBITS(207, f3, 0x3ff0000000000000)
        csrwi   frm, RM_RNE
        fadd.d  f3, f1, f2, dyn
        CHECK_FBITS(208, f3, 0x3ff0000000000001)
        csrwi   frm, RM_RDN
        fsub.d  f3, f4, f2
        CHECK_FBITS(209, f3, 0xbff0000000000001)
        csrwi   frm, RM_RUP
        fsub.d  f3, f4, f2
        CHECK_FBITS(210, f3, 0xbff0000000000000)
        fadd.d  f3, f1, f2, rtz
        CHECK_FBITS(211, f3, 0x3ff0000000000000)
        csrwi   frm, RM_RMM
        li      a1, 0x3ca0000000000000      /* half ulp: tie */
        fmv.d.x f2, a1
        fadd.d  f3, f1, f2
        CHECK_FBITS(212, f3, 0x3ff0000000000001)
        CHECK_CSR(213, fcsr, (RM_RMM << 5) | FF_NX)
        csrwi   frm, RM_RNE

        /* flags accumulate */
        csrwi   fflags, 0
        fmv.d.x f5, zero
        fdiv.d  f3, f1, f5
        fsqrt.d f3, f4
        CHECK_FFLAGS(214, FF_DZ | FF_NV)

        /* ---------------- reserved rounding modes ---------------- */
        TRAP_EXPECT(215, CAUSE_ILLEGAL_INSN)
        .word   (1 << 25) | (2 << 20) | (1 << 15) | (5 << 12) | (3 << 7) | 0x53   /* fadd.d rm=5 */
        TRAP_RESUME(215)
        CHECK_TRAP_TVAL_IN(216, 0, (1 << 25) | (2 << 20) | (1 << 15) | (5 << 12) | (3 << 7) | 0x53)
        TRAP_EXPECT(217, CAUSE_ILLEGAL_INSN)
        .word   (0x09 << 25) | (2 << 20) | (1 << 15) | (6 << 12) | (3 << 7) | 0x53  /* fmul.d rm=6 */
        TRAP_RESUME(217)
        TRAP_EXPECT(218, CAUSE_ILLEGAL_INSN)
        .word   (1 << 25) | (4 << 27) | (2 << 20) | (1 << 15) | (5 << 12) | (3 << 7) | 0x43 /* fmadd.d rm=5 */
        TRAP_RESUME(218)
        csrwi   frm, 5
        TRAP_EXPECT(219, CAUSE_ILLEGAL_INSN)
        fadd.d  f3, f1, f2, dyn
        TRAP_RESUME(219)
        csrwi   frm, 6
        TRAP_EXPECT(220, CAUSE_ILLEGAL_INSN)
        fdiv.d  f3, f1, f2, dyn
        TRAP_RESUME(220)
        csrwi   frm, 7
        TRAP_EXPECT(221, CAUSE_ILLEGAL_INSN)
        fmadd.d f3, f1, f2, f1, dyn
        TRAP_RESUME(221)
        fadd.d  f3, f1, f1, rne
        CHECK_FBITS(222, f3, 0x4000000000000000)
        fmax.d  f3, f3, f1
        CHECK_FBITS(223, f3, 0x4000000000000000)
        csrwi   frm, RM_RNE
        csrwi   fflags, 0

        PASS

        .data
        .balign 8
fdata:  .dword  0x400921fb54442d18
        .dword  0
        .dword  0
