/* Whole-image qcow2 operations: creating an overlay, and absorbing a backing file into its
 * child (a "stream": afterwards the child no longer needs it). */
#include "disk/qcow2.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

/* Layout of a new image: header cluster, refcount table, one refcount block, L1 table. */
enum { NEW_RT = 1, NEW_RB = 2, NEW_L1 = 3 };
/* QEMU's own limit on an L1 table. */
#define NEW_L1_MAX (32u << 20)

static const char *format_name(enum disk_format fmt)
{
    return fmt == DISK_FORMAT_RAW ? "raw" : fmt == DISK_FORMAT_QCOW2 ? "qcow2" : NULL;
}

/* Header cluster of a new image into h (cs bytes, zeroed); -1 when the name does not fit. */
static int new_header(uint8_t *h, uint64_t cs, unsigned cb, uint64_t size, uint64_t l1_size,
                      const char *backing, enum disk_format fmt)
{
    memcpy(h, QCOW2_MAGIC, 4);
    be_store(h + QH_VERSION, 3, 4);
    be_store(h + QH_CLUSTER_BITS, cb, 4);
    be_store(h + QH_SIZE, size, 8);
    be_store(h + QH_L1_SIZE, l1_size, 4);
    be_store(h + QH_L1_OFFSET, NEW_L1 * cs, 8);
    be_store(h + QH_RT_OFFSET, NEW_RT * cs, 8);
    be_store(h + QH_RT_CLUSTERS, 1, 4);
    be_store(h + QH_REFCOUNT_ORDER, 4, 4);
    be_store(h + QH_HEADER_LENGTH, 112, 4); /* with the compression type (zlib) and padding */
    size_t pos = 112;
    const char *fname = format_name(fmt);
    if (backing && fname) {
        be_store(h + pos, QCOW2_EXT_BACKING_FORMAT, 4);
        be_store(h + pos + 4, strlen(fname), 4);
        memcpy(h + pos + 8, fname, strlen(fname));
        pos += 16;
    }
    pos += 8; /* the end of the extensions */
    size_t nlen = backing ? strlen(backing) : 0;
    if (nlen > QCOW2_MAX_BACKING_NAME || nlen > cs - pos)
        return -1;
    if (nlen) {
        memcpy(h + pos, backing, nlen);
        be_store(h + QH_BACKING_OFFSET, pos, 8);
        be_store(h + QH_BACKING_SIZE, nlen, 4);
    }
    return 0;
}

/* The first clusters: header, refcount table pointing at the block, the block counting the
 * header, table, block and L1 clusters. The L1 table is zeros (a hole). */
static int write_new(int fd, uint64_t cs, unsigned cb, uint64_t size, uint64_t l1_size,
                     const char *backing, enum disk_format fmt)
{
    uint64_t l1_clusters = (l1_size * 8 + cs - 1) / cs;
    uint8_t *b = calloc(NEW_L1, cs);
    if (!b)
        return -ENOMEM;
    int r = new_header(b, cs, cb, size, l1_size, backing, fmt) ? -ENAMETOOLONG : 0;
    be_store(b + NEW_RT * cs, NEW_RB * cs, 8);
    for (uint64_t c = 0; c < NEW_L1 + l1_clusters; c++)
        be_store(b + NEW_RB * cs + c * 2, 1, 2);
    if (!r)
        r = pwrite_full(fd, b, NEW_L1 * cs, 0);
    if (!r && ftruncate(fd, (off_t)((NEW_L1 + l1_clusters) * cs)))
        r = -errno;
    free(b);
    return r;
}

/* fsync the directory holding path, so the new name is durable too. */
static int sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    int r = fd >= 0 && !fsync(fd) ? 0 : -1;
    if (fd >= 0)
        close(fd);
    free(dir);
    return r;
}

int qcow2_create(const char *path, const char *backing, enum disk_format backing_fmt,
                 uint64_t size, unsigned cb, char *err, size_t errlen)
{
    uint64_t cs = 1ull << cb, l2_span = cs << (cb - 3);
    if (cb < QCOW2_MIN_CLUSTER_BITS || cb > QCOW2_MAX_CLUSTER_BITS)
        return say(err, errlen, "%s: cluster_bits %u is out of range", path, cb);
    if (size > QCOW2_MAX_SIZE)
        return say(err, errlen, "%s: virtual size %llu is too large", path,
                   (unsigned long long)size);
    uint64_t l1_size = (size + l2_span - 1) / l2_span;
    /* one refcount block must count the first clusters */
    if (l1_size * 8 > NEW_L1_MAX || NEW_L1 + (l1_size * 8 + cs - 1) / cs > cs * 8 / 16)
        return say(err, errlen, "%s: virtual size %llu is too large for %llu-byte clusters",
                   path, (unsigned long long)size, (unsigned long long)cs);
    if (backing && (!backing[0] || strlen(backing) > QCOW2_MAX_BACKING_NAME))
        return say(err, errlen, "%s: the backing file name must be 1 to %u bytes", path,
                   QCOW2_MAX_BACKING_NAME);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return say(err, errlen, "%s: cannot create: %s", path, strerror(errno));
    int r = write_new(fd, cs, cb, size, l1_size, backing, backing_fmt);
    if (!r && fsync(fd))
        r = -errno;
    close(fd);
    if (!r)
        r = sync_dir(path) ? -EIO : 0;
    if (r) {
        unlink(path);
        return say(err, errlen, "%s: cannot write: %s", path, strerror(-r));
    }
    return 0;
}

int disk_create_overlay(const char *path, const char *backing_name,
                        enum disk_format backing_fmt, uint64_t size, char *err, size_t errlen)
{
    return qcow2_create(path, backing_name, backing_fmt, size, 16, err, errlen);
}

/* ---- absorbing the backing file ---- */

/* True when guest range [off, off+n) of child (unallocated there) reads differently once
 * mid is no longer in the chain: mid has a cluster there, or mid ends before it and the
 * file below mid would show through. */
static int mid_matters(struct image *mid, uint64_t off, uint64_t n)
{
    struct image *below = mid->backing;
    uint64_t past = off > mid->size ? off : mid->size;
    if (off + n > mid->size && below && below->size > past)
        return 1;
    return off < mid->size ? qcow2_allocated(mid, off, n) : 0;
}

/* 1 when child's cluster at off (n bytes) must be copied from mid: the child lacks it and mid
 * matters there. */
static int need_copy(struct image *child, struct image *mid, uint64_t off, uint64_t n)
{
    int r = qcow2_allocated(child, off, n);
    if (r)
        return r < 0 ? r : 0;
    return mid_matters(mid, off, n);
}

/* Copy into child every cluster it lacks that mid decides, as the guest sees it now. */
static int copy_from_mid(struct image *child, struct image *mid, char *err, size_t errlen)
{
    uint64_t cs = qcow2_of(child)->cs;
    uint8_t *buf = malloc(cs);
    int r = buf ? 0 : -ENOMEM;
    for (uint64_t off = 0; !r && off < child->size; off += cs) {
        uint64_t n = child->size - off < cs ? child->size - off : cs;
        r = need_copy(child, mid, off, n);
        if (r == 1 && !(r = image_read(mid, off, buf, (size_t)n)))
            r = qcow2_write(child, off, buf, (size_t)n);
    }
    free(buf);
    return r ? say(err, errlen, "%s: cannot copy from %s: %s", child->path, mid->path,
                   strerror(-r))
             : 0;
}

/* mid's backing name as seen from the child's directory: relative names are relative to
 * the naming file's directory, so mid's directory (as the child names it) is prefixed. */
static char *name_from_child(const char *child_names_mid, const char *mid_names)
{
    const char *slash = strrchr(child_names_mid, '/');
    if (mid_names[0] == '/' || !slash)
        return strdup(mid_names);
    size_t dl = (size_t)(slash - child_names_mid) + 1, nl = strlen(mid_names);
    char *p = malloc(dl + nl + 1);
    if (p) {
        memcpy(p, child_names_mid, dl);
        memcpy(p + dl, mid_names, nl + 1);
    }
    return p;
}

static int absorb(struct image *child, struct image *mid, char *err, size_t errlen)
{
    if (!mid)
        return say(err, errlen, "%s has no backing file", child->path);
    if (mid->fmt != DISK_FORMAT_QCOW2)
        return say(err, errlen, "%s: its backing file %s is not qcow2", child->path, mid->path);
    if (copy_from_mid(child, mid, err, errlen))
        return -1;
    if (fsync(child->fd))
        return say(err, errlen, "%s: fsync: %s", child->path, strerror(errno));
    char *name = mid->backing_name ? name_from_child(child->backing_name, mid->backing_name)
                                   : NULL;
    if (mid->backing_name && !name)
        return say(err, errlen, "out of memory");
    int r = qcow2_set_backing(child, name, mid->backing_fmt, err, errlen);
    free(name);
    if (!r && fsync(child->fd))
        r = say(err, errlen, "%s: fsync: %s", child->path, strerror(errno));
    return r;
}

int disk_absorb_backing(const char *child_path, char *err, size_t errlen)
{
    struct disk *d = disk_open_absorbing(child_path, err, errlen);
    if (!d)
        return -1;
    struct image *child = disk_image(d, 0);
    int r = absorb(child, child->backing, err, errlen);
    disk_close(d);
    return r;
}
