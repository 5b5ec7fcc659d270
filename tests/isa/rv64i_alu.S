/*
 * rv64i_alu: RV64I integer computational instructions.
 * Register-register and register-immediate ALU operations, shifts (6-bit
 * shift amounts, 5-bit for the W forms), comparisons, LUI/AUIPC, the *W
 * instructions (32-bit result sign-extended to 64 bits) and x0 hardwiring.
 */
#include "common.h"

/* rd = op(a, b) with rd distinct from the sources */
.macro RR n, op, a, b, exp
        li      a1, \a
        li      a2, \b
        \op     a3, a1, a2
        CHECK_EQ(\n, a3, \exp)
.endm

/* rd = op(a, imm) */
.macro RI n, op, a, imm, exp
        li      a1, \a
        \op     a3, a1, \imm
        CHECK_EQ(\n, a3, \exp)
.endm

TEST_START

        /* ---------------- ADD / SUB ---------------- */
        RR  1, add, 0, 0, 0
        RR  2, add, 1, 1, 2
        RR  3, add, 3, -7, -4
        RR  4, add, 0x7fffffffffffffff, 1, 0x8000000000000000
        RR  5, add, 0xffffffffffffffff, 1, 0
        RR  6, add, 0x00000000ffffffff, 1, 0x0000000100000000
        RR  7, sub, 0, 1, -1
        RR  8, sub, 0x8000000000000000, 1, 0x7fffffffffffffff
        RR  9, sub, 5, -3, 8
        RR 10, sub, 0x0000000100000000, 1, 0x00000000ffffffff

        /* ---------------- logical ---------------- */
        RR 11, xor, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0
        RR 12, or,  0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xfff0fff0fff0fff0
        RR 13, and, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0x0f000f000f000f00

        /* ---------------- shifts: amount is rs2[5:0] ---------------- */
        RR 14, sll, 1, 63, 0x8000000000000000
        RR 15, sll, 1, 64, 1                      /* 64 & 63 == 0 */
        RR 16, sll, 0x0123456789abcdef, 68, 0x123456789abcdef0
        RR 17, srl, 0x8000000000000000, 63, 1
        RR 18, srl, 0x8000000000000000, 0xffffffffffffffc1, 0x4000000000000000   /* amount 1 */
        RR 19, sra, 0x8000000000000000, 63, -1
        RR 20, sra, 0x8000000000000000, 4, 0xf800000000000000
        RR 21, sra, 0x7000000000000000, 4, 0x0700000000000000
        RR 22, srl, 0xffffffffffffffff, 32, 0x00000000ffffffff

        /* ---------------- compares ---------------- */
        RR 23, slt,  -1, 1, 1
        RR 24, sltu, -1, 1, 0
        RR 25, slt,  1, -1, 0
        RR 26, sltu, 1, -1, 1
        RR 27, slt,  5, 5, 0
        RR 28, sltu, 0, 0, 0
        RR 29, slt,  0x8000000000000000, 0x7fffffffffffffff, 1
        RR 30, sltu, 0x8000000000000000, 0x7fffffffffffffff, 0

        /* ---------------- register-immediate ---------------- */
        RI 31, addi, 0, 2047, 2047
        RI 32, addi, 0, -2048, -2048
        RI 33, addi, 0x7fffffffffffffff, 1, 0x8000000000000000
        RI 34, addi, 1, -1, 0
        RI 35, slti, -5, -4, 1
        RI 36, slti, -4, -5, 0
        RI 37, sltiu, 0, 1, 1                       /* seqz */
        RI 38, sltiu, 5, 1, 0
        RI 39, sltiu, 0xfffffffffffffffe, -1, 1     /* imm sign-extended, compared unsigned */
        RI 40, sltiu, 0xffffffffffffffff, -1, 0
        RI 41, xori, 0x00ff00ff00ff00ff, -1, 0xff00ff00ff00ff00   /* not */
        RI 42, xori, 0x0f, 0x7f0, 0x7ff
        RI 43, ori,  0x0000000100000000, -2048, 0xfffffffffffff800
        RI 44, ori,  0x1000, 0x0ff, 0x10ff
        RI 45, andi, 0x123456789abcdef0, -16, 0x123456789abcdef0
        RI 46, andi, 0x123456789abcdeff, 0x7ff, 0x6ff
        RI 47, andi, 0xffffffffffffffff, -2048, 0xfffffffffffff800
        RI 48, slli, 1, 63, 0x8000000000000000
        RI 49, slli, 0x00000000ffffffff, 32, 0xffffffff00000000
        RI 50, srli, 0x8000000000000000, 63, 1
        RI 51, srli, 0xffffffff00000000, 32, 0x00000000ffffffff
        RI 52, srai, 0x8000000000000000, 63, -1
        RI 53, srai, 0xffffffff00000000, 32, -1
        RI 54, srai, 0x4000000000000000, 62, 1
        RI 55, slli, 0x1234, 0, 0x1234
        RI 56, srai, 0x1234, 0, 0x1234

        /* ---------------- LUI / AUIPC ---------------- */
        lui     a3, 0x80000               /* bit 31 set: sign-extends on RV64 */
        CHECK_EQ(57, a3, 0xffffffff80000000)
        lui     a3, 0x7ffff
        CHECK_EQ(58, a3, 0x7ffff000)
        lui     a3, 0xfffff
        CHECK_EQ(59, a3, 0xfffffffffffff000)
        lui     a3, 0
        CHECK_EQ(60, a3, 0)
1:      auipc   a3, 0
        CHECK_ADDR(61, a3, 1b)
2:      auipc   a3, 1
        la      a4, 2b
        sub     a3, a3, a4
        CHECK_EQ(62, a3, 0x1000)
3:      auipc   a3, 0x80000               /* pc - 2^31 */
        la      a4, 3b
        sub     a3, a3, a4
        CHECK_EQ(63, a3, 0xffffffff80000000)
4:      auipc   a3, 0xfffff               /* pc - 4096 */
        la      a4, 4b
        sub     a3, a4, a3
        CHECK_EQ(64, a3, 0x1000)

        /* ---------------- W forms: 32-bit ops, sign-extended ---------------- */
        RR 65, addw, 0x7fffffff, 1, 0xffffffff80000000
        RR 66, addw, 0xffffffff00000001, 0x0000000100000001, 2   /* upper bits ignored */
        RR 67, addw, 0xffffffff, 0xffffffff, 0xfffffffffffffffe
        RR 68, addw, 0x80000000, 0x80000000, 0
        RR 69, subw, 0, 1, -1
        RR 70, subw, 0x80000000, 1, 0x7fffffff
        RR 71, subw, 0x0000000500000000, 0x0000000300000001, -1
        RR 72, sllw, 1, 31, 0xffffffff80000000
        RR 73, sllw, 1, 32, 1                       /* amount is rs2[4:0] */
        RR 74, sllw, 3, 33, 6
        RR 75, sllw, 0xffffffff00000001, 4, 0x10
        RR 76, srlw, 0xffffffff80000000, 0, 0xffffffff80000000
        RR 77, srlw, 0xffffffff80000000, 1, 0x40000000
        RR 78, srlw, 0x0000000180000000, 31, 1
        RR 79, srlw, 0x80000000, 63, 1              /* 63 & 31 == 31 */
        RR 80, sraw, 0x80000000, 4, 0xfffffffff8000000
        RR 81, sraw, 0x7fffffff, 31, 0
        RR 82, sraw, 0x00000000ffffffff, 35, -1     /* amount 3 */
        RR 83, sraw, 0xfffffff070000000, 4, 0x07000000
        RI 84, addiw, 0x7fffffff, 1, 0xffffffff80000000
        RI 85, addiw, 0x123456789abcdef0, 0, 0xffffffff9abcdef0   /* sext.w */
        RI 86, addiw, 0xffffffff, 1, 0
        RI 87, addiw, 0, -2048, -2048
        RI 88, slliw, 1, 31, 0xffffffff80000000
        RI 89, slliw, 0x00000000ffffffff, 16, 0xffffffffffff0000
        RI 90, slliw, 0x12345678, 0, 0x12345678
        RI 91, srliw, 0xffffffff80000000, 31, 1
        RI 92, srliw, 0x80000000, 0, 0xffffffff80000000
        RI 93, srliw, 0xffffffffffffffff, 16, 0xffff
        RI 94, sraiw, 0x80000000, 31, -1
        RI 95, sraiw, 0x0000000040000000, 30, 1
        RI 96, sraiw, 0x1234567880000000, 8, 0xffffffffff800000
        RI 97, sraiw, 0x00000000deadbeef, 0, 0xffffffffdeadbeef

        /* ---------------- rd == rs ---------------- */
        li      a1, 21
        add     a1, a1, a1
        CHECK_EQ(98, a1, 42)
        li      a1, 7
        sub     a1, a1, a1
        CHECK_EQ(99, a1, 0)
        li      a1, 0x0f0f
        xor     a1, a1, a1
        CHECK_EQ(100, a1, 0)
        li      a1, 3
        sll     a1, a1, a1
        CHECK_EQ(101, a1, 24)

        /* ---------------- x0 is hardwired to zero ---------------- */
        li      a1, 5
        li      a2, 7
        add     x0, a1, a2
        mv      a3, x0
        CHECK_EQ(102, a3, 0)
        addi    x0, x0, 1
        lui     x0, 0x12345
        auipc   x0, 0x12345
        addi    a3, x0, 0
        CHECK_EQ(103, a3, 0)
        sub     a3, x0, a1                        /* neg */
        CHECK_EQ(104, a3, -5)
        sltu    a3, x0, a1                        /* snez */
        CHECK_EQ(105, a3, 1)
        sltu    a3, x0, x0
        CHECK_EQ(106, a3, 0)
        or      a3, x0, x0
        CHECK_EQ(107, a3, 0)
        .option push
        .option norvc
        nop                                       /* addi x0, x0, 0 */
        .option pop

        /* every register can hold and return a value (except x0) */
        li      x1, 0x1111
        li      x2, 0x2222
        li      x3, 0x3333
        li      x5, 0x5555
        li      x6, 0x6666
        li      x7, 0x7777
        li      x8, 0x8888
        li      x9, 0x9999
        li      x10, 0xaaaa
        li      x11, 0xbbbb
        li      x12, 0xcccc
        li      x13, 0xdddd
        li      x14, 0xeeee
        li      x15, 0xffff
        li      x16, 0x10000
        li      x17, 0x11000
        li      x18, 0x12000
        li      x19, 0x13000
        li      x20, 0x14000
        li      x21, 0x15000
        li      x22, 0x16000
        li      x23, 0x17000
        li      x24, 0x18000
        li      x25, 0x19000
        li      x26, 0x1a000
        li      x27, 0x1b000
        li      x28, 0x1c000
        li      x29, 0x1d000
        add     x30, x1, x2
        add     x30, x30, x3
        add     x30, x30, x5
        add     x30, x30, x6
        add     x30, x30, x7
        add     x30, x30, x8
        add     x30, x30, x9
        add     x30, x30, x10
        add     x30, x30, x11
        add     x30, x30, x12
        add     x30, x30, x13
        add     x30, x30, x14
        add     x30, x30, x15
        add     x30, x30, x16
        add     x30, x30, x17
        add     x30, x30, x18
        add     x30, x30, x19
        add     x30, x30, x20
        add     x30, x30, x21
        add     x30, x30, x22
        add     x30, x30, x23
        add     x30, x30, x24
        add     x30, x30, x25
        add     x30, x30, x26
        add     x30, x30, x27
        add     x30, x30, x28
        add     x30, x30, x29
        /* 0x1111+...+0xffff (14 terms) = 0x8fff7 minus 0x4444; plus 0x10000+..+0x1d000 */
        CHECK_EQ(108, x30, (0x1111+0x2222+0x3333+0x5555+0x6666+0x7777+0x8888+0x9999+0xaaaa+0xbbbb+0xcccc+0xdddd+0xeeee+0xffff+0x10000+0x11000+0x12000+0x13000+0x14000+0x15000+0x16000+0x17000+0x18000+0x19000+0x1a000+0x1b000+0x1c000+0x1d000))
        li      x31, -1
        CHECK_EQ(109, x31, -1)
        CHECK_EQ(110, x1, 0x1111)
        CHECK_EQ(111, x29, 0x1d000)

        /* ---------------- li sequences: full 64-bit constants ---------------- */
        li      a3, 0x123456789abcdef0
        srli    a4, a3, 32
        CHECK_EQ(112, a4, 0x12345678)
        slli    a4, a3, 32
        CHECK_EQ(113, a4, 0x9abcdef000000000)

        PASS
