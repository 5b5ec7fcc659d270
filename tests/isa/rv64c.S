/*
 * rv64c: compressed instructions from all three quadrants.
 * Every instruction under test is written with its c.* mnemonic inside the
 * C16 macro, which also asserts (at assembly time) that it is 2 bytes long.
 * Quadrant 0: C.ADDI4SPN C.LW C.LD C.SW C.SD C.FLD C.FSD
 * Quadrant 1: C.NOP C.ADDI C.ADDIW C.LI C.ADDI16SP C.LUI C.SRLI C.SRAI
 *             C.ANDI C.SUB C.XOR C.OR C.AND C.SUBW C.ADDW C.J C.BEQZ C.BNEZ
 * Quadrant 2: C.SLLI C.LWSP C.LDSP C.FLDSP C.SWSP C.SDSP C.FSDSP C.JR
 *             C.JALR C.MV C.ADD C.EBREAK
 * plus the defined-illegal all-zero halfword and 32-bit instructions at
 * 2 (mod 4) addresses.
 */
#include "common.h"

.macro C16 args:vararg
.Lc16_\@:
        \args
  .if (. - .Lc16_\@) != 2
        .error "instruction is not 2 bytes"
  .endif
.endm

/* control transfers: their size is not known to the assembler in pass 1
   (checked with objdump when the test was written) */
.macro C16J args:vararg
        \args
.endm

        .data
        .balign 16
mem:    .dword  0x8000000012345678      /* 0   */
        .dword  0xfedcba9876543210      /* 8   */
        .dword  0x400921fb54442d18      /* 16: pi as double */
        .skip   232
mem_hi: .dword  0x0badc0de0badc0de      /* 256: read with the maximum C.LD offset */
        .balign 16
out:    .skip   512

        .text
TEST_START
        .option push
        .option rvc

        /* ================= quadrant 1 ================= */
        li      a0, 5
        C16     c.addi a0, 31
        CHECK_EQ(1, a0, 36)
        C16     c.addi a0, -32
        CHECK_EQ(2, a0, 4)
        C16     c.li a1, -32
        CHECK_EQ(3, a1, -32)
        C16     c.li a1, 31
        CHECK_EQ(4, a1, 31)
        C16     c.nop
        li      a0, 0x7fffffff
        C16     c.addiw a0, 1                   /* RV64: C.ADDIW, not C.JAL */
        CHECK_EQ(5, a0, 0xffffffff80000000)
        li      a0, 0x123456789abcdef0
        C16     c.addiw a0, 0                   /* sext.w */
        CHECK_EQ(6, a0, 0xffffffff9abcdef0)
        li      a0, 0
        C16     c.addiw a0, -1
        CHECK_EQ(7, a0, -1)
        C16     c.lui a2, 0x1f
        CHECK_EQ(8, a2, 0x1f000)
        C16     c.lui a2, 0xfffe0               /* nzimm = -32: bit 17 set, sign-extends */
        CHECK_EQ(9, a2, 0xfffffffffffe0000)
        C16     c.lui a2, 0xfffff
        CHECK_EQ(10, a2, 0xfffffffffffff000)
        C16     c.lui a2, 1
        CHECK_EQ(11, a2, 0x1000)

        /* ADDI16SP: sp += nzimm*16 (-512..496) */
        mv      s1, sp
        C16     c.addi16sp sp, -512
        sub     a3, s1, sp
        CHECK_EQ(12, a3, 512)
        C16     c.addi16sp sp, 496
        sub     a3, sp, s1
        CHECK_EQ(13, a3, -16)
        C16     c.addi16sp sp, 16
        CHECK_EQR(14, sp, s1)

        /* shifts with 6-bit shift amounts */
        li      a0, 0x8000000000000000
        C16     c.srli a0, 63
        CHECK_EQ(15, a0, 1)
        li      a0, 0x8000000000000000
        C16     c.srai a0, 33
        CHECK_EQ(16, a0, 0xffffffffc0000000)
        li      a0, 0xf000000000000000
        C16     c.srli a0, 32
        CHECK_EQ(17, a0, 0x00000000f0000000)
        li      a0, 0x7000000000000000
        C16     c.srai a0, 60
        CHECK_EQ(18, a0, 7)
        li      a0, 1
        C16     c.slli a0, 63
        CHECK_EQ(19, a0, 0x8000000000000000)
        li      a0, 0xffffffff
        C16     c.slli a0, 32
        CHECK_EQ(20, a0, 0xffffffff00000000)
        li      a5, 3
        C16     c.slli a5, 1                    /* any register for C.SLLI */
        CHECK_EQ(21, a5, 6)

        /* C.ANDI: 6-bit sign-extended immediate */
        li      a0, 0x123456789abcdeff
        C16     c.andi a0, -32
        CHECK_EQ(22, a0, 0x123456789abcdee0)
        li      a0, 0x123456789abcdeff
        C16     c.andi a0, 0x1f
        CHECK_EQ(23, a0, 0x1f)
        li      a0, 0x123456789abcdeff
        C16     c.andi a0, -1
        CHECK_EQ(24, a0, 0x123456789abcdeff)

        /* register-register ALU (x8..x15) */
        li      s0, 10
        li      s1, 3
        C16     c.sub s0, s1
        CHECK_EQ(25, s0, 7)
        li      a4, 0xff00
        li      a5, 0x0ff0
        C16     c.xor a4, a5
        CHECK_EQ(26, a4, 0xf0f0)
        li      a4, 0xff00
        C16     c.or a4, a5
        CHECK_EQ(27, a4, 0xfff0)
        li      a4, 0xff00
        C16     c.and a4, a5
        CHECK_EQ(28, a4, 0x0f00)
        li      a2, 0x80000000
        li      a3, 1
        C16     c.subw a2, a3
        CHECK_EQ(29, a2, 0x7fffffff)
        li      a2, 0x7fffffff
        C16     c.addw a2, a3
        CHECK_EQ(30, a2, 0xffffffff80000000)
        li      a2, 0x100000005
        li      a3, 0x200000006
        C16     c.subw a2, a3
        CHECK_EQ(31, a2, -1)

        /* C.J, C.BEQZ, C.BNEZ */
        C16J    c.j 1f
        FAIL(32)
1:      li      s0, 0
        C16J    c.beqz s0, 2f
        FAIL(33)
2:      C16J    c.bnez s0, 3f
        j       4f
3:      FAIL(34)
4:      li      s0, -1
        C16J    c.bnez s0, 5f
        FAIL(35)
5:      C16J    c.beqz s0, 3b
        /* backward C.J / C.BNEZ loop */
        li      s1, 4
        li      a0, 0
6:      C16     c.addi a0, 3
        C16     c.addi s1, -1
        C16J    c.bnez s1, 6b
        CHECK_EQ(36, a0, 12)
        j       8f
7:      C16J    c.j 9f
8:      C16J    c.j 7b
        FAIL(37)
9:

        /* ================= quadrant 2 ================= */
        li      a1, 0x55
        C16     c.mv a0, a1
        CHECK_EQ(38, a0, 0x55)
        li      a0, 100
        li      a1, -1
        C16     c.add a0, a1
        CHECK_EQ(39, a0, 99)
        li      t0, 1
        C16     c.add t0, t0
        CHECK_EQ(40, t0, 2)

        /* C.JR / C.JALR: C.JALR links pc + 2 */
        la      a5, .Ljr_t
        C16     c.jr a5
        FAIL(41)
.Ljr_t:
        la      a5, .Ljalr_t
.Ljalr_at:
        C16     c.jalr a5
.Ljalr_link:
        FAIL(42)
.Ljalr_t:
        CHECK_ADDR(43, ra, .Ljalr_link)
        la      a1, .Ljalr_at
        sub     a1, ra, a1
        CHECK_EQ(44, a1, 2)
        /* C.JALR where rs1 = ra: target taken from the old ra */
        la      ra, .Ljalr_t2
        C16     c.jalr ra
.Ljalr_link2:
        FAIL(45)
.Ljalr_t2:
        CHECK_ADDR(46, ra, .Ljalr_link2)
        /* call / return with C.JALR / C.JR */
        la      a5, .Lfunc
        C16     c.jalr a5
        CHECK_EQ(47, a0, 0x123)

        /* stack-pointer relative loads and stores */
        la      s1, out
        mv      s0, sp
        mv      sp, s1
        li      a0, 0x1122334455667788
        C16     c.sdsp a0, 248(sp)
        C16     c.swsp a0, 4(sp)
        C16     c.sdsp a0, 8(sp)
        C16     c.ldsp a1, 248(sp)
        C16     c.lwsp a2, 4(sp)
        C16     c.ldsp a3, 8(sp)
        C16     c.lwsp a4, 12(sp)                   /* upper word of the sdsp at 8 */
        mv      sp, s0
        CHECK_EQ(48, a1, 0x1122334455667788)
        CHECK_EQ(49, a2, 0x55667788)
        CHECK_EQ(50, a3, 0x1122334455667788)
        CHECK_EQ(51, a4, 0x11223344)
        li      a0, 0x00000000c0000000
        mv      s0, sp
        mv      sp, s1
        C16     c.swsp a0, 252(sp)                 /* max C.SWSP offset */
        C16     c.lwsp a1, 252(sp)                 /* C.LWSP sign-extends */
        mv      sp, s0
        CHECK_EQ(52, a1, 0xffffffffc0000000)
        li      a0, 0x0123456789abcdef
        mv      s0, sp
        mv      sp, s1
        C16     c.sdsp a0, 504(sp)                 /* max C.SDSP / C.LDSP offset */
        C16     c.ldsp a1, 504(sp)
        mv      sp, s0
        CHECK_EQ(73, a1, 0x0123456789abcdef)
        ld      a1, 504(s1)
        CHECK_EQ(74, a1, 0x0123456789abcdef)
        /* FP stack accesses */
        la      a0, mem
        fld     ft0, 16(a0)
        mv      s0, sp
        mv      sp, s1
        C16     c.fsdsp ft0, 64(sp)
        C16     c.fldsp ft1, 64(sp)
        ld      a1, 64(s1)
        mv      sp, s0
        CHECK_EQ(53, a1, 0x400921fb54442d18)
        CHECK_FBITS(54, ft1, 0x400921fb54442d18)

        /* ================= quadrant 0 ================= */
        mv      s0, sp
        C16     c.addi4spn a0, sp, 1020
        sub     a0, a0, s0
        CHECK_EQ(55, a0, 1020)
        C16     c.addi4spn a0, sp, 4
        sub     a0, a0, s0
        CHECK_EQ(56, a0, 4)

        la      s0, mem
        C16     c.lw a0, 0(s0)
        CHECK_EQ(57, a0, 0x12345678)
        C16     c.lw a0, 4(s0)                  /* sign-extends */
        CHECK_EQ(58, a0, 0xffffffff80000000)
        C16     c.ld a1, 8(s0)
        CHECK_EQ(59, a1, 0xfedcba9876543210)
        C16     c.fld fa0, 16(s0)
        CHECK_FBITS(60, fa0, 0x400921fb54442d18)
        la      s0, mem_hi - 248
        C16     c.ld a1, 248(s0)                /* max C.LD offset */
        CHECK_EQ(61, a1, 0x0badc0de0badc0de)
        la      s1, out
        li      a2, 0xa5a5a5a5
        C16     c.sw a2, 124(s1)                /* max C.SW offset */
        lwu     a3, 124(s1)
        CHECK_EQ(62, a3, 0xa5a5a5a5)
        li      a2, 0x0102030405060708
        C16     c.sd a2, 16(s1)
        ld      a3, 16(s1)
        CHECK_EQ(63, a3, 0x0102030405060708)
        C16     c.fsd fa0, 24(s1)
        ld      a3, 24(s1)
        CHECK_EQ(64, a3, 0x400921fb54442d18)
        /* C.LW/C.SW do not touch the neighbouring word */
        li      a2, -1
        sd      a2, 32(s1)
        li      a5, 0
        C16     c.sw a5, 32(s1)
        ld      a3, 32(s1)
        CHECK_EQ(65, a3, 0xffffffff00000000)

        /* ================= mixed sizes ================= */
        /* 32-bit instructions at 2 (mod 4) addresses */
        .balign 4
        C16     c.li a0, 1
        addi    a0, a0, 0x100                   /* starts at 2 mod 4 */
        C16     c.addi a0, 2
        lui     a1, 0x12345                     /* starts at 2 mod 4 */
        CHECK_EQ(66, a0, 0x103)
        CHECK_EQ(67, a1, 0x12345000)

        /* C.EBREAK: breakpoint exception, mepc = its address */
        TRAP_EXPECT(68, CAUSE_BREAKPOINT)
.Lebreak_at:
        C16     c.ebreak
        TRAP_RESUME(68)
        CHECK_TRAP_EPC(69, .Lebreak_at)

        /* the all-zero halfword is a defined illegal instruction */
        TRAP_EXPECT(70, CAUSE_ILLEGAL_INSN)
.Lzero_at:
        .half   0x0000
        TRAP_RESUME(70)
        CHECK_TRAP_EPC(71, .Lzero_at)
        CHECK_TRAP_TVAL(72, 0)                  /* 0 either way: the bits are 0 */

        j       .Lend

.Lfunc:
        li      a0, 0x123
        C16     c.jr ra

.Lend:
        .option pop
        PASS
