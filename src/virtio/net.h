/* virtio network device (virtio 1.2 §5.1): --net user[,hostfwd=...] through libslirp, or --net tap=IFNAME */
#ifndef ARBOR_VIRTIO_NET_H
#define ARBOR_VIRTIO_NET_H

#include "virtio/mmio.h"

#define VIRTIO_ID_NET 1

/* Put the device described by `spec` in virtio-mmio slot `slot`. NULL (one line logged
 * naming what is wrong) on failure. */
struct virtio_mmio *virtio_net_create(struct board *b, unsigned slot, struct board_device_spec *spec);

#endif
