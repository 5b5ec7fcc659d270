/* virtio console (virtio 1.2 §5.3): --console virtio gives the guest hvc0 on the machine's
 * console. One port and no optional feature (no multiport, no size): the driver's receiveq
 * (0) carries host input to the guest, its transmitq (1) guest output to b->console_out.
 *
 * The device takes the machine's console input from the UART (b->console_virtio), through the
 * same reader (dev/console_input.c), so Ctrl-A x works as it does there and a detached
 * domain's swapped console_in is followed. Input is read between time slices, a buffer's
 * worth at a time and only once the previous one is delivered: what was read but has no
 * guest buffer yet waits in `pending`, which is guest-visible (typed, not yet received) and
 * therefore in the snapshot. Output is written at once: the notify runs on the machine
 * thread, and nothing is held back. */
#include "virtio/console.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "dev/console_input.h"

#define CONSOLE_RXQ 0
#define CONSOLE_TXQ 1
#define CONSOLE_PENDING_MAX 256u /* host input read ahead of the guest's buffers */
#define CONSOLE_TX_CHUNK 4096u

struct virtio_console {
    struct board *b;
    struct console_input in;
    uint8_t pending[CONSOLE_PENDING_MAX];
    uint32_t pending_len;
};

/* --- output --- */

/* A console that stops taking output (closed, or non-blocking and full) loses it, as the
 * UART's does: the guest must never wait on the host's reader. */
static void console_write(struct board *b, const uint8_t *p, uint32_t len)
{
    while (len && b->console_out >= 0) {
        ssize_t n = write(b->console_out, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        p += n;
        len -= (uint32_t)n;
    }
}

static void send_chain(struct virtio_console *c, struct bus *bus, const struct virtq_chain *ch)
{
    uint8_t buf[CONSOLE_TX_CHUNK];
    for (uint32_t off = 0; off < ch->ro_len;) {
        uint32_t n = virtq_read(bus, ch, off, buf, sizeof(buf));
        if (n == 0)
            break;
        console_write(c->b, buf, n);
        off += n;
    }
}

static void console_transmit(struct virtio_console *c, struct virtio_mmio *t)
{
    struct virtq *q = virtio_queue(t, CONSOLE_TXQ);
    struct bus *bus = virtio_bus(t);
    struct virtq_chain ch;
    bool used = false;
    enum virtq_result res;
    while ((res = virtq_pop(q, bus, &ch)) == VIRTQ_OK) {
        send_chain(c, bus, &ch);
        if (virtq_push(q, bus, ch.head, 0) != VIRTQ_OK)
            break;
        used = true;
    }
    if (used)
        virtio_used(t, CONSOLE_TXQ);
    if (res == VIRTQ_BROKEN)
        virtio_needs_reset(t, "bad descriptor chain on the transmit queue");
}

/* --- input --- */

/* Hand pending input to the guest's receive buffers, as many as it takes. */
static void console_deliver(struct virtio_console *c, struct virtio_mmio *t)
{
    struct virtq *q = virtio_queue(t, CONSOLE_RXQ);
    struct bus *bus = virtio_bus(t);
    struct virtq_chain ch;
    bool used = false;
    enum virtq_result res = VIRTQ_EMPTY;
    while (c->pending_len && (res = virtq_pop(q, bus, &ch)) == VIRTQ_OK) {
        uint32_t n = virtq_write(bus, &ch, 0, c->pending, c->pending_len);
        if (virtq_push(q, bus, ch.head, n) != VIRTQ_OK)
            break;
        memmove(c->pending, c->pending + n, c->pending_len - n);
        c->pending_len -= n;
        used = true;
    }
    if (used)
        virtio_used(t, CONSOLE_RXQ);
    if (res == VIRTQ_BROKEN)
        virtio_needs_reset(t, "bad descriptor chain on the receive queue");
}

/* Read more only when everything read before is delivered: the rest waits in the host's
 * buffers, not ours. Input is read before the driver is up too, so Ctrl-A x always works. */
static void console_poll(void *dev, struct virtio_mmio *t)
{
    struct virtio_console *c = dev;
    if (c->pending_len == 0) {
        bool quit;
        c->pending_len = console_input_read(&c->in, c->b, c->pending, sizeof(c->pending), &quit);
        if (quit)
            console_input_quit(c->b);
    }
    if (c->pending_len && virtio_running(t))
        console_deliver(c, t);
}

static void console_queue_notify(void *dev, struct virtio_mmio *t, unsigned q)
{
    if (q == CONSOLE_TXQ)
        console_transmit(dev, t);
    else
        console_deliver(dev, t); /* new receive buffers */
}

/* --- snapshot: the input typed but not yet received by the guest --- */

static void console_save(void *dev, struct snap_writer *w)
{
    struct virtio_console *c = dev;
    snap_w_u32(w, c->pending_len);
    snap_w_bytes(w, c->pending, c->pending_len);
}

static bool console_load(void *dev, struct snap_reader *r)
{
    struct virtio_console *c = dev;
    uint8_t pending[CONSOLE_PENDING_MAX];
    uint32_t len = snap_r_u32(r);
    if (!r->bad && len > sizeof(pending))
        return snap_r_fail(r, "more pending console input than the device holds");
    snap_r_bytes(r, pending, r->bad ? 0 : len);
    if (!snap_r_done(r))
        return false;
    memcpy(c->pending, pending, len);
    c->pending_len = len;
    return true;
}

static void console_destroy(void *dev)
{
    free(dev);
}

static const struct virtio_dev_ops console_ops = {
    .name = "virtio-console",
    .device_id = VIRTIO_ID_CONSOLE,
    .num_queues = 2,
    .queue_notify = console_queue_notify,
    .poll = console_poll,
    .save = console_save,
    .load = console_load,
    .destroy = console_destroy,
};

struct virtio_mmio *virtio_console_create(struct board *b, unsigned slot, struct board_device_spec *spec)
{
    if (spec->arg[0]) {
        log_error("--console virtio takes no options (got '%s')", spec->arg);
        return NULL;
    }
    if (b->console_virtio) {
        log_error("--console virtio: the machine has one console");
        return NULL;
    }
    struct virtio_console *c = calloc(1, sizeof(*c));
    if (!c) {
        log_error("virtio-console: out of memory");
        return NULL;
    }
    c->b = b;
    console_input_init(&c->in);
    struct virtio_mmio *t = virtio_mmio_create(b, slot, &console_ops, c);
    if (!t) {
        free(c);
        return NULL;
    }
    b->console_virtio = true;
    return t;
}
