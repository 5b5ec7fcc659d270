/* PLIC: priorities, enables, thresholds, claim order, completion, hart outputs, pulsed
 * sources, odd accesses, snapshots and the device-tree node. */
#include "check.h"
#include "dev/plic.h"
#include "stub_board.h"

#include <libfdt.h>

static struct board b;
static struct board b2; /* a machine of the same configuration that snapshots are loaded into */

static uint64_t rd_on(struct board *m, uint32_t off)
{
    uint64_t v = 0xdead;
    CHECK(bus_read(&m->bus, VIRT_PLIC_BASE + off, 4, &v));
    return v;
}

static void wr_on(struct board *m, uint32_t off, uint32_t v)
{
    CHECK(bus_write(&m->bus, VIRT_PLIC_BASE + off, 4, v));
}

static uint64_t rd(uint32_t off) { return rd_on(&b, off); }
static void wr(uint32_t off, uint32_t v) { wr_on(&b, off, v); }

static uint32_t prio(unsigned s) { return PLIC_PRIORITY_BASE + 4 * s; }
static uint32_t enable(unsigned ctx) { return PLIC_ENABLE_BASE + PLIC_ENABLE_STRIDE * ctx; }
static uint32_t threshold(unsigned ctx) { return PLIC_CONTEXT_BASE + PLIC_CONTEXT_STRIDE * ctx; }
static uint32_t claim(unsigned ctx) { return threshold(ctx) + 4; }

static bool meip(unsigned h) { return b.harts[h]->s.mip & MIP_MEIP; }
static bool seip(unsigned h) { return b.harts[h]->s.mip & MIP_SEIP; }

static void test_registers(struct plic *p)
{
    wr(prio(5), 3);
    CHECK_EQ(rd(prio(5)), 3);
    wr(prio(5), 0xff); /* WARL: three bits */
    CHECK_EQ(rd(prio(5)), 7);
    wr(prio(0), 5); /* source 0 does not exist */
    CHECK_EQ(rd(prio(0)), 0);
    CHECK_EQ(rd(prio(200)), 0); /* past the last source */
    wr(enable(0), 0xffffffff);
    CHECK_EQ(rd(enable(0)), 0xfffffffe); /* bit 0 hardwired */
    wr(enable(0), 0);
    wr(threshold(1), 0x1f);
    CHECK_EQ(rd(threshold(1)), 7);
    wr(threshold(1), 0);
    plic_set_irq(p, 33, true);
    CHECK_EQ(rd(PLIC_PENDING_BASE + 4), 1u << 1);
    wr(PLIC_PENDING_BASE + 4, 0); /* read-only */
    CHECK_EQ(rd(PLIC_PENDING_BASE + 4), 1u << 1);
    CHECK(!meip(0) && !seip(0)); /* priority 0 and nothing enabled: no interrupt */
    plic_set_irq(p, 33, false);
    CHECK_EQ(rd(PLIC_PENDING_BASE + 4), 0);
    /* contexts past the last hart do not exist */
    wr(enable(4), 0xff);
    CHECK_EQ(rd(enable(4)), 0);
    wr(threshold(4), 3);
    CHECK_EQ(rd(threshold(4)), 0);
    CHECK_EQ(rd(claim(4)), 0);
    plic_set_irq(p, 0, true);   /* ignored */
    plic_set_irq(p, 96, true);  /* ignored */
    plic_set_irq(p, ~0u, true); /* ignored */
    CHECK_EQ(rd(PLIC_PENDING_BASE), 0);
    wr(prio(5), 0);
}

static void test_threshold_and_outputs(struct plic *p)
{
    wr(prio(5), 1);
    plic_set_irq(p, 5, true);
    CHECK(!meip(0));
    wr(enable(0), 1u << 5);
    CHECK(meip(0));
    CHECK(!seip(0));
    wr(threshold(0), 1); /* priority must be above the threshold */
    CHECK(!meip(0));
    wr(threshold(0), 0);
    CHECK(meip(0));
    wr(enable(1), 1u << 5);
    CHECK(seip(0));
    CHECK(!meip(1) && !seip(1));
    wr(enable(3), 1u << 5); /* hart 1, S mode */
    CHECK(seip(1) && !meip(1));
    plic_set_irq(p, 5, false); /* a dropped line withdraws the request */
    CHECK(!meip(0) && !seip(0) && !seip(1));
    wr(enable(0), 0);
    wr(enable(1), 0);
    wr(enable(3), 0);
    wr(prio(5), 0);
}

static void test_claim_order(struct plic *p)
{
    CHECK_EQ(rd(claim(0)), 0); /* nothing pending */
    wr(prio(3), 2);
    wr(prio(9), 5);
    wr(prio(40), 5);
    wr(enable(0), (1u << 3) | (1u << 9));
    wr(enable(0) + 4, 1u << (40 - 32));
    plic_set_irq(p, 40, true);
    plic_set_irq(p, 3, true);
    plic_set_irq(p, 9, true);
    CHECK(meip(0));
    CHECK_EQ(rd(claim(0)), 9); /* highest priority, lowest id among equals */
    CHECK_EQ(rd(PLIC_PENDING_BASE) & (1u << 9), 0); /* claim clears pending */
    CHECK_EQ(rd(claim(0)), 40);
    CHECK_EQ(rd(claim(0)), 3);
    CHECK(!meip(0)); /* all in service */
    CHECK_EQ(rd(claim(0)), 0);
    /* completing re-arms: 9 is still high, so it is pending again */
    wr(claim(0), 9);
    CHECK(meip(0));
    CHECK_EQ(rd(claim(0)), 9);
    plic_set_irq(p, 9, false);
    wr(claim(0), 9);
    CHECK(!meip(0));
    CHECK_EQ(rd(claim(0)), 0);
    /* a completion for a source not enabled in the context is ignored (spec) */
    wr(enable(0), 1u << 3);
    wr(enable(0) + 4, 0);
    wr(claim(0), 40);
    CHECK_EQ(rd(claim(0)), 0);
    wr(enable(0) + 4, 1u << (40 - 32));
    wr(claim(0), 40); /* now accepted: 40 is still high */
    CHECK_EQ(rd(claim(0)), 40);
    plic_set_irq(p, 40, false);
    plic_set_irq(p, 3, false);
    wr(claim(0), 40);
    wr(claim(0), 3);
    wr(claim(0), 1000); /* nonsense completions are ignored */
    CHECK(!meip(0));
}

/* A pulsed source is latched until claimed, and asks exactly once per pulse (or burst). */
static void test_pulse(struct plic *p)
{
    wr(prio(12), 2);
    plic_pulse_irq(p, 12);
    CHECK_EQ(rd(PLIC_PENDING_BASE), 1u << 12); /* latched while nothing is enabled */
    wr(enable(1), 1u << 12);
    CHECK(seip(0));
    plic_pulse_irq(p, 12); /* a second pulse before the claim merges with the first */
    CHECK_EQ(rd(claim(1)), 12);
    CHECK(!seip(0));
    CHECK_EQ(rd(claim(1)), 0);
    wr(claim(1), 12);
    CHECK(!seip(0)); /* nothing holds a line: no second interrupt */
    CHECK_EQ(rd(claim(1)), 0);
    /* a pulse during service is held for the completion */
    plic_pulse_irq(p, 12);
    CHECK_EQ(rd(claim(1)), 12);
    plic_pulse_irq(p, 12);
    CHECK(!seip(0));
    CHECK_EQ(rd(PLIC_PENDING_BASE), 0);
    wr(claim(1), 12);
    CHECK(seip(0));
    CHECK_EQ(rd(claim(1)), 12);
    wr(claim(1), 12);
    CHECK_EQ(rd(claim(1)), 0);
    CHECK(!seip(0));
    plic_pulse_irq(p, 0);   /* ignored */
    plic_pulse_irq(p, 96);  /* ignored */
    plic_pulse_irq(NULL, 12);
    CHECK_EQ(rd(PLIC_PENDING_BASE), 0);
    wr(enable(1), 0);
    wr(prio(12), 0);
}

static void test_odd_accesses(void)
{
    uint64_t v;
    CHECK(bus_write(&b.bus, VIRT_PLIC_BASE + enable(1) + 1, 1, 0x80)); /* source 15 */
    CHECK_EQ(rd(enable(1)), 1u << 15);
    CHECK(bus_write(&b.bus, VIRT_PLIC_BASE + enable(1), 8, 0x300000000ull));
    CHECK_EQ(rd(enable(1)), 0);
    CHECK_EQ(rd(enable(1) + 4), 3);
    CHECK(bus_read(&b.bus, VIRT_PLIC_BASE + enable(1), 8, &v));
    CHECK_EQ(v, 0x300000000ull);
    CHECK(bus_read(&b.bus, VIRT_PLIC_BASE + enable(1) + 4, 2, &v));
    CHECK_EQ(v, 3);
    CHECK(!bus_read(&b.bus, VIRT_PLIC_BASE + 2, 4, &v)); /* misaligned */
    CHECK(!bus_write(&b.bus, VIRT_PLIC_BASE + 6, 8, 0));
    CHECK(bus_read(&b.bus, VIRT_PLIC_BASE + VIRT_PLIC_SIZE - 8, 8, &v));
    CHECK_EQ(v, 0);
    wr(enable(1) + 4, 0);
}

static void test_reset(struct plic *p)
{
    const struct device *d = stub_board_device(&b, "plic");
    CHECK(d != NULL);
    if (!d)
        return;
    wr(prio(7), 4);
    wr(enable(0), 1u << 7);
    plic_set_irq(p, 7, true);
    CHECK(meip(0));
    d->ops->reset(d->dev);
    CHECK(!meip(0));
    CHECK_EQ(rd(prio(7)), 0);
    CHECK_EQ(rd(enable(0)), 0);
    CHECK_EQ(rd(PLIC_PENDING_BASE), 1u << 7); /* the line is still high */
    plic_set_irq(p, 7, false);
}

/* --- snapshots --- */

/* Where the payload keeps each part (the order of plic_fields, after the context count). */
enum {
    SNAP_NCTX = 0,
    SNAP_PRIO = 4,
    SNAP_LEVEL = SNAP_PRIO + 4 * PLIC_NUM_SOURCES,
    SNAP_PENDING = SNAP_LEVEL + 12,
    SNAP_CLAIMED = SNAP_PENDING + 12,
    SNAP_HELD = SNAP_CLAIMED + 12,
    SNAP_THRESHOLD = SNAP_HELD + 12,
    SNAP_ENABLE = SNAP_THRESHOLD + 4 * PLIC_MAX_CONTEXTS,
    SNAP_LEN = SNAP_ENABLE + 12 * PLIC_MAX_CONTEXTS,
};

static uint8_t image[1024];
static size_t image_len;

/* Every register without side effects, and the harts' outputs, agree on the two machines. */
static void check_same(void)
{
    for (unsigned s = 0; s < PLIC_NUM_SOURCES; s++)
        CHECK_EQ(rd_on(&b2, prio(s)), rd(prio(s)));
    for (unsigned w = 0; w < 3; w++) {
        CHECK_EQ(rd_on(&b2, PLIC_PENDING_BASE + 4 * w), rd(PLIC_PENDING_BASE + 4 * w));
        for (unsigned ctx = 0; ctx < 4; ctx++)
            CHECK_EQ(rd_on(&b2, enable(ctx) + 4 * w), rd(enable(ctx) + 4 * w));
    }
    for (unsigned ctx = 0; ctx < 4; ctx++)
        CHECK_EQ(rd_on(&b2, threshold(ctx)), rd(threshold(ctx)));
    const uint64_t ext = MIP_MEIP | MIP_SEIP;
    for (unsigned h = 0; h < 2; h++)
        CHECK_EQ(b2.harts[h]->s.mip & ext, b.harts[h]->s.mip & ext);
}

/* Sources pending, in service with the line still high, with a pulse held, masked by a
 * threshold, on both harts and in all three enable words. */
static void make_busy_state(struct plic *p)
{
    static const unsigned src[] = {3, 9, 12, 40, 70, 95};
    static const uint32_t pr[] = {2, 5, 3, 7, 1, 4};
    for (unsigned i = 0; i < ARRAY_SIZE(src); i++)
        wr(prio(src[i]), pr[i]);
    wr(enable(0), (1u << 3) | (1u << 9));
    wr(enable(0) + 8, 1u << (70 - 64));
    wr(enable(1), 1u << 12);
    wr(enable(2) + 4, 1u << (40 - 32));
    wr(enable(3) + 8, (1u << (95 - 64)) | (1u << (70 - 64)));
    wr(threshold(3), 3); /* 95 gets through, 70 does not */
    wr(threshold(1), 1);
    plic_set_irq(p, 3, true);
    plic_set_irq(p, 9, true);
    plic_set_irq(p, 40, true);
    plic_set_irq(p, 70, true);
    plic_set_irq(p, 95, true);
    CHECK_EQ(rd(claim(0)), 9);  /* in service, line still high */
    plic_pulse_irq(p, 12);
    CHECK_EQ(rd(claim(1)), 12);
    plic_pulse_irq(p, 12);      /* held */
    CHECK(meip(0) && !seip(0) && meip(1) && seip(1));
}

/* Claims, then completions, give the same answers on both machines. */
static void check_same_claims(void)
{
    for (unsigned ctx = 0; ctx < 4; ctx++)
        for (int i = 0; i < 4; i++)
            CHECK_EQ(rd_on(&b2, claim(ctx)), rd(claim(ctx)));
    static const unsigned done[][2] = {{0, 9}, {1, 12}, {0, 3}, {0, 70}, {2, 40}, {3, 95}};
    for (unsigned i = 0; i < ARRAY_SIZE(done); i++) {
        wr(claim(done[i][0]), done[i][1]);
        wr_on(&b2, claim(done[i][0]), done[i][1]);
    }
    CHECK_EQ(rd_on(&b2, PLIC_PENDING_BASE), (1u << 3) | (1u << 9) | (1u << 12));
    check_same();
}

static void test_snapshot(struct plic *p)
{
    const struct device *d = stub_board_device(&b, "plic");
    struct plic *p2 = plic_create(&b2);
    const struct device *d2 = stub_board_device(&b2, "plic");
    CHECK(d && p2 && d2 && d->ops->save && d->ops->load);
    if (!d || !d2 || !d->ops->save)
        return;
    CHECK_EQ(d->ops->snap_tag, SNAP_TAG('P', 'L', 'I', 'C'));
    CHECK_EQ(d->ops->snap_version, 1);
    make_busy_state(p);
    image_len = stub_snap_save(d, image, sizeof(image));
    CHECK_EQ(image_len, SNAP_LEN);
    const char *why = "unset";
    CHECK(stub_snap_load(d2, image, image_len, &why));
    CHECK(why == NULL);
    check_same();
    check_same_claims();
}

/* A bad payload is refused with a reason and leaves the loaded machine as it was. */
static void expect_refused(size_t len, size_t patch_at, uint64_t patch, unsigned patch_size)
{
    CHECK(stub_snap_refuses(stub_board_device(&b2, "plic"), image, image_len, len, patch_at, patch,
                            patch_size));
    check_same();
}

static void test_snapshot_refused(void)
{
    if (image_len != SNAP_LEN)
        return;
    expect_refused(0, 0, 0, 0);
    expect_refused(image_len - 1, 0, 0, 0);   /* truncated */
    expect_refused(image_len + 1, 0, 0, 0);   /* an extra byte */
    expect_refused(image_len, SNAP_NCTX, 6, 4); /* three harts */
    expect_refused(image_len, SNAP_PRIO + 4 * 5, 8, 4);
    expect_refused(image_len, SNAP_PRIO, 1, 4); /* source 0 */
    expect_refused(image_len, SNAP_PENDING, 1, 4);
    expect_refused(image_len, SNAP_LEVEL, 1, 4);
    expect_refused(image_len, SNAP_PENDING, 1u << 9, 4);           /* pending and claimed */
    expect_refused(image_len, SNAP_HELD + 8, 1u << (95 - 64), 4);   /* held, not claimed */
    expect_refused(image_len, SNAP_THRESHOLD + 4 * 2, 8, 4);
    expect_refused(image_len, SNAP_THRESHOLD + 4 * 4, 1, 4);      /* context 4: no hart 2 */
    expect_refused(image_len, SNAP_ENABLE + 12 * 15 + 8, 1, 4);   /* the last context */
    expect_refused(image_len, SNAP_ENABLE + 12 * 1, 1, 4);        /* source 0 enabled */
}

static void test_fdt(void)
{
    static char buf[4096];
    CHECK_EQ(stub_board_fdt(&b, buf, sizeof(buf), NULL), 0);
    int node = fdt_path_offset(buf, "/soc/plic@c000000");
    CHECK(node >= 0);
    CHECK(fdt_node_check_compatible(buf, node, "sifive,plic-1.0.0") == 0);
    CHECK(fdt_node_check_compatible(buf, node, "riscv,plic0") == 0);
    CHECK(fdt_getprop(buf, node, "interrupt-controller", NULL) != NULL);
    int len;
    const fdt32_t *ext = fdt_getprop(buf, node, "interrupts-extended", &len);
    CHECK_EQ(len, 2 * 4 * 4);
    if (ext && len == 32) {
        CHECK_EQ(fdt32_to_cpu(ext[0]), 1);
        CHECK_EQ(fdt32_to_cpu(ext[1]), 11);
        CHECK_EQ(fdt32_to_cpu(ext[3]), 9);
        CHECK_EQ(fdt32_to_cpu(ext[4]), 2);
    }
    const fdt32_t *ndev = fdt_getprop(buf, node, "riscv,ndev", &len);
    CHECK(ndev && fdt32_to_cpu(*ndev) == 95);
    CHECK_EQ(fdt_get_phandle(buf, node), 20);
    const fdt32_t *reg = fdt_getprop(buf, node, "reg", &len);
    CHECK(reg && len == 16 && fdt32_to_cpu(reg[1]) == VIRT_PLIC_BASE &&
          fdt32_to_cpu(reg[3]) == VIRT_PLIC_SIZE);
}

int main(void)
{
    CHECK_EQ(stub_board_init(&b2, 2), 0);
    CHECK_EQ(stub_board_init(&b, 2), 0);
    struct plic *p = plic_create(&b);
    CHECK(p != NULL && b.plic == p);
    if (!p)
        return check_summary("plic");
    test_registers(p);
    test_threshold_and_outputs(p);
    test_claim_order(p);
    test_pulse(p);
    test_odd_accesses();
    test_reset(p);
    test_fdt();
    test_snapshot(p);
    test_snapshot_refused();
    stub_board_free(&b);
    stub_board_free(&b2);
    return check_summary("plic");
}
