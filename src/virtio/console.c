/* virtio console (virtio 1.2 §5.3): --console virtio gives the guest hvc0 on the host terminal
 * Not written yet: the option is refused. */
#include "virtio/console.h"

struct virtio_mmio *virtio_console_create(struct board *b, unsigned slot, struct board_device_spec *spec)
{
    (void)b;
    (void)slot;
    log_error("--%s %s: this device is not available yet", spec->kind, spec->arg);
    return NULL;
}
