/* The board's device table: how a device joins the machine. Kept apart from the run loop so
 * device unit tests link the real registration with a stubbed board. */
#include "board/board.h"

#include <errno.h>
#include <sys/eventfd.h>
#include <unistd.h>

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

void board_wake(struct board *b)
{
    board_kick(b);
    uint64_t one = 1;
    if (b->wake_fd >= 0 && write(b->wake_fd, &one, sizeof(one)) < 0) {
        /* EAGAIN: the counter is already non-zero, the loop will wake anyway */
    }
}

void board_quiesce(struct board *b)
{
    for (unsigned i = 0; i < b->n_devices; i++)
        if (b->devices[i].ops->quiesce)
            b->devices[i].ops->quiesce(b->devices[i].dev);
}

int board_after_fork(struct board *b)
{
    /* the eventfd is shared with the parent: a wakeup could land in the wrong process */
    if (b->wake_fd >= 0) {
        close(b->wake_fd);
        b->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (b->wake_fd < 0) {
            log_error("cannot create the machine's wakeup eventfd: %s", strerror(errno));
            return -1;
        }
    }
    for (unsigned i = 0; i < b->n_devices; i++)
        if (b->devices[i].ops->after_fork && b->devices[i].ops->after_fork(b->devices[i].dev))
            return -1;
    return 0;
}
