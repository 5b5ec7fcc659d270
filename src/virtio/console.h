/* virtio console (virtio 1.2 §5.3): --console virtio gives the guest hvc0 on the host terminal */
#ifndef ARBOR_VIRTIO_CONSOLE_H
#define ARBOR_VIRTIO_CONSOLE_H

#include "virtio/mmio.h"

#define VIRTIO_ID_CONSOLE 3

/* Put the device described by `spec` in virtio-mmio slot `slot`. NULL (one line logged
 * naming what is wrong) on failure. */
struct virtio_mmio *virtio_console_create(struct board *b, unsigned slot, struct board_device_spec *spec);

#endif
