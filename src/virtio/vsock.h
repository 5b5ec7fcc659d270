/* virtio socket device (virtio 1.2 §5.10): --vsock CID[,path=PATH], host side as Unix sockets
 * (Firecracker's convention; docs/devices.md). */
#ifndef ARBOR_VIRTIO_VSOCK_H
#define ARBOR_VIRTIO_VSOCK_H

#include "virtio/mmio.h"

#define VIRTIO_ID_VSOCK 19

/* Check a --vsock argument before the machine is built: a CID from 3 to 0xfffffffe, known
 * options, and a path= when the machine is not a domain (`named` false: there is no
 * RUNDIR/NAME.vsock to default to). 0, or -1 after logging one line. */
int virtio_vsock_check_arg(const char *arg, bool named);

/* Put the device described by `spec` in virtio-mmio slot `slot`. NULL (one line logged
 * naming what is wrong) on failure. */
struct virtio_mmio *virtio_vsock_create(struct board *b, unsigned slot, struct board_device_spec *spec);

#endif
