/*
 * pmp: the PMP CSRs exist and hold what is written (16 entries: pmpcfg0,
 * pmpcfg2, pmpaddr0..15).  Only values every implementation with a 4-byte
 * grain must keep are written: no L bit (it could never be cleared again),
 * no NA4 (not selectable with a coarser grain), no R=0/W=1 (reserved), and
 * pmpaddr values within bits 53:0.  Enforcement is not tested; the entries
 * are restored to the framework's "entry 0 = everything RWX" at the end.
 * Odd pmpcfg registers do not exist on RV64.
 */
#include "common.h"

#define CFG(r, w, x, a)  ((r) | ((w) << 1) | ((x) << 2) | ((a) << 3))
#define A_OFF    0
#define A_TOR    1
#define A_NAPOT  3

/* write pmpaddrN, read it back */
.macro ADDR_RW n, csr, val
        li      a1, \val
        csrw    \csr, a1
        CHECK_CSR(\n, \csr, \val)
.endm

TEST_START
        /* everything below runs in M-mode without L bits: nothing is enforced on M */

        /* ---------------- pmpaddr0..15 ---------------- */
        ADDR_RW  1, pmpaddr0,  0x0000000000000000
        ADDR_RW  2, pmpaddr0,  0x0000000020000000 /* 0x80000000 >> 2 */
        ADDR_RW  3, pmpaddr0,  0x003fffffffffffff /* bits 53:0 all set */
        ADDR_RW  4, pmpaddr1,  0x0000000020001000
        ADDR_RW  5, pmpaddr2,  0x0000000020002000
        ADDR_RW  6, pmpaddr3,  0x0000000020003000
        ADDR_RW  7, pmpaddr4,  0x0000000020004000
        ADDR_RW  8, pmpaddr5,  0x0000000020005000
        ADDR_RW  9, pmpaddr6,  0x0000000020006000
        ADDR_RW 10, pmpaddr7,  0x0000000020007000
        ADDR_RW 11, pmpaddr8,  0x0000000020008000
        ADDR_RW 12, pmpaddr9,  0x0000000020009000
        ADDR_RW 13, pmpaddr10, 0x000000002000a000
        ADDR_RW 14, pmpaddr11, 0x000000002000b000
        ADDR_RW 15, pmpaddr12, 0x000000002000c000
        ADDR_RW 16, pmpaddr13, 0x000000002000d000
        ADDR_RW 17, pmpaddr14, 0x000000002000e000
        ADDR_RW 18, pmpaddr15, 0x000000002000f000
        /* the registers are independent */
        CHECK_CSR(19, pmpaddr1, 0x0000000020001000)
        CHECK_CSR(20, pmpaddr8, 0x0000000020008000)
        /* a NAPOT-style address (trailing ones) for a 64 KiB region */
        ADDR_RW 21, pmpaddr2,  0x0000000020003fff

        /* ---------------- pmpcfg0 / pmpcfg2 ---------------- */
        li      a1, (CFG(1,1,1,A_NAPOT) << 0) | (CFG(1,0,0,A_TOR) << 8) | (CFG(1,1,0,A_TOR) << 16) | (CFG(1,0,1,A_NAPOT) << 24) | (CFG(0,0,1,A_TOR) << 32) | (CFG(0,0,0,A_OFF) << 40) | (CFG(1,1,1,A_TOR) << 48) | (CFG(1,0,0,A_NAPOT) << 56)
        csrw    pmpcfg0, a1
        csrr    a2, pmpcfg0
        CHECK_EQR(22, a2, a1)
        li      a1, (CFG(1,0,0,A_TOR) << 0) | (CFG(1,1,1,A_NAPOT) << 8) | (CFG(0,0,1,A_NAPOT) << 56)
        csrw    pmpcfg2, a1
        csrr    a2, pmpcfg2
        CHECK_EQR(23, a2, a1)
        /* set / clear individual fields with CSRRS / CSRRC */
        li      a1, CFG(0,0,1,0) << 8           /* add X to entry 1 */
        csrs    pmpcfg0, a1
        CHECK_CSR_MASK(24, pmpcfg0, 0xff00, CFG(1,0,1,A_TOR) << 8)
        li      a1, CFG(1,1,1,A_NAPOT) << 40   /* entry 5: on ... */
        csrs    pmpcfg0, a1
        CHECK_CSR_MASK(36, pmpcfg0, 0xff << 40, CFG(1,1,1,A_NAPOT) << 40)
        csrc    pmpcfg0, a1                     /* ... and off again */
        CHECK_CSR_MASK(25, pmpcfg0, 0xff << 40, 0)
        /* pmpcfg2 did not change */
        CHECK_CSR(26, pmpcfg2, (CFG(1,0,0,A_TOR) << 0) | (CFG(1,1,1,A_NAPOT) << 8) | (CFG(0,0,1,A_NAPOT) << 56))
        /* all off */
        csrw    pmpcfg0, zero
        csrw    pmpcfg2, zero
        CHECK_CSR(27, pmpcfg0, 0)
        CHECK_CSR(28, pmpcfg2, 0)
        /* the addresses were not disturbed by the cfg writes */
        CHECK_CSR(29, pmpaddr15, 0x000000002000f000)
        CHECK_CSR(30, pmpaddr2,  0x0000000020003fff)

        /* ---------------- RV64: odd pmpcfg registers are illegal ---------------- */
        TRAP_EXPECT(31, CAUSE_ILLEGAL_INSN)
        csrr    a3, pmpcfg1
        TRAP_RESUME(31)
        TRAP_EXPECT(32, CAUSE_ILLEGAL_INSN)
        csrw    pmpcfg3, zero
        TRAP_RESUME(32)

        /* ---------------- S/U-mode cannot access them ---------------- */
        li      a1, -1
        csrw    pmpaddr0, a1
        li      a1, CFG(1,1,1,A_NAPOT)
        csrw    pmpcfg0, a1
        ENTER_S
        TRAP_EXPECT(33, CAUSE_ILLEGAL_INSN)
        csrr    a3, pmpcfg0
        TRAP_RESUME(33)
        TRAP_EXPECT(34, CAUSE_ILLEGAL_INSN)
        csrw    pmpaddr0, zero
        TRAP_RESUME(34)
        ENTER_M

        /* ---------------- restore: entry 0 covers everything, RWX ---------------- */
        li      a1, -1
        csrw    pmpaddr0, a1
        li      a1, CFG(1,1,1,A_NAPOT)
        csrw    pmpcfg0, a1
        CHECK_CSR(35, pmpcfg0, CFG(1,1,1,A_NAPOT))
        /* S-mode still runs and reaches memory with the entry in place */
        ENTER_S
        la      a1, __trap_frame
        ld      a3, TF_COUNT(a1)
        ENTER_M
        PASS
