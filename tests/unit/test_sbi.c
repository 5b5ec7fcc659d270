/* The built-in SBI: every call is guest input. Valid calls do what the SBI spec says; bad
 * extension/function ids, hart masks, hart ids and buffers get the spec's error codes. */
#include <stdlib.h>
#include <unistd.h>

#include "board/board.h"
#include "check.h"
#include "rv/mmu.h"

#define EXT_BASE 0x10
#define EXT_TIME 0x54494d45
#define EXT_IPI 0x735049
#define EXT_RFENCE 0x52464e43
#define EXT_HSM 0x48534d
#define EXT_SRST 0x53525354
#define EXT_DBCN 0x4442434e

static struct board b;
static int out_pipe[2];

static uint64_t zero_time(void *ctx)
{
    (void)ctx;
    return 1000;
}

/* Make the call from hart 0; returns a0 (error) and stores a1 in *value. */
static int64_t call(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t *value)
{
    struct rv_hart *h = b.harts[0];
    h->s.x[17] = ext;
    h->s.x[16] = fid;
    h->s.x[10] = a0;
    h->s.x[11] = a1;
    h->s.x[12] = a2;
    sbi_call(h);
    if (value)
        *value = h->s.x[11];
    return (int64_t)h->s.x[10];
}

static void setup(void)
{
    b.exit_kind = EXIT_NONE;
    b.n_harts = 2;
    CHECK_EQ(bus_init(&b.bus, 0x80000000ull, 1 << 20), 0);
    CHECK_EQ(pipe(out_pipe), 0);
    b.console_out = out_pipe[1];
    for (unsigned i = 0; i < b.n_harts; i++) {
        b.harts[i] = calloc(1, sizeof(struct rv_hart));
        rv_hart_init(b.harts[i], &b.bus, &b, i);
        b.harts[i]->time_fn = zero_time;
        b.harts[i]->sbi_fn = sbi_call;
        b.harts[i]->s.priv = PRV_S;
        b.harts[i]->s.stopped = i != 0;
    }
}

static void test_base(void)
{
    uint64_t v;
    CHECK_EQ(call(EXT_BASE, 0, 0, 0, 0, &v), 0);
    CHECK_EQ(v, 2u << 24); /* v2.0 */
    CHECK_EQ(call(EXT_BASE, 3, EXT_HSM, 0, 0, &v), 0);
    CHECK_EQ(v, 1);
    CHECK_EQ(call(EXT_BASE, 3, 0x12345678, 0, 0, &v), 0);
    CHECK_EQ(v, 0); /* probe of an unknown extension: 0, not an error */
    CHECK_EQ(call(EXT_BASE, 99, 0, 0, 0, NULL), -2);
    CHECK_EQ(call(0x0badbeef, 0, 0, 0, 0, NULL), -2); /* unknown extension */
}

static void test_timer(void)
{
    struct rv_hart *h = b.harts[0];
    CHECK_EQ(call(EXT_TIME, 0, 500, 0, 0, NULL), 0); /* already due: STIP at once */
    CHECK(h->s.mip_lines & MIP_STIP);
    CHECK_EQ(call(EXT_TIME, 0, 5000, 0, 0, NULL), 0); /* in the future: STIP clear */
    CHECK(!(h->s.mip_lines & MIP_STIP));
    CHECK_EQ(h->s.sbi_timecmp, 5000);
    CHECK_EQ(call(EXT_TIME, 1, 0, 0, 0, NULL), -2);
}

static void test_ipi_and_masks(void)
{
    CHECK_EQ(call(EXT_IPI, 0, 2, 0, 0, NULL), 0); /* hart 1 */
    CHECK(b.harts[1]->s.mip & MIP_SSIP);
    CHECK(!(b.harts[0]->s.mip & MIP_SSIP));
    CHECK_EQ(call(EXT_IPI, 0, 4, 0, 0, NULL), -3);          /* hart 2 does not exist */
    CHECK_EQ(call(EXT_IPI, 0, 1, 7, 0, NULL), -3);          /* base beyond the harts */
    CHECK_EQ(call(EXT_IPI, 0, 1, UINT64_MAX - 1, 0, NULL), -3);
    CHECK_EQ(call(EXT_IPI, 0, 0, UINT64_MAX, 0, NULL), 0);  /* base -1: all harts */
    CHECK(b.harts[0]->s.mip & MIP_SSIP);
    CHECK_EQ(call(EXT_RFENCE, 1, 3, 0, 0, NULL), 0);
    CHECK_EQ(call(EXT_RFENCE, 3, 3, 0, 0, NULL), -2);       /* hypervisor fences */
    CHECK_EQ(call(EXT_RFENCE, 0, 8, 0, 0, NULL), -3);
}

static void test_hsm(void)
{
    uint64_t v;
    CHECK_EQ(call(EXT_HSM, 2, 1, 0, 0, &v), 0);
    CHECK_EQ(v, 1); /* stopped */
    CHECK_EQ(call(EXT_HSM, 0, 1, 0x80001000, 0x1234, NULL), 0);
    CHECK_EQ(b.harts[1]->s.pc, 0x80001000);
    CHECK_EQ(b.harts[1]->s.x[10], 1);
    CHECK_EQ(b.harts[1]->s.x[11], 0x1234);
    CHECK_EQ(b.harts[1]->s.priv, PRV_S);
    CHECK_EQ(call(EXT_HSM, 0, 1, 0x80001000, 0, NULL), -6); /* already started */
    CHECK_EQ(call(EXT_HSM, 0, 9, 0x80001000, 0, NULL), -3); /* no such hart */
    CHECK_EQ(call(EXT_HSM, 2, UINT64_MAX, 0, 0, NULL), -3);
    CHECK_EQ(call(EXT_HSM, 3, 0x80000000u, 0, 0, NULL), -2); /* non-retentive suspend */
}

static void test_dbcn(void)
{
    uint8_t *ram = b.bus.ram;
    memcpy(ram + 0x100, "hello", 5);
    uint64_t v;
    CHECK_EQ(call(EXT_DBCN, 0, 5, 0x80000100, 0, &v), 0);
    CHECK_EQ(v, 5);
    char buf[8] = {0};
    CHECK_EQ(read(out_pipe[0], buf, sizeof(buf)), 5);
    CHECK(memcmp(buf, "hello", 5) == 0);
    /* Buffers outside RAM, wrapping, or with a high address half are refused. */
    CHECK_EQ(call(EXT_DBCN, 0, 16, 0x10000000, 0, NULL), -3);
    CHECK_EQ(call(EXT_DBCN, 0, 2u << 20, 0x80000000, 0, NULL), -3);
    CHECK_EQ(call(EXT_DBCN, 0, UINT64_MAX, 0x80000100, 0, NULL), -3);
    CHECK_EQ(call(EXT_DBCN, 0, 4, 0x80000100, 1, NULL), -3);
    CHECK_EQ(call(EXT_DBCN, 2, 'x', 0, 0, NULL), 0);
    CHECK_EQ(read(out_pipe[0], buf, 1), 1);
    CHECK_EQ(buf[0], 'x');
}

static void test_srst(void)
{
    CHECK_EQ(call(EXT_SRST, 0, 5, 0, 0, NULL), -3); /* unknown reset type */
    CHECK_EQ(b.exit_kind, EXIT_NONE);
    CHECK_EQ(call(EXT_SRST, 1, 0, 0, 0, NULL), -2);
    CHECK_EQ(call(EXT_SRST, 0, 1, 0, 0, NULL), 0); /* cold reboot */
    CHECK_EQ(b.exit_kind, EXIT_REBOOT);
}

int main(void)
{
    setup();
    test_base();
    test_timer();
    test_ipi_and_masks();
    test_hsm();
    test_dbcn();
    test_srst();
    for (unsigned i = 0; i < b.n_harts; i++) {
        rv_hart_free(b.harts[i]);
        free(b.harts[i]);
    }
    bus_destroy(&b.bus);
    close(out_pipe[0]);
    close(out_pipe[1]);
    return check_summary("sbi");
}
