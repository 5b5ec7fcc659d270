/* Address translation with synthetic page tables in guest RAM: Sv39 and Sv48 walks of 4K,
 * 2M and 1G pages, the page-fault rules, A/D updates, TLB staleness and privilege tags,
 * misaligned accesses across pages, access faults, MMIO through a mapping, and fetch. */
#include "check.h"
#include "mem/bus.h"
#include "rv/csr.h"
#include "rv/exec.h"
#include "rv/hart.h"
#include "rv/mmu.h"

#include <stdlib.h>

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (1ull << 20)

#define PTE_V 0x01ull
#define PTE_R 0x02ull
#define PTE_W 0x04ull
#define PTE_X 0x08ull
#define PTE_U 0x10ull
#define PTE_G 0x20ull
#define PTE_A 0x40ull
#define PTE_D 0x80ull
#define RW (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define RWX (RW | PTE_X)

/* Physical pages used as data (page tables are allocated from RAM_BASE + 0x10000 up). */
#define P1 (RAM_BASE + 0x80000)
#define P2 (RAM_BASE + 0x81000)
#define P3 (RAM_BASE + 0x90000)
#define PCODE (RAM_BASE + 0xa0000)

#define MMIO_BASE 0x10000000ull
#define NOWHERE 0x40000000ull /* physical address with neither RAM nor a device */

enum { SV39 = 8, SV48 = 9 };

static struct bus bus;
static struct rv_hart *h;
static uint64_t root, next_table;
static unsigned levels;

static uint64_t *phys(uint64_t pa)
{
    return (uint64_t *)(void *)(bus.ram + (pa - RAM_BASE));
}
static void poke64(uint64_t pa, uint64_t v) { memcpy(bus.ram + (pa - RAM_BASE), &v, 8); }
static uint64_t peek64(uint64_t pa)
{
    uint64_t v;
    memcpy(&v, bus.ram + (pa - RAM_BASE), 8);
    return v;
}

static uint64_t mkpte(uint64_t pa, uint64_t flags)
{
    return (pa >> 12) << 10 | flags;
}

static uint64_t alloc_table(void)
{
    uint64_t t = next_table;
    next_table += 4096;
    memset(phys(t), 0, 4096);
    return t;
}

/* Physical address of the PTE for `va` at `level` (0 = 4K), creating the tables above it. */
static uint64_t pte_slot(uint64_t va, unsigned level)
{
    uint64_t table = root;
    for (unsigned l = levels - 1; l > level; l--) {
        uint64_t slot = table + ((va >> (12 + 9 * l)) & 511) * 8;
        uint64_t e = peek64(slot);
        if (!(e & PTE_V) || (e & (PTE_R | PTE_X))) {
            e = mkpte(alloc_table(), PTE_V);
            poke64(slot, e);
        }
        table = (e >> 10) << 12;
    }
    return table + ((va >> (12 + 9 * level)) & 511) * 8;
}

/* Map `va` to `pa` with a leaf at `level`; returns the PTE's physical address. */
static uint64_t map(uint64_t va, uint64_t pa, unsigned level, uint64_t flags)
{
    uint64_t slot = pte_slot(va, level);
    poke64(slot, mkpte(pa, flags));
    return slot;
}

/* Put the hart at `priv` with `mstatus` and translation mode `mode` (0 = bare). */
static void enter(unsigned priv, uint64_t mstatus)
{
    h->s.priv = (uint8_t)priv;
    h->s.mstatus = mstatus;
    rv_hart_flush_tlb(h);
    rv_mmu_update_mode(h);
}

/* Fresh RAM, an empty root table, satp set to `mode`, S-mode. */
static void setup(unsigned mode)
{
    memset(bus.ram, 0, RAM_SIZE);
    rv_hart_reset(h, RAM_BASE);
    next_table = RAM_BASE + 0x10000;
    levels = mode == SV48 ? 4 : 3;
    root = alloc_table();
    h->s.satp = mode ? (uint64_t)mode << 60 | root >> 12 : 0;
    enter(PRV_S, 0);
}

static const uint64_t pf[TLB_KINDS] = {EXC_LOAD_PAGE_FAULT, EXC_STORE_PAGE_FAULT,
                                       EXC_INSN_PAGE_FAULT};

#define CHECK_PA(va, kind, want)                                                              \
    do {                                                                                      \
        uint64_t pa_ = 0xbad;                                                                 \
        CHECK_EQ(rv_translate(h, (va), (kind), &pa_), 0);                                    \
        CHECK_EQ(pa_, (want));                                                                \
    } while (0)
#define CHECK_FAULT(va, kind, cause)                                                          \
    do {                                                                                      \
        uint64_t pa_ = 0;                                                                     \
        CHECK_EQ(rv_translate(h, (va), (kind), &pa_), (cause));                              \
    } while (0)
#define CHECK_PF(va, kind) CHECK_FAULT((va), (kind), pf[(kind)])

/* A load through rv_load: returns the value, or ~0 after a trap (h->trapped set). */
static uint64_t load(uint64_t va, unsigned size)
{
    uint64_t v = ~0ull;
    h->trapped = false;
    if (!rv_load(h, va, size, &v))
        return ~0ull;
    return v;
}
static bool store(uint64_t va, unsigned size, uint64_t v)
{
    h->trapped = false;
    return rv_store(h, va, size, v);
}

/* --- translations --- */

static void test_translate(unsigned mode)
{
    setup(mode);
    /* 4K page */
    map(0x40001000, P1, 0, RW);
    CHECK_PA(0x40001000, TLB_READ, P1);
    CHECK_PA(0x40001abc, TLB_READ, P1 + 0xabc);
    CHECK_PA(0x40001ff8, TLB_WRITE, P1 + 0xff8);
    CHECK_PF(0x40001000, TLB_EXEC); /* not executable */
    CHECK_PF(0x40000000, TLB_READ); /* neighbouring pages unmapped */
    CHECK_PF(0x40002000, TLB_READ);
    /* 2M megapage: the low 21 bits come from the address */
    map(0x40200000, 0x80200000, 1, RWX);
    CHECK_PA(0x40200000, TLB_READ, 0x80200000);
    CHECK_PA(0x403fffff, TLB_EXEC, 0x803fffff);
    CHECK_PA(0x40312345, TLB_WRITE, 0x80312345);
    map(0x40400000, RAM_BASE, 1, RW); /* onto RAM: loads go through it */
    /* 1G gigapage at the top of the address space (negative canonical address) */
    map(0xffffffffc0000000ull, RAM_BASE, 2, RWX);
    CHECK_PA(0xffffffffc0000000ull, TLB_READ, RAM_BASE);
    CHECK_PA(0xffffffffc0080456ull, TLB_WRITE, P1 + 0x456);
    CHECK_PA(0xfffffffffffffffcull, TLB_EXEC, RAM_BASE + 0x3ffffffc);
    /* The data is the same through the three mappings of P1. */
    poke64(P1 + 0x120, 0x1122334455667788ull);
    CHECK_EQ(load(0x40001120, 8), 0x1122334455667788ull);
    CHECK_EQ(load(0x40480120, 8), 0x1122334455667788ull);
    CHECK_EQ(load(0xffffffffc0080120ull, 8), 0x1122334455667788ull);
    CHECK(store(0x40480124, 4, 0xcafef00d));
    CHECK_EQ(load(0x40001120, 8), 0xcafef00d55667788ull);

    if (mode == SV48) {
        /* Addresses beyond Sv39 are canonical in Sv48, and there are 512G pages. */
        map(0x0000008000000000ull, P2, 0, RW);
        CHECK_PA(0x0000008000000010ull, TLB_READ, P2 + 0x10);
        map(0x0000010000000000ull, 0x8000000000ull, 3, RW);
        CHECK_PA(0x0000010123456789ull, TLB_READ, 0x8123456789ull);
        map(0xffff800000000000ull, P3, 0, RW);
        CHECK_PA(0xffff800000000ff0ull, TLB_WRITE, P3 + 0xff0);
        /* non-canonical for Sv48 */
        CHECK_PF(0x0000800000000000ull, TLB_READ);
        CHECK_PF(0xffff7ffffffff000ull, TLB_WRITE);
        CHECK_PF(0x8000000040001000ull, TLB_EXEC);
    } else {
        /* non-canonical for Sv39: bits 63:39 must all equal bit 38 */
        CHECK_PF(0x0000004000000000ull, TLB_READ);
        CHECK_PF(0x0000008000000000ull, TLB_WRITE);
        CHECK_PF(0xffffffbfc0000000ull, TLB_READ);
        CHECK_PF(0x0000000040001000ull | 1ull << 50, TLB_EXEC);
        CHECK_PF(0x0000000040001000ull | 1ull << 63, TLB_READ);
        /* and a non-canonical load traps with the address in tval */
        CHECK_EQ(load(0x0000008000000000ull, 8), ~0ull);
        CHECK(h->trapped);
        CHECK_EQ(h->trap_cause, EXC_LOAD_PAGE_FAULT);
        CHECK_EQ(h->trap_tval, 0x0000008000000000ull);
    }
}

/* Bare translation: satp = 0, M-mode, and MPRV. */
static void test_bare_and_mprv(void)
{
    setup(0);
    CHECK_PA(0x40001000, TLB_READ, 0x40001000); /* S-mode with satp.MODE = Bare */
    setup(SV39);
    map(0x40001000, P1, 0, RW); /* S page */
    enter(PRV_M, 0);
    CHECK_PA(0x40001000, TLB_READ, 0x40001000); /* M-mode ignores satp */
    CHECK_PA(P1 + 8, TLB_EXEC, P1 + 8);
    /* MPRV with MPP = S: loads and stores are translated as S, fetches are not. */
    enter(PRV_M, MSTATUS_MPRV | (uint64_t)PRV_S << MSTATUS_MPP_SHIFT);
    CHECK_PA(0x40001008, TLB_READ, P1 + 8);
    CHECK_PA(0x40001008, TLB_WRITE, P1 + 8);
    CHECK_PA(P1 + 8, TLB_EXEC, P1 + 8);
    poke64(P1 + 8, 0xabcdef);
    CHECK_EQ(load(0x40001008, 8), 0xabcdef);
    /* MPP = U: the S page is out of reach. */
    enter(PRV_M, MSTATUS_MPRV | (uint64_t)PRV_U << MSTATUS_MPP_SHIFT);
    CHECK_PF(0x40001008, TLB_READ);
    CHECK_EQ(load(0x40001008, 8), ~0ull);
    CHECK_EQ(h->trap_cause, EXC_LOAD_PAGE_FAULT);
}

/* --- the page-fault rules --- */

static void test_faults(void)
{
    setup(SV39);
    const uint64_t va = 0x40001000;
    uint64_t slot = map(va, P1, 0, RW);

    /* Invalid leaf */
    poke64(slot, mkpte(P1, RW & ~PTE_V));
    for (int k = 0; k < TLB_KINDS; k++)
        CHECK_PF(va, k);
    /* Invalid non-leaf: clear the level-1 pointer */
    poke64(slot, mkpte(P1, RW));
    uint64_t l1 = pte_slot(va, 1), ptr = peek64(l1);
    poke64(l1, ptr & ~PTE_V);
    CHECK_PF(va, TLB_READ);
    /* Non-leaf with A, D or U set: reserved, faults */
    poke64(l1, ptr | PTE_U);
    CHECK_PF(va, TLB_READ);
    poke64(l1, ptr | PTE_A);
    CHECK_PF(va, TLB_READ);
    poke64(l1, ptr | PTE_D);
    CHECK_PF(va, TLB_READ);
    poke64(l1, ptr);
    CHECK_PA(va, TLB_READ, P1);
    /* A pointer at the last level: no leaf found */
    poke64(slot, mkpte(P2, PTE_V));
    CHECK_PF(va, TLB_READ);
    /* W without R is reserved, for every access; so is W|X without R */
    poke64(slot, mkpte(P1, PTE_V | PTE_W | PTE_A | PTE_D));
    for (int k = 0; k < TLB_KINDS; k++)
        CHECK_PF(va, k);
    poke64(slot, mkpte(P1, PTE_V | PTE_W | PTE_X | PTE_A | PTE_D));
    for (int k = 0; k < TLB_KINDS; k++)
        CHECK_PF(va, k);
    /* Read-only page: stores fault; execute without X faults */
    poke64(slot, mkpte(P1, PTE_V | PTE_R | PTE_A | PTE_D));
    CHECK_PA(va, TLB_READ, P1);
    CHECK_PF(va, TLB_WRITE);
    CHECK_PF(va, TLB_EXEC);
    /* Execute-only page: reads fault unless MXR; MXR never grants write */
    poke64(slot, mkpte(P1, PTE_V | PTE_X | PTE_A | PTE_D));
    CHECK_PA(va, TLB_EXEC, P1);
    CHECK_PF(va, TLB_READ);
    enter(PRV_S, MSTATUS_MXR);
    CHECK_PA(va, TLB_READ, P1);
    CHECK_PF(va, TLB_WRITE);
    poke64(slot, mkpte(P1, PTE_V | PTE_W | PTE_R | PTE_A | PTE_D)); /* MXR does not make RW pages executable */
    CHECK_PF(va, TLB_EXEC);
    enter(PRV_S, 0);

    /* Reserved high bits (bits 54..63: reserved, PBMT without Svpbmt, N without Svnapot) */
    for (unsigned bit = 54; bit < 64; bit++) {
        poke64(slot, mkpte(P1, RWX) | 1ull << bit);
        CHECK_PF(va, TLB_READ);
    }
    poke64(l1, ptr | 1ull << 61); /* in a non-leaf too */
    poke64(slot, mkpte(P1, RWX));
    CHECK_PF(va, TLB_READ);
    poke64(l1, ptr);
    /* RSW bits 8..9 and G are free for software */
    poke64(slot, mkpte(P1, RWX | 3ull << 8 | PTE_G));
    CHECK_PA(va, TLB_READ, P1);

    /* Misaligned superpages */
    map(0x40200000, RAM_BASE + 0x1000, 1, RWX); /* 2M leaf with ppn[0] != 0 */
    CHECK_PF(0x40200000, TLB_READ);
    CHECK_PF(0x40200000, TLB_EXEC);
    map(0x40400000, RAM_BASE, 1, RWX); /* aligned: fine */
    CHECK_PA(0x40400000, TLB_READ, RAM_BASE);
    map(0xffffffffc0000000ull, RAM_BASE + 0x200000, 2, RWX); /* 1G leaf, ppn[1] != 0 */
    CHECK_PF(0xffffffffc0000000ull, TLB_READ);
    map(0xffffffff80000000ull, RAM_BASE + 0x1000, 2, RWX); /* 1G leaf, ppn[0] != 0 */
    CHECK_PF(0xffffffff80000000ull, TLB_WRITE);
}

static void test_user_supervisor(void)
{
    setup(SV39);
    const uint64_t uva = 0x40001000, sva = 0x40002000;
    map(uva, P1, 0, RWX | PTE_U);
    map(sva, P2, 0, RWX);
    /* S-mode: S page fine; U page only with SUM, and never executable. */
    CHECK_PA(sva, TLB_READ, P2);
    CHECK_PA(sva, TLB_EXEC, P2);
    CHECK_PF(uva, TLB_READ);
    CHECK_PF(uva, TLB_WRITE);
    CHECK_PF(uva, TLB_EXEC);
    enter(PRV_S, MSTATUS_SUM);
    CHECK_PA(uva, TLB_READ, P1);
    CHECK_PA(uva, TLB_WRITE, P1);
    CHECK_PF(uva, TLB_EXEC);
    /* U-mode: U page fine, S page never (SUM does not matter). */
    enter(PRV_U, MSTATUS_SUM);
    CHECK_PA(uva, TLB_READ, P1);
    CHECK_PA(uva, TLB_WRITE, P1);
    CHECK_PA(uva, TLB_EXEC, P1);
    CHECK_PF(sva, TLB_READ);
    CHECK_PF(sva, TLB_WRITE);
    CHECK_PF(sva, TLB_EXEC);
    /* MXR lets U-mode read an execute-only U page. */
    map(0x40003000, P3, 0, PTE_V | PTE_X | PTE_U | PTE_A);
    enter(PRV_U, 0);
    CHECK_PF(0x40003000, TLB_READ);
    enter(PRV_U, MSTATUS_MXR);
    CHECK_PA(0x40003000, TLB_READ, P3);
}

/* --- accessed and dirty bits --- */

static void test_accessed_dirty(void)
{
    setup(SV48);
    uint64_t r = map(0x40001000, P1, 0, PTE_V | PTE_R | PTE_W);
    uint64_t w = map(0x40002000, P2, 0, PTE_V | PTE_R | PTE_W);
    uint64_t x = map(0x40003000, P3, 0, PTE_V | PTE_X | PTE_R);
    uint64_t big = map(0x40200000, 0x80200000, 1, PTE_V | PTE_R | PTE_W);
    uint64_t u = map(0x40004000, P1, 0, PTE_V | PTE_R | PTE_W | PTE_U);
    uint64_t l1 = pte_slot(0x40001000, 1), l1_before = peek64(l1);
    uint64_t top = root + ((0x40001000ull >> 39) & 511) * 8, top_before = peek64(top);

    CHECK_PA(0x40001008, TLB_READ, P1 + 8); /* a read sets A only */
    CHECK_EQ(peek64(r) & (PTE_A | PTE_D), PTE_A);
    CHECK_PA(0x40001008, TLB_WRITE, P1 + 8); /* then a write adds D */
    CHECK_EQ(peek64(r) & (PTE_A | PTE_D), PTE_A | PTE_D);
    CHECK_EQ(peek64(r) >> 10, P1 >> 12); /* the rest of the PTE is kept */
    CHECK_EQ(peek64(r) & 0x3f, PTE_V | PTE_R | PTE_W);

    CHECK_PA(0x40002000, TLB_WRITE, P2); /* a first write sets both */
    CHECK_EQ(peek64(w) & (PTE_A | PTE_D), PTE_A | PTE_D);
    CHECK_PA(0x40003000, TLB_EXEC, P3); /* a fetch sets A only */
    CHECK_EQ(peek64(x) & (PTE_A | PTE_D), PTE_A);
    CHECK_PA(0x40300000, TLB_READ, 0x80300000); /* superpage leaves too */
    CHECK_EQ(peek64(big) & (PTE_A | PTE_D), PTE_A);

    /* Through rv_store: the walker sets D on the way. */
    poke64(r, mkpte(P1, PTE_V | PTE_R | PTE_W));
    rv_hart_flush_tlb(h);
    CHECK(store(0x40001010, 8, 42));
    CHECK_EQ(peek64(r) & (PTE_A | PTE_D), PTE_A | PTE_D);
    CHECK_EQ(peek64(P1 + 0x10), 42);

    /* Non-leaf entries are never marked (the walker would then reject them). */
    CHECK_EQ(peek64(l1), l1_before);
    CHECK_EQ(peek64(top), top_before);
    /* A faulting access leaves A clear: S-mode read of a U page without SUM. */
    CHECK_PF(0x40004000, TLB_READ);
    CHECK_EQ(peek64(u) & (PTE_A | PTE_D), 0);
    /* A store to a read-only page does not set D (nor A). */
    poke64(r, mkpte(P1, PTE_V | PTE_R));
    CHECK_PF(0x40001000, TLB_WRITE);
    CHECK_EQ(peek64(r) & (PTE_A | PTE_D), 0);
}

/* --- the TLB --- */

static void test_tlb(void)
{
    setup(SV39);
    const uint64_t va = 0x40001000;
    uint64_t slot = map(va, P1, 0, RW);
    poke64(P1, 0x1111);
    poke64(P2, 0x2222);
    CHECK_EQ(load(va, 8), 0x1111);
    poke64(slot, mkpte(P2, RW)); /* remap without a flush: the old translation stays */
    CHECK_EQ(load(va, 8), 0x1111);
    CHECK(store(va + 8, 8, 0x3333)); /* stores walk separately (no write entry yet) */
    CHECK_EQ(peek64(P2 + 8), 0x3333);
    rv_hart_flush_tlb(h);
    CHECK_EQ(load(va, 8), 0x2222);
    /* Invalidating the PTE without a flush: still cached; after the flush, a fault. */
    poke64(slot, 0);
    CHECK_EQ(load(va, 8), 0x2222);
    rv_hart_flush_tlb(h);
    CHECK_EQ(load(va, 8), ~0ull);
    CHECK(h->trapped);
    CHECK_EQ(h->trap_cause, EXC_LOAD_PAGE_FAULT);
    CHECK_EQ(h->trap_tval, va);

    /* A page cached in S-mode is not reachable from U-mode through the cache. */
    poke64(slot, mkpte(P1, RW));
    CHECK_EQ(load(va, 8), 0x1111);
    h->s.priv = PRV_U;
    rv_mmu_update_mode(h);
    CHECK_EQ(load(va, 8), ~0ull);
    CHECK_EQ(h->trap_cause, EXC_LOAD_PAGE_FAULT);
    CHECK(!store(va, 8, 0));
    CHECK_EQ(h->trap_cause, EXC_STORE_PAGE_FAULT);
    /* Nor from M-mode, where the address is physical. */
    h->s.priv = PRV_M;
    rv_mmu_update_mode(h);
    CHECK_EQ(load(va, 8), ~0ull);
    CHECK_EQ(h->trap_cause, EXC_LOAD_ACCESS);
    CHECK_EQ(load(P1, 8), 0x1111);
    /* And back in S-mode the cached entry is used again. */
    h->s.priv = PRV_S;
    rv_mmu_update_mode(h);
    poke64(slot, 0);
    CHECK_EQ(load(va, 8), 0x1111);

    /* Clearing SUM through the CSR drops what SUM allowed. */
    setup(SV39);
    poke64(P1, 0x1111);
    poke64(P2, 0x2222);
    map(va, P1, 0, RW | PTE_U);
    uint64_t old;
    CHECK(rv_csr_access(h, 0x100, &old, true, MSTATUS_SUM)); /* sstatus */
    CHECK_EQ(load(va, 8), 0x1111);
    CHECK(rv_csr_access(h, 0x100, &old, true, 0));
    CHECK_EQ(load(va, 8), ~0ull);
    CHECK_EQ(h->trap_cause, EXC_LOAD_PAGE_FAULT);
    /* Same for MXR on an execute-only page. */
    map(va, P1, 0, PTE_V | PTE_X | PTE_A);
    rv_hart_flush_tlb(h);
    CHECK(rv_csr_access(h, 0x100, &old, true, MSTATUS_MXR));
    CHECK_EQ(load(va, 8), 0x1111);
    CHECK(rv_csr_access(h, 0x100, &old, true, 0));
    CHECK_EQ(load(va, 8), ~0ull);
    /* A satp write switches address spaces at once. */
    map(va, P1, 0, RW);
    rv_hart_flush_tlb(h);
    CHECK_EQ(load(va, 8), 0x1111);
    uint64_t root1 = root;
    root = alloc_table();
    map(va, P2, 0, RW);
    CHECK(rv_csr_access(h, 0x180, &old, true, 8ull << 60 | root >> 12));
    CHECK_EQ(load(va, 8), 0x2222);
    CHECK(rv_csr_access(h, 0x180, &old, true, 8ull << 60 | root1 >> 12));
    CHECK_EQ(load(va, 8), 0x1111);
}

/* --- misaligned accesses across a page boundary --- */

static void test_misaligned(void)
{
    setup(SV39);
    const uint64_t a = 0x40001000, b = 0x40002000; /* adjacent virtual pages */
    map(a, P1, 0, RW);
    uint64_t bslot = map(b, P3, 0, RW); /* physically far apart */
    CHECK(store(b - 3, 8, 0x0807060504030201ull));
    CHECK(!h->trapped);
    CHECK_EQ(bus.ram[P1 + 0xffd - RAM_BASE], 0x01);
    CHECK_EQ(bus.ram[P1 + 0xfff - RAM_BASE], 0x03);
    CHECK_EQ(bus.ram[P3 - RAM_BASE], 0x04);
    CHECK_EQ(bus.ram[P3 + 4 - RAM_BASE], 0x08);
    CHECK_EQ(bus.ram[P1 + 0x1000 - RAM_BASE], 0); /* not written physically contiguous */
    CHECK_EQ(load(b - 3, 8), 0x0807060504030201ull);
    CHECK_EQ(load(b - 1, 2), 0x0403);
    CHECK_EQ(load(b - 2, 4), 0x05040302);
    CHECK_EQ(load(a + 0x101, 4), 0); /* misaligned within a page */
    CHECK(store(a + 0x101, 4, 0xdeadbeef));
    CHECK_EQ(load(a + 0x101, 4), 0xdeadbeef);
    CHECK_EQ(load(a + 0x100, 8), 0xdeadbeef00ull);

    /* Second page not mapped: the load faults with tval inside the access. */
    poke64(bslot, 0);
    rv_hart_flush_tlb(h);
    CHECK_EQ(load(b - 4, 8), ~0ull);
    CHECK(h->trapped);
    CHECK_EQ(h->trap_cause, EXC_LOAD_PAGE_FAULT);
    CHECK(h->trap_tval == b - 4 || h->trap_tval == b);
    /* Second page read-only: the store faults as a store. */
    poke64(bslot, mkpte(P3, PTE_V | PTE_R | PTE_A));
    rv_hart_flush_tlb(h);
    CHECK_EQ(load(b - 2, 4), 0x05040302); /* loads are fine */
    CHECK(!store(b - 2, 4, 0));
    CHECK_EQ(h->trap_cause, EXC_STORE_PAGE_FAULT);
    CHECK(h->trap_tval == b - 2 || h->trap_tval == b);
    CHECK_EQ(bus.ram[P3 - RAM_BASE], 0x04); /* nothing written on the read-only page */
}

/* --- access faults --- */

static unsigned dev_reads, dev_writes;
static uint64_t dev_last_off, dev_last_val;
static unsigned dev_last_size;
static bool dev_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    (void)opaque;
    if (off >= 0x800)
        return false; /* the upper half refuses accesses */
    dev_reads++;
    dev_last_off = off;
    dev_last_size = size;
    *val = 0x5500 + dev_reads;
    return true;
}
static bool dev_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    (void)opaque;
    if (off >= 0x800)
        return false;
    dev_writes++;
    dev_last_off = off;
    dev_last_size = size;
    dev_last_val = val;
    return true;
}
static const struct mmio_ops dev_ops = {dev_read, dev_write};

static void test_access_faults(void)
{
    /* M-mode (bare): nothing at the physical address. */
    setup(SV39);
    enter(PRV_M, 0);
    CHECK_EQ(load(0x1000, 8), ~0ull);
    CHECK(h->trapped);
    CHECK_EQ(h->trap_cause, EXC_LOAD_ACCESS);
    CHECK_EQ(h->trap_tval, 0x1000);
    CHECK(!store(0x1008, 4, 1));
    CHECK_EQ(h->trap_cause, EXC_STORE_ACCESS);
    CHECK_EQ(h->trap_tval, 0x1008);
    CHECK_EQ(load(RAM_BASE + RAM_SIZE, 4), ~0ull); /* just past RAM */
    CHECK_EQ(h->trap_cause, EXC_LOAD_ACCESS);
    CHECK_EQ(load(RAM_BASE + RAM_SIZE - 4, 4), 0); /* the last word of RAM */
    CHECK(!h->trapped);

    /* S-mode: a valid mapping to a physical address with nothing there. */
    enter(PRV_S, 0);
    map(0x40005000, NOWHERE, 0, RWX);
    CHECK_PA(0x40005010, TLB_READ, NOWHERE + 0x10);
    CHECK_EQ(load(0x40005010, 8), ~0ull);
    CHECK(h->trapped);
    CHECK_EQ(h->trap_cause, EXC_LOAD_ACCESS);
    CHECK_EQ(h->trap_tval, 0x40005010);
    CHECK(!store(0x40005018, 2, 1));
    CHECK_EQ(h->trap_cause, EXC_STORE_ACCESS);
    CHECK_EQ(h->trap_tval, 0x40005018);
    uint32_t bits;
    h->trapped = false;
    CHECK(!rv_fetch(h, 0x40005000, &bits));
    CHECK_EQ(h->trap_cause, EXC_INSN_ACCESS);
    CHECK_EQ(h->trap_tval, 0x40005000);

    /* A page table that is not in memory: access fault of the access's type. */
    h->s.satp = 8ull << 60 | NOWHERE >> 12;
    rv_hart_flush_tlb(h);
    CHECK_FAULT(0x40001000, TLB_READ, EXC_LOAD_ACCESS);
    CHECK_FAULT(0x40001000, TLB_WRITE, EXC_STORE_ACCESS);
    CHECK_FAULT(0x40001000, TLB_EXEC, EXC_INSN_ACCESS);

    /* A device behind a mapping: every access reaches it, nothing is cached as RAM. */
    setup(SV39);
    map(0x40006000, MMIO_BASE, 0, RW);
    dev_reads = dev_writes = 0;
    CHECK_EQ(load(0x40006010, 4), 0x5501);
    CHECK_EQ(dev_last_off, 0x10);
    CHECK_EQ(dev_last_size, 4);
    CHECK_EQ(load(0x40006010, 4), 0x5502);
    CHECK(store(0x40006020, 8, 0x1234));
    CHECK_EQ(dev_writes, 1);
    CHECK_EQ(dev_last_off, 0x20);
    CHECK_EQ(dev_last_val, 0x1234);
    CHECK(store(0x40006020, 8, 0x5678));
    CHECK_EQ(dev_writes, 2);
    /* A device that refuses: access fault with the virtual address. */
    CHECK_EQ(load(0x40006800, 4), ~0ull);
    CHECK_EQ(h->trap_cause, EXC_LOAD_ACCESS);
    CHECK_EQ(h->trap_tval, 0x40006800);
    CHECK(!store(0x40006ff8, 8, 0));
    CHECK_EQ(h->trap_cause, EXC_STORE_ACCESS);
    CHECK_EQ(h->trap_tval, 0x40006ff8);
}

/* --- instruction fetch through the MMU --- */

static void test_fetch(void)
{
    setup(SV39);
    const uint64_t code = 0x40010000;
    map(code, PCODE, 0, PTE_V | PTE_R | PTE_X | PTE_A);
    uint64_t next = map(code + 0x1000, P3, 0, PTE_V | PTE_R | PTE_X | PTE_A);
    uint32_t bits = 0;
    /* A 32-bit instruction whose halves are on two (physically distant) pages. */
    uint16_t lo = 0x0513, hi = 0x0015; /* addi a0, a0, 1 = 0x00150513 */
    memcpy(bus.ram + (PCODE + 0xffe - RAM_BASE), &lo, 2);
    memcpy(bus.ram + (P3 - RAM_BASE), &hi, 2);
    h->trapped = false;
    CHECK(rv_fetch(h, code + 0xffe, &bits));
    CHECK_EQ(bits, 0x00150513);
    /* The second page not executable: the fault names the second half's address. */
    poke64(next, mkpte(P3, PTE_V | PTE_R | PTE_A));
    rv_hart_flush_tlb(h);
    h->trapped = false;
    CHECK(!rv_fetch(h, code + 0xffe, &bits));
    CHECK(h->trapped);
    CHECK_EQ(h->trap_cause, EXC_INSN_PAGE_FAULT);
    CHECK_EQ(h->trap_tval, code + 0x1000);
    /* A compressed instruction at the end of the page needs only the first page. */
    uint16_t c = 0x0505; /* c.addi a0, 1 */
    memcpy(bus.ram + (PCODE + 0xffe - RAM_BASE), &c, 2);
    h->trapped = false;
    CHECK(rv_fetch(h, code + 0xffe, &bits));
    CHECK_EQ(bits & 0xffff, 0x0505);
    /* Fetch from a page without X, and from U-mode of an S page. */
    h->trapped = false;
    CHECK(!rv_fetch(h, code + 0x1000, &bits));
    CHECK_EQ(h->trap_cause, EXC_INSN_PAGE_FAULT);
    CHECK_EQ(h->trap_tval, code + 0x1000);
    enter(PRV_U, 0);
    h->trapped = false;
    CHECK(!rv_fetch(h, code, &bits));
    CHECK_EQ(h->trap_cause, EXC_INSN_PAGE_FAULT);
}

int main(void)
{
    h = calloc(1, sizeof(*h));
    int rc = bus_init(&bus, RAM_BASE, RAM_SIZE);
    CHECK(h != NULL);
    CHECK_EQ(rc, 0);
    if (!h || rc)
        return check_summary("mmu");
    CHECK_EQ(bus_add_mmio(&bus, MMIO_BASE, 0x1000, &dev_ops, NULL, "test-dev"), 0);
    rv_hart_init(h, &bus, NULL, 0);

    test_translate(SV39);
    test_translate(SV48);
    test_bare_and_mprv();
    test_faults();
    test_user_supervisor();
    test_accessed_dirty();
    test_tlb();
    test_misaligned();
    test_access_faults();
    test_fetch();

    rv_hart_free(h);
    free(h);
    bus_destroy(&bus);
    return check_summary("mmu");
}
