/* The guest's side of the socket device: the packets it sends on the transmit queue (1), the
 * packets owed to it on the receive queue (0) and the transport reset on the event queue (2).
 *
 * A guest packet is untrusted: one that is not from the guest's CID is dropped (there is no
 * one to answer); one for another CID than the host's, of another type than stream, with an
 * unknown op, a payload on anything but RW, or a length past its buffer or past 64 KiB is
 * answered with RST, and ends the connection it names. Data beyond the credit we gave ends
 * the connection too. A chain the queue code refuses makes the device need a reset. */
#include "virtio/vsock_priv.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

static void get_hdr(const uint8_t *p, struct vsock_hdr *h)
{
    *h = (struct vsock_hdr){
        .src_cid = load_le(p + VH_SRC_CID, 8), .dst_cid = load_le(p + VH_DST_CID, 8),
        .src_port = (uint32_t)load_le(p + VH_SRC_PORT, 4),
        .dst_port = (uint32_t)load_le(p + VH_DST_PORT, 4),
        .len = (uint32_t)load_le(p + VH_LEN, 4), .type = (uint16_t)load_le(p + VH_TYPE, 2),
        .op = (uint16_t)load_le(p + VH_OP, 2), .flags = (uint32_t)load_le(p + VH_FLAGS, 4),
        .buf_alloc = (uint32_t)load_le(p + VH_BUF_ALLOC, 4),
        .fwd_cnt = (uint32_t)load_le(p + VH_FWD_CNT, 4)};
}

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

uint32_t vsock_credit(const struct vsock_conn *c)
{
    uint32_t in_flight = c->tx_cnt - c->peer_fwd_cnt;
    return in_flight >= c->peer_buf_alloc ? 0 : c->peer_buf_alloc - in_flight;
}

/* --- from the guest --- */

static bool packet_ok(const struct vsock_hdr *h, const struct virtq_chain *ch)
{
    return h->dst_cid == VSOCK_HOST_CID && h->type == VSOCK_TYPE_STREAM &&
           h->op >= VSOCK_OP_REQUEST && h->op <= VSOCK_OP_CREDIT_REQUEST &&
           h->len <= VSOCK_MAX_PAYLOAD && h->len <= ch->ro_len - VSOCK_HDR_SIZE &&
           (h->op == VSOCK_OP_RW || h->len == 0);
}

/* Every packet of a connection carries the sender's credit. */
static void note_credit(struct vsock_conn *c, const struct vsock_hdr *h)
{
    c->peer_buf_alloc = h->buf_alloc;
    c->peer_fwd_cnt = h->fwd_cnt;
    c->credit_asked = false;
}

/* The guest connects to host port P: BASE_P answers, or the guest gets RST. */
static void guest_connect(struct virtio_vsock *v, const struct vsock_hdr *h)
{
    int fd = vsock_host_connect(v, h->dst_port);
    struct vsock_conn *c = fd >= 0 ? vsock_conn_new(v, fd, VS_OPEN) : NULL;
    if (!c) {
        if (fd >= 0)
            close(fd);
        vsock_owe_rst(v, VSOCK_HOST_CID, h->dst_port, h->src_port);
        return;
    }
    c->guest_port = h->src_port;
    c->host_port = h->dst_port;
    note_credit(c, h);
    c->owed |= VP_RESPONSE;
}

/* The guest accepted a host program's CONNECT. */
static void guest_accepted(struct virtio_vsock *v, struct vsock_conn *c)
{
    c->state = VS_OPEN;
    if (!vsock_host_greet(c))
        vsock_conn_reset(v, c);
}

/* Payload within the credit we gave, queued for the host socket and written at once. */
static void guest_data(struct virtio_vsock *v, struct bus *bus, const struct virtq_chain *ch,
                       struct vsock_conn *c, uint32_t len)
{
    if (c->guest_no_send || c->host_wr_shut || c->rx_cnt - c->fwd_cnt_told + len > VSOCK_CONN_BUF) {
        vsock_conn_reset(v, c);
        return;
    }
    if (c->buf_off + c->buf_len + len > VSOCK_CONN_BUF) {
        memmove(c->buf, c->buf + c->buf_off, c->buf_len);
        c->buf_off = 0;
    }
    uint32_t got = virtq_read(bus, ch, VSOCK_HDR_SIZE, c->buf + c->buf_off + c->buf_len, len);
    c->buf_len += got;
    c->rx_cnt += got;
    if (!vsock_host_flush(c))
        vsock_conn_reset(v, c);
}

static void guest_shutdown(struct virtio_vsock *v, struct vsock_conn *c, uint32_t flags)
{
    c->guest_no_send |= (flags & VSOCK_SHUTDOWN_SEND) != 0;
    c->guest_no_rcv |= (flags & VSOCK_SHUTDOWN_RCV) != 0;
    if (!vsock_host_flush(c))
        vsock_conn_reset(v, c);
    else
        vsock_conn_maybe_finish(v, c);
}

static void conn_packet(struct virtio_vsock *v, struct bus *bus, const struct virtq_chain *ch,
                        struct vsock_conn *c, const struct vsock_hdr *h)
{
    note_credit(c, h);
    if (c->state == VS_REQUESTED && h->op != VSOCK_OP_RESPONSE && h->op != VSOCK_OP_RST) {
        vsock_conn_reset(v, c);
        return;
    }
    switch (h->op) {
    case VSOCK_OP_RESPONSE:
        if (c->state == VS_REQUESTED)
            guest_accepted(v, c);
        else
            vsock_conn_reset(v, c);
        break;
    case VSOCK_OP_RST: vsock_conn_drop(v, c); break;
    case VSOCK_OP_SHUTDOWN: guest_shutdown(v, c, h->flags); break;
    case VSOCK_OP_RW: guest_data(v, bus, ch, c, h->len); break;
    case VSOCK_OP_CREDIT_REQUEST: c->owed |= VP_CREDIT_UPDATE; break;
    case VSOCK_OP_CREDIT_UPDATE: break; /* note_credit took it */
    default: vsock_conn_reset(v, c); break; /* a second REQUEST for a live connection */
    }
}

static void guest_packet(struct virtio_vsock *v, struct bus *bus, const struct virtq_chain *ch)
{
    uint8_t raw[VSOCK_HDR_SIZE];
    struct vsock_hdr h;
    if (virtq_read(bus, ch, 0, raw, sizeof(raw)) < sizeof(raw))
        return; /* shorter than a header: nothing to answer to */
    get_hdr(raw, &h);
    if (h.src_cid != v->guest_cid)
        return;
    struct vsock_conn *c = h.dst_cid == VSOCK_HOST_CID ? vsock_conn_find(v, h.src_port, h.dst_port)
                                                       : NULL;
    if (!packet_ok(&h, ch)) {
        if (c)
            vsock_conn_reset(v, c);
        else if (h.op != VSOCK_OP_RST) /* never answer a reset: two devices could ping-pong */
            vsock_owe_rst(v, h.dst_cid, h.dst_port, h.src_port);
    } else if (c) {
        conn_packet(v, bus, ch, c, &h);
    } else if (h.op == VSOCK_OP_REQUEST) {
        guest_connect(v, &h);
    } else if (h.op != VSOCK_OP_RST) {
        vsock_owe_rst(v, VSOCK_HOST_CID, h.dst_port, h.src_port);
    }
}

void vsock_guest_tx(struct virtio_vsock *v)
{
    struct virtq *q = virtio_queue(v->t, VSOCK_TXQ);
    struct bus *bus = virtio_bus(v->t);
    struct virtq_chain ch;
    bool used = false;
    enum virtq_result res;
    while ((res = virtq_pop(q, bus, &ch)) == VIRTQ_OK) {
        guest_packet(v, bus, &ch);
        if (virtq_push(q, bus, ch.head, 0) != VIRTQ_OK)
            break;
        used = true;
    }
    if (used)
        virtio_used(v->t, VSOCK_TXQ);
    if (res == VIRTQ_BROKEN)
        virtio_needs_reset(v->t, "bad descriptor chain on the transmit queue");
}

/* --- to the guest --- */

enum pick_kind { PICK_NONE, PICK_RST, PICK_CONTROL, PICK_DATA };

struct pick {
    enum pick_kind kind;
    struct vsock_conn *c;
};

/* Is there data (or its end) on the host socket? Learned without taking it, so no receive
 * buffer is taken from the guest for nothing. */
static enum pick_kind peek_host(struct virtio_vsock *v, struct vsock_conn *c)
{
    uint8_t byte;
    ssize_t n = recv(c->fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n > 0)
        return PICK_DATA;
    if (n == 0) { /* the host program sends no more: SHUTDOWN SEND, after all its data */
        c->host_eof = true;
        c->readable = false;
        c->owed |= VP_SHUTDOWN;
        return PICK_CONTROL;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
        c->readable = false;
        return PICK_NONE;
    }
    vsock_conn_reset(v, c);
    return PICK_RST;
}

static enum pick_kind conn_work(struct virtio_vsock *v, struct vsock_conn *c)
{
    if (c->state == VS_FREE || c->state == VS_LINE)
        return PICK_NONE;
    if (c->owed)
        return PICK_CONTROL;
    if (c->state != VS_OPEN || !c->readable || c->host_eof || c->guest_no_rcv)
        return PICK_NONE;
    if (vsock_credit(c) == 0) {
        if (c->credit_asked)
            return PICK_NONE;
        c->owed |= VP_CREDIT_REQUEST;
        return PICK_CONTROL;
    }
    return peek_host(v, c);
}

/* The next packet owed to the guest: resets first, then connections in turn. */
static bool next_packet(struct virtio_vsock *v, struct pick *p)
{
    for (unsigned k = 0; k < VSOCK_MAX_CONNS && !v->rst_len; k++) {
        unsigned i = (v->rr + k) % VSOCK_MAX_CONNS;
        enum pick_kind kind = conn_work(v, &v->conns[i]);
        if (kind == PICK_CONTROL || kind == PICK_DATA) {
            *p = (struct pick){kind, &v->conns[i]};
            v->rr = (i + 1) % VSOCK_MAX_CONNS;
            return true;
        }
    }
    *p = (struct pick){v->rst_len ? PICK_RST : PICK_NONE, NULL};
    return v->rst_len != 0;
}

static struct vsock_hdr conn_hdr(struct vsock_conn *c, uint16_t op)
{
    c->fwd_cnt_told = c->fwd_cnt;
    return (struct vsock_hdr){.src_cid = VSOCK_HOST_CID, .src_port = c->host_port,
                              .dst_port = c->guest_port, .type = VSOCK_TYPE_STREAM, .op = op,
                              .buf_alloc = VSOCK_CONN_BUF, .fwd_cnt = c->fwd_cnt};
}

static struct vsock_hdr rst_hdr(struct virtio_vsock *v)
{
    struct vsock_rst r = v->rst[v->rst_head];
    v->rst_head = (v->rst_head + 1) % VSOCK_RST_QUEUE;
    v->rst_len--;
    return (struct vsock_hdr){.src_cid = r.src_cid, .src_port = r.src_port,
                              .dst_port = r.dst_port, .type = VSOCK_TYPE_STREAM,
                              .op = VSOCK_OP_RST};
}

/* The lowest owed control packet. */
static struct vsock_hdr control_hdr(struct vsock_conn *c)
{
    static const struct { unsigned bit; uint16_t op; } order[] = {
        {VP_REQUEST, VSOCK_OP_REQUEST}, {VP_RESPONSE, VSOCK_OP_RESPONSE},
        {VP_SHUTDOWN, VSOCK_OP_SHUTDOWN}, {VP_CREDIT_UPDATE, VSOCK_OP_CREDIT_UPDATE},
        {VP_CREDIT_REQUEST, VSOCK_OP_CREDIT_REQUEST},
    };
    size_t i = 0;
    while (i < ARRAY_SIZE(order) - 1 && !(c->owed & order[i].bit))
        i++;
    c->owed &= ~order[i].bit;
    struct vsock_hdr h = conn_hdr(c, order[i].op);
    if (order[i].op == VSOCK_OP_SHUTDOWN)
        h.flags = VSOCK_SHUTDOWN_SEND;
    if (order[i].op == VSOCK_OP_CREDIT_REQUEST)
        c->credit_asked = true;
    return h;
}

/* Host data straight into the guest's buffer, as much as fits, the credit allows and the
 * socket has. A socket that fails now gets its RST in this buffer instead. */
static uint32_t data_packet(struct virtio_vsock *v, struct bus *bus, const struct virtq_chain *ch,
                            struct vsock_conn *c, uint8_t *raw)
{
    uint32_t want = ch->wo_len - VSOCK_HDR_SIZE, credit = vsock_credit(c);
    want = want < credit ? want : credit;
    want = want < VSOCK_MAX_PAYLOAD ? want : VSOCK_MAX_PAYLOAD;
    if (want == 0) { /* a buffer with room for a header only: tell the credit instead */
        struct vsock_hdr h = conn_hdr(c, VSOCK_OP_CREDIT_UPDATE);
        h.dst_cid = v->guest_cid;
        put_hdr(raw, &h);
        return virtq_write(bus, ch, 0, raw, VSOCK_HDR_SIZE);
    }
    ssize_t n = recv(c->fd, v->bounce, want, MSG_DONTWAIT);
    if (n <= 0) {
        vsock_conn_reset(v, c);
        struct vsock_hdr h = rst_hdr(v);
        h.dst_cid = v->guest_cid;
        put_hdr(raw, &h);
        return virtq_write(bus, ch, 0, raw, VSOCK_HDR_SIZE);
    }
    struct vsock_hdr h = conn_hdr(c, VSOCK_OP_RW);
    h.dst_cid = v->guest_cid;
    h.len = (uint32_t)n;
    c->tx_cnt += (uint32_t)n;
    put_hdr(raw, &h);
    virtq_write(bus, ch, 0, raw, VSOCK_HDR_SIZE);
    return VSOCK_HDR_SIZE + virtq_write(bus, ch, VSOCK_HDR_SIZE, v->bounce, (uint32_t)n);
}

static uint32_t write_packet(struct virtio_vsock *v, struct bus *bus, const struct virtq_chain *ch,
                             const struct pick *p)
{
    uint8_t raw[VSOCK_HDR_SIZE];
    if (p->kind == PICK_DATA)
        return data_packet(v, bus, ch, p->c, raw);
    struct vsock_hdr h = p->kind == PICK_RST ? rst_hdr(v) : control_hdr(p->c);
    h.dst_cid = v->guest_cid;
    put_hdr(raw, &h);
    uint32_t n = virtq_write(bus, ch, 0, raw, VSOCK_HDR_SIZE);
    if (p->kind == PICK_CONTROL && h.op == VSOCK_OP_SHUTDOWN)
        vsock_conn_maybe_finish(v, p->c);
    return n;
}

void vsock_guest_rx(struct virtio_vsock *v)
{
    struct virtq *q = virtio_queue(v->t, VSOCK_RXQ);
    struct bus *bus = virtio_bus(v->t);
    struct virtq_chain ch;
    struct pick p;
    const char *broken = NULL;
    bool used = false;
    while (!v->rx_starved && !broken && next_packet(v, &p)) {
        enum virtq_result res = virtq_pop(q, bus, &ch);
        if (res == VIRTQ_EMPTY)
            v->rx_starved = true; /* until the guest adds buffers (its notify) */
        else if (res == VIRTQ_BROKEN)
            broken = "bad descriptor chain on the receive queue";
        else if (ch.wo_len < VSOCK_HDR_SIZE)
            broken = "a receive buffer too small for a packet header";
        else if (virtq_push(q, bus, ch.head, write_packet(v, bus, &ch, &p)) == VIRTQ_OK)
            used = true;
    }
    if (used)
        virtio_used(v->t, VSOCK_RXQ);
    if (broken)
        virtio_needs_reset(v->t, broken);
}

void vsock_guest_event(struct virtio_vsock *v)
{
    struct virtq *q = virtio_queue(v->t, VSOCK_EVQ);
    struct bus *bus = virtio_bus(v->t);
    struct virtq_chain ch;
    if (!v->reset_event)
        return;
    enum virtq_result res = virtq_pop(q, bus, &ch);
    if (res == VIRTQ_EMPTY)
        return; /* delivered when the driver adds an event buffer */
    if (res == VIRTQ_BROKEN || ch.wo_len < 4) {
        virtio_needs_reset(v->t, res == VIRTQ_BROKEN ? "bad descriptor chain on the event queue"
                                                     : "an event buffer too small for an event");
        return;
    }
    uint8_t ev[4];
    store_le(ev, VSOCK_EVENT_TRANSPORT_RESET, 4);
    uint32_t n = virtq_write(bus, &ch, 0, ev, sizeof(ev));
    if (virtq_push(q, bus, ch.head, n) == VIRTQ_OK)
        virtio_used(v->t, VSOCK_EVQ);
    v->reset_event = false;
}
