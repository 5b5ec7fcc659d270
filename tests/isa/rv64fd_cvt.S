/*
 * rv64fd_cvt: conversions between integers and F/D values and between the
 * two FP formats: FCVT.W/WU/L/LU.S/D with every rounding mode, saturation
 * and the invalid flag on overflow / NaN / infinity (NaN converts to the
 * largest positive integer), sign-extension of 32-bit results on RV64,
 * FCVT.S/D.W/WU/L/LU rounding (only rs1[31:0] for the W forms),
 * FCVT.S.D rounding/overflow/underflow/NaN, FCVT.D.S widening, the
 * dynamic rounding mode, and NaN-boxing of single-precision inputs.
 * Every check compares the result and the exact fflags.
 *
 * Expected values were computed with an exact-rational IEEE 754 model.
 */
#include "common.h"

.macro LDF_S freg, bits
        li      t0, \bits
        fmv.w.x \freg, t0
.endm
.macro LDF_D freg, bits
        li      t0, \bits
        fmv.d.x \freg, t0
.endm
.macro CHK_S n, freg, bits
        fmv.x.d t0, \freg
        _check_eq_raw \n, t0, (0xffffffff00000000 | (\bits))
.endm
.macro CHK_D n, freg, bits
        fmv.x.d t0, \freg
        _check_eq_raw \n, t0, \bits
.endm

/* FP -> integer register */
.macro CVT_F2I n, op, ldf, a, rm, res, fl
        _check_id \n
        \ldf   f1, \a
        csrwi   fflags, 0
        \op    a3, f1, \rm
        _check_eq_raw \n, a3, \res
        csrr    t0, fflags
        _check_eq_raw \n, t0, \fl
.endm

/* integer register -> FP */
.macro CVT_I2F n, op, x, rm, chk, res, fl
        _check_id \n
        li      a1, \x
        csrwi   fflags, 0
  .ifc \rm, none
        \op    f3, a1
  .else
        \op    f3, a1, \rm
  .endif
        \chk   \n, f3, \res
        csrr    t0, fflags
        _check_eq_raw \n, t0, \fl
.endm

/* FP -> FP */
.macro CVT_F2F n, op, ldf, a, rm, chk, res, fl
        _check_id \n
        \ldf   f1, \a
        csrwi   fflags, 0
  .ifc \rm, none
        \op    f3, f1
  .else
        \op    f3, f1, \rm
  .endif
        \chk   \n, f3, \res
        csrr    t0, fflags
        _check_eq_raw \n, t0, \fl
.endm

TEST_START

        /* ---------------- FCVT.W.S / FCVT.WU.S ---------------- */
        CVT_F2I   1, fcvt.w.s, LDF_S, 0x3fc00000, rne, 0x0000000000000002, FF_NX   /* 1.5, rne */
        CVT_F2I   2, fcvt.w.s, LDF_S, 0x3fc00000, rtz, 0x0000000000000001, FF_NX   /* 1.5, rtz */
        CVT_F2I   3, fcvt.w.s, LDF_S, 0x3fc00000, rdn, 0x0000000000000001, FF_NX   /* 1.5, rdn */
        CVT_F2I   4, fcvt.w.s, LDF_S, 0x3fc00000, rup, 0x0000000000000002, FF_NX   /* 1.5, rup */
        CVT_F2I   5, fcvt.w.s, LDF_S, 0x3fc00000, rmm, 0x0000000000000002, FF_NX   /* 1.5, rmm */
        CVT_F2I   6, fcvt.w.s, LDF_S, 0xbfc00000, rne, 0xfffffffffffffffe, FF_NX   /* -1.5, rne */
        CVT_F2I   7, fcvt.w.s, LDF_S, 0xbfc00000, rtz, 0xffffffffffffffff, FF_NX   /* -1.5, rtz */
        CVT_F2I   8, fcvt.w.s, LDF_S, 0xbfc00000, rdn, 0xfffffffffffffffe, FF_NX   /* -1.5, rdn */
        CVT_F2I   9, fcvt.w.s, LDF_S, 0xbfc00000, rup, 0xffffffffffffffff, FF_NX   /* -1.5, rup */
        CVT_F2I  10, fcvt.w.s, LDF_S, 0xbfc00000, rmm, 0xfffffffffffffffe, FF_NX   /* -1.5, rmm */
        CVT_F2I  11, fcvt.w.s, LDF_S, 0x40200000, rne, 0x0000000000000002, FF_NX   /* 2.5 -> 2 (ties to even) */
        CVT_F2I  12, fcvt.w.s, LDF_S, 0x40200000, rmm, 0x0000000000000003, FF_NX   /* 2.5 -> 3 (ties away) */
        CVT_F2I  13, fcvt.w.s, LDF_S, 0xbf000000, rup, 0x0000000000000000, FF_NX   /* -0.5 rup -> 0, inexact */
        CVT_F2I  14, fcvt.w.s, LDF_S, 0x80000000, rne, 0x0000000000000000, 0   /* -0 -> 0, exact */
        CVT_F2I  15, fcvt.w.s, LDF_S, 0xcf000000, rne, 0xffffffff80000000, 0   /* -2^31 exact */
        CVT_F2I  16, fcvt.w.s, LDF_S, 0x4f000000, rne, 0x000000007fffffff, FF_NV   /* 2^31: invalid, saturate */
        CVT_F2I  17, fcvt.w.s, LDF_S, 0xcf800000, rne, 0xffffffff80000000, FF_NV   /* -2^32: invalid, saturate */
        CVT_F2I  18, fcvt.w.s, LDF_S, 0x7fc00000, rne, 0x000000007fffffff, FF_NV   /* NaN -> 2^31-1, invalid */
        CVT_F2I  19, fcvt.w.s, LDF_S, 0xffc00000, rne, 0x000000007fffffff, FF_NV   /* negative NaN -> 2^31-1 too */
        CVT_F2I  20, fcvt.w.s, LDF_S, 0x7f800000, rne, 0x000000007fffffff, FF_NV   /* +inf -> 2^31-1 */
        CVT_F2I  21, fcvt.w.s, LDF_S, 0xff800000, rne, 0xffffffff80000000, FF_NV   /* -inf -> -2^31 */
        CVT_F2I  22, fcvt.w.s, LDF_S, 0x00000001, rup, 0x0000000000000001, FF_NX   /* min subnormal rup -> 1 */
        CVT_F2I  23, fcvt.w.s, LDF_S, 0x00000001, rne, 0x0000000000000000, FF_NX   /* min subnormal -> 0, inexact */
        CVT_F2I  24, fcvt.wu.s, LDF_S, 0x3fc00000, rne, 0x0000000000000002, FF_NX   /* 1.5 -> 2 */
        CVT_F2I  25, fcvt.wu.s, LDF_S, 0x4f6e6b28, rne, 0xffffffffee6b2800, 0   /* 4e9: fits in 32 bits, result sign-extended */
        CVT_F2I  26, fcvt.wu.s, LDF_S, 0xbf800000, rne, 0x0000000000000000, FF_NV   /* -1: invalid, 0 */
        CVT_F2I  27, fcvt.wu.s, LDF_S, 0xbf000000, rtz, 0x0000000000000000, FF_NX   /* -0.5 rtz -> 0, only inexact */
        CVT_F2I  28, fcvt.wu.s, LDF_S, 0xbf000000, rdn, 0x0000000000000000, FF_NV   /* -0.5 rdn -> -1: invalid */
        CVT_F2I  29, fcvt.wu.s, LDF_S, 0x4f800000, rne, 0xffffffffffffffff, FF_NV   /* 2^32: invalid, all ones */
        CVT_F2I  30, fcvt.wu.s, LDF_S, 0x7f800001, rne, 0xffffffffffffffff, FF_NV   /* sNaN: invalid, all ones */
        CVT_F2I  31, fcvt.wu.s, LDF_S, 0xff800000, rne, 0x0000000000000000, FF_NV   /* -inf: invalid, 0 */

        /* ---------------- FCVT.L.S / FCVT.LU.S ---------------- */
        CVT_F2I  32, fcvt.l.s, LDF_S, 0xc0200000, rne, 0xfffffffffffffffe, FF_NX   /* -2.5, rne */
        CVT_F2I  33, fcvt.l.s, LDF_S, 0xc0200000, rtz, 0xfffffffffffffffe, FF_NX   /* -2.5, rtz */
        CVT_F2I  34, fcvt.l.s, LDF_S, 0xc0200000, rdn, 0xfffffffffffffffd, FF_NX   /* -2.5, rdn */
        CVT_F2I  35, fcvt.l.s, LDF_S, 0xc0200000, rup, 0xfffffffffffffffe, FF_NX   /* -2.5, rup */
        CVT_F2I  36, fcvt.l.s, LDF_S, 0xc0200000, rmm, 0xfffffffffffffffd, FF_NX   /* -2.5, rmm */
        CVT_F2I  37, fcvt.l.s, LDF_S, 0x40600000, rne, 0x0000000000000004, FF_NX   /* 3.5 -> 4 */
        CVT_F2I  38, fcvt.l.s, LDF_S, 0xdf000000, rne, 0x8000000000000000, 0   /* -2^63 exact */
        CVT_F2I  39, fcvt.l.s, LDF_S, 0x5f000000, rne, 0x7fffffffffffffff, FF_NV   /* 2^63: invalid */
        CVT_F2I  40, fcvt.l.s, LDF_S, 0x5effffff, rne, 0x7fffff8000000000, 0   /* largest value below 2^63: exact */
        CVT_F2I  41, fcvt.l.s, LDF_S, 0x53800000, rne, 0x0000010000000000, 0   /* above 32 bits */
        CVT_F2I  42, fcvt.l.s, LDF_S, 0x7fc00000, rne, 0x7fffffffffffffff, FF_NV   /* NaN -> 2^63-1 */
        CVT_F2I  43, fcvt.l.s, LDF_S, 0xff800000, rne, 0x8000000000000000, FF_NV   /* -inf -> -2^63 */
        CVT_F2I  44, fcvt.lu.s, LDF_S, 0x5f000000, rne, 0x8000000000000000, 0   /* 2^63 fits unsigned */
        CVT_F2I  45, fcvt.lu.s, LDF_S, 0x5f7fffff, rne, 0xffffff0000000000, 0   /* largest below 2^64 */
        CVT_F2I  46, fcvt.lu.s, LDF_S, 0x5f800000, rne, 0xffffffffffffffff, FF_NV   /* 2^64: invalid, all ones */
        CVT_F2I  47, fcvt.lu.s, LDF_S, 0xbf800000, rne, 0x0000000000000000, FF_NV   /* -1: invalid, 0 */
        CVT_F2I  48, fcvt.lu.s, LDF_S, 0xbf400000, rup, 0x0000000000000000, FF_NX   /* -0.75 rup -> 0, inexact */
        CVT_F2I  49, fcvt.lu.s, LDF_S, 0xffc00000, rne, 0xffffffffffffffff, FF_NV   /* NaN -> all ones */
        CVT_F2I  50, fcvt.lu.s, LDF_S, 0x7f800000, rne, 0xffffffffffffffff, FF_NV   /* +inf -> all ones */

        /* ---------------- FCVT.S.W / WU / L / LU ---------------- */
        CVT_I2F  51, fcvt.s.w, 0x0000000000000000, rne, CHK_S, 0x00000000, 0   /* 0 -> +0 */
        CVT_I2F  52, fcvt.s.w, 0xffffffff80000000, rne, CHK_S, 0xcf000000, 0   /* -2^31 exact */
        CVT_I2F  53, fcvt.s.w, 0x00000001fffffffe, rne, CHK_S, 0xc0000000, 0   /* only rs1[31:0] used: -2 */
        CVT_I2F  54, fcvt.s.wu, 0xabcdef01ffffffff, rne, CHK_S, 0x4f800000, FF_NX   /* only rs1[31:0] used: 2^32-1 */
        CVT_I2F  55, fcvt.s.l, 0xffffffffffffffff, rne, CHK_S, 0xbf800000, 0   /* -1 */
        CVT_I2F  56, fcvt.s.l, 0x7fffffffffffffff, rne, CHK_S, 0x5f000000, FF_NX   /* 2^63-1 */
        CVT_I2F  57, fcvt.s.lu, 0xffffffffffffffff, rne, CHK_S, 0x5f800000, FF_NX   /* 2^64-1 */
        CVT_I2F  58, fcvt.s.lu, 0xffffffffffffffff, rtz, CHK_S, 0x5f7fffff, FF_NX   /* 2^64-1 rtz */
        CVT_I2F  59, fcvt.s.w, 0x000000007fffffff, rne, CHK_S, 0x4f000000, FF_NX   /* 2^31-1 rounds to 2^31 */
        CVT_I2F  60, fcvt.s.w, 0x000000007fffffff, rtz, CHK_S, 0x4effffff, FF_NX   /* 2^31-1 rtz */
        CVT_I2F  61, fcvt.s.w, 0x0000000001000001, rne, CHK_S, 0x4b800000, FF_NX   /* 2^24+1, rne */
        CVT_I2F  62, fcvt.s.w, 0x0000000001000001, rtz, CHK_S, 0x4b800000, FF_NX   /* 2^24+1, rtz */
        CVT_I2F  63, fcvt.s.w, 0x0000000001000001, rdn, CHK_S, 0x4b800000, FF_NX   /* 2^24+1, rdn */
        CVT_I2F  64, fcvt.s.w, 0x0000000001000001, rup, CHK_S, 0x4b800001, FF_NX   /* 2^24+1, rup */
        CVT_I2F  65, fcvt.s.w, 0x0000000001000001, rmm, CHK_S, 0x4b800001, FF_NX   /* 2^24+1, rmm */
        CVT_I2F  66, fcvt.s.w, 0xfffffffffefffffd, rne, CHK_S, 0xcb800002, FF_NX   /* -(2^24+3), rne */
        CVT_I2F  67, fcvt.s.w, 0xfffffffffefffffd, rtz, CHK_S, 0xcb800001, FF_NX   /* -(2^24+3), rtz */
        CVT_I2F  68, fcvt.s.w, 0xfffffffffefffffd, rdn, CHK_S, 0xcb800002, FF_NX   /* -(2^24+3), rdn */
        CVT_I2F  69, fcvt.s.w, 0xfffffffffefffffd, rup, CHK_S, 0xcb800001, FF_NX   /* -(2^24+3), rup */
        CVT_I2F  70, fcvt.s.w, 0xfffffffffefffffd, rmm, CHK_S, 0xcb800002, FF_NX   /* -(2^24+3), rmm */
        CVT_I2F  71, fcvt.s.wu, 0x00000000ffffffff, rtz, CHK_S, 0x4f7fffff, FF_NX   /* 2^32-1 rtz */

        /* ---------------- FCVT.W.D / FCVT.WU.D ---------------- */
        CVT_F2I  72, fcvt.w.d, LDF_D, 0x3ff8000000000000, rne, 0x0000000000000002, FF_NX   /* 1.5, rne */
        CVT_F2I  73, fcvt.w.d, LDF_D, 0x3ff8000000000000, rtz, 0x0000000000000001, FF_NX   /* 1.5, rtz */
        CVT_F2I  74, fcvt.w.d, LDF_D, 0x3ff8000000000000, rdn, 0x0000000000000001, FF_NX   /* 1.5, rdn */
        CVT_F2I  75, fcvt.w.d, LDF_D, 0x3ff8000000000000, rup, 0x0000000000000002, FF_NX   /* 1.5, rup */
        CVT_F2I  76, fcvt.w.d, LDF_D, 0x3ff8000000000000, rmm, 0x0000000000000002, FF_NX   /* 1.5, rmm */
        CVT_F2I  77, fcvt.w.d, LDF_D, 0xbff8000000000000, rne, 0xfffffffffffffffe, FF_NX   /* -1.5, rne */
        CVT_F2I  78, fcvt.w.d, LDF_D, 0xbff8000000000000, rtz, 0xffffffffffffffff, FF_NX   /* -1.5, rtz */
        CVT_F2I  79, fcvt.w.d, LDF_D, 0xbff8000000000000, rdn, 0xfffffffffffffffe, FF_NX   /* -1.5, rdn */
        CVT_F2I  80, fcvt.w.d, LDF_D, 0xbff8000000000000, rup, 0xffffffffffffffff, FF_NX   /* -1.5, rup */
        CVT_F2I  81, fcvt.w.d, LDF_D, 0xbff8000000000000, rmm, 0xfffffffffffffffe, FF_NX   /* -1.5, rmm */
        CVT_F2I  82, fcvt.w.d, LDF_D, 0x4004000000000000, rne, 0x0000000000000002, FF_NX   /* 2.5 -> 2 (ties to even) */
        CVT_F2I  83, fcvt.w.d, LDF_D, 0x4004000000000000, rmm, 0x0000000000000003, FF_NX   /* 2.5 -> 3 (ties away) */
        CVT_F2I  84, fcvt.w.d, LDF_D, 0xbfe0000000000000, rup, 0x0000000000000000, FF_NX   /* -0.5 rup -> 0, inexact */
        CVT_F2I  85, fcvt.w.d, LDF_D, 0x8000000000000000, rne, 0x0000000000000000, 0   /* -0 -> 0, exact */
        CVT_F2I  86, fcvt.w.d, LDF_D, 0xc1e0000000000000, rne, 0xffffffff80000000, 0   /* -2^31 exact */
        CVT_F2I  87, fcvt.w.d, LDF_D, 0x41e0000000000000, rne, 0x000000007fffffff, FF_NV   /* 2^31: invalid, saturate */
        CVT_F2I  88, fcvt.w.d, LDF_D, 0xc1f0000000000000, rne, 0xffffffff80000000, FF_NV   /* -2^32: invalid, saturate */
        CVT_F2I  89, fcvt.w.d, LDF_D, 0x41dfffffffe00000, rne, 0x000000007fffffff, FF_NV   /* 2^31-0.5 rounds to 2^31: invalid only */
        CVT_F2I  90, fcvt.w.d, LDF_D, 0x41dfffffffe00000, rtz, 0x000000007fffffff, FF_NX   /* 2^31-0.5 rtz: fits, inexact */
        CVT_F2I  91, fcvt.w.d, LDF_D, 0xc1e0000000100000, rtz, 0xffffffff80000000, FF_NX   /* -2^31-0.5 rtz: fits */
        CVT_F2I  92, fcvt.w.d, LDF_D, 0xc1e0000000100000, rdn, 0xffffffff80000000, FF_NV   /* -2^31-0.5 rdn: invalid */
        CVT_F2I  93, fcvt.w.d, LDF_D, 0x7ff8000000000000, rne, 0x000000007fffffff, FF_NV   /* NaN -> 2^31-1, invalid */
        CVT_F2I  94, fcvt.w.d, LDF_D, 0xfff8000000000000, rne, 0x000000007fffffff, FF_NV   /* negative NaN -> 2^31-1 too */
        CVT_F2I  95, fcvt.w.d, LDF_D, 0x7ff0000000000000, rne, 0x000000007fffffff, FF_NV   /* +inf -> 2^31-1 */
        CVT_F2I  96, fcvt.w.d, LDF_D, 0xfff0000000000000, rne, 0xffffffff80000000, FF_NV   /* -inf -> -2^31 */
        CVT_F2I  97, fcvt.w.d, LDF_D, 0x0000000000000001, rup, 0x0000000000000001, FF_NX   /* min subnormal rup -> 1 */
        CVT_F2I  98, fcvt.w.d, LDF_D, 0x0000000000000001, rne, 0x0000000000000000, FF_NX   /* min subnormal -> 0, inexact */
        CVT_F2I  99, fcvt.wu.d, LDF_D, 0x3ff8000000000000, rne, 0x0000000000000002, FF_NX   /* 1.5 -> 2 */
        CVT_F2I 100, fcvt.wu.d, LDF_D, 0x41edcd6500000000, rne, 0xffffffffee6b2800, 0   /* 4e9: fits in 32 bits, result sign-extended */
        CVT_F2I 101, fcvt.wu.d, LDF_D, 0xbff0000000000000, rne, 0x0000000000000000, FF_NV   /* -1: invalid, 0 */
        CVT_F2I 102, fcvt.wu.d, LDF_D, 0xbfe0000000000000, rtz, 0x0000000000000000, FF_NX   /* -0.5 rtz -> 0, only inexact */
        CVT_F2I 103, fcvt.wu.d, LDF_D, 0xbfe0000000000000, rdn, 0x0000000000000000, FF_NV   /* -0.5 rdn -> -1: invalid */
        CVT_F2I 104, fcvt.wu.d, LDF_D, 0x41f0000000000000, rne, 0xffffffffffffffff, FF_NV   /* 2^32: invalid, all ones */
        CVT_F2I 105, fcvt.wu.d, LDF_D, 0x7ff0000000000001, rne, 0xffffffffffffffff, FF_NV   /* sNaN: invalid, all ones */
        CVT_F2I 106, fcvt.wu.d, LDF_D, 0xfff0000000000000, rne, 0x0000000000000000, FF_NV   /* -inf: invalid, 0 */

        /* ---------------- FCVT.L.D / FCVT.LU.D ---------------- */
        CVT_F2I 107, fcvt.l.d, LDF_D, 0xc004000000000000, rne, 0xfffffffffffffffe, FF_NX   /* -2.5, rne */
        CVT_F2I 108, fcvt.l.d, LDF_D, 0xc004000000000000, rtz, 0xfffffffffffffffe, FF_NX   /* -2.5, rtz */
        CVT_F2I 109, fcvt.l.d, LDF_D, 0xc004000000000000, rdn, 0xfffffffffffffffd, FF_NX   /* -2.5, rdn */
        CVT_F2I 110, fcvt.l.d, LDF_D, 0xc004000000000000, rup, 0xfffffffffffffffe, FF_NX   /* -2.5, rup */
        CVT_F2I 111, fcvt.l.d, LDF_D, 0xc004000000000000, rmm, 0xfffffffffffffffd, FF_NX   /* -2.5, rmm */
        CVT_F2I 112, fcvt.l.d, LDF_D, 0x400c000000000000, rne, 0x0000000000000004, FF_NX   /* 3.5 -> 4 */
        CVT_F2I 113, fcvt.l.d, LDF_D, 0xc3e0000000000000, rne, 0x8000000000000000, 0   /* -2^63 exact */
        CVT_F2I 114, fcvt.l.d, LDF_D, 0x43e0000000000000, rne, 0x7fffffffffffffff, FF_NV   /* 2^63: invalid */
        CVT_F2I 115, fcvt.l.d, LDF_D, 0x43dfffffffffffff, rne, 0x7ffffffffffffc00, 0   /* largest value below 2^63: exact */
        CVT_F2I 116, fcvt.l.d, LDF_D, 0x4270000000001000, rne, 0x0000010000000001, 0   /* above 32 bits */
        CVT_F2I 117, fcvt.l.d, LDF_D, 0x7ff8000000000000, rne, 0x7fffffffffffffff, FF_NV   /* NaN -> 2^63-1 */
        CVT_F2I 118, fcvt.l.d, LDF_D, 0xfff0000000000000, rne, 0x8000000000000000, FF_NV   /* -inf -> -2^63 */
        CVT_F2I 119, fcvt.lu.d, LDF_D, 0x43e0000000000000, rne, 0x8000000000000000, 0   /* 2^63 fits unsigned */
        CVT_F2I 120, fcvt.lu.d, LDF_D, 0x43efffffffffffff, rne, 0xfffffffffffff800, 0   /* largest below 2^64 */
        CVT_F2I 121, fcvt.lu.d, LDF_D, 0x43f0000000000000, rne, 0xffffffffffffffff, FF_NV   /* 2^64: invalid, all ones */
        CVT_F2I 122, fcvt.lu.d, LDF_D, 0xbff0000000000000, rne, 0x0000000000000000, FF_NV   /* -1: invalid, 0 */
        CVT_F2I 123, fcvt.lu.d, LDF_D, 0xbfe8000000000000, rup, 0x0000000000000000, FF_NX   /* -0.75 rup -> 0, inexact */
        CVT_F2I 124, fcvt.lu.d, LDF_D, 0xfff8000000000000, rne, 0xffffffffffffffff, FF_NV   /* NaN -> all ones */
        CVT_F2I 125, fcvt.lu.d, LDF_D, 0x7ff0000000000000, rne, 0xffffffffffffffff, FF_NV   /* +inf -> all ones */

        /* ---------------- FCVT.D.W / WU / L / LU ---------------- */
        CVT_I2F 126, fcvt.d.w, 0x0000000000000000, none, CHK_D, 0x0000000000000000, 0   /* 0 -> +0 */
        CVT_I2F 127, fcvt.d.w, 0xffffffff80000000, none, CHK_D, 0xc1e0000000000000, 0   /* -2^31 exact */
        CVT_I2F 128, fcvt.d.w, 0x00000001fffffffe, none, CHK_D, 0xc000000000000000, 0   /* only rs1[31:0] used: -2 */
        CVT_I2F 129, fcvt.d.wu, 0xabcdef01ffffffff, none, CHK_D, 0x41efffffffe00000, 0   /* only rs1[31:0] used: 2^32-1 */
        CVT_I2F 130, fcvt.d.l, 0xffffffffffffffff, rne, CHK_D, 0xbff0000000000000, 0   /* -1 */
        CVT_I2F 131, fcvt.d.l, 0x7fffffffffffffff, rne, CHK_D, 0x43e0000000000000, FF_NX   /* 2^63-1 */
        CVT_I2F 132, fcvt.d.lu, 0xffffffffffffffff, rne, CHK_D, 0x43f0000000000000, FF_NX   /* 2^64-1 */
        CVT_I2F 133, fcvt.d.lu, 0xffffffffffffffff, rtz, CHK_D, 0x43efffffffffffff, FF_NX   /* 2^64-1 rtz */
        CVT_I2F 134, fcvt.d.w, 0x000000007fffffff, none, CHK_D, 0x41dfffffffc00000, 0   /* 2^31-1 exact in double */
        CVT_I2F 135, fcvt.d.wu, 0x00000000ffffffff, none, CHK_D, 0x41efffffffe00000, 0   /* 2^32-1 exact in double */
        CVT_I2F 136, fcvt.d.l, 0x0020000000000001, rne, CHK_D, 0x4340000000000000, FF_NX   /* 2^53+1, rne */
        CVT_I2F 137, fcvt.d.l, 0x0020000000000001, rtz, CHK_D, 0x4340000000000000, FF_NX   /* 2^53+1, rtz */
        CVT_I2F 138, fcvt.d.l, 0x0020000000000001, rdn, CHK_D, 0x4340000000000000, FF_NX   /* 2^53+1, rdn */
        CVT_I2F 139, fcvt.d.l, 0x0020000000000001, rup, CHK_D, 0x4340000000000001, FF_NX   /* 2^53+1, rup */
        CVT_I2F 140, fcvt.d.l, 0x0020000000000001, rmm, CHK_D, 0x4340000000000001, FF_NX   /* 2^53+1, rmm */
        CVT_I2F 141, fcvt.d.l, 0xffdffffffffffffd, rne, CHK_D, 0xc340000000000002, FF_NX   /* -(2^53+3), rne */
        CVT_I2F 142, fcvt.d.l, 0xffdffffffffffffd, rtz, CHK_D, 0xc340000000000001, FF_NX   /* -(2^53+3), rtz */
        CVT_I2F 143, fcvt.d.l, 0xffdffffffffffffd, rdn, CHK_D, 0xc340000000000002, FF_NX   /* -(2^53+3), rdn */
        CVT_I2F 144, fcvt.d.l, 0xffdffffffffffffd, rup, CHK_D, 0xc340000000000001, FF_NX   /* -(2^53+3), rup */
        CVT_I2F 145, fcvt.d.l, 0xffdffffffffffffd, rmm, CHK_D, 0xc340000000000002, FF_NX   /* -(2^53+3), rmm */

        /* ---------------- FCVT.S.D ---------------- */
        CVT_F2F 146, fcvt.s.d, LDF_D, 0x3fd5555555555555, rne, CHK_S, 0x3eaaaaab, FF_NX   /* 1/3 (double) to single, rne */
        CVT_F2F 147, fcvt.s.d, LDF_D, 0x3fd5555555555555, rtz, CHK_S, 0x3eaaaaaa, FF_NX   /* 1/3 (double) to single, rtz */
        CVT_F2F 148, fcvt.s.d, LDF_D, 0x3fd5555555555555, rdn, CHK_S, 0x3eaaaaaa, FF_NX   /* 1/3 (double) to single, rdn */
        CVT_F2F 149, fcvt.s.d, LDF_D, 0x3fd5555555555555, rup, CHK_S, 0x3eaaaaab, FF_NX   /* 1/3 (double) to single, rup */
        CVT_F2F 150, fcvt.s.d, LDF_D, 0x3fd5555555555555, rmm, CHK_S, 0x3eaaaaab, FF_NX   /* 1/3 (double) to single, rmm */
        CVT_F2F 151, fcvt.s.d, LDF_D, 0xbfd5555555555555, rdn, CHK_S, 0xbeaaaaab, FF_NX   /* -1/3, rdn */
        CVT_F2F 152, fcvt.s.d, LDF_D, 0x7e37e43c8800759c, rne, CHK_S, 0x7f800000, FF_OF|FF_NX   /* 1e300: overflow */
        CVT_F2F 153, fcvt.s.d, LDF_D, 0x7e37e43c8800759c, rtz, CHK_S, 0x7f7fffff, FF_OF|FF_NX   /* 1e300 rtz: max single */
        CVT_F2F 154, fcvt.s.d, LDF_D, 0xfe37e43c8800759c, rup, CHK_S, 0xff7fffff, FF_OF|FF_NX   /* -1e300 rup: -max single */
        CVT_F2F 155, fcvt.s.d, LDF_D, 0x01a56e1fc2f8f359, rne, CHK_S, 0x00000000, FF_UF|FF_NX   /* 1e-300: underflow to 0 */
        CVT_F2F 156, fcvt.s.d, LDF_D, 0x01a56e1fc2f8f359, rup, CHK_S, 0x00000001, FF_UF|FF_NX   /* 1e-300 rup: min subnormal */
        CVT_F2F 157, fcvt.s.d, LDF_D, 0x36a0000000000000, rne, CHK_S, 0x00000001, 0   /* 2^-149: exact subnormal, no flags */
        CVT_F2F 158, fcvt.s.d, LDF_D, 0x36a8000000000000, rne, CHK_S, 0x00000002, FF_UF|FF_NX   /* 1.5 * 2^-149: tie to even (2^-148), UF|NX */
        CVT_F2F 159, fcvt.s.d, LDF_D, 0x380ffffff8000000, rne, CHK_S, 0x00800000, FF_NX   /* just below min normal rounding up: NX only */
        CVT_F2F 160, fcvt.s.d, LDF_D, 0x7ff8000000012345, rne, CHK_S, 0x7fc00000, 0   /* qNaN with payload -> canonical, no flag */
        CVT_F2F 161, fcvt.s.d, LDF_D, 0x7ff0000000000001, rne, CHK_S, 0x7fc00000, FF_NV   /* sNaN -> canonical, invalid */
        CVT_F2F 162, fcvt.s.d, LDF_D, 0xfff0000000000000, rne, CHK_S, 0xff800000, 0   /* -inf */
        CVT_F2F 163, fcvt.s.d, LDF_D, 0x8000000000000000, rne, CHK_S, 0x80000000, 0   /* -0 */
        CVT_F2F 164, fcvt.s.d, LDF_D, 0x7fefffffffffffff, rne, CHK_S, 0x7f800000, FF_OF|FF_NX   /* max double: overflow */

        /* ---------------- FCVT.D.S ---------------- */
        CVT_F2F 165, fcvt.d.s, LDF_S, 0x3eaaaaab, none, CHK_D, 0x3fd5555560000000, 0   /* single 1/3 widens exactly */
        CVT_F2F 166, fcvt.d.s, LDF_S, 0x00000001, none, CHK_D, 0x36a0000000000000, 0   /* single min subnormal -> normal double, exact */
        CVT_F2F 167, fcvt.d.s, LDF_S, 0x807fffff, none, CHK_D, 0xb80fffffc0000000, 0   /* negative subnormal */
        CVT_F2F 168, fcvt.d.s, LDF_S, 0x7f800001, none, CHK_D, 0x7ff8000000000000, FF_NV   /* sNaN -> canonical, invalid */
        CVT_F2F 169, fcvt.d.s, LDF_S, 0xffc12345, none, CHK_D, 0x7ff8000000000000, 0   /* qNaN payload -> canonical, no flag */
        CVT_F2F 170, fcvt.d.s, LDF_S, 0xff800000, none, CHK_D, 0xfff0000000000000, 0   /* -inf */
        CVT_F2F 171, fcvt.d.s, LDF_S, 0x7f7fffff, none, CHK_D, 0x47efffffe0000000, 0   /* max single */


        /* ---------------- dynamic rounding mode ---------------- */
        li      a1, 0xbfc00000              /* -1.5f */
        fmv.w.x f1, a1
        csrwi   frm, RM_RDN
        fcvt.w.s a3, f1
        CHECK_EQ(200, a3, -2)
        csrwi   frm, RM_RUP
        fcvt.w.s a3, f1, dyn
        CHECK_EQ(201, a3, -1)
        fcvt.l.s a3, f1, rmm                /* static rm wins */
        CHECK_EQ(202, a3, -2)
        li      a1, 0x7fffffff
        csrwi   frm, RM_RTZ
        fcvt.s.w f3, a1
        CHECK_FBITS_S(203, f3, 0x4effffff)
        csrwi   frm, RM_RNE
        csrwi   fflags, 0

        /* ---------------- NaN-boxing of conversion inputs ---------------- */
        li      a1, 0x000000003f800000      /* improperly boxed 1.0f */
        fmv.d.x f8, a1
        fcvt.d.s f3, f8
        CHECK_FBITS(204, f3, 0x7ff8000000000000)
        CHECK_FFLAGS(205, 0)
        fcvt.w.s a3, f8
        CHECK_EQ(206, a3, 0x7fffffff)
        CHECK_FFLAGS(207, FF_NV)
        /* a properly boxed value converts normally */
        li      a1, 0xffffffff3f800000
        fmv.d.x f8, a1
        fcvt.l.s a3, f8
        CHECK_EQ(208, a3, 1)
        CHECK_FFLAGS(209, 0)

        PASS
