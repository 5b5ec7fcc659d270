/* virtio socket device (virtio 1.2 §5.10): --vsock CID, host side as Unix sockets */
#ifndef ARBOR_VIRTIO_VSOCK_H
#define ARBOR_VIRTIO_VSOCK_H

#include "virtio/mmio.h"

#define VIRTIO_ID_VSOCK 19

/* Put the device described by `spec` in virtio-mmio slot `slot`. NULL (one line logged
 * naming what is wrong) on failure. */
struct virtio_mmio *virtio_vsock_create(struct board *b, unsigned slot, struct board_device_spec *spec);

#endif
