/* The block device's I/O engine: requests taken from the guest's queue run on a host thread,
 * so a slow disk never stalls the harts; their results come back to the machine's thread,
 * which alone touches the virtqueue. A deterministic machine runs them inline instead (an
 * I/O thread would finish at host-chosen moments, and replays must not depend on those).
 *
 * Data moves straight between the image and guest RAM (the segments' host addresses);
 * the machine's thread notes the pages written when it completes a read. */
#ifndef ARBOR_VIRTIO_BLK_IO_H
#define ARBOR_VIRTIO_BLK_IO_H

#include <stdbool.h>
#include <stdint.h>

struct board;
struct disk;

enum blk_op { BLK_OP_READ, BLK_OP_WRITE, BLK_OP_FLUSH };

/* One guest buffer piece, already checked to lie in guest RAM. */
struct blk_seg {
    uint64_t addr;  /* guest-physical */
    uint8_t *host;  /* where it is in the monitor */
    uint32_t len;
};

struct blk_req {
    struct blk_req *next;
    enum blk_op op;
    bool sync_after;     /* write-through: flush after the write (driver without FLUSH) */
    uint16_t head;       /* the chain to hand back */
    uint64_t offset;     /* bytes into the disk */
    uint64_t status_addr; /* guest-physical address of the status byte */
    uint32_t used_len;   /* bytes the device wrote into the chain when it succeeds */
    int result;          /* 0 or -errno, set by the engine */
    unsigned n_segs;
    struct blk_seg segs[];
};

struct blk_io;

/* Start the engine for `disk` (threaded unless `inline_io`). NULL (logged) on failure. */
struct blk_io *blk_io_start(struct board *b, struct disk *disk, bool inline_io);
/* Run `r` (owned by the engine until it comes back from blk_io_take_done). */
void blk_io_submit(struct blk_io *io, struct blk_req *r);
/* The finished requests, oldest first (a list through ->next), or NULL. Cheap when none. */
struct blk_req *blk_io_take_done(struct blk_io *io);
/* Wait until every submitted request has finished (they are then on the done list). */
void blk_io_drain(struct blk_io *io);
/* Requests submitted and not yet taken back. */
unsigned blk_io_pending(const struct blk_io *io);
/* With nothing pending: serve `disk` from now on. */
void blk_io_set_disk(struct blk_io *io, struct disk *disk);
/* In a process made by fork(2): the thread did not come along; start a new one. 0 or -1. */
int blk_io_restart(struct blk_io *io);
/* Drain, stop the thread and free the engine (not the disk). */
void blk_io_stop(struct blk_io *io);

#endif
