/* libFuzzer harness: the fuzzer is a virtio-net driver that takes any features and sends
 * any virtio_net_hdr with any frame, on well-formed descriptor chains (fuzz_virtqueue covers
 * broken ones). The card's offloads (checksum completion, TCP segmentation) parse all of it
 * on the host, so whatever the guest claims, the host must not crash or read outside the
 * frame (ASan + UBSan watch), must return every chain without needing a reset, must never
 * queue a frame longer than NET_FRAME_MAX, and every segment it cuts must carry right IPv4
 * and TCP checksums. Each frame is also delivered to the guest, through the check that
 * decides VIRTIO_NET_HDR_F_DATA_VALID.
 *
 * The backend is this file's net_backend_open (mk/fuzz.mk leaves src/net/backend.c out): a
 * port with no thread, whose rings the harness drains itself.
 *
 * Input: [features u32][records]; a record is [virtio_net_hdr 12][len u16][pad u16][len
 * bytes]: the frame is those bytes followed by `pad` bytes of a pattern (so that 64 KiB
 * frames are reached from small inputs). */
#include <stdlib.h>

#include "board/board.h"
#include "net/backend.h"
#include "net/csum.h"
#include "virtio/mmio.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RAM_SIZE (1ull << 20)
#define NET_BASE (VIRT_VIRTIO_BASE + 0x1000) /* slot 1: the entropy device is slot 0 */
#define QSIZE 8
#define DESC(q) (VIRT_DRAM_BASE + 0x1000 + (q) * 0x1000)
#define AVAIL(q) (DESC(q) + 0x400)
#define USED(q) (DESC(q) + 0x800)
#define TX_HDR (VIRT_DRAM_BASE + 0x4000)
#define TX_FRAME (VIRT_DRAM_BASE + 0x10000)
#define RX_BUF (VIRT_DRAM_BASE + 0x30000)
#define REC_HDR 16
#define GSO_ECN 0x80

static struct board board;
static struct net_port *port;

/* --- the backend: a port, no thread --- */

static int fake_after_fork(struct net_backend *be, const struct net_env *env)
{
    (void)env;
    return net_port_after_fork(&be->port);
}

static void fake_destroy(struct net_backend *be)
{
    net_port_free(&be->port);
    free(be);
}

static const struct net_backend_ops fake_ops = {"fuzz", fake_after_fork, fake_destroy};

struct net_backend *net_backend_open(const struct net_config *cfg, const struct net_env *env,
                                     char *err, size_t errlen)
{
    (void)cfg;
    struct net_backend *be = calloc(1, sizeof(*be));
    if (!be || net_port_init(&be->port, env)) {
        snprintf(err, errlen, "out of memory");
        free(be);
        return NULL;
    }
    be->ops = &fake_ops;
    port = &be->port;
    return be;
}

/* --- the driver --- */

static void reg_write(uint32_t off, uint32_t val)
{
    if (!bus_write(&board.bus, NET_BASE + off, 4, val))
        abort();
}

static uint32_t reg_read(uint32_t off)
{
    uint64_t v = 0;
    if (!bus_read(&board.bus, NET_BASE + off, 4, &v))
        abort();
    return (uint32_t)v;
}

static uint8_t *ram(uint64_t addr, uint64_t len)
{
    uint8_t *p = bus_ram_ptr(&board.bus, addr, len);
    if (!p)
        abort();
    return p;
}

static void machine_init(void)
{
    static bool ready;
    if (ready)
        return;
    struct board_config cfg = {.mem_size = RAM_SIZE, .n_harts = 1, .deterministic = true,
                               .n_devs = 1};
    snprintf(cfg.devs[0].kind, sizeof(cfg.devs[0].kind), "net");
    snprintf(cfg.devs[0].arg, sizeof(cfg.devs[0].arg), "user");
    if (board_build(&board, &cfg) || !port)
        abort();
    ready = true;
}

static void setup_queue(unsigned q)
{
    reg_write(VIRTIO_MMIO_QUEUE_SEL, q);
    reg_write(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
    reg_write(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC(q));
    reg_write(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL(q));
    reg_write(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED(q));
    reg_write(VIRTIO_MMIO_QUEUE_READY, 1);
}

/* Reset, then whatever features the input takes of those offered. */
static void driver_setup(uint32_t features)
{
    reg_write(VIRTIO_MMIO_STATUS, 0);
    memset(board.bus.ram, 0, 0x30000);
    reg_write(VIRTIO_MMIO_STATUS, 3);
    reg_write(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint32_t offered = reg_read(VIRTIO_MMIO_DEVICE_FEATURES);
    reg_write(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    reg_write(VIRTIO_MMIO_DRIVER_FEATURES, features & offered);
    reg_write(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    reg_write(VIRTIO_MMIO_DRIVER_FEATURES, 1);
    reg_write(VIRTIO_MMIO_STATUS, 0xb);
    setup_queue(0);
    setup_queue(1);
    reg_write(VIRTIO_MMIO_STATUS, 0xf);
    if (reg_read(VIRTIO_MMIO_STATUS) != 0xf)
        abort();
    net_ring_discard(&port->tx);
    net_ring_discard(&port->rx);
}

static void set_desc(unsigned q, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    uint8_t *d = ram(DESC(q) + 16 * i, 16);
    store_le(d, addr, 8);
    store_le(d + 8, len, 4);
    store_le(d + 12, flags, 2);
    store_le(d + 14, next, 2);
}

static void offer(unsigned q, uint16_t head)
{
    uint8_t *avail = ram(AVAIL(q), 4 + 2 * QSIZE);
    uint16_t idx = (uint16_t)load_le(avail + 2, 2);
    store_le(avail + 4 + 2 * (idx % QSIZE), head, 2);
    store_le(avail + 2, (uint16_t)(idx + 1), 2);
}

static uint16_t used_idx(unsigned q)
{
    return (uint16_t)load_le(ram(USED(q) + 2, 2), 2);
}

static void poll_net(void)
{
    for (unsigned i = 0; i < board.n_devices; i++)
        if (board.devices[i].ops->poll)
            board.devices[i].ops->poll(board.devices[i].dev);
}

/* What the card queued for the wire: each frame in bounds, each segment of a cut frame with
 * right checksums. Drained, with the card polled to queue the segments still waiting. */
static void drain_tx(bool cut)
{
    for (unsigned round = 0; round < 1000; round++) {
        uint32_t len;
        uint8_t *f;
        bool any = false;
        while ((f = net_ring_front(&port->tx, &len))) {
            if (len > NET_FRAME_MAX || (cut && !net_csum_valid(f, len)))
                abort();
            net_ring_take(&port->tx);
            any = true;
        }
        if (!any)
            return;
        net_port_tx_taken(port);
        poll_net();
    }
    abort(); /* segments without end */
}

/* The guest sends `h` + the frame (header, then the frame in two pieces). */
static void send_frame(const uint8_t *h, uint32_t len)
{
    memcpy(ram(TX_HDR, 12), h, 12);
    uint32_t first = len / 3;
    set_desc(1, 0, TX_HDR, 12, VIRTQ_DESC_F_NEXT, 1);
    set_desc(1, 1, TX_FRAME, first, VIRTQ_DESC_F_NEXT, 2);
    set_desc(1, 2, TX_FRAME + first, len - first, 0, 0);
    uint16_t before = used_idx(1);
    uint64_t gso = port->stats.tx_gso;
    offer(1, 0);
    reg_write(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
    if (used_idx(1) != (uint16_t)(before + 1) || reg_read(VIRTIO_MMIO_STATUS) != 0xf)
        abort();
    drain_tx(port->stats.tx_gso != gso);
}

/* The same frame delivered to the guest (only one that fits a ring slot: a frame the
 * backend drops would leave the buffer posted). */
static void deliver_frame(uint32_t len)
{
    set_desc(0, 0, RX_BUF, 12 + NET_FRAME_MAX, VIRTQ_DESC_F_WRITE, 0);
    uint16_t before = used_idx(0);
    offer(0, 0);
    net_port_deliver(port, ram(TX_FRAME, len), len);
    poll_net();
    if (used_idx(0) != (uint16_t)(before + 1))
        abort();
    net_ring_discard(&port->rx);
    if (reg_read(VIRTIO_MMIO_STATUS) != 0xf)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    machine_init();
    if (size < 4)
        return 0;
    driver_setup((uint32_t)load_le(data, 4));
    size_t pos = 4;
    while (size - pos >= REC_HDR) {
        const uint8_t *rec = data + pos;
        uint32_t len = (uint32_t)load_le(rec + 12, 2), pad = (uint32_t)load_le(rec + 14, 2);
        pos += REC_HDR;
        if (len > size - pos)
            len = (uint32_t)(size - pos);
        uint8_t *frame = ram(TX_FRAME, (uint64_t)len + pad);
        memcpy(frame, data + pos, len);
        for (uint32_t i = 0; i < pad; i++)
            frame[len + i] = (uint8_t)(i * 31 + 7);
        pos += len;
        send_frame(rec, len + pad);
        if (len + pad <= NET_FRAME_MAX)
            deliver_frame(len + pad);
    }
    return 0;
}

/* Seeds: every offload taken; a 64 KiB TCP/IPv4 segment to cut, a TCP/IPv6 one, and a UDP
 * datagram with its checksum left to the card. */
static size_t seed_tcp(uint8_t *rec, bool v6, uint8_t gso_type, uint16_t mss, uint16_t pad)
{
    uint32_t l3 = 14, l4 = v6 ? 54 : 34, hdr = l4 + 20;
    memset(rec, 0, REC_HDR + hdr);
    uint8_t *f = rec + REC_HDR;
    rec[0] = 1, rec[1] = gso_type;
    store_le(rec + 2, hdr, 2);
    store_le(rec + 4, mss, 2);
    store_le(rec + 6, l4, 2);
    store_le(rec + 8, 16, 2);
    store_le(rec + 12, hdr, 2);
    store_le(rec + 14, pad, 2);
    memset(f, 0x52, 12);
    f[12] = v6 ? 0x86 : 0x08, f[13] = v6 ? 0xdd : 0x00;
    uint32_t l4len = 20 + pad;
    if (v6) {
        f[l3] = 0x60, f[l3 + 4] = (uint8_t)(l4len >> 8), f[l3 + 5] = (uint8_t)l4len;
        f[l3 + 6] = 6, f[l3 + 7] = 64;
    } else {
        uint32_t total = 20 + l4len;
        f[l3] = 0x45, f[l3 + 2] = (uint8_t)(total >> 8), f[l3 + 3] = (uint8_t)total;
        f[l3 + 6] = 0x40, f[l3 + 8] = 64, f[l3 + 9] = 6;
    }
    f[l4 + 12] = 0x50, f[l4 + 13] = 0x18;
    return REC_HDR + hdr;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    if (!fuzz_seeds_begin(argc, argv))
        return 0;
    static uint8_t seed[4 + 3 * (REC_HDR + 128)];
    uint32_t features = 0x3803 | 1u << 5 | 1u << 16;
    store_le(seed, features, 4);
    size_t n = 4;
    n += seed_tcp(seed + n, false, 1, 1448, 65535 - 40);
    fuzz_seed(seed, n);
    n += seed_tcp(seed + n, true, 4 | GSO_ECN, 1000, 5000);
    fuzz_seed(seed, n);
    size_t udp = n;
    n += seed_tcp(seed + n, false, 0, 0, 333);
    seed[REC_HDR + udp + 14 + 9] = 17; /* UDP, checksum field at 34 + 6 */
    store_le(seed + udp + 8, 6, 2);
    fuzz_seed(seed, n);
    return 0;
}
