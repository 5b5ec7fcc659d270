/* Inside the virtio socket device: its state, shared by vsock.c (the device: argument,
 * config, snapshot, run-loop hooks), vsock_guest.c (packets on the guest's queues) and
 * vsock_host.c (the host's Unix sockets). Everything runs on the machine thread; the only
 * other thread (fd_wait) just sleeps on the descriptors.
 *
 * One connection joins a guest port and a host port (on CID 2) to one host stream socket.
 * Credit (virtio 1.2 §5.10.6.3): each side tells the other its buffer size (buf_alloc) and how
 * much it has consumed so far (fwd_cnt); a sender keeps its bytes in flight within that. */
#ifndef ARBOR_VIRTIO_VSOCK_PRIV_H
#define ARBOR_VIRTIO_VSOCK_PRIV_H

#include <sys/un.h>

#include "virtio/fd_wait.h"
#include "virtio/vsock.h"

#define VSOCK_HOST_CID 2
#define VSOCK_MAX_CONNS 64
#define VSOCK_CONN_BUF (64u * 1024)     /* our buf_alloc: guest bytes a connection may hold */
#define VSOCK_MAX_PAYLOAD (64u * 1024)  /* the largest packet Linux sends either way */
#define VSOCK_RST_QUEUE 128             /* resets owed to the guest for unknown connections */
#define VSOCK_PATH_MAX sizeof(((struct sockaddr_un *)0)->sun_path)
#define VSOCK_LINE_MAX 32               /* "CONNECT <port>\n" */
#define VSOCK_FIRST_LOCAL_PORT (1u << 30) /* host ports of host-initiated connections */

enum { VSOCK_RXQ, VSOCK_TXQ, VSOCK_EVQ };

/* The packet header (§5.10.6), little-endian, 44 bytes: offsets. */
enum {
    VH_SRC_CID = 0, VH_DST_CID = 8, VH_SRC_PORT = 16, VH_DST_PORT = 20, VH_LEN = 24,
    VH_TYPE = 28, VH_OP = 30, VH_FLAGS = 32, VH_BUF_ALLOC = 36, VH_FWD_CNT = 40,
    VSOCK_HDR_SIZE = 44,
};

#define VSOCK_TYPE_STREAM 1
enum {
    VSOCK_OP_INVALID, VSOCK_OP_REQUEST, VSOCK_OP_RESPONSE, VSOCK_OP_RST, VSOCK_OP_SHUTDOWN,
    VSOCK_OP_RW, VSOCK_OP_CREDIT_UPDATE, VSOCK_OP_CREDIT_REQUEST,
};
#define VSOCK_SHUTDOWN_RCV 1u
#define VSOCK_SHUTDOWN_SEND 2u
#define VSOCK_EVENT_TRANSPORT_RESET 0

struct vsock_hdr {
    uint64_t src_cid, dst_cid;
    uint32_t src_port, dst_port, len;
    uint16_t type, op;
    uint32_t flags, buf_alloc, fwd_cnt;
};

enum vsock_state {
    VS_FREE,
    VS_LINE,      /* a host program connected to PATH: its "CONNECT <port>\n" is awaited */
    VS_REQUESTED, /* REQUEST owed or sent to the guest, its RESPONSE awaited */
    VS_OPEN,
};

/* Control packets a connection owes the guest (bits), sent before any data. */
#define VP_REQUEST 1u
#define VP_RESPONSE 2u
#define VP_SHUTDOWN 4u        /* with SHUTDOWN_SEND: the host sends no more */
#define VP_CREDIT_UPDATE 8u
#define VP_CREDIT_REQUEST 16u

struct vsock_conn {
    enum vsock_state state;
    int fd;
    uint32_t guest_port, host_port;
    unsigned owed;          /* VP_* */
    bool readable;          /* the host socket showed data or its end, not yet taken */
    bool host_eof;          /* the host sends no more (read gave 0) */
    bool host_wr_shut;      /* we shut the host socket's writing side */
    bool guest_no_send;     /* the guest sends no more (SHUTDOWN SEND) */
    bool guest_no_rcv;      /* the guest takes no more (SHUTDOWN RCV) */
    bool credit_asked;      /* CREDIT_REQUEST sent, no news from the guest since */
    /* guest -> host: bytes waiting for the host socket */
    uint8_t *buf;
    uint32_t buf_off, buf_len;
    uint32_t rx_cnt;        /* bytes received from the guest */
    uint32_t fwd_cnt;       /* of which written to the host socket */
    uint32_t fwd_cnt_told;  /* the fwd_cnt the guest last heard of */
    /* host -> guest */
    uint32_t tx_cnt;        /* bytes sent to the guest */
    uint32_t peer_buf_alloc, peer_fwd_cnt;
};

struct vsock_rst {
    uint64_t src_cid;
    uint32_t src_port, dst_port;
};

struct virtio_vsock {
    struct board *b;
    struct virtio_mmio *t;
    uint64_t guest_cid;
    char path_opt[VSOCK_PATH_MAX]; /* path= as given, or "" for RUNDIR/NAME.vsock */
    /* the host side: listening socket and base of the guest-initiated ones (BASE_PORT) */
    char base[VSOCK_PATH_MAX];     /* "" until bound (or tried) */
    char first_name[64];           /* the domain that bound first: a clone is told apart */
    int listen_fd;
    bool bound_here;               /* this process created `base`: it removes it */
    bool bind_tried;
    struct vsock_conn conns[VSOCK_MAX_CONNS];
    unsigned n_conns;
    unsigned rr;                   /* where the next round of sends starts (fairness) */
    uint32_t next_port;
    struct vsock_rst rst[VSOCK_RST_QUEUE];
    unsigned rst_head, rst_len;
    bool rx_starved;               /* the guest had no receive buffer: wait for its notify */
    bool reset_event;              /* TRANSPORT_RESET owed on the event queue */
    bool dirty;                    /* state changed: look again and re-arm the waiter */
    unsigned fork_gen;             /* vsock_forks when the thread was started */
    struct fd_wait wait;
    struct pollfd published[FD_WAIT_MAX];
    unsigned n_published;
    uint8_t bounce[VSOCK_MAX_PAYLOAD];
};

/* --- vsock_guest.c --- */
void vsock_guest_tx(struct virtio_vsock *v);     /* the guest's transmit queue */
void vsock_guest_rx(struct virtio_vsock *v);     /* owed packets and host data to the guest */
void vsock_guest_event(struct virtio_vsock *v);  /* a transport reset, if owed */
uint32_t vsock_credit(const struct vsock_conn *c); /* bytes the guest can take now */

/* --- vsock_host.c --- */
/* Listen on the socket path (the domain has its name by now). Logs once when it cannot. */
void vsock_host_bind(struct virtio_vsock *v);
/* What is worth waiting for: set[0] the listening socket, set[1 + i] connection i (fd -1
 * for nothing yet: readiness nobody acts on would wake the machine in a loop). */
void vsock_host_set(const struct virtio_vsock *v, struct pollfd set[1 + VSOCK_MAX_CONNS]);
/* Look at every descriptor once, without waiting: accept, read CONNECT lines, write out. */
void vsock_host_service(struct virtio_vsock *v);
/* The guest asks for host port `port`: connect to BASE_PORT. The fd, or -1. */
int vsock_host_connect(struct virtio_vsock *v, uint32_t port);
/* The guest accepted a host program's CONNECT: tell the program "OK <host port>\n". */
bool vsock_host_greet(struct vsock_conn *c);
/* Write what the connection holds for the host; false when the host socket is gone. */
bool vsock_host_flush(struct vsock_conn *c);
/* A connection with nothing left to carry either way is over: reset it (true). */
bool vsock_conn_maybe_finish(struct virtio_vsock *v, struct vsock_conn *c);

/* --- vsock.c: connections --- */
struct vsock_conn *vsock_conn_new(struct virtio_vsock *v, int fd, enum vsock_state state);
struct vsock_conn *vsock_conn_find(struct virtio_vsock *v, uint32_t guest_port, uint32_t host_port);
/* Close the host side and forget the connection, without telling the guest. */
void vsock_conn_drop(struct virtio_vsock *v, struct vsock_conn *c);
/* Tell the guest RST and forget the connection. */
void vsock_conn_reset(struct virtio_vsock *v, struct vsock_conn *c);
/* Owe the guest an RST for a packet it sent to an unknown or refused connection. */
void vsock_owe_rst(struct virtio_vsock *v, uint64_t src_cid, uint32_t src_port, uint32_t dst_port);

#endif
