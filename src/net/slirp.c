/* User-mode networking: libslirp plays the rest of the network (gateway 10.0.2.2, DNS
 * 10.0.2.3, DHCP from 10.0.2.15) and turns the guest's TCP and UDP into ordinary host
 * sockets, so no privilege is needed. hostfwd= opens listening host ports that lead to the
 * guest.
 *
 * libslirp is not thread-safe, and keeps some process-wide state (its clock, a DNS cache),
 * so every call into it holds `slirp_lock`, whichever instance it is for; each instance
 * runs in its own thread that polls slirp's sockets and timers and the port's kick eventfd.
 * The lock is also taken around fork(2) (pthread_atfork), so a clone's copy of an instance
 * is never caught in the middle of a call. A clone cannot keep using that copy, though:
 * its sockets are shared with the parent, whose instance goes on using them. So the clone
 * closes them (every descriptor slirp asked to poll or registered) and starts an instance
 * of its own (slirp_after_fork). */
#include "net/slirp.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <slirp/libslirp.h>

#include "common/util.h"

#define MAX_TIMERS 8
#define TRACKED_FDS 65536 /* descriptors above are not closed in a clone (never in practice) */
#define POLL_CAP_MS 1000

struct slirp_timer {
    SlirpTimerCb cb;
    void *cb_opaque;
    int64_t expire_ms; /* -1: not armed */
    bool used;
};

struct slirp_backend {
    struct net_backend be; /* first: the device holds a pointer to it */
    struct net_config cfg;
    Slirp *slirp;
    pthread_t thread;
    bool running;
    struct pollfd *pfd; /* [0] is the port's kick eventfd, then slirp's sockets */
    unsigned n_pfd, cap_pfd;
    struct slirp_timer timers[MAX_TIMERS];
    uint64_t fds[TRACKED_FDS / 64]; /* sockets slirp has used (closed in a clone) */
    bool guest_error_logged;
};

static pthread_mutex_t slirp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void lock(void)
{
    pthread_mutex_lock(&slirp_lock);
}

static void unlock(void)
{
    pthread_mutex_unlock(&slirp_lock);
}

static void register_atfork(void)
{
    pthread_atfork(lock, unlock, unlock);
}

static void track_fd(struct slirp_backend *s, int fd, bool on)
{
    if (fd < 0 || fd >= TRACKED_FDS)
        return;
    if (on)
        s->fds[fd / 64] |= 1ull << (fd % 64);
    else
        s->fds[fd / 64] &= ~(1ull << (fd % 64));
}

/* --- callbacks from slirp (always on the backend thread, under the lock) --- */

static ssize_t cb_send_packet(const void *buf, size_t len, void *opaque)
{
    struct slirp_backend *s = opaque;
    /* a frame the guest has no room for is lost (and counted), as on a wire */
    net_port_deliver(&s->be.port, buf, len > NET_FRAME_MAX ? NET_FRAME_MAX + 1 : (uint32_t)len);
    return (ssize_t)len;
}

static void cb_guest_error(const char *msg, void *opaque)
{
    struct slirp_backend *s = opaque;
    if (!s->guest_error_logged)
        log_info("virtio-net: user-mode networking: the guest sent %s (reported once)", msg);
    s->guest_error_logged = true;
}

static int64_t cb_clock_get_ns(void *opaque)
{
    (void)opaque;
    return (int64_t)host_now_ns();
}

static void *cb_timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
    struct slirp_backend *s = opaque;
    for (unsigned i = 0; i < MAX_TIMERS; i++)
        if (!s->timers[i].used) {
            s->timers[i] = (struct slirp_timer){cb, cb_opaque, -1, true};
            return &s->timers[i];
        }
    /* never with IPv4 only (slirp's one timer is IPv6's router advertisement) */
    static struct slirp_timer spare;
    return &spare;
}

static void cb_timer_free(void *timer, void *opaque)
{
    (void)opaque;
    ((struct slirp_timer *)timer)->used = false;
}

static void cb_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    (void)opaque;
    ((struct slirp_timer *)timer)->expire_ms = expire_ms;
}

static void cb_register_poll_fd(int fd, void *opaque)
{
    track_fd(opaque, fd, true);
}

static void cb_unregister_poll_fd(int fd, void *opaque)
{
    track_fd(opaque, fd, false);
}

static void cb_notify(void *opaque)
{
    (void)opaque; /* called on our own thread, which polls again anyway */
}

static const SlirpCb callbacks = {
    .send_packet = cb_send_packet,
    .guest_error = cb_guest_error,
    .clock_get_ns = cb_clock_get_ns,
    .timer_new = cb_timer_new,
    .timer_free = cb_timer_free,
    .timer_mod = cb_timer_mod,
    .register_poll_fd = cb_register_poll_fd,
    .unregister_poll_fd = cb_unregister_poll_fd,
    .notify = cb_notify,
};

/* --- the poll loop --- */

static short to_poll(int ev)
{
    return (short)(((ev & SLIRP_POLL_IN) ? POLLIN : 0) | ((ev & SLIRP_POLL_OUT) ? POLLOUT : 0) |
                   ((ev & SLIRP_POLL_PRI) ? POLLPRI : 0));
}

static int from_poll(short rev)
{
    return ((rev & POLLIN) ? SLIRP_POLL_IN : 0) | ((rev & POLLOUT) ? SLIRP_POLL_OUT : 0) |
           ((rev & POLLPRI) ? SLIRP_POLL_PRI : 0) | ((rev & POLLERR) ? SLIRP_POLL_ERR : 0) |
           ((rev & POLLHUP) ? SLIRP_POLL_HUP : 0);
}

static int cb_add_poll(int fd, int events, void *opaque)
{
    struct slirp_backend *s = opaque;
    if (s->n_pfd == s->cap_pfd) {
        struct pollfd *p = realloc(s->pfd, 2 * s->cap_pfd * sizeof(*p));
        if (!p)
            return -1; /* not polled this round; slirp tries again next time */
        s->pfd = p;
        s->cap_pfd *= 2;
    }
    track_fd(s, fd, true);
    s->pfd[s->n_pfd] = (struct pollfd){fd, to_poll(events), 0};
    return (int)s->n_pfd++;
}

static int cb_get_revents(int idx, void *opaque)
{
    struct slirp_backend *s = opaque;
    return idx > 0 && (unsigned)idx < s->n_pfd ? from_poll(s->pfd[idx].revents) : 0;
}

/* Milliseconds until the next armed timer, at most `cap`. */
static int timers_wait_ms(const struct slirp_backend *s, uint32_t cap)
{
    int64_t now = (int64_t)(host_now_ns() / 1000000), wait = cap;
    for (unsigned i = 0; i < MAX_TIMERS; i++) {
        const struct slirp_timer *t = &s->timers[i];
        if (t->used && t->expire_ms >= 0 && t->expire_ms - now < wait)
            wait = t->expire_ms - now;
    }
    return wait < 0 ? 0 : (int)wait;
}

static void run_timers(struct slirp_backend *s)
{
    int64_t now = (int64_t)(host_now_ns() / 1000000);
    for (unsigned i = 0; i < MAX_TIMERS; i++) {
        struct slirp_timer *t = &s->timers[i];
        if (t->used && t->expire_ms >= 0 && t->expire_ms <= now) {
            t->expire_ms = -1;
            t->cb(t->cb_opaque);
        }
    }
}

/* Frames the guest sent, at most a ring's worth per round so sockets are served too. */
static void take_tx(struct slirp_backend *s)
{
    struct net_port *p = &s->be.port;
    uint32_t len;
    uint8_t *f;
    for (unsigned n = 0; n < NET_RING_SLOTS && (f = net_ring_front(&p->tx, &len)); n++) {
        slirp_input(s->slirp, f, (int)len);
        net_ring_take(&p->tx);
    }
}

static void *slirp_thread(void *arg)
{
    struct slirp_backend *s = arg;
    struct net_port *p = &s->be.port;
    while (!atomic_load(&p->stop)) {
        uint32_t timeout = POLL_CAP_MS;
        s->n_pfd = 1;
        s->pfd[0] = (struct pollfd){p->kick_fd, POLLIN, 0};
        lock();
        slirp_pollfds_fill(s->slirp, &timeout, cb_add_poll, s);
        unlock();
        int n = poll(s->pfd, s->n_pfd, timers_wait_ms(s, timeout));
        if (n > 0 && (s->pfd[0].revents & POLLIN))
            net_port_unkick(p);
        lock();
        take_tx(s);
        slirp_pollfds_poll(s->slirp, n < 0, cb_get_revents, s);
        run_timers(s);
        unlock();
        net_port_tx_taken(p);
    }
    return NULL;
}

/* --- setting up --- */

/* Is a UDP port held by someone? slirp's own bind may share it (SO_REUSEADDR), which would
 * split the datagrams between two machines, so ask without that option first. */
static bool udp_port_taken(const struct net_hostfwd *f)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(f->host_port),
                            .sin_addr = f->host_addr};
    bool taken = fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 && errno == EADDRINUSE;
    if (fd >= 0)
        close(fd);
    return taken;
}

static int add_hostfwd(struct slirp_backend *s, const struct net_hostfwd *f,
                       const struct net_env *env, char *err, size_t errlen)
{
    errno = 0;
    if (f->udp && udp_port_taken(f))
        errno = EADDRINUSE;
    else if (slirp_add_hostfwd(s->slirp, f->udp, f->host_addr, f->host_port, f->guest_addr,
                               f->guest_port) == 0)
        return 0;
    int e = errno ? errno : EADDRINUSE;
    if (env->copy && e == EADDRINUSE) {
        log_info("virtio-net: hostfwd %s: port in use, not forwarded in this %s", f->text,
                 env->copy_kind);
        return 0;
    }
    snprintf(err, errlen, "hostfwd=%s: host port %u: %s", f->text, f->host_port,
             e == EADDRINUSE ? "port in use" : strerror(e));
    return -1;
}

static Slirp *new_instance(struct slirp_backend *s)
{
    SlirpConfig c = {.version = 4, .in_enabled = true};
    inet_pton(AF_INET, NET_USER_NETWORK, &c.vnetwork);
    inet_pton(AF_INET, NET_USER_NETMASK, &c.vnetmask);
    inet_pton(AF_INET, NET_USER_HOST, &c.vhost);
    inet_pton(AF_INET, NET_USER_GUEST, &c.vdhcp_start);
    inet_pton(AF_INET, NET_USER_DNS, &c.vnameserver);
    return slirp_new(&c, &callbacks, s);
}

/* A fresh instance with its host ports; the thread is not running yet. */
static int start_slirp(struct slirp_backend *s, const struct net_env *env, char *err,
                       size_t errlen)
{
    lock();
    s->slirp = new_instance(s);
    int rc = s->slirp ? 0 : -1;
    if (!s->slirp)
        snprintf(err, errlen, "cannot start user-mode networking");
    for (unsigned i = 0; !rc && i < s->cfg.n_fwd; i++)
        rc = add_hostfwd(s, &s->cfg.fwd[i], env, err, errlen);
    unlock();
    return rc;
}

static int start_thread(struct slirp_backend *s, char *err, size_t errlen)
{
    if (net_thread_start(&s->thread, slirp_thread, s)) {
        snprintf(err, errlen, "cannot start its thread: %s", strerror(errno));
        return -1;
    }
    s->running = true;
    return 0;
}

/* In a clone: the parent's sockets, copied by fork(2), are closed here (closing a copy
 * leaves the parent's connections as they are). Only Internet sockets are closed, so a
 * descriptor number slirp used long ago and the monitor reused since is left alone. */
static void close_inherited_sockets(struct slirp_backend *s)
{
    for (int fd = 0; fd < TRACKED_FDS; fd++) {
        if (!(s->fds[fd / 64] & (1ull << (fd % 64))))
            continue;
        int domain = 0;
        socklen_t len = sizeof(domain);
        if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0 &&
            (domain == AF_INET || domain == AF_INET6))
            close(fd);
    }
    memset(s->fds, 0, sizeof(s->fds));
}

static int slirp_after_fork(struct net_backend *be, const struct net_env *env)
{
    struct slirp_backend *s = (struct slirp_backend *)be;
    char err[256];
    close_inherited_sockets(s);
    /* The parent's instance is abandoned, not cleaned up: slirp_cleanup would shut down
     * connections that are the parent's. Its memory is shared copy-on-write. */
    s->slirp = NULL;
    s->running = false;
    memset(s->timers, 0, sizeof(s->timers));
    if (net_port_after_fork(&be->port)) {
        log_error("virtio-net: cannot restart user-mode networking in the clone: %s",
                  strerror(errno));
        return -1;
    }
    if (start_slirp(s, env, err, sizeof(err)) || start_thread(s, err, sizeof(err))) {
        log_error("virtio-net: in the clone: %s", err);
        return -1;
    }
    return 0;
}

static void slirp_destroy(struct net_backend *be)
{
    struct slirp_backend *s = (struct slirp_backend *)be;
    if (s->running) {
        atomic_store(&be->port.stop, true);
        net_port_kick(&be->port);
        pthread_join(s->thread, NULL);
    }
    if (s->slirp) {
        lock();
        slirp_cleanup(s->slirp);
        unlock();
    }
    free(s->pfd);
    net_port_free(&be->port);
    free(s);
}

static const struct net_backend_ops slirp_ops = {
    .kind = "user",
    .after_fork = slirp_after_fork,
    .destroy = slirp_destroy,
};

struct net_backend *net_slirp_open(const struct net_config *cfg, const struct net_env *env,
                                   char *err, size_t errlen)
{
    pthread_once(&atfork_once, register_atfork);
    struct slirp_backend *s = calloc(1, sizeof(*s));
    struct pollfd *pfd = calloc(16, sizeof(*pfd));
    if (!s || !pfd || net_port_init(&s->be.port, env)) {
        snprintf(err, errlen, "out of memory");
        free(s);
        free(pfd);
        return NULL;
    }
    s->be.ops = &slirp_ops;
    s->cfg = *cfg;
    s->pfd = pfd;
    s->cap_pfd = 16;
    if (start_slirp(s, env, err, errlen) || start_thread(s, err, errlen)) {
        slirp_destroy(&s->be);
        return NULL;
    }
    return &s->be;
}
