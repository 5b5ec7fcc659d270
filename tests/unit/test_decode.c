/* Instruction decoding: every row of the instruction table is reachable and decodes its
 * operands; reference encodings from the GNU assembler (binutils 2.40, -march=rv64gc, linked
 * so pc-relative offsets are final) pin down the fields and immediates of each format;
 * compressed instructions expand to exactly the word the assembler produces for the
 * equivalent 32-bit instruction; reserved encodings decode to an illegal-instruction trap. */
#include "check.h"
#include "mem/bus.h"
#include "rv/decode.h"
#include "rv/exec.h"
#include "rv/hart.h"

#include <stdlib.h>
#include <string.h>

/* Mirrors the private enum insn_format of decode.c; test_formats() pins the order down. */
enum { FMT_R, FMT_R4, FMT_I, FMT_S, FMT_B, FMT_U, FMT_J, FMT_SH, FMT_CSR, FMT_NONE };

/* CHECK / CHECK_EQ that also name what was being checked when they fail. */
#define CHECK_AT(ctx, cond)                                                                   \
    do {                                                                                      \
        unsigned f_ = check_failed;                                                           \
        CHECK(cond);                                                                          \
        if (check_failed != f_)                                                               \
            fprintf(stderr, "    (%s)\n", (ctx));                                             \
    } while (0)
#define CHECK_EQ_AT(ctx, a, b)                                                                \
    do {                                                                                      \
        unsigned f_ = check_failed;                                                           \
        CHECK_EQ(a, b);                                                                       \
        if (check_failed != f_)                                                               \
            fprintf(stderr, "    (%s)\n", (ctx));                                             \
    } while (0)

static uint32_t rng_state = 0x2545f491u;
static uint32_t rnd(void) /* xorshift32: reproducible operand bits */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static uint32_t field(uint32_t v, unsigned hi, unsigned lo)
{
    return (v >> lo) & (uint32_t)((1ull << (hi - lo + 1)) - 1);
}

/* Two's-complement value of the low `bits` bits of v. */
static int64_t sign(uint64_t v, unsigned bits)
{
    return ((v >> (bits - 1)) & 1) ? (int64_t)v - (int64_t)(1ull << bits) : (int64_t)v;
}

/* Immediate of each format, straight from the figures of the unprivileged ISA manual. */
static int64_t ref_imm(uint32_t w, unsigned fmt)
{
    switch (fmt) {
    case FMT_I: return sign(field(w, 31, 20), 12);
    case FMT_S: return sign(field(w, 31, 25) << 5 | field(w, 11, 7), 12);
    case FMT_B:
        return sign(field(w, 31, 31) << 12 | field(w, 7, 7) << 11 | field(w, 30, 25) << 5 |
                        field(w, 11, 8) << 1, 13);
    case FMT_U: return sign(w & 0xfffff000u, 32);
    case FMT_J:
        return sign(field(w, 31, 31) << 20 | field(w, 19, 12) << 12 | field(w, 20, 20) << 11 |
                        field(w, 30, 21) << 1, 21);
    case FMT_SH: return field(w, 25, 20);
    case FMT_CSR: return field(w, 31, 20);
    default: return 0;
    }
}

static bool has_imm(unsigned fmt)
{
    return fmt == FMT_I || fmt == FMT_S || fmt == FMT_B || fmt == FMT_U || fmt == FMT_J ||
           fmt == FMT_SH || fmt == FMT_CSR;
}

static int row_named(const char *name)
{
    for (unsigned i = 0; i < rv_insn_table_len; i++)
        if (!strcmp(rv_insn_table[i].name, name))
            return (int)i;
    return -1;
}

/* --- the table itself --- */

static void test_formats(void)
{
    static const struct { const char *name; unsigned fmt; } f[] = {
        {"lui", FMT_U},   {"jal", FMT_J},      {"jalr", FMT_I},    {"beq", FMT_B},
        {"sd", FMT_S},    {"slli", FMT_SH},    {"add", FMT_R},     {"fmadd.d", FMT_R4},
        {"csrrw", FMT_CSR}, {"ecall", FMT_NONE},
    };
    for (unsigned i = 0; i < ARRAY_SIZE(f); i++) {
        int r = row_named(f[i].name);
        CHECK_AT(f[i].name, r >= 0);
        if (r >= 0)
            CHECK_EQ_AT(f[i].name, rv_insn_table[r].format, f[i].fmt);
    }
    /* Spot checks that rows name the exec function of their mnemonic. */
    CHECK(row_named("addi") >= 0 && rv_insn_table[row_named("addi")].exec == exec_addi);
    CHECK(row_named("sraiw") >= 0 && rv_insn_table[row_named("sraiw")].exec == exec_sraiw);
    CHECK(row_named("amomaxu.d") >= 0 &&
          rv_insn_table[row_named("amomaxu.d")].exec == exec_amomaxu_d);
    CHECK(row_named("fcvt.d.lu") >= 0 &&
          rv_insn_table[row_named("fcvt.d.lu")].exec == exec_fcvt_d_lu);
}

static void test_table_shape(void)
{
    unsigned identical = 0, bad_order = 0, overlaps = 0, dup_names = 0, dup_exec = 0;
    CHECK(rv_insn_table_len >= 150); /* RV64GC + Zicsr + Zifencei + privileged */
    for (unsigned i = 0; i < rv_insn_table_len; i++) {
        const struct rv_insn_desc *a = &rv_insn_table[i];
        CHECK_AT(a->name, (a->match & ~a->mask) == 0); /* else the row can never match */
        CHECK_AT(a->name, (a->mask & 0x7f) == 0x7f && (a->match & 3) == 3);
        CHECK_AT(a->name, a->exec != NULL && a->format <= FMT_NONE);
        for (unsigned j = i + 1; j < rv_insn_table_len; j++) {
            const struct rv_insn_desc *b = &rv_insn_table[j];
            if (!strcmp(a->name, b->name)) {
                dup_names++;
                fprintf(stderr, "duplicate name: rows %u and %u are both %s\n", i, j, a->name);
            }
            if (a->exec == b->exec) {
                dup_exec++;
                fprintf(stderr, "rows %s and %s share an exec function\n", a->name, b->name);
            }
            if (a->mask == b->mask && a->match == b->match) {
                identical++;
                fprintf(stderr, "identical rows: %s and %s\n", a->name, b->name);
                continue;
            }
            if ((a->match ^ b->match) & a->mask & b->mask)
                continue; /* some bit both rows fix differs: disjoint */
            overlaps++;
            /* The earlier row must be strictly more specific (fix a superset of the bits). */
            bool ok = (a->mask & b->mask) == b->mask;
            printf("decode: rows %s (%u) and %s (%u) overlap%s\n", a->name, i, b->name, j,
                   ok ? ", the more specific first" : "");
            if (!ok) {
                bad_order++;
                fprintf(stderr, "overlap in the wrong order: %s before %s\n", a->name, b->name);
            }
        }
    }
    CHECK_EQ(identical, 0);
    CHECK_EQ(bad_order, 0);
    CHECK_EQ(dup_names, 0);
    CHECK_EQ(dup_exec, 0);
    printf("decode: %u table rows, %u overlapping pairs\n", rv_insn_table_len, overlaps);
}

/* Check everything rv_decode derives from a 32-bit word that row `row` matches. */
static bool decoded_ok(uint32_t raw, unsigned row, const struct rv_insn *d)
{
    const struct rv_insn_desc *r = &rv_insn_table[row];
    return d->exec == r->exec && d->id == row && d->raw == raw && d->orig == raw &&
           d->len == 4 && d->rd == field(raw, 11, 7) && d->rs1 == field(raw, 19, 15) &&
           d->rs2 == field(raw, 24, 20) && d->rs3 == field(raw, 31, 27) &&
           d->rm == field(raw, 14, 12) && (!has_imm(r->format) || d->imm == ref_imm(raw, r->format));
}

/* Every row, with random bits in its operand positions, is found by rv_lookup and decoded. */
static void test_every_row(void)
{
    enum { WANT = 64 };
    for (unsigned i = 0; i < rv_insn_table_len; i++) {
        const struct rv_insn_desc *r = &rv_insn_table[i];
        unsigned hits = 0, tries = 0, wrong = 0, bad = 0;
        while (hits < WANT && tries < 100 * WANT) {
            tries++;
            uint32_t raw = r->match | (rnd() & ~r->mask);
            if (tries == 1)
                raw = r->match; /* all operand bits clear */
            else if (tries == 2)
                raw = r->match | ~r->mask; /* all set */
            int got = rv_lookup(raw);
            if (got != (int)i) {
                /* Only an earlier row that also matches may take it: pick other operands. */
                if (got < 0 || got > (int)i ||
                    (raw & rv_insn_table[got].mask) != rv_insn_table[got].match) {
                    if (wrong++ < 3)
                        fprintf(stderr, "rv_lookup(%08x) = %d, want %u (%s)\n", raw, got, i,
                                r->name);
                }
                continue;
            }
            hits++;
            struct rv_insn d;
            memset(&d, 0x5a, sizeof(d));
            rv_decode(raw, &d);
            if (!decoded_ok(raw, i, &d) && bad++ < 3)
                fprintf(stderr, "rv_decode(%08x) (%s): exec %s id %u rd %u rs1 %u rs2 %u imm %lld\n",
                        raw, r->name, d.exec == r->exec ? "ok" : "WRONG", d.id, d.rd, d.rs1,
                        d.rs2, (long long)d.imm);
        }
        CHECK_EQ_AT(r->name, hits, WANT);
        CHECK_EQ_AT(r->name, wrong, 0);
        CHECK_EQ_AT(r->name, bad, 0);
    }
}

/* --- reference encodings from the assembler --- */

enum { F_RD = 1, F_RS1 = 2, F_RS2 = 4, F_RS3 = 8, F_RM = 16, F_IMM = 32 };

struct ref {
    const char *name;
    uint32_t word;
    unsigned fields; /* which of the operands below the instruction has */
    uint8_t rd, rs1, rs2, rs3, rm;
    int64_t imm;
};

/* Three random instances of every row, then the extreme immediates of each format. Register
 * numbers, rounding modes and immediates are those written in the assembly (the comment). */
static const struct ref refs[] = {
    {"lui", 0xbb3b9a37, F_RD|F_IMM, 20, 0, 0, 0, 0, -1153724416}, /* lui x20, 0xbb3b9 */
    {"lui", 0x23c411b7, F_RD|F_IMM, 3, 0, 0, 0, 0, 600051712}, /* lui x3, 0x23c41 */
    {"lui", 0x724c67b7, F_RD|F_IMM, 15, 0, 0, 0, 0, 1917607936}, /* lui x15, 0x724c6 */
    {"auipc", 0x9447a197, F_RD|F_IMM, 3, 0, 0, 0, 0, -1807245312}, /* auipc x3, 0x9447a */
    {"auipc", 0x34c3bd17, F_RD|F_IMM, 26, 0, 0, 0, 0, 885239808}, /* auipc x26, 0x34c3b */
    {"auipc", 0x69736617, F_RD|F_IMM, 12, 0, 0, 0, 0, 1769168896}, /* auipc x12, 0x69736 */
    {"jal", 0x42a72fef, F_RD|F_IMM, 31, 0, 0, 0, 0, 468010}, /* jal x31, .+468010 */
    {"jal", 0x7fdfa9ef, F_RD|F_IMM, 19, 0, 0, 0, 0, 1028092}, /* jal x19, .+1028092 */
    {"jal", 0xebda8aef, F_RD|F_IMM, 21, 0, 0, 0, 0, -356676}, /* jal x21, .-356676 */
    {"jalr", 0xa7b48ae7, F_RD|F_RS1|F_IMM, 21, 9, 0, 0, 0, -1413}, /* jalr x21, -1413(x9) */
    {"jalr", 0x699a8a67, F_RD|F_RS1|F_IMM, 20, 21, 0, 0, 0, 1689}, /* jalr x20, 1689(x21) */
    {"jalr", 0xa1428267, F_RD|F_RS1|F_IMM, 4, 5, 0, 0, 0, -1516}, /* jalr x4, -1516(x5) */
    {"beq", 0x63c98a63, F_RS1|F_RS2|F_IMM, 0, 19, 28, 0, 0, 1588}, /* beq x19, x28, .+1588 */
    {"beq", 0x796e8ce3, F_RS1|F_RS2|F_IMM, 0, 29, 22, 0, 0, 3992}, /* beq x29, x22, .+3992 */
    {"beq", 0x17268be3, F_RS1|F_RS2|F_IMM, 0, 13, 18, 0, 0, 2422}, /* beq x13, x18, .+2422 */
    {"bne", 0x1c5f9463, F_RS1|F_RS2|F_IMM, 0, 31, 5, 0, 0, 456}, /* bne x31, x5, .+456 */
    {"bne", 0xed1d92e3, F_RS1|F_RS2|F_IMM, 0, 27, 17, 0, 0, -316}, /* bne x27, x17, .-316 */
    {"bne", 0x8cb29263, F_RS1|F_RS2|F_IMM, 0, 5, 11, 0, 0, -3900}, /* bne x5, x11, .-3900 */
    {"blt", 0x2d05c8e3, F_RS1|F_RS2|F_IMM, 0, 11, 16, 0, 0, 2768}, /* blt x11, x16, .+2768 */
    {"blt", 0x168a4ce3, F_RS1|F_RS2|F_IMM, 0, 20, 8, 0, 0, 2424}, /* blt x20, x8, .+2424 */
    {"blt", 0xbe6ccd63, F_RS1|F_RS2|F_IMM, 0, 25, 6, 0, 0, -3078}, /* blt x25, x6, .-3078 */
    {"bge", 0x5cd25163, F_RS1|F_RS2|F_IMM, 0, 4, 13, 0, 0, 1474}, /* bge x4, x13, .+1474 */
    {"bge", 0x74035263, F_RS1|F_RS2|F_IMM, 0, 6, 0, 0, 0, 1860}, /* bge x6, x0, .+1860 */
    {"bge", 0x62d25d63, F_RS1|F_RS2|F_IMM, 0, 4, 13, 0, 0, 1594}, /* bge x4, x13, .+1594 */
    {"bltu", 0x6a7f6fe3, F_RS1|F_RS2|F_IMM, 0, 30, 7, 0, 0, 3774}, /* bltu x30, x7, .+3774 */
    {"bltu", 0x0e59e863, F_RS1|F_RS2|F_IMM, 0, 19, 5, 0, 0, 240}, /* bltu x19, x5, .+240 */
    {"bltu", 0x961560e3, F_RS1|F_RS2|F_IMM, 0, 10, 1, 0, 0, -1696}, /* bltu x10, x1, .-1696 */
    {"bgeu", 0xaa59f8e3, F_RS1|F_RS2|F_IMM, 0, 19, 5, 0, 0, -1360}, /* bgeu x19, x5, .-1360 */
    {"bgeu", 0xf55779e3, F_RS1|F_RS2|F_IMM, 0, 14, 21, 0, 0, -174}, /* bgeu x14, x21, .-174 */
    {"bgeu", 0x9cc77463, F_RS1|F_RS2|F_IMM, 0, 14, 12, 0, 0, -3640}, /* bgeu x14, x12, .-3640 */
    {"lb", 0x304f0883, F_RD|F_RS1|F_IMM, 17, 30, 0, 0, 0, 772}, /* lb x17, 772(x30) */
    {"lb", 0xb44b0e03, F_RD|F_RS1|F_IMM, 28, 22, 0, 0, 0, -1212}, /* lb x28, -1212(x22) */
    {"lb", 0x771f0703, F_RD|F_RS1|F_IMM, 14, 30, 0, 0, 0, 1905}, /* lb x14, 1905(x30) */
    {"lh", 0xbd6f1003, F_RD|F_RS1|F_IMM, 0, 30, 0, 0, 0, -1066}, /* lh x0, -1066(x30) */
    {"lh", 0x2a361c03, F_RD|F_RS1|F_IMM, 24, 12, 0, 0, 0, 675}, /* lh x24, 675(x12) */
    {"lh", 0xab7c9283, F_RD|F_RS1|F_IMM, 5, 25, 0, 0, 0, -1353}, /* lh x5, -1353(x25) */
    {"lw", 0x6e452503, F_RD|F_RS1|F_IMM, 10, 10, 0, 0, 0, 1764}, /* lw x10, 1764(x10) */
    {"lw", 0xc31f2483, F_RD|F_RS1|F_IMM, 9, 30, 0, 0, 0, -975}, /* lw x9, -975(x30) */
    {"lw", 0xe3b02083, F_RD|F_RS1|F_IMM, 1, 0, 0, 0, 0, -453}, /* lw x1, -453(x0) */
    {"ld", 0xfb20b683, F_RD|F_RS1|F_IMM, 13, 1, 0, 0, 0, -78}, /* ld x13, -78(x1) */
    {"ld", 0x35283a03, F_RD|F_RS1|F_IMM, 20, 16, 0, 0, 0, 850}, /* ld x20, 850(x16) */
    {"ld", 0x899d3e83, F_RD|F_RS1|F_IMM, 29, 26, 0, 0, 0, -1895}, /* ld x29, -1895(x26) */
    {"lbu", 0xc875ce03, F_RD|F_RS1|F_IMM, 28, 11, 0, 0, 0, -889}, /* lbu x28, -889(x11) */
    {"lbu", 0x7703cf03, F_RD|F_RS1|F_IMM, 30, 7, 0, 0, 0, 1904}, /* lbu x30, 1904(x7) */
    {"lbu", 0x9591c303, F_RD|F_RS1|F_IMM, 6, 3, 0, 0, 0, -1703}, /* lbu x6, -1703(x3) */
    {"lhu", 0x26be5303, F_RD|F_RS1|F_IMM, 6, 28, 0, 0, 0, 619}, /* lhu x6, 619(x28) */
    {"lhu", 0xfec8d603, F_RD|F_RS1|F_IMM, 12, 17, 0, 0, 0, -20}, /* lhu x12, -20(x17) */
    {"lhu", 0xbe465803, F_RD|F_RS1|F_IMM, 16, 12, 0, 0, 0, -1052}, /* lhu x16, -1052(x12) */
    {"lwu", 0xfb3e6c83, F_RD|F_RS1|F_IMM, 25, 28, 0, 0, 0, -77}, /* lwu x25, -77(x28) */
    {"lwu", 0xcf126d83, F_RD|F_RS1|F_IMM, 27, 4, 0, 0, 0, -783}, /* lwu x27, -783(x4) */
    {"lwu", 0xf064eb83, F_RD|F_RS1|F_IMM, 23, 9, 0, 0, 0, -250}, /* lwu x23, -250(x9) */
    {"sb", 0xf3fc8423, F_RS1|F_RS2|F_IMM, 0, 25, 31, 0, 0, -216}, /* sb x31, -216(x25) */
    {"sb", 0xe59d81a3, F_RS1|F_RS2|F_IMM, 0, 27, 25, 0, 0, -445}, /* sb x25, -445(x27) */
    {"sb", 0x2c5a0823, F_RS1|F_RS2|F_IMM, 0, 20, 5, 0, 0, 720}, /* sb x5, 720(x20) */
    {"sh", 0x161e1a23, F_RS1|F_RS2|F_IMM, 0, 28, 1, 0, 0, 372}, /* sh x1, 372(x28) */
    {"sh", 0x06e39fa3, F_RS1|F_RS2|F_IMM, 0, 7, 14, 0, 0, 127}, /* sh x14, 127(x7) */
    {"sh", 0x58b111a3, F_RS1|F_RS2|F_IMM, 0, 2, 11, 0, 0, 1411}, /* sh x11, 1411(x2) */
    {"sw", 0x269caba3, F_RS1|F_RS2|F_IMM, 0, 25, 9, 0, 0, 631}, /* sw x9, 631(x25) */
    {"sw", 0xa438a8a3, F_RS1|F_RS2|F_IMM, 0, 17, 3, 0, 0, -1455}, /* sw x3, -1455(x17) */
    {"sw", 0xf050aea3, F_RS1|F_RS2|F_IMM, 0, 1, 5, 0, 0, -227}, /* sw x5, -227(x1) */
    {"sd", 0x2c783d23, F_RS1|F_RS2|F_IMM, 0, 16, 7, 0, 0, 730}, /* sd x7, 730(x16) */
    {"sd", 0xfa88b0a3, F_RS1|F_RS2|F_IMM, 0, 17, 8, 0, 0, -95}, /* sd x8, -95(x17) */
    {"sd", 0xe7053a23, F_RS1|F_RS2|F_IMM, 0, 10, 16, 0, 0, -396}, /* sd x16, -396(x10) */
    {"addi", 0xdb198993, F_RD|F_RS1|F_IMM, 19, 19, 0, 0, 0, -591}, /* addi x19, x19, -591 */
    {"addi", 0x87db0893, F_RD|F_RS1|F_IMM, 17, 22, 0, 0, 0, -1923}, /* addi x17, x22, -1923 */
    {"addi", 0xb6660093, F_RD|F_RS1|F_IMM, 1, 12, 0, 0, 0, -1178}, /* addi x1, x12, -1178 */
    {"slti", 0xee2fad93, F_RD|F_RS1|F_IMM, 27, 31, 0, 0, 0, -286}, /* slti x27, x31, -286 */
    {"slti", 0x31faa713, F_RD|F_RS1|F_IMM, 14, 21, 0, 0, 0, 799}, /* slti x14, x21, 799 */
    {"slti", 0x02d42193, F_RD|F_RS1|F_IMM, 3, 8, 0, 0, 0, 45}, /* slti x3, x8, 45 */
    {"sltiu", 0x43053d93, F_RD|F_RS1|F_IMM, 27, 10, 0, 0, 0, 1072}, /* sltiu x27, x10, 1072 */
    {"sltiu", 0xdee7b913, F_RD|F_RS1|F_IMM, 18, 15, 0, 0, 0, -530}, /* sltiu x18, x15, -530 */
    {"sltiu", 0x3a78b513, F_RD|F_RS1|F_IMM, 10, 17, 0, 0, 0, 935}, /* sltiu x10, x17, 935 */
    {"xori", 0xef8a4a93, F_RD|F_RS1|F_IMM, 21, 20, 0, 0, 0, -264}, /* xori x21, x20, -264 */
    {"xori", 0xaaf5cb13, F_RD|F_RS1|F_IMM, 22, 11, 0, 0, 0, -1361}, /* xori x22, x11, -1361 */
    {"xori", 0x8288cf13, F_RD|F_RS1|F_IMM, 30, 17, 0, 0, 0, -2008}, /* xori x30, x17, -2008 */
    {"ori", 0x95586293, F_RD|F_RS1|F_IMM, 5, 16, 0, 0, 0, -1707}, /* ori x5, x16, -1707 */
    {"ori", 0xf730ec93, F_RD|F_RS1|F_IMM, 25, 1, 0, 0, 0, -141}, /* ori x25, x1, -141 */
    {"ori", 0x7d04e293, F_RD|F_RS1|F_IMM, 5, 9, 0, 0, 0, 2000}, /* ori x5, x9, 2000 */
    {"andi", 0x5bc97493, F_RD|F_RS1|F_IMM, 9, 18, 0, 0, 0, 1468}, /* andi x9, x18, 1468 */
    {"andi", 0x9560f413, F_RD|F_RS1|F_IMM, 8, 1, 0, 0, 0, -1706}, /* andi x8, x1, -1706 */
    {"andi", 0x99fbf413, F_RD|F_RS1|F_IMM, 8, 23, 0, 0, 0, -1633}, /* andi x8, x23, -1633 */
    {"slli", 0x00879093, F_RD|F_RS1|F_IMM, 1, 15, 0, 0, 0, 8}, /* slli x1, x15, 8 */
    {"slli", 0x01e21293, F_RD|F_RS1|F_IMM, 5, 4, 0, 0, 0, 30}, /* slli x5, x4, 30 */
    {"slli", 0x03d71693, F_RD|F_RS1|F_IMM, 13, 14, 0, 0, 0, 61}, /* slli x13, x14, 61 */
    {"srli", 0x02a15913, F_RD|F_RS1|F_IMM, 18, 2, 0, 0, 0, 42}, /* srli x18, x2, 42 */
    {"srli", 0x03e9d813, F_RD|F_RS1|F_IMM, 16, 19, 0, 0, 0, 62}, /* srli x16, x19, 62 */
    {"srli", 0x03b35893, F_RD|F_RS1|F_IMM, 17, 6, 0, 0, 0, 59}, /* srli x17, x6, 59 */
    {"srai", 0x43cede93, F_RD|F_RS1|F_IMM, 29, 29, 0, 0, 0, 60}, /* srai x29, x29, 60 */
    {"srai", 0x42295093, F_RD|F_RS1|F_IMM, 1, 18, 0, 0, 0, 34}, /* srai x1, x18, 34 */
    {"srai", 0x4126dc13, F_RD|F_RS1|F_IMM, 24, 13, 0, 0, 0, 18}, /* srai x24, x13, 18 */
    {"add", 0x008b8833, F_RD|F_RS1|F_RS2, 16, 23, 8, 0, 0, 0}, /* add x16, x23, x8 */
    {"add", 0x01ff8733, F_RD|F_RS1|F_RS2, 14, 31, 31, 0, 0, 0}, /* add x14, x31, x31 */
    {"add", 0x01cf8033, F_RD|F_RS1|F_RS2, 0, 31, 28, 0, 0, 0}, /* add x0, x31, x28 */
    {"sub", 0x418b0d33, F_RD|F_RS1|F_RS2, 26, 22, 24, 0, 0, 0}, /* sub x26, x22, x24 */
    {"sub", 0x415a0033, F_RD|F_RS1|F_RS2, 0, 20, 21, 0, 0, 0}, /* sub x0, x20, x21 */
    {"sub", 0x41090033, F_RD|F_RS1|F_RS2, 0, 18, 16, 0, 0, 0}, /* sub x0, x18, x16 */
    {"sll", 0x01721c33, F_RD|F_RS1|F_RS2, 24, 4, 23, 0, 0, 0}, /* sll x24, x4, x23 */
    {"sll", 0x003318b3, F_RD|F_RS1|F_RS2, 17, 6, 3, 0, 0, 0}, /* sll x17, x6, x3 */
    {"sll", 0x01b897b3, F_RD|F_RS1|F_RS2, 15, 17, 27, 0, 0, 0}, /* sll x15, x17, x27 */
    {"slt", 0x0190adb3, F_RD|F_RS1|F_RS2, 27, 1, 25, 0, 0, 0}, /* slt x27, x1, x25 */
    {"slt", 0x01cd21b3, F_RD|F_RS1|F_RS2, 3, 26, 28, 0, 0, 0}, /* slt x3, x26, x28 */
    {"slt", 0x0081afb3, F_RD|F_RS1|F_RS2, 31, 3, 8, 0, 0, 0}, /* slt x31, x3, x8 */
    {"sltu", 0x01393ab3, F_RD|F_RS1|F_RS2, 21, 18, 19, 0, 0, 0}, /* sltu x21, x18, x19 */
    {"sltu", 0x0137bcb3, F_RD|F_RS1|F_RS2, 25, 15, 19, 0, 0, 0}, /* sltu x25, x15, x19 */
    {"sltu", 0x00a533b3, F_RD|F_RS1|F_RS2, 7, 10, 10, 0, 0, 0}, /* sltu x7, x10, x10 */
    {"xor", 0x015e4733, F_RD|F_RS1|F_RS2, 14, 28, 21, 0, 0, 0}, /* xor x14, x28, x21 */
    {"xor", 0x0057c633, F_RD|F_RS1|F_RS2, 12, 15, 5, 0, 0, 0}, /* xor x12, x15, x5 */
    {"xor", 0x0177ca33, F_RD|F_RS1|F_RS2, 20, 15, 23, 0, 0, 0}, /* xor x20, x15, x23 */
    {"srl", 0x018d50b3, F_RD|F_RS1|F_RS2, 1, 26, 24, 0, 0, 0}, /* srl x1, x26, x24 */
    {"srl", 0x0158dc33, F_RD|F_RS1|F_RS2, 24, 17, 21, 0, 0, 0}, /* srl x24, x17, x21 */
    {"srl", 0x00d45bb3, F_RD|F_RS1|F_RS2, 23, 8, 13, 0, 0, 0}, /* srl x23, x8, x13 */
    {"sra", 0x41ccdc33, F_RD|F_RS1|F_RS2, 24, 25, 28, 0, 0, 0}, /* sra x24, x25, x28 */
    {"sra", 0x41b15433, F_RD|F_RS1|F_RS2, 8, 2, 27, 0, 0, 0}, /* sra x8, x2, x27 */
    {"sra", 0x41925033, F_RD|F_RS1|F_RS2, 0, 4, 25, 0, 0, 0}, /* sra x0, x4, x25 */
    {"or", 0x00976333, F_RD|F_RS1|F_RS2, 6, 14, 9, 0, 0, 0}, /* or x6, x14, x9 */
    {"or", 0x0022eeb3, F_RD|F_RS1|F_RS2, 29, 5, 2, 0, 0, 0}, /* or x29, x5, x2 */
    {"or", 0x0089e133, F_RD|F_RS1|F_RS2, 2, 19, 8, 0, 0, 0}, /* or x2, x19, x8 */
    {"and", 0x004373b3, F_RD|F_RS1|F_RS2, 7, 6, 4, 0, 0, 0}, /* and x7, x6, x4 */
    {"and", 0x00e87c33, F_RD|F_RS1|F_RS2, 24, 16, 14, 0, 0, 0}, /* and x24, x16, x14 */
    {"and", 0x0148feb3, F_RD|F_RS1|F_RS2, 29, 17, 20, 0, 0, 0}, /* and x29, x17, x20 */
    {"addiw", 0x8b20879b, F_RD|F_RS1|F_IMM, 15, 1, 0, 0, 0, -1870}, /* addiw x15, x1, -1870 */
    {"addiw", 0xf4af861b, F_RD|F_RS1|F_IMM, 12, 31, 0, 0, 0, -182}, /* addiw x12, x31, -182 */
    {"addiw", 0x2d1b8d9b, F_RD|F_RS1|F_IMM, 27, 23, 0, 0, 0, 721}, /* addiw x27, x23, 721 */
    {"slliw", 0x004b9d1b, F_RD|F_RS1|F_IMM, 26, 23, 0, 0, 0, 4}, /* slliw x26, x23, 4 */
    {"slliw", 0x01df969b, F_RD|F_RS1|F_IMM, 13, 31, 0, 0, 0, 29}, /* slliw x13, x31, 29 */
    {"slliw", 0x00b8171b, F_RD|F_RS1|F_IMM, 14, 16, 0, 0, 0, 11}, /* slliw x14, x16, 11 */
    {"srliw", 0x019fd71b, F_RD|F_RS1|F_IMM, 14, 31, 0, 0, 0, 25}, /* srliw x14, x31, 25 */
    {"srliw", 0x0036d19b, F_RD|F_RS1|F_IMM, 3, 13, 0, 0, 0, 3}, /* srliw x3, x13, 3 */
    {"srliw", 0x005cd59b, F_RD|F_RS1|F_IMM, 11, 25, 0, 0, 0, 5}, /* srliw x11, x25, 5 */
    {"sraiw", 0x402ad51b, F_RD|F_RS1|F_IMM, 10, 21, 0, 0, 0, 2}, /* sraiw x10, x21, 2 */
    {"sraiw", 0x406c599b, F_RD|F_RS1|F_IMM, 19, 24, 0, 0, 0, 6}, /* sraiw x19, x24, 6 */
    {"sraiw", 0x4072d01b, F_RD|F_RS1|F_IMM, 0, 5, 0, 0, 0, 7}, /* sraiw x0, x5, 7 */
    {"addw", 0x016c06bb, F_RD|F_RS1|F_RS2, 13, 24, 22, 0, 0, 0}, /* addw x13, x24, x22 */
    {"addw", 0x00cf01bb, F_RD|F_RS1|F_RS2, 3, 30, 12, 0, 0, 0}, /* addw x3, x30, x12 */
    {"addw", 0x017a063b, F_RD|F_RS1|F_RS2, 12, 20, 23, 0, 0, 0}, /* addw x12, x20, x23 */
    {"subw", 0x402c87bb, F_RD|F_RS1|F_RS2, 15, 25, 2, 0, 0, 0}, /* subw x15, x25, x2 */
    {"subw", 0x4101823b, F_RD|F_RS1|F_RS2, 4, 3, 16, 0, 0, 0}, /* subw x4, x3, x16 */
    {"subw", 0x411b8abb, F_RD|F_RS1|F_RS2, 21, 23, 17, 0, 0, 0}, /* subw x21, x23, x17 */
    {"sllw", 0x011a183b, F_RD|F_RS1|F_RS2, 16, 20, 17, 0, 0, 0}, /* sllw x16, x20, x17 */
    {"sllw", 0x006710bb, F_RD|F_RS1|F_RS2, 1, 14, 6, 0, 0, 0}, /* sllw x1, x14, x6 */
    {"sllw", 0x01b81c3b, F_RD|F_RS1|F_RS2, 24, 16, 27, 0, 0, 0}, /* sllw x24, x16, x27 */
    {"srlw", 0x013055bb, F_RD|F_RS1|F_RS2, 11, 0, 19, 0, 0, 0}, /* srlw x11, x0, x19 */
    {"srlw", 0x01da5a3b, F_RD|F_RS1|F_RS2, 20, 20, 29, 0, 0, 0}, /* srlw x20, x20, x29 */
    {"srlw", 0x00acd63b, F_RD|F_RS1|F_RS2, 12, 25, 10, 0, 0, 0}, /* srlw x12, x25, x10 */
    {"sraw", 0x414f513b, F_RD|F_RS1|F_RS2, 2, 30, 20, 0, 0, 0}, /* sraw x2, x30, x20 */
    {"sraw", 0x4058523b, F_RD|F_RS1|F_RS2, 4, 16, 5, 0, 0, 0}, /* sraw x4, x16, x5 */
    {"sraw", 0x40be5fbb, F_RD|F_RS1|F_RS2, 31, 28, 11, 0, 0, 0}, /* sraw x31, x28, x11 */
    {"fence", 0x0310000f, 0, 0, 0, 0, 0, 0, 0}, /* fence rw, w */
    {"fence", 0x0310000f, 0, 0, 0, 0, 0, 0, 0}, /* fence rw, w */
    {"fence", 0x0310000f, 0, 0, 0, 0, 0, 0, 0}, /* fence rw, w */
    {"ecall", 0x00000073, 0, 0, 0, 0, 0, 0, 0}, /* ecall */
    {"ecall", 0x00000073, 0, 0, 0, 0, 0, 0, 0}, /* ecall */
    {"ecall", 0x00000073, 0, 0, 0, 0, 0, 0, 0}, /* ecall */
    {"ebreak", 0x00100073, 0, 0, 0, 0, 0, 0, 0}, /* ebreak */
    {"ebreak", 0x00100073, 0, 0, 0, 0, 0, 0, 0}, /* ebreak */
    {"ebreak", 0x00100073, 0, 0, 0, 0, 0, 0, 0}, /* ebreak */
    {"fence.i", 0x0000100f, 0, 0, 0, 0, 0, 0, 0}, /* fence.i */
    {"fence.i", 0x0000100f, 0, 0, 0, 0, 0, 0, 0}, /* fence.i */
    {"fence.i", 0x0000100f, 0, 0, 0, 0, 0, 0, 0}, /* fence.i */
    {"sret", 0x10200073, 0, 0, 0, 0, 0, 0, 0}, /* sret */
    {"sret", 0x10200073, 0, 0, 0, 0, 0, 0, 0}, /* sret */
    {"sret", 0x10200073, 0, 0, 0, 0, 0, 0, 0}, /* sret */
    {"mret", 0x30200073, 0, 0, 0, 0, 0, 0, 0}, /* mret */
    {"mret", 0x30200073, 0, 0, 0, 0, 0, 0, 0}, /* mret */
    {"mret", 0x30200073, 0, 0, 0, 0, 0, 0, 0}, /* mret */
    {"wfi", 0x10500073, 0, 0, 0, 0, 0, 0, 0}, /* wfi */
    {"wfi", 0x10500073, 0, 0, 0, 0, 0, 0, 0}, /* wfi */
    {"wfi", 0x10500073, 0, 0, 0, 0, 0, 0, 0}, /* wfi */
    {"sfence.vma", 0x13360073, F_RS1|F_RS2, 0, 12, 19, 0, 0, 0}, /* sfence.vma x12, x19 */
    {"sfence.vma", 0x13818073, F_RS1|F_RS2, 0, 3, 24, 0, 0, 0}, /* sfence.vma x3, x24 */
    {"sfence.vma", 0x12cc8073, F_RS1|F_RS2, 0, 25, 12, 0, 0, 0}, /* sfence.vma x25, x12 */
    {"csrrw", 0x4c8c9173, F_RD|F_RS1|F_IMM, 2, 25, 0, 0, 0, 1224}, /* csrrw x2, 0x4c8, x25 */
    {"csrrw", 0x3c4617f3, F_RD|F_RS1|F_IMM, 15, 12, 0, 0, 0, 964}, /* csrrw x15, 0x3c4, x12 */
    {"csrrw", 0xd9fe9c73, F_RD|F_RS1|F_IMM, 24, 29, 0, 0, 0, 3487}, /* csrrw x24, 0xd9f, x29 */
    {"csrrs", 0x01cbac73, F_RD|F_RS1|F_IMM, 24, 23, 0, 0, 0, 28}, /* csrrs x24, 0x1c, x23 */
    {"csrrs", 0x5bfeaff3, F_RD|F_RS1|F_IMM, 31, 29, 0, 0, 0, 1471}, /* csrrs x31, 0x5bf, x29 */
    {"csrrs", 0xdc7caf73, F_RD|F_RS1|F_IMM, 30, 25, 0, 0, 0, 3527}, /* csrrs x30, 0xdc7, x25 */
    {"csrrc", 0x2a12bbf3, F_RD|F_RS1|F_IMM, 23, 5, 0, 0, 0, 673}, /* csrrc x23, 0x2a1, x5 */
    {"csrrc", 0x0d32ba73, F_RD|F_RS1|F_IMM, 20, 5, 0, 0, 0, 211}, /* csrrc x20, 0xd3, x5 */
    {"csrrc", 0x5483b273, F_RD|F_RS1|F_IMM, 4, 7, 0, 0, 0, 1352}, /* csrrc x4, 0x548, x7 */
    {"csrrwi", 0x8cc25773, F_RD|F_RS1|F_IMM, 14, 4, 0, 0, 0, 2252}, /* csrrwi x14, 0x8cc, 4 */
    {"csrrwi", 0x7984def3, F_RD|F_RS1|F_IMM, 29, 9, 0, 0, 0, 1944}, /* csrrwi x29, 0x798, 9 */
    {"csrrwi", 0x528bda73, F_RD|F_RS1|F_IMM, 20, 23, 0, 0, 0, 1320}, /* csrrwi x20, 0x528, 23 */
    {"csrrsi", 0x18da68f3, F_RD|F_RS1|F_IMM, 17, 20, 0, 0, 0, 397}, /* csrrsi x17, 0x18d, 20 */
    {"csrrsi", 0xbe3e6bf3, F_RD|F_RS1|F_IMM, 23, 28, 0, 0, 0, 3043}, /* csrrsi x23, 0xbe3, 28 */
    {"csrrsi", 0x29ac6873, F_RD|F_RS1|F_IMM, 16, 24, 0, 0, 0, 666}, /* csrrsi x16, 0x29a, 24 */
    {"csrrci", 0x9ec77e73, F_RD|F_RS1|F_IMM, 28, 14, 0, 0, 0, 2540}, /* csrrci x28, 0x9ec, 14 */
    {"csrrci", 0xdd407a73, F_RD|F_RS1|F_IMM, 20, 0, 0, 0, 0, 3540}, /* csrrci x20, 0xdd4, 0 */
    {"csrrci", 0x175bfd73, F_RD|F_RS1|F_IMM, 26, 23, 0, 0, 0, 373}, /* csrrci x26, 0x175, 23 */
    {"mul", 0x020180b3, F_RD|F_RS1|F_RS2, 1, 3, 0, 0, 0, 0}, /* mul x1, x3, x0 */
    {"mul", 0x03a70b33, F_RD|F_RS1|F_RS2, 22, 14, 26, 0, 0, 0}, /* mul x22, x14, x26 */
    {"mul", 0x03eb86b3, F_RD|F_RS1|F_RS2, 13, 23, 30, 0, 0, 0}, /* mul x13, x23, x30 */
    {"mulh", 0x03c497b3, F_RD|F_RS1|F_RS2, 15, 9, 28, 0, 0, 0}, /* mulh x15, x9, x28 */
    {"mulh", 0x030c98b3, F_RD|F_RS1|F_RS2, 17, 25, 16, 0, 0, 0}, /* mulh x17, x25, x16 */
    {"mulh", 0x02ff9e33, F_RD|F_RS1|F_RS2, 28, 31, 15, 0, 0, 0}, /* mulh x28, x31, x15 */
    {"mulhsu", 0x0390a1b3, F_RD|F_RS1|F_RS2, 3, 1, 25, 0, 0, 0}, /* mulhsu x3, x1, x25 */
    {"mulhsu", 0x020321b3, F_RD|F_RS1|F_RS2, 3, 6, 0, 0, 0, 0}, /* mulhsu x3, x6, x0 */
    {"mulhsu", 0x02bd2633, F_RD|F_RS1|F_RS2, 12, 26, 11, 0, 0, 0}, /* mulhsu x12, x26, x11 */
    {"mulhu", 0x020f31b3, F_RD|F_RS1|F_RS2, 3, 30, 0, 0, 0, 0}, /* mulhu x3, x30, x0 */
    {"mulhu", 0x02be32b3, F_RD|F_RS1|F_RS2, 5, 28, 11, 0, 0, 0}, /* mulhu x5, x28, x11 */
    {"mulhu", 0x02713733, F_RD|F_RS1|F_RS2, 14, 2, 7, 0, 0, 0}, /* mulhu x14, x2, x7 */
    {"div", 0x03b8c1b3, F_RD|F_RS1|F_RS2, 3, 17, 27, 0, 0, 0}, /* div x3, x17, x27 */
    {"div", 0x02a042b3, F_RD|F_RS1|F_RS2, 5, 0, 10, 0, 0, 0}, /* div x5, x0, x10 */
    {"div", 0x02ca4533, F_RD|F_RS1|F_RS2, 10, 20, 12, 0, 0, 0}, /* div x10, x20, x12 */
    {"divu", 0x03ef5c33, F_RD|F_RS1|F_RS2, 24, 30, 30, 0, 0, 0}, /* divu x24, x30, x30 */
    {"divu", 0x02d9d733, F_RD|F_RS1|F_RS2, 14, 19, 13, 0, 0, 0}, /* divu x14, x19, x13 */
    {"divu", 0x0224d533, F_RD|F_RS1|F_RS2, 10, 9, 2, 0, 0, 0}, /* divu x10, x9, x2 */
    {"rem", 0x029b6533, F_RD|F_RS1|F_RS2, 10, 22, 9, 0, 0, 0}, /* rem x10, x22, x9 */
    {"rem", 0x02416433, F_RD|F_RS1|F_RS2, 8, 2, 4, 0, 0, 0}, /* rem x8, x2, x4 */
    {"rem", 0x03826633, F_RD|F_RS1|F_RS2, 12, 4, 24, 0, 0, 0}, /* rem x12, x4, x24 */
    {"remu", 0x0223f6b3, F_RD|F_RS1|F_RS2, 13, 7, 2, 0, 0, 0}, /* remu x13, x7, x2 */
    {"remu", 0x026f7933, F_RD|F_RS1|F_RS2, 18, 30, 6, 0, 0, 0}, /* remu x18, x30, x6 */
    {"remu", 0x035a7933, F_RD|F_RS1|F_RS2, 18, 20, 21, 0, 0, 0}, /* remu x18, x20, x21 */
    {"mulw", 0x03280b3b, F_RD|F_RS1|F_RS2, 22, 16, 18, 0, 0, 0}, /* mulw x22, x16, x18 */
    {"mulw", 0x032f0a3b, F_RD|F_RS1|F_RS2, 20, 30, 18, 0, 0, 0}, /* mulw x20, x30, x18 */
    {"mulw", 0x03630dbb, F_RD|F_RS1|F_RS2, 27, 6, 22, 0, 0, 0}, /* mulw x27, x6, x22 */
    {"divw", 0x0322c6bb, F_RD|F_RS1|F_RS2, 13, 5, 18, 0, 0, 0}, /* divw x13, x5, x18 */
    {"divw", 0x0239463b, F_RD|F_RS1|F_RS2, 12, 18, 3, 0, 0, 0}, /* divw x12, x18, x3 */
    {"divw", 0x02bfc33b, F_RD|F_RS1|F_RS2, 6, 31, 11, 0, 0, 0}, /* divw x6, x31, x11 */
    {"divuw", 0x0325583b, F_RD|F_RS1|F_RS2, 16, 10, 18, 0, 0, 0}, /* divuw x16, x10, x18 */
    {"divuw", 0x02755fbb, F_RD|F_RS1|F_RS2, 31, 10, 7, 0, 0, 0}, /* divuw x31, x10, x7 */
    {"divuw", 0x026b5a3b, F_RD|F_RS1|F_RS2, 20, 22, 6, 0, 0, 0}, /* divuw x20, x22, x6 */
    {"remw", 0x0370edbb, F_RD|F_RS1|F_RS2, 27, 1, 23, 0, 0, 0}, /* remw x27, x1, x23 */
    {"remw", 0x03856dbb, F_RD|F_RS1|F_RS2, 27, 10, 24, 0, 0, 0}, /* remw x27, x10, x24 */
    {"remw", 0x034b613b, F_RD|F_RS1|F_RS2, 2, 22, 20, 0, 0, 0}, /* remw x2, x22, x20 */
    {"remuw", 0x03cef53b, F_RD|F_RS1|F_RS2, 10, 29, 28, 0, 0, 0}, /* remuw x10, x29, x28 */
    {"remuw", 0x03daf43b, F_RD|F_RS1|F_RS2, 8, 21, 29, 0, 0, 0}, /* remuw x8, x21, x29 */
    {"remuw", 0x0299f8bb, F_RD|F_RS1|F_RS2, 17, 19, 9, 0, 0, 0}, /* remuw x17, x19, x9 */
    {"lr.w", 0x10052b2f, F_RD|F_RS1, 22, 10, 0, 0, 0, 0}, /* lr.w x22, (x10) */
    {"lr.w", 0x1203252f, F_RD|F_RS1, 10, 6, 0, 0, 0, 0}, /* lr.w.rl x10, (x6) */
    {"lr.w", 0x120da9af, F_RD|F_RS1, 19, 27, 0, 0, 0, 0}, /* lr.w.rl x19, (x27) */
    {"sc.w", 0x1fdc26af, F_RD|F_RS1|F_RS2, 13, 24, 29, 0, 0, 0}, /* sc.w.aqrl x13, x29, (x24) */
    {"sc.w", 0x1fd9272f, F_RD|F_RS1|F_RS2, 14, 18, 29, 0, 0, 0}, /* sc.w.aqrl x14, x29, (x18) */
    {"sc.w", 0x1db7a02f, F_RD|F_RS1|F_RS2, 0, 15, 27, 0, 0, 0}, /* sc.w.aq x0, x27, (x15) */
    {"amoswap.w", 0x0fbea3af, F_RD|F_RS1|F_RS2, 7, 29, 27, 0, 0, 0}, /* amoswap.w.aqrl x7, x27, (x29) */
    {"amoswap.w", 0x0eaca7af, F_RD|F_RS1|F_RS2, 15, 25, 10, 0, 0, 0}, /* amoswap.w.aqrl x15, x10, (x25) */
    {"amoswap.w", 0x0ebd20af, F_RD|F_RS1|F_RS2, 1, 26, 11, 0, 0, 0}, /* amoswap.w.aqrl x1, x11, (x26) */
    {"amoadd.w", 0x0301232f, F_RD|F_RS1|F_RS2, 6, 2, 16, 0, 0, 0}, /* amoadd.w.rl x6, x16, (x2) */
    {"amoadd.w", 0x02dea32f, F_RD|F_RS1|F_RS2, 6, 29, 13, 0, 0, 0}, /* amoadd.w.rl x6, x13, (x29) */
    {"amoadd.w", 0x07dd2aaf, F_RD|F_RS1|F_RS2, 21, 26, 29, 0, 0, 0}, /* amoadd.w.aqrl x21, x29, (x26) */
    {"amoxor.w", 0x263b23af, F_RD|F_RS1|F_RS2, 7, 22, 3, 0, 0, 0}, /* amoxor.w.aqrl x7, x3, (x22) */
    {"amoxor.w", 0x224021af, F_RD|F_RS1|F_RS2, 3, 0, 4, 0, 0, 0}, /* amoxor.w.rl x3, x4, (x0) */
    {"amoxor.w", 0x2737232f, F_RD|F_RS1|F_RS2, 6, 14, 19, 0, 0, 0}, /* amoxor.w.aqrl x6, x19, (x14) */
    {"amoand.w", 0x66a6aeaf, F_RD|F_RS1|F_RS2, 29, 13, 10, 0, 0, 0}, /* amoand.w.aqrl x29, x10, (x13) */
    {"amoand.w", 0x6564a72f, F_RD|F_RS1|F_RS2, 14, 9, 22, 0, 0, 0}, /* amoand.w.aq x14, x22, (x9) */
    {"amoand.w", 0x62eb2f2f, F_RD|F_RS1|F_RS2, 30, 22, 14, 0, 0, 0}, /* amoand.w.rl x30, x14, (x22) */
    {"amoor.w", 0x43e5adaf, F_RD|F_RS1|F_RS2, 27, 11, 30, 0, 0, 0}, /* amoor.w.rl x27, x30, (x11) */
    {"amoor.w", 0x4149a7af, F_RD|F_RS1|F_RS2, 15, 19, 20, 0, 0, 0}, /* amoor.w x15, x20, (x19) */
    {"amoor.w", 0x4334abaf, F_RD|F_RS1|F_RS2, 23, 9, 19, 0, 0, 0}, /* amoor.w.rl x23, x19, (x9) */
    {"amomin.w", 0x820b242f, F_RD|F_RS1|F_RS2, 8, 22, 0, 0, 0, 0}, /* amomin.w.rl x8, x0, (x22) */
    {"amomin.w", 0x8293282f, F_RD|F_RS1|F_RS2, 16, 6, 9, 0, 0, 0}, /* amomin.w.rl x16, x9, (x6) */
    {"amomin.w", 0x8396a4af, F_RD|F_RS1|F_RS2, 9, 13, 25, 0, 0, 0}, /* amomin.w.rl x9, x25, (x13) */
    {"amomax.w", 0xa0dfa62f, F_RD|F_RS1|F_RS2, 12, 31, 13, 0, 0, 0}, /* amomax.w x12, x13, (x31) */
    {"amomax.w", 0xa7a823af, F_RD|F_RS1|F_RS2, 7, 16, 26, 0, 0, 0}, /* amomax.w.aqrl x7, x26, (x16) */
    {"amomax.w", 0xa5df21af, F_RD|F_RS1|F_RS2, 3, 30, 29, 0, 0, 0}, /* amomax.w.aq x3, x29, (x30) */
    {"amominu.w", 0xc6052faf, F_RD|F_RS1|F_RS2, 31, 10, 0, 0, 0, 0}, /* amominu.w.aqrl x31, x0, (x10) */
    {"amominu.w", 0xc57ea92f, F_RD|F_RS1|F_RS2, 18, 29, 23, 0, 0, 0}, /* amominu.w.aq x18, x23, (x29) */
    {"amominu.w", 0xc010abaf, F_RD|F_RS1|F_RS2, 23, 1, 1, 0, 0, 0}, /* amominu.w x23, x1, (x1) */
    {"amomaxu.w", 0xe49faf2f, F_RD|F_RS1|F_RS2, 30, 31, 9, 0, 0, 0}, /* amomaxu.w.aq x30, x9, (x31) */
    {"amomaxu.w", 0xe3732aaf, F_RD|F_RS1|F_RS2, 21, 6, 23, 0, 0, 0}, /* amomaxu.w.rl x21, x23, (x6) */
    {"amomaxu.w", 0xe3baadaf, F_RD|F_RS1|F_RS2, 27, 21, 27, 0, 0, 0}, /* amomaxu.w.rl x27, x27, (x21) */
    {"lr.d", 0x120b392f, F_RD|F_RS1, 18, 22, 0, 0, 0, 0}, /* lr.d.rl x18, (x22) */
    {"lr.d", 0x120fb6af, F_RD|F_RS1, 13, 31, 0, 0, 0, 0}, /* lr.d.rl x13, (x31) */
    {"lr.d", 0x1002b42f, F_RD|F_RS1, 8, 5, 0, 0, 0, 0}, /* lr.d x8, (x5) */
    {"sc.d", 0x1e69bcaf, F_RD|F_RS1|F_RS2, 25, 19, 6, 0, 0, 0}, /* sc.d.aqrl x25, x6, (x19) */
    {"sc.d", 0x1e9c31af, F_RD|F_RS1|F_RS2, 3, 24, 9, 0, 0, 0}, /* sc.d.aqrl x3, x9, (x24) */
    {"sc.d", 0x18b335af, F_RD|F_RS1|F_RS2, 11, 6, 11, 0, 0, 0}, /* sc.d x11, x11, (x6) */
    {"amoswap.d", 0x0f343baf, F_RD|F_RS1|F_RS2, 23, 8, 19, 0, 0, 0}, /* amoswap.d.aqrl x23, x19, (x8) */
    {"amoswap.d", 0x0e1a312f, F_RD|F_RS1|F_RS2, 2, 20, 1, 0, 0, 0}, /* amoswap.d.aqrl x2, x1, (x20) */
    {"amoswap.d", 0x09a3b12f, F_RD|F_RS1|F_RS2, 2, 7, 26, 0, 0, 0}, /* amoswap.d x2, x26, (x7) */
    {"amoadd.d", 0x01e4bc2f, F_RD|F_RS1|F_RS2, 24, 9, 30, 0, 0, 0}, /* amoadd.d x24, x30, (x9) */
    {"amoadd.d", 0x0096bf2f, F_RD|F_RS1|F_RS2, 30, 13, 9, 0, 0, 0}, /* amoadd.d x30, x9, (x13) */
    {"amoadd.d", 0x00d2b3af, F_RD|F_RS1|F_RS2, 7, 5, 13, 0, 0, 0}, /* amoadd.d x7, x13, (x5) */
    {"amoxor.d", 0x25c7b8af, F_RD|F_RS1|F_RS2, 17, 15, 28, 0, 0, 0}, /* amoxor.d.aq x17, x28, (x15) */
    {"amoxor.d", 0x21f932af, F_RD|F_RS1|F_RS2, 5, 18, 31, 0, 0, 0}, /* amoxor.d x5, x31, (x18) */
    {"amoxor.d", 0x2630312f, F_RD|F_RS1|F_RS2, 2, 0, 3, 0, 0, 0}, /* amoxor.d.aqrl x2, x3, (x0) */
    {"amoand.d", 0x62a9b9af, F_RD|F_RS1|F_RS2, 19, 19, 10, 0, 0, 0}, /* amoand.d.rl x19, x10, (x19) */
    {"amoand.d", 0x63ee3baf, F_RD|F_RS1|F_RS2, 23, 28, 30, 0, 0, 0}, /* amoand.d.rl x23, x30, (x28) */
    {"amoand.d", 0x63ed352f, F_RD|F_RS1|F_RS2, 10, 26, 30, 0, 0, 0}, /* amoand.d.rl x10, x30, (x26) */
    {"amoor.d", 0x4438b92f, F_RD|F_RS1|F_RS2, 18, 17, 3, 0, 0, 0}, /* amoor.d.aq x18, x3, (x17) */
    {"amoor.d", 0x44fdb9af, F_RD|F_RS1|F_RS2, 19, 27, 15, 0, 0, 0}, /* amoor.d.aq x19, x15, (x27) */
    {"amoor.d", 0x46093e2f, F_RD|F_RS1|F_RS2, 28, 18, 0, 0, 0, 0}, /* amoor.d.aqrl x28, x0, (x18) */
    {"amomin.d", 0x8321352f, F_RD|F_RS1|F_RS2, 10, 2, 18, 0, 0, 0}, /* amomin.d.rl x10, x18, (x2) */
    {"amomin.d", 0x845b3faf, F_RD|F_RS1|F_RS2, 31, 22, 5, 0, 0, 0}, /* amomin.d.aq x31, x5, (x22) */
    {"amomin.d", 0x8391b9af, F_RD|F_RS1|F_RS2, 19, 3, 25, 0, 0, 0}, /* amomin.d.rl x19, x25, (x3) */
    {"amomax.d", 0xa1dc302f, F_RD|F_RS1|F_RS2, 0, 24, 29, 0, 0, 0}, /* amomax.d x0, x29, (x24) */
    {"amomax.d", 0xa50cb72f, F_RD|F_RS1|F_RS2, 14, 25, 16, 0, 0, 0}, /* amomax.d.aq x14, x16, (x25) */
    {"amomax.d", 0xa25636af, F_RD|F_RS1|F_RS2, 13, 12, 5, 0, 0, 0}, /* amomax.d.rl x13, x5, (x12) */
    {"amominu.d", 0xc29cbb2f, F_RD|F_RS1|F_RS2, 22, 25, 9, 0, 0, 0}, /* amominu.d.rl x22, x9, (x25) */
    {"amominu.d", 0xc1dbb32f, F_RD|F_RS1|F_RS2, 6, 23, 29, 0, 0, 0}, /* amominu.d x6, x29, (x23) */
    {"amominu.d", 0xc618bb2f, F_RD|F_RS1|F_RS2, 22, 17, 1, 0, 0, 0}, /* amominu.d.aqrl x22, x1, (x17) */
    {"amomaxu.d", 0xe51836af, F_RD|F_RS1|F_RS2, 13, 16, 17, 0, 0, 0}, /* amomaxu.d.aq x13, x17, (x16) */
    {"amomaxu.d", 0xe151382f, F_RD|F_RS1|F_RS2, 16, 2, 21, 0, 0, 0}, /* amomaxu.d x16, x21, (x2) */
    {"amomaxu.d", 0xe621b0af, F_RD|F_RS1|F_RS2, 1, 3, 2, 0, 0, 0}, /* amomaxu.d.aqrl x1, x2, (x3) */
    {"flw", 0x232ca207, F_RD|F_RS1|F_IMM, 4, 25, 0, 0, 0, 562}, /* flw f4, 562(x25) */
    {"flw", 0xd1c2a707, F_RD|F_RS1|F_IMM, 14, 5, 0, 0, 0, -740}, /* flw f14, -740(x5) */
    {"flw", 0x0307ab87, F_RD|F_RS1|F_IMM, 23, 15, 0, 0, 0, 48}, /* flw f23, 48(x15) */
    {"fsw", 0x7611ac27, F_RS1|F_RS2|F_IMM, 0, 3, 1, 0, 0, 1912}, /* fsw f1, 1912(x3) */
    {"fsw", 0xe4932ea7, F_RS1|F_RS2|F_IMM, 0, 6, 9, 0, 0, -419}, /* fsw f9, -419(x6) */
    {"fsw", 0x3e6e2227, F_RS1|F_RS2|F_IMM, 0, 28, 6, 0, 0, 996}, /* fsw f6, 996(x28) */
    {"fmadd.s", 0xb87c3843, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 16, 24, 7, 23, 3, 0}, /* fmadd.s f16, f24, f7, f23, rup */
    {"fmadd.s", 0x48fe7543, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 10, 28, 15, 9, 7, 0}, /* fmadd.s f10, f28, f15, f9, dyn */
    {"fmadd.s", 0x50261ec3, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 29, 12, 2, 10, 1, 0}, /* fmadd.s f29, f12, f2, f10, rtz */
    {"fmsub.s", 0x31c43bc7, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 23, 8, 28, 6, 3, 0}, /* fmsub.s f23, f8, f28, f6, rup */
    {"fmsub.s", 0xa15e1247, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 4, 28, 21, 20, 1, 0}, /* fmsub.s f4, f28, f21, f20, rtz */
    {"fmsub.s", 0xa89b93c7, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 7, 23, 9, 21, 1, 0}, /* fmsub.s f7, f23, f9, f21, rtz */
    {"fnmsub.s", 0xe09e15cb, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 11, 28, 9, 28, 1, 0}, /* fnmsub.s f11, f28, f9, f28, rtz */
    {"fnmsub.s", 0x48fd0d4b, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 26, 26, 15, 9, 0, 0}, /* fnmsub.s f26, f26, f15, f9, rne */
    {"fnmsub.s", 0x80aab94b, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 18, 21, 10, 16, 3, 0}, /* fnmsub.s f18, f21, f10, f16, rup */
    {"fnmadd.s", 0x39ee9a4f, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 20, 29, 30, 7, 1, 0}, /* fnmadd.s f20, f29, f30, f7, rtz */
    {"fnmadd.s", 0x392f26cf, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 13, 30, 18, 7, 2, 0}, /* fnmadd.s f13, f30, f18, f7, rdn */
    {"fnmadd.s", 0x790d9bcf, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 23, 27, 16, 15, 1, 0}, /* fnmadd.s f23, f27, f16, f15, rtz */
    {"fadd.s", 0x01a90c53, F_RD|F_RS1|F_RS2|F_RM, 24, 18, 26, 0, 0, 0}, /* fadd.s f24, f18, f26, rne */
    {"fadd.s", 0x01c0c4d3, F_RD|F_RS1|F_RS2|F_RM, 9, 1, 28, 0, 4, 0}, /* fadd.s f9, f1, f28, rmm */
    {"fadd.s", 0x01202e53, F_RD|F_RS1|F_RS2|F_RM, 28, 0, 18, 0, 2, 0}, /* fadd.s f28, f0, f18, rdn */
    {"fsub.s", 0x08dd4153, F_RD|F_RS1|F_RS2|F_RM, 2, 26, 13, 0, 4, 0}, /* fsub.s f2, f26, f13, rmm */
    {"fsub.s", 0x08e59453, F_RD|F_RS1|F_RS2|F_RM, 8, 11, 14, 0, 1, 0}, /* fsub.s f8, f11, f14, rtz */
    {"fsub.s", 0x091f92d3, F_RD|F_RS1|F_RS2|F_RM, 5, 31, 17, 0, 1, 0}, /* fsub.s f5, f31, f17, rtz */
    {"fmul.s", 0x10c98653, F_RD|F_RS1|F_RS2|F_RM, 12, 19, 12, 0, 0, 0}, /* fmul.s f12, f19, f12, rne */
    {"fmul.s", 0x115b71d3, F_RD|F_RS1|F_RS2|F_RM, 3, 22, 21, 0, 7, 0}, /* fmul.s f3, f22, f21, dyn */
    {"fmul.s", 0x11a012d3, F_RD|F_RS1|F_RS2|F_RM, 5, 0, 26, 0, 1, 0}, /* fmul.s f5, f0, f26, rtz */
    {"fdiv.s", 0x197597d3, F_RD|F_RS1|F_RS2|F_RM, 15, 11, 23, 0, 1, 0}, /* fdiv.s f15, f11, f23, rtz */
    {"fdiv.s", 0x19cb0053, F_RD|F_RS1|F_RS2|F_RM, 0, 22, 28, 0, 0, 0}, /* fdiv.s f0, f22, f28, rne */
    {"fdiv.s", 0x198a27d3, F_RD|F_RS1|F_RS2|F_RM, 15, 20, 24, 0, 2, 0}, /* fdiv.s f15, f20, f24, rdn */
    {"fsqrt.s", 0x580e0fd3, F_RD|F_RS1|F_RM, 31, 28, 0, 0, 0, 0}, /* fsqrt.s f31, f28, rne */
    {"fsqrt.s", 0x580702d3, F_RD|F_RS1|F_RM, 5, 14, 0, 0, 0, 0}, /* fsqrt.s f5, f14, rne */
    {"fsqrt.s", 0x5800f853, F_RD|F_RS1|F_RM, 16, 1, 0, 0, 7, 0}, /* fsqrt.s f16, f1, dyn */
    {"fsgnj.s", 0x21d08853, F_RD|F_RS1|F_RS2, 16, 1, 29, 0, 0, 0}, /* fsgnj.s f16, f1, f29 */
    {"fsgnj.s", 0x206b0353, F_RD|F_RS1|F_RS2, 6, 22, 6, 0, 0, 0}, /* fsgnj.s f6, f22, f6 */
    {"fsgnj.s", 0x21fe83d3, F_RD|F_RS1|F_RS2, 7, 29, 31, 0, 0, 0}, /* fsgnj.s f7, f29, f31 */
    {"fsgnjn.s", 0x208c93d3, F_RD|F_RS1|F_RS2, 7, 25, 8, 0, 0, 0}, /* fsgnjn.s f7, f25, f8 */
    {"fsgnjn.s", 0x20ac9ed3, F_RD|F_RS1|F_RS2, 29, 25, 10, 0, 0, 0}, /* fsgnjn.s f29, f25, f10 */
    {"fsgnjn.s", 0x21911d53, F_RD|F_RS1|F_RS2, 26, 2, 25, 0, 0, 0}, /* fsgnjn.s f26, f2, f25 */
    {"fsgnjx.s", 0x2157acd3, F_RD|F_RS1|F_RS2, 25, 15, 21, 0, 0, 0}, /* fsgnjx.s f25, f15, f21 */
    {"fsgnjx.s", 0x2141acd3, F_RD|F_RS1|F_RS2, 25, 3, 20, 0, 0, 0}, /* fsgnjx.s f25, f3, f20 */
    {"fsgnjx.s", 0x200da7d3, F_RD|F_RS1|F_RS2, 15, 27, 0, 0, 0, 0}, /* fsgnjx.s f15, f27, f0 */
    {"fmin.s", 0x29ba0253, F_RD|F_RS1|F_RS2, 4, 20, 27, 0, 0, 0}, /* fmin.s f4, f20, f27 */
    {"fmin.s", 0x29a40753, F_RD|F_RS1|F_RS2, 14, 8, 26, 0, 0, 0}, /* fmin.s f14, f8, f26 */
    {"fmin.s", 0x29110153, F_RD|F_RS1|F_RS2, 2, 2, 17, 0, 0, 0}, /* fmin.s f2, f2, f17 */
    {"fmax.s", 0x28781353, F_RD|F_RS1|F_RS2, 6, 16, 7, 0, 0, 0}, /* fmax.s f6, f16, f7 */
    {"fmax.s", 0x28791153, F_RD|F_RS1|F_RS2, 2, 18, 7, 0, 0, 0}, /* fmax.s f2, f18, f7 */
    {"fmax.s", 0x291193d3, F_RD|F_RS1|F_RS2, 7, 3, 17, 0, 0, 0}, /* fmax.s f7, f3, f17 */
    {"fcvt.w.s", 0xc003be53, F_RD|F_RS1|F_RM, 28, 7, 0, 0, 3, 0}, /* fcvt.w.s x28, f7, rup */
    {"fcvt.w.s", 0xc007b8d3, F_RD|F_RS1|F_RM, 17, 15, 0, 0, 3, 0}, /* fcvt.w.s x17, f15, rup */
    {"fcvt.w.s", 0xc0064c53, F_RD|F_RS1|F_RM, 24, 12, 0, 0, 4, 0}, /* fcvt.w.s x24, f12, rmm */
    {"fcvt.wu.s", 0xc01f1f53, F_RD|F_RS1|F_RM, 30, 30, 0, 0, 1, 0}, /* fcvt.wu.s x30, f30, rtz */
    {"fcvt.wu.s", 0xc0160753, F_RD|F_RS1|F_RM, 14, 12, 0, 0, 0, 0}, /* fcvt.wu.s x14, f12, rne */
    {"fcvt.wu.s", 0xc017b553, F_RD|F_RS1|F_RM, 10, 15, 0, 0, 3, 0}, /* fcvt.wu.s x10, f15, rup */
    {"fcvt.l.s", 0xc0268953, F_RD|F_RS1|F_RM, 18, 13, 0, 0, 0, 0}, /* fcvt.l.s x18, f13, rne */
    {"fcvt.l.s", 0xc02b4253, F_RD|F_RS1|F_RM, 4, 22, 0, 0, 4, 0}, /* fcvt.l.s x4, f22, rmm */
    {"fcvt.l.s", 0xc02b7e53, F_RD|F_RS1|F_RM, 28, 22, 0, 0, 7, 0}, /* fcvt.l.s x28, f22, dyn */
    {"fcvt.lu.s", 0xc03afd53, F_RD|F_RS1|F_RM, 26, 21, 0, 0, 7, 0}, /* fcvt.lu.s x26, f21, dyn */
    {"fcvt.lu.s", 0xc03378d3, F_RD|F_RS1|F_RM, 17, 6, 0, 0, 7, 0}, /* fcvt.lu.s x17, f6, dyn */
    {"fcvt.lu.s", 0xc0334d53, F_RD|F_RS1|F_RM, 26, 6, 0, 0, 4, 0}, /* fcvt.lu.s x26, f6, rmm */
    {"fmv.x.w", 0xe00c8fd3, F_RD|F_RS1, 31, 25, 0, 0, 0, 0}, /* fmv.x.w x31, f25 */
    {"fmv.x.w", 0xe00e0c53, F_RD|F_RS1, 24, 28, 0, 0, 0, 0}, /* fmv.x.w x24, f28 */
    {"fmv.x.w", 0xe00b0953, F_RD|F_RS1, 18, 22, 0, 0, 0, 0}, /* fmv.x.w x18, f22 */
    {"fclass.s", 0xe00f9053, F_RD|F_RS1, 0, 31, 0, 0, 0, 0}, /* fclass.s x0, f31 */
    {"fclass.s", 0xe00499d3, F_RD|F_RS1, 19, 9, 0, 0, 0, 0}, /* fclass.s x19, f9 */
    {"fclass.s", 0xe00a92d3, F_RD|F_RS1, 5, 21, 0, 0, 0, 0}, /* fclass.s x5, f21 */
    {"feq.s", 0xa0102dd3, F_RD|F_RS1|F_RS2, 27, 0, 1, 0, 0, 0}, /* feq.s x27, f0, f1 */
    {"feq.s", 0xa1b9a9d3, F_RD|F_RS1|F_RS2, 19, 19, 27, 0, 0, 0}, /* feq.s x19, f19, f27 */
    {"feq.s", 0xa1612b53, F_RD|F_RS1|F_RS2, 22, 2, 22, 0, 0, 0}, /* feq.s x22, f2, f22 */
    {"flt.s", 0xa1a31753, F_RD|F_RS1|F_RS2, 14, 6, 26, 0, 0, 0}, /* flt.s x14, f6, f26 */
    {"flt.s", 0xa1a614d3, F_RD|F_RS1|F_RS2, 9, 12, 26, 0, 0, 0}, /* flt.s x9, f12, f26 */
    {"flt.s", 0xa0a29ad3, F_RD|F_RS1|F_RS2, 21, 5, 10, 0, 0, 0}, /* flt.s x21, f5, f10 */
    {"fle.s", 0xa0b98253, F_RD|F_RS1|F_RS2, 4, 19, 11, 0, 0, 0}, /* fle.s x4, f19, f11 */
    {"fle.s", 0xa0ad0ad3, F_RD|F_RS1|F_RS2, 21, 26, 10, 0, 0, 0}, /* fle.s x21, f26, f10 */
    {"fle.s", 0xa0bd0653, F_RD|F_RS1|F_RS2, 12, 26, 11, 0, 0, 0}, /* fle.s x12, f26, f11 */
    {"fcvt.s.w", 0xd0010b53, F_RD|F_RS1|F_RM, 22, 2, 0, 0, 0, 0}, /* fcvt.s.w f22, x2, rne */
    {"fcvt.s.w", 0xd009c053, F_RD|F_RS1|F_RM, 0, 19, 0, 0, 4, 0}, /* fcvt.s.w f0, x19, rmm */
    {"fcvt.s.w", 0xd00640d3, F_RD|F_RS1|F_RM, 1, 12, 0, 0, 4, 0}, /* fcvt.s.w f1, x12, rmm */
    {"fcvt.s.wu", 0xd01614d3, F_RD|F_RS1|F_RM, 9, 12, 0, 0, 1, 0}, /* fcvt.s.wu f9, x12, rtz */
    {"fcvt.s.wu", 0xd0109353, F_RD|F_RS1|F_RM, 6, 1, 0, 0, 1, 0}, /* fcvt.s.wu f6, x1, rtz */
    {"fcvt.s.wu", 0xd01dfed3, F_RD|F_RS1|F_RM, 29, 27, 0, 0, 7, 0}, /* fcvt.s.wu f29, x27, dyn */
    {"fcvt.s.l", 0xd02794d3, F_RD|F_RS1|F_RM, 9, 15, 0, 0, 1, 0}, /* fcvt.s.l f9, x15, rtz */
    {"fcvt.s.l", 0xd02318d3, F_RD|F_RS1|F_RM, 17, 6, 0, 0, 1, 0}, /* fcvt.s.l f17, x6, rtz */
    {"fcvt.s.l", 0xd020bc53, F_RD|F_RS1|F_RM, 24, 1, 0, 0, 3, 0}, /* fcvt.s.l f24, x1, rup */
    {"fcvt.s.lu", 0xd0319e53, F_RD|F_RS1|F_RM, 28, 3, 0, 0, 1, 0}, /* fcvt.s.lu f28, x3, rtz */
    {"fcvt.s.lu", 0xd035b553, F_RD|F_RS1|F_RM, 10, 11, 0, 0, 3, 0}, /* fcvt.s.lu f10, x11, rup */
    {"fcvt.s.lu", 0xd0381d53, F_RD|F_RS1|F_RM, 26, 16, 0, 0, 1, 0}, /* fcvt.s.lu f26, x16, rtz */
    {"fmv.w.x", 0xf00d0753, F_RD|F_RS1, 14, 26, 0, 0, 0, 0}, /* fmv.w.x f14, x26 */
    {"fmv.w.x", 0xf00780d3, F_RD|F_RS1, 1, 15, 0, 0, 0, 0}, /* fmv.w.x f1, x15 */
    {"fmv.w.x", 0xf0058c53, F_RD|F_RS1, 24, 11, 0, 0, 0, 0}, /* fmv.w.x f24, x11 */
    {"fld", 0xa18ab387, F_RD|F_RS1|F_IMM, 7, 21, 0, 0, 0, -1512}, /* fld f7, -1512(x21) */
    {"fld", 0xe1edb387, F_RD|F_RS1|F_IMM, 7, 27, 0, 0, 0, -482}, /* fld f7, -482(x27) */
    {"fld", 0x91e93e87, F_RD|F_RS1|F_IMM, 29, 18, 0, 0, 0, -1762}, /* fld f29, -1762(x18) */
    {"fsd", 0xc350b3a7, F_RS1|F_RS2|F_IMM, 0, 1, 21, 0, 0, -985}, /* fsd f21, -985(x1) */
    {"fsd", 0x631637a7, F_RS1|F_RS2|F_IMM, 0, 12, 17, 0, 0, 1583}, /* fsd f17, 1583(x12) */
    {"fsd", 0xeea7b6a7, F_RS1|F_RS2|F_IMM, 0, 15, 10, 0, 0, -275}, /* fsd f10, -275(x15) */
    {"fmadd.d", 0x9adc3cc3, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 25, 24, 13, 19, 3, 0}, /* fmadd.d f25, f24, f13, f19, rup */
    {"fmadd.d", 0x828e4743, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 14, 28, 8, 16, 4, 0}, /* fmadd.d f14, f28, f8, f16, rmm */
    {"fmadd.d", 0x6b979bc3, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 23, 15, 25, 13, 1, 0}, /* fmadd.d f23, f15, f25, f13, rtz */
    {"fmsub.d", 0x0b88f2c7, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 5, 17, 24, 1, 7, 0}, /* fmsub.d f5, f17, f24, f1, dyn */
    {"fmsub.d", 0x2b8079c7, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 19, 0, 24, 5, 7, 0}, /* fmsub.d f19, f0, f24, f5, dyn */
    {"fmsub.d", 0x32ca0747, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 14, 20, 12, 6, 0, 0}, /* fmsub.d f14, f20, f12, f6, rne */
    {"fnmsub.d", 0x9a4609cb, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 19, 12, 4, 19, 0, 0}, /* fnmsub.d f19, f12, f4, f19, rne */
    {"fnmsub.d", 0x9394294b, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 18, 8, 25, 18, 2, 0}, /* fnmsub.d f18, f8, f25, f18, rdn */
    {"fnmsub.d", 0x5b140ecb, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 29, 8, 17, 11, 0, 0}, /* fnmsub.d f29, f8, f17, f11, rne */
    {"fnmadd.d", 0xea1d1b4f, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 22, 26, 1, 29, 1, 0}, /* fnmadd.d f22, f26, f1, f29, rtz */
    {"fnmadd.d", 0x92b30b4f, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 22, 6, 11, 18, 0, 0}, /* fnmadd.d f22, f6, f11, f18, rne */
    {"fnmadd.d", 0x1391474f, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 14, 2, 25, 2, 4, 0}, /* fnmadd.d f14, f2, f25, f2, rmm */
    {"fadd.d", 0x03363dd3, F_RD|F_RS1|F_RS2|F_RM, 27, 12, 19, 0, 3, 0}, /* fadd.d f27, f12, f19, rup */
    {"fadd.d", 0x02e5f9d3, F_RD|F_RS1|F_RS2|F_RM, 19, 11, 14, 0, 7, 0}, /* fadd.d f19, f11, f14, dyn */
    {"fadd.d", 0x020b7dd3, F_RD|F_RS1|F_RS2|F_RM, 27, 22, 0, 0, 7, 0}, /* fadd.d f27, f22, f0, dyn */
    {"fsub.d", 0x0af18153, F_RD|F_RS1|F_RS2|F_RM, 2, 3, 15, 0, 0, 0}, /* fsub.d f2, f3, f15, rne */
    {"fsub.d", 0x0a5b76d3, F_RD|F_RS1|F_RS2|F_RM, 13, 22, 5, 0, 7, 0}, /* fsub.d f13, f22, f5, dyn */
    {"fsub.d", 0x0a58b753, F_RD|F_RS1|F_RS2|F_RM, 14, 17, 5, 0, 3, 0}, /* fsub.d f14, f17, f5, rup */
    {"fmul.d", 0x123e3ad3, F_RD|F_RS1|F_RS2|F_RM, 21, 28, 3, 0, 3, 0}, /* fmul.d f21, f28, f3, rup */
    {"fmul.d", 0x12261fd3, F_RD|F_RS1|F_RS2|F_RM, 31, 12, 2, 0, 1, 0}, /* fmul.d f31, f12, f2, rtz */
    {"fmul.d", 0x12f817d3, F_RD|F_RS1|F_RS2|F_RM, 15, 16, 15, 0, 1, 0}, /* fmul.d f15, f16, f15, rtz */
    {"fdiv.d", 0x1a5d7b53, F_RD|F_RS1|F_RS2|F_RM, 22, 26, 5, 0, 7, 0}, /* fdiv.d f22, f26, f5, dyn */
    {"fdiv.d", 0x1bf41453, F_RD|F_RS1|F_RS2|F_RM, 8, 8, 31, 0, 1, 0}, /* fdiv.d f8, f8, f31, rtz */
    {"fdiv.d", 0x1a8e7053, F_RD|F_RS1|F_RS2|F_RM, 0, 28, 8, 0, 7, 0}, /* fdiv.d f0, f28, f8, dyn */
    {"fsqrt.d", 0x5a04f453, F_RD|F_RS1|F_RM, 8, 9, 0, 0, 7, 0}, /* fsqrt.d f8, f9, dyn */
    {"fsqrt.d", 0x5a053dd3, F_RD|F_RS1|F_RM, 27, 10, 0, 0, 3, 0}, /* fsqrt.d f27, f10, rup */
    {"fsqrt.d", 0x5a0933d3, F_RD|F_RS1|F_RM, 7, 18, 0, 0, 3, 0}, /* fsqrt.d f7, f18, rup */
    {"fsgnj.d", 0x23118153, F_RD|F_RS1|F_RS2, 2, 3, 17, 0, 0, 0}, /* fsgnj.d f2, f3, f17 */
    {"fsgnj.d", 0x227e09d3, F_RD|F_RS1|F_RS2, 19, 28, 7, 0, 0, 0}, /* fsgnj.d f19, f28, f7 */
    {"fsgnj.d", 0x232b8ed3, F_RD|F_RS1|F_RS2, 29, 23, 18, 0, 0, 0}, /* fsgnj.d f29, f23, f18 */
    {"fsgnjn.d", 0x23d01153, F_RD|F_RS1|F_RS2, 2, 0, 29, 0, 0, 0}, /* fsgnjn.d f2, f0, f29 */
    {"fsgnjn.d", 0x23f31853, F_RD|F_RS1|F_RS2, 16, 6, 31, 0, 0, 0}, /* fsgnjn.d f16, f6, f31 */
    {"fsgnjn.d", 0x23601a53, F_RD|F_RS1|F_RS2, 20, 0, 22, 0, 0, 0}, /* fsgnjn.d f20, f0, f22 */
    {"fsgnjx.d", 0x2257a853, F_RD|F_RS1|F_RS2, 16, 15, 5, 0, 0, 0}, /* fsgnjx.d f16, f15, f5 */
    {"fsgnjx.d", 0x229ca0d3, F_RD|F_RS1|F_RS2, 1, 25, 9, 0, 0, 0}, /* fsgnjx.d f1, f25, f9 */
    {"fsgnjx.d", 0x23332553, F_RD|F_RS1|F_RS2, 10, 6, 19, 0, 0, 0}, /* fsgnjx.d f10, f6, f19 */
    {"fmin.d", 0x2aea0b53, F_RD|F_RS1|F_RS2, 22, 20, 14, 0, 0, 0}, /* fmin.d f22, f20, f14 */
    {"fmin.d", 0x2a378853, F_RD|F_RS1|F_RS2, 16, 15, 3, 0, 0, 0}, /* fmin.d f16, f15, f3 */
    {"fmin.d", 0x2bf681d3, F_RD|F_RS1|F_RS2, 3, 13, 31, 0, 0, 0}, /* fmin.d f3, f13, f31 */
    {"fmax.d", 0x2a9299d3, F_RD|F_RS1|F_RS2, 19, 5, 9, 0, 0, 0}, /* fmax.d f19, f5, f9 */
    {"fmax.d", 0x2a5c9e53, F_RD|F_RS1|F_RS2, 28, 25, 5, 0, 0, 0}, /* fmax.d f28, f25, f5 */
    {"fmax.d", 0x2b769653, F_RD|F_RS1|F_RS2, 12, 13, 23, 0, 0, 0}, /* fmax.d f12, f13, f23 */
    {"fcvt.s.d", 0x401944d3, F_RD|F_RS1|F_RM, 9, 18, 0, 0, 4, 0}, /* fcvt.s.d f9, f18, rmm */
    {"fcvt.s.d", 0x40127ad3, F_RD|F_RS1|F_RM, 21, 4, 0, 0, 7, 0}, /* fcvt.s.d f21, f4, dyn */
    {"fcvt.s.d", 0x401c3553, F_RD|F_RS1|F_RM, 10, 24, 0, 0, 3, 0}, /* fcvt.s.d f10, f24, rup */
    {"fcvt.d.s", 0x420f0653, F_RD|F_RS1, 12, 30, 0, 0, 0, 0}, /* fcvt.d.s f12, f30 */
    {"fcvt.d.s", 0x42048dd3, F_RD|F_RS1, 27, 9, 0, 0, 0, 0}, /* fcvt.d.s f27, f9 */
    {"fcvt.d.s", 0x420d09d3, F_RD|F_RS1, 19, 26, 0, 0, 0, 0}, /* fcvt.d.s f19, f26 */
    {"feq.d", 0xa21aa9d3, F_RD|F_RS1|F_RS2, 19, 21, 1, 0, 0, 0}, /* feq.d x19, f21, f1 */
    {"feq.d", 0xa374a2d3, F_RD|F_RS1|F_RS2, 5, 9, 23, 0, 0, 0}, /* feq.d x5, f9, f23 */
    {"feq.d", 0xa30cae53, F_RD|F_RS1|F_RS2, 28, 25, 16, 0, 0, 0}, /* feq.d x28, f25, f16 */
    {"flt.d", 0xa2e39653, F_RD|F_RS1|F_RS2, 12, 7, 14, 0, 0, 0}, /* flt.d x12, f7, f14 */
    {"flt.d", 0xa3f81653, F_RD|F_RS1|F_RS2, 12, 16, 31, 0, 0, 0}, /* flt.d x12, f16, f31 */
    {"flt.d", 0xa2539753, F_RD|F_RS1|F_RS2, 14, 7, 5, 0, 0, 0}, /* flt.d x14, f7, f5 */
    {"fle.d", 0xa2740e53, F_RD|F_RS1|F_RS2, 28, 8, 7, 0, 0, 0}, /* fle.d x28, f8, f7 */
    {"fle.d", 0xa3e60553, F_RD|F_RS1|F_RS2, 10, 12, 30, 0, 0, 0}, /* fle.d x10, f12, f30 */
    {"fle.d", 0xa2fc81d3, F_RD|F_RS1|F_RS2, 3, 25, 15, 0, 0, 0}, /* fle.d x3, f25, f15 */
    {"fclass.d", 0xe2069053, F_RD|F_RS1, 0, 13, 0, 0, 0, 0}, /* fclass.d x0, f13 */
    {"fclass.d", 0xe2029dd3, F_RD|F_RS1, 27, 5, 0, 0, 0, 0}, /* fclass.d x27, f5 */
    {"fclass.d", 0xe20b9553, F_RD|F_RS1, 10, 23, 0, 0, 0, 0}, /* fclass.d x10, f23 */
    {"fcvt.w.d", 0xc20b87d3, F_RD|F_RS1|F_RM, 15, 23, 0, 0, 0, 0}, /* fcvt.w.d x15, f23, rne */
    {"fcvt.w.d", 0xc20b0353, F_RD|F_RS1|F_RM, 6, 22, 0, 0, 0, 0}, /* fcvt.w.d x6, f22, rne */
    {"fcvt.w.d", 0xc20b0853, F_RD|F_RS1|F_RM, 16, 22, 0, 0, 0, 0}, /* fcvt.w.d x16, f22, rne */
    {"fcvt.wu.d", 0xc21083d3, F_RD|F_RS1|F_RM, 7, 1, 0, 0, 0, 0}, /* fcvt.wu.d x7, f1, rne */
    {"fcvt.wu.d", 0xc21495d3, F_RD|F_RS1|F_RM, 11, 9, 0, 0, 1, 0}, /* fcvt.wu.d x11, f9, rtz */
    {"fcvt.wu.d", 0xc21e28d3, F_RD|F_RS1|F_RM, 17, 28, 0, 0, 2, 0}, /* fcvt.wu.d x17, f28, rdn */
    {"fcvt.l.d", 0xc22f0fd3, F_RD|F_RS1|F_RM, 31, 30, 0, 0, 0, 0}, /* fcvt.l.d x31, f30, rne */
    {"fcvt.l.d", 0xc22f3cd3, F_RD|F_RS1|F_RM, 25, 30, 0, 0, 3, 0}, /* fcvt.l.d x25, f30, rup */
    {"fcvt.l.d", 0xc22ba253, F_RD|F_RS1|F_RM, 4, 23, 0, 0, 2, 0}, /* fcvt.l.d x4, f23, rdn */
    {"fcvt.lu.d", 0xc236f153, F_RD|F_RS1|F_RM, 2, 13, 0, 0, 7, 0}, /* fcvt.lu.d x2, f13, dyn */
    {"fcvt.lu.d", 0xc23eaad3, F_RD|F_RS1|F_RM, 21, 29, 0, 0, 2, 0}, /* fcvt.lu.d x21, f29, rdn */
    {"fcvt.lu.d", 0xc23f0ad3, F_RD|F_RS1|F_RM, 21, 30, 0, 0, 0, 0}, /* fcvt.lu.d x21, f30, rne */
    {"fcvt.d.w", 0xd2010ed3, F_RD|F_RS1, 29, 2, 0, 0, 0, 0}, /* fcvt.d.w f29, x2 */
    {"fcvt.d.w", 0xd20208d3, F_RD|F_RS1, 17, 4, 0, 0, 0, 0}, /* fcvt.d.w f17, x4 */
    {"fcvt.d.w", 0xd2030153, F_RD|F_RS1, 2, 6, 0, 0, 0, 0}, /* fcvt.d.w f2, x6 */
    {"fcvt.d.wu", 0xd2190bd3, F_RD|F_RS1, 23, 18, 0, 0, 0, 0}, /* fcvt.d.wu f23, x18 */
    {"fcvt.d.wu", 0xd21a89d3, F_RD|F_RS1, 19, 21, 0, 0, 0, 0}, /* fcvt.d.wu f19, x21 */
    {"fcvt.d.wu", 0xd2118ad3, F_RD|F_RS1, 21, 3, 0, 0, 0, 0}, /* fcvt.d.wu f21, x3 */
    {"fcvt.d.l", 0xd22797d3, F_RD|F_RS1|F_RM, 15, 15, 0, 0, 1, 0}, /* fcvt.d.l f15, x15, rtz */
    {"fcvt.d.l", 0xd22eb053, F_RD|F_RS1|F_RM, 0, 29, 0, 0, 3, 0}, /* fcvt.d.l f0, x29, rup */
    {"fcvt.d.l", 0xd2227553, F_RD|F_RS1|F_RM, 10, 4, 0, 0, 7, 0}, /* fcvt.d.l f10, x4, dyn */
    {"fcvt.d.lu", 0xd23ac853, F_RD|F_RS1|F_RM, 16, 21, 0, 0, 4, 0}, /* fcvt.d.lu f16, x21, rmm */
    {"fcvt.d.lu", 0xd239a5d3, F_RD|F_RS1|F_RM, 11, 19, 0, 0, 2, 0}, /* fcvt.d.lu f11, x19, rdn */
    {"fcvt.d.lu", 0xd23fa253, F_RD|F_RS1|F_RM, 4, 31, 0, 0, 2, 0}, /* fcvt.d.lu f4, x31, rdn */
    {"fmv.x.d", 0xe20500d3, F_RD|F_RS1, 1, 10, 0, 0, 0, 0}, /* fmv.x.d x1, f10 */
    {"fmv.x.d", 0xe20186d3, F_RD|F_RS1, 13, 3, 0, 0, 0, 0}, /* fmv.x.d x13, f3 */
    {"fmv.x.d", 0xe2060353, F_RD|F_RS1, 6, 12, 0, 0, 0, 0}, /* fmv.x.d x6, f12 */
    {"fmv.d.x", 0xf20202d3, F_RD|F_RS1, 5, 4, 0, 0, 0, 0}, /* fmv.d.x f5, x4 */
    {"fmv.d.x", 0xf20008d3, F_RD|F_RS1, 17, 0, 0, 0, 0, 0}, /* fmv.d.x f17, x0 */
    {"fmv.d.x", 0xf2008a53, F_RD|F_RS1, 20, 1, 0, 0, 0, 0}, /* fmv.d.x f20, x1 */
    {"addi", 0x80058513, F_RD|F_RS1|F_IMM, 10, 11, 0, 0, 0, -2048}, /* addi x10, x11, -2048 */
    {"addi", 0x7ff58513, F_RD|F_RS1|F_IMM, 10, 11, 0, 0, 0, 2047}, /* addi x10, x11, 2047 */
    {"ld", 0xfff0bf83, F_RD|F_RS1|F_IMM, 31, 1, 0, 0, 0, -1}, /* ld x31, -1(x1) */
    {"sd", 0x81f13023, F_RS1|F_RS2|F_IMM, 0, 2, 31, 0, 0, -2048}, /* sd x31, -2048(x2) */
    {"sw", 0x7e1fafa3, F_RS1|F_RS2|F_IMM, 0, 31, 1, 0, 0, 2047}, /* sw x1, 2047(x31) */
    {"sb", 0xfe530fa3, F_RS1|F_RS2|F_IMM, 0, 6, 5, 0, 0, -1}, /* sb x5, -1(x6) */
    {"beq", 0x80208063, F_RS1|F_RS2|F_IMM, 0, 1, 2, 0, 0, -4096}, /* beq x1, x2, .-4096 */
    {"bne", 0x7fef9fe3, F_RS1|F_RS2|F_IMM, 0, 31, 30, 0, 0, 4094}, /* bne x31, x30, .+4094 */
    {"bltu", 0x0041e0e3, F_RS1|F_RS2|F_IMM, 0, 3, 4, 0, 0, 2048}, /* bltu x3, x4, .+2048 */
    {"bge", 0xfe41dfe3, F_RS1|F_RS2|F_IMM, 0, 3, 4, 0, 0, -2}, /* bge x3, x4, .-2 */
    {"jal", 0x800000ef, F_RD|F_IMM, 1, 0, 0, 0, 0, -1048576}, /* jal x1, .-1048576 */
    {"jal", 0x7ffff06f, F_RD|F_IMM, 0, 0, 0, 0, 0, 1048574}, /* jal x0, .+1048574 */
    {"jal", 0x001002ef, F_RD|F_IMM, 5, 0, 0, 0, 0, 2048}, /* jal x5, .+2048 */
    {"jal", 0xfffff2ef, F_RD|F_IMM, 5, 0, 0, 0, 0, -2}, /* jal x5, .-2 */
    {"jalr", 0x800f8067, F_RD|F_RS1|F_IMM, 0, 31, 0, 0, 0, -2048}, /* jalr x0, -2048(x31) */
    {"lui", 0xfffff537, F_RD|F_IMM, 10, 0, 0, 0, 0, -4096}, /* lui x10, 0xfffff */
    {"lui", 0x80000537, F_RD|F_IMM, 10, 0, 0, 0, 0, -2147483648}, /* lui x10, 0x80000 */
    {"auipc", 0x7ffff097, F_RD|F_IMM, 1, 0, 0, 0, 0, 2147479552}, /* auipc x1, 0x7ffff */
    {"slli", 0x03f11093, F_RD|F_RS1|F_IMM, 1, 2, 0, 0, 0, 63}, /* slli x1, x2, 63 */
    {"srli", 0x02015093, F_RD|F_RS1|F_IMM, 1, 2, 0, 0, 0, 32}, /* srli x1, x2, 32 */
    {"srai", 0x43f25193, F_RD|F_RS1|F_IMM, 3, 4, 0, 0, 0, 63}, /* srai x3, x4, 63 */
    {"srai", 0x40025193, F_RD|F_RS1|F_IMM, 3, 4, 0, 0, 0, 0}, /* srai x3, x4, 0 */
    {"sraiw", 0x41f2519b, F_RD|F_RS1|F_IMM, 3, 4, 0, 0, 0, 31}, /* sraiw x3, x4, 31 */
    {"csrrs", 0xfff022f3, F_RD|F_RS1|F_IMM, 5, 0, 0, 0, 0, 4095}, /* csrrs x5, 0xfff, x0 */
    {"csrrw", 0x800f9073, F_RD|F_RS1|F_IMM, 0, 31, 0, 0, 0, 2048}, /* csrrw x0, 0x800, x31 */
    {"csrrwi", 0x180fdff3, F_RD|F_RS1|F_IMM, 31, 31, 0, 0, 0, 384}, /* csrrwi x31, 0x180, 31 */
    {"csrrci", 0x001870f3, F_RD|F_RS1|F_IMM, 1, 16, 0, 0, 0, 1}, /* csrrci x1, 0x001, 16 */
};

static void test_reference_encodings(void)
{
    bool seen[1024] = {false};
    CHECK(rv_insn_table_len <= ARRAY_SIZE(seen));
    for (unsigned i = 0; i < ARRAY_SIZE(refs); i++) {
        const struct ref *e = &refs[i];
        char ctx[96];
        snprintf(ctx, sizeof(ctx), "%s %08x", e->name, e->word);
        int row = rv_lookup(e->word);
        CHECK_AT(ctx, row >= 0 && !strcmp(rv_insn_table[row].name, e->name));
        if (row < 0)
            continue;
        if ((unsigned)row < ARRAY_SIZE(seen))
            seen[row] = true;
        struct rv_insn d;
        memset(&d, 0xa5, sizeof(d));
        rv_decode(e->word, &d);
        CHECK_AT(ctx, d.exec == rv_insn_table[row].exec && d.id == row);
        CHECK_AT(ctx, d.len == 4 && d.raw == e->word && d.orig == e->word);
        if (e->fields & F_RD)
            CHECK_EQ_AT(ctx, d.rd, e->rd);
        if (e->fields & F_RS1)
            CHECK_EQ_AT(ctx, d.rs1, e->rs1);
        if (e->fields & F_RS2)
            CHECK_EQ_AT(ctx, d.rs2, e->rs2);
        if (e->fields & F_RS3)
            CHECK_EQ_AT(ctx, d.rs3, e->rs3);
        if (e->fields & F_RM)
            CHECK_EQ_AT(ctx, d.rm, e->rm);
        if (e->fields & F_IMM)
            CHECK_EQ_AT(ctx, d.imm, e->imm);
    }
    /* The list covers every row of the table. */
    unsigned missing = 0;
    for (unsigned i = 0; i < rv_insn_table_len && i < ARRAY_SIZE(seen); i++)
        if (!seen[i] && missing++ < 5)
            fprintf(stderr, "no reference encoding for row %s\n", rv_insn_table[i].name);
    CHECK_EQ(missing, 0);
}

/* Hand-checked words: one per format, fields worked out from the manual's bit layouts. */
static void test_known_words(void)
{
    struct rv_insn d;
    rv_decode(0x80b50063, &d); /* beq a0, a1, .-4096 */
    CHECK(d.exec == exec_beq);
    CHECK_EQ(d.rs1, 10);
    CHECK_EQ(d.rs2, 11);
    CHECK_EQ(d.imm, -4096);
    rv_decode(0x7eb51fe3, &d); /* bne a0, a1, .+4094 */
    CHECK(d.exec == exec_bne);
    CHECK_EQ(d.imm, 4094);
    rv_decode(0x800000ef, &d); /* jal ra, .-1048576 */
    CHECK(d.exec == exec_jal);
    CHECK_EQ(d.rd, 1);
    CHECK_EQ(d.imm, -1048576);
    rv_decode(0x7ffff06f, &d); /* jal zero, .+1048574 */
    CHECK_EQ(d.rd, 0);
    CHECK_EQ(d.imm, 1048574);
    rv_decode(0x80000537, &d); /* lui a0, 0x80000: sign-extended to 64 bits */
    CHECK(d.exec == exec_lui);
    CHECK_EQ(d.imm, 0xffffffff80000000ull);
    rv_decode(0x80058513, &d); /* addi a0, a1, -2048 */
    CHECK(d.exec == exec_addi);
    CHECK_EQ(d.rd, 10);
    CHECK_EQ(d.rs1, 11);
    CHECK_EQ(d.imm, -2048);
    rv_decode(0x81f13023, &d); /* sd t6, -2048(sp) */
    CHECK(d.exec == exec_sd);
    CHECK_EQ(d.rs1, 2);
    CHECK_EQ(d.rs2, 31);
    CHECK_EQ(d.imm, -2048);
    rv_decode(0x43f5d513, &d); /* srai a0, a1, 63 */
    CHECK(d.exec == exec_srai);
    CHECK_EQ(d.imm, 63);
    rv_decode(0xfff022f3, &d); /* csrrs t0, 0xfff, zero: CSR number not sign-extended */
    CHECK(d.exec == exec_csrrs);
    CHECK_EQ(d.rd, 5);
    CHECK_EQ(d.imm, 0xfff);
    rv_decode(0x1805d073, &d); /* csrrwi zero, satp, 11 */
    CHECK(d.exec == exec_csrrwi);
    CHECK_EQ(d.rs1, 11);
    CHECK_EQ(d.imm, 0x180);
    rv_decode(0x2220f0c3, &d); /* fmadd.d ft1, ft1, ft2, ft4, dyn */
    CHECK(d.exec == exec_fmadd_d);
    CHECK_EQ(d.rd, 1);
    CHECK_EQ(d.rs1, 1);
    CHECK_EQ(d.rs2, 2);
    CHECK_EQ(d.rs3, 4);
    CHECK_EQ(d.rm, 7);
}

/* 32-bit words no row may accept: fixed fields with the wrong value. */
static void test_illegal_words(void)
{
    static const uint32_t w[] = {
        0xffffffff, /* 80-bit+ encoding space */
        0x0000007f, 0x0000003f, 0x0000001f, /* 64- and 48-bit encoding spaces */
        0x102000f3, /* sret with rd != 0 */
        0x30200173, /* mret with rd != 0 */
        0x00000173, /* ecall with rd != 0 */
        0x0200101b, /* slliw with shamt[5] set: reserved on RV64 */
        0x0200501b, /* srliw with shamt[5] set */
        0x44005013, /* srai with imm[10] and imm[6] set */
        0x08001013, /* slli with imm[11:6] != 0 */
        0x58100053, /* fsqrt.s with rs2 != 0 */
        0x1010202f, /* lr.w with rs2 != 0 */
        0x0000102f, /* AMO with funct3 = 1 */
        0x00007003, /* load with funct3 = 7 */
        0x00004023, /* store with funct3 = 4 */
        0x00002063, /* branch with funct3 = 2 */
        0x00001067, /* jalr with funct3 = 1 */
        0x00004073, /* SYSTEM funct3 = 4 */
        0x12000ff3, /* sfence.vma with rd != 0 */
    };
    for (unsigned i = 0; i < ARRAY_SIZE(w); i++) {
        char ctx[32];
        snprintf(ctx, sizeof(ctx), "%08x", w[i]);
        CHECK_AT(ctx, rv_lookup(w[i]) < 0);
        struct rv_insn d;
        rv_decode(w[i], &d);
        CHECK_AT(ctx, d.id == UINT16_MAX && d.orig == w[i] && d.len == 4);
    }
    /* Controls: neighbours of the words above that are legal. */
    CHECK(rv_lookup(0x00000073) == row_named("ecall"));
    CHECK(rv_lookup(0x0000101b) == row_named("slliw"));
    CHECK(rv_lookup(0x02001013) == row_named("slli")); /* shamt[5] is fine on slli */
    CHECK(rv_lookup(0x40005013) == row_named("srai"));
    CHECK(rv_lookup(0x12000073) == row_named("sfence.vma"));
}

/* --- compressed --- */

struct cref {
    uint16_t c;  /* as assembled with .option rvc */
    uint32_t w;  /* the equivalent 32-bit instruction, assembled with .option norvc */
    const char *text;
};

static const struct cref crefs[] = {
    {0x1fe8, 0x3fc10513, "c.addi4spn a0, sp, 1020"}, /* addi a0, sp, 1020 */
    {0x0044, 0x00410493, "c.addi4spn s1, sp, 4"}, /* addi s1, sp, 4 */
    {0x003c, 0x00810793, "c.addi4spn a5, sp, 8"}, /* addi a5, sp, 8 */
    {0x1400, 0x22010413, "c.addi4spn s0, sp, 0x220"}, /* addi s0, sp, 0x220 */
    {0x3de8, 0x0f85b507, "c.fld fa0, 248(a1)"}, /* fld fa0, 248(a1) */
    {0x2004, 0x00043487, "c.fld fs1, 0(s0)"}, /* fld fs1, 0(s0) */
    {0x5de8, 0x07c5a503, "c.lw a0, 124(a1)"}, /* lw a0, 124(a1) */
    {0x42b0, 0x0406a603, "c.lw a2, 64(a3)"}, /* lw a2, 64(a3) */
    {0x42d0, 0x0046a603, "c.lw a2, 4(a3)"}, /* lw a2, 4(a3) */
    {0x7de8, 0x0f85b503, "c.ld a0, 248(a1)"}, /* ld a0, 248(a1) */
    {0x6714, 0x00873683, "c.ld a3, 8(a4)"}, /* ld a3, 8(a4) */
    {0x63c4, 0x0807b483, "c.ld s1, 128(a5)"}, /* ld s1, 128(a5) */
    {0xbde8, 0x0ea5bc27, "c.fsd fa0, 248(a1)"}, /* fsd fa0, 248(a1) */
    {0xa780, 0x0087b427, "c.fsd fs0, 8(a5)"}, /* fsd fs0, 8(a5) */
    {0xdde8, 0x06a5ae23, "c.sw a0, 124(a1)"}, /* sw a0, 124(a1) */
    {0xc2b0, 0x04c6a023, "c.sw a2, 64(a3)"}, /* sw a2, 64(a3) */
    {0xc05c, 0x00f42223, "c.sw a5, 4(s0)"}, /* sw a5, 4(s0) */
    {0xfde8, 0x0ea5bc23, "c.sd a0, 248(a1)"}, /* sd a0, 248(a1) */
    {0xe3d8, 0x08e7b023, "c.sd a4, 128(a5)"}, /* sd a4, 128(a5) */
    {0x0001, 0x00000013, "c.nop"}, /* addi x0, x0, 0 */
    {0x1501, 0xfe050513, "c.addi a0, -32"}, /* addi a0, a0, -32 */
    {0x047d, 0x01f40413, "c.addi s0, 31"}, /* addi s0, s0, 31 */
    {0x1ffd, 0xffff8f93, "c.addi t6, -1"}, /* addi t6, t6, -1 */
    {0x3501, 0xfe05051b, "c.addiw a0, -32"}, /* addiw a0, a0, -32 */
    {0x22fd, 0x01f2829b, "c.addiw t0, 31"}, /* addiw t0, t0, 31 */
    {0x2581, 0x0005859b, "c.addiw a1, 0"}, /* addiw a1, a1, 0 */
    {0x5501, 0xfe000513, "c.li a0, -32"}, /* addi a0, x0, -32 */
    {0x437d, 0x01f00313, "c.li t1, 31"}, /* addi t1, x0, 31 */
    {0x4081, 0x00000093, "c.li ra, 0"}, /* addi ra, x0, 0 */
    {0x7101, 0xe0010113, "c.addi16sp sp, -512"}, /* addi sp, sp, -512 */
    {0x617d, 0x1f010113, "c.addi16sp sp, 496"}, /* addi sp, sp, 496 */
    {0x6141, 0x01010113, "c.addi16sp sp, 16"}, /* addi sp, sp, 16 */
    {0x717d, 0xff010113, "c.addi16sp sp, -16"}, /* addi sp, sp, -16 */
    {0x6125, 0x06010113, "c.addi16sp sp, 0x60"}, /* addi sp, sp, 0x60 */
    {0x7501, 0xfffe0537, "c.lui a0, 0xfffe0"}, /* lui a0, 0xfffe0 */
    {0x64fd, 0x0001f4b7, "c.lui s1, 31"}, /* lui s1, 31 */
    {0x6285, 0x000012b7, "c.lui t0, 1"}, /* lui t0, 1 */
    {0x7ffd, 0xffffffb7, "c.lui t6, 0xfffff"}, /* lui t6, 0xfffff */
    {0x917d, 0x03f55513, "c.srli a0, 63"}, /* srli a0, a0, 63 */
    {0x8085, 0x0014d493, "c.srli s1, 1"}, /* srli s1, s1, 1 */
    {0x9381, 0x0207d793, "c.srli a5, 32"}, /* srli a5, a5, 32 */
    {0x957d, 0x43f55513, "c.srai a0, 63"}, /* srai a0, a0, 63 */
    {0x9781, 0x4207d793, "c.srai a5, 32"}, /* srai a5, a5, 32 */
    {0x8415, 0x40545413, "c.srai s0, 5"}, /* srai s0, s0, 5 */
    {0x9901, 0xfe057513, "c.andi a0, -32"}, /* andi a0, a0, -32 */
    {0x89fd, 0x01f5f593, "c.andi a1, 31"}, /* andi a1, a1, 31 */
    {0x8881, 0x0004f493, "c.andi s1, 0"}, /* andi s1, s1, 0 */
    {0x8d0d, 0x40b50533, "c.sub a0, a1"}, /* sub a0, a0, a1 */
    {0x8c1d, 0x40f40433, "c.sub s0, a5"}, /* sub s0, s0, a5 */
    {0x8e35, 0x00d64633, "c.xor a2, a3"}, /* xor a2, a2, a3 */
    {0x8f45, 0x00976733, "c.or a4, s1"}, /* or a4, a4, s1 */
    {0x8fe1, 0x0087f7b3, "c.and a5, s0"}, /* and a5, a5, s0 */
    {0x9d0d, 0x40b5053b, "c.subw a0, a1"}, /* subw a0, a0, a1 */
    {0x9c9d, 0x40f484bb, "c.subw s1, a5"}, /* subw s1, s1, a5 */
    {0x9e35, 0x00d6063b, "c.addw a2, a3"}, /* addw a2, a2, a3 */
    {0x9fa1, 0x008787bb, "c.addw a5, s0"}, /* addw a5, a5, s0 */
    {0xb001, 0x801ff06f, "c.j .-2048"}, /* jal x0, .-2048 */
    {0xaffd, 0x7fe0006f, "c.j .+2046"}, /* jal x0, .+2046 */
    {0xa009, 0x0020006f, "c.j .+2"}, /* jal x0, .+2 */
    {0xbffd, 0xfffff06f, "c.j .-2"}, /* jal x0, .-2 */
    {0xa455, 0x2a40006f, "c.j .+0x2a4"}, /* jal x0, .+0x2a4 */
    {0xb45d, 0xaa7ff06f, "c.j .-0x55a"}, /* jal x0, .-0x55a */
    {0xd101, 0xf00500e3, "c.beqz a0, .-256"}, /* beq a0, x0, .-256 */
    {0xcc7d, 0x0e040f63, "c.beqz s0, .+254"}, /* beq s0, x0, .+254 */
    {0xc7cd, 0x0a078563, "c.beqz a5, .+0xaa"}, /* beq a5, x0, .+0xaa */
    {0xecfd, 0x0e049f63, "c.bnez s1, .+254"}, /* bne s1, x0, .+254 */
    {0xf281, 0xf00690e3, "c.bnez a3, .-256"}, /* bne a3, x0, .-256 */
    {0xf74d, 0xfa0715e3, "c.bnez a4, .-0x56"}, /* bne a4, x0, .-0x56 */
    {0x157e, 0x03f51513, "c.slli a0, 63"}, /* slli a0, a0, 63 */
    {0x0286, 0x00129293, "c.slli t0, 1"}, /* slli t0, t0, 1 */
    {0x1d82, 0x020d9d93, "c.slli s11, 32"}, /* slli s11, s11, 32 */
    {0x357e, 0x1f813507, "c.fldsp fa0, 504(sp)"}, /* fld fa0, 504(sp) */
    {0x2002, 0x00013007, "c.fldsp ft0, 0(sp)"}, /* fld ft0, 0(sp) */
    {0x2fa2, 0x00813f87, "c.fldsp f31, 8(sp)"}, /* fld f31, 8(sp) */
    {0x557e, 0x0fc12503, "c.lwsp a0, 252(sp)"}, /* lw a0, 252(sp) */
    {0x4092, 0x00412083, "c.lwsp ra, 4(sp)"}, /* lw ra, 4(sp) */
    {0x4f8a, 0x08012f83, "c.lwsp t6, 0x80(sp)"}, /* lw t6, 0x80(sp) */
    {0x757e, 0x1f813503, "c.ldsp a0, 504(sp)"}, /* ld a0, 504(sp) */
    {0x60a2, 0x00813083, "c.ldsp ra, 8(sp)"}, /* ld ra, 8(sp) */
    {0x6912, 0x10013903, "c.ldsp s2, 0x100(sp)"}, /* ld s2, 0x100(sp) */
    {0x8502, 0x00050067, "c.jr a0"}, /* jalr x0, 0(a0) */
    {0x8082, 0x00008067, "c.jr ra"}, /* jalr x0, 0(ra) */
    {0x852e, 0x00b00533, "c.mv a0, a1"}, /* add a0, x0, a1 */
    {0x8f86, 0x00100fb3, "c.mv t6, ra"}, /* add t6, x0, ra */
    {0x9002, 0x00100073, "c.ebreak"}, /* ebreak */
    {0x9502, 0x000500e7, "c.jalr a0"}, /* jalr ra, 0(a0) */
    {0x9f82, 0x000f80e7, "c.jalr t6"}, /* jalr ra, 0(t6) */
    {0x952e, 0x00b50533, "c.add a0, a1"}, /* add a0, a0, a1 */
    {0x917e, 0x01f10133, "c.add sp, t6"}, /* add sp, sp, t6 */
    {0xbfaa, 0x1ea13c27, "c.fsdsp fa0, 504(sp)"}, /* fsd fa0, 504(sp) */
    {0xa47e, 0x01f13427, "c.fsdsp f31, 8(sp)"}, /* fsd f31, 8(sp) */
    {0xdfaa, 0x0ea12e23, "c.swsp a0, 252(sp)"}, /* sw a0, 252(sp) */
    {0xc206, 0x00112223, "c.swsp ra, 4(sp)"}, /* sw ra, 4(sp) */
    {0xc17e, 0x09f12023, "c.swsp t6, 0x80(sp)"}, /* sw t6, 0x80(sp) */
    {0xffaa, 0x1ea13c23, "c.sdsp a0, 504(sp)"}, /* sd a0, 504(sp) */
    {0xe406, 0x00113423, "c.sdsp ra, 8(sp)"}, /* sd ra, 8(sp) */
    {0xe24a, 0x11213023, "c.sdsp s2, 0x100(sp)"}, /* sd s2, 0x100(sp) */
    {0x0015, 0x00500013, "c.nop 5"}, /* addi x0, x0, 5 */
    {0x0501, 0x00050513, "c.addi a0, 0"}, /* addi a0, a0, 0 */
    {0x4015, 0x00500013, "c.li x0, 5"}, /* addi x0, x0, 5 */
    {0x6005, 0x00001037, "c.lui x0, 1"}, /* lui x0, 1 */
    {0x802e, 0x00b00033, "c.mv x0, a1"}, /* add x0, x0, a1 */
    {0x902e, 0x00b00033, "c.add x0, a1"}, /* add x0, x0, a1 */
    {0x0006, 0x00101013, "c.slli x0, 1"}, /* slli x0, x0, 1 */
    {0x0502, 0x00051513, ".hword 0x0502"}, /* slli a0, a0, 0 */
    {0x0338, 0x18810713, "c.addi4spn x14, sp, 392"}, /* addi x14, sp, 392 */
    {0x14ac, 0x26810593, "c.addi4spn x11, sp, 616"}, /* addi x11, sp, 616 */
    {0x11e8, 0x0ec10513, "c.addi4spn x10, sp, 236"}, /* addi x10, sp, 236 */
    {0x016c, 0x08c10593, "c.addi4spn x11, sp, 140"}, /* addi x11, sp, 140 */
    {0x0244, 0x10410493, "c.addi4spn x9, sp, 260"}, /* addi x9, sp, 260 */
    {0x1418, 0x22010713, "c.addi4spn x14, sp, 544"}, /* addi x14, sp, 544 */
    {0x3de4, 0x0f85b487, "c.fld f9, 248(x11)"}, /* fld f9, 248(x11) */
    {0x36b8, 0x0686b707, "c.fld f14, 104(x13)"}, /* fld f14, 104(x13) */
    {0x3538, 0x06853707, "c.fld f14, 104(x10)"}, /* fld f14, 104(x10) */
    {0x2ebc, 0x0586b787, "c.fld f15, 88(x13)"}, /* fld f15, 88(x13) */
    {0x3784, 0x0287b487, "c.fld f9, 40(x15)"}, /* fld f9, 40(x15) */
    {0x2474, 0x0c843687, "c.fld f13, 200(x8)"}, /* fld f13, 200(x8) */
    {0x4310, 0x00072603, "c.lw x12, 0(x14)"}, /* lw x12, 0(x14) */
    {0x4cec, 0x05c4a583, "c.lw x11, 92(x9)"}, /* lw x11, 92(x9) */
    {0x5b9c, 0x0307a783, "c.lw x15, 48(x15)"}, /* lw x15, 48(x15) */
    {0x4d20, 0x05852403, "c.lw x8, 88(x10)"}, /* lw x8, 88(x10) */
    {0x578c, 0x0287a583, "c.lw x11, 40(x15)"}, /* lw x11, 40(x15) */
    {0x5448, 0x02c42503, "c.lw x10, 44(x8)"}, /* lw x10, 44(x8) */
    {0x6504, 0x00853483, "c.ld x9, 8(x10)"}, /* ld x9, 8(x10) */
    {0x68fc, 0x0d04b783, "c.ld x15, 208(x9)"}, /* ld x15, 208(x9) */
    {0x7518, 0x02853703, "c.ld x14, 40(x10)"}, /* ld x14, 40(x10) */
    {0x6310, 0x00073603, "c.ld x12, 0(x14)"}, /* ld x12, 0(x14) */
    {0x6334, 0x04073683, "c.ld x13, 64(x14)"}, /* ld x13, 64(x14) */
    {0x6d8c, 0x0185b583, "c.ld x11, 24(x11)"}, /* ld x11, 24(x11) */
    {0xa35c, 0x08f73027, "c.fsd f15, 128(x14)"}, /* fsd f15, 128(x14) */
    {0xbbc8, 0x0aa7b827, "c.fsd f10, 176(x15)"}, /* fsd f10, 176(x15) */
    {0xa120, 0x04853027, "c.fsd f8, 64(x10)"}, /* fsd f8, 64(x10) */
    {0xbc98, 0x02e4bc27, "c.fsd f14, 56(x9)"}, /* fsd f14, 56(x9) */
    {0xa624, 0x04963427, "c.fsd f9, 72(x12)"}, /* fsd f9, 72(x12) */
    {0xaf28, 0x04a73c27, "c.fsd f10, 88(x14)"}, /* fsd f10, 88(x14) */
    {0xdac8, 0x02a6aa23, "c.sw x10, 52(x13)"}, /* sw x10, 52(x13) */
    {0xde1c, 0x02f62c23, "c.sw x15, 56(x12)"}, /* sw x15, 56(x12) */
    {0xcd64, 0x04952e23, "c.sw x9, 92(x10)"}, /* sw x9, 92(x10) */
    {0xc424, 0x04942423, "c.sw x9, 72(x8)"}, /* sw x9, 72(x8) */
    {0xc9e0, 0x0485aa23, "c.sw x8, 84(x11)"}, /* sw x8, 84(x11) */
    {0xd2f8, 0x06e6a223, "c.sw x14, 100(x13)"}, /* sw x14, 100(x13) */
    {0xe378, 0x0ce73023, "c.sd x14, 192(x14)"}, /* sd x14, 192(x14) */
    {0xf514, 0x02d53423, "c.sd x13, 40(x10)"}, /* sd x13, 40(x10) */
    {0xff40, 0x0a873c23, "c.sd x8, 184(x14)"}, /* sd x8, 184(x14) */
    {0xfa3c, 0x06f63823, "c.sd x15, 112(x12)"}, /* sd x15, 112(x12) */
    {0xeccc, 0x08b4bc23, "c.sd x11, 152(x9)"}, /* sd x11, 152(x9) */
    {0xf5b4, 0x06d5b423, "c.sd x13, 104(x11)"}, /* sd x13, 104(x11) */
    {0x0695, 0x00568693, "c.addi x13, 5"}, /* addi x13, x13, 5 */
    {0x17a9, 0xfea78793, "c.addi x15, -22"}, /* addi x15, x15, -22 */
    {0x0ee1, 0x018e8e93, "c.addi x29, 24"}, /* addi x29, x29, 24 */
    {0x1721, 0xfe870713, "c.addi x14, -24"}, /* addi x14, x14, -24 */
    {0x0895, 0x00588893, "c.addi x17, 5"}, /* addi x17, x17, 5 */
    {0x0f25, 0x009f0f13, "c.addi x30, 9"}, /* addi x30, x30, 9 */
    {0x2d75, 0x01dd0d1b, "c.addiw x26, 29"}, /* addiw x26, x26, 29 */
    {0x3941, 0xff09091b, "c.addiw x18, -16"}, /* addiw x18, x18, -16 */
    {0x2f01, 0x000f0f1b, "c.addiw x30, 0"}, /* addiw x30, x30, 0 */
    {0x2715, 0x0057071b, "c.addiw x14, 5"}, /* addiw x14, x14, 5 */
    {0x3751, 0xff47071b, "c.addiw x14, -12"}, /* addiw x14, x14, -12 */
    {0x2541, 0x0105051b, "c.addiw x10, 16"}, /* addiw x10, x10, 16 */
    {0x4b61, 0x01800b13, "c.li x22, 24"}, /* addi x22, x0, 24 */
    {0x43c1, 0x01000393, "c.li x7, 16"}, /* addi x7, x0, 16 */
    {0x55e5, 0xff900593, "c.li x11, -7"}, /* addi x11, x0, -7 */
    {0x5601, 0xfe000613, "c.li x12, -32"}, /* addi x12, x0, -32 */
    {0x4b35, 0x00d00b13, "c.li x22, 13"}, /* addi x22, x0, 13 */
    {0x4b95, 0x00500b93, "c.li x23, 5"}, /* addi x23, x0, 5 */
    {0x613d, 0x1e010113, "c.addi16sp sp, 480"}, /* addi sp, sp, 480 */
    {0x6175, 0x17010113, "c.addi16sp sp, 368"}, /* addi sp, sp, 368 */
    {0x7129, 0xec010113, "c.addi16sp sp, -320"}, /* addi sp, sp, -320 */
    {0x611d, 0x1a010113, "c.addi16sp sp, 416"}, /* addi sp, sp, 416 */
    {0x614d, 0x0b010113, "c.addi16sp sp, 176"}, /* addi sp, sp, 176 */
    {0x614d, 0x0b010113, "c.addi16sp sp, 176"}, /* addi sp, sp, 176 */
    {0x6305, 0x00001337, "c.lui x6, 0x1"}, /* lui x6, 0x1 */
    {0x6b55, 0x00015b37, "c.lui x22, 0x15"}, /* lui x22, 0x15 */
    {0x7c75, 0xffffdc37, "c.lui x24, 0xffffd"}, /* lui x24, 0xffffd */
    {0x6731, 0x0000c737, "c.lui x14, 0xc"}, /* lui x14, 0xc */
    {0x6b4d, 0x00013b37, "c.lui x22, 0x13"}, /* lui x22, 0x13 */
    {0x70b9, 0xfffee0b7, "c.lui x1, 0xfffee"}, /* lui x1, 0xfffee */
    {0x8185, 0x0015d593, "c.srli x11, 1"}, /* srli x11, x11, 1 */
    {0x9275, 0x03d65613, "c.srli x12, 61"}, /* srli x12, x12, 61 */
    {0x9105, 0x02155513, "c.srli x10, 33"}, /* srli x10, x10, 33 */
    {0x93f1, 0x03c7d793, "c.srli x15, 60"}, /* srli x15, x15, 60 */
    {0x81c5, 0x0115d593, "c.srli x11, 17"}, /* srli x11, x11, 17 */
    {0x8379, 0x01e75713, "c.srli x14, 30"}, /* srli x14, x14, 30 */
    {0x8635, 0x40d65613, "c.srai x12, 13"}, /* srai x12, x12, 13 */
    {0x841d, 0x40745413, "c.srai x8, 7"}, /* srai x8, x8, 7 */
    {0x8615, 0x40565613, "c.srai x12, 5"}, /* srai x12, x12, 5 */
    {0x9479, 0x43e45413, "c.srai x8, 62"}, /* srai x8, x8, 62 */
    {0x846d, 0x41b45413, "c.srai x8, 27"}, /* srai x8, x8, 27 */
    {0x8661, 0x41865613, "c.srai x12, 24"}, /* srai x12, x12, 24 */
    {0x9a61, 0xff867613, "c.andi x12, -8"}, /* andi x12, x12, -8 */
    {0x88c9, 0x0124f493, "c.andi x9, 18"}, /* andi x9, x9, 18 */
    {0x9b59, 0xff677713, "c.andi x14, -10"}, /* andi x14, x14, -10 */
    {0x8a69, 0x01a67613, "c.andi x12, 26"}, /* andi x12, x12, 26 */
    {0x9ac1, 0xff06f693, "c.andi x13, -16"}, /* andi x13, x13, -16 */
    {0x8965, 0x01957513, "c.andi x10, 25"}, /* andi x10, x10, 25 */
    {0x8f19, 0x40e70733, "c.sub x14, x14"}, /* sub x14, x14, x14 */
    {0x8d15, 0x40d50533, "c.sub x10, x13"}, /* sub x10, x10, x13 */
    {0x8e0d, 0x40b60633, "c.sub x12, x11"}, /* sub x12, x12, x11 */
    {0x8e1d, 0x40f60633, "c.sub x12, x15"}, /* sub x12, x12, x15 */
    {0x8f09, 0x40a70733, "c.sub x14, x10"}, /* sub x14, x14, x10 */
    {0x8f9d, 0x40f787b3, "c.sub x15, x15"}, /* sub x15, x15, x15 */
    {0x8d25, 0x00954533, "c.xor x10, x9"}, /* xor x10, x10, x9 */
    {0x8dbd, 0x00f5c5b3, "c.xor x11, x15"}, /* xor x11, x11, x15 */
    {0x8c25, 0x00944433, "c.xor x8, x9"}, /* xor x8, x8, x9 */
    {0x8ebd, 0x00f6c6b3, "c.xor x13, x15"}, /* xor x13, x13, x15 */
    {0x8cb5, 0x00d4c4b3, "c.xor x9, x13"}, /* xor x9, x9, x13 */
    {0x8c31, 0x00c44433, "c.xor x8, x12"}, /* xor x8, x8, x12 */
    {0x8c55, 0x00d46433, "c.or x8, x13"}, /* or x8, x8, x13 */
    {0x8f51, 0x00c76733, "c.or x14, x12"}, /* or x14, x14, x12 */
    {0x8d49, 0x00a56533, "c.or x10, x10"}, /* or x10, x10, x10 */
    {0x8c59, 0x00e46433, "c.or x8, x14"}, /* or x8, x8, x14 */
    {0x8c41, 0x00846433, "c.or x8, x8"}, /* or x8, x8, x8 */
    {0x8ecd, 0x00b6e6b3, "c.or x13, x11"}, /* or x13, x13, x11 */
    {0x8e69, 0x00a67633, "c.and x12, x10"}, /* and x12, x12, x10 */
    {0x8fe1, 0x0087f7b3, "c.and x15, x8"}, /* and x15, x15, x8 */
    {0x8f6d, 0x00b77733, "c.and x14, x11"}, /* and x14, x14, x11 */
    {0x8de5, 0x0095f5b3, "c.and x11, x9"}, /* and x11, x11, x9 */
    {0x8fe9, 0x00a7f7b3, "c.and x15, x10"}, /* and x15, x15, x10 */
    {0x8e71, 0x00c67633, "c.and x12, x12"}, /* and x12, x12, x12 */
    {0x9e85, 0x409686bb, "c.subw x13, x9"}, /* subw x13, x13, x9 */
    {0x9d89, 0x40a585bb, "c.subw x11, x10"}, /* subw x11, x11, x10 */
    {0x9e85, 0x409686bb, "c.subw x13, x9"}, /* subw x13, x13, x9 */
    {0x9c89, 0x40a484bb, "c.subw x9, x10"}, /* subw x9, x9, x10 */
    {0x9d09, 0x40a5053b, "c.subw x10, x10"}, /* subw x10, x10, x10 */
    {0x9c81, 0x408484bb, "c.subw x9, x8"}, /* subw x9, x9, x8 */
    {0x9f29, 0x00a7073b, "c.addw x14, x10"}, /* addw x14, x14, x10 */
    {0x9ead, 0x00b686bb, "c.addw x13, x11"}, /* addw x13, x13, x11 */
    {0x9d35, 0x00d5053b, "c.addw x10, x13"}, /* addw x10, x10, x13 */
    {0x9c35, 0x00d4043b, "c.addw x8, x13"}, /* addw x8, x8, x13 */
    {0x9f2d, 0x00b7073b, "c.addw x14, x11"}, /* addw x14, x14, x11 */
    {0x9e29, 0x00a6063b, "c.addw x12, x10"}, /* addw x12, x12, x10 */
    {0xb679, 0xb8fff06f, "c.j .-1138"}, /* jal x0, .-1138 */
    {0xb945, 0xcb1ff06f, "c.j .-848"}, /* jal x0, .-848 */
    {0xa7cd, 0x7e20006f, "c.j .+2018"}, /* jal x0, .+2018 */
    {0xb09d, 0x867ff06f, "c.j .-1946"}, /* jal x0, .-1946 */
    {0xb795, 0xf65ff06f, "c.j .-156"}, /* jal x0, .-156 */
    {0xa139, 0x40e0006f, "c.j .+1038"}, /* jal x0, .+1038 */
    {0xd8e5, 0xfe0488e3, "c.beqz x9, .-16"}, /* beq x9, x0, .-16 */
    {0xdba9, 0xf40789e3, "c.beqz x15, .-174"}, /* beq x15, x0, .-174 */
    {0xd54d, 0xfa0505e3, "c.beqz x10, .-86"}, /* beq x10, x0, .-86 */
    {0xcfbd, 0x06078f63, "c.beqz x15, .+126"}, /* beq x15, x0, .+126 */
    {0xc221, 0x04060063, "c.beqz x12, .+64"}, /* beq x12, x0, .+64 */
    {0xc859, 0x08040b63, "c.beqz x8, .+150"}, /* beq x8, x0, .+150 */
    {0xe80d, 0x02041963, "c.bnez x8, .+50"}, /* bne x8, x0, .+50 */
    {0xf159, 0xf80513e3, "c.bnez x10, .-122"}, /* bne x10, x0, .-122 */
    {0xe015, 0x02041263, "c.bnez x8, .+36"}, /* bne x8, x0, .+36 */
    {0xe605, 0x02061463, "c.bnez x12, .+40"}, /* bne x12, x0, .+40 */
    {0xece5, 0x0e049c63, "c.bnez x9, .+248"}, /* bne x9, x0, .+248 */
    {0xf729, 0xf40715e3, "c.bnez x14, .-182"}, /* bne x14, x0, .-182 */
    {0x015e, 0x01711113, "c.slli x2, 23"}, /* slli x2, x2, 23 */
    {0x131e, 0x02731313, "c.slli x6, 39"}, /* slli x6, x6, 39 */
    {0x0b56, 0x015b1b13, "c.slli x22, 21"}, /* slli x22, x22, 21 */
    {0x0e5a, 0x016e1e13, "c.slli x28, 22"}, /* slli x28, x28, 22 */
    {0x0b56, 0x015b1b13, "c.slli x22, 21"}, /* slli x22, x22, 21 */
    {0x1d5a, 0x036d1d13, "c.slli x26, 54"}, /* slli x26, x26, 54 */
    {0x211a, 0x18013107, "c.fldsp f2, 384(sp)"}, /* fld f2, 384(sp) */
    {0x38ae, 0x0e813887, "c.fldsp f17, 232(sp)"}, /* fld f17, 232(sp) */
    {0x24c2, 0x01013487, "c.fldsp f9, 16(sp)"}, /* fld f9, 16(sp) */
    {0x297a, 0x19813907, "c.fldsp f18, 408(sp)"}, /* fld f18, 408(sp) */
    {0x3d2e, 0x0e813d07, "c.fldsp f26, 232(sp)"}, /* fld f26, 232(sp) */
    {0x359a, 0x1a013587, "c.fldsp f11, 416(sp)"}, /* fld f11, 416(sp) */
    {0x5136, 0x06c12103, "c.lwsp x2, 108(sp)"}, /* lw x2, 108(sp) */
    {0x441a, 0x08412403, "c.lwsp x8, 132(sp)"}, /* lw x8, 132(sp) */
    {0x5342, 0x03012303, "c.lwsp x6, 48(sp)"}, /* lw x6, 48(sp) */
    {0x4702, 0x00012703, "c.lwsp x14, 0(sp)"}, /* lw x14, 0(sp) */
    {0x49b2, 0x00c12983, "c.lwsp x19, 12(sp)"}, /* lw x19, 12(sp) */
    {0x5d96, 0x06412d83, "c.lwsp x27, 100(sp)"}, /* lw x27, 100(sp) */
    {0x72ea, 0x0b813283, "c.ldsp x5, 184(sp)"}, /* ld x5, 184(sp) */
    {0x7ad2, 0x13013a83, "c.ldsp x21, 304(sp)"}, /* ld x21, 304(sp) */
    {0x6112, 0x10013103, "c.ldsp x2, 256(sp)"}, /* ld x2, 256(sp) */
    {0x737a, 0x1b813303, "c.ldsp x6, 440(sp)"}, /* ld x6, 440(sp) */
    {0x6282, 0x00013283, "c.ldsp x5, 0(sp)"}, /* ld x5, 0(sp) */
    {0x7f02, 0x02013f03, "c.ldsp x30, 32(sp)"}, /* ld x30, 32(sp) */
    {0x8882, 0x00088067, "c.jr x17"}, /* jalr x0, 0(x17) */
    {0x8682, 0x00068067, "c.jr x13"}, /* jalr x0, 0(x13) */
    {0x8f02, 0x000f0067, "c.jr x30"}, /* jalr x0, 0(x30) */
    {0x8782, 0x00078067, "c.jr x15"}, /* jalr x0, 0(x15) */
    {0x8182, 0x00018067, "c.jr x3"}, /* jalr x0, 0(x3) */
    {0x8302, 0x00030067, "c.jr x6"}, /* jalr x0, 0(x6) */
    {0x89a2, 0x008009b3, "c.mv x19, x8"}, /* add x19, x0, x8 */
    {0x85ba, 0x00e005b3, "c.mv x11, x14"}, /* add x11, x0, x14 */
    {0x82c2, 0x010002b3, "c.mv x5, x16"}, /* add x5, x0, x16 */
    {0x8f52, 0x01400f33, "c.mv x30, x20"}, /* add x30, x0, x20 */
    {0x81b2, 0x00c001b3, "c.mv x3, x12"}, /* add x3, x0, x12 */
    {0x889a, 0x006008b3, "c.mv x17, x6"}, /* add x17, x0, x6 */
    {0x9402, 0x000400e7, "c.jalr x8"}, /* jalr x1, 0(x8) */
    {0x9c02, 0x000c00e7, "c.jalr x24"}, /* jalr x1, 0(x24) */
    {0x9982, 0x000980e7, "c.jalr x19"}, /* jalr x1, 0(x19) */
    {0x9802, 0x000800e7, "c.jalr x16"}, /* jalr x1, 0(x16) */
    {0x9382, 0x000380e7, "c.jalr x7"}, /* jalr x1, 0(x7) */
    {0x9b82, 0x000b80e7, "c.jalr x23"}, /* jalr x1, 0(x23) */
    {0x9e12, 0x004e0e33, "c.add x28, x4"}, /* add x28, x28, x4 */
    {0x9752, 0x01470733, "c.add x14, x20"}, /* add x14, x14, x20 */
    {0x93f6, 0x01d383b3, "c.add x7, x29"}, /* add x7, x7, x29 */
    {0x9d1a, 0x006d0d33, "c.add x26, x6"}, /* add x26, x26, x6 */
    {0x92c2, 0x010282b3, "c.add x5, x16"}, /* add x5, x5, x16 */
    {0x9c76, 0x01dc0c33, "c.add x24, x29"}, /* add x24, x24, x29 */
    {0xb93e, 0x0af13827, "c.fsdsp f15, 176(sp)"}, /* fsd f15, 176(sp) */
    {0xb542, 0x0b013427, "c.fsdsp f16, 168(sp)"}, /* fsd f16, 168(sp) */
    {0xb992, 0x0e413827, "c.fsdsp f4, 240(sp)"}, /* fsd f4, 240(sp) */
    {0xb5be, 0x0ef13427, "c.fsdsp f15, 232(sp)"}, /* fsd f15, 232(sp) */
    {0xab6a, 0x19a13827, "c.fsdsp f26, 400(sp)"}, /* fsd f26, 400(sp) */
    {0xb992, 0x0e413827, "c.fsdsp f4, 240(sp)"}, /* fsd f4, 240(sp) */
    {0xd342, 0x0b012223, "c.swsp x16, 164(sp)"}, /* sw x16, 164(sp) */
    {0xdfd6, 0x0f512e23, "c.swsp x21, 252(sp)"}, /* sw x21, 252(sp) */
    {0xd832, 0x02c12823, "c.swsp x12, 48(sp)"}, /* sw x12, 48(sp) */
    {0xc806, 0x00112823, "c.swsp x1, 16(sp)"}, /* sw x1, 16(sp) */
    {0xce6e, 0x01b12e23, "c.swsp x27, 28(sp)"}, /* sw x27, 28(sp) */
    {0xd0d2, 0x07412023, "c.swsp x20, 96(sp)"}, /* sw x20, 96(sp) */
    {0xf60e, 0x12313423, "c.sdsp x3, 296(sp)"}, /* sd x3, 296(sp) */
    {0xea2e, 0x10b13823, "c.sdsp x11, 272(sp)"}, /* sd x11, 272(sp) */
    {0xe442, 0x01013423, "c.sdsp x16, 8(sp)"}, /* sd x16, 8(sp) */
    {0xe5ca, 0x0d213423, "c.sdsp x18, 200(sp)"}, /* sd x18, 200(sp) */
    {0xf8de, 0x07713823, "c.sdsp x23, 112(sp)"}, /* sd x23, 112(sp) */
    {0xf2aa, 0x16a13023, "c.sdsp x10, 352(sp)"}, /* sd x10, 352(sp) */
};

static void test_compressed_reference(void)
{
    for (unsigned i = 0; i < ARRAY_SIZE(crefs); i++) {
        const struct cref *e = &crefs[i];
        char ctx[80];
        snprintf(ctx, sizeof(ctx), "%s = %04x", e->text, e->c);
        CHECK_EQ_AT(ctx, rv_expand_compressed(e->c), e->w);
        /* rv_decode ignores the upper half of a compressed fetch. */
        struct rv_insn d, full;
        rv_decode((uint32_t)rnd() << 16 | e->c, &d);
        rv_decode(e->w, &full);
        int row = rv_lookup(e->w);
        CHECK_AT(ctx, row >= 0 && d.exec == rv_insn_table[row].exec && d.id == row);
        CHECK_AT(ctx, d.len == 2 && d.orig == e->c && d.raw == e->w);
        CHECK_AT(ctx, d.rd == full.rd && d.rs1 == full.rs1 && d.rs2 == full.rs2 &&
                          d.imm == full.imm);
    }
}

/* Reserved compressed encodings of RV64GC, straight from the C-extension opcode tables
 * (no Zcb, Zcmp, ...): true when `c` (low bits != 3) must be an illegal instruction. */
static bool ref_c_reserved(uint32_t c)
{
    unsigned op = c & 3, f3 = field(c, 15, 13), rd = field(c, 11, 7), rs2 = field(c, 6, 2);
    bool b12 = field(c, 12, 12);
    switch (op << 3 | f3) {
    case 0 << 3 | 0: return field(c, 12, 5) == 0; /* c.addi4spn nzuimm = 0, incl. 0x0000 */
    case 0 << 3 | 4: return true;                 /* reserved (Zcb) */
    case 1 << 3 | 1: return rd == 0;              /* c.addiw */
    case 1 << 3 | 3: return !b12 && rs2 == 0;     /* c.addi16sp / c.lui with imm 0 */
    case 1 << 3 | 4: return field(c, 11, 10) == 3 && b12 && field(c, 6, 5) >= 2;
    case 2 << 3 | 2: /* c.lwsp */
    case 2 << 3 | 3: return rd == 0;              /* c.ldsp */
    case 2 << 3 | 4: return !b12 && rs2 == 0 && rd == 0; /* c.jr x0 */
    default: return false;
    }
}

static void test_compressed_exhaustive(void)
{
    unsigned wrong_legality = 0, bad_expansion = 0, bad_decode = 0, reserved = 0;
    for (uint32_t c = 0; c < 0x10000; c++) {
        if ((c & 3) == 3) {
            if (rv_expand_compressed((uint16_t)c) != 0 && bad_expansion++ < 3)
                fprintf(stderr, "32-bit parcel %04x expanded\n", c);
            continue;
        }
        uint32_t w = rv_expand_compressed((uint16_t)c);
        bool res = ref_c_reserved(c);
        reserved += res;
        if ((w == 0) != res && wrong_legality++ < 5)
            fprintf(stderr, "compressed %04x: expanded to %08x but it is %s\n", c, w,
                    res ? "reserved" : "legal");
        if (w && ((w & 3) != 3 || rv_lookup(w) < 0) && bad_expansion++ < 5)
            fprintf(stderr, "compressed %04x expands to %08x, no table row\n", c, w);
        struct rv_insn d;
        rv_decode(c, &d);
        if ((d.id == UINT16_MAX) != (w == 0) || d.len != 2 || d.orig != c)
            if (bad_decode++ < 5)
                fprintf(stderr, "rv_decode(%04x): id %u len %u\n", c, d.id, d.len);
    }
    CHECK_EQ(wrong_legality, 0);
    CHECK_EQ(bad_expansion, 0);
    CHECK_EQ(bad_decode, 0);
    printf("decode: %u reserved compressed encodings\n", reserved);
}

/* --- reserved encodings trap when run --- */

#define RAM_BASE 0x80000000ull
#define TRAP_VEC (RAM_BASE + 0x1000)

static void test_reserved_trap(void)
{
    static const struct { uint32_t bits; const char *what; } res[] = {
        {0x0000, "all zero"},
        {0x0004, "c.addi4spn s1, sp, 0"},
        {0x001c, "c.addi4spn a5, sp, 0"},
        {0x8000, "Q0 funct3=100"},
        {0x4002, "c.lwsp zero"},
        {0x6002, "c.ldsp zero"},
        {0x8002, "c.jr zero"},
        {0x6501, "c.lui a0, 0"},
        {0x6001, "c.lui zero, 0"},
        {0x6101, "c.addi16sp 0"},
        {0x2001, "c.addiw zero, 0"},
        {0x2005, "c.addiw zero, 1"},
        {0x9c41, "Q1 reserved (12=1, 6:5=10)"},
        {0x9c61, "Q1 reserved (12=1, 6:5=11)"},
        {0xffffffff, "32-bit all ones"},
        {0x0200101b, "slliw shamt[5]"},
    };
    struct bus bus;
    struct rv_hart *h = calloc(1, sizeof(*h));
    int rc = bus_init(&bus, RAM_BASE, 1 << 20);
    CHECK(h != NULL);
    CHECK_EQ(rc, 0);
    if (!h || rc) {
        free(h);
        return;
    }
    rv_hart_init(h, &bus, NULL, 0);
    for (unsigned i = 0; i < ARRAY_SIZE(res); i++) {
        uint32_t bits = res[i].bits;
        bool compressed = (bits & 3) != 3;
        uint32_t tval = compressed ? bits & 0xffff : bits;
        /* Decoded and executed directly: the exec raises illegal-instruction with the bits. */
        struct rv_insn d;
        rv_decode(compressed ? 0xffff0000u | bits : bits, &d);
        h->trapped = false;
        h->trap_cause = h->trap_tval = 0;
        d.exec(h, &d);
        CHECK_AT(res[i].what, h->trapped);
        CHECK_EQ_AT(res[i].what, h->trap_cause, EXC_ILLEGAL_INSN);
        CHECK_EQ_AT(res[i].what, h->trap_tval, tval);
        /* And through the run loop: mcause/mtval/mepc, then the handler. The parcel after a
         * compressed instruction is all ones so a wrong mtval would show it. */
        uint64_t pc = RAM_BASE + 0x100 + 8 * i;
        uint32_t word = compressed ? 0xffff0000u | bits : bits;
        memcpy(bus.ram + (pc - RAM_BASE), &word, 4);
        rv_hart_reset(h, pc);
        h->s.mtvec = TRAP_VEC;
        h->trapped = false;
        rv_hart_run(h, 1);
        CHECK_EQ_AT(res[i].what, h->s.mcause, EXC_ILLEGAL_INSN);
        CHECK_EQ_AT(res[i].what, h->s.mtval, tval);
        CHECK_EQ_AT(res[i].what, h->s.mepc, pc);
        CHECK_EQ_AT(res[i].what, h->s.pc, TRAP_VEC);
    }
    /* A legal compressed instruction in the same place runs: c.li a0, -32. */
    uint32_t li = 0xffff5501;
    memcpy(bus.ram + 0x200, &li, 4);
    rv_hart_reset(h, RAM_BASE + 0x200);
    h->s.mtvec = TRAP_VEC;
    rv_hart_run(h, 1);
    CHECK_EQ(h->s.x[10], (uint64_t)-32);
    CHECK_EQ(h->s.pc, RAM_BASE + 0x202);
    CHECK_EQ(h->s.mcause, 0);
    rv_hart_free(h);
    free(h);
    bus_destroy(&bus);
}

int main(void)
{
    test_formats();
    test_table_shape();
    test_every_row();
    test_reference_encodings();
    test_known_words();
    test_illegal_words();
    test_compressed_reference();
    test_compressed_exhaustive();
    test_reserved_trap();
    return check_summary("decode");
}
