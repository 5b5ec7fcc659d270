/* Building a machine from a snapshot node (see from_snapshot.h). */
#include "board/from_snapshot.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>

#include "board/boot.h"

/* Every node of the chain from `n` up to its full root: open, of the machine's memory size,
 * and still the file the tree read (a file replaced in between would not match its links).
 * The root, or NULL after logging why there is none. */
static const struct snap_node *chain_root(const struct snap_node *n, uint64_t ram_size)
{
    for (const struct snap_node *x = n; x; x = x->parent) {
        if (!x->file) {
            log_error("snapshot '%s' was not opened before use", x->path);
            return NULL;
        }
        if (memcmp(&x->h, &x->file->h, sizeof(x->h))) {
            log_error("snapshot '%s' changed while it was being read", x->path);
            return NULL;
        }
        if (x->file->h.ram_size != ram_size || x->file->h.ram_base != VIRT_DRAM_BASE) {
            log_error("snapshot '%s': its memory (0x%llx bytes at 0x%llx) is not the machine's "
                      "(0x%llx bytes at 0x%llx)", x->path, (unsigned long long)x->file->h.ram_size,
                      (unsigned long long)x->file->h.ram_base, (unsigned long long)ram_size,
                      (unsigned long long)VIRT_DRAM_BASE);
            return NULL;
        }
        if (x->file->h.kind == SNAP_FULL)
            return x;
    }
    log_error("snapshot '%s' is a delta whose chain does not reach a full snapshot (a parent "
              "is missing)", n->path);
    return NULL;
}

static void mark_touched(struct bus *bus, uint64_t pg)
{
    bus->touched[pg / 64] |= 1ull << (pg % 64);
}

/* Copy the pages each delta from the root down to `x` stores, the root's child first, so a
 * page stored twice ends with the newer content. The root's own pages are already mapped. */
static int apply_deltas(struct bus *bus, const struct snap_node *x, const struct snap_node *root)
{
    if (x == root)
        return 0;
    if (apply_deltas(bus, x->parent, root))
        return -1;
    const struct snapfile *f = x->file;
    for (uint64_t k = 0; k < f->h.n_pages; k++) {
        uint64_t pg = f->index[k].page;
        if (pg >= bus_pages(bus)) {
            log_error("snapshot '%s': page %llu is outside guest memory", x->path,
                      (unsigned long long)pg);
            return -1;
        }
        memcpy(bus->ram + pg * SNAP_PAGE, snapfile_page(f, pg), SNAP_PAGE);
        mark_touched(bus, pg);
    }
    return 0;
}

int board_build_from_snapshot(struct board *b, const struct snap_node *n)
{
    char err[PATH_MAX + 256];
    struct board_config cfg;
    uint64_t rom;
    memset(b, 0, sizeof(*b));
    b->wake_fd = -1;
    if (!n->file) {
        log_error("snapshot '%s' was not opened before use", n->path);
        return -1;
    }
    const struct snapfile *f = n->file;
    if (board_state_config(f->sections, f->h.sections_len, &cfg, &rom, err, sizeof(err))) {
        log_error("'%s': %s", n->path, err);
        return -1;
    }
    const struct snap_node *root = chain_root(n, cfg.mem_size);
    if (!root || board_build(b, &cfg))
        return -1;
    b->builtin_sbi = cfg.firmware == NULL;
    const struct snapfile *rf = root->file;
    int e = bus_map_image(&b->bus, rf->fd, rf->h.data_off);
    if (e || boot_map_rom(b, rom)) {
        log_error("cannot map the memory of '%s': %s", root->path, strerror(e ? -e : EINVAL));
        return -1;
    }
    for (uint64_t k = 0; k < rf->h.n_pages; k++)
        if (rf->index[k].page < bus_pages(&b->bus))
            mark_touched(&b->bus, rf->index[k].page);
    if (apply_deltas(&b->bus, n, root))
        return -1;
    if (board_load_state(b, f->sections, f->h.sections_len, err, sizeof(err))) {
        log_error("'%s': %s", n->path, err);
        return -1;
    }
    return 0;
}
