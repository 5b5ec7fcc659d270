/* virtio block device (virtio 1.2 §5.2): --disk FILE[,format=raw|qcow2][,readonly] */
#ifndef ARBOR_VIRTIO_BLK_H
#define ARBOR_VIRTIO_BLK_H

#include "virtio/mmio.h"

#define VIRTIO_ID_BLK 2

/* Put the device described by `spec` in virtio-mmio slot `slot`. NULL (one line logged
 * naming what is wrong) on failure. */
struct virtio_mmio *virtio_blk_create(struct board *b, unsigned slot, struct board_device_spec *spec);

#endif
