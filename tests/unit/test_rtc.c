/* Goldfish RTC: time and its latch, setting the time, the alarm and its interrupt, snapshots. */
#include "check.h"
#include "dev/rtc.h"
#include "stub_board.h"

#include <libfdt.h>

static struct board b;
static struct board b2; /* a machine of the same configuration that snapshots are loaded into */

static uint64_t rd_on(struct board *m, uint32_t off)
{
    uint64_t v = 0xdead;
    CHECK(bus_read(&m->bus, VIRT_RTC_BASE + off, 4, &v));
    return v;
}

static uint64_t rd(uint32_t off) { return rd_on(&b, off); }

static void wr(uint32_t off, uint32_t v)
{
    CHECK(bus_write(&b.bus, VIRT_RTC_BASE + off, 4, v));
}

static void test_time(void)
{
    stub_wall_ns = 0x123456789ull;
    CHECK_EQ(rd(RTC_TIME_LOW), 0x23456789);
    stub_wall_ns = 0x223456789ull; /* the high half was latched by the low read */
    CHECK_EQ(rd(RTC_TIME_HIGH), 1);
    uint64_t v;
    CHECK(bus_read(&b.bus, VIRT_RTC_BASE + RTC_TIME_LOW, 8, &v));
    CHECK_EQ(v, 0x223456789ull);
    /* Linux sets the time high half first */
    wr(RTC_TIME_HIGH, 0x10);
    wr(RTC_TIME_LOW, 0x1000);
    CHECK_EQ(rd(RTC_TIME_LOW), 0x1000);
    CHECK_EQ(rd(RTC_TIME_HIGH), 0x10);
    stub_wall_ns += 500; /* and then it runs with the wall clock */
    CHECK_EQ(rd(RTC_TIME_LOW), 0x1000 + 500);
    CHECK(!bus_read(&b.bus, VIRT_RTC_BASE + 1, 1, &v)); /* sub-word: access fault */
    CHECK_EQ(rd(0x100), 0);
}

static void test_alarm(const struct device *d)
{
    uint64_t now = 0x10ull << 32 | 0x1000;
    stub_wall_ns = 0x223456789ull;
    stub_mtime = 5000;
    CHECK_EQ(d->ops->next_deadline(d->dev), UINT64_MAX);
    wr(RTC_IRQ_ENABLED, 1);
    wr(RTC_ALARM_HIGH, (uint32_t)((now + 1000) >> 32));
    CHECK_EQ(rd(RTC_ALARM_STATUS), 0); /* armed by the low half only */
    wr(RTC_ALARM_LOW, (uint32_t)(now + 1000));
    CHECK_EQ(rd(RTC_ALARM_STATUS), 1);
    CHECK_EQ(rd(RTC_ALARM_LOW), (uint32_t)(now + 1000));
    CHECK_EQ(d->ops->next_deadline(d->dev), 5000 + 10); /* 1000 ns = 10 ticks */
    d->ops->poll(d->dev);
    CHECK(!stub_irq[VIRT_RTC_IRQ]);
    stub_wall_ns += 1000;
    d->ops->poll(d->dev);
    CHECK(stub_irq[VIRT_RTC_IRQ]);
    CHECK_EQ(rd(RTC_ALARM_STATUS), 0);
    wr(RTC_CLEAR_INTERRUPT, 1);
    CHECK(!stub_irq[VIRT_RTC_IRQ]);
    /* an alarm in the past fires at once; with the interrupt disabled the line stays low */
    wr(RTC_IRQ_ENABLED, 0);
    wr(RTC_ALARM_LOW, 0);
    CHECK(!stub_irq[VIRT_RTC_IRQ]);
    wr(RTC_IRQ_ENABLED, 1);
    CHECK(stub_irq[VIRT_RTC_IRQ]);
    wr(RTC_CLEAR_INTERRUPT, 1);
    /* CLEAR_ALARM disarms */
    wr(RTC_ALARM_HIGH, 0xffffffff);
    wr(RTC_ALARM_LOW, 0);
    CHECK_EQ(rd(RTC_ALARM_STATUS), 1);
    wr(RTC_CLEAR_ALARM, 1);
    CHECK_EQ(rd(RTC_ALARM_STATUS), 0);
    CHECK(!stub_irq[VIRT_RTC_IRQ]);
}

static void test_fdt(void)
{
    static char buf[4096];
    CHECK_EQ(stub_board_fdt(&b, buf, sizeof(buf), NULL), 0);
    int node = fdt_path_offset(buf, "/soc/rtc@101000");
    CHECK(node >= 0);
    CHECK(fdt_node_check_compatible(buf, node, "google,goldfish-rtc") == 0);
    const fdt32_t *irq = fdt_getprop(buf, node, "interrupts", NULL);
    const fdt32_t *parent = fdt_getprop(buf, node, "interrupt-parent", NULL);
    CHECK(irq && fdt32_to_cpu(*irq) == 11);
    CHECK(parent && fdt32_to_cpu(*parent) == 20);
}

/* --- snapshots: payload = offset, time_high, alarm, flags --- */

enum { SNAP_FLAGS = 20, SNAP_LEN = 24 };

static uint8_t image[64];
static size_t image_len;

/* The latch first: reading TIME_LOW replaces it. */
static void check_same(void)
{
    static const uint32_t regs[] = {RTC_TIME_HIGH, RTC_ALARM_LOW, RTC_ALARM_HIGH,
                                    RTC_IRQ_ENABLED, RTC_ALARM_STATUS, RTC_TIME_LOW,
                                    RTC_TIME_HIGH};
    for (unsigned i = 0; i < ARRAY_SIZE(regs); i++)
        CHECK_EQ(rd_on(&b2, regs[i]), rd(regs[i]));
}

/* Time set by the guest, its high half latched, an interrupt pending and enabled, and a
 * second alarm armed. */
static void test_snapshot(const struct device *d)
{
    CHECK(rtc_create(&b2) != NULL);
    const struct device *d2 = stub_board_device(&b2, "rtc");
    CHECK(d2 && d->ops->save && d->ops->load);
    if (!d2 || !d->ops->save)
        return;
    CHECK_EQ(d->ops->snap_tag, SNAP_TAG('G', 'R', 'T', 'C'));
    CHECK_EQ(d->ops->snap_version, 1);
    stub_wall_ns = 1000000;
    wr(RTC_TIME_HIGH, 0x77);
    wr(RTC_TIME_LOW, 0x12345678);
    wr(RTC_IRQ_ENABLED, 1);
    wr(RTC_ALARM_HIGH, 0);
    wr(RTC_ALARM_LOW, 5); /* in the past: fires */
    CHECK(stub_irq[VIRT_RTC_IRQ]);
    wr(RTC_ALARM_HIGH, 0x100);
    wr(RTC_ALARM_LOW, 0x9abc);
    CHECK_EQ(rd(RTC_TIME_LOW), 0x12345678);
    stub_wall_ns += 0x100000000ull; /* the latch now differs from the clock's high half */
    image_len = stub_snap_save(d, image, sizeof(image));
    CHECK_EQ(image_len, SNAP_LEN);
    stub_irq[VIRT_RTC_IRQ] = false;
    const char *why = "unset";
    CHECK(stub_snap_load(d2, image, image_len, &why));
    CHECK(why == NULL);
    CHECK(stub_irq[VIRT_RTC_IRQ]); /* the loaded device drives its line */
    check_same();
    CHECK_EQ(d2->ops->next_deadline(d2->dev), d->ops->next_deadline(d->dev));
    /* the pending interrupt came along: clearing it drops the line */
    CHECK(bus_write(&b2.bus, VIRT_RTC_BASE + RTC_CLEAR_INTERRUPT, 4, 1));
    CHECK(!stub_irq[VIRT_RTC_IRQ]);
    wr(RTC_CLEAR_INTERRUPT, 1);
}

static void expect_refused(size_t len, size_t patch_at, uint64_t patch, unsigned patch_size)
{
    CHECK(stub_snap_refuses(stub_board_device(&b2, "rtc"), image, image_len, len, patch_at, patch,
                            patch_size));
    check_same(); /* unchanged */
}

static void test_snapshot_refused(void)
{
    if (image_len != SNAP_LEN)
        return;
    expect_refused(0, 0, 0, 0);
    expect_refused(image_len - 1, 0, 0, 0);
    expect_refused(image_len + 1, 0, 0, 0);
    expect_refused(image_len, SNAP_FLAGS, 8, 4);
    expect_refused(image_len, SNAP_FLAGS, 0xffffffff, 4);
}

int main(void)
{
    CHECK_EQ(stub_board_init(&b2, 1), 0);
    CHECK_EQ(stub_board_init(&b, 1), 0);
    CHECK(rtc_create(&b) != NULL);
    const struct device *d = stub_board_device(&b, "rtc");
    CHECK(d != NULL);
    if (!d)
        return check_summary("rtc");
    test_time();
    test_alarm(d);
    test_fdt();
    test_snapshot(d);
    test_snapshot_refused();
    stub_board_free(&b);
    stub_board_free(&b2);
    return check_summary("rtc");
}
