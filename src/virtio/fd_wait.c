/* The waiting thread of a device with host sockets: see fd_wait.h. */
#include "virtio/fd_wait.h"

#include <errno.h>
#include <sys/eventfd.h>
#include <unistd.h>

static void drain(int fd)
{
    uint64_t count;
    if (read(fd, &count, sizeof(count)) < 0) {
        /* EAGAIN: already drained */
    }
}

static void kick(struct fd_wait *w)
{
    uint64_t one = 1;
    if (write(w->kick_fd, &one, sizeof(one)) < 0) {
        /* EAGAIN: the counter is non-zero, the thread wakes anyway */
    }
}

static bool any_ready(const struct pollfd *set, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (set[i].fd >= 0 && set[i].revents)
            return true;
    return false;
}

/* Sleep on a copy of the set (the device may change it meanwhile: it kicks), report once. */
static void *fd_wait_main(void *arg)
{
    struct fd_wait *w = arg;
    struct pollfd set[FD_WAIT_MAX + 1];
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        if (!w->armed) {
            pthread_cond_wait(&w->cond, &w->lock);
            continue;
        }
        unsigned n = w->n;
        memcpy(set, w->set, n * sizeof(*set));
        set[n] = (struct pollfd){w->kick_fd, POLLIN, 0};
        w->polling = true;
        pthread_mutex_unlock(&w->lock);
        int r = poll(set, n + 1, -1);
        if (r > 0 && set[n].revents)
            drain(w->kick_fd);
        pthread_mutex_lock(&w->lock);
        w->polling = false;
        if (r > 0 && w->armed && any_ready(set, n)) {
            w->armed = false;
            atomic_store(&w->fired, true);
            board_wake(w->b);
        }
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

int fd_wait_start(struct fd_wait *w, struct board *b)
{
    *w = (struct fd_wait){.b = b, .kick_fd = -1};
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->cond, NULL);
    w->kick_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    int err = w->kick_fd < 0 ? errno : pthread_create(&w->thread, NULL, fd_wait_main, w);
    if (err) {
        log_error("cannot start a device thread: %s", strerror(err));
        if (w->kick_fd >= 0)
            close(w->kick_fd);
        w->kick_fd = -1;
        return -1;
    }
    w->started = true;
    return 0;
}

void fd_wait_set(struct fd_wait *w, const struct pollfd *set, unsigned n)
{
    if (!w->started)
        return;
    n = n < FD_WAIT_MAX ? n : FD_WAIT_MAX;
    pthread_mutex_lock(&w->lock);
    memcpy(w->set, set, n * sizeof(*set));
    for (unsigned i = 0; i < n; i++)
        w->set[i].revents = 0;
    w->n = n;
    w->armed = true;
    bool polling = w->polling;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
    if (polling)
        kick(w);
}

bool fd_wait_take(struct fd_wait *w)
{
    return atomic_load_explicit(&w->fired, memory_order_relaxed) &&
           atomic_exchange(&w->fired, false);
}

void fd_wait_stop(struct fd_wait *w)
{
    if (!w->started)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
    kick(w);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->cond);
    close(w->kick_fd);
    w->kick_fd = -1;
    w->started = false;
}

void fd_wait_forget(struct fd_wait *w)
{
    if (w->kick_fd >= 0)
        close(w->kick_fd); /* this process's copy: the parent keeps its own */
    *w = (struct fd_wait){.kick_fd = -1};
}
