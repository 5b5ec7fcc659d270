/*
 * common.h - shared framework for the arbor ISA conformance tests.
 *
 * Every test is a single .S file that does
 *
 *     #include "common.h"
 *     TEST_START
 *         ... checks ...
 *     PASS
 *
 * and is linked at 0x80000000 with tests/isa/link.ld.  The image is entered
 * in M-mode with a0 = hart id and a1 = device tree address; nothing else is
 * assumed.  Results are reported through the `virt` test finisher
 * (0x00100000): 0x5555 = pass, (code << 16) | 0x3333 = fail with `code`.
 *
 * Register conventions (see README.md):
 *   tp (x4)   points at the framework's trap frame for the whole test.
 *             Tests must never modify it.
 *   t6 (x31)  scratch for the CHECK and helper macros (t5 too when the
 *             checked register is t6); do not expect them preserved across
 *             any macro of this file.
 *   a0, a7    clobbered on the failure path; a7 also by ENTER_M.
 *             A test's own ECALL must not have a7 = one of the MAGIC_*
 *             values below.
 *   Page table macros clobber t3..t6.
 *
 * Check numbers are 1..239 and must be unique within a file (the assembler
 * rejects duplicates).  Codes 240..255 are reserved for the framework:
 *   255  unexpected trap taken in M-mode (nothing armed)
 *   254  unexpected trap taken in S-mode (nothing armed)
 *   253  framework misuse (bad fail code)
 */
#ifndef ARBOR_ISA_COMMON_H
#define ARBOR_ISA_COMMON_H

/* ------------------------------------------------------------------ */
/* Platform                                                             */
/* ------------------------------------------------------------------ */
#define TEST_FINISHER   0x00100000
#define FINISHER_PASS   0x5555
#define FINISHER_FAIL   0x3333
#define UART0_BASE      0x10000000
#define CLINT_BASE      0x02000000
#define CLINT_MSIP      (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP  (CLINT_BASE + 0x4000)
#define CLINT_MTIME     (CLINT_BASE + 0xbff8)
#define RAM_BASE        0x80000000

#define FAIL_UNEXPECTED_M   255
#define FAIL_UNEXPECTED_S   254
#define FAIL_BAD_CODE       253

/* a7 values recognised by the trap handlers on ECALL */
#define MAGIC_FAIL      0x7e57fa1   /* a0 = fail code */
#define MAGIC_SFAIL     0x7e57fa5   /* from the S handler: a0 code, a1..a3 scause/sepc/stval */
#define MAGIC_TO_M      0x7e57003   /* continue after the ECALL in M-mode */

/* ------------------------------------------------------------------ */
/* CSR fields                                                           */
/* ------------------------------------------------------------------ */
#define MSTATUS_SIE     (1 << 1)
#define MSTATUS_MIE     (1 << 3)
#define MSTATUS_SPIE    (1 << 5)
#define MSTATUS_UBE     (1 << 6)
#define MSTATUS_MPIE    (1 << 7)
#define MSTATUS_SPP     (1 << 8)
#define MSTATUS_VS      (3 << 9)
#define MSTATUS_MPP     (3 << 11)
#define MSTATUS_MPP_S   (1 << 11)
#define MSTATUS_MPP_M   (3 << 11)
#define MSTATUS_FS      (3 << 13)
#define MSTATUS_FS_INITIAL (1 << 13)
#define MSTATUS_FS_CLEAN   (2 << 13)
#define MSTATUS_FS_DIRTY   (3 << 13)
#define MSTATUS_XS      (3 << 15)
#define MSTATUS_MPRV    (1 << 17)
#define MSTATUS_SUM     (1 << 18)
#define MSTATUS_MXR     (1 << 19)
#define MSTATUS_TVM     (1 << 20)
#define MSTATUS_TW      (1 << 21)
#define MSTATUS_TSR     (1 << 22)
#define MSTATUS_UXL     (3 << 32)
#define MSTATUS_SXL     (3 << 34)
#define MSTATUS_SD      (1 << 63)

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define CAUSE_MISALIGNED_FETCH   0
#define CAUSE_FETCH_ACCESS       1
#define CAUSE_ILLEGAL_INSN       2
#define CAUSE_BREAKPOINT         3
#define CAUSE_MISALIGNED_LOAD    4
#define CAUSE_LOAD_ACCESS        5
#define CAUSE_MISALIGNED_STORE   6
#define CAUSE_STORE_ACCESS       7
#define CAUSE_USER_ECALL         8
#define CAUSE_SUPERVISOR_ECALL   9
#define CAUSE_MACHINE_ECALL      11
#define CAUSE_FETCH_PAGE_FAULT   12
#define CAUSE_LOAD_PAGE_FAULT    13
#define CAUSE_STORE_PAGE_FAULT   15

#define IRQ_S_SOFT   1
#define IRQ_M_SOFT   3
#define IRQ_S_TIMER  5
#define IRQ_M_TIMER  7
#define IRQ_S_EXT    9
#define IRQ_M_EXT    11
#define CAUSE_INTERRUPT  (1 << 63)
#define CAUSE_IRQ(n)     (CAUSE_INTERRUPT | (n))

#define MIP_SSIP (1 << IRQ_S_SOFT)
#define MIP_MSIP (1 << IRQ_M_SOFT)
#define MIP_STIP (1 << IRQ_S_TIMER)
#define MIP_MTIP (1 << IRQ_M_TIMER)
#define MIP_SEIP (1 << IRQ_S_EXT)
#define MIP_MEIP (1 << IRQ_M_EXT)

/* fflags */
#define FF_NX 0x01
#define FF_UF 0x02
#define FF_OF 0x04
#define FF_DZ 0x08
#define FF_NV 0x10

/* rounding modes */
#define RM_RNE 0
#define RM_RTZ 1
#define RM_RDN 2
#define RM_RUP 3
#define RM_RMM 4
#define RM_DYN 7

/* Page table entries */
#define PTE_V  0x001
#define PTE_R  0x002
#define PTE_W  0x004
#define PTE_X  0x008
#define PTE_U  0x010
#define PTE_G  0x020
#define PTE_A  0x040
#define PTE_D  0x080
#define PTE_RWX   (PTE_R | PTE_W | PTE_X)
#define PTE_AD    (PTE_A | PTE_D)

#define SATP_MODE_BARE 0
#define SATP_MODE_SV39 8
#define SATP_MODE_SV48 9
#define SATP_MODE_SV57 10
#define SATP_MODE_SHIFT 60

#define PAGE_SIZE 4096
#define MEGAPAGE  (1 << 21)
#define GIGAPAGE  (1 << 30)

/* ------------------------------------------------------------------ */
/* Trap frame (pointed to by tp)                                        */
/* ------------------------------------------------------------------ */
#define TF_T0          0
#define TF_T1          8
#define TF_T2          16
#define TF_T3          24
#define TF_EXP_CAUSE   32   /* armed expected cause, -1 = none */
#define TF_CHECK       40   /* check number of the armed expectation */
#define TF_RESUME      48   /* resume address */
#define TF_RESUME_MODE 56   /* -1 = same mode as trapped, else PRV_x */
#define TF_CAUSE       64   /* recorded by the handler for the last expected trap */
#define TF_EPC         72
#define TF_TVAL        80
#define TF_STATUS      88   /* mstatus/sstatus as seen by the handler */
#define TF_LEVEL       96   /* 3: handled in M-mode, 1: handled in S-mode */
#define TF_COUNT       104  /* number of expected traps taken */
#define TF_SIZE        128

/* expected-cause value accepted for any exception (not interrupts) */
#define TRAP_ANY_EXCEPTION  (-2)

#ifdef __ASSEMBLER__

        .option norelax
        .option nopic

/* ------------------------------------------------------------------ */
/* Internal helpers                                                     */
/* ------------------------------------------------------------------ */

/* Register a check number: range check + uniqueness within the file. */
.macro _check_id n
  .if (\n < 1) || (\n > 239)
    .error "check number out of range 1..239"
  .endif
  .equiv .Lcheck_id_\n, 1
        /* record the number in a non-loaded section (count/list them with
           objdump -s -j .isa_checks build/isa/NAME.elf) */
        .pushsection .isa_checks, "", @progbits
        .byte   \n
        .popsection
.endm

/* Fail with code n from any privilege mode (ECALL to the handlers). */
.macro _fail_raw n
        li      a0, \n
        li      a7, MAGIC_FAIL
        ecall
.endm

/* Compare reg with an immediate, fail with n if different. */
.macro _check_eq_raw n, reg, val
  .ifc \reg, t6
        li      t5, \val
        beq     t6, t5, .Lck_ok\@
  .else
  .ifc \reg, x31
        li      t5, \val
        beq     x31, t5, .Lck_ok\@
  .else
        li      t6, \val
        beq     \reg, t6, .Lck_ok\@
  .endif
  .endif
        _fail_raw \n
.Lck_ok\@:
.endm

/* M-mode only: print one character (bounded wait on the UART). Clobbers t1,t2,t3 */
.macro _putc_reg r
        li      t3, UART0_BASE
        li      t2, 100000
.Lputc_wait\@:
        lbu     t1, 5(t3)
        andi    t1, t1, 0x20
        bnez    t1, .Lputc_go\@
        addi    t2, t2, -1
        bnez    t2, .Lputc_wait\@
.Lputc_go\@:
        sb      \r, 0(t3)
.endm

/* ------------------------------------------------------------------ */
/* Test start / end                                                     */
/* ------------------------------------------------------------------ */

.macro test_start
        .section .text.init, "ax", @progbits
        .globl  _start
_start:
        .option push
        .option norvc
        /* framework pointer and trap vectors first */
        la      tp, __trap_frame
        la      t0, __m_trap
        csrw    mtvec, t0
        la      t0, __s_trap
        csrw    stvec, t0
        /* no interrupts, no delegation, no translation */
        csrw    mie, zero
        csrw    mideleg, zero
        csrw    medeleg, zero
        csrw    satp, zero
        li      t0, MSTATUS_MIE | MSTATUS_SIE | MSTATUS_MPIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_FS | MSTATUS_VS | MSTATUS_MPP
        csrc    mstatus, t0
        li      t0, MSTATUS_FS_INITIAL | MSTATUS_MPP_M
        csrs    mstatus, t0
        csrw    fcsr, zero
        /* PMP entry 0: whole address space RWX (NAPOT) so that S/U-mode
           accesses are permitted on harts that implement PMP. */
        li      t0, -1
        csrw    pmpaddr0, t0
        li      t0, 0x1f
        csrw    pmpcfg0, t0
        /* CLINT: no software interrupt, timer far in the future (QEMU
           resets mtimecmp to 0, i.e. MTIP pending) */
        li      t0, CLINT_MSIP
        sw      zero, 0(t0)
        li      t0, CLINT_MTIMECMP
        li      t1, -1
        sd      t1, 0(t0)
        csrw    mip, zero
        /* zero .bss */
        la      t0, __bss_start
        la      t1, __bss_end
1:      bgeu    t0, t1, 2f
        sd      zero, 0(t0)
        addi    t0, t0, 8
        j       1b
2:
        /* trap frame */
        li      t0, -1
        sd      t0, TF_EXP_CAUSE(tp)
        sd      t0, TF_RESUME_MODE(tp)
        sd      zero, TF_COUNT(tp)
        la      sp, __stack_top
        j       __test_body

        /* ---------------- M-mode trap handler ---------------- */
        .balign 4
__m_trap:
        sd      t0, TF_T0(tp)
        sd      t1, TF_T1(tp)
        sd      t2, TF_T2(tp)
        csrr    t0, mcause
        li      t1, CAUSE_USER_ECALL
        beq     t0, t1, 1f
        li      t1, CAUSE_SUPERVISOR_ECALL
        beq     t0, t1, 1f
        li      t1, CAUSE_MACHINE_ECALL
        bne     t0, t1, 3f
1:      li      t1, MAGIC_FAIL
        beq     a7, t1, __finish_fail
        li      t1, MAGIC_SFAIL
        beq     a7, t1, __finish_sfail
        li      t1, MAGIC_TO_M
        bne     a7, t1, 3f
        /* ECALL(MAGIC_TO_M): continue after the ECALL in M-mode, MIE=0 */
        csrr    t1, mepc
        addi    t1, t1, 4
        csrw    mepc, t1
        li      t1, MSTATUS_MPP
        csrs    mstatus, t1
        li      t1, MSTATUS_MPIE
        csrc    mstatus, t1
        j       __m_ret
3:      ld      t1, TF_EXP_CAUSE(tp)
        beq     t0, t1, 4f
        li      t2, TRAP_ANY_EXCEPTION
        bne     t1, t2, __m_unexpected
        bltz    t0, __m_unexpected      /* interrupts never match "any" */
4:      /* expected trap: record, disarm, resume */
        sd      t0, TF_CAUSE(tp)
        csrr    t1, mepc
        sd      t1, TF_EPC(tp)
        csrr    t1, mtval
        sd      t1, TF_TVAL(tp)
        csrr    t1, mstatus
        sd      t1, TF_STATUS(tp)
        li      t1, 3
        sd      t1, TF_LEVEL(tp)
        ld      t1, TF_COUNT(tp)
        addi    t1, t1, 1
        sd      t1, TF_COUNT(tp)
        li      t1, -1
        sd      t1, TF_EXP_CAUSE(tp)
        ld      t1, TF_RESUME(tp)
        csrw    mepc, t1
        li      t1, MSTATUS_MPIE
        csrc    mstatus, t1
        ld      t1, TF_RESUME_MODE(tp)
        bltz    t1, __m_ret
        li      t2, MSTATUS_MPP
        csrc    mstatus, t2
        slli    t1, t1, 11
        csrs    mstatus, t1
__m_ret:
        ld      t0, TF_T0(tp)
        ld      t1, TF_T1(tp)
        ld      t2, TF_T2(tp)
        mret

__m_unexpected:
        li      a0, FAIL_UNEXPECTED_M
        ld      t1, TF_EXP_CAUSE(tp)
        bltz    t1, 1f
        ld      a0, TF_CHECK(tp)
1:      mv      a1, t0
        csrr    a2, mepc
        csrr    a3, mtval
        la      a4, __str_trap
        j       __finish_print

__finish_sfail:
        la      a4, __str_strap
        j       __finish_print

__finish_fail:
        /* a0 = code */
        li      t1, 1
        blt     a0, t1, 1f
        li      t1, 255
        ble     a0, t1, __finish_code
1:      li      a0, FAIL_BAD_CODE
        j       __finish_code

        /* print "<a4 string>" then cause a1, epc a2, tval a3 in hex */
__finish_print:
        li      a6, 0
2:      lbu     a5, 0(a4)
        beqz    a5, 3f
        _putc_reg a5
        addi    a4, a4, 1
        j       2b
3:      mv      a5, a1
        jal     ra, __puthex
        li      a5, 32
        _putc_reg a5
        mv      a5, a2
        jal     ra, __puthex
        li      a5, 32
        _putc_reg a5
        mv      a5, a3
        jal     ra, __puthex
        li      a5, 10
        _putc_reg a5
__finish_code:
        /* print "FAIL <code>\n" */
        la      a4, __str_fail
4:      lbu     a5, 0(a4)
        beqz    a5, 5f
        _putc_reg a5
        addi    a4, a4, 1
        j       4b
5:      li      a5, 100
        divu    a6, a0, a5
        beqz    a6, 6f
        addi    a6, a6, 48
        _putc_reg a6
6:      li      a5, 10
        divu    a6, a0, a5
        beqz    a6, 7f
        remu    a6, a6, a5
        addi    a6, a6, 48
        _putc_reg a6
7:      li      a5, 10
        remu    a6, a0, a5
        addi    a6, a6, 48
        _putc_reg a6
        li      a5, 10
        _putc_reg a5
        andi    a0, a0, 0xff
        slli    t0, a0, 16
        li      t1, FINISHER_FAIL
        or      t0, t0, t1
        li      t1, TEST_FINISHER
        sw      t0, 0(t1)
8:      j       8b

        /* print a5 as 16 hex digits; clobbers a5, a6, t1-t3, t4 */
__puthex:
        li      t4, 60
1:      srl     a6, a5, t4
        andi    a6, a6, 15
        addi    a6, a6, 48
        li      t1, 57
        ble     a6, t1, 2f
        addi    a6, a6, 39
2:      _putc_reg a6
        addi    t4, t4, -4
        bgez    t4, 1b
        ret

__pass:
        li      t0, FINISHER_PASS
        li      t1, TEST_FINISHER
        sw      t0, 0(t1)
1:      j       1b

        /* ---------------- S-mode trap handler ----------------
           Used when a test delegates traps with medeleg/mideleg.  Needs tp
           (and this code) accessible from S-mode at the same address. */
        .balign 4
__s_trap:
        sd      t0, TF_T0(tp)
        sd      t1, TF_T1(tp)
        sd      t2, TF_T2(tp)
        csrr    t0, scause
        li      t1, CAUSE_USER_ECALL
        bne     t0, t1, 3f
        li      t1, MAGIC_FAIL
        beq     a7, t1, 1f
        li      t1, MAGIC_TO_M
        bne     a7, t1, 3f
1:      /* forward the framework ECALL to M-mode (never returns for FAIL) */
        ecall
        /* MAGIC_TO_M: now in M-mode; continue after the U-mode ECALL */
        csrr    t1, sepc
        addi    t1, t1, 4
        csrw    mepc, t1
        li      t1, MSTATUS_MPP
        csrs    mstatus, t1
        li      t1, MSTATUS_MPIE
        csrc    mstatus, t1
        j       __m_ret
3:      ld      t1, TF_EXP_CAUSE(tp)
        beq     t0, t1, 4f
        li      t2, TRAP_ANY_EXCEPTION
        bne     t1, t2, __s_unexpected
        bltz    t0, __s_unexpected
4:      sd      t0, TF_CAUSE(tp)
        csrr    t1, sepc
        sd      t1, TF_EPC(tp)
        csrr    t1, stval
        sd      t1, TF_TVAL(tp)
        csrr    t1, sstatus
        sd      t1, TF_STATUS(tp)
        li      t1, 1
        sd      t1, TF_LEVEL(tp)
        ld      t1, TF_COUNT(tp)
        addi    t1, t1, 1
        sd      t1, TF_COUNT(tp)
        li      t1, -1
        sd      t1, TF_EXP_CAUSE(tp)
        ld      t1, TF_RESUME(tp)
        csrw    sepc, t1
        li      t1, MSTATUS_SPIE
        csrc    sstatus, t1
        ld      t1, TF_RESUME_MODE(tp)
        bltz    t1, 5f
        li      t2, MSTATUS_SPP
        beqz    t1, 6f
        li      t0, PRV_S
        bne     t1, t0, 5f
        csrs    sstatus, t2
        j       5f
6:      csrc    sstatus, t2
5:      ld      t0, TF_T0(tp)
        ld      t1, TF_T1(tp)
        ld      t2, TF_T2(tp)
        sret
__s_unexpected:
        li      a0, FAIL_UNEXPECTED_S
        ld      t1, TF_EXP_CAUSE(tp)
        bltz    t1, 1f
        ld      a0, TF_CHECK(tp)
1:      mv      a1, t0
        csrr    a2, sepc
        csrr    a3, stval
        li      a7, MAGIC_SFAIL
        ecall
2:      j       2b

        .pushsection .rodata.framework, "a", @progbits
__str_trap:  .asciz "TRAP mcause/mepc/mtval "
__str_strap: .asciz "STRAP scause/sepc/stval "
__str_fail:  .asciz "FAIL "
        .popsection

        .pushsection .data.framework, "aw", @progbits
        .balign 64
__trap_frame:
        .skip   TF_SIZE
        .popsection

        .pushsection .bss.framework.stack, "aw", @nobits
        .balign 16
        .skip   4096
__stack_top:
        .popsection

        .option pop
        .text
__test_body:
.endm

/* Report success.  Must be reached in M-mode (checked: reading mscratch
   traps in S/U-mode, giving an unexpected-trap failure). */
.macro pass
        csrr    t6, mscratch
        j       __pass
.endm

/* ------------------------------------------------------------------ */
/* Checks                                                               */
/* ------------------------------------------------------------------ */

.macro check_eq n, reg, val
        _check_id \n
        _check_eq_raw \n, \reg, \val
.endm

/* fail n unless registers r1 == r2 */
.macro check_eqr n, r1, r2
        _check_id \n
        beq     \r1, \r2, .Lck_ok\@
        _fail_raw \n
.Lck_ok\@:
.endm

/* fail n unless reg == address of a symbol (reg must not be t6) */
.macro check_addr n, reg, sym
        _check_id \n
        la      t6, \sym
        beq     \reg, t6, .Lck_ok\@
        _fail_raw \n
.Lck_ok\@:
.endm

/* fail n unless csr == val (clobbers t5, t6) */
.macro check_csr n, csr, val
        _check_id \n
        csrr    t5, \csr
        _check_eq_raw \n, t5, \val
.endm

/* fail n unless (csr & mask) == val (clobbers t5, t6) */
.macro check_csr_mask n, csr, mask, val
        _check_id \n
        csrr    t5, \csr
        li      t6, \mask
        and     t5, t5, t6
        _check_eq_raw \n, t5, \val
.endm

/* fail n unless the 64-bit pattern of FP register f == val */
.macro check_fbits n, f, val
        _check_id \n
        fmv.x.d t5, \f
        _check_eq_raw \n, t5, \val
.endm

/* fail n unless f holds the NaN-boxed single-precision pattern val (32 bits) */
.macro check_fbits_s n, f, val
        _check_id \n
        fmv.x.d t5, \f
        _check_eq_raw \n, t5, (0xffffffff00000000 | (\val))
.endm

/* fail n unless fflags == val; then clear fflags (clobbers t5, t6) */
.macro check_fflags n, val
        _check_id \n
        csrrw   t5, fflags, zero
        _check_eq_raw \n, t5, \val
.endm

/* ------------------------------------------------------------------ */
/* Expected traps                                                       */
/*                                                                      */
/*     TRAP_EXPECT(n, cause)                                            */
/*         <instruction(s) that must trap>                              */
/*     TRAP_RESUME(n)                                                   */
/*         <checks on TF_* (CHECK_TRAP_TVAL etc.)>                      */
/*                                                                      */
/* If no trap happens, fall-through fails with n.  If a trap with a     */
/* different cause happens, the handler fails with n.  On the expected  */
/* trap the handler records cause/epc/tval/status, disarms and resumes  */
/* at TRAP_RESUME(n) in the mode the trap came from (TRAP_EXPECT_M: in  */
/* M-mode; TRAP_EXPECT_MODE: given PRV_x; an S-mode handler can only    */
/* resume in S or U).  Interrupt-enable (xPIE) is cleared on resume.    */
/* ------------------------------------------------------------------ */
.macro trap_expect n, cause, mode=-1
        _check_id \n
        li      t6, \n
        sd      t6, TF_CHECK(tp)
        li      t6, \mode
        sd      t6, TF_RESUME_MODE(tp)
        la      t6, .Ltrap_resume_\n
        sd      t6, TF_RESUME(tp)
        li      t6, \cause
        sd      t6, TF_EXP_CAUSE(tp)
.endm

.macro trap_resume n
        _fail_raw \n
.Ltrap_resume_\n:
.endm

/* disarm an expectation (e.g. an interrupt that did not come) */
.macro trap_disarm
        li      t6, -1
        sd      t6, TF_EXP_CAUSE(tp)
.endm

/* checks on the recorded trap (the load of the frame needs tp accessible) */
.macro check_tf n, off, val
        _check_id \n
        ld      t5, \off(tp)
        _check_eq_raw \n, t5, \val
.endm

.macro check_tf_addr n, off, sym
        _check_id \n
        ld      t5, \off(tp)
        la      t6, \sym
        beq     t5, t6, .Lck_ok\@
        _fail_raw \n
.Lck_ok\@:
.endm

/* fail n unless the recorded field is one of the given values */
.macro check_tf_in n, off, v1, v2, v3=-1, v4=-1
        _check_id \n
        ld      t5, \off(tp)
        li      t6, \v1
        beq     t5, t6, .Lck_ok\@
        li      t6, \v2
        beq     t5, t6, .Lck_ok\@
        li      t6, \v3
        beq     t5, t6, .Lck_ok\@
        li      t6, \v4
        beq     t5, t6, .Lck_ok\@
        _fail_raw \n
.Lck_ok\@:
.endm

/* fail n unless the recorded field equals register reg */
.macro check_tf_reg n, off, reg
        _check_id \n
        ld      t5, \off(tp)
        beq     t5, \reg, .Lck_ok\@
        _fail_raw \n
.Lck_ok\@:
.endm

.macro check_tf_mask n, off, mask, val
        _check_id \n
        ld      t5, \off(tp)
        li      t6, \mask
        and     t5, t5, t6
        _check_eq_raw \n, t5, \val
.endm

/* ------------------------------------------------------------------ */
/* Privilege changes                                                    */
/* ------------------------------------------------------------------ */

/* From M-mode: continue at the next instruction in mode `mode` (mret).
   mstatus.MIE is 0 afterwards (MPIE cleared first). */
.macro enter_mode mode
        li      t6, MSTATUS_MPP | MSTATUS_MPIE
        csrc    mstatus, t6
  .if \mode
        li      t6, (\mode << 11)
        csrs    mstatus, t6
  .endif
        la      t6, .Lenter_\@
        csrw    mepc, t6
        mret
.Lenter_\@:
.endm

/* From S-mode: continue at the next instruction in U-mode (sret). */
.macro enter_u_from_s
        li      t6, MSTATUS_SPP | MSTATUS_SPIE
        csrc    sstatus, t6
        la      t6, .Lenter_\@
        csrw    sepc, t6
        sret
.Lenter_\@:
.endm

/* From any mode: continue at the next instruction in M-mode (ECALL to the
   framework; must not be used with ECALL from S delegated).  MIE = 0. */
.macro enter_m
        li      a7, MAGIC_TO_M
        ecall
        li      a7, 0           /* a plain ECALL later must not look magic */
.endm

/* ------------------------------------------------------------------ */
/* Page tables (Sv39 / Sv48)                                            */
/* ------------------------------------------------------------------ */

/* Declare a zeroed, page-aligned page table in .bss */
.macro page_table name
        .pushsection .bss.pagetables, "aw", @nobits
        .balign 4096
\name:  .skip   4096
        .popsection
.endm

/* Write a PTE: table register `tbl`, virtual address register `va`,
   level (0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB, 3 = 512 GiB), physical
   address register `pa`, flags.  Clobbers t3..t6. */
.macro pt_set tbl, va, level, pa, flags
        srli    t3, \va, (12 + 9 * \level)
        andi    t3, t3, 0x1ff
        slli    t3, t3, 3
        add     t3, t3, \tbl
        srli    t4, \pa, 12
        slli    t4, t4, 10
        li      t5, \flags
        or      t4, t4, t5
        sd      t4, 0(t3)
.endm

/* Same with symbols: table, va and pa are all labels (for numeric
   constants use pt_map_c / pt_map_cs below).  Clobbers t3..t6. */
.macro pt_map tblsym, vasym, level, pasym, flags
        la      t6, \tblsym
        la      t5, \vasym
        la      t4, \pasym
        srli    t3, t5, (12 + 9 * \level)
        andi    t3, t3, 0x1ff
        slli    t3, t3, 3
        add     t6, t6, t3
        srli    t4, t4, 12
        slli    t4, t4, 10
        li      t5, \flags
        or      t4, t4, t5
        sd      t4, 0(t6)
.endm

/* table symbol; va and pa numeric constants.  Clobbers t3, t4, t6. */
.macro pt_map_c tblsym, va, level, pa, flags
        la      t6, \tblsym
        li      t4, (((\pa) >> 12) << 10) | (\flags)
        li      t3, ((((\va) >> (12 + 9 * \level)) & 0x1ff) << 3)
        add     t6, t6, t3
        sd      t4, 0(t6)
.endm

/* table symbol; va numeric constant; pa symbol.  Clobbers t3..t6. */
.macro pt_map_cs tblsym, va, level, pasym, flags
        la      t6, \tblsym
        la      t4, \pasym
        srli    t4, t4, 12
        slli    t4, t4, 10
        li      t5, \flags
        or      t4, t4, t5
        li      t3, ((((\va) >> (12 + 9 * \level)) & 0x1ff) << 3)
        add     t6, t6, t3
        sd      t4, 0(t6)
.endm

/* Non-leaf entry: table `tblsym` slot for va at `level` -> next table */
.macro pt_link tblsym, vasym, level, nextsym
        pt_map  \tblsym, \vasym, \level, \nextsym, PTE_V
.endm

.macro pt_link_c tblsym, va, level, nextsym
        pt_map_cs \tblsym, \va, \level, \nextsym, PTE_V
.endm

/* Turn on translation: satp = mode | ppn(root); sfence.vma. Clobbers t5, t6. */
.macro satp_enable mode, rootsym
        la      t6, \rootsym
        srli    t6, t6, 12
        li      t5, (\mode << SATP_MODE_SHIFT)
        or      t6, t6, t5
        csrw    satp, t6
        sfence.vma
.endm

/* ------------------------------------------------------------------ */
/* C-style spellings                                                    */
/* ------------------------------------------------------------------ */
#define TEST_START                  test_start
#define PASS                        pass
#define FAIL(n)                     _check_id n; _fail_raw n
#define CHECK_EQ(n, reg, val)       check_eq n, reg, val
#define CHECK_EQR(n, r1, r2)        check_eqr n, r1, r2
#define CHECK_ADDR(n, reg, sym)     check_addr n, reg, sym
#define CHECK_CSR(n, csr, val)      check_csr n, csr, val
#define CHECK_CSR_MASK(n, csr, m, v) check_csr_mask n, csr, m, v
#define CHECK_FBITS(n, f, val)      check_fbits n, f, val
#define CHECK_FBITS_S(n, f, val)    check_fbits_s n, f, val
#define CHECK_FFLAGS(n, val)        check_fflags n, val
#define TRAP_EXPECT(n, cause)       trap_expect n, cause
#define TRAP_EXPECT_M(n, cause)     trap_expect n, cause, PRV_M
#define TRAP_EXPECT_MODE(n, cause, mode) trap_expect n, cause, mode
#define TRAP_EXPECT_ANY(n)          trap_expect n, TRAP_ANY_EXCEPTION
#define TRAP_EXPECT_ANY_M(n)        trap_expect n, TRAP_ANY_EXCEPTION, PRV_M
#define TRAP_RESUME(n)              trap_resume n
#define TRAP_DISARM                 trap_disarm
#define CHECK_TRAP_CAUSE(n, val)    check_tf n, TF_CAUSE, val
#define CHECK_TRAP_CAUSE_IN(n, ...) check_tf_in n, TF_CAUSE, __VA_ARGS__
#define CHECK_TRAP_TVAL(n, val)     check_tf n, TF_TVAL, val
#define CHECK_TRAP_TVAL_IN(n, ...)  check_tf_in n, TF_TVAL, __VA_ARGS__
#define CHECK_TRAP_TVAL_ADDR(n, sym) check_tf_addr n, TF_TVAL, sym
#define CHECK_TRAP_TVAL_REG(n, reg) check_tf_reg n, TF_TVAL, reg
#define CHECK_TRAP_EPC(n, sym)      check_tf_addr n, TF_EPC, sym
#define CHECK_TRAP_EPC_REG(n, reg)  check_tf_reg n, TF_EPC, reg
#define CHECK_TRAP_LEVEL(n, lvl)    check_tf n, TF_LEVEL, lvl
#define CHECK_TRAP_STATUS(n, m, v)  check_tf_mask n, TF_STATUS, m, v
#define ENTER_S                     enter_mode PRV_S
#define ENTER_U                     enter_mode PRV_U
#define ENTER_M                     enter_m
#define ENTER_U_FROM_S              enter_u_from_s
#define PAGE_TABLE(name)            page_table name
#define PT_MAP_C(t, va, lvl, pa, fl)  pt_map_c t, va, lvl, pa, fl
#define PT_MAP_CS(t, va, lvl, pa, fl) pt_map_cs t, va, lvl, pa, fl
#define PT_MAP(t, va, lvl, pa, fl)    pt_map t, va, lvl, pa, fl
#define PT_LINK_C(t, va, lvl, next)   pt_link_c t, va, lvl, next
#define PT_SET(t, va, lvl, pa, fl)    pt_set t, va, lvl, pa, fl
#define SATP_ENABLE(mode, root)     satp_enable mode, root

#endif /* __ASSEMBLER__ */
#endif /* ARBOR_ISA_COMMON_H */
