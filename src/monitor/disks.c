/* Disks in the state tree. A snapshot freezes the image each writable disk uses at that
 * moment (its DEVS entry names it) and the disk goes on in a new copy-on-write layer: a qcow2
 * overlay in the domain's snapshot directory backed by the frozen image. Reverting, forking
 * and restoring start a new layer on top of the image the snapshot froze, so no branch ever
 * writes into an image another one reads, and the user's own image is written only until
 * the first snapshot. docs/disks.md has the picture.
 *
 * Layers refer to layers of the same directory by bare name, and to anything else (the
 * user's image) by absolute path. A domain made from another one's snapshot (a clone, a
 * restore) hard-links the layers it builds on into its own directory, so each directory
 * stands alone: deleting a snapshot of one domain never takes a layer from another. */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disk/disk.h"
#include "monitor/disks.h"
#include "virtio/blk.h"

/* dir/name into out; false when it does not fit. */
static bool join(char *out, size_t len, const char *dir, const char *name)
{
    int n = snprintf(out, len, "%s/%s", dir, name);
    return n >= 0 && (size_t)n < len;
}

/* The writable disks of the machine, in slot order. */
static unsigned writable_disks(struct board *b, struct virtio_blk **out, unsigned *slot)
{
    unsigned n = 0;
    for (unsigned i = 0; i < b->n_specs; i++) {
        struct virtio_blk *d = virtio_blk_of(b->user_devs[i]);
        if (d && !virtio_blk_readonly(d)) {
            slot[n] = i + 1;
            out[n++] = d;
        }
    }
    return n;
}

static bool same_dir(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return !strncmp(path, dir, n) && path[n] == '/' && !strchr(path + n + 1, '/');
}

/* A fresh layer name in `dir`: disk<slot>-<random>.qcow2. */
static bool layer_name(char *out, size_t len, const char *dir, unsigned slot)
{
    uint64_t r;
    char name[64];
    if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
        r = host_now_ns() ^ ((uint64_t)getpid() << 32);
    snprintf(name, sizeof(name), "disk%u-%016llx.qcow2", slot, (unsigned long long)r);
    return join(out, len, dir, name);
}

/* Make a new layer in `dir` over `below` (absolute). Its path goes to `out`. */
static int new_layer(const char *dir, unsigned slot, const char *below, uint64_t size, char *out,
                     size_t len, char *err, size_t errlen)
{
    char probe[8] = {0};
    int fd = open(below, O_RDONLY | O_CLOEXEC);
    bool qcow2 = fd >= 0 && read(fd, probe, 4) == 4 && !memcmp(probe, "QFI\xfb", 4);
    if (fd >= 0)
        close(fd);
    if (!layer_name(out, len, dir, slot)) {
        snprintf(err, errlen, "the path of a new disk layer in '%s' is too long", dir);
        return -1;
    }
    const char *name = same_dir(below, dir) ? strrchr(below, '/') + 1 : below;
    return disk_create_overlay(out, name, qcow2 ? DISK_FORMAT_QCOW2 : DISK_FORMAT_RAW, size, err,
                               errlen);
}

/* Our own layers may go once nothing refers to them: a layer that was never frozen. */
static bool is_layer(const char *path);

static void drop_unfrozen(const char *path, const char *dir)
{
    if (same_dir(path, dir) && is_layer(path))
        unlink(path);
}

/* Put disk `d` on a new layer over `below`. On failure the disk is as it was. */
static int move_disk(struct monitor *m, struct virtio_blk *d, unsigned slot, const char *below,
                     bool drop_old, char *err, size_t errlen)
{
    char layer[PATH_MAX], old[PATH_MAX];
    snprintf(old, sizeof(old), "%s", virtio_blk_path(d));
    if (new_layer(m->tree.dir, slot, below, virtio_blk_size(d), layer, sizeof(layer), err, errlen))
        return -1;
    if (virtio_blk_switch(d, layer, err, errlen)) {
        unlink(layer);
        return -1;
    }
    if (drop_old)
        drop_unfrozen(old, m->tree.dir);
    return 0;
}

int mon_disks_sync(const struct frozen_images *f, char *err, size_t errlen)
{
    for (unsigned i = 0; i < f->n; i++) {
        int fd = open(f->path[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fdatasync(fd)) {
            snprintf(err, errlen, "cannot make disk image '%s' durable: %s", f->path[i],
                     strerror(errno));
            if (fd >= 0)
                close(fd);
            return -1;
        }
        close(fd);
    }
    return 0;
}

int mon_disks_freeze(struct monitor *m, struct frozen_images *out, char *err, size_t errlen)
{
    struct virtio_blk *d[BOARD_MAX_USER_DEVICES];
    unsigned slot[BOARD_MAX_USER_DEVICES], n = writable_disks(m->b, d, slot);
    char (*frozen)[PATH_MAX] = out->path;
    out->n = 0;
    for (unsigned i = 0; i < n; i++) {
        snprintf(frozen[i], sizeof(frozen[i]), "%s", virtio_blk_path(d[i]));
        if (move_disk(m, d[i], slot[i], frozen[i], false, err, errlen)) {
            char ignored[256];
            while (i--) { /* back to the images the capture named: nothing froze */
                char layer[PATH_MAX];
                snprintf(layer, sizeof(layer), "%s", virtio_blk_path(d[i]));
                if (virtio_blk_switch(d[i], frozen[i], ignored, sizeof(ignored)) == 0)
                    unlink(layer);
            }
            return -1;
        }
    }
    out->n = n;
    return 0;
}

/* The image a snapshot's DEVS entry names: the argument up to its first comma. */
static int spec_image(const struct board_device_spec *s, char *out, size_t len)
{
    const char *comma = strchr(s->arg, ',');
    size_t n = comma ? (size_t)(comma - s->arg) : strlen(s->arg);
    if (n == 0 || n >= len || s->arg[0] != '/')
        return -1;
    memcpy(out, s->arg, n);
    out[n] = '\0';
    return 0;
}

/* Files of our making: disk<slot>-<random>.qcow2. */
static bool is_layer(const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t n = strlen(base);
    return !strncmp(base, "disk", 4) && strchr(base, '-') && n > 6 &&
           !strcmp(base + n - 6, ".qcow2");
}

/* A domain made from another's snapshot builds on `top`: when that is a layer of another
 * directory, hard-link it and every layer of its chain beside it into `dir` (they name each
 * other by bare name) and use the link; anything else is used where it is. */
static int link_chain(const char *top, const char *dir, char *use, size_t uselen, char *err,
                      size_t errlen)
{
    char tdir[PATH_MAX];
    snprintf(tdir, sizeof(tdir), "%s", top);
    *strrchr(tdir, '/') = '\0';
    snprintf(use, uselen, "%s", top);
    if (!strcmp(tdir, dir) || !is_layer(top))
        return 0;
    struct disk *c = disk_open(top, DISK_FORMAT_QCOW2, true, err, errlen);
    if (!c)
        return -1;
    int rc = 0;
    for (unsigned i = 0; i < disk_chain_length(c) && !rc; i++) {
        const char *p = disk_chain_path(c, i);
        char to[PATH_MAX];
        if (!same_dir(p, tdir) || !is_layer(p))
            continue;
        if (!join(to, sizeof(to), dir, strrchr(p, '/') + 1)) {
            snprintf(err, errlen, "the path of a disk layer in '%s' is too long", dir);
            rc = -1;
        } else if (link(p, to) && errno != EEXIST) {
            snprintf(err, errlen, "cannot link disk layer '%s' into '%s': %s", p, dir,
                     strerror(errno));
            rc = -1;
        }
    }
    disk_close(c);
    if (!rc && !join(use, uselen, dir, strrchr(top, '/') + 1)) {
        snprintf(err, errlen, "the path of a disk layer in '%s' is too long", dir);
        rc = -1;
    }
    return rc;
}

int mon_disks_attach(struct monitor *m, const struct board_config *snap, bool new_domain,
                     char *err, size_t errlen)
{
    struct virtio_blk *d[BOARD_MAX_USER_DEVICES];
    unsigned slot[BOARD_MAX_USER_DEVICES], n = writable_disks(m->b, d, slot);
    for (unsigned i = 0; i < n; i++) {
        char below[PATH_MAX], use[PATH_MAX];
        if (!snap) {
            snprintf(below, sizeof(below), "%s", virtio_blk_path(d[i]));
        } else if (slot[i] > snap->n_devs ||
                   spec_image(&snap->devs[slot[i] - 1], below, sizeof(below))) {
            snprintf(err, errlen, "the snapshot names no image for disk %u", slot[i]);
            return -1;
        }
        if (new_domain ? link_chain(below, m->tree.dir, use, sizeof(use), err, errlen)
                       : (snprintf(use, sizeof(use), "%s", below), 0))
            return -1;
        /* a revert leaves the layer it wrote: nothing froze it, nothing else reads it */
        if (move_disk(m, d[i], slot[i], use, !new_domain, err, errlen))
            return -1;
    }
    return 0;
}

int mon_disks_attach_snapshot(struct monitor *m, struct snap_node *t, bool new_domain, char *err,
                              size_t errlen)
{
    static struct board_config cfg; /* large; the machine's thread only */
    uint64_t rom;
    if (snap_node_open(t, err, errlen) ||
        board_state_config(t->file->sections, t->file->h.sections_len, &cfg, &rom, err, errlen))
        return -1;
    return mon_disks_attach(m, &cfg, new_domain, err, errlen);
}

/* The running disk whose image is `path`, if any. */
static struct virtio_blk *disk_using(struct board *b, const char *path)
{
    for (unsigned i = 0; i < b->n_specs; i++) {
        struct virtio_blk *d = virtio_blk_of(b->user_devs[i]);
        if (d && !strcmp(virtio_blk_path(d), path))
            return d;
    }
    return NULL;
}

/* Does the layer `path` build directly on `below`? */
static bool builds_on(const char *path, const char *below)
{
    char err[PATH_MAX + 256];
    struct disk *c = disk_open(path, DISK_FORMAT_QCOW2, true, err, sizeof(err));
    if (!c)
        return false; /* a layer in use for writing is found through the running disk */
    bool yes = disk_chain_length(c) > 1 && !strcmp(disk_chain_path(c, 1), below);
    disk_close(c);
    return yes;
}

/* Copy `below` into `path`, which builds on it; a running disk lets go of it meanwhile. */
static int absorb(struct monitor *m, const char *path, char *err, size_t errlen)
{
    struct virtio_blk *d = disk_using(m->b, path);
    if (d)
        virtio_blk_close_image(d);
    int rc = disk_absorb_backing(path, err, errlen);
    char again[PATH_MAX + 256];
    if (d && virtio_blk_reopen_image(d, again, sizeof(again))) {
        snprintf(err, errlen, "%s", again);
        return -1;
    }
    return rc;
}

/* Every layer of the directory that builds directly on `layer` takes its contents in, so
 * `layer` can go. A layer in use by a running disk is checked through that disk. */
static int release_layer(struct monitor *m, const char *layer, char *err, size_t errlen)
{
    DIR *dir = opendir(m->tree.dir);
    if (!dir) {
        snprintf(err, errlen, "cannot read '%s': %s", m->tree.dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(dir))) {
        char path[PATH_MAX];
        if (!join(path, sizeof(path), m->tree.dir, e->d_name) || !is_layer(path) ||
            !strcmp(path, layer))
            continue;
        struct virtio_blk *d = disk_using(m->b, path);
        if (d)
            virtio_blk_close_image(d); /* its write lock would hide what it builds on */
        bool dep = builds_on(path, layer);
        char again[PATH_MAX + 256];
        if (d && virtio_blk_reopen_image(d, again, sizeof(again))) {
            snprintf(err, errlen, "%s", again);
            rc = -1;
        } else if (dep) {
            rc = absorb(m, path, err, errlen);
        }
    }
    closedir(dir);
    return rc;
}

int mon_disks_forget(struct monitor *m, struct snap_node *gone, char *err, size_t errlen)
{
    static struct board_config cfg; /* large; the machine's thread only */
    uint64_t rom;
    if (snap_node_open(gone, err, errlen) ||
        board_state_config(gone->file->sections, gone->file->h.sections_len, &cfg, &rom, err,
                           errlen))
        return -1;
    for (unsigned i = 0; i < cfg.n_devs; i++) {
        char layer[PATH_MAX];
        if (strcmp(cfg.devs[i].kind, "disk") ||
            spec_image(&cfg.devs[i], layer, sizeof(layer)) ||
            !same_dir(layer, m->tree.dir) || !is_layer(layer))
            continue; /* the user's own image stays, whatever happens to the tree */
        if (release_layer(m, layer, err, errlen))
            return -1;
        unlink(layer);
    }
    return 0;
}
