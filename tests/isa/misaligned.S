/*
 * misaligned: misaligned loads and stores of every width at every
 * misaligned offset, in M-mode and in U-mode.
 * The spec lets an implementation either perform a misaligned access or
 * raise an address-misaligned exception (cause 4 loads / 6 stores, with
 * mtval = the address); both are accepted here:
 *   - no trap: the loaded value (with sign/zero extension) or the stored
 *     bytes must be exactly right (little endian, neighbours untouched);
 *   - trap: cause 4/6, mtval = effective address, mepc = the instruction,
 *     and a load's destination register is not written.
 * (QEMU 7.2 performs them.)  Misaligned AMO/LR are in rv64a; misaligned
 * fetch cannot happen with the C extension; page-crossing misaligned
 * accesses are not tested.
 */
#include "common.h"

/* arm "any exception" without a fall-through failure: s4 = TF_COUNT */
.macro ARM_ANY n, label
        ld      s4, TF_COUNT(tp)
        li      t6, \n
        sd      t6, TF_CHECK(tp)
        li      t6, -1
        sd      t6, TF_RESUME_MODE(tp)
        la      t6, \label
        sd      t6, TF_RESUME(tp)
        li      t6, TRAP_ANY_EXCEPTION
        sd      t6, TF_EXP_CAUSE(tp)
.endm

/* if a trap was taken since ARM_ANY: check cause and mtval = a1, epc, and
   jump to `trapped`; else fall through */
.macro TRAP_TAKEN n, cause, insn, trapped
        li      t6, -1
        sd      t6, TF_EXP_CAUSE(tp)
        ld      t5, TF_COUNT(tp)
        beq     t5, s4, .Lnot\@
        addi    s5, s5, 1                       /* traps seen */
        ld      t5, TF_CAUSE(tp)
        li      t6, \cause
        bne     t5, t6, .Lbad\@
        ld      t5, TF_TVAL(tp)
        bne     t5, a1, .Lbad\@
        ld      t5, TF_EPC(tp)
        la      t6, \insn
        bne     t5, t6, .Lbad\@
        j       \trapped
.Lbad\@:
        _fail_raw \n
.Lnot\@:
        addi    s6, s6, 1                       /* performed */
.endm

.macro MIS_LOAD n, op, off, exp
        _check_id \n
        la      a1, lbuf + \off
        ARM_ANY \n, .Lres\@
        li      a3, 0x5e5e
.Lins\@:
        \op     a3, 0(a1)
.Lres\@:
        TRAP_TAKEN \n, CAUSE_MISALIGNED_LOAD, .Lins\@, .Ltrap\@
        _check_eq_raw \n, a3, \exp
        j       .Ldone\@
.Ltrap\@:
        _check_eq_raw \n, a3, 0x5e5e
.Ldone\@:
.endm

.macro MIS_STORE n, op, off, lo, hi
        _check_id \n
        la      a2, sbuf
        sd      zero, 0(a2)
        sd      zero, 8(a2)
        la      a1, sbuf + \off
        li      a3, 0x8877665544332211
        ARM_ANY \n, .Lres\@
.Lins\@:
        \op     a3, 0(a1)
.Lres\@:
        TRAP_TAKEN \n, CAUSE_MISALIGNED_STORE, .Lins\@, .Ldone\@
        ld      a4, 0(a2)
        _check_eq_raw \n, a4, \lo
        ld      a4, 8(a2)
        _check_eq_raw \n, a4, \hi
.Ldone\@:
.endm

        .data
        .balign 16
lbuf:
        .byte   0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7
        .byte   0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf
        .balign 16
sbuf:   .dword  0, 0, 0, 0

        .text
TEST_START
        li      s5, 0
        li      s6, 0

        /* ---------------- M-mode ---------------- */
        MIS_LOAD    1, lh, 1, 0xffffffffffffa2a1
        MIS_LOAD    2, lh, 3, 0xffffffffffffa4a3
        MIS_LOAD    3, lh, 7, 0xffffffffffffa8a7
        MIS_LOAD    4, lhu, 1, 0x000000000000a2a1
        MIS_LOAD    5, lhu, 3, 0x000000000000a4a3
        MIS_LOAD    6, lhu, 7, 0x000000000000a8a7
        MIS_LOAD    7, lw, 1, 0xffffffffa4a3a2a1
        MIS_LOAD    8, lw, 2, 0xffffffffa5a4a3a2
        MIS_LOAD    9, lw, 3, 0xffffffffa6a5a4a3
        MIS_LOAD   10, lw, 5, 0xffffffffa8a7a6a5
        MIS_LOAD   11, lw, 6, 0xffffffffa9a8a7a6
        MIS_LOAD   12, lw, 7, 0xffffffffaaa9a8a7
        MIS_LOAD   13, lwu, 1, 0x00000000a4a3a2a1
        MIS_LOAD   14, lwu, 2, 0x00000000a5a4a3a2
        MIS_LOAD   15, lwu, 3, 0x00000000a6a5a4a3
        MIS_LOAD   16, lwu, 5, 0x00000000a8a7a6a5
        MIS_LOAD   17, lwu, 6, 0x00000000a9a8a7a6
        MIS_LOAD   18, lwu, 7, 0x00000000aaa9a8a7
        MIS_LOAD   19, ld, 1, 0xa8a7a6a5a4a3a2a1
        MIS_LOAD   20, ld, 2, 0xa9a8a7a6a5a4a3a2
        MIS_LOAD   21, ld, 3, 0xaaa9a8a7a6a5a4a3
        MIS_LOAD   22, ld, 4, 0xabaaa9a8a7a6a5a4
        MIS_LOAD   23, ld, 5, 0xacabaaa9a8a7a6a5
        MIS_LOAD   24, ld, 6, 0xadacabaaa9a8a7a6
        MIS_LOAD   25, ld, 7, 0xaeadacabaaa9a8a7
        MIS_STORE  26, sh, 1, 0x0000000000221100, 0x0000000000000000
        MIS_STORE  27, sh, 3, 0x0000002211000000, 0x0000000000000000
        MIS_STORE  28, sw, 1, 0x0000004433221100, 0x0000000000000000
        MIS_STORE  29, sw, 2, 0x0000443322110000, 0x0000000000000000
        MIS_STORE  30, sw, 3, 0x0044332211000000, 0x0000000000000000
        MIS_STORE  31, sw, 6, 0x2211000000000000, 0x0000000000004433
        MIS_STORE  32, sd, 1, 0x7766554433221100, 0x0000000000000088
        MIS_STORE  33, sd, 3, 0x5544332211000000, 0x0000000000887766
        MIS_STORE  34, sd, 4, 0x4433221100000000, 0x0000000088776655
        MIS_STORE  35, sd, 7, 0x1100000000000000, 0x0088776655443322

        /* ---------------- U-mode (bare) ---------------- */
        ENTER_U
        MIS_LOAD   36, lh, 1, 0xffffffffffffa2a1
        MIS_LOAD   37, lh, 3, 0xffffffffffffa4a3
        MIS_LOAD   38, lh, 7, 0xffffffffffffa8a7
        MIS_LOAD   39, lhu, 1, 0x000000000000a2a1
        MIS_LOAD   40, lhu, 3, 0x000000000000a4a3
        MIS_LOAD   41, lhu, 7, 0x000000000000a8a7
        MIS_LOAD   42, lw, 1, 0xffffffffa4a3a2a1
        MIS_LOAD   43, lw, 2, 0xffffffffa5a4a3a2
        MIS_LOAD   44, lw, 3, 0xffffffffa6a5a4a3
        MIS_LOAD   45, lw, 5, 0xffffffffa8a7a6a5
        MIS_LOAD   46, lw, 6, 0xffffffffa9a8a7a6
        MIS_LOAD   47, lw, 7, 0xffffffffaaa9a8a7
        MIS_LOAD   48, lwu, 1, 0x00000000a4a3a2a1
        MIS_LOAD   49, lwu, 2, 0x00000000a5a4a3a2
        MIS_LOAD   50, lwu, 3, 0x00000000a6a5a4a3
        MIS_LOAD   51, lwu, 5, 0x00000000a8a7a6a5
        MIS_LOAD   52, lwu, 6, 0x00000000a9a8a7a6
        MIS_LOAD   53, lwu, 7, 0x00000000aaa9a8a7
        MIS_LOAD   54, ld, 1, 0xa8a7a6a5a4a3a2a1
        MIS_LOAD   55, ld, 2, 0xa9a8a7a6a5a4a3a2
        MIS_LOAD   56, ld, 3, 0xaaa9a8a7a6a5a4a3
        MIS_LOAD   57, ld, 4, 0xabaaa9a8a7a6a5a4
        MIS_LOAD   58, ld, 5, 0xacabaaa9a8a7a6a5
        MIS_LOAD   59, ld, 6, 0xadacabaaa9a8a7a6
        MIS_LOAD   60, ld, 7, 0xaeadacabaaa9a8a7
        MIS_STORE  61, sh, 1, 0x0000000000221100, 0x0000000000000000
        MIS_STORE  62, sh, 3, 0x0000002211000000, 0x0000000000000000
        MIS_STORE  63, sw, 1, 0x0000004433221100, 0x0000000000000000
        MIS_STORE  64, sw, 2, 0x0000443322110000, 0x0000000000000000
        MIS_STORE  65, sw, 3, 0x0044332211000000, 0x0000000000000000
        MIS_STORE  66, sw, 6, 0x2211000000000000, 0x0000000000004433
        MIS_STORE  67, sd, 1, 0x7766554433221100, 0x0000000000000088
        MIS_STORE  68, sd, 3, 0x5544332211000000, 0x0000000000887766
        MIS_STORE  69, sd, 4, 0x4433221100000000, 0x0000000088776655
        MIS_STORE  70, sd, 7, 0x1100000000000000, 0x0088776655443322

        ENTER_M
        /* every access either trapped or was performed */
        add     a1, s5, s6
        CHECK_EQ(71, a1, 70)
        PASS
