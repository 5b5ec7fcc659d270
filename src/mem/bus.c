/* Guest RAM allocation and dispatch of physical accesses to RAM or device regions. */
#include "mem/bus.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

int bus_init(struct bus *bus, uint64_t base, uint64_t size)
{
    memset(bus, 0, sizeof(*bus));
    /* MAP_NORESERVE: the guest only costs host memory for the pages it touches. */
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    /* Huge pages make fork(2) of the monitor (snapshots, clones) copy 512 times fewer page
     * table entries. */
    madvise(p, size, MADV_HUGEPAGE);
    bus->ram = p;
    bus->ram_base = base;
    bus->ram_size = size;
    uint64_t pages = (size + 4095) / 4096;
    bus->page_gen = calloc(pages, sizeof(*bus->page_gen));
    bus->code_page = calloc(pages, 1);
    bus->dirty = calloc((pages + 63) / 64, sizeof(uint64_t));
    bus->touched = calloc((pages + 63) / 64, sizeof(uint64_t));
    if (!bus->page_gen || !bus->code_page || !bus->dirty || !bus->touched) {
        bus_destroy(bus);
        return -ENOMEM;
    }
    return 0;
}

void bus_destroy(struct bus *bus)
{
    if (bus->ram)
        munmap(bus->ram, bus->ram_size);
    free(bus->page_gen);
    free(bus->code_page);
    free(bus->dirty);
    free(bus->touched);
    bus->dirty = bus->touched = NULL;
    bus->ram = NULL;
    bus->page_gen = NULL;
    bus->code_page = NULL;
}

void bus_note_write_range(struct bus *bus, uint64_t paddr, uint64_t len)
{
    for (uint64_t a = paddr & ~0xfffull; a < paddr + len; a += 4096)
        bus_note_write(bus, a);
}

void bus_clear_dirty(struct bus *bus)
{
    memset(bus->dirty, 0, (bus_pages(bus) + 63) / 64 * sizeof(uint64_t));
    bus->code_epoch++; /* harts compare it before running and drop their write TLBs */
}

int bus_map_image(struct bus *bus, int fd, uint64_t offset)
{
    void *p = mmap(bus->ram, bus->ram_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd,
                   (off_t)offset);
    return p == MAP_FAILED ? -errno : 0;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

int bus_add_mmio(struct bus *bus, uint64_t base, uint64_t size, const struct mmio_ops *ops,
                 void *opaque, const char *name)
{
    if (bus->n_regions == BUS_MAX_REGIONS || size == 0 || base + size < base)
        return -1;
    if (overlaps(base, size, bus->ram_base, bus->ram_size))
        return -1;
    for (unsigned i = 0; i < bus->n_regions; i++)
        if (overlaps(base, size, bus->regions[i].base, bus->regions[i].size))
            return -1;
    bus->regions[bus->n_regions++] = (struct mmio_region){base, size, ops, opaque, name};
    return 0;
}

static struct mmio_region *find_region(struct bus *bus, uint64_t paddr, unsigned size)
{
    for (unsigned i = 0; i < bus->n_regions; i++) {
        struct mmio_region *r = &bus->regions[i];
        if (paddr >= r->base && paddr - r->base <= r->size - size)
            return r;
    }
    return NULL;
}

bool bus_read(struct bus *bus, uint64_t paddr, unsigned size, uint64_t *val)
{
    uint8_t *p = bus_ram_ptr(bus, paddr, size);
    if (p) {
        *val = load_le(p, size);
        return true;
    }
    struct mmio_region *r = find_region(bus, paddr, size);
    if (!r || !r->ops->read)
        return false;
    return r->ops->read(r->opaque, paddr - r->base, size, val);
}

bool bus_write(struct bus *bus, uint64_t paddr, unsigned size, uint64_t val)
{
    uint8_t *p = bus_ram_ptr(bus, paddr, size);
    if (p) {
        bus_note_write(bus, paddr);
        store_le(p, val, size);
        return true;
    }
    struct mmio_region *r = find_region(bus, paddr, size);
    if (!r || !r->ops->write)
        return false;
    return r->ops->write(r->opaque, paddr - r->base, size, val);
}
