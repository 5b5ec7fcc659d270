/*
 * rv64i_branch_jump: conditional branches (taken / not taken, signed vs
 * unsigned), JAL / JALR link values, JALR target low-bit clearing, jumps to
 * 2-byte aligned targets (legal with the C extension), far branches.
 */
#include "common.h"

/* branch `op a, b` must be taken */
.macro BT n, op, a, b
        _check_id \n
        li      a1, \a
        li      a2, \b
        \op     a1, a2, .Lbt_ok\@
        _fail_raw \n
.Lbt_ok\@:
.endm

/* branch `op a, b` must not be taken */
.macro BN n, op, a, b
        _check_id \n
        li      a1, \a
        li      a2, \b
        \op     a1, a2, .Lbn_bad\@
        j       .Lbn_ok\@
.Lbn_bad\@:
        _fail_raw \n
.Lbn_ok\@:
.endm

TEST_START

        /* ---------------- BEQ / BNE ---------------- */
        BT   1, beq, 0, 0
        BT   2, beq, -1, -1
        BN   3, beq, 1, 2
        BN   4, beq, 0x100000000, 0        /* all 64 bits compared */
        BT   5, bne, 0x100000000, 0
        BT   6, bne, 1, -1
        BN   7, bne, 5, 5
        BN   8, bne, 0x8000000000000000, 0x8000000000000000

        /* ---------------- BLT / BGE (signed) ---------------- */
        BT   9, blt, -1, 0
        BT  10, blt, 0x8000000000000000, 0x7fffffffffffffff
        BN  11, blt, 0, -1
        BN  12, blt, 7, 7
        BT  13, bge, 7, 7
        BT  14, bge, 0, -1
        BT  15, bge, 0x7fffffffffffffff, 0x8000000000000000
        BN  16, bge, -2, -1

        /* ---------------- BLTU / BGEU (unsigned) ---------------- */
        BT  17, bltu, 0, -1
        BT  18, bltu, 0x7fffffffffffffff, 0x8000000000000000
        BN  19, bltu, -1, 0
        BN  20, bltu, 3, 3
        BT  21, bgeu, 3, 3
        BT  22, bgeu, -1, 0
        BN  23, bgeu, 0, 1
        BN  24, bgeu, 0x7fffffffffffffff, 0xffffffffffffffff

        /* ---------------- comparisons against x0 ---------------- */
        BT  25, blt, -5, 0
        BN  26, bltu, 5, 0                  /* nothing is below 0 unsigned */
        BT  27, bgeu, 0, 0
        li      a1, -3
        bltz    a1, 1f
        FAIL(28)
1:      bgez    a1, 2f
        bgtz    a1, 2f
        blez    a1, 3f
2:      FAIL(29)
3:      li      a1, 0
        bnez    a1, 2b
        beqz    a1, 4f
        FAIL(30)
4:

        /* ---------------- backward branch loop ---------------- */
        li      a1, 0
        li      a2, 10
5:      add     a1, a1, a2
        addi    a2, a2, -1
        bnez    a2, 5b
        CHECK_EQ(31, a1, 55)

        /* ---------------- JAL ---------------- */
        .option push
        .option norvc
        jal     a5, .Ljal_t1
.Ljal_r1:
        FAIL(32)
.Ljal_t1:
        CHECK_ADDR(33, a5, .Ljal_r1)

        /* backward JAL */
        j       .Ljal_fwd
.Ljal_back:
        CHECK_ADDR(34, a4, .Ljal_r2)
        j       .Ljal_done
.Ljal_fwd:
        jal     a4, .Ljal_back
.Ljal_r2:
        FAIL(35)
.Ljal_done:

        /* JAL with rd = x0 does not write anything */
        li      a5, 123
        jal     x0, 1f
        FAIL(36)
1:      CHECK_EQ(37, a5, 123)

        /* ---------------- JALR ---------------- */
        la      a1, .Ljalr_t1
        jalr    a5, 0(a1)
.Ljalr_r1:
        FAIL(38)
.Ljalr_t1:
        CHECK_ADDR(39, a5, .Ljalr_r1)

        /* positive and negative immediates */
        la      a1, .Ljalr_t2 - 16
        jalr    a5, 16(a1)
        FAIL(40)
.Ljalr_t2:
        la      a1, .Ljalr_t3 + 2000
        jalr    a5, -2000(a1)
        FAIL(41)
.Ljalr_t3:

        /* target bit 0 is cleared: rs1 odd, or rs1 + imm odd */
        la      a1, .Ljalr_t4
        addi    a1, a1, 1
        jalr    a5, 0(a1)
.Ljalr_r4:
        FAIL(42)
.Ljalr_t4:
        CHECK_ADDR(43, a5, .Ljalr_r4)
        la      a1, .Ljalr_t5
        jalr    a5, 1(a1)
        FAIL(44)
.Ljalr_t5:
        la      a1, .Ljalr_t6 + 2
        jalr    a5, -1(a1)                 /* target + 1, bit 0 cleared */
        FAIL(45)
.Ljalr_t6:

        /* rd == rs1: the target uses the old value */
        la      a5, .Ljalr_t7
        jalr    a5, 0(a5)
.Ljalr_r7:
        FAIL(46)
.Ljalr_t7:
        CHECK_ADDR(47, a5, .Ljalr_r7)

        /* JALR with rd = x0 (ret) */
        la      a1, .Ljalr_t8
        li      a5, 77
        jalr    x0, 0(a1)
        FAIL(48)
.Ljalr_t8:
        CHECK_EQ(49, a5, 77)

        /* call / ret through ra */
        jal     ra, .Lfunc
.Lfunc_ret:
        CHECK_EQ(50, a0, 0x5a)
        CHECK_ADDR(51, ra, .Lfunc_ret)

        /* ---------------- targets that are 2 (mod 4) ---------------- */
        /* with the C extension IALIGN is 16: no misaligned-fetch trap */
        la      a1, .Lhalf_base
        addi    a1, a1, 2
        li      a3, 0
        jalr    a5, 0(a1)
.Lhalf_r:
        CHECK_EQ(52, a3, 0x77)
        CHECK_ADDR(53, a5, .Lhalf_r)
        /* a branch to a 2 (mod 4) target */
        li      a3, 0
        beqz    zero, .Lhalf_base2 + 2
        FAIL(54)
.Lhalf_back2:
        CHECK_EQ(55, a3, 0x66)
        /* a JAL from a 2 (mod 4) address: link = its pc + 4 */
        la      a1, .Lhalf_base3
        addi    a1, a1, 2
        jalr    a5, 0(a1)
        CHECK_ADDR(56, a4, .Lhalf_link3)

        /* ---------------- far branch / jump ---------------- */
        li      a1, 1
        bnez    a1, .Lfar_b              /* about +4000 bytes */
        FAIL(57)
.Lfar_b_back:
        jal     a5, .Lfar_j              /* about +12 KiB */
.Lfar_j_r:
        FAIL(58)
.Lfar_j_back:
        CHECK_ADDR(59, a5, .Lfar_j_r)
        j       .Lend

        /* ---------------- out-of-line pieces ---------------- */
.Lfunc:
        li      a0, 0x5a
        ret

        .balign 4
.Lhalf_base:
        .half   0x0001                  /* c.nop, skipped */
        addi    a3, zero, 0x77          /* at 2 (mod 4) */
        jalr    x0, 0(a5)
        .balign 4
.Lhalf_base2:
        .half   0x0001
        addi    a3, zero, 0x66
        j       .Lhalf_back2
        .balign 4
.Lhalf_base3:
        .half   0x0001
        jal     a4, .Lhalf_t3           /* at 2 (mod 4) */
.Lhalf_link3:
        FAIL(60)
.Lhalf_t3:
        jalr    x0, 0(a5)

        .skip   3900
.Lfar_b:
        j       .Lfar_b_back
        .skip   8192
.Lfar_j:
        j       .Lfar_j_back
        .option pop

.Lend:
        PASS
