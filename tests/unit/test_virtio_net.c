/* virtio-net: the --net argument, config space, TX and RX through real virtqueues in the stub
 * board's RAM with a fake backend (this file's net_backend_open), back-pressure and drops,
 * hostile chains, MAC translation after a fork, link changes, snapshots and their refusal,
 * and the frame ring under a real second thread. */
#include "check.h"
#include "stub_board.h"
#include "net/backend.h"
#include "net/config.h"
#include "virtio/net.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

static struct board b, b2;

#define RAM VIRT_DRAM_BASE
#define SLOT 1
#define BASE (VIRT_VIRTIO_BASE + SLOT * 0x1000)
#define IRQ (1 + SLOT)
#define QSIZE 8
#define HDR 12
#define RXQ 0
#define TXQ 1
#define DESC(q) (RAM + 0x1000 + (q) * 0x3000)
#define AVAIL(q) (DESC(q) + 0x1000)
#define USED(q) (DESC(q) + 0x2000)
#define BUF (RAM + 0x10000)
#define F_CSUM (1u << 0)
#define F_GUEST_CSUM (1u << 1)
#define F_MAC (1u << 5)
#define F_TSO4 (1u << 11)
#define F_TSO6 (1u << 12)
#define F_ECN (1u << 13)
#define F_STATUS (1u << 16)
#define F_OFFLOADS (F_CSUM | F_GUEST_CSUM | F_TSO4 | F_TSO6 | F_ECN)

static const uint8_t guest_mac[6] = {0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc};
static const uint8_t peer_mac[6] = {0x52, 0x55, 0x0a, 0x00, 0x02, 0x02};

/* --- the fake backend: a port and no thread; the test plays the backend's part --- */

struct fake {
    struct net_backend be;
    struct net_config cfg;
    struct net_env env;
    int after_forks;
};

static struct fake *fakes[2]; /* b's, then b2's */
static struct board *cur = &b;  /* the machine the driver helpers below drive */
static struct fake *cur_fake;   /* and its backend */
static unsigned n_fakes;
static bool fail_open;

static int fake_after_fork(struct net_backend *be, const struct net_env *env)
{
    struct fake *f = (struct fake *)be;
    f->after_forks++;
    f->env = *env;
    return net_port_after_fork(&be->port);
}

static void fake_destroy(struct net_backend *be)
{
    net_port_free(&be->port);
    free(be);
}

static const struct net_backend_ops fake_ops = {"fake", fake_after_fork, fake_destroy};

struct net_backend *net_backend_open(const struct net_config *cfg, const struct net_env *env,
                                     char *err, size_t errlen)
{
    struct fake *f = calloc(1, sizeof(*f));
    if (fail_open || !f || net_port_init(&f->be.port, env)) {
        snprintf(err, errlen, "fake backend refused");
        free(f);
        return NULL;
    }
    f->be.ops = &fake_ops;
    f->cfg = *cfg;
    f->env = *env;
    if (n_fakes < 2)
        fakes[n_fakes++] = f;
    return &f->be;
}

static struct net_port *port(void) { return &cur_fake->be.port; }

/* --- the driver's side --- */

static uint32_t rd_at(struct board *m, uint32_t off)
{
    uint64_t v = 0xdead;
    CHECK(bus_read(&m->bus, BASE + off, 4, &v));
    return (uint32_t)v;
}
static uint32_t rd(uint32_t off) { return rd_at(cur, off); }
static void wr(uint32_t off, uint32_t v) { CHECK(bus_write(&cur->bus, BASE + off, 4, v)); }
static uint8_t *ram(uint64_t addr) { return bus_ram_ptr(&cur->bus, addr, 1); }
static uint64_t get(uint64_t addr, unsigned size) { return load_le(ram(addr), size); }
static void put(uint64_t addr, uint64_t v, unsigned size) { store_le(ram(addr), v, size); }

static void set_desc(unsigned q, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    put(DESC(q) + 16 * i, addr, 8);
    put(DESC(q) + 16 * i + 8, len, 4);
    put(DESC(q) + 16 * i + 12, flags, 2);
    put(DESC(q) + 16 * i + 14, next, 2);
}

static void offer(unsigned q, uint16_t head)
{
    uint16_t idx = (uint16_t)get(AVAIL(q) + 2, 2);
    put(AVAIL(q) + 4 + 2 * (idx % QSIZE), head, 2);
    put(AVAIL(q) + 2, (uint16_t)(idx + 1), 2);
}

static uint16_t used_idx(unsigned q) { return (uint16_t)get(USED(q) + 2, 2); }
static uint32_t used_len(unsigned q, unsigned i) { return (uint32_t)get(USED(q) + 8 + 8 * (i % QSIZE), 4); }

static void setup_queue(unsigned q)
{
    wr(VIRTIO_MMIO_QUEUE_SEL, q);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC(q));
    wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(DESC(q) >> 32));
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL(q));
    wr(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(AVAIL(q) >> 32));
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED(q));
    wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(USED(q) >> 32));
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
}

/* Reset, `features` + VERSION_1, both queues, DRIVER_OK; rings and both port rings empty. */
static void driver_init_with(uint32_t features)
{
    memset(ram(RAM), 0, 0x40000);
    wr(VIRTIO_MMIO_STATUS, 0);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, features);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 1);
    wr(VIRTIO_MMIO_STATUS, 0xb);
    setup_queue(RXQ);
    setup_queue(TXQ);
    wr(VIRTIO_MMIO_STATUS, 0xf);
    wr(VIRTIO_MMIO_INTERRUPT_ACK, 3);
    net_ring_discard(&port()->tx);
    net_ring_discard(&port()->rx);
    memset(&port()->stats, 0, sizeof(port()->stats));
}

/* What the tests before the offloads drive: MAC + STATUS only. */
static void driver_init(void)
{
    driver_init_with(F_MAC | F_STATUS);
}

static const struct device *net_dev(struct board *m) { return stub_board_device(m, "virtio-net"); }

static void poll_dev(struct board *m) { net_dev(m)->ops->poll(net_dev(m)->dev); }

/* An Ethernet frame from `src` to `dst` of `len` bytes, payload bytes i ^ seed. */
static void make_frame(uint8_t *f, uint32_t len, const uint8_t *dst, const uint8_t *src, uint8_t seed)
{
    memcpy(f, dst, 6);
    memcpy(f + 6, src, 6);
    f[12] = 0x08, f[13] = 0x00;
    for (uint32_t i = 14; i < len; i++)
        f[i] = (uint8_t)(i ^ seed);
}

/* An ARP request: Ethernet/IPv4, sender `sha`, target `tha`. */
static void make_arp(uint8_t *f, const uint8_t *dst, const uint8_t *src, const uint8_t *sha,
                     const uint8_t *tha)
{
    memset(f, 0, 42);
    memcpy(f, dst, 6);
    memcpy(f + 6, src, 6);
    f[12] = 0x08, f[13] = 0x06;
    f[14] = 0, f[15] = 1, f[16] = 0x08, f[17] = 0, f[18] = 6, f[19] = 4, f[21] = 1;
    memcpy(f + 22, sha, 6);
    memcpy(f + 32, tha, 6);
}

/* The guest sends `frame` as header + frame in two descriptors, head `i` (0..QSIZE/2-1). */
static void guest_send(unsigned i, const uint8_t *frame, uint32_t len)
{
    uint64_t buf = BUF + 0x8000 + i * 0x1000;
    memset(ram(buf), 0, HDR);
    memcpy(ram(buf + HDR), frame, len);
    set_desc(TXQ, 2 * i, buf, HDR, VIRTQ_DESC_F_NEXT, (uint16_t)(2 * i + 1));
    set_desc(TXQ, 2 * i + 1, buf + HDR, len, 0, 0);
    offer(TXQ, (uint16_t)(2 * i));
}

/* The guest posts receive buffer `i` of `len` bytes. */
static void guest_post(unsigned i, uint32_t len)
{
    set_desc(RXQ, i, BUF + i * 0x1000, len, VIRTQ_DESC_F_WRITE, 0);
    offer(RXQ, (uint16_t)i);
}

/* --- tests --- */

static void test_config_parse(void)
{
    struct net_config c;
    char err[256];
    CHECK(!net_config_parse("user", &c, err, sizeof(err)) && c.kind == NET_USER && !c.has_mac);
    CHECK(!net_config_parse("user,hostfwd=tcp::8080-:80,hostfwd=udp:127.0.0.1:5353-10.0.2.9:53,"
                            "mac=52:54:00:AB:cd:01", &c, err, sizeof(err)));
    CHECK_EQ(c.n_fwd, 2);
    CHECK(!c.fwd[0].udp && c.fwd[0].host_port == 8080 && c.fwd[0].guest_port == 80);
    CHECK_EQ(c.fwd[0].host_addr.s_addr, 0);
    CHECK_EQ(c.fwd[0].guest_addr.s_addr, htonl(0x0a00020f)); /* 10.0.2.15 */
    CHECK(c.fwd[1].udp && c.fwd[1].host_addr.s_addr == htonl(0x7f000001));
    CHECK_EQ(c.fwd[1].guest_addr.s_addr, htonl(0x0a000209));
    CHECK(!strcmp(c.fwd[1].text, "udp:127.0.0.1:5353-10.0.2.9:53"));
    CHECK(c.has_mac && c.mac[3] == 0xab && c.mac[4] == 0xcd && c.mac[5] == 1);
    CHECK(!net_config_parse("user,hostfwd=:127.0.0.1:1-:65535", &c, err, sizeof(err)));
    CHECK(!c.fwd[0].udp && c.fwd[0].host_port == 1 && c.fwd[0].guest_port == 65535);
    CHECK(!net_config_parse("tap=tap0,mac=02:00:00:00:00:01", &c, err, sizeof(err)));
    CHECK(c.kind == NET_TAP && !strcmp(c.ifname, "tap0"));

    static const struct {
        const char *arg, *expect;
    } bad[] = {
        {"", "no backend given"},
        {"bogus", "unknown network backend 'bogus'"},
        {"user,foo=1", "unknown option 'foo'"},
        {"user,", "empty option"},
        {"user,,mac=52:54:00:00:00:01", "empty option"},
        {"user,hostfwd=tcp::99999-:80", "bad host port '99999'"},
        {"user,hostfwd=tcp::0-:80", "bad host port '0'"},
        {"user,hostfwd=tcp::80-:8x", "bad guest port '8x'"},
        {"user,hostfwd=tcp::-1-:80", "bad host port ''"},
        {"user,hostfwd=sctp::80-:80", "unknown protocol 'sctp'"},
        {"user,hostfwd=tcp:1.2.3:80-:80", "bad host address '1.2.3'"},
        {"user,hostfwd=tcp::80-10.0.2.x:80", "bad guest address '10.0.2.x'"},
        {"user,hostfwd=tcp:80-:80", "expected [tcp|udp]"},
        {"user,hostfwd=tcp::80", "expected [tcp|udp]"},
        {"user,mac=01:00:00:00:00:01", "bad MAC address '01:00:00:00:00:01'"},
        {"user,mac=00:00:00:00:00:00", "bad MAC address"},
        {"user,mac=52:54:00:12:34", "bad MAC address"},
        {"user,mac=52-54-00-12-34-56", "bad MAC address"},
        {"user,mac=52:54:00:12:34:5g", "bad MAC address"},
        {"tap=", "bad tap interface name ''"},
        {"tap=abcdefghijklmnopq", "bad tap interface name"},
        {"tap=tap0,hostfwd=tcp::80-:80", "hostfwd= is for user-mode"},
        {"tap=tap0,foo", "unknown option 'foo' (tap takes mac=)"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        err[0] = '\0';
        bool refused = net_config_parse(bad[i].arg, &c, err, sizeof(err)) == -1 &&
                       strstr(err, bad[i].expect) && !strchr(err, '\n');
        if (!refused)
            fprintf(stderr, "  '%s' gave '%s'\n", bad[i].arg, err);
        CHECK(refused);
    }
    char many[1024] = "user";
    for (int i = 0; i <= NET_MAX_HOSTFWD; i++)
        snprintf(many + strlen(many), sizeof(many) - strlen(many), ",hostfwd=::%d-:1", 1000 + i);
    CHECK(net_config_parse(many, &c, err, sizeof(err)) == -1 && strstr(err, "more than"));
}

static void test_create_refusals(void)
{
    struct board m;
    CHECK(stub_board_init(&m, 1) == 0);
    struct board_device_spec spec = {"net", "user,nope=1"};
    CHECK(virtio_net_create(&m, SLOT, &spec) == NULL);
    snprintf(spec.arg, sizeof(spec.arg), "user");
    fail_open = true;
    CHECK(virtio_net_create(&m, SLOT, &spec) == NULL);
    fail_open = false;
    CHECK_EQ(m.n_devices, 0);
    stub_board_free(&m);
}

static void test_registers(void)
{
    CHECK_EQ(rd(VIRTIO_MMIO_DEVICE_ID), 1);
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    CHECK_EQ(rd(VIRTIO_MMIO_DEVICE_FEATURES), F_MAC | F_STATUS | F_OFFLOADS);
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    CHECK_EQ(rd(VIRTIO_MMIO_DEVICE_FEATURES), 1);
    wr(VIRTIO_MMIO_QUEUE_SEL, 1);
    CHECK_EQ(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), VIRTQ_NUM_MAX);
    wr(VIRTIO_MMIO_QUEUE_SEL, 2);
    CHECK_EQ(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
    uint64_t v;
    for (unsigned i = 0; i < 6; i++)
        CHECK(bus_read(&b.bus, BASE + 0x100 + i, 1, &v) && v == guest_mac[i]);
    CHECK(bus_read(&b.bus, BASE + 0x106, 2, &v) && v == 1); /* link up */
    CHECK(bus_read(&b.bus, BASE + 0x104, 4, &v) && v == (0x10000u | 0xcc00u | 0xbbu));
    CHECK(bus_read(&b.bus, BASE + 0x108, 4, &v) && v == 0); /* past the config */
    CHECK(bus_write(&b.bus, BASE + 0x100, 1, 0xff));        /* the MAC is read-only */
    CHECK(bus_read(&b.bus, BASE + 0x100, 1, &v) && v == guest_mac[0]);
    CHECK(!memcmp(fakes[0]->cfg.mac, guest_mac, 6) && !fakes[0]->env.copy);
}

static void test_tx(void)
{
    driver_init();
    uint8_t f[1514];
    make_frame(f, sizeof(f), peer_mac, guest_mac, 7);
    guest_send(0, f, sizeof(f));
    make_frame(f, 60, peer_mac, guest_mac, 9);
    guest_send(1, f, 60);
    int kick = port()->kick_fd;
    uint64_t count = 0;
    (void)!read(kick, &count, sizeof(count));
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    CHECK_EQ(used_idx(TXQ), 2);
    CHECK_EQ(used_len(TXQ, 0), 0);
    CHECK(stub_irq[IRQ]);
    CHECK(read(kick, &count, sizeof(count)) == sizeof(count) && count == 1); /* one kick a batch */
    uint32_t len;
    uint8_t *got = net_ring_front(&port()->tx, &len);
    CHECK(got && len == 1514);
    make_frame(f, 1514, peer_mac, guest_mac, 7);
    CHECK(got && !memcmp(got, f, 1514)); /* header skipped, wire MAC = guest MAC */
    net_ring_take(&port()->tx);
    got = net_ring_front(&port()->tx, &len);
    CHECK(got && len == 60 && got[14] == (14 ^ 9));
    net_ring_take(&port()->tx);
    CHECK(net_ring_empty(&port()->tx));
    CHECK_EQ(port()->stats.tx_frames, 2);

    /* a chain shorter than the header, one longer than a frame can be: used, not sent */
    set_desc(TXQ, 0, BUF, HDR - 1, 0, 0);
    offer(TXQ, 0);
    set_desc(TXQ, 1, BUF, 0x20000, 0, 0);
    offer(TXQ, 1);
    set_desc(TXQ, 2, BUF, HDR, 0, 0); /* header only: an empty frame is passed on */
    offer(TXQ, 2);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    CHECK_EQ(used_idx(TXQ), 5);
    CHECK_EQ(port()->stats.tx_bad, 2);
    CHECK(net_ring_front(&port()->tx, &len) && len == 0);
    net_ring_take(&port()->tx);
    CHECK_EQ(rd(VIRTIO_MMIO_STATUS), 0xf);
}

/* A full ring to the backend keeps chains in the guest's queue until it makes room. */
static void test_tx_backpressure(void)
{
    driver_init();
    uint8_t f[64];
    make_frame(f, sizeof(f), peer_mac, guest_mac, 1);
    while (net_ring_reserve(&port()->tx))
        net_ring_put(&port()->tx, f, sizeof(f));
    uint32_t len;
    net_ring_front(&port()->tx, &len);
    net_ring_take(&port()->tx); /* room for exactly one */
    for (unsigned i = 0; i < 3; i++)
        guest_send(i, f, sizeof(f));
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    CHECK_EQ(used_idx(TXQ), 1);
    CHECK(atomic_load(&port()->tx_blocked));
    poll_dev(&b); /* still full: nothing */
    CHECK_EQ(used_idx(TXQ), 1);
    /* the backend takes two and wakes the machine */
    b.wake_fd = eventfd(0, EFD_NONBLOCK);
    for (int i = 0; i < 2; i++) {
        net_ring_front(&port()->tx, &len);
        net_ring_take(&port()->tx);
    }
    net_port_tx_taken(port());
    uint64_t count = 0;
    CHECK(read(b.wake_fd, &count, sizeof(count)) == sizeof(count) && count == 1);
    CHECK(!atomic_load(&port()->tx_blocked));
    poll_dev(&b);
    CHECK_EQ(used_idx(TXQ), 3);
    close(b.wake_fd);
    b.wake_fd = -1;
    CHECK_EQ(port()->stats.tx_frames, 3);
    CHECK_EQ(port()->tx.dropped, 0);
}

static void test_rx(void)
{
    driver_init();
    uint8_t f[1514], g[100];
    make_frame(f, sizeof(f), guest_mac, peer_mac, 3);
    net_port_deliver(port(), f, sizeof(f)); /* no buffer yet: it waits */
    poll_dev(&b);
    CHECK_EQ(used_idx(RXQ), 0);
    CHECK(!net_ring_empty(&port()->rx));
    guest_post(0, 1526);
    guest_post(1, 1526);
    bus_clear_dirty(&b.bus);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, RXQ); /* the guest added buffers: delivered now */
    CHECK_EQ(used_idx(RXQ), 1);
    CHECK_EQ(used_len(RXQ, 0), HDR + 1514);
    CHECK_EQ(get(BUF + 10, 2), 1); /* num_buffers */
    CHECK_EQ(get(BUF, 8), 0);      /* no flags, no GSO */
    CHECK(!memcmp(ram(BUF + HDR), f, sizeof(f)));
    CHECK(stub_irq[IRQ]);
    CHECK(bitmap_test(b.bus.dirty, bus_page(&b.bus, BUF))); /* snapshots see the write */
    wr(VIRTIO_MMIO_INTERRUPT_ACK, 1);

    /* armed after a poll: the next frame wakes the machine */
    b.wake_fd = eventfd(0, EFD_NONBLOCK);
    make_frame(g, sizeof(g), guest_mac, peer_mac, 4);
    net_port_deliver(port(), g, sizeof(g));
    uint64_t count = 0;
    CHECK(read(b.wake_fd, &count, sizeof(count)) == sizeof(count) && count == 1);
    net_port_deliver(port(), g, sizeof(g)); /* not armed again until the machine looked */
    CHECK(read(b.wake_fd, &count, sizeof(count)) < 0);
    close(b.wake_fd);
    b.wake_fd = -1;
    poll_dev(&b);
    CHECK_EQ(used_idx(RXQ), 2);
    CHECK_EQ(used_len(RXQ, 1), HDR + sizeof(g));
    CHECK(!memcmp(ram(BUF + 0x1000 + HDR), g, sizeof(g)));
    CHECK(!net_ring_empty(&port()->rx)); /* the second waits for a buffer */

    /* too big for the buffer: dropped, and the buffer serves the next frame */
    net_ring_discard(&port()->rx);
    guest_post(2, HDR + 60);
    net_port_deliver(port(), f, sizeof(f));
    net_port_deliver(port(), g, 60);
    poll_dev(&b);
    CHECK_EQ(used_idx(RXQ), 3);
    CHECK_EQ(used_len(RXQ, 2), HDR + 60);
    CHECK_EQ(port()->stats.rx_too_big, 1);
    CHECK_EQ(port()->stats.rx_frames, 3);
    /* a buffer that cannot even hold the header */
    guest_post(3, HDR - 2);
    net_port_deliver(port(), g, 60);
    poll_dev(&b);
    CHECK_EQ(used_idx(RXQ), 3);
    CHECK_EQ(port()->stats.rx_too_big, 2);

    /* a full ring drops what the backend delivers and counts it */
    for (unsigned i = 0; i < NET_RING_SLOTS + 3; i++)
        net_port_deliver(port(), g, 60);
    CHECK_EQ(port()->rx.dropped, 3);
    /* no driver: what arrives is discarded */
    wr(VIRTIO_MMIO_STATUS, 0);
    poll_dev(&b);
    CHECK(net_ring_empty(&port()->rx));
    net_port_deliver(port(), g, 60);
    poll_dev(&b);
    CHECK(net_ring_empty(&port()->rx));
}

/* Bad chains stop the device (needs reset); it never crashes or writes outside RAM. */
static void test_hostile(void)
{
    uint8_t f[60];
    make_frame(f, sizeof(f), guest_mac, peer_mac, 5);
    driver_init();
    set_desc(TXQ, 0, RAM + b.bus.ram_size - 4, 64, 0, 0);
    offer(TXQ, 0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    CHECK(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    CHECK(rd(VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG);

    driver_init();
    set_desc(RXQ, 0, BUF, 2048, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 0); /* a loop */
    offer(RXQ, 0);
    net_port_deliver(port(), f, sizeof(f));
    poll_dev(&b);
    CHECK(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    CHECK_EQ(used_idx(RXQ), 0);
    poll_dev(&b); /* broken: what arrives is dropped */
    CHECK(net_ring_empty(&port()->rx));

    driver_init();
    put(AVAIL(RXQ) + 2, QSIZE + 3, 2); /* an avail index too far ahead */
    net_port_deliver(port(), f, sizeof(f));
    poll_dev(&b);
    CHECK(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);

    driver_init();
    set_desc(TXQ, 0, BUF, HDR, VIRTQ_DESC_F_WRITE, 0); /* write-only: nothing to send */
    offer(TXQ, 0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    CHECK_EQ(used_idx(TXQ), 1);
    CHECK_EQ(port()->stats.tx_bad, 1);
    CHECK_EQ(rd(VIRTIO_MMIO_STATUS), 0xf);
}

/* A clone keeps the guest's MAC in config space and gets a wire MAC of its own. */
static void test_identity(void)
{
    driver_init();
    CHECK(board_after_fork(&b) == 0);
    CHECK_EQ(fakes[0]->after_forks, 1);
    CHECK(fakes[0]->env.copy && !strcmp(fakes[0]->env.copy_kind, "clone"));
    uint64_t v;
    CHECK(bus_read(&b.bus, BASE + 0x100, 4, &v) && v == load_le(guest_mac, 4));

    uint8_t f[60], arp[42], other[6] = {0x52, 0x54, 0, 1, 2, 3};
    make_frame(f, sizeof(f), peer_mac, guest_mac, 1);
    guest_send(0, f, sizeof(f));
    make_arp(arp, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", guest_mac, guest_mac, other);
    guest_send(1, arp, sizeof(arp));
    make_frame(f, sizeof(f), peer_mac, other, 2); /* not the guest's address: untouched */
    guest_send(2, f, sizeof(f));
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    uint32_t len;
    uint8_t wire[6], *got = net_ring_front(&port()->tx, &len);
    CHECK(got && len == 60);
    if (!got)
        return;
    memcpy(wire, got + 6, 6);
    CHECK(memcmp(wire, guest_mac, 6) && wire[0] == 0x02);
    CHECK(!memcmp(got, peer_mac, 6));
    net_ring_take(&port()->tx);
    got = net_ring_front(&port()->tx, &len);
    CHECK(got && !memcmp(got + 6, wire, 6) && !memcmp(got + 22, wire, 6));
    CHECK(got && !memcmp(got + 32, other, 6));
    net_ring_take(&port()->tx);
    got = net_ring_front(&port()->tx, &len);
    CHECK(got && !memcmp(got + 6, other, 6));
    net_ring_take(&port()->tx);

    /* coming in: the wire address becomes the guest's again, in Ethernet and ARP */
    make_frame(f, sizeof(f), wire, peer_mac, 3);
    net_port_deliver(port(), f, sizeof(f));
    make_arp(arp, wire, peer_mac, peer_mac, wire);
    net_port_deliver(port(), arp, sizeof(arp));
    make_frame(f, sizeof(f), (const uint8_t *)"\xff\xff\xff\xff\xff\xff", peer_mac, 4);
    net_port_deliver(port(), f, sizeof(f));
    for (unsigned i = 0; i < 3; i++)
        guest_post(i, 1526);
    poll_dev(&b);
    CHECK_EQ(used_idx(RXQ), 3);
    CHECK(!memcmp(ram(BUF + HDR), guest_mac, 6));
    CHECK(!memcmp(ram(BUF + 0x1000 + HDR), guest_mac, 6));
    CHECK(!memcmp(ram(BUF + 0x1000 + HDR + 32), guest_mac, 6));
    CHECK(!memcmp(ram(BUF + 0x1000 + HDR + 22), peer_mac, 6));
    CHECK_EQ(get(BUF + 0x2000 + HDR, 4), 0xffffffff);
}

static void test_link(void)
{
    driver_init();
    uint32_t gen = rd(VIRTIO_MMIO_CONFIG_GENERATION);
    atomic_store(&port()->link_up, false);
    poll_dev(&b);
    uint64_t v;
    CHECK(bus_read(&b.bus, BASE + 0x106, 2, &v) && v == 0);
    CHECK(rd(VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG);
    CHECK(rd(VIRTIO_MMIO_CONFIG_GENERATION) != gen);
    uint8_t f[60];
    make_frame(f, sizeof(f), peer_mac, guest_mac, 1);
    guest_send(0, f, sizeof(f));
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    CHECK_EQ(used_idx(TXQ), 1); /* the guest gets its buffer back */
    CHECK(net_ring_empty(&port()->tx));
    CHECK_EQ(port()->stats.tx_no_link, 1);
    wr(VIRTIO_MMIO_INTERRUPT_ACK, 3);
    atomic_store(&port()->link_up, true);
    poll_dev(&b);
    CHECK(bus_read(&b.bus, BASE + 0x106, 2, &v) && v == 1);
    CHECK(rd(VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG);
}

/* --- offloads: checksums and segmentation on the host --- */

#define NEEDS_CSUM 1
#define DATA_VALID 2
#define GSO_TCPV4 1
#define GSO_TCPV6 4
#define GSO_ECN 0x80
#define TCP_FIN 0x01
#define TCP_PSH 0x08
#define TCP_ACK 0x10
#define TCP_CWR 0x80
#define BIG (RAM + 0x80000) /* room for a 64 KiB frame in the guest's RAM */

struct vhdr {
    uint8_t flags, gso_type;
    uint16_t hdr_len, gso_size, csum_start, csum_offset;
};

static uint32_t be16(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t be32(const uint8_t *p) { return be16(p) << 16 | be16(p + 2); }
static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16), put16(p + 2, v); }

/* The Internet checksum the slow, obvious way (RFC 1071: big-endian 16-bit words one at a
 * time), independent of src/net/csum.c. */
static uint32_t ref_sum(uint32_t sum, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i += 2)
        sum += (uint32_t)p[i] << 8 | (i + 1 < n ? p[i + 1] : 0);
    return sum;
}

static uint16_t ref_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)sum;
}

static uint32_t ref_pseudo(const uint8_t *ip, bool v6, uint8_t proto, uint32_t l4len)
{
    uint8_t b[40];
    if (v6) {
        uint8_t tail[8] = {0, 0, (uint8_t)(l4len >> 8), (uint8_t)l4len, 0, 0, 0, proto};
        return ref_sum(ref_sum(0, ip + 8, 32), tail, 8);
    }
    memcpy(b, ip + 12, 8);
    b[8] = 0, b[9] = proto, b[10] = (uint8_t)(l4len >> 8), b[11] = (uint8_t)l4len;
    return ref_sum(0, b, 12);
}

/* What the checksum field at l4 + field should hold (computed with the field zeroed). */
static uint16_t ref_l4(const uint8_t *ip, bool v6, uint8_t proto, const uint8_t *l4,
                       uint32_t l4len, unsigned field)
{
    static uint8_t tmp[NET_FRAME_MAX];
    memcpy(tmp, l4, l4len);
    tmp[field] = tmp[field + 1] = 0;
    return (uint16_t)~ref_fold(ref_pseudo(ip, v6, proto, l4len) + ref_sum(0, tmp, l4len));
}

static uint16_t ref_ip(const uint8_t *ip)
{
    uint8_t tmp[20];
    memcpy(tmp, ip, 20);
    tmp[10] = tmp[11] = 0;
    return (uint16_t)~ref_fold(ref_sum(0, tmp, 20));
}

/* Ethernet + IPv4 (20) + TCP with a timestamp option (32) + `payload` bytes, guest to peer.
 * Checksums are left zero. Returns the frame's length. */
static uint32_t make_tcp4(uint8_t *f, uint32_t payload, uint8_t flags, uint32_t seq)
{
    memset(f, 0, 66);
    memcpy(f, peer_mac, 6);
    memcpy(f + 6, guest_mac, 6);
    f[12] = 0x08;
    uint8_t *ip = f + 14, *th = ip + 20;
    ip[0] = 0x45;
    put16(ip + 2, 52 + payload);
    put16(ip + 4, 0x1234);
    ip[6] = 0x40; /* DF */
    ip[8] = 64;
    ip[9] = 6;
    memcpy(ip + 12, "\x0a\x00\x02\x0f\x0a\x00\x02\x02", 8);
    put16(th, 40000);
    put16(th + 2, 5001);
    put32(th + 4, seq);
    put32(th + 8, 0x01020304);
    th[12] = 8 << 4;
    th[13] = flags;
    put16(th + 14, 502);
    th[20] = 1, th[21] = 1, th[22] = 8, th[23] = 10; /* NOP NOP TS */
    put32(th + 24, 0xaabbccdd);
    put32(th + 28, 0x11223344);
    for (uint32_t i = 0; i < payload; i++)
        th[32 + i] = (uint8_t)(i * 7 + 3);
    return 66 + payload;
}

/* Ethernet + IPv6 (40) + TCP (20) + `payload` bytes. */
static uint32_t make_tcp6(uint8_t *f, uint32_t payload, uint8_t flags, uint32_t seq)
{
    memset(f, 0, 74);
    memcpy(f, peer_mac, 6);
    memcpy(f + 6, guest_mac, 6);
    f[12] = 0x86, f[13] = 0xdd;
    uint8_t *ip = f + 14, *th = ip + 40;
    ip[0] = 0x60;
    put16(ip + 4, 20 + payload);
    ip[6] = 6;
    ip[7] = 64;
    for (unsigned i = 0; i < 16; i++)
        ip[8 + i] = (uint8_t)(0xfd + i), ip[24 + i] = (uint8_t)(0x20 + 3 * i);
    put16(th, 40001);
    put16(th + 2, 22);
    put32(th + 4, seq);
    put32(th + 8, 99);
    th[12] = 5 << 4;
    th[13] = flags;
    put16(th + 14, 1000);
    for (uint32_t i = 0; i < payload; i++)
        th[20 + i] = (uint8_t)(i * 13 + 1);
    return 74 + payload;
}

/* Ethernet + IPv4 + UDP + `payload` bytes, checksums zero. */
static uint32_t make_udp4(uint8_t *f, uint32_t payload)
{
    uint32_t len = make_tcp4(f, 0, 0, 0);
    (void)len;
    uint8_t *ip = f + 14, *uh = ip + 20;
    ip[9] = 17;
    put16(ip + 2, 28 + payload);
    memset(uh, 0, 8);
    put16(uh, 5353);
    put16(uh + 2, 53);
    put16(uh + 4, 8 + payload);
    for (uint32_t i = 0; i < payload; i++)
        uh[8 + i] = (uint8_t)(i * 5 + 11);
    return 42 + payload;
}

/* Right checksums in a frame make_* built (so the host may mark it DATA_VALID). */
static void seal(uint8_t *f)
{
    uint8_t *ip = f + 14;
    if (f[12] == 0x86) {
        uint32_t l4len = be16(ip + 4);
        put16(ip + 40 + 16, ref_l4(ip, true, 6, ip + 40, l4len, 16));
        return;
    }
    put16(ip + 10, ref_ip(ip));
    uint32_t l4len = be16(ip + 2) - 20;
    unsigned field = ip[9] == 6 ? 16 : 6;
    put16(ip + 20 + field, ref_l4(ip, false, ip[9], ip + 20, l4len, field));
}

/* The guest sends `h` and `frame` as head 0: the header, then the frame in up to three
 * pieces (a driver's scatter-gather list), from BIG. */
static void send_with(const struct vhdr *h, const uint8_t *frame, uint32_t len)
{
    uint8_t *hb = ram(BIG - 0x100);
    memset(hb, 0, HDR);
    hb[0] = h->flags, hb[1] = h->gso_type;
    store_le(hb + 2, h->hdr_len, 2);
    store_le(hb + 4, h->gso_size, 2);
    store_le(hb + 6, h->csum_start, 2);
    store_le(hb + 8, h->csum_offset, 2);
    memcpy(ram(BIG), frame, len);
    uint32_t piece[3] = {len < 60 ? len : 60, 0, 0};
    piece[1] = (len - piece[0]) / 2;
    piece[2] = len - piece[0] - piece[1];
    unsigned n = 0;
    uint64_t at = BIG;
    set_desc(TXQ, n, BIG - 0x100, HDR, 0, 0);
    for (unsigned i = 0; i < 3; i++) {
        if (!piece[i])
            continue;
        put(DESC(TXQ) + 16 * n + 12, VIRTQ_DESC_F_NEXT, 2);
        put(DESC(TXQ) + 16 * n + 14, n + 1, 2);
        set_desc(TXQ, ++n, at, piece[i], 0, 0);
        at += piece[i];
    }
    offer(TXQ, 0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
}

/* The next frame the device queued for the backend, copied out (NULL when none). */
static uint8_t *ring_pop(uint32_t *len)
{
    static uint8_t copy[NET_FRAME_MAX];
    uint8_t *got = net_ring_front(&port()->tx, len);
    if (!got)
        return NULL;
    memcpy(copy, got, *len);
    net_ring_take(&port()->tx);
    return copy;
}

/* One 64 KiB TCP/IPv4 segment with ECN's CWR, FIN and PSH, cut at an MSS of 1448 with the
 * sequence numbers wrapping past 2^32: every segment checked field by field. */
static void test_tso4(void)
{
    driver_init_with(F_MAC | F_STATUS | F_OFFLOADS);
    static uint8_t f[NET_FRAME_MAX];
    const uint32_t mss = 1448, payload = 65535 - 20 - 32, seq0 = 0xfffff000u;
    uint32_t len = make_tcp4(f, payload, TCP_ACK | TCP_PSH | TCP_FIN | TCP_CWR, seq0);
    CHECK_EQ(len, 65549);
    struct vhdr h = {NEEDS_CSUM, GSO_TCPV4 | GSO_ECN, 66, (uint16_t)mss, 34, 16};
    send_with(&h, f, len);
    CHECK_EQ(used_idx(TXQ), 1);
    CHECK(stub_irq[IRQ]);
    unsigned n = (payload + mss - 1) / mss;
    CHECK_EQ(n, 46);
    CHECK_EQ(port()->stats.tx_gso, 1);
    CHECK_EQ(port()->stats.tx_frames, n);
    for (unsigned i = 0; i < n; i++) {
        uint32_t slen, plen = i + 1 < n ? mss : payload - (n - 1) * mss;
        uint8_t *seg = ring_pop(&slen);
        CHECK(seg && slen == 66 + plen);
        if (!seg || slen != 66 + plen)
            return;
        uint8_t *ip = seg + 14, *th = ip + 20;
        CHECK(!memcmp(seg, f, 14));
        CHECK_EQ(ip[0], 0x45);
        CHECK_EQ(be16(ip + 2), 52 + plen);
        CHECK_EQ(be16(ip + 4), (0x1234 + i) & 0xffff);
        CHECK_EQ(be16(ip + 6), 0x4000);
        CHECK(!memcmp(ip + 8, f + 22, 2) && !memcmp(ip + 12, f + 26, 8));
        CHECK_EQ(be16(ip + 10), ref_ip(ip));
        CHECK(!memcmp(th, f + 34, 4));                 /* ports */
        CHECK_EQ(be32(th + 4), seq0 + i * mss);        /* wraps after the 3rd */
        CHECK(!memcmp(th + 8, f + 42, 5));             /* ack, data offset */
        uint8_t want = TCP_ACK | (i == 0 ? TCP_CWR : 0) | (i + 1 == n ? TCP_PSH | TCP_FIN : 0);
        CHECK_EQ(th[13], want);
        CHECK(!memcmp(th + 14, f + 48, 2) && !memcmp(th + 18, f + 52, 14)); /* window, options */
        CHECK_EQ(be16(th + 16), ref_l4(ip, false, 6, th, 32 + plen, 16));
        CHECK(!memcmp(th + 32, f + 66 + i * mss, plen));
    }
    CHECK(net_ring_empty(&port()->tx));
    CHECK_EQ(rd(VIRTIO_MMIO_STATUS), 0xf);
}

static void test_tso6(void)
{
    driver_init_with(F_MAC | F_STATUS | F_OFFLOADS);
    static uint8_t f[8192];
    const uint32_t mss = 1400, payload = 3000;
    uint32_t len = make_tcp6(f, payload, TCP_ACK | TCP_PSH, 1000);
    struct vhdr h = {NEEDS_CSUM, GSO_TCPV6, 74, (uint16_t)mss, 54, 16};
    send_with(&h, f, len);
    CHECK_EQ(port()->stats.tx_frames, 3);
    for (unsigned i = 0; i < 3; i++) {
        uint32_t slen, plen = i < 2 ? mss : payload - 2 * mss;
        uint8_t *seg = ring_pop(&slen);
        CHECK(seg && slen == 74 + plen);
        if (!seg || slen != 74 + plen)
            return;
        uint8_t *ip = seg + 14, *th = ip + 40;
        CHECK(!memcmp(seg, f, 18) && !memcmp(ip + 6, f + 20, 34));
        CHECK_EQ(be16(ip + 4), 20 + plen);
        CHECK_EQ(be32(th + 4), 1000 + i * mss);
        CHECK_EQ(th[13], TCP_ACK | (i == 2 ? TCP_PSH : 0));
        CHECK_EQ(be16(th + 16), ref_l4(ip, true, 6, th, 20 + plen, 16));
        CHECK(!memcmp(th + 20, f + 74 + i * mss, plen));
    }
}

/* VIRTIO_NET_F_CSUM: a UDP datagram of odd length and a TCP segment, each with the pseudo-
 * header sum where the guest's kernel leaves it; a frame without the flag goes untouched. */
static void test_csum_offload(void)
{
    driver_init_with(F_MAC | F_STATUS | F_CSUM);
    static uint8_t f[2048];
    uint32_t len = make_udp4(f, 333), slen;
    uint8_t *ip = f + 14;
    put16(ip + 10, ref_ip(ip));
    put16(ip + 26, ref_fold(ref_pseudo(ip, false, 17, 341)));
    struct vhdr h = {NEEDS_CSUM, 0, 0, 0, 34, 6};
    send_with(&h, f, len);
    uint8_t *got = ring_pop(&slen);
    CHECK(got && slen == len);
    if (!got)
        return;
    CHECK(!memcmp(got, f, 40) && !memcmp(got + 42, f + 42, len - 42));
    CHECK_EQ(be16(got + 40), ref_l4(got + 14, false, 17, got + 34, 341, 6));

    len = make_tcp4(f, 1000, TCP_ACK, 5);
    put16(ip + 10, ref_ip(ip));
    put16(ip + 36, ref_fold(ref_pseudo(ip, false, 6, 1032)));
    h = (struct vhdr){NEEDS_CSUM, 0, 0, 0, 34, 16};
    send_with(&h, f, len);
    got = ring_pop(&slen);
    CHECK(got && slen == len && be16(got + 50) == ref_l4(got + 14, false, 6, got + 34, 1032, 16));

    h.flags = 0;
    send_with(&h, f, len);
    got = ring_pop(&slen);
    CHECK(got && slen == len && !memcmp(got, f, len));
    CHECK_EQ(port()->stats.tx_frames, 3);
    CHECK_EQ(port()->stats.tx_bad_offload, 0);
}

/* Sent with `h`, the frame must be refused: its chain returned, nothing on the wire, the
 * refusal counted, the device still working. */
static void refused(const struct vhdr *h, const uint8_t *f, uint32_t len, const char *what)
{
    uint16_t before = used_idx(TXQ);
    uint64_t bad = port()->stats.tx_bad_offload;
    send_with(h, f, len);
    bool ok = used_idx(TXQ) == (uint16_t)(before + 1) && port()->stats.tx_bad_offload == bad + 1 &&
              net_ring_empty(&port()->tx) && rd(VIRTIO_MMIO_STATUS) == 0xf;
    if (!ok)
        fprintf(stderr, "  not refused: %s\n", what);
    CHECK(ok);
    net_ring_discard(&port()->tx);
}

/* Every length and offset in the header and the frame is the guest's: each lie is refused. */
static void test_offload_hostile(void)
{
    driver_init_with(F_MAC | F_STATUS | F_OFFLOADS);
    static uint8_t f[8192], g[8192];
    uint32_t len = make_tcp4(f, 3000, TCP_ACK, 1), slen;
    const struct vhdr ok = {NEEDS_CSUM, GSO_TCPV4, 66, 1448, 34, 16};
    struct vhdr h;
#define HDR_CASE(field, val, what) (h = ok, h.field = (val), refused(&h, f, len, what))
    HDR_CASE(gso_size, 0, "gso_size 0");
    HDR_CASE(gso_size, (uint16_t)(len + 1), "gso_size past the frame");
    HDR_CASE(hdr_len, (uint16_t)(len + 1), "hdr_len past the frame");
    HDR_CASE(csum_start, (uint16_t)(len + 1), "csum_start past the frame");
    HDR_CASE(csum_offset, (uint16_t)(len - 34 - 1), "checksum field across the end");
    HDR_CASE(gso_type, 3, "UFO");
    HDR_CASE(gso_type, 5, "UDP segmentation");
    HDR_CASE(gso_type, 2, "an unknown gso_type");
    HDR_CASE(gso_type, GSO_TCPV6, "TCPv6 on an IPv4 frame");
#undef HDR_CASE
    h = ok;
    refused(&h, f, 20, "shorter than the IP header");
    refused(&h, f, 66, "headers only, nothing to cut");
#define FRAME_CASE(at, val, what) (memcpy(g, f, len), g[at] = (val), refused(&h, g, len, what))
    FRAME_CASE(14 + 9, 17, "TSO of UDP");
    FRAME_CASE(14, 0x46, "IPv4 options");
    FRAME_CASE(14, 0x65, "IPv6 version in an IPv4 header");
    FRAME_CASE(14 + 6, 0x60, "more fragments");
    FRAME_CASE(14 + 7, 0x01, "a fragment offset");
    FRAME_CASE(14 + 2, 0x20, "IP total length past the frame");
    FRAME_CASE(14 + 20 + 12, 0x40, "TCP data offset under 5");
    FRAME_CASE(12, 0x86, "not IPv4");
#undef FRAME_CASE
    uint32_t short_len = make_tcp4(g, 10, TCP_ACK, 1);
    g[14 + 20 + 12] = 0xf0; /* a 60-byte TCP header in a 42-byte segment */
    h = (struct vhdr){NEEDS_CSUM, GSO_TCPV4, 0, 5, 34, 16};
    refused(&h, g, short_len, "TCP data offset past the packet");

    len = make_tcp6(g, 3000, TCP_ACK, 1);
    h = (struct vhdr){NEEDS_CSUM, GSO_TCPV6, 74, 1400, 54, 16};
    g[14 + 6] = 0; /* a hop-by-hop header first */
    refused(&h, g, len, "an IPv6 extension header");
    g[14 + 6] = 6, g[14 + 4] = g[14 + 5] = 0;
    refused(&h, g, len, "IPv6 payload length 0");
    g[14 + 4] = 0xff;
    refused(&h, g, len, "IPv6 payload length past the frame");
    h.gso_type = GSO_TCPV4;
    make_tcp6(g, 3000, TCP_ACK, 1);
    refused(&h, g, len, "TCPv4 on an IPv6 frame");

    h = (struct vhdr){NEEDS_CSUM, 0, 0, 0, (uint16_t)(len - 1), 0};
    refused(&h, f, len, "plain frame, checksum past the end");
    h.csum_start = (uint16_t)(len + 5);
    refused(&h, f, len, "plain frame, csum_start past the end");

    /* what the driver did not take cannot be asked for */
    h = ok;
    driver_init_with(F_MAC | F_STATUS | F_CSUM | F_TSO4);
    h.gso_type = GSO_TCPV4 | GSO_ECN;
    refused(&h, f, len, "ECN without HOST_ECN");
    driver_init_with(F_MAC | F_STATUS | F_CSUM);
    h.gso_type = GSO_TCPV4;
    refused(&h, f, len, "TSO without HOST_TSO4");
    driver_init_with(F_MAC | F_STATUS | F_TSO4);
    refused(&h, f, len, "TSO without CSUM");
    h = (struct vhdr){NEEDS_CSUM, 0, 0, 0, 34, 16};
    refused(&h, f, len, "a checksum without CSUM");

    /* and the card still sends what is right */
    driver_init_with(F_MAC | F_STATUS | F_OFFLOADS);
    send_with(&ok, f, len);
    CHECK_EQ(port()->stats.tx_frames, 3);
    CHECK(ring_pop(&slen) && slen == 66 + 1448);
}

/* A ring with room for a few frames: the TSO frame's chain goes back at once, its segments
 * follow as the backend makes room, and a frame sent after it waits behind them. A reset
 * forgets the segments not yet queued. */
static void test_tso_backpressure(void)
{
    driver_init_with(F_MAC | F_STATUS | F_OFFLOADS);
    static uint8_t f[NET_FRAME_MAX];
    uint8_t small[60];
    make_frame(small, sizeof(small), peer_mac, guest_mac, 1);
    for (unsigned i = 0; i < NET_RING_SLOTS - 4; i++)
        net_ring_put(&port()->tx, small, sizeof(small));
    uint32_t len = make_tcp4(f, 20 * 1000, TCP_ACK, 7), slen;
    struct vhdr h = {NEEDS_CSUM, GSO_TCPV4, 66, 1000, 34, 16};
    send_with(&h, f, len);
    CHECK_EQ(used_idx(TXQ), 1);
    CHECK_EQ(port()->stats.tx_frames, 4);
    CHECK(atomic_load(&port()->tx_blocked));
    guest_send(1, small, sizeof(small)); /* behind the segments */
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    CHECK_EQ(used_idx(TXQ), 1);
    for (unsigned i = 0; i < NET_RING_SLOTS - 4; i++)
        ring_pop(&slen);
    poll_dev(&b);
    CHECK_EQ(used_idx(TXQ), 2);
    for (unsigned i = 0; i < 20; i++) {
        uint8_t *seg = ring_pop(&slen);
        CHECK(seg && slen == 66 + 1000 && be32(seg + 38) == 7 + i * 1000);
    }
    uint8_t *got = ring_pop(&slen);
    CHECK(got && slen == sizeof(small) && !memcmp(got, small, sizeof(small)));
    CHECK(net_ring_empty(&port()->tx));

    for (unsigned i = 0; i < NET_RING_SLOTS - 4; i++)
        net_ring_put(&port()->tx, small, sizeof(small));
    send_with(&h, f, len);
    CHECK_EQ(used_idx(TXQ), 3);
    driver_init_with(F_MAC | F_STATUS | F_OFFLOADS); /* a reset; empties the ring too */
    poll_dev(&b);
    CHECK(net_ring_empty(&port()->tx));
}

/* VIRTIO_NET_F_GUEST_CSUM: what the host verified is marked DATA_VALID, nothing else. */
static void rx_flags_case(const uint8_t *f, uint32_t len, uint8_t want, const char *what)
{
    guest_post(0, 2048);
    net_port_deliver(port(), f, len);
    poll_dev(&b);
    bool ok = used_idx(RXQ) && get(BUF, 1) == want && !memcmp(ram(BUF + HDR), f, len);
    if (!ok)
        fprintf(stderr, "  rx flags wrong: %s\n", what);
    CHECK(ok);
    put(USED(RXQ) + 2, 0, 2); /* the test's own bookkeeping: start the used ring over */
    put(AVAIL(RXQ) + 2, 0, 2);
    wr(VIRTIO_MMIO_STATUS, 0);
}

static void rx_case(uint32_t features, const uint8_t *f, uint32_t len, uint8_t want,
                    const char *what)
{
    driver_init_with(features);
    rx_flags_case(f, len, want, what);
}

static void test_guest_csum(void)
{
    const uint32_t all = F_MAC | F_STATUS | F_OFFLOADS;
    static uint8_t f[4096], g[4096];
    uint32_t len = make_tcp4(f, 1000, TCP_ACK, 3);
    seal(f);
    rx_case(all, f, len, DATA_VALID, "TCP/IPv4");
    rx_case(F_MAC | F_STATUS, f, len, 0, "GUEST_CSUM not taken");
    memcpy(g, f, len);
    g[100] ^= 1;
    rx_case(all, g, len, 0, "a TCP payload bit flipped");
    memcpy(g, f, len);
    g[14 + 8] = 63; /* TTL: only the IP header checksum is wrong now */
    rx_case(all, g, len, 0, "a bad IPv4 header checksum");
    memcpy(g, f, len);
    g[14 + 6] |= 0x20;
    seal(g);
    rx_case(all, g, len, 0, "a fragment");
    memcpy(g, f, len);
    rx_case(all, g, len - 1, 0, "IPv4 total length past the frame");

    len = make_udp4(f, 101);
    seal(f);
    rx_case(all, f, len, DATA_VALID, "UDP/IPv4");
    f[14 + 26] = f[14 + 27] = 0;
    rx_case(all, f, len, 0, "UDP without a checksum");

    len = make_tcp6(f, 777, TCP_ACK, 9);
    seal(f);
    rx_case(all, f, len, DATA_VALID, "TCP/IPv6");
    f[14 + 6] = 0;
    rx_case(all, f, len, 0, "IPv6 with an extension header");

    uint8_t arp[42];
    make_arp(arp, guest_mac, peer_mac, peer_mac, guest_mac);
    rx_case(all, arp, sizeof(arp), 0, "ARP");
    /* padded to Ethernet's minimum after a short IP packet: still verified */
    memset(f, 0, 128);
    len = make_tcp4(f, 2, TCP_ACK, 1);
    seal(f);
    rx_case(all, f, len + 12, DATA_VALID, "a padded short segment");
    driver_init();
}

/* --- snapshots --- */

#define ST_MAC 106 /* after the transport: 40 bytes + 2 queues of 33 */
#define ST_LEN (ST_MAC + 6 + 4)

static size_t save(struct board *m, uint8_t *buf, size_t cap)
{
    return stub_snap_save(net_dev(m), buf, cap);
}

static void refuse(const uint8_t *image, size_t len, size_t at, uint64_t val, unsigned size,
                   const char *what)
{
    uint8_t before[256], after[256];
    size_t n = save(&b2, before, sizeof(before));
    bool refused = stub_snap_refuses(net_dev(&b2), image, len, size ? len : at, at, val, size);
    if (!refused)
        fprintf(stderr, "  snapshot not refused: %s\n", what);
    CHECK(refused);
    CHECK_EQ(save(&b2, after, sizeof(after)), n);
    CHECK(!memcmp(before, after, n));
}

static void test_snapshot(void)
{
    driver_init();
    uint8_t image[256], again[256];
    size_t len = save(&b, image, sizeof(image));
    CHECK_EQ(len, ST_LEN);
    CHECK_EQ(load_le(image, 4), 1);     /* device id */
    CHECK_EQ(load_le(image + 4, 4), 2); /* queues */
    CHECK(!memcmp(image + ST_MAC, guest_mac, 6));
    CHECK_EQ(load_le(image + ST_MAC + 6, 4), 1);

    refuse(image, len, ST_MAC, 0x01, 1, "a group MAC address");
    refuse(image, len, ST_MAC, 0, 8, "a zero MAC address");
    refuse(image, len, ST_MAC + 6, 2, 4, "unknown status bits");
    refuse(image, len, len - 1, 0, 0, "a byte short");
    refuse(image, len, ST_MAC, 0, 0, "no device part");
    const char *why = NULL;
    image[len] = 0;
    CHECK(!stub_snap_load(net_dev(&b2), image, len + 1, &why) && why); /* a byte long */

    /* b2 (another MAC, fresh boot) takes b's state: the guest's MAC, and on a fresh machine
     * the wire keeps following it (still one identity) */
    memcpy(b2.bus.ram, b.bus.ram, b.bus.ram_size);
    net_port_deliver(&fakes[1]->be.port, "stale", 5);
    CHECK(stub_snap_load(net_dev(&b2), image, len, &why));
    CHECK(why == NULL);
    CHECK(net_ring_empty(&fakes[1]->be.port.rx)); /* frames in flight are dropped */
    CHECK_EQ(save(&b2, again, sizeof(again)), len);
    CHECK(!memcmp(image, again, len));
    uint64_t v;
    CHECK(bus_read(&b2.bus, BASE + 0x100, 4, &v) && v == load_le(guest_mac, 4));
    uint8_t f[60];
    make_frame(f, sizeof(f), peer_mac, guest_mac, 1);
    memcpy(bus_ram_ptr(&b2.bus, BUF + 0x8000, 72) + HDR, f, sizeof(f));
    uint8_t *desc = bus_ram_ptr(&b2.bus, DESC(TXQ), 16), *avail = bus_ram_ptr(&b2.bus, AVAIL(TXQ), 8);
    store_le(desc, BUF + 0x8000, 8);
    store_le(desc + 8, HDR + sizeof(f), 4);
    store_le(desc + 12, 0, 4);
    store_le(avail + 4, 0, 2);
    store_le(avail + 2, 1, 2);
    CHECK(bus_write(&b2.bus, BASE + VIRTIO_MMIO_QUEUE_NOTIFY, 4, TXQ));
    uint32_t flen;
    uint8_t *got = net_ring_front(&fakes[1]->be.port.tx, &flen);
    CHECK(got && flen == 60 && !memcmp(got + 6, guest_mac, 6));
}

/* A machine rebuilt from a snapshot is a copy: its wire MAC is new from the start, and a
 * hostfwd that cannot bind is not fatal for it. */
static void test_restored(void)
{
    static struct board m;
    CHECK(stub_board_init(&m, 1) == 0);
    m.from_snapshot = true;
    struct board_device_spec spec = {"net", "user,mac=52:54:00:aa:bb:cc"};
    unsigned before = n_fakes;
    n_fakes = 0;
    CHECK(virtio_net_create(&m, SLOT, &spec) != NULL);
    struct fake *f0 = fakes[0];
    n_fakes = before;
    fakes[0] = cur_fake;
    CHECK(f0->env.copy && !strcmp(f0->env.copy_kind, "restored machine"));
    uint8_t image[256];
    CHECK_EQ(save(&m, image, sizeof(image)), ST_LEN);
    CHECK(!memcmp(image + ST_MAC, guest_mac, 6)); /* the guest's address is the spec's */
    /* what goes on the wire is not */
    cur = &m;
    cur_fake = f0;
    driver_init();
    uint8_t f[60];
    make_frame(f, sizeof(f), peer_mac, guest_mac, 1);
    guest_send(0, f, sizeof(f));
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    uint32_t len;
    uint8_t *got = net_ring_front(&port()->tx, &len);
    CHECK(got && memcmp(got + 6, guest_mac, 6) && got[6] == 0x02);
    cur = &b;
    cur_fake = fakes[0];
    stub_board_free(&m);
}

/* --- the ring with a real second thread: every frame arrives whole and in order, or is
 * counted as dropped --- */

#define STRESS_FRAMES 20000

static void *producer(void *arg)
{
    struct net_port *p = arg;
    uint8_t f[1514];
    for (uint32_t i = 0; i < STRESS_FRAMES; i++) {
        uint32_t len = 60 + i % 1400;
        for (uint32_t k = 0; k < len; k++)
            f[k] = (uint8_t)(i + k);
        memcpy(f, &i, 4);
        net_port_deliver(p, f, len);
    }
    return NULL;
}

static void test_ring_threads(void)
{
    struct net_port p;
    struct net_env env = {NULL, NULL, false, "test"};
    CHECK(net_port_init(&p, &env) == 0);
    pthread_t th;
    CHECK(pthread_create(&th, NULL, producer, &p) == 0);
    uint32_t seen = 0, last = 0, bad = 0;
    bool first = true, done = false;
    uint64_t deadline = host_now_ns() + 20000000000ull;
    while (!done && host_now_ns() < deadline) {
        done = seen + atomic_load(&p.rx.dropped) == STRESS_FRAMES;
        uint32_t len;
        uint8_t *f;
        while ((f = net_ring_front(&p.rx, &len))) {
            uint32_t i;
            memcpy(&i, f, 4);
            bad += len != 60 + i % 1400 || (!first && i <= last) || f[len - 1] != (uint8_t)(i + len - 1);
            last = i, first = false;
            seen++;
            net_ring_take(&p.rx);
        }
        net_port_rx_arm(&p);
    }
    pthread_join(th, NULL);
    CHECK_EQ(bad, 0);
    CHECK_EQ(seen + p.rx.dropped, STRESS_FRAMES);
    CHECK(seen > 0);
    net_port_free(&p);
}

static int create(struct board *m)
{
    struct board_device_spec spec = {"net", "user,mac=52:54:00:aa:bb:cc"};
    if (stub_board_init(m, 1))
        return -1;
    return virtio_net_create(m, SLOT, &spec) ? 0 : -1;
}

int main(void)
{
    test_config_parse();
    test_create_refusals();
    CHECK(create(&b) == 0 && create(&b2) == 0 && n_fakes == 2);
    if (n_fakes != 2)
        return check_summary("test_virtio_net");
    cur_fake = fakes[0];
    test_registers();
    test_tx();
    test_tx_backpressure();
    test_rx();
    test_hostile();
    test_link();
    test_tso4();
    test_tso6();
    test_csum_offload();
    test_offload_hostile();
    test_tso_backpressure();
    test_guest_csum();
    test_snapshot();
    test_identity();
    test_restored();
    test_ring_threads();
    stub_board_free(&b);
    stub_board_free(&b2);
    return check_summary("test_virtio_net");
}
