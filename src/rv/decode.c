/* Decoding: compressed instructions are expanded to their 32-bit equivalents, then every
 * instruction is matched against the one table in insn_table.h. */
#include "rv/decode.h"

#include "rv/exec.h"

enum insn_format { R, R4, I, S, B, U, J, SH, CSR, NONE };

const struct rv_insn_desc rv_insn_table[] = {
#define RV_INSN(name, mask, match, fmt, fn) {name, mask, match, fmt, fn},
#include "rv/insn_table.h"
#undef RV_INSN
};
const unsigned rv_insn_table_len = ARRAY_SIZE(rv_insn_table);
_Static_assert(ARRAY_SIZE(rv_insn_table) < 256, "by_opcode stores rows as uint8_t");

static void exec_illegal(struct rv_hart *h, const struct rv_insn *d)
{
    rv_illegal(h, d);
}

static uint32_t bits(uint32_t v, unsigned hi, unsigned lo)
{
    return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static int64_t imm_of(uint32_t raw, unsigned fmt)
{
    switch (fmt) {
    case I: return (int64_t)sext(raw >> 20, 12);
    case S: return (int64_t)sext((bits(raw, 31, 25) << 5) | bits(raw, 11, 7), 12);
    case B:
        return (int64_t)sext((bits(raw, 31, 31) << 12) | (bits(raw, 7, 7) << 11) |
                                 (bits(raw, 30, 25) << 5) | (bits(raw, 11, 8) << 1), 13);
    case U: return (int64_t)sext(raw & 0xfffff000u, 32);
    case J:
        return (int64_t)sext((bits(raw, 31, 31) << 20) | (bits(raw, 19, 12) << 12) |
                                 (bits(raw, 20, 20) << 11) | (bits(raw, 30, 21) << 1), 21);
    case SH: return bits(raw, 25, 20);
    case CSR: return bits(raw, 31, 20);
    default: return 0;
    }
}

/* --- 32-bit encoders used by the compressed expansion --- */
static uint32_t enc_r(uint32_t op, unsigned rd, unsigned f3, unsigned rs1, unsigned rs2, uint32_t f7)
{
    return op | rd << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | f7 << 25;
}
static uint32_t enc_i(uint32_t op, unsigned rd, unsigned f3, unsigned rs1, int32_t imm)
{
    return op | rd << 7 | f3 << 12 | rs1 << 15 | ((uint32_t)imm & 0xfff) << 20;
}
static uint32_t enc_s(uint32_t op, unsigned f3, unsigned rs1, unsigned rs2, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return op | (u & 0x1f) << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | ((u >> 5) & 0x7f) << 25;
}
static uint32_t enc_b(unsigned f3, unsigned rs1, unsigned rs2, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return 0x63 | ((u >> 11) & 1) << 7 | ((u >> 1) & 0xf) << 8 | f3 << 12 | rs1 << 15 |
           rs2 << 20 | ((u >> 5) & 0x3f) << 25 | ((u >> 12) & 1) << 31;
}
static uint32_t enc_j(unsigned rd, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return 0x6f | rd << 7 | ((u >> 12) & 0xff) << 12 | ((u >> 11) & 1) << 20 |
           ((u >> 1) & 0x3ff) << 21 | ((u >> 20) & 1) << 31;
}

enum { OP_LOAD = 0x03, OP_LOAD_FP = 0x07, OP_IMM = 0x13, OP_IMM32 = 0x1b, OP_STORE = 0x23,
       OP_STORE_FP = 0x27, OP_REG = 0x33, OP_LUI = 0x37, OP_REG32 = 0x3b, OP_JALR = 0x67 };

#define C_ILLEGAL 0u /* all-zero is not a valid 32-bit instruction either */

static int32_t cimm6(uint32_t c) /* imm[5] = c[12], imm[4:0] = c[6:2], sign-extended */
{
    return (int32_t)sext((bits(c, 12, 12) << 5) | bits(c, 6, 2), 6);
}

static uint32_t expand_q0(uint32_t c)
{
    unsigned rdp = 8 + bits(c, 4, 2), rs1p = 8 + bits(c, 9, 7);
    uint32_t off_d = bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6; /* C.LD/C.SD/C.FLD/C.FSD */
    uint32_t off_w = bits(c, 12, 10) << 3 | bits(c, 6, 6) << 2 | bits(c, 5, 5) << 6;
    switch (bits(c, 15, 13)) {
    case 0: {
        uint32_t nz = bits(c, 12, 11) << 4 | bits(c, 10, 7) << 6 | bits(c, 6, 6) << 2 |
                      bits(c, 5, 5) << 3;
        return nz ? enc_i(OP_IMM, rdp, 0, 2, (int32_t)nz) : C_ILLEGAL; /* c.addi4spn */
    }
    case 1: return enc_i(OP_LOAD_FP, rdp, 3, rs1p, (int32_t)off_d);  /* c.fld */
    case 2: return enc_i(OP_LOAD, rdp, 2, rs1p, (int32_t)off_w);     /* c.lw */
    case 3: return enc_i(OP_LOAD, rdp, 3, rs1p, (int32_t)off_d);     /* c.ld */
    case 5: return enc_s(OP_STORE_FP, 3, rs1p, rdp, (int32_t)off_d); /* c.fsd */
    case 6: return enc_s(OP_STORE, 2, rs1p, rdp, (int32_t)off_w);    /* c.sw */
    case 7: return enc_s(OP_STORE, 3, rs1p, rdp, (int32_t)off_d);    /* c.sd */
    default: return C_ILLEGAL;
    }
}

static uint32_t expand_q1_alu(uint32_t c)
{
    unsigned rd = 8 + bits(c, 9, 7), rs2 = 8 + bits(c, 4, 2);
    unsigned shamt = bits(c, 12, 12) << 5 | bits(c, 6, 2);
    switch (bits(c, 11, 10)) {
    case 0: return enc_i(OP_IMM, rd, 5, rd, (int32_t)shamt);            /* c.srli */
    case 1: return enc_i(OP_IMM, rd, 5, rd, (int32_t)(shamt | 0x400)); /* c.srai */
    case 2: return enc_i(OP_IMM, rd, 7, rd, cimm6(c));                  /* c.andi */
    }
    static const uint8_t f3[4] = {0, 4, 6, 7}; /* sub, xor, or, and */
    unsigned op = bits(c, 6, 5);
    if (!bits(c, 12, 12))
        return enc_r(OP_REG, rd, f3[op], rd, rs2, op == 0 ? 0x20 : 0);
    if (op >= 2)
        return C_ILLEGAL;
    return enc_r(OP_REG32, rd, 0, rd, rs2, op == 0 ? 0x20 : 0); /* c.subw, c.addw */
}

static uint32_t expand_q1(uint32_t c)
{
    unsigned rd = bits(c, 11, 7);
    int32_t joff = (int32_t)sext(bits(c, 12, 12) << 11 | bits(c, 11, 11) << 4 | bits(c, 10, 9) << 8 |
                                 bits(c, 8, 8) << 10 | bits(c, 7, 7) << 6 | bits(c, 6, 6) << 7 |
                                 bits(c, 5, 3) << 1 | bits(c, 2, 2) << 5, 12);
    int32_t boff = (int32_t)sext(bits(c, 12, 12) << 8 | bits(c, 11, 10) << 3 | bits(c, 6, 5) << 6 |
                                 bits(c, 4, 3) << 1 | bits(c, 2, 2) << 5, 9);
    switch (bits(c, 15, 13)) {
    case 0: return enc_i(OP_IMM, rd, 0, rd, cimm6(c));                      /* c.addi */
    case 1: return rd ? enc_i(OP_IMM32, rd, 0, rd, cimm6(c)) : C_ILLEGAL; /* c.addiw */
    case 2: return enc_i(OP_IMM, rd, 0, 0, cimm6(c));                      /* c.li */
    case 3:
        if (rd == 2) {
            int32_t nz = (int32_t)sext(bits(c, 12, 12) << 9 | bits(c, 6, 6) << 4 | bits(c, 5, 5) << 6 |
                                       bits(c, 4, 3) << 7 | bits(c, 2, 2) << 5, 10);
            return nz ? enc_i(OP_IMM, 2, 0, 2, nz) : C_ILLEGAL; /* c.addi16sp */
        }
        if (cimm6(c) == 0)
            return C_ILLEGAL;
        return OP_LUI | rd << 7 | ((uint32_t)cimm6(c) & 0xfffff) << 12; /* c.lui */
    case 4: return expand_q1_alu(c);
    case 5: return enc_j(0, joff);                     /* c.j */
    case 6: return enc_b(0, 8 + bits(c, 9, 7), 0, boff); /* c.beqz */
    default: return enc_b(1, 8 + bits(c, 9, 7), 0, boff); /* c.bnez */
    }
}

static uint32_t expand_q2_misc(uint32_t c)
{
    unsigned rd = bits(c, 11, 7), rs2 = bits(c, 6, 2);
    if (!bits(c, 12, 12)) {
        if (rs2)
            return enc_r(OP_REG, rd, 0, 0, rs2, 0);            /* c.mv */
        return rd ? enc_i(OP_JALR, 0, 0, rd, 0) : C_ILLEGAL;  /* c.jr */
    }
    if (rs2)
        return enc_r(OP_REG, rd, 0, rd, rs2, 0);               /* c.add */
    return rd ? enc_i(OP_JALR, 1, 0, rd, 0) : 0x00100073u;     /* c.jalr, c.ebreak */
}

static uint32_t expand_q2(uint32_t c)
{
    unsigned rd = bits(c, 11, 7), rs2 = bits(c, 6, 2);
    uint32_t lsp_d = bits(c, 12, 12) << 5 | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6;
    uint32_t lsp_w = bits(c, 12, 12) << 5 | bits(c, 6, 4) << 2 | bits(c, 3, 2) << 6;
    uint32_t ssp_d = bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6;
    uint32_t ssp_w = bits(c, 12, 9) << 2 | bits(c, 8, 7) << 6;
    switch (bits(c, 15, 13)) {
    case 0: return enc_i(OP_IMM, rd, 1, rd, (int32_t)(bits(c, 12, 12) << 5 | rs2)); /* c.slli */
    case 1: return enc_i(OP_LOAD_FP, rd, 3, 2, (int32_t)lsp_d);              /* c.fldsp */
    case 2: return rd ? enc_i(OP_LOAD, rd, 2, 2, (int32_t)lsp_w) : C_ILLEGAL; /* c.lwsp */
    case 3: return rd ? enc_i(OP_LOAD, rd, 3, 2, (int32_t)lsp_d) : C_ILLEGAL; /* c.ldsp */
    case 4: return expand_q2_misc(c);
    case 5: return enc_s(OP_STORE_FP, 3, 2, rs2, (int32_t)ssp_d); /* c.fsdsp */
    case 6: return enc_s(OP_STORE, 2, 2, rs2, (int32_t)ssp_w);    /* c.swsp */
    default: return enc_s(OP_STORE, 3, 2, rs2, (int32_t)ssp_d);   /* c.sdsp */
    }
}

uint32_t rv_expand_compressed(uint16_t c)
{
    switch (c & 3) {
    case 0: return c == 0 ? C_ILLEGAL : expand_q0(c);
    case 1: return expand_q1(c);
    case 2: return expand_q2(c);
    default: return C_ILLEGAL;
    }
}

/* Rows grouped by major opcode (every row's mask covers the 7 opcode bits), so a lookup
 * scans a handful of rows instead of the whole table; order within a group is table order. */
#define N_OPCODES 128
static uint8_t by_opcode[N_OPCODES][64];
static uint8_t n_by_opcode[N_OPCODES];
static bool index_built;

static void build_index(void)
{
    for (unsigned i = 0; i < rv_insn_table_len; i++) {
        unsigned op = rv_insn_table[i].match & 0x7f;
        if (n_by_opcode[op] < ARRAY_SIZE(by_opcode[op]))
            by_opcode[op][n_by_opcode[op]++] = (uint8_t)i;
    }
    index_built = true;
}

int rv_lookup(uint32_t raw)
{
    if (unlikely(!index_built))
        build_index();
    unsigned op = raw & 0x7f;
    for (unsigned k = 0; k < n_by_opcode[op]; k++) {
        unsigned i = by_opcode[op][k];
        if ((raw & rv_insn_table[i].mask) == rv_insn_table[i].match)
            return (int)i;
    }
    return -1;
}

void rv_decode(uint32_t bits_fetched, struct rv_insn *d)
{
    bool compressed = (bits_fetched & 3) != 3;
    uint32_t orig = compressed ? (bits_fetched & 0xffff) : bits_fetched;
    uint32_t raw = compressed ? rv_expand_compressed((uint16_t)orig) : orig;
    int row = raw ? rv_lookup(raw) : -1;
    *d = (struct rv_insn){
        .raw = raw, .orig = orig, .len = compressed ? 2 : 4,
        .rd = bits(raw, 11, 7), .rs1 = bits(raw, 19, 15), .rs2 = bits(raw, 24, 20),
        .rs3 = bits(raw, 31, 27), .rm = bits(raw, 14, 12),
    };
    if (row < 0) {
        d->exec = exec_illegal;
        d->id = UINT16_MAX;
        return;
    }
    d->exec = rv_insn_table[row].exec;
    d->imm = (int32_t)imm_of(raw, rv_insn_table[row].format);
    d->id = (uint16_t)row;
}
