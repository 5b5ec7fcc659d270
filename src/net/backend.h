/* Host side of a network card: a backend (user-mode networking through libslirp, or a tap
 * device) runs in its own host thread and exchanges Ethernet frames with the device, which
 * runs on the machine's thread, through a `struct net_port`. The device never sees a socket
 * and the backend never sees guest memory.
 *
 *   machine thread (virtio-net)                 backend thread (slirp.c, tap.c)
 *   TX: frame from the guest -> port.tx -----> take, hand to slirp / write to the tap
 *       net_port_kick() ----------------------> kick_fd wakes its poll()
 *   RX: port.rx -> guest buffers <------------ net_port_deliver(): queue, board wake
 *
 * The two wake-ups are conditional (flags below), so a busy link costs one system call per
 * batch rather than per frame, and neither side can miss the other's last frame: each side
 * publishes, then checks the other's flag, with a full fence in between. */
#ifndef ARBOR_NET_BACKEND_H
#define ARBOR_NET_BACKEND_H

#include <pthread.h>

#include "net/config.h"
#include "net/ring.h"

/* What happened to frames on the machine's side (written by the machine thread only; the
 * backend's losses are rx.dropped). Nothing here is guest-visible state. */
struct net_port_stats {
    uint64_t tx_frames;    /* handed to the backend (each segment of a TSO frame counts) */
    uint64_t tx_gso;       /* TSO frames cut into segments */
    uint64_t tx_bad;       /* shorter than the header or longer than NET_FRAME_MAX */
    uint64_t tx_bad_offload; /* a checksum or segmentation request that cannot be done */
    uint64_t tx_no_link;   /* sent while the link was down */
    uint64_t rx_frames;    /* given to the guest */
    uint64_t rx_too_big;   /* larger than the guest's receive buffer */
    uint64_t rx_no_driver; /* arrived while no driver ran, or dropped by a reset or revert */
};

struct net_port {
    struct net_ring rx;       /* frames for the guest: backend produces, machine consumes */
    struct net_ring tx;       /* frames from the guest: machine produces, backend consumes */
    int kick_fd;              /* eventfd in the backend's poll set: TX queued, or stop */
    _Atomic bool rx_armed;    /* the machine wants a wake for the next RX frame */
    _Atomic bool tx_blocked;  /* the machine found tx full: wake it once there is room */
    _Atomic bool link_up;     /* the backend has a wire (a clone of a tap machine has none) */
    _Atomic bool stop;        /* the backend thread must end */
    void (*wake)(void *ctx);  /* board_wake: safe from any thread */
    void *wake_ctx;
    struct net_port_stats stats;
};

/* What the machine tells a backend when it opens one. */
struct net_env {
    void (*wake)(void *ctx);
    void *wake_ctx;
    /* The machine is a clone or was rebuilt from a snapshot: its original may still hold the
     * host ports, so a hostfwd that cannot bind is reported and skipped, not fatal. */
    bool copy;
    const char *copy_kind; /* "clone" or "restored machine": for that message */
};

struct net_backend;

struct net_backend_ops {
    const char *kind;
    /* In a process made by fork(2) (a clone): the thread is gone and the host endpoints are
     * the parent's. Let go of them, start afresh. 0, or -1 after logging. */
    int (*after_fork)(struct net_backend *be, const struct net_env *env);
    /* Stop the thread, close everything, free `be`. */
    void (*destroy)(struct net_backend *be);
};

struct net_backend {
    const struct net_backend_ops *ops;
    struct net_port port;
};

/* Open the backend `cfg` names and start its thread. NULL with the reason in `err` (one
 * line, without the option itself) when it cannot: a busy port, a missing or forbidden tap
 * device, no memory. (backend.c; unit tests link their own.) */
struct net_backend *net_backend_open(const struct net_config *cfg, const struct net_env *env,
                                     char *err, size_t errlen);

/* --- the port (port.c) --- */

/* 0, or -1 with errno set. */
int net_port_init(struct net_port *p, const struct net_env *env);
void net_port_free(struct net_port *p);
/* In a clone: forget the frames in flight and take a kick eventfd of its own (the one
 * inherited is shared with the parent's backend). 0, or -1 with errno set. */
int net_port_after_fork(struct net_port *p);

/* Backend thread: a frame arrived for the guest (dropped and counted when rx is full). */
void net_port_deliver(struct net_port *p, const void *frame, uint32_t len);
/* Backend thread: after taking frames from tx, wake the machine if it waits for room. */
void net_port_tx_taken(struct net_port *p);
/* Backend thread: consume the kick eventfd's count after poll() reported it. */
void net_port_unkick(struct net_port *p);

/* Start a backend thread with every signal blocked. 0, or -1 with errno set. */
int net_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg);

/* Machine thread: frames were queued on tx (or stop was set): wake the backend. */
void net_port_kick(struct net_port *p);
/* Machine thread: done with rx for now; true when a frame raced in meanwhile (look again). */
bool net_port_rx_arm(struct net_port *p);
/* Machine thread: tx is full; true when room appeared meanwhile (try again). */
bool net_port_tx_wait(struct net_port *p);

#endif
