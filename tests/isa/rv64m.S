/*
 * rv64m: MUL/MULH/MULHSU/MULHU/DIV/DIVU/REM/REMU and MULW/DIVW/DIVUW/REMW/
 * REMUW.  Includes the results the spec defines for division by zero
 * (quotient all ones, remainder = dividend) and signed overflow
 * (quotient = dividend, remainder 0), rounding toward zero, and
 * sign-extension of the 32-bit W results.
 */
#include "common.h"

.macro RR n, op, a, b, exp
        li      a1, \a
        li      a2, \b
        \op     a3, a1, a2
        CHECK_EQ(\n, a3, \exp)
.endm

TEST_START

        /* ---------------- MUL ---------------- */
        RR   1, mul, 0, 0, 0
        RR   2, mul, 3, 7, 21
        RR   3, mul, -2, 3, -6
        RR   4, mul, 0x7fffffffffffffff, 0x7fffffffffffffff, 1
        RR   5, mul, 0x8000000000000000, -1, 0x8000000000000000
        RR   6, mul, 0x123456789abcdef0, 0x0fedcba987654321, 0x2236d88fe5618cf0
        RR   7, mul, 0x100000000, 0x100000000, 0

        /* ---------------- MULH (signed x signed) ---------------- */
        RR   8, mulh, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff
        RR   9, mulh, -1, -1, 0
        RR  10, mulh, -1, 1, -1
        RR  11, mulh, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000
        RR  12, mulh, 0x8000000000000000, -1, 0
        RR  13, mulh, 0x123456789abcdef0, 0x0fedcba987654321, 0x0121fa00ad77d742
        RR  14, mulh, -2, 3, -1
        RR  15, mulh, 2, -3, -1

        /* ---------------- MULHSU (signed rs1 x unsigned rs2) ---------------- */
        RR  16, mulhsu, -1, -1, -1
        RR  17, mulhsu, -1, 1, -1
        RR  18, mulhsu, 0x8000000000000000, 0x8000000000000000, 0xc000000000000000
        RR  19, mulhsu, 0x8000000000000000, -1, 0x8000000000000000
        RR  20, mulhsu, 2, -3, 1
        RR  21, mulhsu, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff

        /* ---------------- MULHU ---------------- */
        RR  22, mulhu, -1, -1, 0xfffffffffffffffe
        RR  23, mulhu, -1, 1, 0
        RR  24, mulhu, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000
        RR  25, mulhu, 0x8000000000000000, -1, 0x7fffffffffffffff
        RR  26, mulhu, -2, 3, 2
        RR  27, mulhu, 0x123456789abcdef0, 0x0fedcba987654321, 0x0121fa00ad77d742

        /* ---------------- DIV / REM (signed, round toward zero) ---------------- */
        RR  28, div, 20, 6, 3
        RR  29, rem, 20, 6, 2
        RR  30, div, -7, 2, -3
        RR  31, rem, -7, 2, -1
        RR  32, div, 7, -2, -3
        RR  33, rem, 7, -2, 1
        RR  34, div, -7, -2, 3
        RR  35, rem, -7, -2, -1
        RR  36, div, 0x8000000000000000, 2, 0xc000000000000000
        /* division by zero */
        RR  37, div, 123, 0, -1
        RR  38, rem, 123, 0, 123
        RR  39, div, -123, 0, -1
        RR  40, rem, -123, 0, -123
        RR  41, div, 0, 0, -1
        RR  42, rem, 0, 0, 0
        /* overflow: most negative / -1 */
        RR  43, div, 0x8000000000000000, -1, 0x8000000000000000
        RR  44, rem, 0x8000000000000000, -1, 0

        /* ---------------- DIVU / REMU ---------------- */
        RR  45, divu, 20, 6, 3
        RR  46, remu, 20, 6, 2
        RR  47, divu, -1, 2, 0x7fffffffffffffff
        RR  48, remu, -1, 2, 1
        RR  49, divu, -7, -2, 0                     /* huge / huger */
        RR  50, remu, -7, -2, -7
        RR  51, divu, 0x8000000000000000, -1, 0
        RR  52, remu, 0x8000000000000000, -1, 0x8000000000000000
        RR  53, divu, 123, 0, 0xffffffffffffffff
        RR  54, remu, 123, 0, 123
        RR  55, divu, -1, 0, 0xffffffffffffffff
        RR  56, remu, -1, 0, -1

        /* ---------------- MULW ---------------- */
        RR  57, mulw, 0x7fffffff, 2, 0xfffffffffffffffe
        RR  58, mulw, 0x10000, 0x10000, 0           /* 2^32 truncated */
        RR  59, mulw, 0x123400000003, 0x567800000005, 15   /* upper bits ignored */
        RR  60, mulw, -1, -1, 1
        RR  61, mulw, 0x40000000, 2, 0xffffffff80000000
        RR  62, mulw, 0xffff, 0xffff, 0xfffffffffffe0001

        /* ---------------- DIVW / REMW ---------------- */
        RR  63, divw, 20, 6, 3
        RR  64, remw, 20, 6, 2
        RR  65, divw, -7, 2, -3
        RR  66, remw, -7, 2, -1
        RR  67, divw, 0x00000001fffffff9, 2, -3    /* operands are rs[31:0] */
        RR  68, remw, 0x00000001fffffff9, 2, -1
        RR  69, divw, 0x80000000, 1, 0xffffffff80000000
        RR  70, divw, 7, 0x100000000, -1            /* divisor[31:0] == 0 */
        RR  71, remw, 7, 0x100000000, 7
        RR  72, remw, 0x00000000fffffff0, 0, 0xfffffffffffffff0   /* sext(dividend[31:0]) */
        RR  73, remw, 0x1234567800000009, 0, 9
        RR  74, divw, 0x80000000, -1, 0xffffffff80000000          /* overflow */
        RR  75, remw, 0x80000000, -1, 0
        RR  76, divw, 0xffffffff80000000, 0xffffffff, 0xffffffff80000000

        /* ---------------- DIVUW / REMUW ---------------- */
        RR  77, divuw, 20, 6, 3
        RR  78, remuw, 20, 6, 2
        RR  79, divuw, 0xffffffff, 1, 0xffffffffffffffff          /* result sign-extended */
        RR  80, divuw, 0xffffffff, 2, 0x7fffffff
        RR  81, remuw, 0xffffffff, 2, 1
        RR  82, divuw, 0x80000000, 1, 0xffffffff80000000
        RR  83, divuw, 0xfffffffe00000007, 0x0000000100000002, 3   /* 7 / 2 */
        RR  84, divuw, 9, 0, 0xffffffffffffffff
        RR  85, remuw, 9, 0, 9
        RR  86, remuw, 0x00000000fffffff0, 0, 0xfffffffffffffff0  /* sext(dividend[31:0]) */
        RR  87, remuw, 0x80000005, 0x80000000, 5
        RR  88, divuw, 0x80000000, 0xffffffff, 0

        /* ---------------- rd == rs1 == rs2, x0 destination ---------------- */
        li      a1, 9
        mul     a1, a1, a1
        CHECK_EQ(89, a1, 81)
        div     a1, a1, a1
        CHECK_EQ(90, a1, 1)
        li      a1, 5
        li      a2, 0
        div     x0, a1, a2
        mv      a3, x0
        CHECK_EQ(91, a3, 0)

        /* back-to-back MULH/MUL pair (fusion-friendly order) */
        li      a1, 0x0123456789abcdef
        li      a2, 0xfedcba9876543211
        mulhu   a3, a1, a2
        mul     a4, a1, a2
        CHECK_EQ(92, a3, 0x121fa00ad77d742)
        CHECK_EQ(93, a4, 0x235a1df76f0d5adf)

        PASS
