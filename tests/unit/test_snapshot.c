/* Snapshots end to end below the monitor: sections (writer, reader, field tables, checking),
 * the hart's section, snapshot files (layout, atomic write, and refusal of every corruption),
 * the tree of files linked by parent id (page lookup through the chain, loops, missing
 * parents) and the whole machine's state (round trip, refusals that leave it unchanged). */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "board/board.h"
#include "check.h"
#include "dev/aclint.h"
#include "dev/plic.h"
#include "dev/uart.h"
#include "rv/hart_state.h"
#include "snap/section.h"
#include "snap/snapfile.h"
#include "snap/tree.h"

#define HDR sizeof(struct snap_section_header)
#define TAG_TEST SNAP_TAG('T', 'E', 'S', 'T')
#define TAG_TWO SNAP_TAG('T', 'W', 'O', '!')
#define TAG_NIL SNAP_TAG('N', 'I', 'L', '0')

static char tmpdir[PATH_MAX];

/* A section's checksum as docs/snapshot-format.md defines it, computed here independently of
 * section.c: XXH3-64 of the payload, seeded with the XXH3-64 of the header's tag, version,
 * instance and length. */
static uint64_t spec_checksum(const struct snap_section_header *h, const uint8_t *payload)
{
    uint8_t head[16];
    store_le(head, h->tag, 4);
    store_le(head + 4, h->version, 2);
    store_le(head + 6, h->instance, 2);
    store_le(head + 8, h->length, 8);
    return XXH3_64bits_withSeed(payload, (size_t)h->length, XXH3_64bits(head, 16));
}

/* ------------------------------------------------------------------------------------------
 * sections */

struct tstruct {
    uint8_t a;
    uint16_t b;
    uint32_t c;
    uint64_t d;
    uint8_t a8[3];
    uint16_t b16[2];
    uint32_t c32[5];
    uint64_t d64[2];
};

static const struct snap_field tfields[] = {
    SNAP_FIELD(struct tstruct, a),   SNAP_FIELD(struct tstruct, b),
    SNAP_FIELD(struct tstruct, c),   SNAP_FIELD(struct tstruct, d),
    SNAP_ARRAY(struct tstruct, a8),  SNAP_ARRAY(struct tstruct, b16),
    SNAP_ARRAY(struct tstruct, c32), SNAP_ARRAY(struct tstruct, d64),
};

/* Bytes of a field list's payload. */
static size_t fields_bytes(const struct snap_field *f, size_t n)
{
    size_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (size_t)f[i].size * f[i].count;
    return sum;
}

static struct tstruct sample(void)
{
    struct tstruct t;
    memset(&t, 0, sizeof(t));
    t.a = 0xa1;
    t.b = 0xb2c3;
    t.c = 0xd4e5f607;
    t.d = 0x1122334455667788ull;
    for (int i = 0; i < 3; i++)
        t.a8[i] = (uint8_t)(0x10 + i);
    for (int i = 0; i < 2; i++)
        t.b16[i] = (uint16_t)(0x2000 + i * 0x101);
    for (int i = 0; i < 5; i++)
        t.c32[i] = 0x30000000u + (uint32_t)i * 0x01010101u;
    for (int i = 0; i < 2; i++)
        t.d64[i] = 0x4000000000000000ull + (uint64_t)i * 0x0102030405060708ull;
    return t;
}

/* Three sections: TEST (instance 7, scalars + bytes + a field table), TWO! (one u32), NIL0
 * (empty). */
static void build_blob(struct snap_writer *w)
{
    struct tstruct t = sample();
    snap_w_init(w);
    snap_w_begin(w, TAG_TEST, 3, 7);
    snap_w_u8(w, 0x5a);
    snap_w_u32(w, 0xcafef00d);
    snap_w_u64(w, 0x0123456789abcdefull);
    snap_w_bytes(w, "hello", 5);
    snap_w_fields(w, &t, tfields, ARRAY_SIZE(tfields));
    snap_w_end(w);
    snap_w_begin(w, TAG_TWO, 1, 0);
    snap_w_u32(w, 42);
    snap_w_end(w);
    snap_w_begin(w, TAG_NIL, 1, 0);
    snap_w_end(w);
}

static void test_sections_round_trip(void)
{
    struct snap_writer w;
    build_blob(&w);
    CHECK(!w.failed);
    size_t first_len = 1 + 4 + 8 + 5 + fields_bytes(tfields, ARRAY_SIZE(tfields));
    CHECK_EQ(w.len, HDR + (first_len + 7) / 8 * 8 + HDR + 8 + HDR);
    CHECK_EQ(w.len % 8, 0);
    CHECK(snap_sections_check(w.buf, w.len) == NULL);
    CHECK(snap_sections_check(w.buf, 0) == NULL); /* no sections at all is well-formed */

    /* the header as the format describes it */
    struct snap_section_header h;
    memcpy(&h, w.buf, HDR);
    CHECK_EQ(h.tag, TAG_TEST);
    CHECK_EQ(h.version, 3);
    CHECK_EQ(h.instance, 7);
    CHECK_EQ(h.length, first_len);
    CHECK_EQ(h.checksum, spec_checksum(&h, w.buf + HDR));
    /* little-endian on disk, whatever the reader's host */
    CHECK_EQ(w.buf[HDR], 0x5a);
    CHECK_EQ(w.buf[HDR + 1], 0x0d);
    CHECK_EQ(w.buf[HDR + 4], 0xca);
    CHECK_EQ(w.buf[HDR + 5], 0xef);
    /* padding is zero */
    for (size_t i = HDR + first_len; i < HDR + (first_len + 7) / 8 * 8; i++)
        CHECK_EQ(w.buf[i], 0);

    struct snap_reader r;
    CHECK(snap_find(w.buf, w.len, TAG_TEST, 7, &r));
    CHECK_EQ(r.tag, TAG_TEST);
    CHECK_EQ(r.version, 3);
    CHECK_EQ(r.instance, 7);
    CHECK_EQ(r.len, first_len);
    CHECK_EQ(snap_r_u8(&r), 0x5a);
    CHECK_EQ(snap_r_u32(&r), 0xcafef00d);
    CHECK_EQ(snap_r_u64(&r), 0x0123456789abcdefull);
    char hello[6] = {0};
    snap_r_bytes(&r, hello, 5);
    CHECK(!strcmp(hello, "hello"));
    struct tstruct t, want = sample();
    memset(&t, 0xee, sizeof(t));
    snap_r_fields(&r, &t, tfields, ARRAY_SIZE(tfields));
    CHECK(snap_r_done(&r));
    CHECK(r.bad == NULL);
    CHECK_EQ(t.a, want.a);
    CHECK_EQ(t.b, want.b);
    CHECK_EQ(t.c, want.c);
    CHECK_EQ(t.d, want.d);
    CHECK(!memcmp(t.a8, want.a8, sizeof(t.a8)));
    CHECK(!memcmp(t.b16, want.b16, sizeof(t.b16)));
    CHECK(!memcmp(t.c32, want.c32, sizeof(t.c32)));
    CHECK(!memcmp(t.d64, want.d64, sizeof(t.d64)));

    /* found by tag and instance, not otherwise */
    CHECK(snap_find(w.buf, w.len, TAG_TWO, 0, &r));
    CHECK_EQ(r.len, 4);
    CHECK(snap_find(w.buf, w.len, TAG_NIL, 0, &r));
    CHECK_EQ(r.len, 0);
    CHECK(snap_r_done(&r));
    CHECK(!snap_find(w.buf, w.len, TAG_TEST, 0, &r));
    CHECK(!snap_find(w.buf, w.len, TAG_TEST, 8, &r));
    CHECK(!snap_find(w.buf, w.len, TAG_TWO, 1, &r));
    CHECK(!snap_find(w.buf, w.len, SNAP_TAG('N', 'O', 'N', 'E'), 0, &r));
    CHECK(!snap_find(w.buf, 0, TAG_TEST, 7, &r));

    /* reading past the end: zeros, r->bad set, and every later read is refused too */
    CHECK(snap_find(w.buf, w.len, TAG_TWO, 0, &r));
    CHECK_EQ(snap_r_u32(&r), 42);
    CHECK(r.bad == NULL);
    CHECK_EQ(snap_r_u64(&r), 0);
    CHECK(r.bad != NULL);
    const char *first_reason = r.bad;
    CHECK_EQ(snap_r_u8(&r), 0);
    uint8_t buf[4] = {1, 2, 3, 4};
    snap_r_bytes(&r, buf, 4);
    CHECK_EQ(buf[0] | buf[1] | buf[2] | buf[3], 0);
    CHECK(!snap_r_done(&r));
    CHECK(r.bad == first_reason); /* the first reason is kept */
    CHECK(!snap_r_fail(&r, "another reason"));
    CHECK(r.bad == first_reason);

    /* a field table that runs past the end reads zeros */
    CHECK(snap_find(w.buf, w.len, TAG_TWO, 0, &r));
    memset(&t, 0xee, sizeof(t));
    snap_r_fields(&r, &t, tfields, ARRAY_SIZE(tfields));
    CHECK(r.bad != NULL);
    CHECK_EQ(t.d64[1], 0);

    /* leftover bytes: snap_r_done refuses */
    CHECK(snap_find(w.buf, w.len, TAG_TEST, 7, &r));
    snap_r_u8(&r);
    CHECK(!snap_r_done(&r));
    CHECK(r.bad != NULL && r.bad[0]);
    /* a loader's own refusal */
    CHECK(snap_find(w.buf, w.len, TAG_TWO, 0, &r));
    CHECK(!snap_r_fail(&r, "value out of range"));
    CHECK(!strcmp(r.bad, "value out of range"));
    snap_r_u32(&r);
    CHECK(!snap_r_done(&r));

    char name[5];
    CHECK(!strcmp(snap_tag_name(TAG_TEST, name), "TEST"));
    CHECK(!strcmp(snap_tag_name(0x0001ff41u, name), "A???"));

    /* a writer with no open section ignores snap_w_end; freeing resets it */
    snap_w_end(&w);
    snap_w_free(&w);
    CHECK(w.buf == NULL && w.len == 0 && !w.failed);
    snap_w_free(&w);
}

static void check_refused(const uint8_t *blob, size_t len, const char *what)
{
    const char *why = snap_sections_check(blob, len);
    CHECK(why != NULL && why[0]);
    if (!why)
        fprintf(stderr, "  (sections with %s were accepted)\n", what);
}

static void test_sections_corrupt(void)
{
    struct snap_writer w;
    build_blob(&w);
    struct snap_section_header h;
    memcpy(&h, w.buf, HDR);
    size_t first = HDR + (size_t)(h.length + 7) / 8 * 8; /* offset of the second section */
    uint8_t *c = malloc(w.len + 64);

    /* truncated: inside the first header, inside the second header, inside a payload, and
     * in the padding */
    check_refused(w.buf, 10, "a cut first header");
    check_refused(w.buf, first + 8, "a cut second header");
    check_refused(w.buf, HDR + 3, "a cut payload");
    check_refused(w.buf, HDR + (size_t)h.length, "cut padding");
    check_refused(w.buf, w.len - 1, "a cut last header");

    /* a length that runs past the end, by a little and by a lot */
    uint64_t lengths[] = {h.length + 8, w.len, UINT64_MAX, UINT64_MAX - 7, 1ull << 63};
    for (size_t i = 0; i < ARRAY_SIZE(lengths); i++) {
        memcpy(c, w.buf, w.len);
        struct snap_section_header x = h;
        x.length = lengths[i];
        memcpy(c, &x, HDR);
        check_refused(c, w.len, "a length past the end");
    }
    /* the last section's length past the end */
    memcpy(c, w.buf, w.len);
    struct snap_section_header last;
    memcpy(&last, c + w.len - HDR, HDR);
    last.length = 1;
    memcpy(c + w.len - HDR, &last, HDR);
    check_refused(c, w.len, "the last section's length past the end");

    /* every bit of the blob is covered: headers (tag, version, instance, length, checksum),
     * payloads and padding, in every section */
    unsigned refused = 0, total = 0;
    for (size_t bit = 0; bit < w.len * 8; bit++) {
        memcpy(c, w.buf, w.len);
        c[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        total++;
        bool r = snap_sections_check(c, w.len) != NULL;
        refused += r;
        if (!r && total - refused <= 5)
            fprintf(stderr, "  sections with bit %zu flipped were accepted\n", bit);
    }
    CHECK_EQ(refused, total);
    memcpy(c, w.buf, w.len);
    c[HDR + 2] ^= 0x10;
    const char *why = snap_sections_check(c, w.len);
    CHECK(why && strstr(why, "checksum"));
    /* another instance or version is not the section that was checksummed */
    memcpy(c, w.buf, w.len);
    c[6] ^= 1;
    why = snap_sections_check(c, w.len);
    CHECK(why && strstr(why, "checksum"));

    /* a non-zero padding byte: "payload, then zero padding" */
    memcpy(c, w.buf, w.len);
    c[HDR + h.length] = 1;
    check_refused(c, w.len, "a non-zero padding byte");

    /* bytes after the last section that are not a whole section */
    memcpy(c, w.buf, w.len);
    memset(c + w.len, 0, 8);
    check_refused(c, w.len + 8, "8 trailing bytes");

    free(c);
    snap_w_free(&w);
}

/* ------------------------------------------------------------------------------------------
 * the hart's section */

static struct bus hart_bus;

static void hart_setup(struct rv_hart *h, unsigned id)
{
    rv_hart_init(h, &hart_bus, NULL, id);
    CHECK(h->c.blocks != NULL);
}

/* A value for element k of field i that no other element has, fitted to the field's size. */
static uint64_t distinct(size_t i, unsigned k, unsigned size)
{
    uint64_t v = 0x9e3779b97f4a7c15ull * (i * 64 + k + 1);
    v ^= v >> 29;
    if (size < 8)
        v &= (1ull << (8 * size)) - 1;
    return v ? v : 1;
}

/* Every field of the table gets a distinctive value, then the few with a constrained range
 * get a distinctive value inside it. */
static void fill_arch(struct rv_arch *s, uint64_t hartid, uint64_t misa)
{
    size_t n;
    const struct snap_field *f = rv_hart_fields(&n);
    for (size_t i = 0; i < n; i++)
        for (unsigned k = 0; k < f[i].count; k++)
            store_le((uint8_t *)s + f[i].offset + (size_t)k * f[i].size, distinct(i, k, f[i].size),
                     f[i].size);
    s->x[0] = 0;
    s->pc = 0x80201234ull;
    s->priv = PRV_S;
    s->wfi = 1;
    s->stopped = 0;
    s->reserved_valid = 1;
    s->fflags = 0x15;
    s->frm = 3;
    s->mhartid = hartid;
    s->misa = misa;
    s->mstatus = (s->mstatus & ~MSTATUS_MPP) | (1ull << MSTATUS_MPP_SHIFT);
    s->satp = (9ull << 60) | (0x1234ull << 44) | 0x80123ull; /* Sv48, ASID, root page */
    s->sbi_timecmp = 0x0badc0ffee0ddf00ull;
}

/* Save `src`'s state as a bare payload (no section header) into `w`. */
static void save_payload(const struct rv_hart *src, struct snap_writer *w)
{
    snap_w_init(w);
    rv_hart_save(src, w);
}

static struct snap_reader payload_reader(const struct snap_writer *w, size_t len)
{
    return (struct snap_reader){w->buf, len, 0, HART_SNAP_TAG, HART_SNAP_VERSION, 0, NULL};
}

static void test_hart_fields_cover_arch(void)
{
    /* the table lists every byte of struct rv_arch but the alignment padding */
    size_t n;
    const struct snap_field *f = rv_hart_fields(&n);
    uint8_t covered[sizeof(struct rv_arch)] = {0};
    bool overlap = false, outside = false;
    for (size_t i = 0; i < n; i++)
        for (size_t b = 0; b < (size_t)f[i].size * f[i].count; b++) {
            size_t at = f[i].offset + b;
            if (at >= sizeof(covered)) {
                outside = true;
                continue;
            }
            overlap |= covered[at];
            covered[at] = 1;
        }
    CHECK(!overlap);
    CHECK(!outside);
    size_t pad_lo = offsetof(struct rv_arch, reserved_valid) + 1;
    size_t pad_hi = offsetof(struct rv_arch, reserved_addr);
    size_t missing = 0;
    for (size_t at = 0; at < sizeof(covered); at++)
        if (!covered[at] && !(at >= pad_lo && at < pad_hi)) {
            missing++;
            fprintf(stderr, "  struct rv_arch byte %zu is not in the hart's section\n", at);
        }
    CHECK_EQ(missing, 0);
    CHECK_EQ(fields_bytes(f, n), sizeof(struct rv_arch) - (pad_hi - pad_lo));
}

static void test_hart_round_trip(void)
{
    struct rv_hart *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
    hart_setup(a, 1);
    hart_setup(b, 1);
    fill_arch(&a->s, 1, a->s.misa);
    CHECK(memcmp(&a->s, &b->s, sizeof(a->s)) != 0);

    struct snap_writer w;
    save_payload(a, &w);
    CHECK(!w.failed);
    size_t n;
    const struct snap_field *f = rv_hart_fields(&n);
    CHECK_EQ(w.len, fields_bytes(f, n));
    /* the payload is the fields in declaration order: x0..x31 first, then f0.. */
    CHECK_EQ(load_le(w.buf + 8 * 5, 8), a->s.x[5]);
    CHECK_EQ(load_le(w.buf + 8 * 32, 8), a->s.f[0]);

    b->trapped = true;
    b->trap_loop = 9;
    struct snap_reader r = payload_reader(&w, w.len);
    CHECK(rv_hart_load(b, &r));
    CHECK(r.bad == NULL);
    CHECK(!memcmp(&a->s, &b->s, sizeof(a->s)));
    CHECK(!b->trapped);
    CHECK_EQ(b->trap_loop, 0);
    /* field by field as well, so a mismatch names the field */
    for (size_t i = 0; i < n; i++) {
        size_t bytes = (size_t)f[i].size * f[i].count;
        bool same = !memcmp((uint8_t *)&a->s + f[i].offset, (uint8_t *)&b->s + f[i].offset, bytes);
        CHECK(same);
        if (!same)
            fprintf(stderr, "  hart field %s differs after the round trip\n", f[i].name);
    }

    /* saving the loaded hart gives the same bytes */
    struct snap_writer w2;
    save_payload(b, &w2);
    CHECK_EQ(w2.len, w.len);
    CHECK(!memcmp(w2.buf, w.buf, w.len));
    snap_w_free(&w2);
    snap_w_free(&w);

    /* Sv39 and bare satp, U and M privilege are loadable too */
    const struct {
        uint64_t satp;
        uint8_t priv;
    } ok[] = {{8ull << 60, PRV_U}, {0, PRV_M}, {(9ull << 60) | 5, PRV_M}};
    for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
        a->s.satp = ok[i].satp;
        a->s.priv = ok[i].priv;
        save_payload(a, &w);
        r = payload_reader(&w, w.len);
        CHECK(rv_hart_load(b, &r));
        CHECK(!memcmp(&a->s, &b->s, sizeof(a->s)));
        snap_w_free(&w);
    }
    rv_hart_free(a);
    rv_hart_free(b);
    free(a);
    free(b);
}

enum refusal {
    R_PRIV2, R_PRIV7, R_SATP5, R_SATP15, R_MPP2, R_PC_ODD, R_HARTID, R_MISA, R_FFLAGS, R_FRM,
    R_WFI, R_STOPPED, R_RESERVED, R_TRUNCATED, R_EMPTY, R_EXTRA, R_COUNT
};

static void test_hart_refusals(void)
{
    static const char *const names[R_COUNT] = {
        "priv=2", "priv=7", "satp mode 5", "satp mode 15", "mstatus.MPP=2", "odd pc",
        "wrong mhartid", "different misa", "fflags>31", "frm>7", "wfi=2", "stopped=3",
        "reserved_valid=2", "truncated payload", "empty payload", "extra byte"};
    struct rv_hart *src = calloc(1, sizeof(*src)), *dst = calloc(1, sizeof(*dst));
    hart_setup(src, 1);
    hart_setup(dst, 1);
    /* dst holds a state of its own that a refused load must leave alone */
    fill_arch(&dst->s, 1, dst->s.misa);
    dst->s.x[7] = 0x7777;
    dst->s.pc = 0x80000040;
    struct rv_arch before = dst->s;

    for (int c = 0; c < R_COUNT; c++) {
        fill_arch(&src->s, 1, src->s.misa);
        switch (c) {
        case R_PRIV2: src->s.priv = 2; break;
        case R_PRIV7: src->s.priv = 7; break;
        case R_SATP5: src->s.satp = 5ull << 60; break;
        case R_SATP15: src->s.satp = 15ull << 60; break;
        case R_MPP2: src->s.mstatus = (src->s.mstatus & ~MSTATUS_MPP) | 2ull << MSTATUS_MPP_SHIFT; break;
        case R_PC_ODD: src->s.pc |= 1; break;
        case R_HARTID: src->s.mhartid = 0; break;
        case R_MISA: src->s.misa ^= 1ull << 2; break; /* C */
        case R_FFLAGS: src->s.fflags = 32; break;
        case R_FRM: src->s.frm = 8; break;
        case R_WFI: src->s.wfi = 2; break;
        case R_STOPPED: src->s.stopped = 3; break;
        case R_RESERVED: src->s.reserved_valid = 2; break;
        default: break;
        }
        struct snap_writer w;
        save_payload(src, &w);
        size_t len = w.len;
        if (c == R_TRUNCATED)
            len--;
        if (c == R_EMPTY)
            len = 0;
        if (c == R_EXTRA) {
            snap_w_u8(&w, 0);
            len = w.len;
        }
        struct snap_reader r = payload_reader(&w, len);
        bool loaded = rv_hart_load(dst, &r);
        CHECK(!loaded);
        CHECK(r.bad != NULL && r.bad[0]);
        bool unchanged = !memcmp(&dst->s, &before, sizeof(before));
        CHECK(unchanged);
        if (loaded || !r.bad || !unchanged)
            fprintf(stderr, "  hart section with %s: loaded=%d reason=%s unchanged=%d\n",
                    names[c], loaded, r.bad ? r.bad : "(none)", unchanged);
        snap_w_free(&w);
    }
    rv_hart_free(src);
    rv_hart_free(dst);
    free(src);
    free(dst);
}

/* ------------------------------------------------------------------------------------------
 * snapshot files */

#define TPAGES 64
#define TRAM (TPAGES * SNAP_PAGE)

struct image {
    uint8_t *ram; /* TRAM bytes */
};

static const uint8_t *image_page(void *ctx, uint64_t pg)
{
    return ((struct image *)ctx)->ram + pg * SNAP_PAGE;
}

/* Page pg of an image filled by `fill_page`: all bytes derived from (seed, pg). */
static void fill_page(uint8_t *p, unsigned seed, uint64_t pg)
{
    for (unsigned i = 0; i < SNAP_PAGE; i++)
        p[i] = (uint8_t)(seed * 31 + pg * 7 + i * 13 + (i >> 8));
    p[0] = (uint8_t)seed; /* never a zero page */
    p[1] = (uint8_t)(pg + 1);
}

static struct snapfile_header make_header(enum snap_kind kind, uint8_t id, uint8_t parent,
                                          const char *name, const char *parent_name)
{
    struct snapfile_header h;
    memset(&h, 0, sizeof(h));
    h.kind = kind;
    memset(h.id, id, sizeof(h.id));
    h.id[15] = 0xa5; /* never all zero */
    if (parent) {
        memset(h.parent_id, parent, sizeof(h.parent_id));
        h.parent_id[15] = 0xa5;
    }
    h.created_ns = 1700000000123456789ull;
    h.ram_base = VIRT_DRAM_BASE;
    h.ram_size = TRAM;
    snprintf(h.name, sizeof(h.name), "%s", name);
    snprintf(h.parent_name, sizeof(h.parent_name), "%s", parent_name);
    snprintf(h.domain, sizeof(h.domain), "testdom");
    return h;
}

static int write_file(const char *path, struct snapfile_header *h, const struct snap_writer *sec,
                      struct image *img, const uint64_t *pages, uint64_t n, char *err,
                      size_t errlen)
{
    struct snap_page_source src = {image_page, img};
    return snapfile_write(path, h, sec->buf, sec->len, src, pages, n, err, errlen);
}

static void path_in(char *out, size_t len, const char *sub, const char *name)
{
    snprintf(out, len, "%s/%s%s%s", tmpdir, sub, sub[0] ? "/" : "", name);
}

/* Entries of `dir` whose name contains ".tmp." (left-over temporary files). */
static unsigned temp_files_in(const char *dir)
{
    unsigned n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".tmp."))
            n++;
    closedir(d);
    return n;
}

/* Write `len` bytes to `path` keeping zero blocks as holes, as the writer does. */
static void put_sparse(const char *path, const uint8_t *buf, size_t len)
{
    unlink(path); /* a new file each time: rewriting a truncated one makes ext4 flush it */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    CHECK_EQ(ftruncate(fd, (off_t)len), 0);
    for (size_t off = 0; off < len; off += SNAP_PAGE) {
        size_t n = len - off < SNAP_PAGE ? len - off : SNAP_PAGE;
        bool zero = true;
        for (size_t i = 0; i < n && zero; i++)
            zero = buf[off + i] == 0;
        if (!zero && pwrite(fd, buf + off, n, (off_t)off) != (ssize_t)n)
            CHECK(0);
    }
    close(fd);
}

static unsigned accepted_reports; /* how many acceptances were described on stderr */

/* Open must refuse the file, with a reason, without crashing. */
static bool refuses(const char *path, const char *what, size_t at)
{
    char err[PATH_MAX + 256];
    err[0] = 0;
    struct snapfile *f = snapfile_open(path, false, err, sizeof(err));
    if (f) {
        snapfile_close(f);
        if (accepted_reports++ < 20)
            fprintf(stderr, "  snapshot file with %s (at byte %zu) was accepted\n", what, at);
        return false;
    }
    if (!err[0]) {
        fprintf(stderr, "  snapshot file with %s (at byte %zu) was refused without a reason\n",
                what, at);
        return false;
    }
    return true;
}

static uint8_t *slurp(const char *path, size_t *len)
{
    uint8_t *p = read_file(path, len);
    CHECK(p != NULL);
    return p;
}

static void test_snapfile_write_open(void)
{
    char dir[PATH_MAX], full[PATH_MAX], delta[PATH_MAX], err[PATH_MAX + 256];
    path_in(dir, sizeof(dir), "files", "");
    dir[strlen(dir) - 1] = 0;
    CHECK_EQ(mkdir(dir, 0700), 0);
    path_in(full, sizeof(full), "files", "full.snap");
    path_in(delta, sizeof(delta), "files", "delta.snap");

    struct image img = {calloc(1, TRAM)};
    static const uint64_t nonzero[] = {0, 1, 2, 10, 33, 63};
    for (size_t i = 0; i < ARRAY_SIZE(nonzero); i++)
        fill_page(img.ram + nonzero[i] * SNAP_PAGE, 1, nonzero[i]);
    struct snap_writer sec;
    build_blob(&sec);

    /* full */
    struct snapfile_header h = make_header(SNAP_FULL, 0x11, 0, "root", "");
    CHECK_EQ(write_file(full, &h, &sec, &img, nonzero, ARRAY_SIZE(nonzero), err, sizeof(err)), 0);
    CHECK_EQ(temp_files_in(dir), 0);
    struct stat st;
    CHECK_EQ(stat(full, &st), 0);
    CHECK_EQ((uint64_t)st.st_size, h.file_size);
    CHECK((st.st_mode & 0777) == 0600);
    /* sparse: the zero pages of the image were not written (blocks well below the size) */
    CHECK((uint64_t)st.st_blocks * 512 < h.file_size / 2);

    err[0] = 0;
    struct snapfile *f = snapfile_open(full, false, err, sizeof(err));
    CHECK(f != NULL);
    if (!f)
        fprintf(stderr, "  %s\n", err);
    if (f) {
        CHECK(!memcmp(f->h.magic, SNAPFILE_MAGIC, 8));
        CHECK_EQ(f->h.version, SNAPFILE_VERSION);
        CHECK_EQ(f->h.kind, SNAP_FULL);
        CHECK_EQ(f->h.id[0], 0x11);
        CHECK_EQ(f->h.id[15], 0xa5);
        CHECK_EQ(f->h.parent_id[0] | f->h.parent_id[15], 0);
        CHECK_EQ(f->h.created_ns, 1700000000123456789ull);
        CHECK_EQ(f->h.ram_base, VIRT_DRAM_BASE);
        CHECK_EQ(f->h.ram_size, TRAM);
        CHECK_EQ(f->h.sections_off, SNAP_PAGE);
        CHECK_EQ(f->h.sections_len, sec.len);
        CHECK_EQ(f->h.index_off % 8, 0);
        CHECK(f->h.index_off >= f->h.sections_off + f->h.sections_len);
        CHECK_EQ(f->h.n_pages, ARRAY_SIZE(nonzero));
        CHECK_EQ(f->h.data_off % SNAP_PAGE, 0);
        CHECK_EQ(f->h.file_size, f->h.data_off + TRAM);
        CHECK(!strcmp(f->h.name, "root"));
        CHECK(!strcmp(f->h.domain, "testdom"));
        CHECK(!memcmp(f->sections, sec.buf, sec.len));
        CHECK(snap_sections_check(f->sections, f->h.sections_len) == NULL);
        /* the writer's copy of the header got the layout fields too */
        CHECK_EQ(h.data_off, f->h.data_off);
        CHECK_EQ(h.header_checksum, f->h.header_checksum);
        unsigned right = 0, zero_absent = 0;
        for (uint64_t pg = 0; pg < TPAGES; pg++) {
            const uint8_t *p = snapfile_page(f, pg);
            bool listed = false;
            for (size_t i = 0; i < ARRAY_SIZE(nonzero); i++)
                listed |= nonzero[i] == pg;
            if (listed)
                right += p && !memcmp(p, img.ram + pg * SNAP_PAGE, SNAP_PAGE);
            else
                zero_absent += p == NULL;
            /* unlisted pages of a full image read as zero in the file itself */
            const uint8_t *at = f->map + f->h.data_off + pg * SNAP_PAGE;
            CHECK(!memcmp(at, img.ram + pg * SNAP_PAGE, SNAP_PAGE));
        }
        CHECK_EQ(right, ARRAY_SIZE(nonzero));
        CHECK_EQ(zero_absent, TPAGES - ARRAY_SIZE(nonzero));
        CHECK(snapfile_page(f, TPAGES) == NULL);
        CHECK(snapfile_page(f, UINT64_MAX) == NULL);
        snapfile_close(f);
    }
    /* header only */
    struct snapfile_header hh;
    CHECK_EQ(snapfile_read_header(full, &hh, err, sizeof(err)), 0);
    CHECK_EQ(hh.n_pages, ARRAY_SIZE(nonzero));
    /* trusted open skips the page checks but gives the same view */
    f = snapfile_open(full, true, err, sizeof(err));
    CHECK(f != NULL);
    if (f) {
        const uint8_t *p33 = snapfile_page(f, 33);
        CHECK(p33 && !memcmp(p33, img.ram + 33 * SNAP_PAGE, SNAP_PAGE));
        snapfile_close(f);
    }

    /* delta: pages stored packed, even a zero one (a page written back to zero) */
    static const uint64_t dpages[] = {5, 10, 40, 41};
    uint8_t *saved = malloc(TRAM);
    memcpy(saved, img.ram, TRAM);
    fill_page(img.ram + 10 * SNAP_PAGE, 2, 10);
    fill_page(img.ram + 40 * SNAP_PAGE, 2, 40);
    fill_page(img.ram + 41 * SNAP_PAGE, 2, 41);
    memset(img.ram + 5 * SNAP_PAGE, 0, SNAP_PAGE);
    struct snapfile_header d = make_header(SNAP_DELTA, 0x22, 0x11, "child", "root");
    CHECK_EQ(write_file(delta, &d, &sec, &img, dpages, ARRAY_SIZE(dpages), err, sizeof(err)), 0);
    CHECK_EQ(temp_files_in(dir), 0);
    f = snapfile_open(delta, false, err, sizeof(err));
    CHECK(f != NULL);
    if (!f)
        fprintf(stderr, "  %s\n", err);
    if (f) {
        CHECK_EQ(f->h.kind, SNAP_DELTA);
        CHECK_EQ(f->h.parent_id[0], 0x11);
        CHECK(!strcmp(f->h.parent_name, "root"));
        CHECK_EQ(f->h.n_pages, ARRAY_SIZE(dpages));
        CHECK_EQ(f->h.file_size, f->h.data_off + ARRAY_SIZE(dpages) * SNAP_PAGE);
        for (size_t i = 0; i < ARRAY_SIZE(dpages); i++) {
            const uint8_t *p = snapfile_page(f, dpages[i]);
            CHECK(p && !memcmp(p, img.ram + dpages[i] * SNAP_PAGE, SNAP_PAGE));
            CHECK(p == f->map + f->h.data_off + i * SNAP_PAGE); /* packed in index order */
        }
        CHECK(snapfile_page(f, 0) == NULL);
        CHECK(snapfile_page(f, 11) == NULL);
        CHECK(snapfile_page(f, 63) == NULL);
        snapfile_close(f);
    }
    memcpy(img.ram, saved, TRAM);
    free(saved);

    /* an empty delta: no pages at all */
    char empty[PATH_MAX];
    path_in(empty, sizeof(empty), "files", "empty.snap");
    struct snapfile_header e = make_header(SNAP_DELTA, 0x33, 0x11, "empty", "root");
    CHECK_EQ(write_file(empty, &e, &sec, &img, NULL, 0, err, sizeof(err)), 0);
    f = snapfile_open(empty, false, err, sizeof(err));
    CHECK(f != NULL);
    if (f) {
        CHECK_EQ(f->h.n_pages, 0);
        CHECK(snapfile_page(f, 0) == NULL);
        snapfile_close(f);
    }
    /* an existing file is replaced whole */
    h = make_header(SNAP_FULL, 0x44, 0, "root2", "");
    CHECK_EQ(write_file(full, &h, &sec, &img, nonzero, 3, err, sizeof(err)), 0);
    f = snapfile_open(full, false, err, sizeof(err));
    CHECK(f && f->h.id[0] == 0x44 && f->h.n_pages == 3);
    if (f) {
        /* pages 10, 33, 63 are in the image file as holes now: no longer stored */
        CHECK(snapfile_page(f, 33) == NULL);
        CHECK(f->map[f->h.data_off + 33 * SNAP_PAGE + 5] == 0);
    }
    snapfile_close(f);
    h = make_header(SNAP_FULL, 0x11, 0, "root", "");
    CHECK_EQ(write_file(full, &h, &sec, &img, nonzero, ARRAY_SIZE(nonzero), err, sizeof(err)), 0);
    CHECK_EQ(temp_files_in(dir), 0);

    /* a directory that does not exist: fails with the reason, leaves nothing */
    char nowhere[PATH_MAX];
    path_in(nowhere, sizeof(nowhere), "files/missing", "x.snap");
    err[0] = 0;
    h = make_header(SNAP_FULL, 0x55, 0, "x", "");
    CHECK_EQ(write_file(nowhere, &h, &sec, &img, nonzero, 1, err, sizeof(err)), -1);
    CHECK(err[0] && strstr(err, "missing"));
    CHECK_EQ(access(nowhere, F_OK), -1);
    CHECK_EQ(temp_files_in(dir), 0);

    /* a write that fails halfway (file size limit, as a full disk would): the temporary file
     * is removed and the target is not created */
    char limited[PATH_MAX];
    path_in(limited, sizeof(limited), "files", "limited.snap");
    struct rlimit old;
    CHECK_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = {2 * SNAP_PAGE, old.rlim_max};
    CHECK_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
    err[0] = 0;
    h = make_header(SNAP_FULL, 0x66, 0, "limited", "");
    int r = write_file(limited, &h, &sec, &img, nonzero, ARRAY_SIZE(nonzero), err, sizeof(err));
    CHECK_EQ(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, prev);
    CHECK_EQ(r, -1);
    CHECK(err[0] != 0);
    CHECK_EQ(access(limited, F_OK), -1);
    CHECK_EQ(temp_files_in(dir), 0);

    /* a path too long for the temporary name */
    char longpath[PATH_MAX + 16];
    memset(longpath, 'a', sizeof(longpath) - 1);
    longpath[0] = '/';
    longpath[sizeof(longpath) - 1] = 0;
    err[0] = 0;
    CHECK_EQ(write_file(longpath, &h, &sec, &img, nonzero, 1, err, sizeof(err)), -1);
    CHECK(err[0] != 0);

    /* opening what is not there, or not a snapshot */
    err[0] = 0;
    CHECK(snapfile_open(nowhere, false, err, sizeof(err)) == NULL);
    CHECK(err[0] != 0);
    err[0] = 0;
    CHECK(snapfile_open(dir, false, err, sizeof(err)) == NULL);
    CHECK(err[0] != 0);

    snap_w_free(&sec);
    free(img.ram);
}

/* One corrupted copy of `orig` at `bad`, which open must refuse. */
static bool try_bad(const char *bad, const uint8_t *buf, size_t len, const char *what, size_t at)
{
    put_sparse(bad, buf, len);
    return refuses(bad, what, at);
}

/* Every 97th bit of the file, then the bits of each region the layout has. */
static void corruption_matrix(const char *path, const char *label)
{
    char bad[PATH_MAX];
    path_in(bad, sizeof(bad), "files", "bad.snap");
    size_t len;
    uint8_t *orig = slurp(path, &len);
    if (!orig)
        return;
    struct snapfile_header h;
    memcpy(&h, orig, sizeof(h));
    uint8_t *c = malloc(len + SNAP_PAGE);

    unsigned total = 0, refused = 0;
    for (size_t bit = 0; bit < len * 8; bit += 97) {
        memcpy(c, orig, len);
        c[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        total++;
        refused += try_bad(bad, c, len, "a flipped bit", bit / 8);
    }
    printf("  %s: %u of %u bit flips (every 97th bit) refused\n", label, refused, total);
    CHECK_EQ(refused, total);

    /* the named places: every bit of the header, bits of each other region */
    size_t index_end = h.index_off + h.n_pages * sizeof(struct snap_page_entry);
    struct {
        const char *what;
        size_t from, to, step; /* bit range [from, to) */
    } regions[] = {
        {"a flipped header bit", 0, sizeof(h) * 8, 1},
        {"a flipped bit in page 0's padding", sizeof(h) * 8, SNAP_PAGE * 8, 61},
        {"a flipped bit in the sections", h.sections_off * 8,
         (h.sections_off + h.sections_len) * 8, 1},
        {"a flipped index bit", h.index_off * 8, index_end * 8, 1},
        {"a flipped bit between the index and the data", index_end * 8, h.data_off * 8, 53},
        {"a flipped bit in the first stored page", h.data_off * 8, (h.data_off + SNAP_PAGE) * 8,
         41},
    };
    for (size_t i = 0; i < ARRAY_SIZE(regions); i++) {
        unsigned t = 0, ok = 0;
        for (size_t bit = regions[i].from; bit < regions[i].to; bit += regions[i].step) {
            memcpy(c, orig, len);
            c[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            t++;
            ok += try_bad(bad, c, len, regions[i].what, bit / 8);
        }
        CHECK(t > 0);
        CHECK_EQ(ok, t);
    }

    /* a hole of a full image (page 20 is not stored): any non-zero byte there is refused */
    if (h.kind == SNAP_FULL) {
        size_t holes[] = {h.data_off + 20 * SNAP_PAGE, h.data_off + 20 * SNAP_PAGE + 4095,
                          h.data_off + 3 * SNAP_PAGE + 100, len - 1};
        for (size_t i = 0; i < ARRAY_SIZE(holes); i++) {
            memcpy(c, orig, len);
            c[holes[i]] = 0x40;
            CHECK(try_bad(bad, c, len, "a non-zero byte in a hole", holes[i]));
        }
    }

    /* truncated, extended, another version, another kind, bad magic */
    CHECK(try_bad(bad, orig, len - 1, "the last byte cut", len - 1));
    CHECK(try_bad(bad, orig, len / 2, "half cut", len / 2));
    CHECK(try_bad(bad, orig, sizeof(h) - 1, "only part of the header", 0));
    CHECK(try_bad(bad, orig, 0, "nothing", 0));
    memcpy(c, orig, len);
    c[len] = 0;
    CHECK(try_bad(bad, c, len + 1, "a zero byte appended", len));
    c[len] = 0x7f;
    CHECK(try_bad(bad, c, len + 1, "a byte appended", len));
    memset(c + len, 0, SNAP_PAGE);
    CHECK(try_bad(bad, c, len + SNAP_PAGE, "a zero page appended", len));

    char err[PATH_MAX + 256];
    for (int fix = 0; fix < 2; fix++) {
        /* version 2, with the header checksum left alone and then made right */
        struct snapfile_header x = h;
        x.version = SNAPFILE_VERSION + 1;
        if (fix)
            x.header_checksum = XXH3_64bits(&x, offsetof(struct snapfile_header, header_checksum));
        memcpy(c, orig, len);
        memcpy(c, &x, sizeof(x));
        put_sparse(bad, c, len);
        err[0] = 0;
        CHECK(snapfile_open(bad, false, err, sizeof(err)) == NULL);
        CHECK(strstr(err, "version") != NULL);
    }
    /* fields the header checksum covers but that are wrong anyway: a reader must not trust
     * the checksum alone (the file could be made to match) */
    const char *field_names[] = {"kind 3", "ram_size 0", "ram_size not a page multiple",
                                 "huge ram_size", "n_pages past ram", "sections_off 0",
                                 "index_off off by 8", "data_off off by a page",
                                 "file_size different", "unterminated name",
                                 "huge sections_len", "n_pages + 1"};
    for (size_t k = 0; k < ARRAY_SIZE(field_names); k++) {
        struct snapfile_header x = h;
        switch (k) {
        case 0: x.kind = 3; break;
        case 1: x.ram_size = 0; break;
        case 2: x.ram_size += 1; break;
        case 3: x.ram_size = 1ull << 41; break;
        case 4: x.n_pages = TPAGES + 1; break;
        case 5: x.sections_off = 0; break;
        case 6: x.index_off += 8; break;
        case 7: x.data_off += SNAP_PAGE; break;
        case 8: x.file_size += SNAP_PAGE; break;
        case 9: memset(x.name, 'n', sizeof(x.name)); break;
        case 10: x.sections_len = UINT64_MAX - 100; break;
        case 11: x.n_pages += 1; break;
        }
        x.header_checksum = XXH3_64bits(&x, offsetof(struct snapfile_header, header_checksum));
        memcpy(c, orig, len);
        memcpy(c, &x, sizeof(x));
        CHECK(try_bad(bad, c, len, field_names[k], 0));
    }
    /* an index out of order, or past RAM, with every checksum made right */
    if (h.n_pages >= 2) {
        for (int k = 0; k < 3; k++) {
            memcpy(c, orig, len);
            struct snap_page_entry *ix = (struct snap_page_entry *)(void *)(c + h.index_off);
            if (k == 0) { /* swapped */
                struct snap_page_entry t = ix[0];
                ix[0] = ix[1];
                ix[1] = t;
            } else if (k == 1) { /* repeated */
                ix[1] = ix[0];
            } else { /* past the end of RAM */
                ix[h.n_pages - 1].page = TPAGES;
            }
            struct snapfile_header x = h;
            x.index_checksum = XXH3_64bits(ix, h.n_pages * sizeof(*ix));
            x.header_checksum = XXH3_64bits(&x, offsetof(struct snapfile_header, header_checksum));
            memcpy(c, &x, sizeof(x));
            CHECK(try_bad(bad, c, len, "a bad index with good checksums", h.index_off));
        }
    }
    unlink(bad);
    free(c);
    free(orig);
}

static void test_snapfile_corruption(void)
{
    char full[PATH_MAX], delta[PATH_MAX];
    path_in(full, sizeof(full), "files", "full.snap");
    path_in(delta, sizeof(delta), "files", "delta.snap");
    corruption_matrix(full, "full image");
    corruption_matrix(delta, "delta");
    /* the originals still open: nothing above touched them */
    char err[PATH_MAX + 256];
    struct snapfile *f = snapfile_open(full, false, err, sizeof(err));
    CHECK(f != NULL);
    snapfile_close(f);
    f = snapfile_open(delta, false, err, sizeof(err));
    CHECK(f != NULL);
    snapfile_close(f);
}

/* ------------------------------------------------------------------------------------------
 * the tree */

static struct snap_node *node_named(struct snap_tree *t, const char *name)
{
    struct snap_node *n = snap_tree_find(t, name);
    CHECK(n != NULL);
    return n;
}

static bool page_is(const uint8_t *p, unsigned seed, uint64_t pg)
{
    uint8_t want[SNAP_PAGE];
    fill_page(want, seed, pg);
    return !memcmp(p, want, SNAP_PAGE);
}

static bool page_zero(const uint8_t *p)
{
    for (unsigned i = 0; i < SNAP_PAGE; i++)
        if (p[i])
            return false;
    return true;
}

/* A snapshot in `sub` whose stored pages are filled with `seed`. */
static void tree_file(const char *sub, const char *file, enum snap_kind kind, uint8_t id,
                      uint8_t parent, const char *name, const char *parent_name, unsigned seed,
                      const uint64_t *pages, size_t n)
{
    char path[PATH_MAX], err[PATH_MAX + 256];
    path_in(path, sizeof(path), sub, file);
    struct image img = {calloc(1, TRAM)};
    for (size_t i = 0; i < n; i++)
        fill_page(img.ram + pages[i] * SNAP_PAGE, seed, pages[i]);
    struct snap_writer sec;
    build_blob(&sec);
    struct snapfile_header h = make_header(kind, id, parent, name, parent_name);
    int r = write_file(path, &h, &sec, &img, pages, n, err, sizeof(err));
    CHECK_EQ(r, 0);
    if (r)
        fprintf(stderr, "  %s\n", err);
    snap_w_free(&sec);
    free(img.ram);
}

static void test_tree_chain(void)
{
    char dir[PATH_MAX], err[PATH_MAX + 256];
    path_in(dir, sizeof(dir), "tree", "");
    dir[strlen(dir) - 1] = 0;
    CHECK_EQ(mkdir(dir, 0700), 0);
    /* root (full) -> a -> c, and root -> b */
    static const uint64_t root_pages[] = {0, 1, 10, 20};
    static const uint64_t a_pages[] = {1, 20, 21};
    static const uint64_t b_pages[] = {0, 30};
    static const uint64_t c_pages[] = {10, 21, 40};
    tree_file("tree", "root.snap", SNAP_FULL, 0x10, 0, "root", "", 1, root_pages, 4);
    tree_file("tree", "a.snap", SNAP_DELTA, 0x20, 0x10, "a", "root", 2, a_pages, 3);
    tree_file("tree", "b.snap", SNAP_DELTA, 0x30, 0x10, "b", "root", 3, b_pages, 2);
    tree_file("tree", "c.snap", SNAP_DELTA, 0x40, 0x20, "c", "a", 4, c_pages, 3);
    /* not snapshots: skipped (a hidden temporary file, another extension, a damaged file) */
    char junk[PATH_MAX];
    path_in(junk, sizeof(junk), "tree", ".c.snap.tmp.1");
    put_sparse(junk, (const uint8_t *)"x", 1);
    path_in(junk, sizeof(junk), "tree", "notes.txt");
    put_sparse(junk, (const uint8_t *)"x", 1);
    path_in(junk, sizeof(junk), "tree", "damaged.snap");
    put_sparse(junk, (const uint8_t *)"ARBORSNP", 8);

    struct snap_tree t;
    CHECK_EQ(snap_tree_load(&t, dir, err, sizeof(err)), 0);
    CHECK_EQ(t.n, 4);
    struct snap_node *root = node_named(&t, "root"), *a = node_named(&t, "a"),
                     *b = node_named(&t, "b"), *c = node_named(&t, "c");
    if (!root || !a || !b || !c) {
        snap_tree_free(&t);
        return;
    }
    CHECK(root->parent == NULL);
    CHECK(a->parent == root);
    CHECK(b->parent == root);
    CHECK(c->parent == a);
    CHECK(root->own && c->own);
    CHECK(snap_tree_find(&t, "nope") == NULL);
    CHECK(c->file == NULL); /* nothing opened until used */

    CHECK_EQ(snap_node_open(c, err, sizeof(err)), 0);
    CHECK(c->file && a->file && root->file);
    CHECK(b->file == NULL);
    /* c's memory: its own pages over a's over root's */
    CHECK(page_is(snap_node_page(c, 0), 1, 0));   /* root */
    CHECK(page_is(snap_node_page(c, 1), 2, 1));   /* a over root */
    CHECK(page_is(snap_node_page(c, 10), 4, 10)); /* c over root */
    CHECK(page_is(snap_node_page(c, 20), 2, 20)); /* a over root */
    CHECK(page_is(snap_node_page(c, 21), 4, 21)); /* c over a */
    CHECK(page_is(snap_node_page(c, 40), 4, 40)); /* c */
    CHECK(page_zero(snap_node_page(c, 30)));      /* b is a sibling branch */
    CHECK(page_zero(snap_node_page(c, 5)));
    CHECK(page_zero(snap_node_page(c, 63)));
    /* a's view does not see its child */
    CHECK(page_is(snap_node_page(a, 10), 1, 10));
    CHECK(page_zero(snap_node_page(a, 40)));
    CHECK_EQ(snap_node_open(b, err, sizeof(err)), 0);
    CHECK(page_is(snap_node_page(b, 0), 3, 0));
    CHECK(page_is(snap_node_page(b, 1), 1, 1));
    CHECK(page_is(snap_node_page(b, 30), 3, 30));
    CHECK(page_zero(snap_node_page(b, 21)));
    CHECK(page_is(snap_node_page(root, 20), 1, 20));
    CHECK(page_zero(snap_node_page(root, 21)));

    uint64_t map[TPAGES / 64] = {0};
    snap_node_mark_pages(c, map);
    CHECK_EQ(map[0], (1ull << 10) | (1ull << 21) | (1ull << 40));

    /* remove a: c loses its parent and cannot be opened any more */
    snap_tree_remove(&t, a);
    CHECK_EQ(t.n, 3);
    CHECK(c->parent == NULL);
    snapfile_close(c->file);
    c->file = NULL;
    err[0] = 0;
    CHECK_EQ(snap_node_open(c, err, sizeof(err)), -1);
    CHECK(strstr(err, "missing or damaged") != NULL);
    snap_tree_free(&t);
    CHECK_EQ(t.n, 0);

    /* a parent of another memory size is not a parent */
    char path[PATH_MAX];
    struct snap_writer sec;
    build_blob(&sec);
    struct image img = {calloc(1, 2 * TRAM)};
    struct snapfile_header h = make_header(SNAP_DELTA, 0x50, 0x10, "big", "root");
    h.ram_size = 2 * TRAM;
    path_in(path, sizeof(path), "tree", "big.snap");
    CHECK_EQ(write_file(path, &h, &sec, &img, NULL, 0, err, sizeof(err)), 0);
    snap_w_free(&sec);
    free(img.ram);
    CHECK_EQ(snap_tree_load(&t, dir, err, sizeof(err)), 0);
    CHECK_EQ(t.n, 5);
    struct snap_node *big = node_named(&t, "big");
    if (big) {
        CHECK(big->parent == NULL);
        CHECK_EQ(snap_node_open(big, err, sizeof(err)), -1);
    }
    snap_tree_free(&t);
}

static void test_tree_loops(void)
{
    char dir[PATH_MAX], err[PATH_MAX + 256];
    path_in(dir, sizeof(dir), "loops", "");
    dir[strlen(dir) - 1] = 0;
    CHECK_EQ(mkdir(dir, 0700), 0);
    static const uint64_t pg[] = {3};
    /* its own parent; a 2-cycle; a 3-cycle; a chain that runs into the 2-cycle; a delta whose
     * parent does not exist; and one good pair to show the rest still links */
    tree_file("loops", "self.snap", SNAP_DELTA, 0x61, 0x61, "self", "self", 5, pg, 1);
    tree_file("loops", "x.snap", SNAP_DELTA, 0x62, 0x63, "x", "y", 5, pg, 1);
    tree_file("loops", "y.snap", SNAP_DELTA, 0x63, 0x62, "y", "x", 5, pg, 1);
    tree_file("loops", "p.snap", SNAP_DELTA, 0x64, 0x65, "p", "q", 5, pg, 1);
    tree_file("loops", "q.snap", SNAP_DELTA, 0x65, 0x66, "q", "r", 5, pg, 1);
    tree_file("loops", "r.snap", SNAP_DELTA, 0x66, 0x64, "r", "p", 5, pg, 1);
    tree_file("loops", "tail.snap", SNAP_DELTA, 0x67, 0x62, "tail", "x", 5, pg, 1);
    tree_file("loops", "orphan.snap", SNAP_DELTA, 0x68, 0x7f, "orphan", "lost", 5, pg, 1);
    /* a full snapshot with a parent id (made so): the chain ends at it anyway */
    tree_file("loops", "fullp.snap", SNAP_FULL, 0x69, 0x6a, "fullp", "kid", 6, pg, 1);
    tree_file("loops", "kid.snap", SNAP_DELTA, 0x6a, 0x69, "kid", "fullp", 7, pg, 1);

    alarm(20); /* a loop followed forever ends the test here */
    struct snap_tree t;
    CHECK_EQ(snap_tree_load(&t, dir, err, sizeof(err)), 0);
    CHECK_EQ(t.n, 10);
    /* no chain is longer than the tree */
    for (size_t i = 0; i < t.n; i++) {
        size_t steps = 0;
        for (struct snap_node *x = t.nodes[i]; x && steps <= t.n; x = x->parent)
            steps++;
        CHECK(steps <= t.n);
    }
    static const char *const looped[] = {"self", "x", "y", "p", "q", "r", "tail", "orphan"};
    for (size_t i = 0; i < ARRAY_SIZE(looped); i++) {
        struct snap_node *n = node_named(&t, looped[i]);
        if (!n)
            continue;
        err[0] = 0;
        CHECK_EQ(snap_node_open(n, err, sizeof(err)), -1);
        CHECK(err[0] != 0);
        if (!strcmp(looped[i], "orphan"))
            CHECK(strstr(err, "lost") != NULL && strstr(err, "missing or damaged") != NULL);
    }
    /* linking again (as after every add or remove) keeps every chain finite */
    snap_tree_link(&t);
    snap_tree_link(&t);
    for (size_t i = 0; i < t.n; i++) {
        size_t steps = 0;
        for (struct snap_node *x = t.nodes[i]; x && steps <= t.n; x = x->parent)
            steps++;
        CHECK(steps <= t.n);
    }
    /* kid <-> fullp loop: which link is cut depends on the directory order; either way
     * nothing hangs and what opens reads right */
    struct snap_node *kid = node_named(&t, "kid");
    if (kid && snap_node_open(kid, err, sizeof(err)) == 0) {
        CHECK(page_is(snap_node_page(kid, 3), 7, 3));
        CHECK(page_zero(snap_node_page(kid, 4)));
    }
    struct snap_node *fullp = node_named(&t, "fullp");
    if (fullp) {
        CHECK_EQ(snap_node_open(fullp, err, sizeof(err)), 0);
        CHECK(page_is(snap_node_page(fullp, 3), 6, 3));
    }
    alarm(0);
    snap_tree_free(&t);

    /* a bare path that is not a directory */
    char file[PATH_MAX];
    path_in(file, sizeof(file), "loops", "self.snap");
    err[0] = 0;
    CHECK_EQ(snap_tree_load(&t, file, err, sizeof(err)), -1);
    CHECK(err[0] != 0);
    snap_tree_free(&t);
}

static void test_names(void)
{
    CHECK(snap_name_valid("a"));
    CHECK(snap_name_valid("base-1.2_x"));
    CHECK(!snap_name_valid(""));
    CHECK(!snap_name_valid(".hidden"));
    CHECK(!snap_name_valid("a/b"));
    CHECK(!snap_name_valid("../x"));
    CHECK(!snap_name_valid("sp ace"));
    char longest[SNAP_NAME_MAX];
    memset(longest, 'z', sizeof(longest));
    longest[SNAP_NAME_MAX - 1] = 0;
    CHECK(snap_name_valid(longest));
    char too_long[SNAP_NAME_MAX + 1];
    memset(too_long, 'z', sizeof(too_long));
    too_long[SNAP_NAME_MAX] = 0;
    CHECK(!snap_name_valid(too_long));
}

/* ------------------------------------------------------------------------------------------
 * the whole machine */

static int devnull = -1;

static void build_board(struct board *b, uint64_t mem, unsigned harts)
{
    struct board_config cfg = {.mem_size = mem, .n_harts = harts, .firmware = NULL};
    CHECK_EQ(board_build(b, &cfg), 0);
    b->console_out = devnull; /* what the UART sends goes nowhere */
}

static void wr(struct board *b, uint64_t addr, unsigned size, uint64_t v)
{
    CHECK(bus_write(&b->bus, addr, size, v));
}

static void save(struct board *b, struct snap_writer *w)
{
    snap_w_init(w);
    board_save_state(b, w);
    CHECK(!w->failed);
    CHECK(snap_sections_check(w->buf, w->len) == NULL);
}

#define CLOCK_TAG SNAP_TAG('C', 'L', 'O', 'K')

/* Two saved states are the same machine state: the same sections in the same order with
 * the same bytes, except that the clock's elapsed guest time and wall-clock base follow the
 * host clock (its instruction count must match). */
static bool same_state(const struct snap_writer *x, const struct snap_writer *y, bool quiet)
{
    size_t px = 0, py = 0;
    bool same = true;
    while (px < x->len && py < y->len) {
        struct snap_section_header hx, hy;
        memcpy(&hx, x->buf + px, HDR);
        memcpy(&hy, y->buf + py, HDR);
        char name[5];
        if (hx.tag != hy.tag || hx.instance != hy.instance || hx.version != hy.version ||
            hx.length != hy.length) {
            if (!quiet)
                fprintf(stderr, "  section %s/%u differs in its header\n",
                        snap_tag_name(hx.tag, name), hx.instance);
            return false;
        }
        if (hx.tag == CLOCK_TAG) {
            if (hx.length != 24 || memcmp(x->buf + px + HDR + 8, y->buf + py + HDR + 8, 8)) {
                if (!quiet)
                    fprintf(stderr, "  the clock's instruction count differs\n");
                same = false;
            }
        } else if (memcmp(x->buf + px + HDR, y->buf + py + HDR, (size_t)hx.length)) {
            if (!quiet) {
                fprintf(stderr, "  section %s/%u differs:", snap_tag_name(hx.tag, name),
                        hx.instance);
                for (size_t i = 0; i < hx.length; i++)
                    if (x->buf[px + HDR + i] != y->buf[py + HDR + i])
                        fprintf(stderr, " [%zu] %02x/%02x", i, x->buf[px + HDR + i],
                                y->buf[py + HDR + i]);
                fprintf(stderr, "\n");
            }
            same = false;
        }
        px += HDR + (size_t)(hx.length + 7) / 8 * 8;
        py += HDR + (size_t)(hy.length + 7) / 8 * 8;
    }
    return same && px == x->len && py == y->len;
}

/* A blob of the sections of `w` without the section (tag, instance). */
static void drop_section(const struct snap_writer *w, uint32_t tag, uint16_t instance,
                         struct snap_writer *out)
{
    snap_w_init(out);
    size_t pos = 0;
    while (pos < w->len) {
        struct snap_section_header h;
        memcpy(&h, w->buf + pos, HDR);
        size_t n = HDR + (size_t)(h.length + 7) / 8 * 8;
        if (h.tag != tag || h.instance != instance)
            snap_w_bytes(out, w->buf + pos, n);
        pos += n;
    }
}

/* `w` again, through the writer, with the payload of section (tag, instance) one byte
 * shorter (delta -1) or longer (+1, a zero byte). */
static void resize_section(const struct snap_writer *w, uint32_t tag, uint16_t instance,
                           int delta, struct snap_writer *out)
{
    snap_w_init(out);
    size_t pos = 0;
    while (pos < w->len) {
        struct snap_section_header h;
        memcpy(&h, w->buf + pos, HDR);
        size_t n = (size_t)h.length;
        snap_w_begin(out, h.tag, h.version, h.instance);
        if (h.tag == tag && h.instance == instance) {
            CHECK(n > 0);
            snap_w_bytes(out, w->buf + pos + HDR, delta < 0 ? n - 1 : n);
            if (delta > 0)
                snap_w_u8(out, 0);
        } else {
            snap_w_bytes(out, w->buf + pos + HDR, n);
        }
        snap_w_end(out);
        pos += HDR + (n + 7) / 8 * 8;
    }
    CHECK(snap_sections_check(out->buf, out->len) == NULL);
}

/* The payload of section (tag, instance) in `w`, writable; its checksum is made right by
 * reseal(). */
static uint8_t *payload(struct snap_writer *w, uint32_t tag, uint16_t instance, size_t *len)
{
    struct snap_reader r;
    if (!snap_find(w->buf, w->len, tag, instance, &r))
        return NULL;
    *len = r.len;
    return (uint8_t *)r.p;
}

static void reseal(struct snap_writer *w)
{
    size_t pos = 0;
    while (pos + HDR <= w->len) {
        struct snap_section_header h;
        memcpy(&h, w->buf + pos, HDR);
        h.checksum = spec_checksum(&h, w->buf + pos + HDR);
        memcpy(w->buf + pos, &h, HDR);
        pos += HDR + (size_t)(h.length + 7) / 8 * 8;
    }
}

/* Give the machine a state of its own: registers of both harts, PLIC, UART and CLINT
 * registers written as a guest would. `k` varies the values. */
static void poke_state(struct board *b, unsigned k)
{
    for (unsigned i = 0; i < b->n_harts; i++) {
        struct rv_arch *s = &b->harts[i]->s;
        for (unsigned r = 1; r < 32; r++)
            s->x[r] = 0x1000ull * (i + 1) + r + k * 0x1000000ull;
        for (unsigned r = 0; r < 32; r++)
            s->f[r] = 0xffffffff00000000ull | (r * 0x01010101u + k);
        s->pc = 0x80200000ull + 0x40 * i + 4 * k;
        s->priv = PRV_S;
        s->fflags = 0x3;
        s->frm = 1;
        s->mstatus |= MSTATUS_FS | MSTATUS_SUM | (1ull << MSTATUS_MPP_SHIFT);
        s->satp = (8ull << 60) | (0x80400ull + i + k);
        s->stvec = 0x80200800ull;
        s->sscratch = 0xabcdef00ull + i + k;
        s->sepc = 0x80201000ull;
        s->scause = 9;
        s->medeleg = 0xb1ff;
        s->mideleg = 0x222;
        s->mie = MIP_SEIP | MIP_STIP;
        s->pmpcfg[0] = 0x1f;
        s->pmpaddr[0] = ~0ull >> 10;
        s->sbi_timecmp = 5000 + i + k;
        s->mcycle = 123456 + k;
    }
    b->harts[b->n_harts - 1]->s.stopped = k & 1;
    b->harts[b->n_harts - 1]->s.wfi = 1;
    /* PLIC: priorities, enables and thresholds of hart 0's and hart 1's S contexts */
    wr(b, VIRT_PLIC_BASE + 4 * VIRT_UART0_IRQ, 4, 5 + (k & 1));
    wr(b, VIRT_PLIC_BASE + 4 * VIRT_RTC_IRQ, 4, 3);
    wr(b, VIRT_PLIC_BASE + 4 * 33, 4, 1 + k % 7);
    wr(b, VIRT_PLIC_BASE + PLIC_ENABLE_BASE + PLIC_ENABLE_STRIDE, 4,
       (1u << VIRT_UART0_IRQ) | (1u << VIRT_RTC_IRQ));
    if (b->n_harts > 1)
        wr(b, VIRT_PLIC_BASE + PLIC_ENABLE_BASE + 3 * PLIC_ENABLE_STRIDE + 4, 4, 1u << 1);
    wr(b, VIRT_PLIC_BASE + PLIC_CONTEXT_BASE + PLIC_CONTEXT_STRIDE, 4, 2 + k % 3);
    if (b->n_harts > 1)
        wr(b, VIRT_PLIC_BASE + PLIC_CONTEXT_BASE + 3 * PLIC_CONTEXT_STRIDE, 4, 1);
    /* UART: line control, divisor, scratch, FIFO, modem control, interrupts enabled */
    wr(b, VIRT_UART0_BASE + 3, 1, 0x80); /* DLAB */
    wr(b, VIRT_UART0_BASE + 0, 1, 0x0c + k);
    wr(b, VIRT_UART0_BASE + 1, 1, 0x00);
    wr(b, VIRT_UART0_BASE + 3, 1, 0x03);
    wr(b, VIRT_UART0_BASE + 2, 1, 0xc1);
    wr(b, VIRT_UART0_BASE + 4, 1, 0x0b);
    wr(b, VIRT_UART0_BASE + 7, 1, 0x5a + k);
    wr(b, VIRT_UART0_BASE + 1, 1, 0x05);
    /* CLINT: a software interrupt for hart 1, timer compares */
    wr(b, VIRT_CLINT_BASE + ACLINT_MSIP_BASE + 4 * (b->n_harts - 1), 4, 1);
    wr(b, VIRT_CLINT_BASE + ACLINT_MTIMECMP_BASE, 8, 0x123456789ull + k);
    wr(b, VIRT_CLINT_BASE + ACLINT_MTIMECMP_BASE + 8 * (b->n_harts - 1), 8, UINT64_MAX - k);
}

static bool same_harts(const struct board *x, const struct board *y)
{
    if (x->n_harts != y->n_harts)
        return false;
    for (unsigned i = 0; i < x->n_harts; i++)
        if (memcmp(&x->harts[i]->s, &y->harts[i]->s, sizeof(struct rv_arch)))
            return false;
    return true;
}

/* Loading `blob` into `b` must fail with a reason and leave `b` exactly as it was. */
static void load_refused(struct board *b, const uint8_t *blob, size_t len, const char *what,
                         const char *expect)
{
    struct snap_writer before, after;
    save(b, &before);
    struct rv_arch harts[BOARD_MAX_HARTS];
    for (unsigned i = 0; i < b->n_harts; i++)
        harts[i] = b->harts[i]->s;
    char err[256];
    err[0] = 0;
    int r = board_load_state(b, blob, len, err, sizeof(err));
    CHECK_EQ(r, -1);
    CHECK(err[0] != 0);
    if (r != -1 || !err[0])
        fprintf(stderr, "  load of state with %s: %d '%s'\n", what, r, err);
    if (expect && !strstr(err, expect)) {
        CHECK(0);
        fprintf(stderr, "  load of state with %s: reason '%s' lacks '%s'\n", what, err, expect);
    }
    save(b, &after);
    bool same = same_state(&before, &after, false);
    CHECK(same);
    for (unsigned i = 0; i < b->n_harts; i++)
        CHECK(!memcmp(&harts[i], &b->harts[i]->s, sizeof(struct rv_arch)));
    if (!same)
        fprintf(stderr, "  load of state with %s changed the machine\n", what);
    snap_w_free(&before);
    snap_w_free(&after);
}

#define TAG(s) SNAP_TAG(s[0], s[1], s[2], s[3])

static void test_board_state(void)
{
    struct board b1, b2, b3, b4, b5;
    build_board(&b1, 16ull << 20, 2);
    poke_state(&b1, 0);
    /* something pending in the PLIC: the RTC line raised and left */
    struct snap_writer s1, s2;
    save(&b1, &s1);
    /* every component has its section, each once */
    static const char *const tags[] = {"CONF", "CLOK", "HART", "PLIC", "CLNT",
                                       "UART", "GRTC", "VGID", "VIO0"};
    for (size_t i = 0; i < ARRAY_SIZE(tags); i++) {
        struct snap_reader r;
        CHECK(snap_find(s1.buf, s1.len, TAG(tags[i]), 0, &r));
    }
    struct snap_reader r;
    CHECK(snap_find(s1.buf, s1.len, HART_SNAP_TAG, 1, &r));
    CHECK(!snap_find(s1.buf, s1.len, HART_SNAP_TAG, 2, &r));

    /* saving twice gives the same state */
    save(&b1, &s2);
    CHECK(same_state(&s1, &s2, false));
    snap_w_free(&s2);

    struct board_config cfg;
    uint64_t rom;
    char err[256];
    CHECK_EQ(board_state_config(s1.buf, s1.len, &cfg, &rom, err, sizeof(err)), 0);
    CHECK_EQ(cfg.mem_size, 16ull << 20);
    CHECK_EQ(cfg.n_harts, 2);
    CHECK(cfg.firmware == NULL);
    CHECK(!cfg.deterministic);

    /* into a fresh machine of the same configuration */
    build_board(&b2, 16ull << 20, 2);
    CHECK(!same_harts(&b1, &b2));
    CHECK_EQ(board_load_state(&b2, s1.buf, s1.len, err, sizeof(err)), 0);
    CHECK(same_harts(&b1, &b2));
    save(&b2, &s2);
    CHECK(same_state(&s1, &s2, false));
    /* the devices answer as they did: the guest reads the same registers */
    uint64_t v1 = 0, v2 = 0;
    static const struct {
        uint64_t addr;
        unsigned size;
    } regs[] = {
        {VIRT_UART0_BASE + 1, 1}, {VIRT_UART0_BASE + 2, 1}, {VIRT_UART0_BASE + 3, 1},
        {VIRT_UART0_BASE + 4, 1}, {VIRT_UART0_BASE + 5, 1}, {VIRT_UART0_BASE + 6, 1},
        {VIRT_UART0_BASE + 7, 1}, {VIRT_PLIC_BASE + 4 * VIRT_UART0_IRQ, 4},
        {VIRT_PLIC_BASE + PLIC_PENDING_BASE, 4},
        {VIRT_PLIC_BASE + PLIC_ENABLE_BASE + PLIC_ENABLE_STRIDE, 4},
        {VIRT_PLIC_BASE + PLIC_CONTEXT_BASE + PLIC_CONTEXT_STRIDE, 4},
        {VIRT_CLINT_BASE + 4, 4}, {VIRT_CLINT_BASE + ACLINT_MTIMECMP_BASE, 8},
        {VIRT_CLINT_BASE + ACLINT_MTIMECMP_BASE + 8, 8},
    };
    for (size_t i = 0; i < ARRAY_SIZE(regs); i++) {
        CHECK(bus_read(&b1.bus, regs[i].addr, regs[i].size, &v1));
        CHECK(bus_read(&b2.bus, regs[i].addr, regs[i].size, &v2));
        CHECK_EQ(v1, v2);
    }
    CHECK(b2.harts[1]->s.mip_lines & MIP_MSIP); /* MSIP drives the hart's line again */
    /* reading the UART's IIR may change it: compare the saved states afterwards too */
    snap_w_free(&s2);
    save(&b2, &s2);
    CHECK(same_state(&s1, &s2, false));
    snap_w_free(&s2);

    /* loading the machine's own state changes nothing */
    save(&b2, &s2);
    CHECK_EQ(board_load_state(&b2, s2.buf, s2.len, err, sizeof(err)), 0);
    struct snap_writer s3;
    save(&b2, &s3);
    CHECK(same_state(&s2, &s3, false));
    snap_w_free(&s2);
    snap_w_free(&s3);

    /* another configuration: refused, nothing changed */
    build_board(&b3, 16ull << 20, 1);
    poke_state(&b3, 5);
    load_refused(&b3, s1.buf, s1.len, "two harts into one", "CONF");
    build_board(&b4, 8ull << 20, 2);
    poke_state(&b4, 6);
    load_refused(&b4, s1.buf, s1.len, "16 MiB into 8 MiB", "CONF");
    struct board_config det = {.mem_size = 16ull << 20, .n_harts = 2, .deterministic = true};
    CHECK_EQ(board_build(&b5, &det), 0);
    b5.console_out = devnull;
    load_refused(&b5, s1.buf, s1.len, "a deterministic machine", "CONF");

    /* a machine in another state, then blobs that must all be refused as a whole */
    poke_state(&b2, 3);
    struct snap_writer other;
    save(&b2, &other);
    CHECK(!same_state(&s1, &other, true));
    static const char *const device_tags[] = {"PLIC", "CLNT", "UART", "GRTC",
                                              "VGID", "VIO0", "CLOK", "CONF"};
    for (size_t i = 0; i < ARRAY_SIZE(device_tags); i++) {
        struct snap_writer cut;
        drop_section(&s1, TAG(device_tags[i]), 0, &cut);
        CHECK(cut.len < s1.len);
        char what[64];
        snprintf(what, sizeof(what), "no %s section", device_tags[i]);
        load_refused(&b2, cut.buf, cut.len, what, device_tags[i]);
        snap_w_free(&cut);
    }
    for (uint16_t i = 0; i < 2; i++) {
        struct snap_writer cut;
        drop_section(&s1, HART_SNAP_TAG, i, &cut);
        load_refused(&b2, cut.buf, cut.len, "a hart missing", "HART");
        snap_w_free(&cut);
    }
    /* hart 1 refused after hart 0 and the clock were loaded: all of it goes back */
    struct snap_writer bad;
    size_t plen;
    snap_w_init(&bad);
    snap_w_bytes(&bad, s1.buf, s1.len);
    uint8_t *p = payload(&bad, HART_SNAP_TAG, 1, &plen);
    CHECK(p != NULL);
    if (p) {
        p[offsetof(struct rv_arch, priv)] = 2; /* no padding before priv: same offset */
        reseal(&bad);
        load_refused(&b2, bad.buf, bad.len, "hart 1 in privilege 2", "HART");
    }
    snap_w_free(&bad);
    /* the last device refused after every other one was loaded */
    snap_w_init(&bad);
    snap_w_bytes(&bad, s1.buf, s1.len);
    p = payload(&bad, TAG("UART"), 0, &plen);
    CHECK(p != NULL);
    if (p) {
        p[0] = 0xff; /* IER reserved bits */
        reseal(&bad);
        load_refused(&b2, bad.buf, bad.len, "UART reserved bits", "UART");
    }
    snap_w_free(&bad);
    /* a section of an unknown version */
    snap_w_init(&bad);
    snap_w_bytes(&bad, s1.buf, s1.len);
    p = payload(&bad, TAG("PLIC"), 0, &plen);
    if (p) {
        struct snap_section_header h;
        memcpy(&h, p - HDR, HDR);
        h.version = 2;
        memcpy(p - HDR, &h, HDR);
        reseal(&bad); /* a well-formed section, of a version this arbor does not read */
        load_refused(&b2, bad.buf, bad.len, "PLIC version 2", "version");
    }
    snap_w_free(&bad);
    /* a device's payload cut short and one with a byte too many, well-formed otherwise */
    static const char *const resized[] = {"CLNT", "PLIC", "UART", "GRTC", "VGID", "VIO0"};
    for (size_t i = 0; i < ARRAY_SIZE(resized); i++)
        for (int k = 0; k < 2; k++) {
            resize_section(&s1, TAG(resized[i]), 0, k ? 1 : -1, &bad);
            char what[64];
            snprintf(what, sizeof(what), "%s a byte %s", resized[i], k ? "long" : "short");
            load_refused(&b2, bad.buf, bad.len, what, resized[i]);
            snap_w_free(&bad);
        }
    for (int k = 0; k < 2; k++) {
        resize_section(&s1, HART_SNAP_TAG, 1, k ? 1 : -1, &bad);
        load_refused(&b2, bad.buf, bad.len, "a hart section resized", "HART");
        snap_w_free(&bad);
        resize_section(&s1, CLOCK_TAG, 0, k ? 1 : -1, &bad);
        load_refused(&b2, bad.buf, bad.len, "the clock resized", "CLOK");
        snap_w_free(&bad);
        resize_section(&s1, TAG("CONF"), 0, k ? 1 : -1, &bad);
        load_refused(&b2, bad.buf, bad.len, "the configuration resized", "CONF");
        snap_w_free(&bad);
    }
    /* a corrupted checksum, and garbage */
    snap_w_init(&bad);
    snap_w_bytes(&bad, s1.buf, s1.len);
    bad.buf[bad.len / 2] ^= 1;
    load_refused(&b2, bad.buf, bad.len, "a flipped bit", NULL);
    load_refused(&b2, bad.buf, 7, "7 bytes", NULL);
    load_refused(&b2, bad.buf, 0, "nothing", NULL);
    snap_w_free(&bad);

    /* b2 still holds the `other` state, and takes s1 whole */
    struct snap_writer now;
    save(&b2, &now);
    CHECK(same_state(&other, &now, false));
    snap_w_free(&now);
    CHECK_EQ(board_load_state(&b2, s1.buf, s1.len, err, sizeof(err)), 0);
    save(&b2, &now);
    CHECK(same_state(&s1, &now, false));
    CHECK(same_harts(&b1, &b2));
    snap_w_free(&now);

    snap_w_free(&other);
    snap_w_free(&s1);
    board_destroy(&b1);
    board_destroy(&b2);
    board_destroy(&b3);
    board_destroy(&b4);
    board_destroy(&b5);
}

/* ------------------------------------------------------------------------------------------ */

static int rm_tree(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return unlink(path);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[PATH_MAX];
        snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
        rm_tree(sub);
    }
    closedir(d);
    return rmdir(path);
}

/* A temporary file whose writer died is removed when the tree is read; a live writer's stays,
 * and so does a file that is no snapshot at all. */
static void test_tree_stale_temp(void)
{
    char dir[PATH_MAX + 16], dead[PATH_MAX + 64], live[PATH_MAX + 64], other[PATH_MAX + 64], err[512];
    snprintf(dir, sizeof(dir), "%s/stale", tmpdir);
    CHECK_EQ(mkdir(dir, 0700), 0);
    snprintf(dead, sizeof(dead), "%s/.s1.snap.tmp.2147483646", dir);
    snprintf(live, sizeof(live), "%s/.s2.snap.tmp.%d", dir, (int)getpid());
    snprintf(other, sizeof(other), "%s/notes.txt", dir);
    const char *files[] = {dead, live, other};
    for (unsigned i = 0; i < 3; i++) {
        int fd = open(files[i], O_WRONLY | O_CREAT, 0600);
        CHECK(fd >= 0);
        close(fd);
    }
    struct snap_tree t;
    CHECK_EQ(snap_tree_load(&t, dir, err, sizeof(err)), 0);
    CHECK(access(dead, F_OK) != 0);
    CHECK_EQ(access(live, F_OK), 0);
    CHECK_EQ(access(other, F_OK), 0);
    CHECK_EQ(t.n, 0);
    CHECK_EQ(t.skipped, 0);
    snap_tree_free(&t);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof(tmpdir), "%s/arbor-snapshot-XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    CHECK_EQ(bus_init(&hart_bus, VIRT_DRAM_BASE, 1 << 20), 0);

    test_sections_round_trip();
    test_sections_corrupt();
    test_hart_fields_cover_arch();
    test_hart_round_trip();
    test_hart_refusals();
    test_snapfile_write_open();
    test_snapfile_corruption();
    test_tree_chain();
    test_tree_loops();
    test_tree_stale_temp();
    test_names();
    test_board_state();

    bus_destroy(&hart_bus);
    close(devnull);
    rm_tree(tmpdir);
    return check_summary("snapshot");
}
