/* The guest-physical address space: one block of RAM plus MMIO regions claimed by devices. */
#ifndef ARBOR_MEM_BUS_H
#define ARBOR_MEM_BUS_H

#include "common/util.h"

/* Device register access. `off` is relative to the region base and `off + size` lies inside
 * the region; size is 1, 2, 4 or 8. Returning false makes the guest take an access fault. */
struct mmio_ops {
    bool (*read)(void *opaque, uint64_t off, unsigned size, uint64_t *val);
    bool (*write)(void *opaque, uint64_t off, unsigned size, uint64_t val);
};

struct mmio_region {
    uint64_t base, size;
    const struct mmio_ops *ops;
    void *opaque;
    const char *name;
};

#define BUS_MAX_REGIONS 32

struct bus {
    uint8_t *ram;          /* host mapping of guest RAM */
    uint64_t ram_base;     /* guest-physical address of ram[0] */
    uint64_t ram_size;
    /* Code tracking for the harts' decoded-block caches. A page that holds decoded code is
     * marked; the first write to it (harts never cache write translations of marked pages)
     * bumps its generation, which makes every block decoded from it stale. */
    uint32_t *page_gen;
    uint8_t *code_page;
    uint64_t code_epoch;   /* bumped when a page becomes code: harts drop write TLBs */
    /* Snapshot tracking, one bit per page: pages written since the last snapshot or revert
     * (`dirty`: what the next snapshot stores and the next revert restores), and pages ever
     * written (`touched`: every other page is still zero). */
    uint64_t *dirty;
    uint64_t *touched;
    struct mmio_region regions[BUS_MAX_REGIONS];
    unsigned n_regions;
};

/* Map `size` bytes of anonymous RAM at `base`. Returns 0 or -errno. */
int bus_init(struct bus *bus, uint64_t base, uint64_t size);
void bus_destroy(struct bus *bus);

/* Claim [base, base+size) for a device. Returns 0, or -1 when it overlaps RAM or a region. */
int bus_add_mmio(struct bus *bus, uint64_t base, uint64_t size, const struct mmio_ops *ops,
                 void *opaque, const char *name);

/* Host pointer for [paddr, paddr+len) when all of it is RAM, else NULL. Overflow-safe. */
static inline uint8_t *bus_ram_ptr(const struct bus *bus, uint64_t paddr, uint64_t len)
{
    uint64_t off = paddr - bus->ram_base;
    if (paddr < bus->ram_base || off > bus->ram_size || len > bus->ram_size - off)
        return NULL;
    return bus->ram + off;
}

/* Page index of a RAM address (the caller checked it is RAM). */
static inline uint64_t bus_page(const struct bus *bus, uint64_t paddr)
{
    return (paddr - bus->ram_base) >> 12;
}

static inline bool bitmap_test(const uint64_t *map, uint64_t i)
{
    return (map[i / 64] >> (i % 64)) & 1;
}

/* Any write to guest RAM that does not go through a hart's TLB must call this first (harts
 * call it when they cache a write translation). */
static inline void bus_note_write(struct bus *bus, uint64_t paddr)
{
    uint64_t pg = bus_page(bus, paddr);
    bus->dirty[pg / 64] |= 1ull << (pg % 64);
    bus->touched[pg / 64] |= 1ull << (pg % 64);
    if (unlikely(bus->code_page[pg])) {
        bus->code_page[pg] = 0;
        bus->page_gen[pg]++;
    }
}

/* bus_note_write for every page of [paddr, paddr+len), which must be RAM. */
void bus_note_write_range(struct bus *bus, uint64_t paddr, uint64_t len);

static inline uint64_t bus_pages(const struct bus *bus)
{
    return bus->ram_size >> 12;
}

/* Start a new dirty interval: forget which pages were written, and make every hart drop its
 * cached write translations so the next write to any page is noted again. */
void bus_clear_dirty(struct bus *bus);

/* Page `pg` was overwritten behind the harts' backs (revert): retire decoded code from it. */
static inline void bus_page_replaced(struct bus *bus, uint64_t pg)
{
    bus->code_page[pg] = 0;
    bus->page_gen[pg]++;
}

/* Make guest RAM a private (copy-on-write) mapping of `fd` from byte `offset`, which holds a
 * page-aligned image of all of RAM. Returns 0 or -errno. */
int bus_map_image(struct bus *bus, int fd, uint64_t offset);

/* Physical access of 1, 2, 4 or 8 bytes; false when nothing answers (access fault).
 * An access that straddles RAM and something else also fails. */
bool bus_read(struct bus *bus, uint64_t paddr, unsigned size, uint64_t *val);
bool bus_write(struct bus *bus, uint64_t paddr, unsigned size, uint64_t val);

#endif
