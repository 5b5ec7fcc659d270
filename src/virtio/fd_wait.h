/* A helper thread that sleeps on a device's host file descriptors and wakes the machine
 * (board_wake) when one is ready, so the machine thread makes no system call for them while
 * nothing happens. The thread only waits: the device does all I/O on the machine thread.
 *
 * Readiness is level-triggered, so after reporting once the thread waits until the device
 * has looked (fd_wait_set arms it again); the device leaves out of the set whatever it
 * cannot act on yet (fd -1), or the thread would report it over and over. */
#ifndef ARBOR_VIRTIO_FD_WAIT_H
#define ARBOR_VIRTIO_FD_WAIT_H

#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>

#include "board/board.h"

#define FD_WAIT_MAX 80

struct fd_wait {
    struct board *b;
    pthread_t thread;
    bool started;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int kick_fd;        /* eventfd: the set changed, or stop */
    /* under lock */
    struct pollfd set[FD_WAIT_MAX];
    unsigned n;
    bool armed;         /* the thread may report readiness of `set` */
    bool polling;       /* the thread sleeps in poll(2): a new set needs a kick */
    bool stop;
    atomic_bool fired;  /* reported: the device should look at its descriptors */
};

/* Start the thread for board `b`. 0, or -1 after logging. */
int fd_wait_start(struct fd_wait *w, struct board *b);
/* Wait on these `n` (at most FD_WAIT_MAX) descriptors from now on, and arm the report. */
void fd_wait_set(struct fd_wait *w, const struct pollfd *set, unsigned n);
/* True once per report: take it and look at the descriptors. Cheap (no system call). */
bool fd_wait_take(struct fd_wait *w);
/* Stop and join the thread. */
void fd_wait_stop(struct fd_wait *w);
/* In a process made by fork(2): the thread did not come along, and its lock may have been
 * held at the fork. Forget both without touching them; fd_wait_start may follow. */
void fd_wait_forget(struct fd_wait *w);

#endif
