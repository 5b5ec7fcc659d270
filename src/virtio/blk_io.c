/* The block device's I/O thread (see blk_io.h). One thread per disk: the image layer keeps
 * its metadata caches without locks because only this thread calls it while it runs. */
#include "virtio/blk_io.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "board/board.h"
#include "disk/disk.h"

struct req_list {
    struct blk_req *head, **tail;
};

struct blk_io {
    struct board *b;
    struct disk *disk;
    bool inline_io;
    bool thread_running;
    pid_t owner; /* the process whose thread serves the queue */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t work;  /* todo got a request, or stop */
    pthread_cond_t idle;  /* a request finished */
    struct req_list todo, done;
    unsigned running;     /* submitted, not finished */
    unsigned pending;     /* submitted, not taken back (machine thread only) */
    atomic_bool has_done; /* read without the lock in every time slice */
    bool stop;
};

static void list_init(struct req_list *l)
{
    l->head = NULL;
    l->tail = &l->head;
}

static void list_add(struct req_list *l, struct blk_req *r)
{
    r->next = NULL;
    *l->tail = r;
    l->tail = &r->next;
}

static int run_request(struct disk *d, struct blk_req *r)
{
    if (!d)
        return -EIO; /* the image could not be opened again (virtio_blk_switch) */
    if (r->op == BLK_OP_FLUSH)
        return disk_flush(d);
    uint64_t off = r->offset;
    for (unsigned i = 0; i < r->n_segs; i++) {
        int rc = r->op == BLK_OP_READ ? disk_read(d, off, r->segs[i].host, r->segs[i].len)
                                      : disk_write(d, off, r->segs[i].host, r->segs[i].len);
        if (rc)
            return rc;
        off += r->segs[i].len;
    }
    return r->sync_after ? disk_flush(d) : 0;
}

static void finish(struct blk_io *io, struct blk_req *r)
{
    list_add(&io->done, r);
    io->running--;
    atomic_store(&io->has_done, true);
    pthread_cond_broadcast(&io->idle);
}

static void *io_thread(void *arg)
{
    struct blk_io *io = arg;
    pthread_mutex_lock(&io->lock);
    for (;;) {
        while (!io->todo.head && !io->stop)
            pthread_cond_wait(&io->work, &io->lock);
        if (!io->todo.head)
            break;
        struct blk_req *r = io->todo.head;
        io->todo.head = r->next;
        if (!io->todo.head)
            io->todo.tail = &io->todo.head;
        pthread_mutex_unlock(&io->lock);
        r->result = run_request(io->disk, r);
        pthread_mutex_lock(&io->lock);
        finish(io, r);
        board_wake(io->b);
    }
    pthread_mutex_unlock(&io->lock);
    return NULL;
}

static int start_thread(struct blk_io *io)
{
    pthread_mutex_init(&io->lock, NULL);
    pthread_cond_init(&io->work, NULL);
    pthread_cond_init(&io->idle, NULL);
    io->owner = getpid();
    io->stop = false;
    if (io->inline_io)
        return 0;
    int rc = pthread_create(&io->thread, NULL, io_thread, io);
    if (rc) {
        log_error("virtio-blk: cannot start its I/O thread: %s", strerror(rc));
        return -1;
    }
    io->thread_running = true;
    return 0;
}

struct blk_io *blk_io_start(struct board *b, struct disk *disk, bool inline_io)
{
    struct blk_io *io = calloc(1, sizeof(*io));
    if (!io) {
        log_error("virtio-blk: out of memory");
        return NULL;
    }
    *io = (struct blk_io){.b = b, .disk = disk, .inline_io = inline_io};
    list_init(&io->todo);
    list_init(&io->done);
    if (start_thread(io)) {
        free(io);
        return NULL;
    }
    return io;
}

/* A read whose data is in the host's page cache is served at once on the machine's thread:
 * handing it to the I/O thread and back would cost more than the copy. Only while the thread
 * is idle, as the image layer is not shared between threads. */
static bool try_fast_read(struct blk_io *io, struct blk_req *r)
{
    if (r->op != BLK_OP_READ || !io->disk)
        return false;
    pthread_mutex_lock(&io->lock);
    bool idle = io->running == 0;
    pthread_mutex_unlock(&io->lock);
    if (!idle)
        return false;
    uint64_t off = r->offset;
    int rc = 0;
    for (unsigned i = 0; i < r->n_segs && !rc; i++) {
        rc = disk_read_nowait(io->disk, off, r->segs[i].host, r->segs[i].len);
        off += r->segs[i].len;
    }
    if (rc == -EAGAIN)
        return false;
    r->result = rc;
    pthread_mutex_lock(&io->lock);
    io->running++;
    finish(io, r);
    pthread_mutex_unlock(&io->lock);
    return true;
}

void blk_io_submit(struct blk_io *io, struct blk_req *r)
{
    io->pending++;
    if (!io->inline_io && try_fast_read(io, r))
        return;
    if (io->inline_io) {
        r->result = run_request(io->disk, r);
        io->running++;
        finish(io, r);
        return;
    }
    pthread_mutex_lock(&io->lock);
    io->running++;
    list_add(&io->todo, r);
    pthread_cond_signal(&io->work);
    pthread_mutex_unlock(&io->lock);
}

struct blk_req *blk_io_take_done(struct blk_io *io)
{
    if (!atomic_load_explicit(&io->has_done, memory_order_acquire))
        return NULL;
    pthread_mutex_lock(&io->lock);
    struct blk_req *list = io->done.head;
    list_init(&io->done);
    atomic_store(&io->has_done, false);
    pthread_mutex_unlock(&io->lock);
    for (struct blk_req *r = list; r; r = r->next)
        io->pending--;
    return list;
}

void blk_io_drain(struct blk_io *io)
{
    if (io->inline_io || !io->thread_running || io->owner != getpid())
        return; /* in a forked copy there is no thread to wait for */
    pthread_mutex_lock(&io->lock);
    while (io->running)
        pthread_cond_wait(&io->idle, &io->lock);
    pthread_mutex_unlock(&io->lock);
}

unsigned blk_io_pending(const struct blk_io *io)
{
    return io->pending;
}

void blk_io_set_disk(struct blk_io *io, struct disk *disk)
{
    io->disk = disk; /* the thread reads it only while running a request: none runs */
}

/* The lock may have been held by the parent's thread at fork time: make everything new.
 * Requests that were still queued belong to the parent (the monitor drains before forking). */
int blk_io_restart(struct blk_io *io)
{
    if (io->owner == getpid())
        return 0;
    io->thread_running = false;
    list_init(&io->todo);
    list_init(&io->done);
    io->running = io->pending = 0;
    atomic_store(&io->has_done, false);
    return start_thread(io);
}

void blk_io_stop(struct blk_io *io)
{
    if (!io)
        return;
    if (io->thread_running && io->owner == getpid()) {
        pthread_mutex_lock(&io->lock);
        io->stop = true;
        pthread_cond_signal(&io->work);
        pthread_mutex_unlock(&io->lock);
        pthread_join(io->thread, NULL);
    }
    for (struct blk_req *r = io->todo.head, *n; r; r = n) {
        n = r->next;
        free(r);
    }
    for (struct blk_req *r = io->done.head, *n; r; r = n) {
        n = r->next;
        free(r);
    }
    free(io);
}
