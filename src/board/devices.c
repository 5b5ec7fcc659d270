/* The board's device table: how a device joins the machine. Kept apart from the run loop so
 * device unit tests link the real registration with a stubbed board. */
#include "board/board.h"

int board_add_device(struct board *b, const struct device_ops *ops, void *dev)
{
    if (b->n_devices == BOARD_MAX_DEVICES)
        return -1;
    b->devices[b->n_devices++] = (struct device){ops, dev};
    return 0;
}

int board_attach(struct board *b, const struct device_ops *ops, void *dev, uint64_t base,
                 uint64_t size, const struct mmio_ops *mmio)
{
    if (b->n_devices == BOARD_MAX_DEVICES) {
        log_error("%s: too many devices", ops->name);
        return -1;
    }
    if (bus_add_mmio(&b->bus, base, size, mmio, dev, ops->name) < 0) {
        log_error("%s: cannot map its registers at 0x%llx", ops->name, (unsigned long long)base);
        return -1;
    }
    return board_add_device(b, ops, dev);
}
