/* A: load-reserved / store-conditional and the atomic memory operations.
 * Harts take turns in one host thread, so a read-modify-write is atomic by construction;
 * the run loop drops every reservation when it switches harts, so an SC after another
 * hart ran fails (a spurious failure the spec allows) instead of missing that hart's store. */
#include "rv/exec.h"

#define RS1 (h->s.x[d->rs1])
#define RS2 (h->s.x[d->rs2])

static void lr(struct rv_hart *h, const struct rv_insn *d, unsigned size)
{
    uint64_t va = RS1, v;
    if (va & (size - 1)) {
        rv_raise(h, EXC_LOAD_MISALIGNED, va);
        return;
    }
    if (!rv_load(h, va, size, &v))
        return;
    h->s.reserved_valid = 1;
    h->s.reserved_addr = va;
    rv_set_x(h, d->rd, size == 4 ? sext(v, 32) : v);
}

static void sc(struct rv_hart *h, const struct rv_insn *d, unsigned size)
{
    uint64_t va = RS1;
    if (va & (size - 1)) {
        rv_raise(h, EXC_STORE_MISALIGNED, va);
        return;
    }
    bool ok = h->s.reserved_valid && h->s.reserved_addr == va;
    h->s.reserved_valid = 0;
    if (ok && !rv_store(h, va, size, RS2))
        return;
    rv_set_x(h, d->rd, ok ? 0 : 1);
}

void exec_lr_w(struct rv_hart *h, const struct rv_insn *d) { lr(h, d, 4); }
void exec_lr_d(struct rv_hart *h, const struct rv_insn *d) { lr(h, d, 8); }
void exec_sc_w(struct rv_hart *h, const struct rv_insn *d) { sc(h, d, 4); }
void exec_sc_d(struct rv_hart *h, const struct rv_insn *d) { sc(h, d, 8); }

enum amo_op { AMO_SWAP, AMO_ADD, AMO_XOR, AMO_AND, AMO_OR, AMO_MIN, AMO_MAX, AMO_MINU, AMO_MAXU };

static uint64_t amo_compute(enum amo_op op, uint64_t a, uint64_t b, unsigned size)
{
    if (size == 4) { /* compare 32-bit operands as 32-bit values */
        a = sext(a, 32);
        b = sext(b, 32);
    }
    uint64_t ua = size == 4 ? (uint32_t)a : a, ub = size == 4 ? (uint32_t)b : b;
    switch (op) {
    case AMO_SWAP: return b;
    case AMO_ADD: return a + b;
    case AMO_XOR: return a ^ b;
    case AMO_AND: return a & b;
    case AMO_OR: return a | b;
    case AMO_MIN: return (int64_t)a < (int64_t)b ? a : b;
    case AMO_MAX: return (int64_t)a > (int64_t)b ? a : b;
    case AMO_MINU: return ua < ub ? a : b;
    default: return ua > ub ? a : b;
    }
}

static void amo(struct rv_hart *h, const struct rv_insn *d, unsigned size, enum amo_op op)
{
    uint8_t *p = rv_amo_ptr(h, RS1, size);
    if (!p)
        return;
    uint64_t old = load_le(p, size);
    store_le(p, amo_compute(op, old, RS2, size), size);
    rv_set_x(h, d->rd, size == 4 ? sext(old, 32) : old);
}

void exec_amoswap_w(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 4, AMO_SWAP); }
void exec_amoadd_w(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 4, AMO_ADD); }
void exec_amoxor_w(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 4, AMO_XOR); }
void exec_amoand_w(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 4, AMO_AND); }
void exec_amoor_w(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 4, AMO_OR); }
void exec_amomin_w(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 4, AMO_MIN); }
void exec_amomax_w(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 4, AMO_MAX); }
void exec_amominu_w(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 4, AMO_MINU); }
void exec_amomaxu_w(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 4, AMO_MAXU); }
void exec_amoswap_d(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 8, AMO_SWAP); }
void exec_amoadd_d(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 8, AMO_ADD); }
void exec_amoxor_d(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 8, AMO_XOR); }
void exec_amoand_d(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 8, AMO_AND); }
void exec_amoor_d(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 8, AMO_OR); }
void exec_amomin_d(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 8, AMO_MIN); }
void exec_amomax_d(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 8, AMO_MAX); }
void exec_amominu_d(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 8, AMO_MINU); }
void exec_amomaxu_d(struct rv_hart *h, const struct rv_insn *d) { amo(h, d, 8, AMO_MAXU); }
