/* A tap device as the wire: whatever the host does with the interface (a bridge, routing,
 * a network namespace) is the guest's network. Only an existing device is attached to, so
 * who may use it is decided when it is created (`ip tuntap add dev NAME mode tap user
 * USER`), not by giving arbor the right to make interfaces.
 *
 * A tap device carries one card's frames: a second opener of the same device (without
 * IFF_MULTI_QUEUE) is refused, and with it the kernel would spread the frames over the
 * openers rather than copy them. So a clone of a machine cannot share its parent's tap: it
 * lets go of its copy of the descriptor and runs with the link down (docs/devices.md). */
#include "net/tap.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common/util.h"

#define READS_PER_ROUND 64 /* then the kick eventfd gets its turn */

struct tap_backend {
    struct net_backend be; /* first: the device holds a pointer to it */
    char ifname[IFNAMSIZ];
    int fd;                /* -1 in a clone */
    pthread_t thread;
    bool running;
    uint8_t frame[NET_FRAME_MAX];
};

static int tap_error(char *err, size_t errlen, const char *name, int e)
{
    switch (e) {
    case EPERM:
    case EACCES:
        snprintf(err, errlen, "tap device '%s': permission denied (create it for this user: "
                 "ip tuntap add dev %s mode tap user USER, or run as root)", name, name);
        break;
    case EBUSY:
        snprintf(err, errlen, "tap device '%s' is in use by another program", name);
        break;
    case EINVAL:
        snprintf(err, errlen, "'%s' is not a tap device (or one made with other flags, "
                 "such as multi_queue)", name);
        break;
    default:
        snprintf(err, errlen, "tap device '%s': %s", name, strerror(e));
        break;
    }
    return -1;
}

/* A descriptor on the existing tap device `name`, or -1 with the reason in `err`. Without
 * the check first, TUNSETIFF run as root would quietly create a new, unconnected device. */
static int open_tap(const char *name, char *err, size_t errlen)
{
    if (!if_nametoindex(name)) {
        snprintf(err, errlen, "no network interface '%s' (create it first: ip tuntap add "
                 "dev %s mode tap)", name, name);
        return -1;
    }
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        snprintf(err, errlen, "no /dev/net/tun on this host (the tun module is not loaded)");
        return -1;
    }
    if (fd < 0)
        return tap_error(err, errlen, name, errno);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    memcpy(ifr.ifr_name, name, strlen(name) + 1);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        int e = errno;
        close(fd);
        return tap_error(err, errlen, name, e);
    }
    return fd;
}

static void send_tx(struct tap_backend *t)
{
    struct net_port *p = &t->be.port;
    uint32_t len;
    uint8_t *f;
    for (unsigned n = 0; n < NET_RING_SLOTS && (f = net_ring_front(&p->tx, &len)); n++) {
        if (write(t->fd, f, len) < 0) {
            /* a full queue or a link the host took down: the frame is lost, as on a wire */
        }
        net_ring_take(&p->tx);
    }
    net_port_tx_taken(p);
}

/* False when the device is gone (deleted under us): the link goes down for good. */
static bool receive(struct tap_backend *t)
{
    for (unsigned n = 0; n < READS_PER_ROUND; n++) {
        ssize_t r = read(t->fd, t->frame, sizeof(t->frame));
        if (r > 0) {
            net_port_deliver(&t->be.port, t->frame, (uint32_t)r);
            continue;
        }
        return r < 0 && (errno == EAGAIN || errno == EINTR);
    }
    return true;
}

static void *tap_thread(void *arg)
{
    struct tap_backend *t = arg;
    struct net_port *p = &t->be.port;
    bool wire = true;
    while (!atomic_load(&p->stop)) {
        struct pollfd pfd[2] = {{p->kick_fd, POLLIN, 0}, {wire ? t->fd : -1, POLLIN, 0}};
        if (poll(pfd, 2, -1) < 0 && errno != EINTR)
            break;
        if (pfd[0].revents & POLLIN)
            net_port_unkick(p);
        send_tx(t);
        if (wire && (pfd[1].revents & (POLLIN | POLLERR | POLLHUP)) && !receive(t)) {
            log_info("virtio-net: tap device '%s' went away; the link is down", t->ifname);
            atomic_store(&p->link_up, false);
            wire = false;
        }
    }
    return NULL;
}

static void stop_thread(struct tap_backend *t)
{
    if (!t->running)
        return;
    atomic_store(&t->be.port.stop, true);
    net_port_kick(&t->be.port);
    pthread_join(t->thread, NULL);
    t->running = false;
}

static int tap_after_fork(struct net_backend *be, const struct net_env *env)
{
    struct tap_backend *t = (struct tap_backend *)be;
    (void)env;
    t->running = false; /* the thread did not survive fork(2) */
    if (t->fd >= 0)
        close(t->fd); /* our copy; the parent keeps the device */
    t->fd = -1;
    if (net_port_after_fork(&be->port)) {
        log_error("virtio-net: cannot set up the clone's card: %s", strerror(errno));
        return -1;
    }
    atomic_store(&be->port.link_up, false);
    log_info("virtio-net: tap device '%s' stays with the parent; this clone's link is down",
             t->ifname);
    return 0;
}

static void tap_destroy(struct net_backend *be)
{
    struct tap_backend *t = (struct tap_backend *)be;
    stop_thread(t);
    if (t->fd >= 0)
        close(t->fd);
    net_port_free(&be->port);
    free(t);
}

static const struct net_backend_ops tap_ops = {
    .kind = "tap",
    .after_fork = tap_after_fork,
    .destroy = tap_destroy,
};

struct net_backend *net_tap_open(const struct net_config *cfg, const struct net_env *env,
                                 char *err, size_t errlen)
{
    int fd = open_tap(cfg->ifname, err, errlen);
    if (fd < 0)
        return NULL;
    struct tap_backend *t = calloc(1, sizeof(*t));
    if (!t || net_port_init(&t->be.port, env)) {
        snprintf(err, errlen, "out of memory");
        free(t);
        close(fd);
        return NULL;
    }
    t->be.ops = &tap_ops;
    t->fd = fd;
    snprintf(t->ifname, sizeof(t->ifname), "%s", cfg->ifname);
    if (net_thread_start(&t->thread, tap_thread, t)) {
        snprintf(err, errlen, "cannot start its thread: %s", strerror(errno));
        tap_destroy(&t->be);
        return NULL;
    }
    t->running = true;
    return &t->be;
}
