/* virtio block device (virtio 1.2 §5.2): --disk FILE[,format=raw|qcow2][,readonly] */
#ifndef ARBOR_VIRTIO_BLK_H
#define ARBOR_VIRTIO_BLK_H

#include "virtio/mmio.h"

#define VIRTIO_ID_BLK 2

/* Put the device described by `spec` in virtio-mmio slot `slot`. NULL (one line logged
 * naming what is wrong) on failure. */
struct virtio_mmio *virtio_blk_create(struct board *b, unsigned slot, struct board_device_spec *spec);

/* For the monitor, which gives disks their place in the state tree (monitor/disks.c). */
struct virtio_blk;
/* The block device behind transport `t`, or NULL when it is another kind. */
struct virtio_blk *virtio_blk_of(struct virtio_mmio *t);
/* The image file the disk reads and writes now (the top of its chain), absolute. */
const char *virtio_blk_path(const struct virtio_blk *d);
bool virtio_blk_readonly(const struct virtio_blk *d);
uint64_t virtio_blk_size(const struct virtio_blk *d);
/* Finish the requests in flight and hand them back to the guest. */
void virtio_blk_quiesce(struct virtio_blk *d);
/* From now on read and write the qcow2 image `path` (absolute; its backing chain holds the
 * rest). 0, or -1 with the reason in `err` and the disk unchanged. */
int virtio_blk_switch(struct virtio_blk *d, const char *path, char *err, size_t errlen);

/* Let go of the image file for a moment (snapshot-delete rewrites it), then open it again.
 * The guest must not run in between. */
int virtio_blk_close_image(struct virtio_blk *d);
int virtio_blk_reopen_image(struct virtio_blk *d, char *err, size_t errlen);

#endif
