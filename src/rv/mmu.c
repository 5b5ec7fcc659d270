/* Address translation: Sv39/Sv48 page walks with hardware A/D updates, and the TLB that
 * caches host addresses of guest pages so most accesses skip the walk. */
#include "rv/mmu.h"

#include "rv/exec.h"

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define PTE_RESERVED_HI (0x3ffull << 54) /* PBMT, N and reserved bits: no Svpbmt/Svnapot */
#define PPN_MASK ((1ull << 44) - 1)

static const uint64_t page_fault_cause[TLB_KINDS] = {EXC_LOAD_PAGE_FAULT, EXC_STORE_PAGE_FAULT,
                                                      EXC_INSN_PAGE_FAULT};
static const uint64_t access_fault_cause[TLB_KINDS] = {EXC_LOAD_ACCESS, EXC_STORE_ACCESS,
                                                        EXC_INSN_ACCESS};

void rv_mmu_update_mode(struct rv_hart *h)
{
    unsigned satp_mode = (unsigned)(h->s.satp >> 60);
    unsigned data_priv = h->s.priv;
    if (data_priv == PRV_M && (h->s.mstatus & MSTATUS_MPRV))
        data_priv = (unsigned)((h->s.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    /* Tags: 4 means "no translation"; U and S translations get their own tags so a trap
     * between user and kernel does not need a flush. */
    unsigned fetch_tag = (h->s.priv == PRV_M || satp_mode == 0) ? 4 : h->s.priv;
    unsigned data_tag = (data_priv == PRV_M || satp_mode == 0) ? 4 : data_priv;
    h->c.tag_fetch = (uint64_t)(fetch_tag + 1) << 56;
    h->c.tag_data = (uint64_t)(data_tag + 1) << 56;
    h->c.priv_data = data_priv;
}

void rv_hart_flush_tlb(struct rv_hart *h)
{
    memset(&h->c.tlb, 0xff, sizeof(h->c.tlb));
}

void rv_hart_flush_write_tlb(struct rv_hart *h)
{
    memset(&h->c.tlb.e[TLB_WRITE], 0xff, sizeof(h->c.tlb.e[TLB_WRITE]));
}

static bool leaf_allows(const struct rv_hart *h, uint64_t pte, int kind, unsigned priv)
{
    if (priv == PRV_U && !(pte & PTE_U))
        return false;
    if (priv == PRV_S && (pte & PTE_U) && (kind == TLB_EXEC || !(h->s.mstatus & MSTATUS_SUM)))
        return false;
    switch (kind) {
    case TLB_EXEC: return pte & PTE_X;
    case TLB_WRITE: return pte & PTE_W;
    default: return (pte & PTE_R) || ((h->s.mstatus & MSTATUS_MXR) && (pte & PTE_X));
    }
}

/* Walk the page table for `va`. On success stores the physical address and returns 0;
 * otherwise returns the exception cause. */
static uint64_t walk(struct rv_hart *h, uint64_t va, int kind, unsigned priv, uint64_t *pa)
{
    unsigned mode = (unsigned)(h->s.satp >> 60);
    unsigned levels = mode == 8 ? 3 : 4, va_bits = 12 + 9 * levels;
    if (sext(va, va_bits) != va)
        return page_fault_cause[kind];
    uint64_t table = (h->s.satp & PPN_MASK) << 12;
    for (int level = (int)levels - 1; level >= 0; level--) {
        uint64_t pte_addr = table + ((va >> (12 + 9 * level)) & 511) * 8, pte;
        if (!bus_read(h->bus, pte_addr, 8, &pte))
            return access_fault_cause[kind];
        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) || (pte & PTE_RESERVED_HI))
            return page_fault_cause[kind];
        uint64_t ppn = (pte >> 10) & PPN_MASK;
        if (!(pte & (PTE_R | PTE_X))) { /* pointer to the next level */
            if (pte & (PTE_A | PTE_D | PTE_U))
                return page_fault_cause[kind];
            table = ppn << 12;
            continue;
        }
        uint64_t low_mask = (1ull << (9 * level)) - 1; /* superpage: low PPN bits must be 0 */
        if ((ppn & low_mask) || !leaf_allows(h, pte, kind, priv))
            return page_fault_cause[kind];
        uint64_t want = PTE_A | (kind == TLB_WRITE ? PTE_D : 0);
        if ((pte & want) != want && !bus_write(h->bus, pte_addr, 8, pte | want))
            return access_fault_cause[kind];
        *pa = ((ppn & ~low_mask) << 12) | (va & ((1ull << (12 + 9 * level)) - 1));
        return 0;
    }
    return page_fault_cause[kind];
}

/* Translate and, when the page is RAM, fill the TLB. Returns 0 or an exception cause. */
uint64_t rv_translate(struct rv_hart *h, uint64_t va, int kind, uint64_t *pa)
{
    uint64_t tag = kind == TLB_EXEC ? h->c.tag_fetch : h->c.tag_data;
    unsigned priv = kind == TLB_EXEC ? h->s.priv : h->c.priv_data;
    bool bare = (tag >> 56) == 5;
    uint64_t cause = 0;
    if (bare)
        *pa = va;
    else
        cause = walk(h, va, kind, priv, pa);
    if (cause)
        return cause;
    uint8_t *host = bus_ram_ptr(h->bus, *pa & ~0xfffull, 4096);
    if (host && kind == TLB_WRITE)
        bus_note_write(h->bus, *pa); /* stores may now skip us: retire the page's code */
    if (host) {
        struct tlb_entry *e = &h->c.tlb.e[kind][(va >> 12) % TLB_SIZE];
        e->vpage = (va >> 12) | tag;
        e->addend = (uintptr_t)host - (uintptr_t)(va & ~0xfffull);
        e->ppage = *pa & ~0xfffull;
    }
    return 0;
}

/* One access that lies within a page: TLB hit, else translate then RAM or MMIO. */
static bool access_in_page(struct rv_hart *h, uint64_t va, unsigned size, int kind, uint64_t *val)
{
    struct tlb_entry *e = &h->c.tlb.e[kind][(va >> 12) % TLB_SIZE];
    uint64_t pa;
    if (e->vpage != ((va >> 12) | h->c.tag_data)) {
        uint64_t cause = rv_translate(h, va, kind, &pa);
        if (cause) {
            rv_raise(h, cause, va);
            return false;
        }
        if (e->vpage != ((va >> 12) | h->c.tag_data)) { /* not RAM: a device */
            bool ok = kind == TLB_WRITE ? bus_write(h->bus, pa, size, *val)
                                        : bus_read(h->bus, pa, size, val);
            if (!ok)
                rv_raise(h, access_fault_cause[kind], va);
            h->insn_budget = 0; /* a device may have changed interrupt lines */
            return ok;
        }
    }
    void *p = (void *)(uintptr_t)(va + e->addend);
    if (kind == TLB_WRITE)
        store_le(p, *val, size);
    else
        *val = load_le(p, size);
    return true;
}

/* Misaligned accesses are performed byte by byte, as the spec allows an implementation to. */
static bool access_split(struct rv_hart *h, uint64_t va, unsigned size, int kind, uint64_t *val)
{
    uint64_t v = kind == TLB_WRITE ? *val : 0, pa, cause;
    /* Check both pages first so a faulting store writes nothing at all. */
    if ((cause = rv_translate(h, va, kind, &pa)) || (cause = rv_translate(h, va + size - 1, kind, &pa))) {
        rv_raise(h, cause, va);
        return false;
    }
    for (unsigned i = 0; i < size; i++) {
        uint64_t b = (v >> (8 * i)) & 0xff;
        if (!access_in_page(h, va + i, 1, kind, &b))
            return false;
        if (kind != TLB_WRITE)
            v |= b << (8 * i);
    }
    if (kind != TLB_WRITE)
        *val = v;
    return true;
}

bool rv_load_slow(struct rv_hart *h, uint64_t va, unsigned size, uint64_t *val)
{
    if (likely(!(va & (size - 1))))
        return access_in_page(h, va, size, TLB_READ, val);
    return access_split(h, va, size, TLB_READ, val);
}

bool rv_store_slow(struct rv_hart *h, uint64_t va, unsigned size, uint64_t val)
{
    if (likely(!(va & (size - 1))))
        return access_in_page(h, va, size, TLB_WRITE, &val);
    return access_split(h, va, size, TLB_WRITE, &val);
}

uint8_t *rv_amo_ptr(struct rv_hart *h, uint64_t va, unsigned size)
{
    if (va & (size - 1)) {
        rv_raise(h, EXC_STORE_MISALIGNED, va);
        return NULL;
    }
    struct tlb_entry *e = &h->c.tlb.e[TLB_WRITE][(va >> 12) % TLB_SIZE];
    if (e->vpage != ((va >> 12) | h->c.tag_data)) {
        uint64_t pa, cause = rv_translate(h, va, TLB_WRITE, &pa);
        if (!cause && e->vpage != ((va >> 12) | h->c.tag_data))
            cause = EXC_STORE_ACCESS; /* atomics on device registers are not supported */
        if (cause) {
            rv_raise(h, cause, va);
            return NULL;
        }
    }
    return (uint8_t *)(uintptr_t)(va + e->addend);
}

/* Fetch 16 bits of instruction at `va`; false after raising the fetch exception. */
static bool fetch16(struct rv_hart *h, uint64_t va, uint32_t *out)
{
    struct tlb_entry *e = &h->c.tlb.e[TLB_EXEC][(va >> 12) % TLB_SIZE];
    if (e->vpage != ((va >> 12) | h->c.tag_fetch)) {
        uint64_t pa, cause = rv_translate(h, va, TLB_EXEC, &pa);
        if (!cause && e->vpage != ((va >> 12) | h->c.tag_fetch))
            cause = EXC_INSN_ACCESS; /* code must be in RAM */
        if (cause) {
            rv_raise(h, cause, va);
            return false;
        }
    }
    *out = (uint32_t)load_le((void *)(uintptr_t)(va + e->addend), 2);
    return true;
}

bool rv_fetch_slow(struct rv_hart *h, uint64_t pc, uint32_t *bits)
{
    uint32_t lo, hi = 0;
    if (!fetch16(h, pc, &lo))
        return false;
    if ((lo & 3) == 3 && !fetch16(h, pc + 2, &hi)) {
        h->trap_tval = pc + 2; /* the fault is on the second half */
        return false;
    }
    *bits = lo | hi << 16;
    return true;
}
