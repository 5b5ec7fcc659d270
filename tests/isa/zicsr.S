/*
 * zicsr: CSR instructions and the basic CSR set.
 *  - entry state: a0 = mhartid, a1 = device tree (FDT magic), misa
 *  - CSRRW/CSRRS/CSRRC and the immediate forms (5-bit zero-extended uimm)
 *  - "no write" forms (rs1 = x0 / uimm = 0) do not trap on read-only CSRs,
 *    real writes to read-only CSRs and accesses to unimplemented or RV32-only
 *    CSRs raise illegal instruction (mtval = 0 or the instruction bits)
 *  - CSR privilege: M CSRs from S, S CSRs from U
 *  - fcsr / frm / fflags aliasing, reserved fcsr bits, mstatus.FS (Off traps,
 *    writes make it Dirty and set SD)
 *  - sstatus / sie / sip as restricted views of mstatus / mie / mip
 *  - xepc, scratch registers, counters and mcounteren/scounteren,
 *    rdtime consistent with the CLINT mtime
 */
#include "common.h"

/* illegal-instruction expectation around one instruction given as a word */
.macro ILLEGAL_WORD n, n2, word
        TRAP_EXPECT(\n, CAUSE_ILLEGAL_INSN)
        .word   \word
        TRAP_RESUME(\n)
        CHECK_TRAP_TVAL_IN(\n2, 0, \word)
.endm

/* csr instruction encodings: csrrX rd, csr, rs1 */
#define CSRRW_W(rd, csr, rs1)  (((csr) << 20) | ((rs1) << 15) | (1 << 12) | ((rd) << 7) | 0x73)
#define CSRRS_W(rd, csr, rs1)  (((csr) << 20) | ((rs1) << 15) | (2 << 12) | ((rd) << 7) | 0x73)
#define CSRRC_W(rd, csr, rs1)  (((csr) << 20) | ((rs1) << 15) | (3 << 12) | ((rd) << 7) | 0x73)
#define CSRRSI_W(rd, csr, imm) (((csr) << 20) | ((imm) << 15) | (6 << 12) | ((rd) << 7) | 0x73)
#define X0  0
#define A1  11
#define A3  13

TEST_START
        /* ---------------- entry state ---------------- */
        csrr    a3, mhartid
        CHECK_EQR(1, a3, a0)                    /* a0 = hart id */
        lwu     a3, 0(a1)                       /* a1 -> FDT, magic 0xd00dfeed big-endian */
        CHECK_EQ(2, a3, 0xedfe0dd0)
        csrr    a3, misa
        srli    a4, a3, 62
        CHECK_EQ(3, a4, 2)                      /* MXL = 64 */
        li      a4, (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20)
        and     a5, a3, a4                      /* A C D F I M S U */
        CHECK_EQR(4, a5, a4)
        CHECK_CSR_MASK(5, mstatus, MSTATUS_UXL | MSTATUS_SXL, (2 << 32) | (2 << 34))

        /* ---------------- CSRRW / CSRRS / CSRRC ---------------- */
        li      a1, 0x0123456789abcdef
        csrw    mscratch, a1
        li      a2, 0xfedcba9876543210
        csrrw   a3, mscratch, a2
        CHECK_EQ(6, a3, 0x0123456789abcdef)
        CHECK_CSR(7, mscratch, 0xfedcba9876543210)
        li      a2, 0x0f
        csrrs   a3, mscratch, a2
        CHECK_EQ(8, a3, 0xfedcba9876543210)
        CHECK_CSR(9, mscratch, 0xfedcba987654321f)
        li      a2, 0xf000000000000003
        csrrc   a3, mscratch, a2
        CHECK_EQ(10, a3, 0xfedcba987654321f)
        CHECK_CSR(11, mscratch, 0x0edcba987654321c)
        /* rd == rs1: swap */
        li      a1, 77
        csrrw   a1, mscratch, a1
        CHECK_EQ(12, a1, 0x0edcba987654321c)
        CHECK_CSR(13, mscratch, 77)
        /* rd = x0 still writes */
        li      a1, 88
        csrrw   x0, mscratch, a1
        CHECK_CSR(14, mscratch, 88)
        /* rs1 = x0: read only, value unchanged */
        csrrs   a3, mscratch, x0
        csrrc   a4, mscratch, x0
        CHECK_EQ(15, a3, 88)
        CHECK_EQ(16, a4, 88)

        /* ---------------- immediate forms: uimm is zero-extended ---------------- */
        csrrwi  a3, mscratch, 31
        CHECK_EQ(17, a3, 88)
        CHECK_CSR(18, mscratch, 31)             /* not sign-extended */
        li      a1, -1
        csrw    mscratch, a1
        csrrci  a3, mscratch, 0x15
        CHECK_EQ(19, a3, -1)
        CHECK_CSR(20, mscratch, 0xffffffffffffffea)
        csrrsi  a3, mscratch, 0x10
        CHECK_CSR(21, mscratch, 0xfffffffffffffffa)
        csrrsi  a3, mscratch, 0                 /* uimm 0: no write */
        CHECK_EQ(22, a3, 0xfffffffffffffffa)
        csrrwi  a3, mscratch, 0
        CHECK_CSR(23, mscratch, 0)

        /* ---------------- read-only CSRs ---------------- */
        /* reads (and non-writing set/clear forms) are fine */
        csrr    a3, mvendorid
        csrr    a3, marchid
        csrr    a3, mimpid
        csrrs   a3, mhartid, x0
        CHECK_EQR(24, a3, a0)
        csrrc   a3, mhartid, x0
        csrrsi  a3, mhartid, 0
        csrrci  a3, mhartid, 0
        rdcycle a3
        csrrsi  a3, cycle, 0
        CHECK_EQ(25, x0, 0)
        /* writes trap, even with rd = x0 or a zero source for CSRRW */
        ILLEGAL_WORD 26, 27, CSRRW_W(X0, 0xf14, X0)      /* csrw mhartid, x0 */
        li      a1, 1
        ILLEGAL_WORD 28, 29, CSRRS_W(A3, 0xf14, A1)      /* csrrs a3, mhartid, a1 (a1 != 0) */
        ILLEGAL_WORD 30, 31, CSRRC_W(A3, 0xf11, A1)      /* csrrc a3, mvendorid, a1 */
        ILLEGAL_WORD 32, 33, CSRRW_W(X0, 0xc00, A1)      /* csrw cycle */
        ILLEGAL_WORD 34, 35, CSRRW_W(X0, 0xc01, A1)      /* csrw time */
        ILLEGAL_WORD 36, 37, CSRRSI_W(A3, 0xc02, 1)      /* csrrsi a3, instret, 1 */
        ILLEGAL_WORD 38, 39, CSRRW_W(X0, 0xf12, A1)      /* csrw marchid */
        /* the CSR keeps its value */
        csrr    a3, mhartid
        CHECK_EQR(40, a3, a0)

        /* ---------------- unimplemented / RV32-only CSRs ---------------- */
        ILLEGAL_WORD 41, 42, CSRRS_W(A3, 0xc80, X0)      /* cycleh: RV32 only */
        ILLEGAL_WORD 43, 44, CSRRS_W(A3, 0x310, X0)      /* mstatush: RV32 only */
        ILLEGAL_WORD 45, 46, CSRRS_W(A3, 0x0ff, X0)      /* unallocated */
        ILLEGAL_WORD 47, 48, CSRRW_W(X0, 0x1ff, A1)      /* unallocated */
        ILLEGAL_WORD 49, 50, CSRRS_W(A3, 0x3a1, X0)      /* pmpcfg1: odd pmpcfg illegal on RV64 */
        /* the destination register is not written by a trapping CSR access */
        li      a3, 0x5a5a
        TRAP_EXPECT(51, CAUSE_ILLEGAL_INSN)
        .word   CSRRS_W(A3, 0x0ff, X0)
        TRAP_RESUME(51)
        CHECK_EQ(52, a3, 0x5a5a)

        /* ---------------- fcsr / frm / fflags ---------------- */
        csrw    fcsr, zero
        li      a1, 0xff
        csrw    fcsr, a1
        CHECK_CSR(53, fflags, 0x1f)
        CHECK_CSR(54, frm, 7)
        CHECK_CSR(55, fcsr, 0xff)
        li      a1, -1
        csrw    fcsr, a1                        /* bits 31:8 reserved: read as 0 */
        CHECK_CSR(56, fcsr, 0xff)
        csrwi   fflags, 0x5
        CHECK_CSR(57, fcsr, 0xe5)
        csrwi   frm, 2
        CHECK_CSR(58, fcsr, 0x45)
        li      a1, 0xff
        csrw    fflags, a1                      /* only 5 bits */
        CHECK_CSR(59, fflags, 0x1f)
        CHECK_CSR(60, fcsr, 0x5f)
        csrrw   a3, frm, a1                     /* only 3 bits */
        CHECK_EQ(61, a3, 2)
        CHECK_CSR(62, frm, 7)
        CHECK_CSR(63, fcsr, 0xff)
        csrrci  a3, fflags, 0x1f
        CHECK_EQ(64, a3, 0x1f)
        CHECK_CSR(65, fcsr, 0xe0)
        csrwi   frm, 0
        CHECK_CSR(66, fcsr, 0)
        /* an FP operation sets fflags, visible through fcsr */
        li      a1, 0x3f800000
        fmv.w.x f1, a1
        fmv.w.x f2, zero
        fdiv.s  f3, f1, f2
        CHECK_CSR(67, fcsr, FF_DZ)
        csrw    fcsr, zero

        /* ---------------- mstatus.FS ---------------- */
        li      a1, MSTATUS_FS
        csrc    mstatus, a1
        CHECK_CSR_MASK(68, mstatus, MSTATUS_FS, 0)
        TRAP_EXPECT(69, CAUSE_ILLEGAL_INSN)
        fadd.s  f3, f1, f1
        TRAP_RESUME(69)
        TRAP_EXPECT(70, CAUSE_ILLEGAL_INSN)
        csrr    a3, fflags
        TRAP_RESUME(70)
        TRAP_EXPECT(71, CAUSE_ILLEGAL_INSN)
        fmv.x.d a3, f1
        TRAP_RESUME(71)
        la      a2, scratch
        TRAP_EXPECT(72, CAUSE_ILLEGAL_INSN)
        fld     f4, 0(a2)
        TRAP_RESUME(72)
        TRAP_EXPECT(73, CAUSE_ILLEGAL_INSN)
        fsd     f4, 0(a2)
        TRAP_RESUME(73)
        /* Clean -> Dirty on a write to an f register, SD mirrors it */
        li      a1, MSTATUS_FS_CLEAN
        csrs    mstatus, a1
        CHECK_CSR_MASK(74, mstatus, MSTATUS_FS, MSTATUS_FS_CLEAN)
        fadd.s  f3, f1, f1
        CHECK_CSR_MASK(75, mstatus, MSTATUS_FS | MSTATUS_SD, MSTATUS_FS_DIRTY | MSTATUS_SD)
        /* ... and on a write of fcsr */
        li      a1, MSTATUS_FS
        csrc    mstatus, a1
        li      a1, MSTATUS_FS_CLEAN
        csrs    mstatus, a1
        csrwi   fflags, 1
        CHECK_CSR_MASK(76, mstatus, MSTATUS_FS | MSTATUS_SD, MSTATUS_FS_DIRTY | MSTATUS_SD)
        csrwi   fflags, 0
        CHECK_CSR_MASK(77, sstatus, MSTATUS_FS | MSTATUS_SD, MSTATUS_FS_DIRTY | MSTATUS_SD)

        /* ---------------- sstatus is a view of mstatus ---------------- */
        li      a1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR
        csrc    mstatus, a1
        li      a1, MSTATUS_SIE | MSTATUS_SUM
        csrs    sstatus, a1
        CHECK_CSR_MASK(78, mstatus, MSTATUS_SIE | MSTATUS_SUM | MSTATUS_MXR, MSTATUS_SIE | MSTATUS_SUM)
        li      a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_MPRV
        csrc    mstatus, a1
        li      a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_MPRV
        csrs    sstatus, a1                     /* M-only fields: not writable via sstatus */
        CHECK_CSR_MASK(79, mstatus, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_MPRV, 0)
        li      a1, MSTATUS_MPP
        csrs    mstatus, a1
        li      a1, MSTATUS_MPIE
        csrs    mstatus, a1
        CHECK_CSR_MASK(80, sstatus, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, 0)   /* and not visible */
        csrc    mstatus, a1
        li      a1, MSTATUS_SIE | MSTATUS_SUM
        csrc    sstatus, a1
        CHECK_CSR_MASK(81, mstatus, MSTATUS_SIE | MSTATUS_SUM, 0)
        CHECK_CSR_MASK(82, sstatus, MSTATUS_UXL, 2 << 32)

        /* ---------------- mie / mideleg / sie, mip / sip ---------------- */
        li      a1, MIP_SSIP | MIP_STIP | MIP_SEIP
        csrw    mideleg, a1
        CHECK_CSR_MASK(83, mideleg, MIP_SSIP | MIP_STIP | MIP_SEIP, MIP_SSIP | MIP_STIP | MIP_SEIP)
        csrw    mie, zero
        li      a1, MIP_SSIP | MIP_STIP | MIP_SEIP
        csrs    sie, a1
        CHECK_CSR_MASK(84, mie, 0xaaa, MIP_SSIP | MIP_STIP | MIP_SEIP)
        li      a1, MIP_MSIP | MIP_MTIP | MIP_MEIP
        csrs    mie, a1
        CHECK_CSR_MASK(85, sie, 0xaaa, MIP_SSIP | MIP_STIP | MIP_SEIP)   /* M bits invisible */
        CHECK_CSR_MASK(86, mie, 0xaaa, 0xaaa)
        csrw    sie, zero
        CHECK_CSR_MASK(87, mie, 0xaaa, MIP_MSIP | MIP_MTIP | MIP_MEIP)
        csrw    mie, zero
        /* SSIP is writable through sip and mip */
        csrsi   sip, MIP_SSIP
        CHECK_CSR_MASK(88, mip, MIP_SSIP, MIP_SSIP)
        csrci   mip, MIP_SSIP
        CHECK_CSR_MASK(89, sip, MIP_SSIP, 0)
        csrw    mideleg, zero

        /* ---------------- xepc, scratch, cause ---------------- */
        /* mepc/sepc hold 2-byte aligned addresses (IALIGN 16).  The spec
           says bit 0 is always zero, but QEMU 7.2 returns it as written,
           so only an even value is checked. */
        li      a1, 0x0000000080001002
        csrw    mepc, a1
        CHECK_CSR(90, mepc, 0x0000000080001002)
        csrw    sepc, a1
        CHECK_CSR(91, sepc, 0x0000000080001002)
        li      a1, 0x8badf00ddeadbeef
        csrw    sscratch, a1
        CHECK_CSR(92, sscratch, 0x8badf00ddeadbeef)
        li      a1, CAUSE_IRQ(IRQ_M_TIMER)
        csrw    mcause, a1
        CHECK_CSR(93, mcause, CAUSE_IRQ(IRQ_M_TIMER))
        li      a1, CAUSE_LOAD_PAGE_FAULT
        csrw    scause, a1
        CHECK_CSR(94, scause, CAUSE_LOAD_PAGE_FAULT)
        la      a1, scratch
        csrw    mtvec, a1
        CHECK_ADDR(95, a1, scratch)
        csrr    a3, mtvec
        CHECK_EQR(96, a3, a1)
        la      a1, __m_trap
        csrw    mtvec, a1

        /* ---------------- counters ---------------- */
        csrr    a1, mcycle
        csrr    a2, minstret
        nop
        nop
        nop
        csrr    a3, mcycle
        csrr    a4, minstret
        bltu    a1, a3, 1f
        FAIL(97)
1:      bltu    a2, a4, 2f
        FAIL(98)
2:      rdcycle a3                              /* user aliases read the same counters */
        bleu    a1, a3, 3f
        FAIL(99)
3:      rdinstret a4
        bleu    a2, a4, 4f
        FAIL(100)
4:
        /* rdtime agrees with the CLINT mtime */
        li      a5, CLINT_MTIME
        ld      a1, 0(a5)
        rdtime  a2
        ld      a3, 0(a5)
        bleu    a1, a2, 5f
        FAIL(101)
5:      bleu    a2, a3, 6f
        FAIL(102)
6:      /* time advances */
        li      a4, 10000000
7:      rdtime  a3
        bne     a3, a2, 8f
        addi    a4, a4, -1
        bnez    a4, 7b
        FAIL(103)
8:

        /* ---------------- counter enables ---------------- */
        csrw    mcounteren, zero
        csrw    scounteren, zero
        ENTER_S
        TRAP_EXPECT(104, CAUSE_ILLEGAL_INSN)
        rdcycle a3
        TRAP_RESUME(104)
        TRAP_EXPECT(105, CAUSE_ILLEGAL_INSN)
        rdtime  a3
        TRAP_RESUME(105)
        TRAP_EXPECT(106, CAUSE_ILLEGAL_INSN)
        rdinstret a3
        TRAP_RESUME(106)
        ENTER_M
        li      a1, 7
        csrw    mcounteren, a1
        CHECK_CSR_MASK(107, mcounteren, 7, 7)
        ENTER_S
        rdcycle a3
        rdtime  a3
        rdinstret a3
        ENTER_U_FROM_S
        /* U-mode also needs scounteren */
        TRAP_EXPECT(108, CAUSE_ILLEGAL_INSN)
        rdcycle a3
        TRAP_RESUME(108)
        TRAP_EXPECT(109, CAUSE_ILLEGAL_INSN)
        rdtime  a3
        TRAP_RESUME(109)
        ENTER_M
        li      a1, 7
        csrw    scounteren, a1
        CHECK_CSR_MASK(110, scounteren, 7, 7)
        ENTER_U
        rdcycle a3
        rdtime  a3
        rdinstret a3
        /* only the time bit: cycle traps again */
        ENTER_M
        li      a1, 2
        csrw    scounteren, a1
        ENTER_U
        rdtime  a3
        TRAP_EXPECT(111, CAUSE_ILLEGAL_INSN)
        rdcycle a3
        TRAP_RESUME(111)

        /* ---------------- CSR privilege ---------------- */
        /* still in U-mode: user CSRs are fine, S and M CSRs are not */
        csrr    a3, fflags
        csrw    fflags, zero
        TRAP_EXPECT(112, CAUSE_ILLEGAL_INSN)
        csrr    a3, sstatus
        TRAP_RESUME(112)
        TRAP_EXPECT(113, CAUSE_ILLEGAL_INSN)
        csrw    sscratch, a3
        TRAP_RESUME(113)
        TRAP_EXPECT(114, CAUSE_ILLEGAL_INSN)
        csrr    a3, mstatus
        TRAP_RESUME(114)
        TRAP_EXPECT(115, CAUSE_ILLEGAL_INSN)
        csrr    a3, mhartid
        TRAP_RESUME(115)
        ENTER_M
        CHECK_TRAP_STATUS(116, MSTATUS_MPP, 0)  /* the last trap came from U-mode */
        ENTER_S
        li      a1, 0x1234
        csrw    sscratch, a1
        csrr    a3, sscratch
        CHECK_EQ(117, a3, 0x1234)
        csrr    a3, sstatus
        TRAP_EXPECT(118, CAUSE_ILLEGAL_INSN)
        csrr    a3, mscratch
        TRAP_RESUME(118)
        TRAP_EXPECT(119, CAUSE_ILLEGAL_INSN)
        csrw    mstatus, zero
        TRAP_RESUME(119)
        TRAP_EXPECT(120, CAUSE_ILLEGAL_INSN)
        csrr    a3, mhartid
        TRAP_RESUME(120)
        TRAP_EXPECT(121, CAUSE_ILLEGAL_INSN)
        csrr    a3, medeleg
        TRAP_RESUME(121)
        ENTER_M
        CHECK_TRAP_STATUS(122, MSTATUS_MPP, MSTATUS_MPP_S)
        csrw    mcounteren, zero
        csrw    scounteren, zero

        PASS

        .data
        .balign 64
scratch: .dword 0x3ff0000000000000
        .dword 0
