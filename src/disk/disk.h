/* Disk images for block devices: raw files and qcow2 (versions 2 and 3) with backing chains.
 *
 * One struct disk is an open image and its whole backing chain. A device serves one disk from
 * one thread: nothing here locks, and nothing keeps global mutable state, so different disks
 * may be served from different threads. Everything read from an image file is untrusted: a
 * malformed file is refused at open with a one-line reason, or a request that meets a bad
 * pointer fails with -EIO (and one log line per disk). See docs/disks.md. */
#ifndef ARBOR_DISK_DISK_H
#define ARBOR_DISK_DISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum disk_format { DISK_FORMAT_PROBE, DISK_FORMAT_RAW, DISK_FORMAT_QCOW2 };

/* The longest backing chain disk_open follows (top image included). */
#define DISK_CHAIN_MAX 256

struct disk;

/* Open `path` (format PROBE: the qcow2 magic "QFI\xfb" makes it qcow2, anything else raw).
 * Writable unless readonly; backing files are always opened read-only, their names resolved
 * relative to the directory of the file naming them (absolute names used as they are), their
 * format taken from the qcow2 backing-format header extension, else probed. A chain longer
 * than DISK_CHAIN_MAX or with a loop is refused. NULL with a one-line reason in err on
 * failure. A writable image is locked exclusively (flock) and read-only ones shared, so two
 * arbor processes never write the same file. */
struct disk *disk_open(const char *path, enum disk_format fmt, bool readonly, char *err,
                       size_t errlen);

uint64_t disk_size(const struct disk *d); /* virtual size in bytes */
bool disk_readonly(const struct disk *d);
enum disk_format disk_format_of(const struct disk *d);

/* Byte-granular I/O anywhere within the virtual size. 0 or -errno: -EINVAL out of range,
 * -EROFS on a read-only disk, -EIO for a corrupt image met while serving, -ENOSPC, -ENOTSUP
 * for what this layer cannot do (a write needing the contents of a compressed cluster).
 * Unallocated areas read from the backing chain, or as zeros at its end and past the end of
 * a shorter backing file. */
int disk_read(struct disk *d, uint64_t off, void *buf, size_t len);
int disk_write(struct disk *d, uint64_t off, const void *buf, size_t len);

/* disk_read, but -EAGAIN rather than waiting for the host's device: everything it needs is
 * in the page cache or it does nothing useful (the caller then reads on its I/O thread).
 * Reads never change an image, so giving up halfway is harmless. */
int disk_read_nowait(struct disk *d, uint64_t off, void *buf, size_t len);

/* Data and metadata of the top image durable (fdatasync). */
int disk_flush(struct disk *d);

void disk_close(struct disk *d);

/* Create a new qcow2 v3 overlay at `path` (O_EXCL, fsynced) of virtual size `size`, backed by
 * `backing_name` (stored as given, so relative names are relative to the overlay's directory)
 * of format `backing_fmt` (written in the backing-format extension unless PROBE). A NULL
 * backing_name makes a standalone empty image. 0, or -1 with a reason in err. */
int disk_create_overlay(const char *path, const char *backing_name,
                        enum disk_format backing_fmt, uint64_t size, char *err, size_t errlen);

/* Stream the direct backing image (a qcow2 file) of the qcow2 file `child_path` into it:
 * copy every cluster the backing has allocated and the child lacks, then make the child's
 * backing the backing's own backing (name made correct relative to the child's directory,
 * format copied). The child's contents never change at any step, and its data is durable
 * before its header switches, so a crash anywhere leaves a valid image. The old backing file
 * is then no longer needed. 0, or -1 with a reason in err. */
int disk_absorb_backing(const char *child_path, char *err, size_t errlen);

/* The files of the chain, top first (for display). */
unsigned disk_chain_length(const struct disk *d);
const char *disk_chain_path(const struct disk *d, unsigned i);

#endif
