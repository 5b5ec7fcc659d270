/* virtio block device (virtio 1.2 §5.2): one request queue; each request is a 16-byte header
 * (type, sector), data, and a status byte the device writes last. Requests run on the disk's
 * I/O thread (blk_io.c); the image behind it (src/disk/) may change while the machine runs:
 * snapshots, reverts and forks give the disk a new copy-on-write layer (monitor/disks.c). */
#include "virtio/blk.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "disk/disk.h"
#include "virtio/blk_io.h"

#define SECTOR 512u
#define BLK_SEG_MAX (VIRTQ_NUM_MAX - 2) /* a chain also holds the header and the status */
#define BLK_ID_BYTES 20u

/* Feature bits (§5.2.3). */
#define VIRTIO_BLK_F_SEG_MAX (1ull << 2)
#define VIRTIO_BLK_F_RO (1ull << 5)
#define VIRTIO_BLK_F_BLK_SIZE (1ull << 6)
#define VIRTIO_BLK_F_FLUSH (1ull << 9)

/* Request types and status values (§5.2.6). */
enum { BLK_T_IN = 0, BLK_T_OUT = 1, BLK_T_FLUSH = 4, BLK_T_GET_ID = 8 };
enum { BLK_S_OK = 0, BLK_S_IOERR = 1, BLK_S_UNSUPP = 2 };

/* Config space (§5.2.4): capacity at 0, seg_max at 12, blk_size at 20. */
#define BLK_CONFIG_SIZE 36u

struct virtio_blk {
    struct board *b;
    struct virtio_mmio *t;
    struct board_device_spec *spec; /* its argument names the image in use */
    unsigned slot;
    struct disk *disk;
    struct blk_io *io;
    bool readonly;
    enum disk_format format;
    uint64_t capacity; /* sectors */
    uint64_t size;     /* bytes, as the image says */
    char path[PATH_MAX]; /* the image file in use (the top of its chain), absolute */
};

/* --- the argument: FILE[,format=raw|qcow2][,readonly] --- */

static int parse_option(struct virtio_blk *d, const char *opt, const char *arg)
{
    if (!strcmp(opt, "readonly")) {
        d->readonly = true;
    } else if (!strcmp(opt, "format=raw")) {
        d->format = DISK_FORMAT_RAW;
    } else if (!strcmp(opt, "format=qcow2")) {
        d->format = DISK_FORMAT_QCOW2;
    } else if (!strncmp(opt, "format=", 7)) {
        log_error("--disk %s: format '%s' is not raw or qcow2", arg, opt + 7);
        return -1;
    } else {
        log_error("--disk %s: unknown option '%s' (format=raw|qcow2, readonly)", arg, opt);
        return -1;
    }
    return 0;
}

/* The file name ends at the first comma; options follow. */
static int parse_arg(struct virtio_blk *d, const char *arg, char *file, size_t len)
{
    const char *comma = strchr(arg, ',');
    size_t n = comma ? (size_t)(comma - arg) : strlen(arg);
    if (n == 0 || n >= len) {
        log_error("--disk '%s': %s", arg, n ? "the file name is too long" : "no file name");
        return -1;
    }
    memcpy(file, arg, n);
    file[n] = '\0';
    while (comma) {
        const char *opt = comma + 1, *next = strchr(opt, ',');
        char buf[64];
        size_t ol = next ? (size_t)(next - opt) : strlen(opt);
        snprintf(buf, sizeof(buf), "%.*s", (int)(ol < sizeof(buf) ? ol : sizeof(buf) - 1), opt);
        if (parse_option(d, buf, arg))
            return -1;
        comma = next;
    }
    return 0;
}

static const char *format_name(enum disk_format f)
{
    return f == DISK_FORMAT_QCOW2 ? "qcow2" : "raw";
}

/* Snapshots record the image in use, absolute, so it is found from any directory. */
static void update_spec(struct virtio_blk *d)
{
    snprintf(d->spec->arg, sizeof(d->spec->arg), "%s,format=%s%s", d->path,
             format_name(d->format), d->readonly ? ",readonly" : "");
}

/* --- requests --- */

static uint8_t status_of(int result)
{
    if (result == -ENOTSUP)
        return BLK_S_UNSUPP;
    return result ? BLK_S_IOERR : BLK_S_OK;
}

/* Write the status byte and give the chain back. */
static void complete(struct virtio_blk *d, uint16_t head, uint64_t status_addr, uint8_t status,
                     uint32_t used)
{
    struct bus *bus = virtio_bus(d->t);
    uint8_t *p = bus_ram_ptr(bus, status_addr, 1);
    if (p) { /* checked when the chain was taken; RAM does not move */
        *p = status;
        bus_note_write(bus, status_addr);
    }
    if (virtq_push(virtio_queue(d->t, 0), bus, head, status == BLK_S_OK ? used : 1) != VIRTQ_OK)
        virtio_needs_reset(d->t, "used ring unusable");
}

/* Guest RAM segments [off, off+len) of one direction of the chain. */
static unsigned gather(struct bus *bus, const struct virtq_seg *seg, unsigned n, uint32_t off,
                       uint32_t len, struct blk_seg *out)
{
    unsigned k = 0;
    for (unsigned i = 0; i < n && len; i++) {
        if (off >= seg[i].len) {
            off -= seg[i].len;
            continue;
        }
        uint32_t take = seg[i].len - off < len ? seg[i].len - off : len;
        uint64_t addr = seg[i].addr + off;
        out[k++] = (struct blk_seg){addr, bus_ram_ptr(bus, addr, take), take};
        len -= take;
        off = 0;
    }
    return k;
}

/* Guest-physical address of the last byte of the write-only part (the status byte). */
static uint64_t status_address(const struct virtq_chain *c)
{
    const struct virtq_seg *last = &c->seg[c->n_ro + c->n_wo - 1];
    return last->addr + last->len - 1;
}

static struct blk_req *new_request(unsigned n_segs)
{
    return calloc(1, sizeof(struct blk_req) + n_segs * sizeof(struct blk_seg));
}

/* Check the data area against the disk: whole sectors, inside the capacity. */
static bool in_range(const struct virtio_blk *d, uint64_t sector, uint32_t len)
{
    return len % SECTOR == 0 && sector <= d->capacity &&
           len / SECTOR <= d->capacity - sector;
}

static void serve_id(struct virtio_blk *d, const struct virtq_chain *c)
{
    char id[BLK_ID_BYTES + 1];
    snprintf(id, sizeof(id), "arbor-disk%u", d->slot);
    uint32_t room = c->wo_len - 1 < BLK_ID_BYTES ? c->wo_len - 1 : BLK_ID_BYTES;
    uint32_t n = virtq_write(virtio_bus(d->t), c, 0, id, room);
    complete(d, c->head, status_address(c), BLK_S_OK, n + 1);
}

/* Turn a chain into a request for the I/O engine, or answer it at once. */
static void take_request(struct virtio_blk *d, const struct virtq_chain *c)
{
    struct bus *bus = virtio_bus(d->t);
    uint8_t hdr[16];
    uint64_t st = status_address(c);
    if (virtq_read(bus, c, 0, hdr, sizeof(hdr)) != sizeof(hdr))
        return complete(d, c->head, st, BLK_S_IOERR, 0);
    uint32_t type = (uint32_t)load_le(hdr, 4);
    uint64_t sector = load_le(hdr + 8, 8);
    bool in = type == BLK_T_IN;
    if (type == BLK_T_GET_ID)
        return serve_id(d, c);
    if (type != BLK_T_IN && type != BLK_T_OUT && type != BLK_T_FLUSH)
        return complete(d, c->head, st, BLK_S_UNSUPP, 0);
    uint32_t len = type == BLK_T_FLUSH ? 0 : in ? c->wo_len - 1 : c->ro_len - 16;
    if (type == BLK_T_FLUSH ? false : !in_range(d, sector, len))
        return complete(d, c->head, st, BLK_S_IOERR, 0);
    if (type == BLK_T_OUT && d->readonly)
        return complete(d, c->head, st, BLK_S_IOERR, 0);
    struct blk_req *r = new_request(c->n_ro + c->n_wo);
    if (!r)
        return complete(d, c->head, st, BLK_S_IOERR, 0);
    r->op = type == BLK_T_FLUSH ? BLK_OP_FLUSH : in ? BLK_OP_READ : BLK_OP_WRITE;
    r->sync_after = r->op == BLK_OP_WRITE &&
                    !(virtio_driver_features(d->t) & VIRTIO_BLK_F_FLUSH);
    r->head = c->head;
    r->offset = sector * SECTOR;
    r->status_addr = st;
    r->used_len = (in ? len : 0) + 1;
    if (in)
        r->n_segs = gather(bus, c->seg + c->n_ro, c->n_wo, 0, len, r->segs);
    else if (r->op == BLK_OP_WRITE)
        r->n_segs = gather(bus, c->seg, c->n_ro, 16, len, r->segs);
    blk_io_submit(d->io, r);
}

/* The engine finished these: note what reads wrote into RAM, then hand them back. */
static void complete_done(struct virtio_blk *d)
{
    struct blk_req *r = blk_io_take_done(d->io);
    if (!r)
        return;
    struct bus *bus = virtio_bus(d->t);
    while (r) {
        struct blk_req *next = r->next;
        if (r->op == BLK_OP_READ && r->result == 0)
            for (unsigned i = 0; i < r->n_segs; i++)
                bus_note_write_range(bus, r->segs[i].addr, r->segs[i].len);
        complete(d, r->head, r->status_addr, status_of(r->result), r->used_len);
        free(r);
        r = next;
    }
    virtio_used(d->t, 0);
}

static void blk_queue_notify(void *dev, struct virtio_mmio *t, unsigned qi)
{
    struct virtio_blk *d = dev;
    struct virtq *q = virtio_queue(t, qi);
    struct virtq_chain c;
    enum virtq_result res;
    while ((res = virtq_pop(q, virtio_bus(t), &c)) == VIRTQ_OK) {
        if (c.n_wo == 0) { /* nowhere to put the status: the driver is broken */
            res = VIRTQ_BROKEN;
            break;
        }
        take_request(d, &c);
    }
    complete_done(d); /* inline engines finish at once */
    if (res == VIRTQ_BROKEN)
        virtio_needs_reset(t, "bad descriptor chain on the request queue");
}

static void blk_poll(void *dev, struct virtio_mmio *t)
{
    (void)t;
    complete_done(dev);
}

void virtio_blk_quiesce(struct virtio_blk *d)
{
    blk_io_drain(d->io);
    complete_done(d);
}

static void blk_quiesce(void *dev, struct virtio_mmio *t)
{
    (void)t;
    virtio_blk_quiesce(dev);
}

static int blk_after_fork(void *dev, struct virtio_mmio *t)
{
    (void)t;
    struct virtio_blk *d = dev;
    return blk_io_restart(d->io);
}

/* A reset forgets the queue: requests still running finish, but nothing is handed back. */
static void blk_reset(void *dev)
{
    struct virtio_blk *d = dev;
    blk_io_drain(d->io);
    for (struct blk_req *r = blk_io_take_done(d->io), *n; r; r = n) {
        n = r->next;
        free(r);
    }
}

static uint32_t blk_config_read(void *dev, uint32_t off, unsigned size)
{
    struct virtio_blk *d = dev;
    uint8_t cfg[BLK_CONFIG_SIZE] = {0};
    store_le(cfg + 0, d->capacity, 8);
    store_le(cfg + 12, BLK_SEG_MAX, 4);
    store_le(cfg + 20, SECTOR, 4);
    return off + size <= sizeof(cfg) ? (uint32_t)load_le(cfg + off, size) : 0;
}

/* The guest-visible state is the configuration: a snapshot of another disk does not load. */
static void blk_save(void *dev, struct snap_writer *w)
{
    struct virtio_blk *d = dev;
    snap_w_u64(w, d->capacity);
    snap_w_u8(w, d->readonly);
}

static bool blk_load(void *dev, struct snap_reader *r)
{
    struct virtio_blk *d = dev;
    uint64_t capacity = snap_r_u64(r);
    uint8_t ro = snap_r_u8(r);
    if (!snap_r_done(r))
        return false;
    if (capacity != d->capacity || ro != d->readonly)
        return snap_r_fail(r, "the snapshot's disk has another size or mode");
    return true;
}

static void blk_destroy(void *dev)
{
    struct virtio_blk *d = dev;
    blk_io_stop(d->io);
    if (d->disk)
        disk_close(d->disk);
    free(d);
}

static const struct virtio_dev_ops blk_ops = {
    .name = "virtio-blk",
    .device_id = VIRTIO_ID_BLK,
    .features = VIRTIO_BLK_F_SEG_MAX | VIRTIO_BLK_F_BLK_SIZE | VIRTIO_BLK_F_FLUSH,
    .num_queues = 1,
    .config_size = BLK_CONFIG_SIZE,
    .config_read = blk_config_read,
    .queue_notify = blk_queue_notify,
    .reset = blk_reset,
    .poll = blk_poll,
    .quiesce = blk_quiesce,
    .after_fork = blk_after_fork,
    .save = blk_save,
    .load = blk_load,
    .destroy = blk_destroy,
};


/* Open `path` as the disk's image. A machine rebuilt from a snapshot opens it read-only:
 * that image is frozen in the tree, and the monitor gives the disk its own layer on top
 * before the guest runs (virtio_blk_switch). */
static struct disk *open_image(struct virtio_blk *d, const char *path)
{
    char err[PATH_MAX + 256];
    bool ro = d->readonly || d->b->from_snapshot;
    struct disk *disk = disk_open(path, d->format, ro, err, sizeof(err));
    if (!disk)
        log_error("--disk %s: %s", d->spec->arg, err);
    return disk;
}

static int open_disk(struct virtio_blk *d, const char *file)
{
    if (!realpath(file, d->path)) {
        log_error("--disk %s: cannot open '%s': %s", d->spec->arg, file, strerror(errno));
        return -1;
    }
    d->disk = open_image(d, d->path);
    if (!d->disk)
        return -1;
    d->format = disk_format_of(d->disk);
    d->size = disk_size(d->disk);
    d->capacity = d->size / SECTOR;
    if (disk_size(d->disk) % SECTOR)
        log_info("--disk %s: the last %llu bytes (less than a sector) are not used",
                 d->spec->arg, (unsigned long long)(disk_size(d->disk) % SECTOR));
    return 0;
}

struct virtio_mmio *virtio_blk_create(struct board *b, unsigned slot, struct board_device_spec *spec)
{
    char file[PATH_MAX];
    struct virtio_blk *d = calloc(1, sizeof(*d));
    if (!d) {
        log_error("virtio-blk: out of memory");
        return NULL;
    }
    *d = (struct virtio_blk){.b = b, .spec = spec, .slot = slot, .format = DISK_FORMAT_PROBE};
    if (parse_arg(d, spec->arg, file, sizeof(file)) || open_disk(d, file) ||
        !(d->io = blk_io_start(b, d->disk, b->deterministic))) {
        blk_destroy(d);
        return NULL;
    }
    update_spec(d);
    d->t = virtio_mmio_create(b, slot, &blk_ops, d);
    if (!d->t) {
        blk_destroy(d);
        return NULL;
    }
    if (d->readonly)
        virtio_offer(d->t, VIRTIO_BLK_F_RO);
    return d->t;
}

/* --- for the monitor: the disk's place in the state tree --- */

struct virtio_blk *virtio_blk_of(struct virtio_mmio *t)
{
    return t && virtio_device_id(t) == VIRTIO_ID_BLK ? virtio_dev(t) : NULL;
}

const char *virtio_blk_path(const struct virtio_blk *d)
{
    return d->path;
}

bool virtio_blk_readonly(const struct virtio_blk *d)
{
    return d->readonly;
}

uint64_t virtio_blk_size(const struct virtio_blk *d)
{
    return d->size;
}

/* The image is closed before the next one opens: the next one may build on it, and an image
 * open for writing is locked against every other opening. */
int virtio_blk_switch(struct virtio_blk *d, const char *path, char *err, size_t errlen)
{
    virtio_blk_quiesce(d);
    if (d->disk)
        disk_close(d->disk);
    struct disk *nd = disk_open(path, DISK_FORMAT_QCOW2, d->readonly, err, errlen);
    if (nd && disk_size(nd) != d->size) {
        snprintf(err, errlen, "'%s' is not the size of the disk", path);
        disk_close(nd);
        nd = NULL;
    }
    if (!nd) {
        char ignored[PATH_MAX + 256];
        d->disk = disk_open(d->path, d->format, d->readonly, ignored, sizeof(ignored));
        if (!d->disk) /* cannot happen short of the file vanishing: the guest gets errors */
            log_error("disk %u: cannot reopen '%s': %s", d->slot, d->path, ignored);
        blk_io_set_disk(d->io, d->disk);
        return -1;
    }
    d->disk = nd;
    blk_io_set_disk(d->io, nd);
    snprintf(d->path, sizeof(d->path), "%s", path);
    d->format = DISK_FORMAT_QCOW2;
    update_spec(d);
    return 0;
}

int virtio_blk_close_image(struct virtio_blk *d)
{
    virtio_blk_quiesce(d);
    if (d->disk)
        disk_close(d->disk);
    d->disk = NULL;
    blk_io_set_disk(d->io, NULL);
    return 0;
}

int virtio_blk_reopen_image(struct virtio_blk *d, char *err, size_t errlen)
{
    d->disk = disk_open(d->path, d->format, d->readonly, err, errlen);
    blk_io_set_disk(d->io, d->disk);
    return d->disk ? 0 : -1;
}
