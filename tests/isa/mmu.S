/*
 * mmu: Sv39 and Sv48 address translation in S- and U-mode.
 *  - 4 KiB pages, 2 MiB megapages, 1 GiB gigapages, 512 GiB (Sv48) pages
 *  - page faults (cause 12/13/15, mtval = virtual address) for: invalid
 *    PTEs, missing R/W/X permission, W without R, non-leaf PTE at level 0,
 *    misaligned superpages, non-canonical virtual addresses
 *  - U bit: U-mode only on U pages; S-mode on U pages only with SUM and
 *    never for instruction fetch; MXR makes execute-only pages readable
 *  - A/D bits: QEMU sets them in the PTE on access (allowed by the spec as
 *    an alternative to a page fault); the tests require the update
 *  - SFENCE.VMA makes a changed PTE visible
 *  - MPRV: M-mode loads/stores translated as MPP
 *  - TVM traps satp/SFENCE.VMA in S-mode
 *  - satp WARL: an unsupported MODE leaves satp unchanged
 *
 * Layout (Sv39 root `s_root`, U-mode root `u_root`):
 *   VA 0x80000000 (1 GiB)  identity, RWX (U=0 in s_root, U=1 in u_root)
 *   VA 0xc0000000 (1 GiB)  -> PA 0x80000000, RW (alias)
 *   VA 0x40000000 (2 MiB)  4 KiB pages through l1 / l0, see PG_* below
 *   VA 0x40200000 (2 MiB)  megapage -> PA 0x80400000
 *   VA 0x40400000 (2 MiB)  misaligned megapage (PPN[0] != 0)
 *   VA 0x100000000 (1 GiB) misaligned gigapage (PPN[1] != 0)
 * Not checked (spec leaves a choice or QEMU 7.2 differs): PTE reserved bits
 * 63:54, Svnapot/Svpbmt, Sv57 (QEMU 7.2 accepts MODE=10), whether a fault
 * with A/D clear is raised instead of the hardware update, ASIDs, and
 * translation caching without SFENCE.VMA.
 */
#include "common.h"

#define VBASE      0x40000000
#define PG_RW      (VBASE + 0x0000)   /* page_a, RW */
#define PG_CODE    (VBASE + 0x1000)   /* code_page, RX */
#define PG_RO      (VBASE + 0x2000)   /* page_b, R */
#define PG_USER    (VBASE + 0x3000)   /* page_a, RW, U */
#define PG_NOAD    (VBASE + 0x4000)   /* page_c, RW, A=D=0 */
#define PG_INVAL   (VBASE + 0x5000)   /* V=0 */
#define PG_XONLY   (VBASE + 0x6000)   /* page_b, X only */
#define PG_WONLY   (VBASE + 0x7000)   /* page_b, W only (reserved) */
#define PG_UCODE   (VBASE + 0x8000)   /* code_page, RX, U */
#define PG_SWAP    (VBASE + 0x9000)   /* changed at run time */
#define PG_NONLEAF (VBASE + 0xa000)   /* pointer PTE at level 0 */
#define PG_NOACC   (VBASE + 0xb000)   /* page_b, RW, A=0 (store sets A and D) */
#define MEGA_VA    0x40200000
#define MEGA_PA    0x80400000
#define MEGA_BAD   0x40400000
#define GIGA_ALIAS 0xc0000000
#define GIGA_BAD   0x100000000

#define RWX_AD     (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define RW_AD      (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

        PAGE_TABLE(s_root)
        PAGE_TABLE(u_root)
        PAGE_TABLE(l1)
        PAGE_TABLE(l0)
        PAGE_TABLE(r48)         /* Sv48 root */
        PAGE_TABLE(r48_l2)

        .data
        .balign 4096
page_a: .dword  0x1111111111111111, 0x1111111111111112
        .balign 4096
page_b: .dword  0x2222222222222222, 0x2222222222222223
        .balign 4096
page_c: .dword  0x3333333333333333
        .balign 4096

        .text
TEST_START
        /* image must stay below the megapage target */
        la      a1, _end
        li      a2, MEGA_PA
        bltu    a1, a2, 1f
        FAIL(1)
1:
        /* pattern in the megapage target */
        li      a1, MEGA_PA
        li      a2, 0x4444444444444444
        sd      a2, 0(a1)
        li      a3, 0x12340
        add     a3, a3, a1
        li      a2, 0x4545454545454545
        sd      a2, 0(a3)

        /* ---------------- build the Sv39 tables ---------------- */
        pt_map_c  s_root, 0x80000000, 2, 0x80000000, RWX_AD
        pt_map_c  s_root, GIGA_ALIAS, 2, 0x80000000, RW_AD
        pt_link_c s_root, VBASE, 2, l1
        pt_map_c  s_root, GIGA_BAD, 2, 0x80200000, RW_AD
        pt_map_c  u_root, 0x80000000, 2, 0x80000000, RWX_AD | PTE_U
        pt_link_c u_root, VBASE, 2, l1
        pt_link_c l1, VBASE, 1, l0
        pt_map_c  l1, MEGA_VA, 1, MEGA_PA, RW_AD
        pt_map_c  l1, MEGA_BAD, 1, MEGA_PA + 0x1000, RW_AD
        pt_map_cs l0, PG_RW, 0, page_a, RW_AD
        pt_map_cs l0, PG_CODE, 0, code_page, PTE_V | PTE_R | PTE_X | PTE_A
        pt_map_cs l0, PG_RO, 0, page_b, PTE_V | PTE_R | PTE_A
        pt_map_cs l0, PG_USER, 0, page_a, RW_AD | PTE_U
        pt_map_cs l0, PG_NOAD, 0, page_c, PTE_V | PTE_R | PTE_W
        pt_map_cs l0, PG_XONLY, 0, page_b, PTE_V | PTE_X | PTE_A
        pt_map_cs l0, PG_WONLY, 0, page_b, PTE_V | PTE_W | PTE_A | PTE_D
        pt_map_cs l0, PG_UCODE, 0, code_page, PTE_V | PTE_R | PTE_X | PTE_A | PTE_U
        pt_map_cs l0, PG_SWAP, 0, page_a, RW_AD
        pt_map_cs l0, PG_NONLEAF, 0, page_b, PTE_V
        pt_map_cs l0, PG_NOACC, 0, page_b, PTE_V | PTE_R | PTE_W

        /* ---------------- satp ---------------- */
        SATP_ENABLE(SATP_MODE_SV39, s_root)
        csrr    s1, satp
        srli    a1, s1, 60
        CHECK_EQ(2, a1, SATP_MODE_SV39)
        la      a2, s_root
        srli    a2, a2, 12
        slli    a3, s1, 20
        srli    a3, a3, 20                      /* PPN (ASID bits may be 0) */
        CHECK_EQR(3, a3, a2)
        /* unsupported modes: the write has no effect at all */
        li      a1, (1 << 60) | 0x12345
        csrw    satp, a1
        csrr    a2, satp
        CHECK_EQR(4, a2, s1)
        li      a1, (15 << 60) | 0x12345
        csrw    satp, a1
        csrr    a2, satp
        CHECK_EQR(5, a2, s1)
        li      a1, (7 << 60)
        csrw    satp, a1
        csrr    a2, satp
        CHECK_EQR(6, a2, s1)

        /* ================= S-mode, Sv39 ================= */
        ENTER_S
        /* 4 KiB page */
        li      a1, PG_RW
        ld      a3, 0(a1)
        CHECK_EQ(7, a3, 0x1111111111111111)
        li      a2, 0x5555
        sd      a2, 8(a1)
        la      a4, page_a                      /* identity view of the same page */
        ld      a3, 8(a4)
        CHECK_EQ(8, a3, 0x5555)
        li      a2, 0x1111111111111112
        sd      a2, 8(a4)
        /* read-only page */
        li      a1, PG_RO
        ld      a3, 0(a1)
        CHECK_EQ(9, a3, 0x2222222222222222)
        li      a3, 0x99
        TRAP_EXPECT(10, CAUSE_STORE_PAGE_FAULT)
.Lst_ro:
        sd      a3, 0(a1)
        TRAP_RESUME(10)
        CHECK_TRAP_TVAL(11, PG_RO)
        CHECK_TRAP_EPC(12, .Lst_ro)
        TRAP_EXPECT(13, CAUSE_STORE_PAGE_FAULT)
        amoadd.d a3, a3, (a1)                   /* AMOs need W */
        TRAP_RESUME(13)
        ld      a3, 0(a1)
        CHECK_EQ(14, a3, 0x2222222222222222)
        /* code page: executable, readable, not writable */
        li      a1, PG_CODE
        li      a0, 0
        jalr    ra, 0(a1)
        CHECK_EQ(15, a0, 0x77)
        lw      a3, 0(a1)                       /* R=1 */
        TRAP_EXPECT(16, CAUSE_STORE_PAGE_FAULT)
        sw      a3, 0(a1)
        TRAP_RESUME(16)
        /* fetch from a page without X */
        li      a1, PG_RW
        TRAP_EXPECT(17, CAUSE_FETCH_PAGE_FAULT)
        jalr    ra, 8(a1)
        TRAP_RESUME(17)
        CHECK_TRAP_TVAL(18, PG_RW + 8)
        check_tf 19, TF_EPC, PG_RW + 8
        /* invalid PTE: load, store, fetch */
        li      a1, PG_INVAL
        li      a3, 0x77
        TRAP_EXPECT(20, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 16(a1)
        TRAP_RESUME(20)
        CHECK_TRAP_TVAL(21, PG_INVAL + 16)
        CHECK_EQ(22, a3, 0x77)                  /* destination not written */
        TRAP_EXPECT(23, CAUSE_STORE_PAGE_FAULT)
        sb      a3, 5(a1)
        TRAP_RESUME(23)
        CHECK_TRAP_TVAL(24, PG_INVAL + 5)
        TRAP_EXPECT(25, CAUSE_FETCH_PAGE_FAULT)
        jalr    ra, 0(a1)
        TRAP_RESUME(25)
        CHECK_TRAP_TVAL(26, PG_INVAL)
        /* nothing mapped at all in the first gigabyte */
        li      a1, 0x1000
        TRAP_EXPECT(27, CAUSE_LOAD_PAGE_FAULT)
        lw      a3, 0(a1)
        TRAP_RESUME(27)
        CHECK_TRAP_TVAL(28, 0x1000)
        /* W without R is reserved */
        li      a1, PG_WONLY
        TRAP_EXPECT(29, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(29)
        TRAP_EXPECT(30, CAUSE_STORE_PAGE_FAULT)
        sd      a3, 0(a1)
        TRAP_RESUME(30)
        /* a pointer PTE at level 0 */
        li      a1, PG_NONLEAF
        TRAP_EXPECT(31, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(31)
        /* execute-only page: not readable unless MXR */
        li      a1, PG_XONLY
        TRAP_EXPECT(32, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(32)
        li      a2, MSTATUS_MXR
        csrs    sstatus, a2
        ld      a3, 0(a1)
        CHECK_EQ(33, a3, 0x2222222222222222)
        TRAP_EXPECT(34, CAUSE_STORE_PAGE_FAULT) /* MXR does not grant W */
        sd      a3, 0(a1)
        TRAP_RESUME(34)
        csrc    sstatus, a2
        /* megapage */
        li      a1, MEGA_VA
        ld      a3, 0(a1)
        CHECK_EQ(35, a3, 0x4444444444444444)
        li      a2, 0x12340
        add     a2, a2, a1
        ld      a3, 0(a2)
        CHECK_EQ(36, a3, 0x4545454545454545)
        li      a3, 0x4646
        sd      a3, 8(a2)
        /* misaligned megapage / gigapage */
        li      a1, MEGA_BAD
        TRAP_EXPECT(37, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(37)
        CHECK_TRAP_TVAL(38, MEGA_BAD)
        li      a1, GIGA_BAD + 0x8
        TRAP_EXPECT(39, CAUSE_STORE_PAGE_FAULT)
        sd      a3, 0(a1)
        TRAP_RESUME(39)
        CHECK_TRAP_TVAL(40, GIGA_BAD + 0x8)
        /* gigapage alias of RAM */
        la      a1, page_b
        li      a2, GIGA_ALIAS - 0x80000000
        add     a1, a1, a2
        ld      a3, 8(a1)
        CHECK_EQ(41, a3, 0x2222222222222223)
        TRAP_EXPECT(42, CAUSE_FETCH_PAGE_FAULT) /* alias has no X */
        la      a1, code_page
        add     a1, a1, a2
        jalr    ra, 0(a1)
        TRAP_RESUME(42)
        /* non-canonical Sv39 addresses (bits 63:39 != bit 38) */
        li      a1, 0x0000008000000000 | 0x80000000
        TRAP_EXPECT(43, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(43)
        CHECK_TRAP_TVAL(44, 0x0000008080000000)
        li      a1, 0xffffffc080000000          /* canonical, high half, unmapped */
        TRAP_EXPECT(45, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(45)
        li      a1, 0xff00000080000000          /* not canonical */
        TRAP_EXPECT(46, CAUSE_STORE_PAGE_FAULT)
        sd      a3, 0(a1)
        TRAP_RESUME(46)

        /* ---------------- U bit from S-mode ---------------- */
        li      a1, PG_USER
        TRAP_EXPECT(47, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(47)
        TRAP_EXPECT(48, CAUSE_STORE_PAGE_FAULT)
        sd      a3, 0(a1)
        TRAP_RESUME(48)
        li      a2, MSTATUS_SUM
        csrs    sstatus, a2
        ld      a3, 0(a1)
        CHECK_EQ(49, a3, 0x1111111111111111)
        /* a U page is never executable by S, even with SUM.  (The fetch is
           tried first: QEMU 7.2 would wrongly reuse the TLB entry that a
           load through the same page creates.) */
        li      a1, PG_UCODE
        TRAP_EXPECT(50, CAUSE_FETCH_PAGE_FAULT)
        jalr    ra, 0(a1)
        TRAP_RESUME(50)
        CHECK_TRAP_TVAL(51, PG_UCODE)
        lw      a3, 0(a1)                       /* but readable with SUM */
        csrc    sstatus, a2

        /* ---------------- A and D bits ---------------- */
        la      s2, l0
        li      a1, PG_NOAD
        ld      a3, 0(a1)
        CHECK_EQ(52, a3, 0x3333333333333333)
        ld      a4, ((PG_NOAD >> 12) & 0x1ff) * 8(s2)
        andi    a4, a4, PTE_A | PTE_D
        CHECK_EQ(53, a4, PTE_A)                 /* read: A set, D still clear */
        li      a3, 0x3434
        sd      a3, 8(a1)
        ld      a4, ((PG_NOAD >> 12) & 0x1ff) * 8(s2)
        andi    a4, a4, PTE_A | PTE_D
        CHECK_EQ(54, a4, PTE_A | PTE_D)         /* write: D set */
        li      a1, PG_NOACC
        li      a3, 0x2222222222222222
        sd      a3, 0(a1)                       /* first access is a store */
        ld      a4, ((PG_NOACC >> 12) & 0x1ff) * 8(s2)
        andi    a4, a4, PTE_A | PTE_D
        CHECK_EQ(55, a4, PTE_A | PTE_D)
        /* a faulting access does not set A */
        ld      a4, ((PG_INVAL >> 12) & 0x1ff) * 8(s2)
        CHECK_EQ(56, a4, 0)
        ld      a4, ((PG_RO >> 12) & 0x1ff) * 8(s2)
        andi    a4, a4, PTE_D
        CHECK_EQ(57, a4, 0)                     /* failed store to R page: no D */

        /* ---------------- SFENCE.VMA after changing a PTE ---------------- */
        li      a1, PG_SWAP
        ld      a3, 0(a1)
        CHECK_EQ(58, a3, 0x1111111111111111)
        la      a2, page_b
        srli    a2, a2, 12
        slli    a2, a2, 10
        ori     a2, a2, RW_AD
        sd      a2, ((PG_SWAP >> 12) & 0x1ff) * 8(s2)
        sfence.vma a1, zero
        ld      a3, 0(a1)
        CHECK_EQ(59, a3, 0x2222222222222222)
        sd      zero, ((PG_SWAP >> 12) & 0x1ff) * 8(s2)   /* invalidate */
        sfence.vma
        TRAP_EXPECT(60, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(60)
        ENTER_M

        /* ================= M-mode with MPRV ================= */
        /* M-mode fetches are untranslated; with MPRV=1 its loads and stores
           use the MPP privilege's translation */
        li      a1, MSTATUS_MPP
        csrc    mstatus, a1
        li      a1, MSTATUS_MPP_S | MSTATUS_MPRV
        csrs    mstatus, a1
        li      a1, PG_RO
        ld      a3, 0(a1)
        li      a1, MSTATUS_MPRV
        csrc    mstatus, a1
        CHECK_EQ(61, a3, 0x2222222222222222)
        li      a1, MSTATUS_MPP_S | MSTATUS_MPRV
        csrs    mstatus, a1
        li      a1, PG_RO
        TRAP_EXPECT(62, CAUSE_STORE_PAGE_FAULT)
        sd      a3, 0(a1)
        TRAP_RESUME(62)
        /* the trap entered M with MPP=M; MPRV with MPP=M is untranslated */
        li      a1, MSTATUS_MPRV
        csrc    mstatus, a1
        CHECK_TRAP_STATUS(63, MSTATUS_MPP, MSTATUS_MPP_M)

        /* ================= TVM ================= */
        li      a1, MSTATUS_TVM
        csrs    mstatus, a1
        ENTER_S
        TRAP_EXPECT(64, CAUSE_ILLEGAL_INSN)
        csrr    a3, satp
        TRAP_RESUME(64)
        TRAP_EXPECT(65, CAUSE_ILLEGAL_INSN)
        sfence.vma
        TRAP_RESUME(65)
        ld      a3, 0(sp)                       /* translation still works */
        ENTER_M
        li      a1, MSTATUS_TVM
        csrc    mstatus, a1
        ENTER_S
        csrr    a3, satp                        /* fine without TVM */
        ENTER_M
        csrr    a4, satp
        CHECK_EQR(66, a3, a4)

        /* page faults delegated to S-mode: scause / stval */
        li      a1, (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT) | (1 << CAUSE_FETCH_PAGE_FAULT)
        csrw    medeleg, a1
        ENTER_S
        li      a1, PG_INVAL
        TRAP_EXPECT(92, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0x18(a1)
        TRAP_RESUME(92)
        CHECK_TRAP_LEVEL(93, 1)
        CHECK_TRAP_TVAL(94, PG_INVAL + 0x18)
        CHECK_CSR(95, stval, PG_INVAL + 0x18)
        CHECK_CSR(96, scause, CAUSE_LOAD_PAGE_FAULT)
        li      a1, PG_RO
        TRAP_EXPECT(97, CAUSE_STORE_PAGE_FAULT)
        sh      a3, 6(a1)
        TRAP_RESUME(97)
        CHECK_CSR(98, stval, PG_RO + 6)
        ENTER_M
        csrw    medeleg, zero

        /* ================= U-mode, Sv39 ================= */
        SATP_ENABLE(SATP_MODE_SV39, u_root)
        ENTER_U
        li      a1, PG_USER
        ld      a3, 0(a1)
        CHECK_EQ(67, a3, 0x1111111111111111)
        li      a2, 0x6666
        sd      a2, 8(a1)
        ld      a3, 8(a1)
        CHECK_EQ(68, a3, 0x6666)
        li      a2, 0x1111111111111112
        sd      a2, 8(a1)
        li      a1, PG_UCODE
        li      a0, 0
        jalr    ra, 0(a1)
        CHECK_EQ(69, a0, 0x77)
        /* supervisor pages are off limits, SUM does not matter for U */
        li      a1, PG_RW
        TRAP_EXPECT(70, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(70)
        TRAP_EXPECT(71, CAUSE_STORE_PAGE_FAULT)
        sd      a3, 0(a1)
        TRAP_RESUME(71)
        li      a1, PG_CODE
        TRAP_EXPECT(72, CAUSE_FETCH_PAGE_FAULT)
        jalr    ra, 0(a1)
        TRAP_RESUME(72)
        li      a1, MEGA_VA
        TRAP_EXPECT(73, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(73)
        ENTER_M
        CHECK_TRAP_STATUS(74, MSTATUS_MPP, 0)
        /* S-mode cannot run from the U=1 identity mapping of u_root */
        la      a1, 1f
        csrw    mepc, a1
        li      a1, MSTATUS_MPP
        csrc    mstatus, a1
        li      a1, MSTATUS_MPP_S
        csrs    mstatus, a1
        TRAP_EXPECT_M(75, CAUSE_FETCH_PAGE_FAULT)
        mret
1:      FAIL(76)
        TRAP_RESUME(75)
        CHECK_TRAP_TVAL_ADDR(77, 1b)

        /* ================= Sv48 ================= */
        csrw    satp, zero
        sfence.vma
        pt_link_c r48, 0, 3, r48_l2
        pt_map_c  r48_l2, 0x80000000, 2, 0x80000000, RWX_AD
        pt_link_c r48_l2, VBASE, 2, l1                  /* reuse the Sv39 level-1 table */
        pt_map_c  r48, 0x0000008000000000, 3, 0, RW_AD  /* 512 GiB page at PA 0 */
        pt_map_c  r48, 0x0000010000000000, 3, 0x80000000, RW_AD   /* misaligned */
        SATP_ENABLE(SATP_MODE_SV48, r48)
        csrr    a1, satp
        srli    a1, a1, 60
        CHECK_EQ(78, a1, SATP_MODE_SV48)
        ENTER_S
        li      a1, PG_RW
        ld      a3, 0(a1)
        CHECK_EQ(79, a3, 0x1111111111111111)
        li      a1, MEGA_VA + 0x12348
        ld      a3, 0(a1)
        CHECK_EQ(80, a3, 0x4646)                /* written through Sv39 before */
        li      a1, PG_RO
        TRAP_EXPECT(81, CAUSE_STORE_PAGE_FAULT)
        sd      a3, 0(a1)
        TRAP_RESUME(81)
        /* the 512 GiB page: VA 0x80_0000_0000 + PA */
        la      a1, page_b
        li      a2, 0x0000008000000000
        add     a1, a1, a2
        ld      a3, 0(a1)
        CHECK_EQ(82, a3, 0x2222222222222222)
        /* an address that was non-canonical for Sv39 is fine for Sv48 */
        li      a1, 0x0000008000000000 | MEGA_PA
        ld      a3, 0(a1)
        CHECK_EQ(83, a3, 0x4444444444444444)
        /* misaligned 512 GiB page */
        li      a1, 0x0000010000000000
        TRAP_EXPECT(84, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(84)
        CHECK_TRAP_TVAL(85, 0x0000010000000000)
        /* non-canonical for Sv48: bits 63:48 != bit 47 */
        li      a1, 0x0000800000000000
        TRAP_EXPECT(86, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(86)
        CHECK_TRAP_TVAL(87, 0x0000800000000000)
        /* canonical but unmapped upper half */
        li      a1, 0xffff800000000000
        TRAP_EXPECT(88, CAUSE_LOAD_PAGE_FAULT)
        ld      a3, 0(a1)
        TRAP_RESUME(88)
        CHECK_TRAP_TVAL(89, 0xffff800000000000)
        /* unmapped level-3 slot */
        li      a1, 0x0000020000000000
        TRAP_EXPECT(90, CAUSE_STORE_PAGE_FAULT)
        sw      a3, 0(a1)
        TRAP_RESUME(90)
        ENTER_M

        /* Bare again: S-mode sees physical addresses */
        csrw    satp, zero
        sfence.vma
        ENTER_S
        la      a1, page_a
        ld      a3, 0(a1)
        CHECK_EQ(91, a3, 0x1111111111111111)
        ENTER_M
        PASS

        /* the page executed through PG_CODE / PG_UCODE */
        .balign 4096
code_page:
        li      a0, 0x77
        ret
        .balign 4096
