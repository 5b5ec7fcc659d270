/* virtio socket device, packet by packet through real rings in the stub board's RAM and real
 * Unix sockets in a temporary directory: the argument, the config space, a request nobody
 * listens to, hostile packets and chains, both directions of connection setup, data both
 * ways, credit, shutdown, and the snapshot section (with the transport reset it causes). */
#include "check.h"
#include "vq_driver.h"
#include "virtio/vsock_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SLOT 1
#define RXQ 0
#define TXQ 1
#define EVQ 2
#define CID 3
#define GPORT 1234
#define RXBUF (4096 + VSOCK_HDR_SIZE)

static struct board b, b2;
static struct vqd d;
static char dir[64], base[128];

static const struct device *dev_of(struct board *m)
{
    return stub_board_device(m, "virtio-vsock");
}

static void poll_dev(void)
{
    const struct device *dv = dev_of(&b);
    dv->ops->poll(dv->dev);
}

/* --- the guest's side --- */

static void put_hdr(uint8_t *p, const struct vsock_hdr *h)
{
    store_le(p + VH_SRC_CID, h->src_cid, 8);
    store_le(p + VH_DST_CID, h->dst_cid, 8);
    store_le(p + VH_SRC_PORT, h->src_port, 4);
    store_le(p + VH_DST_PORT, h->dst_port, 4);
    store_le(p + VH_LEN, h->len, 4);
    store_le(p + VH_TYPE, h->type, 2);
    store_le(p + VH_OP, h->op, 2);
    store_le(p + VH_FLAGS, h->flags, 4);
    store_le(p + VH_BUF_ALLOC, h->buf_alloc, 4);
    store_le(p + VH_FWD_CNT, h->fwd_cnt, 4);
}

static void get_hdr(const uint8_t *p, struct vsock_hdr *h)
{
    *h = (struct vsock_hdr){
        load_le(p + VH_SRC_CID, 8), load_le(p + VH_DST_CID, 8),
        (uint32_t)load_le(p + VH_SRC_PORT, 4), (uint32_t)load_le(p + VH_DST_PORT, 4),
        (uint32_t)load_le(p + VH_LEN, 4), (uint16_t)load_le(p + VH_TYPE, 2),
        (uint16_t)load_le(p + VH_OP, 2), (uint32_t)load_le(p + VH_FLAGS, 4),
        (uint32_t)load_le(p + VH_BUF_ALLOC, 4), (uint32_t)load_le(p + VH_FWD_CNT, 4)};
}

/* A packet from the guest as Linux builds it: well-formed unless the test changes it. */
static struct vsock_hdr ghdr(uint16_t op, uint32_t dst_port)
{
    return (struct vsock_hdr){.src_cid = CID, .dst_cid = VSOCK_HOST_CID, .src_port = GPORT,
                              .dst_port = dst_port, .type = VSOCK_TYPE_STREAM, .op = op,
                              .buf_alloc = 65536};
}

/* Send `h` with `len` payload bytes (header and payload in two segments, as Linux does), in
 * a chain that holds `room` payload bytes. */
static void send_room(struct vsock_hdr h, const void *payload, uint32_t len, uint32_t room)
{
    uint64_t a = vqd_buf(&d, VSOCK_HDR_SIZE), p = room ? vqd_buf(&d, room) : 0;
    put_hdr(vqd_ram(&d, a, VSOCK_HDR_SIZE), &h);
    if (len)
        memcpy(vqd_ram(&d, p, len), payload, len);
    vqd_offer(&d, TXQ, a, VSOCK_HDR_SIZE, p, room, false);
    vqd_notify(&d, TXQ);
}

static void send_pkt(struct vsock_hdr h, const void *payload, uint32_t len)
{
    h.len = len;
    send_room(h, payload, len, len);
}

static void post_rx(unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        vqd_offer(&d, RXQ, vqd_buf(&d, RXBUF), RXBUF, 0, 0, true);
    vqd_notify(&d, RXQ);
}

/* The next packet the device gave the guest, waiting up to a second for the host side. */
static bool recv_pkt(struct vsock_hdr *h, uint8_t *payload)
{
    uint16_t id;
    uint32_t len;
    for (int i = 0; i < 1000; i++) {
        if (vqd_used(&d, RXQ, &id, &len)) {
            const uint8_t *p = vqd_ram(&d, vqd_desc_addr(&d, RXQ, id), RXBUF);
            get_hdr(p, h);
            if (payload && len > VSOCK_HDR_SIZE)
                memcpy(payload, p + VSOCK_HDR_SIZE, len - VSOCK_HDR_SIZE);
            return len == VSOCK_HDR_SIZE + h->len;
        }
        poll_dev();
        usleep(1000);
    }
    return false;
}

static bool nothing_sent(void)
{
    uint16_t id;
    uint32_t len;
    for (int i = 0; i < 20; i++)
        poll_dev();
    return !vqd_used(&d, RXQ, &id, &len);
}

static bool is_rst(const struct vsock_hdr *h, uint64_t src_cid, uint32_t src_port)
{
    return h->op == VSOCK_OP_RST && h->src_cid == src_cid && h->src_port == src_port &&
           h->dst_cid == CID && h->dst_port == GPORT && h->len == 0;
}

static bool running(void)
{
    return vqd_rd(&d, VIRTIO_MMIO_STATUS) == 0xf;
}

/* --- the host's side --- */

static int unix_listen(const char *path)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    unlink(path);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 4))
        return -1;
    return fd;
}

static int unix_connect(const char *path)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a))) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Read what the host socket has within a second (keeps polling the device meanwhile);
 * returns the count, 0 at its end. */
static ssize_t host_read(int fd, void *buf, size_t cap)
{
    struct timeval tv = {0, 2000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    for (int i = 0; i < 500; i++) {
        ssize_t n = recv(fd, buf, cap, 0);
        if (n >= 0)
            return n;
        poll_dev();
    }
    return -1;
}

/* --- the tests --- */

static void test_args(void)
{
    CHECK_EQ(virtio_vsock_check_arg("3", true), 0);
    CHECK_EQ(virtio_vsock_check_arg("4294967294,path=/tmp/x.sock", false), 0);
    CHECK_EQ(virtio_vsock_check_arg("2", true), -1);
    CHECK_EQ(virtio_vsock_check_arg("0", true), -1);
    CHECK_EQ(virtio_vsock_check_arg("4294967295", true), -1);
    CHECK_EQ(virtio_vsock_check_arg("99999999999", true), -1);
    CHECK_EQ(virtio_vsock_check_arg("abc", true), -1);
    CHECK_EQ(virtio_vsock_check_arg("", true), -1);
    CHECK_EQ(virtio_vsock_check_arg("+3", true), -1);
    CHECK_EQ(virtio_vsock_check_arg("3", false), -1); /* no domain name, no path */
    CHECK_EQ(virtio_vsock_check_arg("3,path=", false), -1);
    CHECK_EQ(virtio_vsock_check_arg("3,port=5", true), -1);
    char lng[200];
    memset(lng, 'a', sizeof(lng));
    memcpy(lng, "3,path=", 7);
    lng[sizeof(lng) - 1] = '\0';
    CHECK_EQ(virtio_vsock_check_arg(lng, false), -1);
    struct board_device_spec bad = {"vsock", "2"};
    CHECK(virtio_vsock_create(&b2, 2, &bad) == NULL);
}

static void test_config(void)
{
    CHECK_EQ(vqd_rd(&d, VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_VSOCK);
    vqd_wr(&d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    CHECK_EQ(vqd_rd(&d, VIRTIO_MMIO_DEVICE_FEATURES), 0); /* stream only: implied */
    CHECK_EQ(vqd_rd(&d, VIRTIO_MMIO_CONFIG), CID);
    CHECK_EQ(vqd_rd(&d, VIRTIO_MMIO_CONFIG + 4), 0);
    uint64_t v = 0;
    CHECK(bus_read(&b.bus, d.regs + VIRTIO_MMIO_CONFIG, 1, &v) && v == CID);
    CHECK(bus_read(&b.bus, d.regs + VIRTIO_MMIO_CONFIG + 8, 4, &v) && v == 0);
    vqd_wr(&d, VIRTIO_MMIO_QUEUE_SEL, 2);
    CHECK_EQ(vqd_rd(&d, VIRTIO_MMIO_QUEUE_NUM_MAX), VIRTQ_NUM_MAX);
    vqd_wr(&d, VIRTIO_MMIO_QUEUE_SEL, 3);
    CHECK_EQ(vqd_rd(&d, VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
}

static void test_no_listener(void)
{
    struct vsock_hdr h;
    vqd_init(&d, &b, SLOT, 3);
    post_rx(4);
    send_pkt(ghdr(VSOCK_OP_REQUEST, 5000), NULL, 0);
    CHECK(recv_pkt(&h, NULL) && is_rst(&h, VSOCK_HOST_CID, 5000));
    CHECK(nothing_sent());
}

/* Each must be refused with RST (or dropped) and leave the device serving. */
static void test_hostile(void)
{
    struct vsock_hdr h, p;
    vqd_init(&d, &b, SLOT, 3);
    post_rx(12);
    p = ghdr(VSOCK_OP_REQUEST, 5000);
    p.src_cid = 7; /* not the guest's CID: nobody to answer */
    send_pkt(p, NULL, 0);
    CHECK(nothing_sent());
    p = ghdr(VSOCK_OP_REQUEST, 5000);
    p.dst_cid = 5; /* another machine */
    send_pkt(p, NULL, 0);
    CHECK(recv_pkt(&h, NULL) && is_rst(&h, 5, 5000));
    p = ghdr(99, 5000); /* unknown op */
    send_pkt(p, NULL, 0);
    CHECK(recv_pkt(&h, NULL) && is_rst(&h, VSOCK_HOST_CID, 5000));
    p = ghdr(VSOCK_OP_REQUEST, 5000);
    p.type = 2; /* seqpacket: not offered */
    send_pkt(p, NULL, 0);
    CHECK(recv_pkt(&h, NULL) && is_rst(&h, VSOCK_HOST_CID, 5000));
    p = ghdr(VSOCK_OP_RW, 5000);
    p.len = 100; /* longer than its buffer */
    send_room(p, "0123456789", 10, 10);
    CHECK(recv_pkt(&h, NULL) && is_rst(&h, VSOCK_HOST_CID, 5000));
    p = ghdr(VSOCK_OP_RW, 5000);
    p.len = VSOCK_MAX_PAYLOAD + 1;
    send_room(p, NULL, 0, VSOCK_MAX_PAYLOAD + 1);
    CHECK(recv_pkt(&h, NULL) && is_rst(&h, VSOCK_HOST_CID, 5000));
    send_pkt(ghdr(VSOCK_OP_REQUEST, 5000), "data", 4); /* payload on a request */
    CHECK(recv_pkt(&h, NULL) && is_rst(&h, VSOCK_HOST_CID, 5000));
    send_pkt(ghdr(VSOCK_OP_RW, 5000), "data", 4); /* data for no connection */
    CHECK(recv_pkt(&h, NULL) && is_rst(&h, VSOCK_HOST_CID, 5000));
    send_pkt(ghdr(VSOCK_OP_RST, 5000), NULL, 0); /* a reset is never answered */
    uint64_t a = vqd_buf(&d, 20); /* shorter than a header */
    vqd_offer(&d, TXQ, a, 20, 0, 0, false);
    vqd_notify(&d, TXQ);
    CHECK(nothing_sent());
    CHECK(running());

    vqd_offer(&d, TXQ, 0x1000, VSOCK_HDR_SIZE, 0, 0, false); /* a chain outside RAM */
    vqd_notify(&d, TXQ);
    CHECK(vqd_rd(&d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    vqd_init(&d, &b, SLOT, 3);
    vqd_offer(&d, RXQ, vqd_buf(&d, 16), 16, 0, 0, true); /* no room for a header */
    send_pkt(ghdr(VSOCK_OP_REQUEST, 5000), NULL, 0);
    CHECK(vqd_rd(&d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    vqd_init(&d, &b, SLOT, 3);
    CHECK(running());
}

/* The guest connects to host port 5001: BASE_5001 answers; data both ways; the host ends. */
static void test_guest_connect(void)
{
    char path[160], buf[64];
    struct vsock_hdr h;
    uint8_t payload[RXBUF];
    snprintf(path, sizeof(path), "%s_5001", base);
    int l = unix_listen(path);
    CHECK(l >= 0);
    vqd_init(&d, &b, SLOT, 3);
    post_rx(8);
    send_pkt(ghdr(VSOCK_OP_REQUEST, 5001), NULL, 0);
    CHECK(recv_pkt(&h, NULL) && h.op == VSOCK_OP_RESPONSE && h.src_port == 5001 &&
          h.dst_port == GPORT && h.buf_alloc == VSOCK_CONN_BUF && h.fwd_cnt == 0);
    int s = accept(l, NULL, NULL);
    CHECK(s >= 0);
    send_pkt(ghdr(VSOCK_OP_RW, 5001), "ping", 4);
    CHECK(host_read(s, buf, sizeof(buf)) == 4 && !memcmp(buf, "ping", 4));
    CHECK(write(s, "pong!", 5) == 5);
    CHECK(recv_pkt(&h, payload) && h.op == VSOCK_OP_RW && h.len == 5 && !memcmp(payload, "pong!", 5));
    CHECK_EQ(h.fwd_cnt, 4); /* the guest learns we passed its 4 bytes on */
    send_pkt(ghdr(VSOCK_OP_CREDIT_REQUEST, 5001), NULL, 0);
    CHECK(recv_pkt(&h, NULL) && h.op == VSOCK_OP_CREDIT_UPDATE && h.fwd_cnt == 4);
    shutdown(s, SHUT_WR); /* the host sends no more */
    CHECK(recv_pkt(&h, NULL) && h.op == VSOCK_OP_SHUTDOWN && h.flags == VSOCK_SHUTDOWN_SEND);
    struct vsock_hdr sd = ghdr(VSOCK_OP_SHUTDOWN, 5001);
    sd.flags = VSOCK_SHUTDOWN_SEND | VSOCK_SHUTDOWN_RCV;
    send_pkt(sd, NULL, 0);
    CHECK(recv_pkt(&h, NULL) && is_rst(&h, VSOCK_HOST_CID, 5001)); /* closes the guest's side */
    CHECK_EQ(host_read(s, buf, sizeof(buf)), 0);
    close(s);
    close(l);
    unlink(path);
}

/* A host program connects to BASE and asks for guest port 6000. */
static int host_connect(uint32_t port, struct vsock_hdr *req)
{
    char line[32];
    int s = unix_connect(base);
    int n = snprintf(line, sizeof(line), "CONNECT %u\n", port);
    CHECK(s >= 0 && write(s, line, (size_t)n) == n);
    CHECK(recv_pkt(req, NULL) && req->op == VSOCK_OP_REQUEST && req->dst_port == port &&
          req->src_cid == VSOCK_HOST_CID && req->dst_cid == CID && req->src_port >= (1u << 30));
    return s;
}

static struct vsock_hdr answer(uint16_t op, const struct vsock_hdr *req)
{
    struct vsock_hdr h = ghdr(op, req->src_port);
    h.src_port = req->dst_port;
    return h;
}

static void test_host_connect(void)
{
    char buf[64];
    struct vsock_hdr req;
    vqd_init(&d, &b, SLOT, 3);
    post_rx(8);
    int s = host_connect(6000, &req);
    send_pkt(answer(VSOCK_OP_RESPONSE, &req), NULL, 0);
    int n = snprintf(buf, sizeof(buf), "OK %u\n", req.src_port);
    char got[64] = {0};
    CHECK(host_read(s, got, sizeof(got)) == n && !strcmp(got, buf));
    struct vsock_hdr rw = answer(VSOCK_OP_RW, &req);
    rw.len = 2;
    send_room(rw, "hi", 2, 2);
    CHECK(host_read(s, got, sizeof(got)) == 2 && !memcmp(got, "hi", 2));
    send_pkt(answer(VSOCK_OP_RST, &req), NULL, 0);
    CHECK_EQ(host_read(s, got, sizeof(got)), 0);
    close(s);

    s = host_connect(6001, &req); /* nobody listens in the guest */
    send_pkt(answer(VSOCK_OP_RST, &req), NULL, 0);
    CHECK_EQ(host_read(s, got, sizeof(got)), 0);
    close(s);

    s = unix_connect(base); /* not the protocol */
    CHECK(s >= 0 && write(s, "HELLO 6000\n", 11) == 11);
    CHECK_EQ(host_read(s, got, sizeof(got)), 0);
    close(s);
    s = unix_connect(base); /* no end of line within the limit */
    CHECK(s >= 0 && write(s, "CONNECT 600000000000000000000000000", 35) == 35);
    CHECK_EQ(host_read(s, got, sizeof(got)), 0);
    close(s);
    CHECK(nothing_sent());
}

/* The guest's credit limits what the host sends it; ours limits what it sends. */
static void test_credit(void)
{
    char path[160];
    static uint8_t big[40000], got[RXBUF];
    struct vsock_hdr h;
    snprintf(path, sizeof(path), "%s_5002", base);
    int l = unix_listen(path);
    vqd_init(&d, &b, SLOT, 3);
    post_rx(4); /* just enough: then the device cannot tell the guest of new room */
    struct vsock_hdr req = ghdr(VSOCK_OP_REQUEST, 5002);
    req.buf_alloc = 8;
    send_pkt(req, NULL, 0);
    CHECK(recv_pkt(&h, NULL) && h.op == VSOCK_OP_RESPONSE);
    int s = accept(l, NULL, NULL);
    CHECK(s >= 0 && write(s, "0123456789abcdefghij", 20) == 20);
    CHECK(recv_pkt(&h, got) && h.op == VSOCK_OP_RW && h.len == 8 && !memcmp(got, "01234567", 8));
    CHECK(recv_pkt(&h, NULL) && h.op == VSOCK_OP_CREDIT_REQUEST);
    CHECK(nothing_sent()); /* and no more until the guest makes room */
    struct vsock_hdr cu = ghdr(VSOCK_OP_CREDIT_UPDATE, 5002);
    cu.buf_alloc = 8, cu.fwd_cnt = 8;
    send_pkt(cu, NULL, 0);
    CHECK(recv_pkt(&h, got) && h.op == VSOCK_OP_RW && h.len == 8 && !memcmp(got, "89abcdef", 8));

    /* 80000 bytes where we offered 65536, and no receive buffer to tell the guest of more */
    struct vsock_hdr rw = ghdr(VSOCK_OP_RW, 5002);
    rw.buf_alloc = 8, rw.fwd_cnt = 8;
    memset(big, 'x', sizeof(big));
    send_pkt(rw, big, sizeof(big));
    send_pkt(rw, big, sizeof(big));
    size_t total = 0;
    ssize_t n;
    while ((n = host_read(s, big, sizeof(big))) > 0)
        total += (size_t)n;
    CHECK_EQ(total, 40000);
    CHECK_EQ(n, 0); /* the connection was reset */
    close(s);
    close(l);
    unlink(path);
    vqd_init(&d, &b, SLOT, 3);
}

/* The section holds the CID; loading drops connections and owes the guest a reset event. */
static void test_snapshot(void)
{
    uint8_t image[256];
    struct vsock_hdr req;
    const struct device *dv = dev_of(&b), *dv2 = dev_of(&b2);
    vqd_init(&d, &b, SLOT, 3);
    post_rx(4);
    int s = host_connect(6002, &req);
    send_pkt(answer(VSOCK_OP_RESPONSE, &req), NULL, 0);
    char got[64];
    CHECK(host_read(s, got, sizeof(got)) > 0);
    size_t n = stub_snap_save(dv, image, sizeof(image));
    CHECK(n > 8);
    CHECK_EQ(load_le(image + n - 8, 8), CID);
    memcpy(b2.bus.ram, b.bus.ram, b.bus.ram_size);
    const char *why = NULL;
    CHECK(stub_snap_load(dv2, image, n, &why) && why == NULL);
    CHECK(stub_snap_refuses(dv2, image, n, n, n - 8, 4, 8));   /* another CID */
    CHECK(stub_snap_refuses(dv2, image, n, n - 1, 0, 0, 0));   /* cut short */
    CHECK(stub_snap_refuses(dv2, image, n, n + 1, 0, 0, 0));   /* a byte too many */

    uint64_t ev = vqd_buf(&d, 8);
    vqd_offer(&d, EVQ, ev, 8, 0, 0, true);
    vqd_notify(&d, EVQ);
    uint16_t id;
    uint32_t len;
    CHECK(!vqd_used(&d, EVQ, &id, &len)); /* no event without a reason */
    CHECK(stub_snap_load(dv, image, n, &why)); /* a revert: the connection is gone */
    CHECK_EQ(host_read(s, got, sizeof(got)), 0);
    close(s);
    poll_dev();
    CHECK(vqd_used(&d, EVQ, &id, &len) && len == 4);
    CHECK_EQ(load_le(vqd_ram(&d, ev, 4), 4), VSOCK_EVENT_TRANSPORT_RESET);
    CHECK(nothing_sent());
}

static int setup(void)
{
    snprintf(dir, sizeof(dir), "/tmp/arbor-vsock-test.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(base, sizeof(base), "%s/v.sock", dir);
    char arg[200];
    snprintf(arg, sizeof(arg), "%u,path=%s", CID, base);
    struct board_device_spec spec = {"vsock", ""}, spec2 = {"vsock", ""};
    snprintf(spec.arg, sizeof(spec.arg), "%s", arg);
    snprintf(spec2.arg, sizeof(spec2.arg), "%u,path=%s/other.sock", CID, dir);
    if (stub_board_init(&b, 1) || stub_board_init(&b2, 1) ||
        !virtio_vsock_create(&b, SLOT, &spec) || !virtio_vsock_create(&b2, SLOT, &spec2))
        return -1;
    poll_dev(); /* binds BASE */
    return access(base, F_OK);
}

int main(void)
{
    CHECK_EQ(setup(), 0);
    vqd_init(&d, &b, SLOT, 3);
    test_args();
    test_config();
    test_no_listener();
    test_hostile();
    test_guest_connect();
    test_host_connect();
    test_credit();
    test_snapshot();
    stub_board_free(&b);
    stub_board_free(&b2);
    CHECK(access(base, F_OK) != 0); /* the device removed its socket */
    rmdir(dir);
    return check_summary("virtio_vsock");
}
