/* virtio socket device (virtio 1.2 §5.10): --vsock CID, host side as Unix sockets
 * Not written yet: the option is refused. */
#include "virtio/vsock.h"

struct virtio_mmio *virtio_vsock_create(struct board *b, unsigned slot, struct board_device_spec *spec)
{
    (void)b;
    (void)slot;
    log_error("--%s %s: this device is not available yet", spec->kind, spec->arg);
    return NULL;
}
