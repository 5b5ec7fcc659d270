/* Address translation and the TLB fast path for instruction fetch. */
#ifndef ARBOR_RV_MMU_H
#define ARBOR_RV_MMU_H

#include "rv/hart.h"

/* Recompute the translation context after priv, satp or mstatus changed. */
void rv_mmu_update_mode(struct rv_hart *h);
/* Translate `va` for an access of `kind` (TLB_READ/WRITE/EXEC), filling the TLB when the
 * page is RAM. Returns 0 with *pa set, or the exception cause. */
uint64_t rv_translate(struct rv_hart *h, uint64_t va, int kind, uint64_t *pa);
bool rv_fetch_slow(struct rv_hart *h, uint64_t pc, uint32_t *bits);

/* Fetch up to 32 instruction bits at pc (only the low 16 are valid for a compressed
 * instruction). False after raising the fetch exception. */
static inline bool rv_fetch(struct rv_hart *h, uint64_t pc, uint32_t *bits)
{
    const struct tlb_entry *e = &h->c.tlb.e[TLB_EXEC][(pc >> 12) % TLB_SIZE];
    if (likely(e->vpage == ((pc >> 12) | h->c.tag_fetch) && (pc & 0xfff) <= 0xffc)) {
        *bits = (uint32_t)load_le((const void *)(uintptr_t)(pc + e->addend), 4);
        return true;
    }
    return rv_fetch_slow(h, pc, bits);
}

#endif
