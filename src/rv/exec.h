/* Declarations of every exec function named in insn_table.h, and the memory access helpers
 * that instructions use. Exec functions signal exceptions with rv_raise() and never touch
 * `pc` except through h->npc. */
#ifndef ARBOR_RV_EXEC_H
#define ARBOR_RV_EXEC_H

#include "rv/hart.h"

#define RV_INSN(name, mask, match, fmt, fn) void fn(struct rv_hart *h, const struct rv_insn *d);
#include "rv/insn_table.h"
#undef RV_INSN

/* Virtual-address data access for the instruction being executed. Returns false after
 * raising the page-fault / access-fault / misaligned exception. The TLB hit is inline here;
 * everything else (walks, devices, misaligned accesses) is in mmu.c. */
bool rv_load_slow(struct rv_hart *h, uint64_t va, unsigned size, uint64_t *val);
bool rv_store_slow(struct rv_hart *h, uint64_t va, unsigned size, uint64_t val);

static inline bool rv_load(struct rv_hart *h, uint64_t va, unsigned size, uint64_t *val)
{
    const struct tlb_entry *e = &h->c.tlb.e[TLB_READ][(va >> 12) % TLB_SIZE];
    if (likely(!(va & (size - 1)) && e->vpage == ((va >> 12) | h->c.tag_data))) {
        *val = load_le((const void *)(uintptr_t)(va + e->addend), size);
        return true;
    }
    return rv_load_slow(h, va, size, val);
}

static inline bool rv_store(struct rv_hart *h, uint64_t va, unsigned size, uint64_t val)
{
    const struct tlb_entry *e = &h->c.tlb.e[TLB_WRITE][(va >> 12) % TLB_SIZE];
    if (likely(!(va & (size - 1)) && e->vpage == ((va >> 12) | h->c.tag_data))) {
        store_le((void *)(uintptr_t)(va + e->addend), val, size);
        return true;
    }
    return rv_store_slow(h, va, size, val);
}

/* Host pointer for an aligned read-modify-write of `size` bytes at `va` (AMOs, SC), after
 * checking store permission; NULL after raising the exception. Defined in mmu.c. */
uint8_t *rv_amo_ptr(struct rv_hart *h, uint64_t va, unsigned size);

#endif
