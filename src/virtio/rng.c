/* virtio entropy device: every buffer on its one queue is filled with random bytes.
 *
 * The bytes come from getrandom(2), except on a --deterministic machine, whose whole run
 * must follow from its snapshot: there they come from a SplitMix64 stream whose state is
 * seeded from getrandom at power on and saved in the snapshot, so a replay reads the same
 * bytes (the guest's kernel pulls from /dev/hwrng on its own, so host entropy there would
 * change what a replay does). That stream is not cryptographic; deterministic machines are
 * for testing and replay. */
#include "virtio/rng.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>

struct virtio_rng {
    struct board *b;
    uint64_t stream; /* SplitMix64 state (deterministic machines) */
};

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Reads above 256 bytes may be cut short by a signal (SIGIO ends time slices). */
static uint32_t host_random(uint8_t *buf, uint32_t len)
{
    uint32_t done = 0;
    while (done < len) {
        ssize_t n = getrandom(buf + done, len - done, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (uint32_t)n;
    }
    return done;
}

/* Fill `buf`; returns the bytes produced (fewer only when the host has no randomness). */
static uint32_t random_bytes(struct virtio_rng *r, uint8_t *buf, uint32_t len)
{
    if (!r->b->deterministic)
        return host_random(buf, len);
    for (uint32_t i = 0; i < len; i += 8) {
        uint64_t x = splitmix64(&r->stream);
        memcpy(buf + i, &x, len - i < 8 ? len - i : 8);
    }
    return len;
}

/* One request: as much of the write-only part as one bounded read of entropy covers. */
static uint32_t serve(struct virtio_rng *r, struct bus *bus, const struct virtq_chain *c)
{
    uint8_t buf[VIRTIO_RNG_MAX_REQUEST];
    uint32_t want = c->wo_len < sizeof(buf) ? c->wo_len : (uint32_t)sizeof(buf);
    uint32_t got = want ? random_bytes(r, buf, want) : 0;
    return virtq_write(bus, c, 0, buf, got);
}

/* At most `num` chains per notify: virtq_pop refuses an avail index further ahead. */
static void rng_queue_notify(void *dev, struct virtio_mmio *t, unsigned qi)
{
    struct virtq *q = virtio_queue(t, qi);
    struct bus *bus = virtio_bus(t);
    struct virtq_chain c;
    bool used = false;
    enum virtq_result res;
    while ((res = virtq_pop(q, bus, &c)) == VIRTQ_OK) {
        if (virtq_push(q, bus, c.head, serve(dev, bus, &c)) != VIRTQ_OK)
            break;
        used = true;
    }
    if (used)
        virtio_used(t, qi);
    if (res == VIRTQ_BROKEN)
        virtio_needs_reset(t, "bad descriptor chain on the request queue");
}

static void rng_save(void *dev, struct snap_writer *w)
{
    struct virtio_rng *r = dev;
    snap_w_u64(w, r->stream);
}

static bool rng_load(void *dev, struct snap_reader *rd)
{
    struct virtio_rng *r = dev;
    uint64_t stream = snap_r_u64(rd);
    if (!snap_r_done(rd))
        return false;
    r->stream = stream;
    return true;
}

static void rng_destroy(void *dev)
{
    free(dev);
}

static const struct virtio_dev_ops rng_ops = {
    .name = "virtio-rng",
    .device_id = VIRTIO_ID_RNG,
    .num_queues = 1,
    .queue_notify = rng_queue_notify,
    .save = rng_save,
    .load = rng_load,
    .destroy = rng_destroy,
};

struct virtio_mmio *virtio_rng_create(struct board *b, unsigned slot)
{
    struct virtio_rng *r = calloc(1, sizeof(*r));
    if (!r) {
        log_error("virtio-rng: out of memory");
        return NULL;
    }
    r->b = b;
    if (getrandom(&r->stream, sizeof(r->stream), 0) != (ssize_t)sizeof(r->stream))
        r->stream = host_now_ns(); /* only the deterministic stream uses it */
    struct virtio_mmio *t = virtio_mmio_create(b, slot, &rng_ops, r);
    if (!t)
        free(r);
    return t;
}
