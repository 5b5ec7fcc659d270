/* One file of a backing chain, as disk.c sees it: the interface between the chain and the
 * formats (raw.c, qcow2*.c). Internal to src/disk. */
#ifndef ARBOR_DISK_IMAGE_H
#define ARBOR_DISK_IMAGE_H

#include "disk/disk.h"

struct image;

struct image_ops {
    /* off and len lie within img->size. */
    int (*read)(struct image *img, uint64_t off, void *buf, size_t len);
    int (*write)(struct image *img, uint64_t off, const void *buf, size_t len);
    /* Free the format's state (not the fd, which disk.c owns). */
    void (*close)(struct image *img);
};

struct image {
    const struct image_ops *ops;
    enum disk_format fmt;
    char *path;
    int fd;
    bool readonly;
    bool shared_lock;
    bool nowait;           /* reads must not wait for the device (disk_read_nowait) */      /* written without an exclusive lock (disk_open_absorbing) */
    uint64_t size;         /* virtual size */
    struct image *backing; /* the next file of the chain, or NULL */
    void *state;           /* the format's own */
    /* What the file names as its backing (qcow2 only): the name as stored, NULL for none,
     * and its format from the backing-format extension (PROBE when absent). */
    char *backing_name;
    enum disk_format backing_fmt;
};

/* Read [off, off+len) of img as the chain below it shows it: zeros past img's end, all zeros
 * when img is NULL (the end of the chain). */
int image_read(struct image *img, uint64_t off, void *buf, size_t len);

/* Whole-buffer pread/pwrite: 0 or -errno. pread_zero fills what lies past the end of the
 * file with zeros; pread_full calls that -EIO. */
int pread_zero(int fd, void *buf, size_t len, uint64_t off);
int pread_full(int fd, void *buf, size_t len, uint64_t off);
int pwrite_full(int fd, const void *buf, size_t len, uint64_t off);
/* pread_zero for serving a request: with img->nowait, -EAGAIN instead of waiting for data
 * that is not in the host's page cache. */
int image_pread(const struct image *img, void *buf, size_t len, uint64_t off);

/* snprintf into err (if errlen), always returning -1 for `return say(...)`. */
int say(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Open `path` writable under a shared lock, for rewrites that never change what the image
 * shows (disk_absorb_backing): readers of the file (other chains) may stay open, writers
 * still exclude it, and so does another rewriter (an OFD lock, see lock_file). */
struct disk *disk_open_absorbing(const char *path, char *err, size_t errlen);

/* The i-th file of d's chain (0 the top), for operations on whole images (qcow2_create.c). */
struct image *disk_image(struct disk *d, unsigned i);

/* Format openers: fill img->ops, size, state (and backing_name/fmt). 0 or -1 + err. */
int raw_open(struct image *img, char *err, size_t errlen);
int qcow2_open(struct image *img, char *err, size_t errlen);

#endif
