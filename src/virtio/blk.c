/* virtio block device (not written yet: the option is refused). */
#include "virtio/blk.h"

struct virtio_mmio *virtio_blk_create(struct board *b, unsigned slot, struct board_device_spec *spec)
{
    (void)b;
    (void)slot;
    log_error("--%s %s: this device is not available yet", spec->kind, spec->arg);
    return NULL;
}
