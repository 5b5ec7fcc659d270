/* Raw images: the virtual disk is the file, byte for byte. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disk/image.h"

static int raw_read(struct image *img, uint64_t off, void *buf, size_t len)
{
    return image_pread(img, buf, len, off);
}

static int raw_write(struct image *img, uint64_t off, const void *buf, size_t len)
{
    return pwrite_full(img->fd, buf, len, off);
}

static void raw_close(struct image *img)
{
    (void)img;
}

static const struct image_ops raw_ops = {raw_read, raw_write, raw_close};

int raw_open(struct image *img, char *err, size_t errlen)
{
    /* lseek, not st_size, so a block device has its size too */
    off_t end = lseek(img->fd, 0, SEEK_END);
    if (end < 0)
        return say(err, errlen, "cannot find the size: %s", strerror(errno));
    img->ops = &raw_ops;
    img->size = (uint64_t)end;
    return 0;
}
