/*
 * traps: synchronous exceptions, trap CSRs, xRET, delegation, interrupts.
 *  - ECALL from M/S/U (causes 11/9/8), EBREAK, illegal instructions
 *    (reserved opcode / funct encodings, xRET and SFENCE.VMA from U, MRET
 *    from S, SRET with TSR, WFI with TW), mepc / mtval / mstatus.MPP/MPIE/MIE
 *  - JALR to a 2 (mod 4) address is fine (IALIGN 16)
 *  - access faults on unmapped physical addresses (load, store, AMO, fetch):
 *    0x0-0xfff (nothing there on `virt`) and 0x88000000 / 0x90000000
 *    (beyond 128 MiB of RAM)
 *  - MRET / SRET state transitions
 *  - medeleg to S-mode (scause/sepc/stval/sstatus.SPP/SPIE), M-mode traps are
 *    never delegated
 *  - interrupts: machine software (CLINT msip), machine timer (mtimecmp /
 *    mtime), supervisor software via mip/sip.SSIP with and without mideleg,
 *    global enables per privilege, priority MSI > MTI, WFI wake-up
 */
#include "common.h"

#define UNMAPPED_LOW   0x4
#define UNMAPPED_HIGH  0x90000000
#define RAM_END_128M   0x88000000

/* busy-wait until (mip & bit) != 0, fail n after ~10M iterations */
.macro WAIT_MIP n, bit
        _check_id \n
        li      a4, 10000000
.Lwait\@:
        csrr    a5, mip
        andi    a5, a5, \bit
        bnez    a5, .Lwait_ok\@
        addi    a4, a4, -1
        bnez    a4, .Lwait\@
        _fail_raw \n
.Lwait_ok\@:
.endm

/* mtimecmp = mtime + delta (clobbers a4, a5) */
.macro TIMER_IN delta
        li      a4, CLINT_MTIME
        ld      a5, 0(a4)
        addi    a5, a5, \delta
        li      a4, CLINT_MTIMECMP
        sd      a5, 0(a4)
.endm

.macro TIMER_OFF
        li      a4, CLINT_MTIMECMP
        li      a5, -1
        sd      a5, 0(a4)
.endm

TEST_START
        .option push
        .option norvc

        /* ================= ECALL / EBREAK ================= */
        TRAP_EXPECT(1, CAUSE_MACHINE_ECALL)
.Lecall_m:
        ecall
        TRAP_RESUME(1)
        CHECK_TRAP_EPC(2, .Lecall_m)
        CHECK_TRAP_TVAL(3, 0)
        CHECK_TRAP_STATUS(4, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPP_M)
        CHECK_TRAP_LEVEL(5, 3)

        /* MIE=1 at the trap: MPIE=1, MIE=0 inside the handler */
        csrw    mie, zero
        csrsi   mstatus, MSTATUS_MIE
        TRAP_EXPECT(6, CAUSE_MACHINE_ECALL)
        ecall
        TRAP_RESUME(6)
        CHECK_TRAP_STATUS(7, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPP_M | MSTATUS_MPIE)
        csrci   mstatus, MSTATUS_MIE

        ENTER_S
        TRAP_EXPECT_M(8, CAUSE_SUPERVISOR_ECALL)
.Lecall_s:
        ecall
        TRAP_RESUME(8)
        CHECK_TRAP_EPC(9, .Lecall_s)
        CHECK_TRAP_STATUS(10, MSTATUS_MPP, MSTATUS_MPP_S)
        CHECK_TRAP_TVAL(11, 0)

        ENTER_U
        TRAP_EXPECT_M(12, CAUSE_USER_ECALL)
.Lecall_u:
        ecall
        TRAP_RESUME(12)
        CHECK_TRAP_EPC(13, .Lecall_u)
        CHECK_TRAP_STATUS(14, MSTATUS_MPP, 0)
        CHECK_TRAP_TVAL(15, 0)
        /* registers are untouched by a trap round trip */
        li      s2, 0x1234
        ENTER_U
        li      s3, 0x5678
        ENTER_M
        CHECK_EQ(16, s2, 0x1234)
        CHECK_EQ(17, s3, 0x5678)

        TRAP_EXPECT(18, CAUSE_BREAKPOINT)
.Lebreak:
        ebreak
        TRAP_RESUME(18)
        CHECK_TRAP_EPC(19, .Lebreak)
        /* mtval: 0 or the pc of the EBREAK */
        ld      a3, TF_TVAL(tp)
        beqz    a3, 1f
        CHECK_ADDR(20, a3, .Lebreak)
1:

        /* ================= illegal instructions ================= */
        TRAP_EXPECT(21, CAUSE_ILLEGAL_INSN)
.Lill1:
        .word   0x0000006b                      /* reserved major opcode */
        TRAP_RESUME(21)
        CHECK_TRAP_EPC(22, .Lill1)
        CHECK_TRAP_TVAL_IN(23, 0, 0x0000006b)
        TRAP_EXPECT(24, CAUSE_ILLEGAL_INSN)
        .word   0x00007003                      /* LOAD funct3=7: reserved */
        TRAP_RESUME(24)
        CHECK_TRAP_TVAL_IN(25, 0, 0x00007003)
        TRAP_EXPECT(26, CAUSE_ILLEGAL_INSN)
        .word   0x00004023                      /* STORE funct3=4: reserved */
        TRAP_RESUME(26)
        TRAP_EXPECT(27, CAUSE_ILLEGAL_INSN)
        .word   0xfc001013                      /* OP-IMM funct3=1, imm[11:6]=0x3f */
        TRAP_RESUME(27)
        CHECK_TRAP_TVAL_IN(28, 0, 0xfc001013)
        /* the destination of an illegal instruction is not written */
        li      a3, 99
        TRAP_EXPECT(29, CAUSE_ILLEGAL_INSN)
        .word   0x0000706b | (13 << 7)          /* rd = a3 */
        TRAP_RESUME(29)
        CHECK_EQ(30, a3, 99)

        /* privileged instructions in the wrong mode */
        ENTER_U
        TRAP_EXPECT_M(31, CAUSE_ILLEGAL_INSN)
        mret
        TRAP_RESUME(31)
        ENTER_U
        TRAP_EXPECT_M(32, CAUSE_ILLEGAL_INSN)
        sret
        TRAP_RESUME(32)
        ENTER_U
        TRAP_EXPECT_M(33, CAUSE_ILLEGAL_INSN)
        sfence.vma
        TRAP_RESUME(33)
        ENTER_S
        TRAP_EXPECT_M(34, CAUSE_ILLEGAL_INSN)
.Lmret_s:
        mret
        TRAP_RESUME(34)
        CHECK_TRAP_TVAL_IN(35, 0, 0x30200073)
        CHECK_TRAP_EPC(36, .Lmret_s)
        li      a1, MSTATUS_TSR
        csrs    mstatus, a1
        ENTER_S
        TRAP_EXPECT_M(37, CAUSE_ILLEGAL_INSN)
        sret
        TRAP_RESUME(37)
        li      a1, MSTATUS_TSR
        csrc    mstatus, a1
        li      a1, MSTATUS_TW
        csrs    mstatus, a1
        csrw    mie, zero
        ENTER_S
        TRAP_EXPECT_M(38, CAUSE_ILLEGAL_INSN)
        wfi                                     /* TW=1, nothing can wake it: traps */
        TRAP_RESUME(38)
        li      a1, MSTATUS_TW
        csrc    mstatus, a1
        /* sfence.vma in S is fine without TVM */
        ENTER_S
        sfence.vma
        ENTER_M

        /* ================= 2 (mod 4) jump targets ================= */
        la      a1, .Lhalf
        addi    a1, a1, 2
        li      a3, 0
        jalr    ra, 0(a1)
        CHECK_EQ(39, a3, 0x42)

        /* ================= access faults ================= */
        li      a1, UNMAPPED_LOW
        TRAP_EXPECT(40, CAUSE_LOAD_ACCESS)
.Lld_fault:
        lw      a3, 0(a1)
        TRAP_RESUME(40)
        CHECK_TRAP_TVAL(41, UNMAPPED_LOW)
        CHECK_TRAP_EPC(42, .Lld_fault)
        li      a1, UNMAPPED_HIGH
        TRAP_EXPECT(43, CAUSE_LOAD_ACCESS)
        lbu     a3, 3(a1)
        TRAP_RESUME(43)
        CHECK_TRAP_TVAL(44, UNMAPPED_HIGH + 3)
        TRAP_EXPECT(45, CAUSE_STORE_ACCESS)
        sw      a3, 8(a1)
        TRAP_RESUME(45)
        CHECK_TRAP_TVAL(46, UNMAPPED_HIGH + 8)
        li      a1, 0
        TRAP_EXPECT(47, CAUSE_STORE_ACCESS)
        sd      a3, 0(a1)
        TRAP_RESUME(47)
        CHECK_TRAP_TVAL(48, 0)
        /* AMO: the spec wants a store/AMO access fault (7); QEMU 7.2
           reports a load access fault (5) - both tolerated */
        li      a1, UNMAPPED_HIGH
        TRAP_EXPECT_ANY(49)
        amoadd.d a3, a3, (a1)
        TRAP_RESUME(49)
        CHECK_TRAP_CAUSE_IN(50, CAUSE_STORE_ACCESS, CAUSE_LOAD_ACCESS)
        CHECK_TRAP_TVAL(51, UNMAPPED_HIGH)
        /* the last doubleword of 128 MiB of RAM is fine, the next is not */
        li      a1, RAM_END_128M
        ld      a3, -8(a1)
        TRAP_EXPECT(52, CAUSE_LOAD_ACCESS)
        ld      a3, 0(a1)
        TRAP_RESUME(52)
        CHECK_TRAP_TVAL(53, RAM_END_128M)
        /* instruction fetch: the jump itself completes (link written) */
        li      a1, UNMAPPED_HIGH
        TRAP_EXPECT(54, CAUSE_FETCH_ACCESS)
        jalr    a5, 0(a1)
.Lfetch_link:
        TRAP_RESUME(54)
        check_tf 55, TF_EPC, UNMAPPED_HIGH
        CHECK_TRAP_TVAL(56, UNMAPPED_HIGH)
        CHECK_ADDR(57, a5, .Lfetch_link)
        li      a1, 0
        TRAP_EXPECT(58, CAUSE_FETCH_ACCESS)
        jalr    a5, 0(a1)
        TRAP_RESUME(58)
        CHECK_TRAP_TVAL(59, 0)
        /* from U-mode too (PMP allows everything, the bus does not) */
        ENTER_U
        li      a1, UNMAPPED_LOW
        TRAP_EXPECT_M(60, CAUSE_LOAD_ACCESS)
        lw      a3, 0(a1)
        TRAP_RESUME(60)
        CHECK_TRAP_STATUS(61, MSTATUS_MPP, 0)

        /* ================= MRET / SRET ================= */
        /* MRET to M: MIE <- MPIE, MPIE <- 1, MPP <- U (least privileged) */
        csrw    mie, zero
        li      a1, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
        csrc    mstatus, a1
        li      a1, MSTATUS_MPP_M | MSTATUS_MPIE
        csrs    mstatus, a1
        la      a1, 1f
        csrw    mepc, a1
        mret
        FAIL(62)
1:      CHECK_CSR_MASK(63, mstatus, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPIE | MSTATUS_MIE)
        csrci   mstatus, MSTATUS_MIE
        /* MRET to M with MPIE=0: MIE=0 */
        li      a1, MSTATUS_MPP_M
        csrs    mstatus, a1
        li      a1, MSTATUS_MPIE
        csrc    mstatus, a1
        csrsi   mstatus, MSTATUS_MIE
        la      a1, 2f
        csrw    mepc, a1
        mret
2:      CHECK_CSR_MASK(64, mstatus, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPIE)
        /* (not checked: priv spec 1.12 says an xRET to a mode below M clears
           MPRV; QEMU 7.2 leaves it set) */
        /* SRET (executed in M) to S: SIE <- SPIE, SPIE <- 1, SPP <- U */
        li      a1, MSTATUS_SPP | MSTATUS_SPIE
        csrs    mstatus, a1
        csrci   mstatus, MSTATUS_SIE
        la      a1, 3f
        csrw    sepc, a1
        sret
        FAIL(66)
3:      csrr    s2, sstatus                     /* now in S-mode */
        csrr    s3, sepc
        ENTER_M
        andi    s2, s2, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
        CHECK_EQ(67, s2, MSTATUS_SPIE | MSTATUS_SIE)
        CHECK_CSR_MASK(68, mstatus, MSTATUS_SIE, MSTATUS_SIE)
        csrci   mstatus, MSTATUS_SIE
        /* SRET to U from S */
        ENTER_S
        li      a1, MSTATUS_SPP
        csrc    sstatus, a1
        la      a1, 4f
        csrw    sepc, a1
        sret
        FAIL(70)
4:      TRAP_EXPECT_M(71, CAUSE_USER_ECALL)     /* proves we are in U-mode */
        ecall
        TRAP_RESUME(71)

        /* ================= delegation to S-mode ================= */
        li      a1, (1 << CAUSE_ILLEGAL_INSN) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_USER_ECALL) | (1 << CAUSE_LOAD_ACCESS)
        csrw    medeleg, a1
        CHECK_CSR_MASK(72, medeleg, (1 << CAUSE_ILLEGAL_INSN) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_USER_ECALL) | (1 << CAUSE_LOAD_ACCESS), (1 << CAUSE_ILLEGAL_INSN) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_USER_ECALL) | (1 << CAUSE_LOAD_ACCESS))
        csrci   mstatus, MSTATUS_SIE
        ENTER_U
        TRAP_EXPECT(73, CAUSE_USER_ECALL)
.Ldeleg_ecall:
        ecall
        TRAP_RESUME(73)
        /* still U-mode: the framework's ENTER_M forwards through the S handler */
        ENTER_M
        CHECK_TRAP_LEVEL(74, 1)
        CHECK_TRAP_EPC(75, .Ldeleg_ecall)
        CHECK_TRAP_TVAL(76, 0)
        CHECK_TRAP_STATUS(77, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, 0)
        CHECK_CSR(78, scause, CAUSE_USER_ECALL)
        CHECK_CSR_MASK(79, mcause, 0xff, CAUSE_SUPERVISOR_ECALL)   /* the forwarding ECALL */
        /* SIE=1 before the trap from U: SPIE=1 afterwards */
        csrsi   mstatus, MSTATUS_SIE
        ENTER_U
        TRAP_EXPECT_MODE(80, CAUSE_ILLEGAL_INSN, PRV_S)
.Ldeleg_ill:
        .word   0x0000006b
        TRAP_RESUME(80)
        /* resumed in S-mode */
        csrr    s2, sstatus
        csrr    s3, stval
        ENTER_M
        CHECK_TRAP_LEVEL(81, 1)
        CHECK_TRAP_EPC(82, .Ldeleg_ill)
        CHECK_TRAP_STATUS(83, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPIE)
        CHECK_TRAP_TVAL_IN(84, 0, 0x0000006b)
        beqz    s3, 1f                          /* stval as read in S-mode */
        CHECK_EQ(85, s3, 0x0000006b)
1:
        csrci   mstatus, MSTATUS_SIE
        /* delegated trap from S: SPP = 1 */
        ENTER_S
        li      a1, UNMAPPED_LOW
        TRAP_EXPECT(86, CAUSE_LOAD_ACCESS)
        lw      a3, 0(a1)
        TRAP_RESUME(86)
        TRAP_EXPECT(87, CAUSE_BREAKPOINT)
.Ldeleg_bp:
        ebreak
        TRAP_RESUME(87)
        ENTER_M
        CHECK_TRAP_LEVEL(88, 1)
        CHECK_TRAP_STATUS(89, MSTATUS_SPP, MSTATUS_SPP)
        CHECK_CSR(90, scause, CAUSE_BREAKPOINT)
        /* scause/stval of the load fault were recorded before: redo and inspect */
        ENTER_S
        li      a1, UNMAPPED_LOW
        TRAP_EXPECT(91, CAUSE_LOAD_ACCESS)
        lw      a3, 0(a1)
        TRAP_RESUME(91)
        ENTER_M
        CHECK_CSR(92, stval, UNMAPPED_LOW)
        CHECK_TRAP_LEVEL(93, 1)
        /* traps in M-mode are never delegated */
        TRAP_EXPECT(94, CAUSE_ILLEGAL_INSN)
        .word   0x0000006b
        TRAP_RESUME(94)
        CHECK_TRAP_LEVEL(95, 3)
        /* not-delegated causes from S go to M */
        ENTER_S
        li      a1, UNMAPPED_HIGH
        TRAP_EXPECT_M(96, CAUSE_STORE_ACCESS)
        sd      a1, 0(a1)
        TRAP_RESUME(96)
        CHECK_TRAP_LEVEL(97, 3)
        csrw    medeleg, zero

        /* ================= machine software interrupt ================= */
        csrw    mie, zero
        li      a1, CLINT_MSIP
        li      a2, 1
        sw      a2, 0(a1)
        WAIT_MIP 98, MIP_MSIP                   /* pending, not taken (mie = 0) */
        csrsi   mstatus, MSTATUS_MIE            /* still not taken: MSIE = 0 */
        nop
        csrci   mstatus, MSTATUS_MIE
        li      a1, MIP_MSIP
        csrs    mie, a1
        TRAP_EXPECT(99, CAUSE_IRQ(IRQ_M_SOFT))
        csrsi   mstatus, MSTATUS_MIE
        li      a4, 1000
5:      addi    a4, a4, -1
        bnez    a4, 5b
        TRAP_RESUME(99)
        CHECK_TRAP_STATUS(100, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPP_M | MSTATUS_MPIE)
        CHECK_TRAP_TVAL(101, 0)
        CHECK_CSR_MASK(102, mstatus, MSTATUS_MIE, 0)     /* handler returned with MIE = 0 */
        li      a1, CLINT_MSIP
        sw      zero, 0(a1)
        lw      a3, 0(a1)
        CHECK_EQ(103, a3, 0)
        CHECK_CSR_MASK(104, mip, MIP_MSIP, 0)
        /* M interrupts are enabled in S/U-mode regardless of mstatus.MIE */
        li      a1, CLINT_MSIP
        li      a2, 1
        sw      a2, 0(a1)
        TRAP_EXPECT_M(105, CAUSE_IRQ(IRQ_M_SOFT))   /* armed before the switch */
        ENTER_S
        li      a4, 1000
6:      addi    a4, a4, -1
        bnez    a4, 6b
        TRAP_RESUME(105)
        CHECK_TRAP_STATUS(106, MSTATUS_MPP, MSTATUS_MPP_S)
        li      a1, CLINT_MSIP
        sw      zero, 0(a1)
        csrw    mie, zero

        /* ================= machine timer interrupt ================= */
        TIMER_IN 200
        WAIT_MIP 107, MIP_MTIP
        TIMER_OFF                               /* writing mtimecmp clears MTIP */
        CHECK_CSR_MASK(108, mip, MIP_MTIP, 0)
        li      a1, MIP_MTIP
        csrs    mie, a1
        TIMER_IN 100
        TRAP_EXPECT(109, CAUSE_IRQ(IRQ_M_TIMER))
        csrsi   mstatus, MSTATUS_MIE
        li      a4, 10000000
7:      addi    a4, a4, -1
        bnez    a4, 7b
        TRAP_RESUME(109)
        TIMER_OFF
        CHECK_CSR_MASK(110, mip, MIP_MTIP, 0)
        /* mtip is read-only in mip */
        li      a1, MIP_MTIP
        csrs    mip, a1
        CHECK_CSR_MASK(111, mip, MIP_MTIP, 0)

        /* priority: MSI before MTI when both are pending */
        li      a1, CLINT_MTIMECMP
        sd      zero, 0(a1)                     /* MTIP now */
        li      a1, CLINT_MSIP
        li      a2, 1
        sw      a2, 0(a1)
        WAIT_MIP 112, MIP_MTIP
        WAIT_MIP 113, MIP_MSIP
        li      a1, MIP_MTIP | MIP_MSIP
        csrs    mie, a1
        TRAP_EXPECT(114, CAUSE_IRQ(IRQ_M_SOFT))
        csrsi   mstatus, MSTATUS_MIE
        nop
        TRAP_RESUME(114)
        li      a1, CLINT_MSIP
        sw      zero, 0(a1)
        TRAP_EXPECT(115, CAUSE_IRQ(IRQ_M_TIMER))
        csrsi   mstatus, MSTATUS_MIE
        nop
        TRAP_RESUME(115)
        TIMER_OFF
        csrw    mie, zero

        /* ================= WFI ================= */
        /* returns once an interrupt enabled in mie is pending, even with
           mstatus.MIE = 0 (WFI may also just be a NOP: hence the loop) */
        li      a1, MIP_MTIP
        csrs    mie, a1
        TIMER_IN 500
        li      a4, 100000
8:      wfi
        csrr    a5, mip
        andi    a5, a5, MIP_MTIP
        bnez    a5, 9f
        addi    a4, a4, -1
        bnez    a4, 8b
        FAIL(116)
9:      TIMER_OFF
        csrw    mie, zero

        /* ================= supervisor software interrupt ================= */
        /* not delegated: taken in M-mode */
        csrw    mideleg, zero
        li      a1, MIP_SSIP
        csrs    mie, a1
        csrs    mip, a1
        TRAP_EXPECT(117, CAUSE_IRQ(IRQ_S_SOFT))
        csrsi   mstatus, MSTATUS_MIE
        nop
        TRAP_RESUME(117)
        CHECK_TRAP_LEVEL(118, 3)
        csrci   mip, MIP_SSIP
        csrw    mie, zero
        /* delegated: not taken in M-mode, taken in S-mode only with SIE=1 */
        li      a1, MIP_SSIP
        csrw    mideleg, a1
        csrs    mie, a1
        csrs    mip, a1
        csrsi   mstatus, MSTATUS_MIE | MSTATUS_SIE
        nop
        nop
        csrci   mstatus, MSTATUS_MIE | MSTATUS_SIE
        ENTER_S                                 /* SIE = 0: masked */
        nop
        nop
        TRAP_EXPECT(119, CAUSE_IRQ(IRQ_S_SOFT))
        csrsi   sstatus, MSTATUS_SIE
        nop
        TRAP_RESUME(119)
        csrr    s2, sstatus
        csrr    s3, scause
        ENTER_M
        CHECK_TRAP_LEVEL(120, 1)
        CHECK_TRAP_STATUS(121, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPP | MSTATUS_SPIE)
        CHECK_EQ(122, s3, CAUSE_IRQ(IRQ_S_SOFT))
        andi    s2, s2, MSTATUS_SIE
        CHECK_EQ(123, s2, 0)                    /* resumed with SIE = 0 */
        /* in U-mode S interrupts are enabled regardless of SIE */
        csrci   mstatus, MSTATUS_SIE
        TRAP_EXPECT_MODE(124, CAUSE_IRQ(IRQ_S_SOFT), PRV_S)   /* armed before the switch */
        ENTER_U
        nop
        nop
        TRAP_RESUME(124)
        /* resumed in S-mode with SIE = 0 */
        csrci   sip, MIP_SSIP
        ENTER_M
        CHECK_TRAP_STATUS(125, MSTATUS_SPP, 0)
        CHECK_CSR_MASK(126, mip, MIP_SSIP, 0)
        csrw    mie, zero
        csrw    mideleg, zero

        PASS

        .balign 4
.Lhalf:
        .half   0x0001                          /* c.nop */
        addi    a3, zero, 0x42                  /* at 2 (mod 4) */
        jalr    x0, 0(ra)
        .option pop
