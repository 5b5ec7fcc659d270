/* Snapshot sections (writer, reader, field tables, checking) and the hart's section: its
 * round trip and every value it refuses. */
#include "snap_test_util.h"

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

int main(void)
{
    CHECK_EQ(bus_init(&hart_bus, VIRT_DRAM_BASE, 1 << 20), 0);
    test_sections_round_trip();
    test_sections_corrupt();
    test_hart_fields_cover_arch();
    test_hart_round_trip();
    test_hart_refusals();
    bus_destroy(&hart_bus);
    return check_summary("snapshot_sections");
}
