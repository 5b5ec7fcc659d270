/* The whole machine's state as sections: round trip, and refusals that leave the machine
 * unchanged. */
#include "snap_test_util.h"

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

int main(void)
{
    devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    test_board_state();
    close(devnull);
    return check_summary("snapshot_board");
}
