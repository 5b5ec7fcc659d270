/* The virtio-mmio transport, version 2 (virtio 1.2 §4.2.2), as the `virt` board has it: slot n
 * at VIRT_VIRTIO_BASE + n * 0x1000 on PLIC source 1 + n. The transport owns the registers,
 * feature negotiation, the queues' configuration, the interrupt and the snapshot section; the
 * device behind it (rng.c, ...) only says what it is and serves its queues.
 *
 * Register accesses: the control registers take only aligned 32-bit accesses and the config
 * space aligned 8, 16 and 32-bit ones (§4.2.2.2 requires drivers to use exactly these);
 * anything else is an access fault, so a driver bug shows at once instead of being
 * half-served. */
#ifndef ARBOR_VIRTIO_MMIO_H
#define ARBOR_VIRTIO_MMIO_H

#include "board/board.h"
#include "virtio/virtqueue.h"

#define VIRTIO_MMIO_SLOTS 8
#define VIRTIO_MMIO_SIZE 0x1000u
#define VIRTIO_MMIO_MAX_QUEUES 4
#define VIRTIO_MMIO_CONFIG 0x100u /* device config space offset */

/* Registers (§4.2.2 table 4.1). */
enum {
    VIRTIO_MMIO_MAGIC = 0x000,
    VIRTIO_MMIO_VERSION = 0x004,
    VIRTIO_MMIO_DEVICE_ID = 0x008,
    VIRTIO_MMIO_VENDOR_ID = 0x00c,
    VIRTIO_MMIO_DEVICE_FEATURES = 0x010,
    VIRTIO_MMIO_DEVICE_FEATURES_SEL = 0x014,
    VIRTIO_MMIO_DRIVER_FEATURES = 0x020,
    VIRTIO_MMIO_DRIVER_FEATURES_SEL = 0x024,
    VIRTIO_MMIO_QUEUE_SEL = 0x030,
    VIRTIO_MMIO_QUEUE_NUM_MAX = 0x034,
    VIRTIO_MMIO_QUEUE_NUM = 0x038,
    VIRTIO_MMIO_QUEUE_READY = 0x044,
    VIRTIO_MMIO_QUEUE_NOTIFY = 0x050,
    VIRTIO_MMIO_INTERRUPT_STATUS = 0x060,
    VIRTIO_MMIO_INTERRUPT_ACK = 0x064,
    VIRTIO_MMIO_STATUS = 0x070,
    VIRTIO_MMIO_QUEUE_DESC_LOW = 0x080,
    VIRTIO_MMIO_QUEUE_DESC_HIGH = 0x084,
    VIRTIO_MMIO_QUEUE_DRIVER_LOW = 0x090,
    VIRTIO_MMIO_QUEUE_DRIVER_HIGH = 0x094,
    VIRTIO_MMIO_QUEUE_DEVICE_LOW = 0x0a0,
    VIRTIO_MMIO_QUEUE_DEVICE_HIGH = 0x0a4,
    VIRTIO_MMIO_CONFIG_GENERATION = 0x0fc,
};

#define VIRTIO_MMIO_MAGIC_VALUE 0x74726976u /* "virt" */
#define VIRTIO_MMIO_VENDOR 0x554d4551u      /* "QEMU", as QEMU's board reports */

/* Device status bits (§2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE 1u
#define VIRTIO_STATUS_DRIVER 2u
#define VIRTIO_STATUS_DRIVER_OK 4u
#define VIRTIO_STATUS_FEATURES_OK 8u
#define VIRTIO_STATUS_NEEDS_RESET 0x40u
#define VIRTIO_STATUS_FAILED 0x80u

/* InterruptStatus bits (§4.2.2.1). */
#define VIRTIO_INT_USED 1u
#define VIRTIO_INT_CONFIG 2u

#define VIRTIO_F_VERSION_1 (1ull << 32)

struct virtio_mmio;

/* What a device behind the transport provides. Optional hooks may be NULL. */
struct virtio_dev_ops {
    const char *name;      /* "virtio-rng": log lines and the board's device list */
    uint32_t device_id;    /* §5: 4 = entropy */
    uint64_t features;     /* device-specific bits; VIRTIO_F_VERSION_1 is always added */
    unsigned num_queues;   /* 1..VIRTIO_MMIO_MAX_QUEUES */
    uint32_t config_size;  /* bytes of config space at 0x100; reads past it give 0 */
    uint32_t (*config_read)(void *dev, uint32_t off, unsigned size);
    void (*config_write)(void *dev, uint32_t off, unsigned size, uint32_t val);
    /* The driver notified queue `q` (ready, DRIVER_OK, device not broken). */
    void (*queue_notify)(void *dev, struct virtio_mmio *t, unsigned q);
    void (*reset)(void *dev);
    /* Run-loop services, as in struct device_ops (board.h): poll() between time slices
     * (results of host threads, see board_wake), quiesce() before snapshots, reverts and
     * forks, after_fork() in a clone. */
    void (*poll)(void *dev, struct virtio_mmio *t);
    uint64_t (*next_deadline)(void *dev);
    void (*quiesce)(void *dev, struct virtio_mmio *t);
    int (*after_fork)(void *dev, struct virtio_mmio *t);
    /* Device-specific state, saved after the transport's at the end of the same section.
     * load reads it, checks snap_r_done (nothing may follow) and only then changes the
     * device; on refusal it returns false (reason in r->bad) and the device is unchanged. */
    void (*save)(void *dev, struct snap_writer *w);
    bool (*load)(void *dev, struct snap_reader *r);
    void (*destroy)(void *dev);
};

/* Put `dev` behind a transport in slot `slot` (0..VIRTIO_MMIO_SLOTS-1) of board `b` and
 * register both (fdt node, MMIO, snapshot section 'VIO0' + slot). On failure (logged) returns
 * NULL and `dev` still belongs to the caller. Create it after the PLIC. */
struct virtio_mmio *virtio_mmio_create(struct board *b, unsigned slot,
                                       const struct virtio_dev_ops *ops, void *dev);

/* For the device's notify handler: its queue `q` and guest memory. */
struct virtq *virtio_queue(struct virtio_mmio *t, unsigned q);
struct bus *virtio_bus(struct virtio_mmio *t);
/* Used buffers were added to queue `q`: interrupt the driver unless it asked not to be. */
void virtio_used(struct virtio_mmio *t, unsigned q);
/* The driver broke the rules (a bad chain): the device stops serving queues until reset,
 * sets DEVICE_NEEDS_RESET and tells the driver with a config-change interrupt. */
void virtio_needs_reset(struct virtio_mmio *t, const char *why);

uint32_t virtio_status(const struct virtio_mmio *t);
/* Offer more feature bits than ops->features (a property of this instance, e.g. a read-only
 * disk); call right after virtio_mmio_create. */
void virtio_offer(struct virtio_mmio *t, uint64_t features);
/* The device behind the transport, and what kind it is. */
void *virtio_dev(struct virtio_mmio *t);
uint32_t virtio_device_id(const struct virtio_mmio *t);
/* True once the driver set DRIVER_OK and the device is not broken: queues may be served. */
bool virtio_running(const struct virtio_mmio *t);
/* The features the driver accepted (valid once FEATURES_OK is set). */
uint64_t virtio_driver_features(const struct virtio_mmio *t);
/* The device's config space changed: interrupt the driver (config generation bumped). */
void virtio_config_changed(struct virtio_mmio *t);
struct board *virtio_board(struct virtio_mmio *t);

#endif
