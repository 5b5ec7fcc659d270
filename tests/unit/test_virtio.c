/* virtio-mmio transport, split virtqueues and the entropy device: registers, feature
 * negotiation, a request through rings the test builds in guest RAM, the interrupt, every
 * kind of hostile queue or chain (the device must need a reset, never crash or hang),
 * snapshots and the device-tree node. */
#include "check.h"
#include "stub_board.h"
#include "virtio/rng.h"

#include <libfdt.h>

static struct board b;
static struct board b2; /* same configuration: snapshots are loaded into it */

#define RAM VIRT_DRAM_BASE
#define DESC (RAM + 0x1000)
#define AVAIL (RAM + 0x2000)
#define USED (RAM + 0x3000)
#define BUF (RAM + 0x10000)
#define QSIZE 8
#define IRQ 1 /* slot 0 */

static uint32_t rd_at(struct board *m, uint32_t off)
{
    uint64_t v = 0xdead;
    CHECK(bus_read(&m->bus, VIRT_VIRTIO_BASE + off, 4, &v));
    return (uint32_t)v;
}

static uint32_t rd(uint32_t off) { return rd_at(&b, off); }

static void wr(uint32_t off, uint32_t v)
{
    CHECK(bus_write(&b.bus, VIRT_VIRTIO_BASE + off, 4, v));
}

static uint8_t *ram(uint64_t addr) { return bus_ram_ptr(&b.bus, addr, 1); }
static uint64_t get(uint64_t addr, unsigned size) { return load_le(ram(addr), size); }
static void put(uint64_t addr, uint64_t v, unsigned size) { store_le(ram(addr), v, size); }

static void set_desc(unsigned i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
    put(DESC + 16 * i, addr, 8);
    put(DESC + 16 * i + 8, len, 4);
    put(DESC + 16 * i + 12, flags, 2);
    put(DESC + 16 * i + 14, next, 2);
}

/* Make chain `head` available as the driver does: ring entry, then the index. */
static void offer(uint16_t head)
{
    uint16_t idx = (uint16_t)get(AVAIL + 2, 2);
    put(AVAIL + 4 + 2 * (idx % QSIZE), head, 2);
    put(AVAIL + 2, (uint16_t)(idx + 1), 2);
}

/* A driver's whole setup (§3.1.1): reset, negotiate VERSION_1, queue 0, DRIVER_OK. */
static void driver_init(uint32_t num, uint64_t desc, uint64_t avail, uint64_t used)
{
    memset(ram(RAM), 0, 0x20000);
    wr(VIRTIO_MMIO_STATUS, 0);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 1);
    wr(VIRTIO_MMIO_STATUS, 0xb);
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    wr(VIRTIO_MMIO_QUEUE_NUM, num);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)desc);
    wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(desc >> 32));
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)avail);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(avail >> 32));
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)used);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(used >> 32));
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
    wr(VIRTIO_MMIO_STATUS, 0xf);
}

static void good_queue(void) { driver_init(QSIZE, DESC, AVAIL, USED); }

static bool all_zero(uint64_t addr, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (get(addr + i, 1))
            return false;
    return true;
}

static void test_registers(void)
{
    CHECK_EQ(rd(VIRTIO_MMIO_MAGIC), 0x74726976);
    CHECK_EQ(rd(VIRTIO_MMIO_VERSION), 2);
    CHECK_EQ(rd(VIRTIO_MMIO_DEVICE_ID), 4);
    CHECK_EQ(rd(VIRTIO_MMIO_VENDOR_ID), 0x554d4551);
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    CHECK_EQ(rd(VIRTIO_MMIO_DEVICE_FEATURES), 0);
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    CHECK_EQ(rd(VIRTIO_MMIO_DEVICE_FEATURES), 1); /* VERSION_1, bit 32 */
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 2);
    CHECK_EQ(rd(VIRTIO_MMIO_DEVICE_FEATURES), 0);
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    CHECK_EQ(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), VIRTQ_NUM_MAX);
    wr(VIRTIO_MMIO_QUEUE_SEL, 1);
    CHECK_EQ(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0); /* one queue only */
    wr(VIRTIO_MMIO_QUEUE_NUM, 8);               /* ignored */
    CHECK_EQ(rd(VIRTIO_MMIO_QUEUE_NUM), 0);
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    CHECK_EQ(rd(VIRTIO_MMIO_STATUS), 0);
    CHECK_EQ(rd(VIRTIO_MMIO_CONFIG_GENERATION), 0);
    /* control registers: aligned 32-bit only; config space: 8/16/32-bit aligned */
    uint64_t v;
    CHECK(!bus_read(&b.bus, VIRT_VIRTIO_BASE, 1, &v));
    CHECK(!bus_read(&b.bus, VIRT_VIRTIO_BASE, 2, &v));
    CHECK(!bus_read(&b.bus, VIRT_VIRTIO_BASE, 8, &v));
    CHECK(!bus_read(&b.bus, VIRT_VIRTIO_BASE + 2, 4, &v));
    CHECK(!bus_write(&b.bus, VIRT_VIRTIO_BASE + VIRTIO_MMIO_STATUS, 1, 1));
    CHECK(!bus_write(&b.bus, VIRT_VIRTIO_BASE + VIRTIO_MMIO_STATUS, 8, 1));
    CHECK_EQ(rd(VIRTIO_MMIO_STATUS), 0);
    CHECK(bus_read(&b.bus, VIRT_VIRTIO_BASE + 0x100, 1, &v) && v == 0);
    CHECK(bus_read(&b.bus, VIRT_VIRTIO_BASE + 0x102, 2, &v) && v == 0);
    CHECK(bus_read(&b.bus, VIRT_VIRTIO_BASE + 0xffc, 4, &v) && v == 0);
    CHECK(!bus_read(&b.bus, VIRT_VIRTIO_BASE + 0x100, 8, &v));
    CHECK(!bus_read(&b.bus, VIRT_VIRTIO_BASE + 0x101, 2, &v));
    CHECK(bus_write(&b.bus, VIRT_VIRTIO_BASE + 0x100, 4, 7));
}

/* --- snapshots --- */

static size_t save_dev(struct board *m, uint8_t *buf, size_t cap)
{
    const struct device *d = stub_board_device(m, "virtio-rng");
    return d ? stub_snap_save(d, buf, cap) : 0;
}

#define ST_STATUS 8
#define ST_FEATURES 20
#define ST_ISR 32
#define ST_Q 40 /* num u32, ready u8, desc, avail, used u64, last_avail, used_idx u16 */
#define ST_LEN (ST_Q + 33 + 8)

/* FEATURES_OK only for a subset of the offer that includes VERSION_1. */
static void test_features(void)
{
    static const struct {
        uint32_t lo, hi;
        bool ok;
    } cases[] = {{0, 0, false}, {0, 1, true}, {1, 1, false}, {0, 3, false}, {0x10000000, 1, false}};
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        wr(VIRTIO_MMIO_STATUS, 0);
        wr(VIRTIO_MMIO_STATUS, 3);
        wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
        wr(VIRTIO_MMIO_DRIVER_FEATURES, cases[i].lo);
        wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
        wr(VIRTIO_MMIO_DRIVER_FEATURES, cases[i].hi);
        wr(VIRTIO_MMIO_STATUS, 0xb);
        CHECK_EQ(rd(VIRTIO_MMIO_STATUS), cases[i].ok ? 0xb : 3);
    }
    /* accepted features are fixed: a later write cannot take VERSION_1 away */
    wr(VIRTIO_MMIO_STATUS, 0);
    wr(VIRTIO_MMIO_STATUS, 3);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 1);
    wr(VIRTIO_MMIO_STATUS, 0xb);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 0);
    uint8_t image[256];
    CHECK_EQ(save_dev(&b, image, sizeof(image)), ST_LEN);
    CHECK_EQ(load_le(image + ST_FEATURES, 8), VIRTIO_F_VERSION_1);
    wr(VIRTIO_MMIO_STATUS, 0);
    CHECK_EQ(rd(VIRTIO_MMIO_STATUS), 0);
}

static void test_request(void)
{
    good_queue();
    CHECK_EQ(rd(VIRTIO_MMIO_STATUS), 0xf);
    CHECK_EQ(rd(VIRTIO_MMIO_QUEUE_READY), 1);
    CHECK(!stub_irq[IRQ]);
    set_desc(0, BUF, 64, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
    bus_clear_dirty(&b.bus);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK_EQ(get(USED + 2, 2), 1);
    CHECK_EQ(get(USED + 4, 4), 0);  /* id */
    CHECK_EQ(get(USED + 8, 4), 64); /* len */
    CHECK(!all_zero(BUF, 64));
    CHECK(all_zero(BUF + 64, 64));
    CHECK(bitmap_test(b.bus.dirty, bus_page(&b.bus, BUF)));  /* snapshots see both writes */
    CHECK(bitmap_test(b.bus.dirty, bus_page(&b.bus, USED)));
    CHECK(!bitmap_test(b.bus.dirty, bus_page(&b.bus, DESC)));
    CHECK(stub_irq[IRQ]);
    CHECK_EQ(rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_USED);
    wr(VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_USED);
    CHECK(!stub_irq[IRQ]);
    CHECK_EQ(rd(VIRTIO_MMIO_INTERRUPT_STATUS), 0);

    /* two write-only segments: served up to the per-request bound, across both */
    set_desc(1, BUF + 0x100, 10, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    set_desc(2, BUF + 0x1000, 8000, VIRTQ_DESC_F_WRITE, 0);
    offer(1);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK_EQ(get(USED + 2, 2), 2);
    CHECK_EQ(get(USED + 12, 4), 1);
    CHECK_EQ(get(USED + 16, 4), VIRTIO_RNG_MAX_REQUEST);
    CHECK(!all_zero(BUF + 0x100, 10));
    CHECK(all_zero(BUF + 0x1000 + VIRTIO_RNG_MAX_REQUEST - 10, 64));
    wr(VIRTIO_MMIO_INTERRUPT_ACK, 1);

    /* the driver polls: no interrupt, the buffer is still used */
    put(AVAIL, VIRTQ_AVAIL_F_NO_INTERRUPT, 2);
    offer(0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK_EQ(get(USED + 2, 2), 3);
    CHECK(!stub_irq[IRQ]);
    CHECK_EQ(rd(VIRTIO_MMIO_INTERRUPT_STATUS), 0);
    put(AVAIL, 0, 2);
    /* a notify for a queue that does not exist, and an empty one: nothing */
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 5);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK_EQ(get(USED + 2, 2), 3);
    /* a live queue's configuration is fixed */
    wr(VIRTIO_MMIO_QUEUE_NUM, 2);
    CHECK_EQ(rd(VIRTIO_MMIO_QUEUE_NUM), QSIZE);

    /* buffers offered before DRIVER_OK are served when it is set, not before */
    driver_init(QSIZE, DESC, AVAIL, USED);
    wr(VIRTIO_MMIO_STATUS, 0);
    wr(VIRTIO_MMIO_STATUS, 3);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 1);
    wr(VIRTIO_MMIO_STATUS, 0xb);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED);
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
    set_desc(0, BUF, 16, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK_EQ(get(USED + 2, 2), 0);
    wr(VIRTIO_MMIO_STATUS, 0xf);
    CHECK_EQ(get(USED + 2, 2), 1);
    wr(VIRTIO_MMIO_STATUS, 0);
    CHECK(!stub_irq[IRQ]);
}

/* The device must have stopped: NEEDS_RESET, a config interrupt, nothing used; a reset
 * brings it back. */
static void expect_broken(const char *what)
{
    uint32_t status = rd(VIRTIO_MMIO_STATUS);
    if (!(status & VIRTIO_STATUS_NEEDS_RESET))
        fprintf(stderr, "  not refused: %s\n", what);
    CHECK(status & VIRTIO_STATUS_NEEDS_RESET);
    CHECK(rd(VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG);
    CHECK(stub_irq[IRQ]);
    CHECK_EQ(get(USED + 2, 2), 0);
    wr(VIRTIO_MMIO_STATUS, 0xf); /* the driver cannot clear it */
    CHECK(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK_EQ(get(USED + 2, 2), 0);
    wr(VIRTIO_MMIO_STATUS, 0);
    CHECK_EQ(rd(VIRTIO_MMIO_STATUS), 0);
    CHECK(!stub_irq[IRQ]);
}

/* A chain the driver should never make: set up by `make`, offered, notified. */
static void bad_chain(const char *what, void (*make)(void))
{
    good_queue();
    make();
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    expect_broken(what);
}

static void chain_loop(void)
{
    set_desc(0, BUF, 8, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    set_desc(1, BUF, 8, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 0);
    offer(0);
}
static void chain_self_loop(void)
{
    set_desc(3, BUF, 0, VIRTQ_DESC_F_NEXT, 3);
    offer(3);
}
static void chain_outside_ram(void)
{
    set_desc(0, 0x1000, 8, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
}
static void chain_past_ram_end(void)
{
    set_desc(0, RAM + b.bus.ram_size - 8, 64, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
}
static void chain_addr_wraps(void)
{
    set_desc(0, UINT64_MAX - 4, 16, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
}
static void chain_len_huge(void)
{
    set_desc(0, BUF, UINT32_MAX, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
}
static void chain_head_out_of_range(void) { offer(QSIZE); }
static void chain_next_out_of_range(void)
{
    set_desc(0, BUF, 8, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 0xffff);
    offer(0);
}
static void chain_write_then_read(void)
{
    set_desc(0, BUF, 8, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    set_desc(1, BUF + 8, 8, 0, 0);
    offer(0);
}
static void chain_indirect(void)
{
    set_desc(0, BUF, 16, VIRTQ_DESC_F_INDIRECT, 0);
    offer(0);
}
static void chain_avail_too_far(void)
{
    set_desc(0, BUF, 8, VIRTQ_DESC_F_WRITE, 0);
    put(AVAIL + 2, QSIZE + 1, 2);
}

/* QueueReady for a queue that cannot be valid. */
static void bad_queue(const char *what, uint32_t num, uint64_t desc, uint64_t avail, uint64_t used)
{
    driver_init(num, desc, avail, used);
    CHECK_EQ(rd(VIRTIO_MMIO_QUEUE_READY), 0);
    expect_broken(what);
}

static void test_hostile(void)
{
    static const struct {
        const char *what;
        void (*make)(void);
    } chains[] = {
        {"a two-descriptor loop", chain_loop},
        {"a descriptor that is its own next", chain_self_loop},
        {"a buffer outside RAM", chain_outside_ram},
        {"a buffer past the end of RAM", chain_past_ram_end},
        {"an address that wraps", chain_addr_wraps},
        {"a 4 GiB length", chain_len_huge},
        {"a head past the queue", chain_head_out_of_range},
        {"a next past the queue", chain_next_out_of_range},
        {"write-only before read-only", chain_write_then_read},
        {"an indirect descriptor, not offered", chain_indirect},
        {"an avail index more than a queue ahead", chain_avail_too_far},
    };
    for (size_t i = 0; i < ARRAY_SIZE(chains); i++)
        bad_chain(chains[i].what, chains[i].make);

    bad_queue("size 3", 3, DESC, AVAIL, USED);
    bad_queue("size 512", 512, DESC, AVAIL, USED);
    bad_queue("size 0", 0, DESC, AVAIL, USED);
    bad_queue("descriptors outside RAM", QSIZE, 0x1000, AVAIL, USED);
    bad_queue("used ring past RAM", QSIZE, DESC, AVAIL, RAM + b.bus.ram_size - 16);
    bad_queue("avail ring at 4 GiB up", QSIZE, DESC, 0xfffffffffffff000ull, USED);
    bad_queue("misaligned descriptors", QSIZE, DESC + 8, AVAIL, USED);
    bad_queue("misaligned used ring", QSIZE, DESC, AVAIL, USED + 2);

    /* after all that, a good request works */
    good_queue();
    set_desc(0, BUF, 32, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK_EQ(get(USED + 2, 2), 1);
    CHECK_EQ(rd(VIRTIO_MMIO_STATUS), 0xf);
}

/* Copy helpers: offsets across segments, reads of the read-only part. */
static void test_copy(void)
{
    memset(ram(RAM), 0, 0x20000);
    struct virtq q = {.num = QSIZE, .ready = 1, .desc = DESC, .avail = AVAIL, .used = USED};
    set_desc(0, BUF, 3, VIRTQ_DESC_F_NEXT, 1);
    set_desc(1, BUF + 0x10, 5, VIRTQ_DESC_F_NEXT, 2);
    set_desc(2, BUF + 0x20, 4, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
    memcpy(ram(BUF), "abc", 3);
    memcpy(ram(BUF + 0x10), "defgh", 5);
    struct virtq_chain c;
    CHECK_EQ(virtq_pop(&q, &b.bus, &c), VIRTQ_OK);
    CHECK_EQ(c.n_ro, 2);
    CHECK_EQ(c.n_wo, 1);
    CHECK_EQ(c.ro_len, 8);
    CHECK_EQ(c.wo_len, 4);
    char got[16] = {0};
    CHECK_EQ(virtq_read(&b.bus, &c, 2, got, 16), 6);
    CHECK(memcmp(got, "cdefgh", 6) == 0);
    CHECK_EQ(virtq_write(&b.bus, &c, 1, "XYZW", 4), 3);
    CHECK(memcmp(ram(BUF + 0x20), "\0XYZ", 4) == 0);
    CHECK_EQ(virtq_pop(&q, &b.bus, &c), VIRTQ_EMPTY);
    CHECK_EQ(virtq_push(&q, &b.bus, 0, 3), VIRTQ_OK);
    CHECK_EQ(get(USED + 2, 2), 1);
}

static void refuse(const uint8_t *image, size_t len, size_t at, uint64_t val, unsigned size,
                   const char *what)
{
    const struct device *d2 = stub_board_device(&b2, "virtio-rng");
    uint8_t bad[256], before[256], after[256];
    memcpy(bad, image, len);
    if (size)
        store_le(bad + at, val, size);
    size_t n = save_dev(&b2, before, sizeof(before));
    const char *why = NULL;
    bool ok = stub_snap_load(d2, bad, size ? len : at, &why);
    if (ok || !why)
        fprintf(stderr, "  snapshot not refused: %s\n", what);
    CHECK(!ok && why);
    CHECK_EQ(save_dev(&b2, after, sizeof(after)), n);
    CHECK(memcmp(before, after, n) == 0); /* unchanged */
}

static void test_snapshot(void)
{
    const struct device *d = stub_board_device(&b, "virtio-rng");
    const struct device *d2 = stub_board_device(&b2, "virtio-rng");
    CHECK(d && d2);
    if (!d || !d2)
        return;
    CHECK_EQ(d->ops->snap_tag, SNAP_TAG('V', 'I', 'O', '0'));
    CHECK_EQ(d->ops->snap_version, 1);
    good_queue();
    set_desc(0, BUF, 16, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
    offer(0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0); /* leaves the interrupt pending */
    uint8_t image[256], again[256];
    size_t len = save_dev(&b, image, sizeof(image));
    CHECK_EQ(len, ST_LEN);
    CHECK_EQ(load_le(image, 4), 4);
    CHECK_EQ(load_le(image + ST_STATUS, 4), 0xf);
    CHECK_EQ(load_le(image + ST_Q, 4), QSIZE);
    CHECK_EQ(load_le(image + ST_Q + 29, 2), 2); /* last_avail */
    CHECK_EQ(load_le(image + ST_Q + 31, 2), 2); /* used_idx */

    refuse(image, len, 0, 1, 4, "another device id");
    refuse(image, len, 4, 2, 4, "another queue count");
    refuse(image, len, ST_STATUS, 0x10f, 4, "unknown status bits");
    refuse(image, len, ST_FEATURES, 1, 8, "a feature not offered");
    refuse(image, len, ST_ISR, 4, 4, "unknown interrupt bits");
    refuse(image, len, ST_Q, 3, 4, "queue size 3");
    refuse(image, len, ST_Q, 512, 4, "queue size 512");
    refuse(image, len, ST_Q + 4, 2, 1, "ready = 2");
    refuse(image, len, ST_Q + 5, 0x1000, 8, "ready with descriptors outside RAM");
    refuse(image, len, ST_Q + 21, RAM + b.bus.ram_size - 8, 8, "ready, used ring past RAM");
    refuse(image, len, len - 1, 0, 0, "a byte short");
    refuse(image, len, 0, 0, 0, "empty");
    const char *why = NULL;
    image[len] = 0;
    CHECK(!stub_snap_load(d2, image, len + 1, &why) && why); /* a byte long */

    /* the round trip: b2 gets b's RAM and the section, then answers as b does */
    memcpy(b2.bus.ram, b.bus.ram, b.bus.ram_size);
    stub_irq[IRQ] = false;
    CHECK(stub_snap_load(d2, image, len, &why));
    CHECK(why == NULL);
    CHECK(stub_irq[IRQ]); /* the pending interrupt drives the line again */
    CHECK_EQ(save_dev(&b2, again, sizeof(again)), len);
    CHECK(memcmp(image, again, len) == 0);
    CHECK_EQ(rd_at(&b2, VIRTIO_MMIO_STATUS), 0xf);
    CHECK_EQ(rd_at(&b2, VIRTIO_MMIO_QUEUE_NUM), QSIZE);
    CHECK_EQ(rd_at(&b2, VIRTIO_MMIO_QUEUE_READY), 1);
    CHECK_EQ(rd_at(&b2, VIRTIO_MMIO_INTERRUPT_STATUS), 1);
    /* the next request continues the rings where b left them */
    uint8_t *avail2 = bus_ram_ptr(&b2.bus, AVAIL, 8), *used2 = bus_ram_ptr(&b2.bus, USED, 32);
    store_le(avail2 + 4 + 2 * 2, 0, 2);
    store_le(avail2 + 2, 3, 2);
    CHECK(bus_write(&b2.bus, VIRT_VIRTIO_BASE + VIRTIO_MMIO_QUEUE_NOTIFY, 4, 0));
    CHECK_EQ(load_le(used2 + 2, 2), 3);
    CHECK_EQ(load_le(used2 + 4 + 8 * 2 + 4, 4), 16);
}

/* A deterministic machine's entropy is a stream in the snapshot: a replay reads the same. */
static void test_deterministic(void)
{
    b.deterministic = b2.deterministic = true;
    uint8_t image[256];
    good_queue();
    size_t len = save_dev(&b, image, sizeof(image));
    memcpy(b2.bus.ram, b.bus.ram, b.bus.ram_size);
    const char *why;
    CHECK(stub_snap_load(stub_board_device(&b2, "virtio-rng"), image, len, &why));
    set_desc(0, BUF, 48, VIRTQ_DESC_F_WRITE, 0);
    offer(0);
    memcpy(b2.bus.ram, b.bus.ram, 0x20000);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK(bus_write(&b2.bus, VIRT_VIRTIO_BASE + VIRTIO_MMIO_QUEUE_NOTIFY, 4, 0));
    CHECK(!all_zero(BUF, 48));
    CHECK(memcmp(ram(BUF), bus_ram_ptr(&b2.bus, BUF, 48), 48) == 0);
    b.deterministic = b2.deterministic = false;
}

static void test_fdt(void)
{
    static char buf[4096];
    CHECK_EQ(stub_board_fdt(&b, buf, sizeof(buf), NULL), 0);
    int node = fdt_path_offset(buf, "/soc/virtio_mmio@10001000");
    CHECK(node >= 0);
    CHECK(fdt_node_check_compatible(buf, node, "virtio,mmio") == 0);
    int len;
    const fdt32_t *reg = fdt_getprop(buf, node, "reg", &len);
    CHECK(reg && len == 16);
    if (reg && len == 16) {
        CHECK_EQ(fdt32_to_cpu(reg[1]), 0x10001000);
        CHECK_EQ(fdt32_to_cpu(reg[3]), 0x1000);
    }
    const fdt32_t *irq = fdt_getprop(buf, node, "interrupts", NULL);
    const fdt32_t *parent = fdt_getprop(buf, node, "interrupt-parent", NULL);
    CHECK(irq && fdt32_to_cpu(*irq) == 1);
    CHECK(parent && fdt32_to_cpu(*parent) == 20);
}

static void test_slots(void)
{
    /* slot 8 does not exist; slot 0 is taken */
    CHECK(virtio_rng_create(&b2, 8) == NULL);
    CHECK(virtio_rng_create(&b2, 0) == NULL);
    struct virtio_mmio *t = virtio_rng_create(&b2, 7);
    CHECK(t != NULL);
    const struct device *d = &b2.devices[b2.n_devices - 1];
    CHECK_EQ(d->ops->snap_tag, SNAP_TAG('V', 'I', 'O', '7'));
    CHECK_EQ(rd_at(&b2, 7 * 0x1000 + VIRTIO_MMIO_MAGIC), VIRTIO_MMIO_MAGIC_VALUE);
}

int main(void)
{
    CHECK_EQ(stub_board_init(&b2, 1), 0);
    CHECK_EQ(stub_board_init(&b, 1), 0);
    CHECK(virtio_rng_create(&b, 0) != NULL);
    CHECK(virtio_rng_create(&b2, 0) != NULL);
    test_registers();
    test_features();
    test_request();
    test_hostile();
    test_copy();
    test_snapshot();
    test_deterministic();
    test_fdt();
    test_slots();
    stub_board_free(&b);
    stub_board_free(&b2);
    return check_summary("virtio");
}
