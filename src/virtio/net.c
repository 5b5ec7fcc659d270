/* virtio network device (virtio 1.2 §5.1): --net user[,hostfwd=...] through libslirp, or --net tap=IFNAME
 * Not written yet: the option is refused. */
#include "virtio/net.h"

struct virtio_mmio *virtio_net_create(struct board *b, unsigned slot, struct board_device_spec *spec)
{
    (void)b;
    (void)slot;
    log_error("--%s %s: this device is not available yet", spec->kind, spec->arg);
    return NULL;
}
