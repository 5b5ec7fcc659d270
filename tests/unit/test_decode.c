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
#include "decode_refs.h"

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

#include "compressed_refs.h"

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
