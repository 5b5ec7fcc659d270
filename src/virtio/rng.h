/* virtio entropy device (virtio 1.2 §5.4, device id 4): the guest's /dev/hwrng. */
#ifndef ARBOR_VIRTIO_RNG_H
#define ARBOR_VIRTIO_RNG_H

#include "virtio/mmio.h"

#define VIRTIO_ID_RNG 4
#define VIRTIO_RNG_MAX_REQUEST 4096u /* bytes served per buffer, however large it is */

/* Put an entropy device in virtio-mmio slot `slot`. NULL (logged) on failure. */
struct virtio_mmio *virtio_rng_create(struct board *b, unsigned slot);

#endif
