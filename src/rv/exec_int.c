/* RV64I and M: integer computation, control transfer, loads and stores. */
#include "rv/exec.h"

#define X(r) (h->s.x[(r)])
#define RS1 X(d->rs1)
#define RS2 X(d->rs2)
#define IMM ((uint64_t)d->imm)

static inline uint64_t w(uint64_t v) /* sign-extend the low 32 bits (the W instructions) */
{
    return sext(v, 32);
}

/* --- upper immediates and jumps --- */
void exec_lui(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, IMM); }
void exec_auipc(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, h->s.pc + IMM); }

void exec_jal(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, h->s.pc + d->len);
    h->npc = h->s.pc + IMM;
}

void exec_jalr(struct rv_hart *h, const struct rv_insn *d)
{
    uint64_t target = (RS1 + IMM) & ~1ull; /* read rs1 before rd is written: rd may equal rs1 */
    rv_set_x(h, d->rd, h->s.pc + d->len);
    h->npc = target;
}

static inline void branch(struct rv_hart *h, const struct rv_insn *d, bool taken)
{
    if (taken)
        h->npc = h->s.pc + IMM;
}
void exec_beq(struct rv_hart *h, const struct rv_insn *d) { branch(h, d, RS1 == RS2); }
void exec_bne(struct rv_hart *h, const struct rv_insn *d) { branch(h, d, RS1 != RS2); }
void exec_blt(struct rv_hart *h, const struct rv_insn *d) { branch(h, d, (int64_t)RS1 < (int64_t)RS2); }
void exec_bge(struct rv_hart *h, const struct rv_insn *d) { branch(h, d, (int64_t)RS1 >= (int64_t)RS2); }
void exec_bltu(struct rv_hart *h, const struct rv_insn *d) { branch(h, d, RS1 < RS2); }
void exec_bgeu(struct rv_hart *h, const struct rv_insn *d) { branch(h, d, RS1 >= RS2); }

/* --- loads and stores --- */
static inline void load(struct rv_hart *h, const struct rv_insn *d, unsigned size, bool sign)
{
    uint64_t v;
    if (!rv_load(h, RS1 + IMM, size, &v))
        return;
    rv_set_x(h, d->rd, sign ? sext(v, size * 8) : v);
}
void exec_lb(struct rv_hart *h, const struct rv_insn *d) { load(h, d, 1, true); }
void exec_lh(struct rv_hart *h, const struct rv_insn *d) { load(h, d, 2, true); }
void exec_lw(struct rv_hart *h, const struct rv_insn *d) { load(h, d, 4, true); }
void exec_ld(struct rv_hart *h, const struct rv_insn *d) { load(h, d, 8, false); }
void exec_lbu(struct rv_hart *h, const struct rv_insn *d) { load(h, d, 1, false); }
void exec_lhu(struct rv_hart *h, const struct rv_insn *d) { load(h, d, 2, false); }
void exec_lwu(struct rv_hart *h, const struct rv_insn *d) { load(h, d, 4, false); }

void exec_sb(struct rv_hart *h, const struct rv_insn *d) { rv_store(h, RS1 + IMM, 1, RS2); }
void exec_sh(struct rv_hart *h, const struct rv_insn *d) { rv_store(h, RS1 + IMM, 2, RS2); }
void exec_sw(struct rv_hart *h, const struct rv_insn *d) { rv_store(h, RS1 + IMM, 4, RS2); }
void exec_sd(struct rv_hart *h, const struct rv_insn *d) { rv_store(h, RS1 + IMM, 8, RS2); }

/* --- register-immediate --- */
void exec_addi(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 + IMM); }
void exec_slti(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, (int64_t)RS1 < d->imm); }
void exec_sltiu(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 < IMM); }
void exec_xori(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 ^ IMM); }
void exec_ori(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 | IMM); }
void exec_andi(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 & IMM); }
void exec_slli(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 << (IMM & 63)); }
void exec_srli(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 >> (IMM & 63)); }
void exec_srai(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, (uint64_t)((int64_t)RS1 >> (IMM & 63)));
}

/* --- register-register --- */
void exec_add(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 + RS2); }
void exec_sub(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 - RS2); }
void exec_sll(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 << (RS2 & 63)); }
void exec_slt(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, (int64_t)RS1 < (int64_t)RS2); }
void exec_sltu(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 < RS2); }
void exec_xor(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 ^ RS2); }
void exec_srl(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 >> (RS2 & 63)); }
void exec_sra(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, (uint64_t)((int64_t)RS1 >> (RS2 & 63)));
}
void exec_or(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 | RS2); }
void exec_and(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 & RS2); }

/* --- 32-bit (W) operations --- */
void exec_addiw(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, w(RS1 + IMM)); }
void exec_slliw(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, w((uint32_t)RS1 << (IMM & 31)));
}
void exec_srliw(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, w((uint32_t)RS1 >> (IMM & 31)));
}
void exec_sraiw(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, w((uint32_t)((int32_t)RS1 >> (IMM & 31))));
}
void exec_addw(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, w(RS1 + RS2)); }
void exec_subw(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, w(RS1 - RS2)); }
void exec_sllw(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, w((uint32_t)RS1 << (RS2 & 31)));
}
void exec_srlw(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, w((uint32_t)RS1 >> (RS2 & 31)));
}
void exec_sraw(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, w((uint32_t)((int32_t)RS1 >> (RS2 & 31))));
}

/* --- M: multiply and divide; division never traps (the spec defines every result) --- */
void exec_mul(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, RS1 * RS2); }
void exec_mulh(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, (uint64_t)(((__int128)(int64_t)RS1 * (int64_t)RS2) >> 64));
}
void exec_mulhsu(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, (uint64_t)(((__int128)(int64_t)RS1 * (unsigned __int128)RS2) >> 64));
}
void exec_mulhu(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, (uint64_t)(((unsigned __int128)RS1 * RS2) >> 64));
}

static int64_t sdiv(int64_t a, int64_t b, unsigned bits)
{
    int64_t min = bits == 64 ? INT64_MIN : INT32_MIN;
    if (b == 0)
        return -1;
    if (a == min && b == -1)
        return min;
    return a / b;
}
static int64_t srem(int64_t a, int64_t b, unsigned bits)
{
    int64_t min = bits == 64 ? INT64_MIN : INT32_MIN;
    if (b == 0)
        return a;
    if (a == min && b == -1)
        return 0;
    return a % b;
}

void exec_div(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, (uint64_t)sdiv((int64_t)RS1, (int64_t)RS2, 64));
}
void exec_divu(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, RS2 ? RS1 / RS2 : UINT64_MAX);
}
void exec_rem(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, (uint64_t)srem((int64_t)RS1, (int64_t)RS2, 64));
}
void exec_remu(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, RS2 ? RS1 % RS2 : RS1);
}
void exec_mulw(struct rv_hart *h, const struct rv_insn *d) { rv_set_x(h, d->rd, w(RS1 * RS2)); }
void exec_divw(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, w((uint64_t)sdiv((int32_t)RS1, (int32_t)RS2, 32)));
}
void exec_divuw(struct rv_hart *h, const struct rv_insn *d)
{
    uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2;
    rv_set_x(h, d->rd, w(b ? a / b : UINT32_MAX));
}
void exec_remw(struct rv_hart *h, const struct rv_insn *d)
{
    rv_set_x(h, d->rd, w((uint64_t)srem((int32_t)RS1, (int32_t)RS2, 32)));
}
void exec_remuw(struct rv_hart *h, const struct rv_insn *d)
{
    uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2;
    rv_set_x(h, d->rd, w(b ? a % b : a));
}

/* FENCE: harts run one at a time in one host thread, so memory is always ordered. */
void exec_fence(struct rv_hart *h, const struct rv_insn *d)
{
    (void)h;
    (void)d;
}

/* FENCE.I: the decode cache checks the instruction bits on every hit, so there is nothing
 * stale to drop. */
void exec_fence_i(struct rv_hart *h, const struct rv_insn *d)
{
    (void)h;
    (void)d;
}
