/* The backing chain: opening each file (probing its format, resolving its backing name,
 * refusing loops and over-long chains), and dispatching requests to the top image. */
#include "disk/disk.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/util.h"
#include "disk/image.h"

struct disk {
    unsigned n;
    struct image *chain[DISK_CHAIN_MAX]; /* top first; chain[i]->backing == chain[i+1] */
    dev_t dev[DISK_CHAIN_MAX];           /* identities of the files, to find loops */
    ino_t ino[DISK_CHAIN_MAX];
};

int say(char *err, size_t errlen, const char *fmt, ...)
{
    if (errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int pread_zero(int fd, void *buf, size_t len, uint64_t off)
{
    uint8_t *b = buf;
    while (len) {
        ssize_t r = pread(fd, b, len, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -errno;
        if (r == 0) { /* past the end of the file */
            memset(b, 0, len);
            return 0;
        }
        b += r;
        len -= (size_t)r;
        off += (uint64_t)r;
    }
    return 0;
}

int image_pread(const struct image *img, void *buf, size_t len, uint64_t off)
{
    if (!img->nowait)
        return pread_zero(img->fd, buf, len, off);
    uint8_t *b = buf;
    while (len) {
        struct iovec v = {b, len};
        ssize_t r = preadv2(img->fd, &v, 1, (off_t)off, RWF_NOWAIT);
        if (r < 0)
            return errno == EAGAIN || errno == EOPNOTSUPP ? -EAGAIN : -errno;
        if (r == 0) { /* past the end of the file */
            memset(b, 0, len);
            return 0;
        }
        b += r;
        len -= (size_t)r;
        off += (uint64_t)r;
    }
    return 0;
}

int pread_full(int fd, void *buf, size_t len, uint64_t off)
{
    uint8_t *b = buf;
    while (len) {
        ssize_t r = pread(fd, b, len, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r < 0 ? -errno : -EIO;
        b += r;
        len -= (size_t)r;
        off += (uint64_t)r;
    }
    return 0;
}

int pwrite_full(int fd, const void *buf, size_t len, uint64_t off)
{
    const uint8_t *b = buf;
    while (len) {
        ssize_t w = pwrite(fd, b, len, (off_t)off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? -errno : -EIO;
        b += w;
        len -= (size_t)w;
        off += (uint64_t)w;
    }
    return 0;
}

int image_read(struct image *img, uint64_t off, void *buf, size_t len)
{
    if (!img || off >= img->size) {
        memset(buf, 0, len);
        return 0;
    }
    size_t n = len;
    if (n > img->size - off)
        n = (size_t)(img->size - off);
    int r = img->ops->read(img, off, buf, n);
    if (!r && n < len)
        memset((uint8_t *)buf + n, 0, len - n);
    return r;
}

static void image_free(struct image *img)
{
    if (img->ops)
        img->ops->close(img);
    if (img->fd >= 0)
        close(img->fd);
    free(img->backing_name);
    free(img->path);
    free(img);
}

/* The file's format from its first bytes. */
static int probe(struct image *img, char *err, size_t errlen)
{
    uint8_t magic[4];
    int r = pread_zero(img->fd, magic, sizeof(magic), 0);
    if (r)
        return say(err, errlen, "cannot read: %s", strerror(-r));
    img->fmt = memcmp(magic, "QFI\xfb", 4) ? DISK_FORMAT_RAW : DISK_FORMAT_QCOW2;
    return 0;
}

/* Open the file as a regular file or block device: O_NONBLOCK so a FIFO named by a hostile
 * backing name cannot block the open, then refused by type. */
static int open_file(struct image *img, struct stat *st, char *err, size_t errlen)
{
    int flags = (img->readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
    img->fd = open(img->path, flags);
    if (img->fd < 0)
        return say(err, errlen, "cannot open: %s", strerror(errno));
    if (fstat(img->fd, st))
        return say(err, errlen, "cannot stat: %s", strerror(errno));
    if (!S_ISREG(st->st_mode) && !S_ISBLK(st->st_mode))
        return say(err, errlen, "not a regular file or block device");
    if (fcntl(img->fd, F_SETFL, flags & ~O_NONBLOCK))
        return say(err, errlen, "cannot clear O_NONBLOCK: %s", strerror(errno));
    return 0;
}

/* Writers lock the file exclusively, readers shared. A rewriter (disk_open_absorbing) shares
 * the file with its readers but must still exclude other rewriters: both would allocate at
 * the same end of the file. It also takes an OFD write lock on byte 0 (QEMU's own locks use
 * bytes 100 and up), which only rewriters ask for. */
static int lock_file(struct image *img, char *err, size_t errlen)
{
    bool shared = img->readonly || img->shared_lock;
    struct flock byte0 = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
    if (flock(img->fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB))
        return errno == EWOULDBLOCK
                   ? say(err, errlen, "in use by another process (%s lock held)",
                         shared ? "a write" : "a")
                   : say(err, errlen, "cannot lock: %s", strerror(errno));
    if (img->shared_lock && fcntl(img->fd, F_OFD_SETLK, &byte0))
        return errno == EAGAIN || errno == EACCES
                   ? say(err, errlen, "being rewritten by another process")
                   : say(err, errlen, "cannot lock: %s", strerror(errno));
    return 0;
}

static int open_format(struct image *img, enum disk_format fmt, char *err, size_t errlen)
{
    img->fmt = fmt;
    if (fmt == DISK_FORMAT_PROBE && probe(img, err, errlen))
        return -1;
    return img->fmt == DISK_FORMAT_QCOW2 ? qcow2_open(img, err, errlen)
                                         : raw_open(img, err, errlen);
}

/* Open the next file of d's chain; the reason, prefixed with the path, in err. */
static struct image *open_one(struct disk *d, const char *path, enum disk_format fmt,
                              bool readonly, bool shared, char *err, size_t errlen)
{
    char why[512];
    struct stat st;
    struct image *img = calloc(1, sizeof(*img));
    if (!img || !(img->path = strdup(path))) {
        free(img);
        say(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    img->fd = -1;
    img->readonly = readonly;
    img->shared_lock = shared;
    int r = open_file(img, &st, why, sizeof(why));
    for (unsigned i = 0; !r && i < d->n; i++)
        if (d->dev[i] == st.st_dev && d->ino[i] == st.st_ino)
            r = say(why, sizeof(why), "backing chain loop: this file is also %s",
                    d->chain[i]->path);
    if (!r)
        r = lock_file(img, why, sizeof(why));
    if (!r)
        r = open_format(img, fmt, why, sizeof(why));
    if (r) {
        say(err, errlen, "%s: %s", path, why);
        image_free(img);
        return NULL;
    }
    d->dev[d->n] = st.st_dev;
    d->ino[d->n] = st.st_ino;
    return img;
}

/* A backing name relative to the directory of the file naming it. */
static char *resolve_backing(const char *parent, const char *name)
{
    const char *slash = strrchr(parent, '/');
    if (name[0] == '/' || !slash)
        return strdup(name);
    size_t dl = (size_t)(slash - parent) + 1, nl = strlen(name);
    char *p = malloc(dl + nl + 1);
    if (p) {
        memcpy(p, parent, dl);
        memcpy(p + dl, name, nl + 1);
    }
    return p;
}

void disk_close(struct disk *d)
{
    if (!d)
        return;
    for (unsigned i = 0; i < d->n; i++)
        image_free(d->chain[i]);
    free(d);
}

/* Open path and then each backing file it names, appending them to d. */
static int open_chain(struct disk *d, const char *path, enum disk_format fmt, bool readonly,
                      bool shared, char *err, size_t errlen)
{
    char *p = strdup(path);
    for (;;) {
        if (!p)
            return say(err, errlen, "%s: out of memory", path);
        if (d->n == DISK_CHAIN_MAX) {
            free(p);
            return say(err, errlen, "%s: backing chain longer than %d files", path,
                       DISK_CHAIN_MAX);
        }
        struct image *img = open_one(d, p, fmt, readonly, shared, err, errlen);
        free(p);
        if (!img)
            return -1;
        if (d->n)
            d->chain[d->n - 1]->backing = img;
        d->chain[d->n++] = img;
        if (!img->backing_name)
            return 0;
        p = resolve_backing(img->path, img->backing_name);
        fmt = img->backing_fmt;
        readonly = true;
        shared = false;
    }
}

static struct disk *open_disk(const char *path, enum disk_format fmt, bool readonly, bool shared,
                              char *err, size_t errlen)
{
    struct disk *d = calloc(1, sizeof(*d));
    if (!d) {
        say(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    if (open_chain(d, path, fmt, readonly, shared, err, errlen)) {
        disk_close(d);
        return NULL;
    }
    return d;
}

struct disk *disk_open(const char *path, enum disk_format fmt, bool readonly, char *err,
                       size_t errlen)
{
    return open_disk(path, fmt, readonly, false, err, errlen);
}

int disk_read_nowait(struct disk *d, uint64_t off, void *buf, size_t len)
{
    for (unsigned i = 0; i < d->n; i++)
        d->chain[i]->nowait = true;
    int r = disk_read(d, off, buf, len);
    for (unsigned i = 0; i < d->n; i++)
        d->chain[i]->nowait = false;
    return r;
}

struct disk *disk_open_absorbing(const char *path, char *err, size_t errlen)
{
    return open_disk(path, DISK_FORMAT_QCOW2, false, true, err, errlen);
}

uint64_t disk_size(const struct disk *d)
{
    return d->chain[0]->size;
}

bool disk_readonly(const struct disk *d)
{
    return d->chain[0]->readonly;
}

enum disk_format disk_format_of(const struct disk *d)
{
    return d->chain[0]->fmt;
}

unsigned disk_chain_length(const struct disk *d)
{
    return d->n;
}

const char *disk_chain_path(const struct disk *d, unsigned i)
{
    return i < d->n ? d->chain[i]->path : NULL;
}

static bool in_range(const struct disk *d, uint64_t off, size_t len)
{
    uint64_t size = disk_size(d);
    return off <= size && len <= size - off;
}

int disk_read(struct disk *d, uint64_t off, void *buf, size_t len)
{
    if (!in_range(d, off, len))
        return -EINVAL;
    return len ? d->chain[0]->ops->read(d->chain[0], off, buf, len) : 0;
}

int disk_write(struct disk *d, uint64_t off, const void *buf, size_t len)
{
    if (d->chain[0]->readonly)
        return -EROFS;
    if (!in_range(d, off, len))
        return -EINVAL;
    return len ? d->chain[0]->ops->write(d->chain[0], off, buf, len) : 0;
}

int disk_flush(struct disk *d)
{
    if (d->chain[0]->readonly)
        return 0;
    return fdatasync(d->chain[0]->fd) ? -errno : 0;
}

struct image *disk_image(struct disk *d, unsigned i)
{
    return i < d->n ? d->chain[i] : NULL;
}
