/* virtio network card (virtio 1.2 §5.1): receiveq 0, transmitq 1, a MAC address and a link
 * status in config space, and the offloads that spare the guest's CPU, which is interpreted
 * here and so far slower than the host's: checksums of outgoing frames (VIRTIO_NET_F_CSUM),
 * TCP segmentation of outgoing 64 KiB segments (HOST_TSO4/6, HOST_ECN: src/net/gso.c), and
 * received frames whose checksums the host checked marked so (GUEST_CSUM: src/net/csum.c).
 *
 * The wire is a backend running in its own host thread (src/net/): this file only moves
 * frames between guest buffers and the backend's two rings, on the machine's thread, so
 * guest memory is never touched elsewhere. TX is served at the notify and is lossless: when
 * the ring to the backend is full, chains stay in the guest's queue until the backend wakes
 * the machine. RX is served from poll() between time slices and whenever the guest adds
 * buffers; a frame the guest has no room for waits in the ring, and a full ring drops (a
 * network is lossy). A frame that cannot fit any buffer is dropped and counted.
 *
 * Frames in flight are not machine state: a snapshot holds the MAC address and link status
 * only (the features the driver took are the transport's), and a revert drops what the rings
 * hold, and the rest of a segmentation under way with them. A clone or a restored machine
 * gets a new MAC address on the wire while the guest keeps its own (net/identity.h). */
#include "virtio/net.h"

#include <stdio.h>
#include <stdlib.h>

#include "net/backend.h"
#include "net/csum.h"
#include "net/gso.h"
#include "net/identity.h"

#define VIRTIO_NET_F_CSUM (1ull << 0)
#define VIRTIO_NET_F_GUEST_CSUM (1ull << 1)
#define VIRTIO_NET_F_MAC (1ull << 5)
#define VIRTIO_NET_F_HOST_TSO4 (1ull << 11)
#define VIRTIO_NET_F_HOST_TSO6 (1ull << 12)
#define VIRTIO_NET_F_HOST_ECN (1ull << 13)
#define VIRTIO_NET_F_STATUS (1ull << 16)
#define VIRTIO_NET_S_LINK_UP 1u
#define NET_HDR_F_NEEDS_CSUM 1u
#define NET_HDR_F_DATA_VALID 2u
#define NET_HDR_LEN 12u /* struct virtio_net_hdr with num_buffers (VERSION_1) */
#define NET_CONFIG_SIZE 8u /* mac[6], status */
#define RXQ 0
#define TXQ 1

/* QEMU's first address; a machine's second card gets ...:57 and so on. */
static const uint8_t default_mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

struct virtio_net {
    struct board *b;
    struct net_backend *be;
    struct net_identity id;
    uint16_t status;         /* VIRTIO_NET_S_LINK_UP as the guest was told */
    bool tx_waiting;         /* TX stopped at a full ring: poll() goes on once there is room */
    struct net_port_stats *stats;
    uint8_t *gso_frame;      /* a frame the guest asked to have cut (NET_FRAME_MAX bytes) */
    struct net_gso gso;      /* how far it is cut */
    bool gso_busy;           /* segments of gso_frame wait for room in the ring */
};

/* struct virtio_net_hdr (§5.1.6), as the guest wrote it: every field is untrusted. */
struct tx_hdr {
    uint8_t flags, gso_type;
    uint16_t hdr_len, gso_size, csum_start, csum_offset;
};

/* --- config space: mac[6] then status (le16) --- */

static uint32_t net_config_read(void *dev, uint32_t off, unsigned size)
{
    struct virtio_net *n = dev;
    uint8_t cfg[NET_CONFIG_SIZE];
    memcpy(cfg, n->id.guest, 6);
    store_le(cfg + 6, n->status, 2);
    return (uint32_t)load_le(cfg + off, size);
}

/* --- TX: guest -> backend --- */

static struct tx_hdr read_hdr(struct bus *bus, const struct virtq_chain *c)
{
    uint8_t raw[NET_HDR_LEN];
    virtq_read(bus, c, 0, raw, NET_HDR_LEN);
    return (struct tx_hdr){raw[0], raw[1], (uint16_t)load_le(raw + 2, 2),
                           (uint16_t)load_le(raw + 4, 2), (uint16_t)load_le(raw + 6, 2),
                           (uint16_t)load_le(raw + 8, 2)};
}

/* The kinds of segmentation the driver took; none without checksum offload, which they
 * require (§5.1.3.1) and which a driver may not have taken even so. */
static unsigned gso_allowed(uint64_t f)
{
    if (!(f & VIRTIO_NET_F_CSUM))
        return 0;
    return ((f & VIRTIO_NET_F_HOST_TSO4) ? NET_GSO_ALLOW_V4 : 0) |
           ((f & VIRTIO_NET_F_HOST_TSO6) ? NET_GSO_ALLOW_V6 : 0) |
           ((f & VIRTIO_NET_F_HOST_ECN) ? NET_GSO_ALLOW_ECN : 0);
}

/* A frame to be cut: copied aside whole (its chain goes back to the guest at once), checked,
 * then cut into the ring as it has room (flush_gso). The checksum fields are not used (each
 * segment's checksums are computed afresh) but must still lie in the frame. */
static void stage_gso(struct virtio_net *n, struct virtio_mmio *t, const struct virtq_chain *c,
                      const struct tx_hdr *h, uint32_t len)
{
    virtq_read(virtio_bus(t), c, NET_HDR_LEN, n->gso_frame, len);
    bool csum_ok = !(h->flags & NET_HDR_F_NEEDS_CSUM) ||
                   (h->csum_start <= len && h->csum_offset + 2u <= len - h->csum_start);
    if (!csum_ok || !net_gso_begin(&n->gso, n->gso_frame, len, h->gso_type, h->gso_size,
                                   h->hdr_len, gso_allowed(virtio_driver_features(t)))) {
        n->stats->tx_bad_offload++;
        return;
    }
    net_identity_to_wire(&n->id, n->gso_frame, len); /* each segment copies the result */
    n->gso_busy = true;
    n->stats->tx_gso++;
}

/* Segments of the staged frame into the ring while it has room; true once all are in. */
static bool flush_gso(struct virtio_net *n)
{
    struct net_ring *tx = &n->be->port.tx;
    uint8_t *slot;
    while (n->gso_busy && (slot = net_ring_reserve(tx))) {
        net_ring_commit(tx, net_gso_next(&n->gso, n->gso_frame, slot));
        n->stats->tx_frames++;
        n->gso_busy = !net_gso_done(&n->gso);
    }
    return !n->gso_busy;
}

/* One chain: the frame after the header goes to the backend (in `slot`, or cut into
 * segments) unless it is malformed or asks for an offload that cannot be done. */
static void send_frame(struct virtio_net *n, struct virtio_mmio *t, const struct virtq_chain *c,
                       uint8_t *slot)
{
    struct bus *bus = virtio_bus(t);
    uint32_t len = c->ro_len - NET_HDR_LEN;
    if (c->ro_len < NET_HDR_LEN || len > NET_FRAME_MAX) {
        n->stats->tx_bad++;
        return;
    }
    if (!atomic_load(&n->be->port.link_up)) {
        n->stats->tx_no_link++;
        return;
    }
    struct tx_hdr h = read_hdr(bus, c);
    if (h.gso_type != NET_GSO_NONE) {
        stage_gso(n, t, c, &h, len);
        return;
    }
    virtq_read(bus, c, NET_HDR_LEN, slot, len);
    if ((h.flags & NET_HDR_F_NEEDS_CSUM) &&
        (!(virtio_driver_features(t) & VIRTIO_NET_F_CSUM) ||
         !net_csum_complete(slot, len, h.csum_start, h.csum_offset))) {
        n->stats->tx_bad_offload++;
        return;
    }
    net_identity_to_wire(&n->id, slot, len);
    net_ring_commit(&n->be->port.tx, len);
    n->stats->tx_frames++;
}

/* Chains while the ring to the backend has room (after the segments still waiting); true
 * when it filled up first. */
static bool serve_tx(struct virtio_net *n, struct virtio_mmio *t)
{
    struct virtq *q = virtio_queue(t, TXQ);
    struct bus *bus = virtio_bus(t);
    struct virtq_chain c;
    enum virtq_result res = VIRTQ_EMPTY;
    uint64_t sent = n->stats->tx_frames;
    bool used = false, full;
    uint8_t *slot = NULL;
    while (!(full = !flush_gso(n) || !(slot = net_ring_reserve(&n->be->port.tx))) &&
           (res = virtq_pop(q, bus, &c)) == VIRTQ_OK) {
        send_frame(n, t, &c, slot);
        if (virtq_push(q, bus, c.head, 0) != VIRTQ_OK)
            break;
        used = true;
    }
    if (n->stats->tx_frames != sent)
        net_port_kick(&n->be->port);
    if (used)
        virtio_used(t, TXQ);
    if (res == VIRTQ_BROKEN)
        virtio_needs_reset(t, "bad descriptor chain on the transmit queue");
    return full;
}

/* Bounded: a round ends with the queue empty or the ring full; while the backend keeps
 * making room, a few more rounds, then poll() goes on after the next time slice. */
static void transmit(struct virtio_net *n, struct virtio_mmio *t)
{
    n->tx_waiting = true;
    for (unsigned round = 0; round < 4; round++) {
        if (!serve_tx(n, t)) {
            n->tx_waiting = false;
            return;
        }
        if (!net_port_tx_wait(&n->be->port))
            return; /* the backend wakes the machine when it has taken some */
    }
}

/* --- RX: backend -> guest --- */

enum rx_result { RX_DONE, RX_NO_BUFFER, RX_DROPPED };

/* The oldest queued frame into the next receive buffer. The buffer is taken from a copy of
 * the queue and kept only when the frame fits, so an oversized frame costs no buffer. */
static enum rx_result receive_one(struct virtio_net *n, struct virtio_mmio *t,
                                  uint8_t *frame, uint32_t len)
{
    struct virtq *q = virtio_queue(t, RXQ), peek = *q;
    struct bus *bus = virtio_bus(t);
    struct virtq_chain c;
    enum virtq_result res = virtq_pop(&peek, bus, &c);
    if (res == VIRTQ_BROKEN)
        virtio_needs_reset(t, "bad descriptor chain on the receive queue");
    if (res != VIRTQ_OK)
        return RX_NO_BUFFER;
    if (c.wo_len < NET_HDR_LEN || len > c.wo_len - NET_HDR_LEN) {
        n->stats->rx_too_big++;
        return RX_DROPPED;
    }
    uint8_t hdr[NET_HDR_LEN] = {0};
    /* checked here, natively, the guest's kernel need not check it again */
    if ((virtio_driver_features(t) & VIRTIO_NET_F_GUEST_CSUM) && net_csum_valid(frame, len))
        hdr[0] = NET_HDR_F_DATA_VALID;
    store_le(hdr + 10, 1, 2); /* num_buffers: one buffer per frame */
    net_identity_to_guest(&n->id, frame, len);
    virtq_write(bus, &c, 0, hdr, NET_HDR_LEN);
    virtq_write(bus, &c, NET_HDR_LEN, frame, len);
    *q = peek;
    if (virtq_push(q, bus, c.head, NET_HDR_LEN + len) != VIRTQ_OK)
        return RX_NO_BUFFER;
    n->stats->rx_frames++;
    return RX_DONE;
}

/* Queued frames into guest buffers, at most a ring's worth (the backend may keep adding). */
static bool receive_some(struct virtio_net *n, struct virtio_mmio *t)
{
    struct net_ring *rx = &n->be->port.rx;
    bool used = false;
    uint32_t len;
    uint8_t *frame;
    for (unsigned i = 0; i < NET_RING_SLOTS && (frame = net_ring_front(rx, &len)); i++) {
        enum rx_result r = receive_one(n, t, frame, len);
        if (r == RX_NO_BUFFER)
            break;
        used |= r == RX_DONE;
        net_ring_take(rx);
    }
    if (used)
        virtio_used(t, RXQ);
    return used;
}

static void receive(struct virtio_net *n, struct virtio_mmio *t)
{
    struct virtq *q = virtio_queue(t, RXQ);
    if (!virtio_running(t) || !q->ready) {
        /* no driver: a card nobody listens to drops what arrives */
        n->stats->rx_no_driver += net_ring_discard(&n->be->port.rx);
        net_port_rx_arm(&n->be->port);
        return;
    }
    receive_some(n, t);
    if (net_port_rx_arm(&n->be->port))
        receive_some(n, t); /* a frame that arrived while arming */
}

/* --- device hooks --- */

static void wake_board(void *b)
{
    board_wake(b);
}

static void net_queue_notify(void *dev, struct virtio_mmio *t, unsigned q)
{
    struct virtio_net *n = dev;
    if (q == TXQ)
        transmit(n, t);
    else
        receive(n, t); /* the guest added receive buffers */
}

/* The backend's link state, as the guest sees it: a change is a config interrupt. */
static void update_link(struct virtio_net *n, struct virtio_mmio *t)
{
    uint16_t status = atomic_load(&n->be->port.link_up) ? VIRTIO_NET_S_LINK_UP : 0;
    if (status != n->status) {
        n->status = status;
        virtio_config_changed(t);
    }
}

static void net_poll(void *dev, struct virtio_mmio *t)
{
    struct virtio_net *n = dev;
    update_link(n, t);
    receive(n, t);
    if (n->tx_waiting && virtio_running(t) && virtio_queue(t, TXQ)->ready)
        transmit(n, t);
}

static void net_reset(void *dev)
{
    struct virtio_net *n = dev;
    n->tx_waiting = false;
    n->gso_busy = false;
    n->stats->rx_no_driver += net_ring_discard(&n->be->port.rx);
}

static int net_after_fork(void *dev, struct virtio_mmio *t)
{
    struct virtio_net *n = dev;
    (void)t;
    n->gso_busy = false; /* frames in flight: the port's rings start empty too */
    net_identity_renew(&n->id);
    struct net_env env = {wake_board, n->b, true, "clone"};
    return n->be->ops->after_fork(n->be, &env);
}

static void net_save(void *dev, struct snap_writer *w)
{
    struct virtio_net *n = dev;
    snap_w_bytes(w, n->id.guest, 6);
    snap_w_u32(w, n->status);
}

static bool net_load(void *dev, struct snap_reader *r)
{
    struct virtio_net *n = dev;
    uint8_t mac[6];
    snap_r_bytes(r, mac, sizeof(mac));
    uint32_t status = snap_r_u32(r);
    if (!snap_r_done(r))
        return false;
    static const uint8_t zero[6];
    if ((mac[0] & 1) || !memcmp(mac, zero, 6))
        return snap_r_fail(r, "virtio-net: a group or zero MAC address");
    if (status & ~VIRTIO_NET_S_LINK_UP)
        return snap_r_fail(r, "virtio-net: unknown link status bits");
    bool same_wire = net_identity_same(&n->id);
    memcpy(n->id.guest, mac, 6);
    if (same_wire)
        memcpy(n->id.wire, mac, 6); /* still this machine's own identity */
    else if (net_identity_same(&n->id))
        net_identity_renew(&n->id);
    n->status = (uint16_t)status; /* poll() tells the guest if the link differs now */
    n->tx_waiting = true;         /* poll() serves what the snapshot left in the queue */
    n->gso_busy = false;
    /* frames in flight belong to the time left behind */
    n->stats->rx_no_driver += net_ring_discard(&n->be->port.rx);
    return true;
}

static void net_destroy(void *dev)
{
    struct virtio_net *n = dev;
    n->be->ops->destroy(n->be);
    free(n->gso_frame);
    free(n);
}

static const struct virtio_dev_ops net_ops = {
    .name = "virtio-net",
    .device_id = VIRTIO_ID_NET,
    .features = VIRTIO_NET_F_CSUM | VIRTIO_NET_F_GUEST_CSUM | VIRTIO_NET_F_MAC |
                VIRTIO_NET_F_HOST_TSO4 | VIRTIO_NET_F_HOST_TSO6 | VIRTIO_NET_F_HOST_ECN |
                VIRTIO_NET_F_STATUS,
    .num_queues = 2,
    .config_size = NET_CONFIG_SIZE,
    .config_read = net_config_read,
    .queue_notify = net_queue_notify,
    .reset = net_reset,
    .poll = net_poll,
    .after_fork = net_after_fork,
    .save = net_save,
    .load = net_load,
    .destroy = net_destroy,
};

struct virtio_mmio *virtio_net_create(struct board *b, unsigned slot, struct board_device_spec *spec)
{
    char err[512];
    struct net_config cfg;
    if (net_config_parse(spec->arg, &cfg, err, sizeof(err))) {
        log_error("--net %s: %s", spec->arg, err);
        return NULL;
    }
    struct virtio_net *n = calloc(1, sizeof(*n));
    uint8_t *gso_frame = malloc(NET_FRAME_MAX);
    if (!n || !gso_frame) {
        log_error("--net %s: out of memory", spec->arg);
        free(n);
        free(gso_frame);
        return NULL;
    }
    n->gso_frame = gso_frame;
    n->b = b;
    memcpy(n->id.guest, cfg.has_mac ? cfg.mac : default_mac, 6);
    if (!cfg.has_mac)
        n->id.guest[5] = (uint8_t)(n->id.guest[5] + slot - 1);
    memcpy(n->id.wire, n->id.guest, 6);
    if (b->from_snapshot)
        net_identity_renew(&n->id); /* the original may still be on the same network */
    struct net_env env = {wake_board, b, b->from_snapshot, "restored machine"};
    n->be = net_backend_open(&cfg, &env, err, sizeof(err));
    if (!n->be) {
        log_error("--net %s: %s", spec->arg, err);
        free(n->gso_frame);
        free(n);
        return NULL;
    }
    n->stats = &n->be->port.stats;
    n->status = atomic_load(&n->be->port.link_up) ? VIRTIO_NET_S_LINK_UP : 0;
    struct virtio_mmio *t = virtio_mmio_create(b, slot, &net_ops, n);
    if (!t)
        net_destroy(n);
    return t;
}
