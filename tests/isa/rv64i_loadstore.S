/*
 * rv64i_loadstore: LB/LBU/LH/LHU/LW/LWU/LD and SB/SH/SW/SD (naturally
 * aligned), sign and zero extension, little-endian byte order, positive and
 * negative 12-bit offsets, partial stores leaving neighbouring bytes alone,
 * rd == rs1 and loads into x0.
 */
#include "common.h"

/* load `op` at label+off and compare */
.macro LD_CHK n, op, sym, off, exp
        la      a1, \sym
        \op     a3, \off(a1)
        CHECK_EQ(\n, a3, \exp)
.endm

        .data
        .balign 16
src:
        .byte   0x81, 0x7f, 0xff, 0x00, 0x00, 0x80, 0x34, 0x12     /* 0..7  */
        .byte   0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0x7f     /* 8..15 */
        .dword  0x8877665544332211                                 /* 16    */
        .dword  0xfedcba9876543210                                 /* 24    */
src_end:
        .balign 16
buf:    .skip   64
        .balign 16
far_lo: .dword  0x1111111111111111
        .skip   2040
far_mid:
        .skip   2040
far_hi: .dword  0x2222222222222222

        .text
TEST_START

        /* ---------------- byte loads ---------------- */
        LD_CHK  1, lb,  src, 0, 0xffffffffffffff81
        LD_CHK  2, lbu, src, 0, 0x81
        LD_CHK  3, lb,  src, 1, 0x7f
        LD_CHK  4, lbu, src, 1, 0x7f
        LD_CHK  5, lb,  src, 2, -1
        LD_CHK  6, lbu, src, 2, 0xff
        LD_CHK  7, lb,  src, 3, 0
        LD_CHK  8, lbu, src, 3, 0

        /* ---------------- halfword loads ---------------- */
        LD_CHK  9, lh,  src, 0, 0x7f81
        LD_CHK 10, lhu, src, 0, 0x7f81
        LD_CHK 11, lh,  src, 2, 0x00ff
        LD_CHK 12, lh,  src, 4, 0xffffffffffff8000
        LD_CHK 13, lhu, src, 4, 0x8000
        LD_CHK 14, lh,  src, 6, 0x1234
        LD_CHK 15, lh,  src, 12, -1
        LD_CHK 16, lhu, src, 12, 0xffff

        /* ---------------- word loads ---------------- */
        LD_CHK 17, lw,  src, 0, 0x00ff7f81
        LD_CHK 18, lw,  src, 4, 0x12348000
        LD_CHK 19, lw,  src, 8, 0xffffffff80000000
        LD_CHK 20, lwu, src, 8, 0x80000000
        LD_CHK 21, lw,  src, 12, 0x7fffffff
        LD_CHK 22, lwu, src, 12, 0x7fffffff
        LD_CHK 23, lw,  src, 16, 0x44332211
        LD_CHK 24, lw,  src, 20, 0xffffffff88776655
        LD_CHK 25, lwu, src, 20, 0x88776655

        /* ---------------- doubleword loads ---------------- */
        LD_CHK 26, ld, src, 0, 0x1234800000ff7f81
        LD_CHK 27, ld, src, 8, 0x7fffffff80000000
        LD_CHK 28, ld, src, 16, 0x8877665544332211
        LD_CHK 29, ld, src, 24, 0xfedcba9876543210

        /* ---------------- negative offsets ---------------- */
        LD_CHK 30, ld,  src_end, -8, 0xfedcba9876543210
        LD_CHK 31, lb,  src_end, -1, 0xfffffffffffffffe
        LD_CHK 32, lbu, src_end, -1, 0xfe
        LD_CHK 33, lh,  src_end, -2, 0xfffffffffffffedc
        LD_CHK 34, lwu, src_end, -4, 0xfedcba98
        LD_CHK 35, lw,  src_end, -4, 0xfffffffffedcba98
        LD_CHK 36, lbu, src_end, -32, 0x81

        /* ---------------- 12-bit offset extremes ---------------- */
        la      a1, far_mid
        addi    a1, a1, 2040 - 2047     /* a1 + 2047 -> far_hi + 0 ... */
        la      a2, far_hi
        sub     a2, a2, a1
        CHECK_EQ(37, a2, 2047)
        ld      a3, 2047(a1)
        CHECK_EQ(38, a3, 0x2222222222222222)
        la      a1, far_lo + 2048
        ld      a3, -2048(a1)
        CHECK_EQ(39, a3, 0x1111111111111111)

        /* ---------------- stores: only the addressed bytes change ---------------- */
        la      a1, buf
        li      a2, -1
        sd      a2, 0(a1)
        sd      a2, 8(a1)
        li      a2, 0x0123456789abcdef
        sb      a2, 3(a1)
        ld      a3, 0(a1)
        CHECK_EQ(40, a3, 0xffffffffefffffff)
        sh      a2, 6(a1)
        ld      a3, 0(a1)
        CHECK_EQ(41, a3, 0xcdefffffefffffff)
        sw      a2, 8(a1)
        ld      a3, 8(a1)
        CHECK_EQ(42, a3, 0xffffffff89abcdef)
        ld      a3, 0(a1)
        CHECK_EQ(43, a3, 0xcdefffffefffffff)
        sd      a2, 16(a1)
        ld      a3, 16(a1)
        CHECK_EQ(44, a3, 0x0123456789abcdef)
        /* little endian: the byte at the lowest address is the LSB */
        lbu     a3, 16(a1)
        CHECK_EQ(45, a3, 0xef)
        lbu     a3, 23(a1)
        CHECK_EQ(46, a3, 0x01)
        lhu     a3, 18(a1)
        CHECK_EQ(47, a3, 0x89ab)
        lwu     a3, 20(a1)
        CHECK_EQ(48, a3, 0x01234567)
        /* sub-word stores compose into a doubleword */
        li      a2, 0x11
        sb      a2, 24(a1)
        li      a2, 0x22
        sb      a2, 25(a1)
        li      a2, 0x4433
        sh      a2, 26(a1)
        li      a2, 0x88776655
        sw      a2, 28(a1)
        ld      a3, 24(a1)
        CHECK_EQ(49, a3, 0x8877665544332211)

        /* negative store offsets */
        addi    a4, a1, 48
        li      a2, 0x5566778899aabbcc
        sd      a2, -8(a4)
        sw      a2, -12(a4)
        sh      a2, -14(a4)
        sb      a2, -15(a4)
        ld      a3, 40(a1)
        CHECK_EQ(50, a3, 0x5566778899aabbcc)
        lwu     a3, 36(a1)
        CHECK_EQ(51, a3, 0x99aabbcc)
        lhu     a3, 34(a1)
        CHECK_EQ(52, a3, 0xbbcc)
        lbu     a3, 33(a1)
        CHECK_EQ(53, a3, 0xcc)

        /* store of x0 */
        sd      x0, 40(a1)
        ld      a3, 40(a1)
        CHECK_EQ(54, a3, 0)

        /* store where rs2 == rs1 (stores the address itself) */
        sd      a1, 0(a1)
        ld      a3, 0(a1)
        CHECK_EQR(55, a3, a1)

        /* load with rd == rs1 */
        la      a1, src + 24
        ld      a1, 0(a1)
        CHECK_EQ(56, a1, 0xfedcba9876543210)
        la      a1, src
        lbu     a1, 1(a1)
        CHECK_EQ(57, a1, 0x7f)

        /* load into x0: no effect, no trap */
        la      a1, src
        ld      x0, 0(a1)
        lw      x0, 4(a1)
        lb      x0, 0(a1)
        mv      a3, x0
        CHECK_EQ(58, a3, 0)

        /* loads are not affected by the sign of the base address arithmetic */
        la      a1, src + 2048
        lbu     a3, -2048(a1)
        CHECK_EQ(59, a3, 0x81)

        /* store/load round trip through every width on the same address */
        la      a1, buf + 56
        li      a2, 0x8000000000000001
        sd      a2, 0(a1)
        lw      a3, 4(a1)
        CHECK_EQ(60, a3, 0xffffffff80000000)
        lw      a3, 0(a1)
        CHECK_EQ(61, a3, 1)
        lh      a3, 6(a1)
        CHECK_EQ(62, a3, 0xffffffffffff8000)
        lb      a3, 7(a1)
        CHECK_EQ(63, a3, 0xffffffffffffff80)
        lbu     a3, 7(a1)
        CHECK_EQ(64, a3, 0x80)

        PASS
