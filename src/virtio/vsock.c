/* virtio socket device (virtio 1.2 §5.10), device id 19: --vsock CID[,path=PATH]. Stream
 * sockets between the guest and host programs, which reach it through Unix sockets as
 * Firecracker's do (docs/devices.md). This file is the device as the machine sees it: its
 * argument, config space (the guest CID), connections table, snapshot section and run-loop
 * hooks; vsock_guest.c speaks to the guest's queues, vsock_host.c to the host's sockets.
 *
 * Connections are host state and do not survive a snapshot: a machine loaded from one (a
 * revert, a restore, a clone) starts with none and tells the guest so with a transport reset
 * event, which resets the guest's connected sockets (listening ones stay), as Firecracker
 * does. The snapshot section holds the guest CID only. */
#include "virtio/vsock_priv.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Counts fork(2)s in this process's ancestry: a device that started its thread in another
 * process sees a different count (threads and their locks do not survive a fork). */
static unsigned vsock_forks;
static pthread_once_t vsock_atfork_once = PTHREAD_ONCE_INIT;

static void vsock_count_fork(void)
{
    vsock_forks++;
}

static void vsock_watch_forks(void)
{
    pthread_atfork(NULL, NULL, vsock_count_fork);
}

/* --- the argument --- */

struct vsock_args {
    uint64_t cid;
    char path[VSOCK_PATH_MAX];
};

/* The room a guest-initiated connection's "_PORT" needs after the base path. */
#define PORT_SUFFIX_MAX 11

static bool parse_cid(const char *s, size_t len, uint64_t *cid)
{
    uint64_t v = 0;
    if (len == 0 || len > 10)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *cid = v;
    return v >= 3 && v < 0xffffffffull; /* 0-2: hypervisor, local, host; -1: any */
}

static int parse_option(const char *arg, const char *opt, struct vsock_args *a)
{
    if (strncmp(opt, "path=", 5)) {
        log_error("--vsock '%s': unknown option '%s' (the only one is path=PATH)", arg, opt);
        return -1;
    }
    const char *path = opt + 5;
    if (!*path || strlen(path) + PORT_SUFFIX_MAX >= sizeof(a->path)) {
        log_error("--vsock '%s': path= needs a socket path of 1 to %zu characters", arg,
                  sizeof(a->path) - PORT_SUFFIX_MAX - 1);
        return -1;
    }
    snprintf(a->path, sizeof(a->path), "%s", path);
    return 0;
}

static int parse_arg(const char *arg, struct vsock_args *a)
{
    *a = (struct vsock_args){0};
    const char *comma = strchr(arg, ',');
    size_t cid_len = comma ? (size_t)(comma - arg) : strlen(arg);
    if (!parse_cid(arg, cid_len, &a->cid)) {
        log_error("--vsock '%s': the guest CID must be a number from 3 to 4294967294", arg);
        return -1;
    }
    return comma ? parse_option(arg, comma + 1, a) : 0;
}

int virtio_vsock_check_arg(const char *arg, bool named)
{
    struct vsock_args a;
    if (parse_arg(arg, &a))
        return -1;
    if (!named && !a.path[0]) {
        log_error("--vsock %s needs path=PATH without --name (a domain's socket is "
                  "RUNDIR/NAME.vsock)", arg);
        return -1;
    }
    return 0;
}

/* --- connections --- */

struct vsock_conn *vsock_conn_find(struct virtio_vsock *v, uint32_t guest_port, uint32_t host_port)
{
    for (unsigned i = 0; i < VSOCK_MAX_CONNS; i++) {
        struct vsock_conn *c = &v->conns[i];
        if (c->state > VS_LINE && c->guest_port == guest_port && c->host_port == host_port)
            return c;
    }
    return NULL;
}

struct vsock_conn *vsock_conn_new(struct virtio_vsock *v, int fd, enum vsock_state state)
{
    for (unsigned i = 0; i < VSOCK_MAX_CONNS; i++) {
        struct vsock_conn *c = &v->conns[i];
        if (c->state != VS_FREE)
            continue;
        uint8_t *buf = malloc(VSOCK_CONN_BUF + VSOCK_LINE_MAX); /* + the "OK <port>\n" line */
        if (!buf)
            return NULL;
        *c = (struct vsock_conn){.state = state, .fd = fd, .buf = buf};
        v->n_conns++;
        v->dirty = true;
        return c;
    }
    return NULL;
}

void vsock_conn_drop(struct virtio_vsock *v, struct vsock_conn *c)
{
    if (c->state == VS_FREE)
        return;
    close(c->fd); /* never shutdown(2): in a clone the socket is still the parent's too */
    free(c->buf);
    *c = (struct vsock_conn){.state = VS_FREE, .fd = -1};
    v->n_conns--;
    v->dirty = true;
}

void vsock_owe_rst(struct virtio_vsock *v, uint64_t src_cid, uint32_t src_port, uint32_t dst_port)
{
    if (v->rst_len == VSOCK_RST_QUEUE)
        return; /* a guest that floods us with bad packets loses some answers */
    v->rst[(v->rst_head + v->rst_len++) % VSOCK_RST_QUEUE] =
        (struct vsock_rst){src_cid, src_port, dst_port};
}

void vsock_conn_reset(struct virtio_vsock *v, struct vsock_conn *c)
{
    if (c->state > VS_LINE)
        vsock_owe_rst(v, VSOCK_HOST_CID, c->host_port, c->guest_port);
    vsock_conn_drop(v, c);
}

static void drop_all(struct virtio_vsock *v)
{
    for (unsigned i = 0; i < VSOCK_MAX_CONNS; i++)
        vsock_conn_drop(v, &v->conns[i]);
    v->rst_head = v->rst_len = 0;
}

/* --- the run loop --- */

/* Hand the waiter what is worth waiting for now, unless it already waits for exactly that. */
static void publish(struct virtio_vsock *v, bool rearm)
{
    struct pollfd set[1 + VSOCK_MAX_CONNS];
    vsock_host_set(v, set);
    unsigned n = ARRAY_SIZE(set);
    if (!rearm && n == v->n_published && !memcmp(set, v->published, sizeof(set)))
        return;
    memcpy(v->published, set, sizeof(set));
    v->n_published = n;
    fd_wait_set(&v->wait, set, n);
}

/* In a process made by fork(2) (a clone): no thread, and the sockets are the parent's. Let
 * go of them without disturbing the parent; the clone binds its own path on its next poll. */
static int vsock_forked(struct virtio_vsock *v)
{
    fd_wait_forget(&v->wait);
    if (v->n_conns)
        v->reset_event = true; /* the guest's connected sockets lost their other end */
    drop_all(v);
    if (v->listen_fd >= 0)
        close(v->listen_fd);
    v->listen_fd = -1;
    v->bound_here = v->bind_tried = false;
    v->base[0] = '\0';
    v->n_published = 0;
    v->fork_gen = vsock_forks;
    v->dirty = true;
    return fd_wait_start(&v->wait, v->b);
}

/* Between time slices: one atomic load while nothing happened. The sockets are looked at
 * when the waiter saw something, the guest's queues when anything changed. */
static void vsock_poll(void *dev, struct virtio_mmio *t)
{
    (void)t;
    struct virtio_vsock *v = dev;
    if (v->fork_gen != vsock_forks && vsock_forked(v))
        return;
    bool fired = fd_wait_take(&v->wait);
    if (!fired && !v->dirty)
        return;
    v->dirty = false;
    if (!v->bind_tried)
        vsock_host_bind(v);
    if (fired)
        vsock_host_service(v);
    if (virtio_running(v->t)) {
        vsock_guest_event(v);
        vsock_guest_rx(v);
    }
    publish(v, fired);
}

static int vsock_after_fork(void *dev, struct virtio_mmio *t)
{
    (void)t;
    struct virtio_vsock *v = dev;
    return v->fork_gen == vsock_forks ? 0 : vsock_forked(v);
}

/* Nothing to finish: the thread only waits, and what the sockets hold is the host's, not
 * the machine's. (This also runs in fork's template, before it is anyone's clone: it must
 * not start to serve there.) */
static void vsock_quiesce(void *dev, struct virtio_mmio *t)
{
    (void)dev;
    (void)t;
}

static void vsock_queue_notify(void *dev, struct virtio_mmio *t, unsigned q)
{
    (void)t;
    struct virtio_vsock *v = dev;
    if (q == VSOCK_TXQ)
        vsock_guest_tx(v);
    if (q == VSOCK_RXQ)
        v->rx_starved = false;
    if (q == VSOCK_EVQ)
        vsock_guest_event(v);
    vsock_guest_rx(v);
    v->dirty = true;
}

/* --- the device --- */

static uint32_t vsock_config_read(void *dev, uint32_t off, unsigned size)
{
    struct virtio_vsock *v = dev;
    uint8_t cfg[8];
    store_le(cfg, v->guest_cid, 8);
    return (uint32_t)load_le(cfg + off, size); /* the transport keeps off + size <= 8 */
}

/* The driver forgot everything: so do we (its sockets went with it). */
static void vsock_reset(void *dev)
{
    struct virtio_vsock *v = dev;
    drop_all(v);
    v->rx_starved = v->reset_event = false;
}

static void vsock_save(void *dev, struct snap_writer *w)
{
    struct virtio_vsock *v = dev;
    snap_w_u64(w, v->guest_cid);
}

static bool vsock_load(void *dev, struct snap_reader *r)
{
    struct virtio_vsock *v = dev;
    uint64_t cid = snap_r_u64(r);
    if (!snap_r_done(r))
        return false;
    if (cid != v->guest_cid)
        return snap_r_fail(r, "another guest CID than the device's");
    drop_all(v);
    v->rx_starved = false;
    v->reset_event = true; /* delivered once the restored memory is in place (next poll) */
    v->dirty = true;
    return true;
}

static void vsock_destroy(void *dev)
{
    struct virtio_vsock *v = dev;
    if (v->fork_gen == vsock_forks)
        fd_wait_stop(&v->wait);
    else
        fd_wait_forget(&v->wait);
    drop_all(v);
    if (v->listen_fd >= 0)
        close(v->listen_fd);
    if (v->bound_here && v->fork_gen == vsock_forks)
        unlink(v->base);
    free(v);
}

static const struct virtio_dev_ops vsock_ops = {
    .name = "virtio-vsock",
    .device_id = VIRTIO_ID_VSOCK,
    .num_queues = 3,
    .config_size = 8,
    .config_read = vsock_config_read,
    .queue_notify = vsock_queue_notify,
    .reset = vsock_reset,
    .poll = vsock_poll,
    .quiesce = vsock_quiesce,
    .after_fork = vsock_after_fork,
    .save = vsock_save,
    .load = vsock_load,
    .destroy = vsock_destroy,
};

static struct virtio_vsock *vsock_new(struct board *b, const struct vsock_args *a)
{
    struct virtio_vsock *v = calloc(1, sizeof(*v));
    if (!v) {
        log_error("virtio-vsock: out of memory");
        return NULL;
    }
    v->b = b;
    v->guest_cid = a->cid;
    snprintf(v->path_opt, sizeof(v->path_opt), "%s", a->path);
    v->listen_fd = -1;
    for (unsigned i = 0; i < VSOCK_MAX_CONNS; i++)
        v->conns[i].fd = -1;
    v->next_port = VSOCK_FIRST_LOCAL_PORT;
    v->dirty = true; /* the first poll binds the socket: the domain has its name by then */
    pthread_once(&vsock_atfork_once, vsock_watch_forks);
    v->fork_gen = vsock_forks;
    if (fd_wait_start(&v->wait, b)) {
        free(v);
        return NULL;
    }
    return v;
}

struct virtio_mmio *virtio_vsock_create(struct board *b, unsigned slot, struct board_device_spec *spec)
{
    struct vsock_args a;
    if (parse_arg(spec->arg, &a))
        return NULL;
    struct virtio_vsock *v = vsock_new(b, &a);
    if (!v)
        return NULL;
    struct virtio_mmio *t = virtio_mmio_create(b, slot, &vsock_ops, v);
    if (!t) {
        fd_wait_stop(&v->wait);
        free(v);
        return NULL;
    }
    v->t = t;
    return t;
}
