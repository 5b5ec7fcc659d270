/* The built-in SBI (Supervisor Binary Interface v2.0): the monitor answers the kernel's
 * ECALLs directly, so Linux starts in S-mode with no M-mode firmware in the guest.
 * Extensions: BASE, TIME, IPI, RFENCE, HSM, SRST, DBCN and the legacy console calls. */
#include "board/board.h"

#include <unistd.h>

#include "rv/mmu.h"

enum {
    SBI_SUCCESS = 0,
    SBI_ERR_FAILED = -1,
    SBI_ERR_NOT_SUPPORTED = -2,
    SBI_ERR_INVALID_PARAM = -3,
    SBI_ERR_ALREADY_AVAILABLE = -6,
};

#define EXT_LEGACY_SET_TIMER 0x00
#define EXT_LEGACY_PUTCHAR 0x01
#define EXT_LEGACY_GETCHAR 0x02
#define EXT_LEGACY_SHUTDOWN 0x08
#define EXT_BASE 0x10
#define EXT_TIME 0x54494d45
#define EXT_IPI 0x735049
#define EXT_RFENCE 0x52464e43
#define EXT_HSM 0x48534d
#define EXT_SRST 0x53525354
#define EXT_DBCN 0x4442434e

#define SBI_SPEC_VERSION (2u << 24) /* v2.0 */
#define SBI_IMPL_ID 0xa4b0          /* arbor; not a registered implementation id */

struct sbi_ret {
    int64_t error;
    uint64_t value;
};

#define A(n) (h->s.x[10 + (n)])

static struct sbi_ret ok(uint64_t v) { return (struct sbi_ret){SBI_SUCCESS, v}; }
static struct sbi_ret err(int64_t e) { return (struct sbi_ret){e, 0}; }

static bool extension_present(uint64_t ext)
{
    static const uint64_t known[] = {EXT_BASE, EXT_TIME, EXT_IPI, EXT_RFENCE, EXT_HSM,
                                     EXT_SRST, EXT_DBCN, EXT_LEGACY_SET_TIMER,
                                     EXT_LEGACY_PUTCHAR, EXT_LEGACY_GETCHAR, EXT_LEGACY_SHUTDOWN};
    for (unsigned i = 0; i < ARRAY_SIZE(known); i++)
        if (known[i] == ext)
            return true;
    return false;
}

static struct sbi_ret sbi_base(struct rv_hart *h, uint64_t fid)
{
    switch (fid) {
    case 0: return ok(SBI_SPEC_VERSION);
    case 1: return ok(SBI_IMPL_ID);
    case 2: return ok(1);
    case 3: return ok(extension_present(A(0)));
    case 4: case 5: case 6: return ok(0); /* mvendorid, marchid, mimpid */
    default: return err(SBI_ERR_NOT_SUPPORTED);
    }
}

static void set_timer(struct rv_hart *h, uint64_t when)
{
    h->s.sbi_timecmp = when;
    rv_hart_set_irq(h, MIP_STIP, h->time_fn(h->time_ctx) >= when);
}

/* The harts selected by an SBI hart mask (base == -1 means all harts). */
static bool hart_selected(uint64_t mask, uint64_t base, unsigned id)
{
    if (base == UINT64_MAX)
        return true;
    return id >= base && id - base < 64 && ((mask >> (id - base)) & 1);
}

static struct sbi_ret check_mask(struct board *b, uint64_t mask, uint64_t base)
{
    if (base == UINT64_MAX)
        return ok(0);
    uint64_t present = b->n_harts > base ? b->n_harts - base : 0;
    if (present == 0 || (present < 64 && (mask >> present) != 0))
        return err(SBI_ERR_INVALID_PARAM);
    return ok(0);
}

static struct sbi_ret sbi_ipi(struct rv_hart *h, uint64_t fid)
{
    struct board *b = h->board;
    if (fid != 0)
        return err(SBI_ERR_NOT_SUPPORTED);
    struct sbi_ret r = check_mask(b, A(0), A(1));
    if (r.error)
        return r;
    for (unsigned i = 0; i < b->n_harts; i++)
        if (hart_selected(A(0), A(1), i)) {
            b->harts[i]->s.mip |= MIP_SSIP;
            b->harts[i]->insn_budget = 0;
        }
    return ok(0);
}

static struct sbi_ret sbi_rfence(struct rv_hart *h, uint64_t fid)
{
    struct board *b = h->board;
    if (fid > 2)
        return err(SBI_ERR_NOT_SUPPORTED); /* the hypervisor fences: no H extension */
    struct sbi_ret r = check_mask(b, A(0), A(1));
    if (r.error)
        return r;
    for (unsigned i = 0; i < b->n_harts; i++)
        if (hart_selected(A(0), A(1), i) && fid != 0)
            rv_hart_flush_tlb(b->harts[i]); /* FENCE.I needs nothing: see hart.h */
    return ok(0);
}

static struct sbi_ret hart_start(struct board *b, uint64_t id, uint64_t addr, uint64_t opaque)
{
    if (id >= b->n_harts)
        return err(SBI_ERR_INVALID_PARAM);
    struct rv_hart *t = b->harts[id];
    if (!t->s.stopped)
        return err(SBI_ERR_ALREADY_AVAILABLE);
    t->s.stopped = 0;
    t->s.wfi = 0;
    t->s.pc = addr;
    t->s.priv = PRV_S;
    t->s.satp = 0;
    t->s.mstatus &= ~MSTATUS_SIE;
    t->s.x[10] = id;
    t->s.x[11] = opaque;
    rv_hart_flush_tlb(t);
    rv_mmu_update_mode(t);
    return ok(0);
}

static struct sbi_ret sbi_hsm(struct rv_hart *h, uint64_t fid)
{
    struct board *b = h->board;
    switch (fid) {
    case 0: return hart_start(b, A(0), A(1), A(2));
    case 1:
        h->s.stopped = 1;
        h->insn_budget = 0;
        return ok(0);
    case 2:
        if (A(0) >= b->n_harts)
            return err(SBI_ERR_INVALID_PARAM);
        return ok(b->harts[A(0)]->s.stopped ? 1 : 0); /* 0 started, 1 stopped */
    case 3:
        if ((uint32_t)A(0) != 0)
            return err(SBI_ERR_NOT_SUPPORTED); /* only retentive suspend, which is a WFI */
        h->s.wfi = 1;
        h->insn_budget = 0;
        return ok(0);
    default: return err(SBI_ERR_NOT_SUPPORTED);
    }
}

static struct sbi_ret sbi_srst(struct rv_hart *h, uint64_t fid)
{
    if (fid != 0 || A(0) > 2)
        return err(fid != 0 ? SBI_ERR_NOT_SUPPORTED : SBI_ERR_INVALID_PARAM);
    board_request_exit(h->board, A(0) == 0 ? EXIT_POWEROFF : EXIT_REBOOT, 0);
    return ok(0);
}

static void console_out(struct board *b, const void *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(b->console_out, buf, n);
        if (w <= 0)
            return;
        buf = (const char *)buf + w;
        n -= (size_t)w;
    }
}

static struct sbi_ret sbi_dbcn(struct rv_hart *h, uint64_t fid)
{
    struct board *b = h->board;
    if (fid == 2) {
        uint8_t c = (uint8_t)A(0);
        console_out(b, &c, 1);
        return ok(0);
    }
    if (fid == 1)
        return ok(0); /* console_read: input goes through the UART */
    if (fid != 0)
        return err(SBI_ERR_NOT_SUPPORTED);
    /* console_write: the buffer is a guest-physical range; refuse anything outside RAM. */
    uint64_t len = A(0), addr = A(1);
    const uint8_t *p = A(2) ? NULL : bus_ram_ptr(h->bus, addr, len);
    if (!p)
        return err(SBI_ERR_INVALID_PARAM);
    console_out(b, p, len);
    return ok(len);
}

static struct sbi_ret sbi_legacy(struct rv_hart *h, uint64_t ext)
{
    uint8_t c = (uint8_t)A(0);
    switch (ext) {
    case EXT_LEGACY_SET_TIMER: set_timer(h, A(0)); return ok(0);
    case EXT_LEGACY_PUTCHAR: console_out(h->board, &c, 1); return ok(0);
    case EXT_LEGACY_GETCHAR: return err(-1);
    default: board_request_exit(h->board, EXIT_POWEROFF, 0); return ok(0);
    }
}

static struct sbi_ret dispatch(struct rv_hart *h, uint64_t ext, uint64_t fid)
{
    switch (ext) {
    case EXT_BASE: return sbi_base(h, fid);
    case EXT_TIME:
        if (fid != 0)
            return err(SBI_ERR_NOT_SUPPORTED);
        set_timer(h, A(0));
        return ok(0);
    case EXT_IPI: return sbi_ipi(h, fid);
    case EXT_RFENCE: return sbi_rfence(h, fid);
    case EXT_HSM: return sbi_hsm(h, fid);
    case EXT_SRST: return sbi_srst(h, fid);
    case EXT_DBCN: return sbi_dbcn(h, fid);
    default: return err(SBI_ERR_NOT_SUPPORTED);
    }
}

void sbi_call(struct rv_hart *h)
{
    uint64_t ext = h->s.x[17], fid = h->s.x[16];
    if (ext == EXT_LEGACY_SET_TIMER || ext == EXT_LEGACY_PUTCHAR ||
        ext == EXT_LEGACY_GETCHAR || ext == EXT_LEGACY_SHUTDOWN) {
        A(0) = (uint64_t)sbi_legacy(h, ext).error; /* legacy calls return only a0 */
        return;
    }
    struct sbi_ret r = dispatch(h, ext, fid);
    A(0) = (uint64_t)r.error;
    A(1) = r.value;
}
