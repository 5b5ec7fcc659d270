/* The frame exchange between the machine and a backend thread (backend.h). Each wake-up is
 * a flag set by the side that would sleep, checked by the other after it published: with a
 * full fence between publishing and checking on both sides, at least one of them sees the
 * other (the classic two-flag handshake), so no frame waits for an unrelated event. */
#include "net/backend.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

int net_port_init(struct net_port *p, const struct net_env *env)
{
    memset(p, 0, sizeof(*p));
    p->kick_fd = -1;
    if (net_ring_init(&p->rx, NET_RING_SLOTS) || net_ring_init(&p->tx, NET_RING_SLOTS)) {
        int e = errno;
        net_port_free(p);
        errno = e;
        return -1;
    }
    p->kick_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (p->kick_fd < 0) {
        int e = errno;
        net_port_free(p);
        errno = e;
        return -1;
    }
    p->wake = env->wake;
    p->wake_ctx = env->wake_ctx;
    atomic_store(&p->link_up, true);
    return 0;
}

void net_port_free(struct net_port *p)
{
    net_ring_free(&p->rx);
    net_ring_free(&p->tx);
    if (p->kick_fd >= 0)
        close(p->kick_fd);
    p->kick_fd = -1;
}

int net_port_after_fork(struct net_port *p)
{
    int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0)
        return -1;
    if (p->kick_fd >= 0)
        close(p->kick_fd); /* our copy only: the parent's backend keeps waiting on it */
    p->kick_fd = fd;
    net_ring_reset(&p->rx);
    net_ring_reset(&p->tx);
    atomic_store(&p->rx_armed, false);
    atomic_store(&p->tx_blocked, false);
    atomic_store(&p->stop, false);
    return 0;
}

static void wake_machine(struct net_port *p)
{
    if (p->wake)
        p->wake(p->wake_ctx);
}

void net_port_deliver(struct net_port *p, const void *frame, uint32_t len)
{
    if (!net_ring_put(&p->rx, frame, len))
        return;
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_exchange(&p->rx_armed, false))
        wake_machine(p);
}

void net_port_tx_taken(struct net_port *p)
{
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load(&p->tx_blocked) && atomic_exchange(&p->tx_blocked, false))
        wake_machine(p);
}

void net_port_unkick(struct net_port *p)
{
    uint64_t n;
    if (read(p->kick_fd, &n, sizeof(n)) < 0) {
        /* EAGAIN: another read took the count already */
    }
}

void net_port_kick(struct net_port *p)
{
    uint64_t one = 1;
    if (write(p->kick_fd, &one, sizeof(one)) < 0) {
        /* EAGAIN: the counter is far from empty, the backend wakes anyway */
    }
}

bool net_port_rx_arm(struct net_port *p)
{
    atomic_store(&p->rx_armed, true);
    atomic_thread_fence(memory_order_seq_cst);
    return !net_ring_empty(&p->rx);
}

bool net_port_tx_wait(struct net_port *p)
{
    atomic_store(&p->tx_blocked, true);
    atomic_thread_fence(memory_order_seq_cst);
    return net_ring_reserve(&p->tx) != NULL;
}

int net_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg)
{
    /* Signals belong to the machine's thread: SIGIO ends its time slices, SIGCHLD reaps its
     * snapshot writers. A backend thread runs with all of them blocked. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int e = pthread_create(thread, NULL, fn, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (e)
        errno = e;
    return e ? -1 : 0;
}
