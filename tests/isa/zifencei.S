/*
 * zifencei: FENCE.I makes stores to instruction memory visible to
 * instruction fetch (self-modifying code, code copied to RAM, patches of
 * 16-bit instructions, patches right ahead of the pc, stores by AMO).
 * Behaviour without FENCE.I is unspecified and not tested.  Also FENCE
 * variants decode and execute as no-ops in a single-hart system.
 */
#include "common.h"

/* I-type `addi rd, zero, imm` encoding */
#define ADDI_X0(rd, imm)  ((((imm) & 0xfff) << 20) | ((rd) << 7) | 0x13)
#define A0 10
#define A3 13

        .data
        .balign 8
code_buf:
        .skip   64

        .text
TEST_START
        .option push
        .option norvc

        /* ---------------- patch a function, many times ---------------- */
        jal     ra, patch_fn
        CHECK_EQ(1, a0, 1)
        la      a1, patch_fn
        li      a2, ADDI_X0(A0, 2)
        sw      a2, 0(a1)
        fence.i
        jal     ra, patch_fn
        CHECK_EQ(2, a0, 2)
        /* loop: every iteration changes the immediate */
        li      s2, 3
1:      li      a2, ADDI_X0(A0, 0)
        slli    a3, s2, 20
        or      a2, a2, a3
        sw      a2, 0(a1)
        fence.i
        jal     ra, patch_fn
        bne     a0, s2, 2f
        addi    s2, s2, 1
        li      a3, 40
        bne     s2, a3, 1b
        j       3f
2:      FAIL(3)
3:
        /* ---------------- patch right ahead of the pc ---------------- */
        la      a1, 4f
        li      a2, ADDI_X0(A3, 9)
        sw      a2, 0(a1)
        fence.i
4:      addi    a3, zero, 1
        CHECK_EQ(4, a3, 9)
        la      a1, 5f
        li      a2, ADDI_X0(A3, 10)
        sw      a2, 0(a1)
        fence.i
        nop
        nop
5:      addi    a3, zero, 1
        CHECK_EQ(5, a3, 10)

        /* ---------------- a 16-bit instruction ---------------- */
        la      a1, half_fn
        jal     ra, half_fn
        CHECK_EQ(6, a0, 3)
        li      a2, 0x4515                      /* c.li a0, 5 */
        sh      a2, 0(a1)
        fence.i
        jal     ra, half_fn
        CHECK_EQ(7, a0, 5)
        /* and once more with another value */
        li      a2, 0x4525                      /* c.li a0, 9 */
        sh      a2, 0(a1)
        fence.i
        jal     ra, half_fn
        CHECK_EQ(8, a0, 9)

        /* ---------------- code copied into a data buffer ---------------- */
        la      a1, code_buf
        li      a2, ADDI_X0(A0, 0x123)
        sw      a2, 0(a1)
        li      a2, 0x00008067                  /* jalr x0, 0(ra) */
        sw      a2, 4(a1)
        fence.i
        jalr    ra, 0(a1)
        CHECK_EQ(9, a0, 0x123)
        /* overwrite with a different body, same address */
        li      a2, ADDI_X0(A0, 0x456)
        sw      a2, 0(a1)
        fence.i
        jalr    ra, 0(a1)
        CHECK_EQ(10, a0, 0x456)
        /* written by an AMO */
        li      a2, ADDI_X0(A0, 0x789)
        amoswap.w a3, a2, (a1)
        CHECK_EQ(11, a3, ADDI_X0(A0, 0x456))
        fence.i
        jalr    ra, 0(a1)
        CHECK_EQ(12, a0, 0x789)
        /* written as part of a doubleword store */
        li      a2, (0x00008067 << 32) | ADDI_X0(A0, 0x321)
        sd      a2, 0(a1)
        fence.i
        jalr    ra, 0(a1)
        CHECK_EQ(13, a0, 0x321)
        /* written byte by byte */
        li      a2, ADDI_X0(A0, 0x654)
        sb      a2, 0(a1)
        srli    a2, a2, 8
        sb      a2, 1(a1)
        srli    a2, a2, 8
        sb      a2, 2(a1)
        srli    a2, a2, 8
        sb      a2, 3(a1)
        fence.i
        jalr    ra, 0(a1)
        CHECK_EQ(14, a0, 0x654)

        /* ---------------- FENCE variants are harmless ---------------- */
        li      a3, 15
        fence
        fence   rw, rw
        fence   r, w
        fence   iorw, iorw
        fence.tso
        fence   w, r
        CHECK_EQ(15, a3, 15)
        j       .Lend

        .balign 4
patch_fn:
        addi    a0, zero, 1
        jalr    x0, 0(ra)

        .balign 4
half_fn:
        .half   0x450d                          /* c.li a0, 3 */
        .half   0x8082                          /* c.jr ra */

.Lend:
        .option pop
        PASS
