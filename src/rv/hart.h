/* One RISC-V hart: its architectural state (what a snapshot stores) kept apart from the
 * derived caches (TLB, decode cache) that are only ever flushed. */
#ifndef ARBOR_RV_HART_H
#define ARBOR_RV_HART_H

#include "common/util.h"
#include "mem/bus.h"

enum { PRV_U = 0, PRV_S = 1, PRV_M = 3 };

/* Exception causes (mcause with interrupt bit clear). */
enum {
    EXC_INSN_MISALIGNED = 0,
    EXC_INSN_ACCESS = 1,
    EXC_ILLEGAL_INSN = 2,
    EXC_BREAKPOINT = 3,
    EXC_LOAD_MISALIGNED = 4,
    EXC_LOAD_ACCESS = 5,
    EXC_STORE_MISALIGNED = 6,
    EXC_STORE_ACCESS = 7,
    EXC_ECALL_U = 8,
    EXC_ECALL_S = 9,
    EXC_ECALL_M = 11,
    EXC_INSN_PAGE_FAULT = 12,
    EXC_LOAD_PAGE_FAULT = 13,
    EXC_STORE_PAGE_FAULT = 15,
};

/* Interrupt numbers (bit positions in mip/mie). */
enum { IRQ_S_SOFT = 1, IRQ_M_SOFT = 3, IRQ_S_TIMER = 5, IRQ_M_TIMER = 7, IRQ_S_EXT = 9, IRQ_M_EXT = 11 };
#define MIP_SSIP (1ull << IRQ_S_SOFT)
#define MIP_MSIP (1ull << IRQ_M_SOFT)
#define MIP_STIP (1ull << IRQ_S_TIMER)
#define MIP_MTIP (1ull << IRQ_M_TIMER)
#define MIP_SEIP (1ull << IRQ_S_EXT)
#define MIP_MEIP (1ull << IRQ_M_EXT)

/* mstatus fields */
#define MSTATUS_SIE (1ull << 1)
#define MSTATUS_MIE (1ull << 3)
#define MSTATUS_SPIE (1ull << 5)
#define MSTATUS_UBE (1ull << 6)
#define MSTATUS_MPIE (1ull << 7)
#define MSTATUS_SPP (1ull << 8)
#define MSTATUS_VS (3ull << 9)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (3ull << 11)
#define MSTATUS_FS_SHIFT 13
#define MSTATUS_FS (3ull << 13)
#define MSTATUS_XS (3ull << 15)
#define MSTATUS_MPRV (1ull << 17)
#define MSTATUS_SUM (1ull << 18)
#define MSTATUS_MXR (1ull << 19)
#define MSTATUS_TVM (1ull << 20)
#define MSTATUS_TW (1ull << 21)
#define MSTATUS_TSR (1ull << 22)
#define MSTATUS_UXL (3ull << 32)
#define MSTATUS_SXL (3ull << 34)
#define MSTATUS_SD (1ull << 63)

#define PMP_COUNT 16

/* Architectural state of a hart: plain data, saved and restored as is. */
struct rv_arch {
    uint64_t x[32];
    uint64_t f[32]; /* NaN-boxed: a single-precision value has the upper 32 bits all ones */
    uint64_t pc;
    uint8_t priv;
    uint8_t wfi;       /* waiting for an interrupt */
    uint8_t stopped;   /* SBI HSM: not started yet, or stopped */
    uint8_t reserved_valid;
    uint64_t reserved_addr; /* LR/SC reservation (physical address) */
    uint32_t fflags, frm;
    uint64_t mhartid;
    uint64_t mip_lines; /* interrupt lines driven by devices and the SBI timer, ORed into mip */
    uint64_t mstatus, misa, medeleg, mideleg, mie, mip, mtvec, mscratch, mepc, mcause, mtval;
    uint64_t mcounteren, menvcfg, mcountinhibit, mcycle, minstret;
    uint64_t stvec, sscratch, sepc, scause, stval, satp, scounteren, senvcfg;
    uint64_t pmpcfg[PMP_COUNT / 8];
    uint64_t pmpaddr[PMP_COUNT];
    uint64_t sbi_timecmp; /* built-in SBI: next supervisor timer deadline (mtime units) */
};

struct rv_hart;
struct rv_insn;
typedef void (*rv_exec_fn)(struct rv_hart *h, const struct rv_insn *d);

/* A decoded instruction: operands pulled out once so execution does no bit slicing. */
struct rv_insn {
    rv_exec_fn exec;
    int32_t imm;   /* every RV64GC immediate fits; sign-extends when used as 64 bits */
    uint32_t raw;  /* the 32-bit form (compressed instructions are expanded) */
    uint32_t orig; /* the bits as fetched (16 or 32), reported in mtval on illegal instruction */
    uint8_t rd, rs1, rs2, rs3;
    uint8_t rm;   /* rounding-mode field of FP instructions */
    uint8_t len;  /* 2 or 4 bytes */
    uint16_t id;  /* row of the instruction table, UINT16_MAX when illegal */
    uint16_t off; /* byte offset of this instruction in its block */
};

/* --- derived caches: never saved, flushed whenever what they cache may have changed --- */

#define TLB_SIZE 256
struct tlb_entry {
    uint64_t vpage;   /* virtual page number tag, or ~0 when empty */
    uintptr_t addend; /* host address = vaddr + addend (RAM only) */
    uint64_t ppage;   /* physical page address, for dirty tracking and MMIO */
};

enum { TLB_READ, TLB_WRITE, TLB_EXEC, TLB_KINDS };

struct rv_tlb {
    struct tlb_entry e[TLB_KINDS][TLB_SIZE];
};

/* The decode cache holds straight-line runs of decoded instructions ("blocks"), each ending
 * at a jump, branch, system instruction or page end. A block is found by its pc and used
 * only if it was decoded from the physical page the pc maps to now, and that page has not
 * been written since (its generation in struct bus is unchanged): rewritten code
 * (self-modifying code, a new process at the same address) never runs a stale decoding,
 * and FENCE.I (which ends a block) has nothing to invalidate. */
#define BLOCK_CACHE_SIZE 32768
#define BLOCK_WAYS 2 /* a pc may sit in either block of its set: hot kernel and user loops
                        whose addresses collide no longer evict each other on every call */
#define BLOCK_SETS (BLOCK_CACHE_SIZE / BLOCK_WAYS)
#define BLOCK_MAX_INSNS 16

struct rv_block {
    uint64_t pc;        /* virtual pc of the first instruction; odd when the entry is empty */
    uint64_t ppage;     /* physical page the block was decoded from */
    uint32_t gen;       /* that page's generation then (struct bus): a write makes it stale */
    uint16_t n_insns;
    uint16_t n_bytes;
    struct rv_insn insn[BLOCK_MAX_INSNS];
};

struct rv_caches {
    struct rv_tlb tlb;
    uint64_t tag_fetch, tag_data; /* translation context in the top bits of TLB tags */
    uint64_t code_epoch;          /* bus->code_epoch when the write TLB was last dropped */
    unsigned priv_data;           /* privilege that loads and stores are checked against */
    struct rv_block *blocks;     /* BLOCK_CACHE_SIZE entries, BLOCK_SETS sets of BLOCK_WAYS */
    uint8_t *recent;             /* per set: the way used last (the other is replaced) */
};

struct board;

/* A hart in the running machine: state + caches + the world it talks to. */
struct rv_hart {
    struct rv_arch s;
    struct rv_caches c;
    struct bus *bus;
    struct board *board;
    uint64_t npc;          /* next pc, written by jumps; set by the run loop before exec */
    bool trapped;          /* an exception was raised by the instruction just executed */
    uint64_t trap_cause, trap_tval;
    int64_t insn_budget;   /* instructions left in the current time slice; <= 0 stops */
    uint64_t (*time_fn)(void *ctx); /* the `time` CSR: the platform's mtime */
    void *time_ctx;
    /* Built-in SBI: the monitor serves ECALLs from S-mode (NULL: they trap to M-mode). */
    void (*sbi_fn)(struct rv_hart *h);
    unsigned trap_loop;    /* consecutive traps at one pc, to detect a guest stuck for good */
};

/* Raise a synchronous exception for the instruction being executed. */
static inline void rv_raise(struct rv_hart *h, uint64_t cause, uint64_t tval)
{
    h->trapped = true;
    h->trap_cause = cause;
    h->trap_tval = tval;
}

static inline void rv_illegal(struct rv_hart *h, const struct rv_insn *d)
{
    rv_raise(h, EXC_ILLEGAL_INSN, d->orig);
}

/* Register write that keeps x0 zero. */
static inline void rv_set_x(struct rv_hart *h, unsigned rd, uint64_t v)
{
    if (rd)
        h->s.x[rd] = v;
}

/* FS tracking: FP instructions trap while mstatus.FS is Off and mark it Dirty on writes. */
static inline bool rv_fp_enabled(const struct rv_hart *h)
{
    return (h->s.mstatus & MSTATUS_FS) != 0;
}
static inline void rv_fp_dirty(struct rv_hart *h)
{
    h->s.mstatus |= MSTATUS_FS | MSTATUS_SD;
}

void rv_hart_init(struct rv_hart *h, struct bus *bus, struct board *board, unsigned hartid);
void rv_hart_free(struct rv_hart *h);
/* Put the hart in its reset state: M-mode at `pc`. */
void rv_hart_reset(struct rv_hart *h, uint64_t pc);
/* Run up to `budget` instructions; returns early when the hart waits (WFI) or is stopped. */
void rv_hart_run(struct rv_hart *h, uint64_t budget);
/* Set or clear interrupt-pending bits driven by devices (MEIP, SEIP, MTIP, MSIP, STIP). */
void rv_hart_set_irq(struct rv_hart *h, uint64_t mask, bool level);
/* Drop every cached translation and decoded instruction. */
void rv_hart_flush_tlb(struct rv_hart *h);
/* Drop only cached write translations (a page they map may have become code). */
void rv_hart_flush_write_tlb(struct rv_hart *h);
void rv_hart_flush_blocks(struct rv_hart *h);

#endif
