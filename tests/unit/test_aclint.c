/* CLINT: mtimecmp halves and 64-bit access, MTIP following mtime, MSIP, deadlines, reset,
 * snapshots and the device-tree node. */
#include "check.h"
#include "dev/aclint.h"
#include "stub_board.h"

#include <libfdt.h>

static struct board b;
static struct board b2; /* a machine of the same configuration that snapshots are loaded into */

static uint64_t rd_on(struct board *m, uint32_t off, unsigned size)
{
    uint64_t v = 0xdead;
    CHECK(bus_read(&m->bus, VIRT_CLINT_BASE + off, size, &v));
    return v;
}

static uint64_t rd(uint32_t off, unsigned size) { return rd_on(&b, off, size); }

static void wr(uint32_t off, unsigned size, uint64_t v)
{
    CHECK(bus_write(&b.bus, VIRT_CLINT_BASE + off, size, v));
}

static bool mip(unsigned h, uint64_t bit) { return b.harts[h]->s.mip & bit; }

static void test_mtimecmp(struct aclint *a, const struct device *d)
{
    const uint32_t cmp1 = ACLINT_MTIMECMP_BASE + 8;
    CHECK_EQ(rd(ACLINT_MTIMECMP_BASE, 8), UINT64_MAX); /* reset value */
    wr(cmp1, 4, 0x89abcdef);
    wr(cmp1 + 4, 4, 0x01234567);
    CHECK_EQ(aclint_get_mtimecmp(a, 1), 0x0123456789abcdefull);
    CHECK_EQ(rd(cmp1, 8), 0x0123456789abcdefull);
    CHECK_EQ(rd(cmp1, 4), 0x89abcdef);
    CHECK_EQ(rd(cmp1 + 4, 4), 0x01234567);
    CHECK_EQ(rd(cmp1 + 2, 2), 0x89ab);
    wr(cmp1, 8, 1000);
    CHECK_EQ(aclint_get_mtimecmp(a, 1), 1000);
    CHECK_EQ(d->ops->next_deadline(d->dev), 1000); /* hart 0 still at UINT64_MAX */
    stub_mtime = 999;
    d->ops->poll(d->dev);
    CHECK(!mip(1, MIP_MTIP));
    stub_mtime = 1000;
    d->ops->poll(d->dev);
    CHECK(mip(1, MIP_MTIP));
    CHECK(!mip(0, MIP_MTIP));
    wr(cmp1, 8, 5000); /* moving mtimecmp forward drops MTIP at once */
    CHECK(!mip(1, MIP_MTIP));
    wr(cmp1, 8, 10); /* and moving it back raises it at once */
    CHECK(mip(1, MIP_MTIP));
    CHECK_EQ(rd(ACLINT_MTIME, 8), 1000);
    CHECK_EQ(rd(ACLINT_MTIME + 4, 4), 0);
    wr(ACLINT_MTIME, 8, 77); /* ignored: the board owns the clock */
    CHECK_EQ(rd(ACLINT_MTIME, 8), 1000);
    aclint_set_mtimecmp(a, 0, 3000);
    CHECK_EQ(rd(ACLINT_MTIMECMP_BASE, 8), 3000);
    CHECK_EQ(d->ops->next_deadline(d->dev), 10);
    aclint_set_mtimecmp(a, 7, 1); /* no such hart */
    CHECK_EQ(aclint_get_mtimecmp(a, 7), UINT64_MAX);
    CHECK_EQ(rd(ACLINT_MTIMECMP_BASE + 8 * 5, 8), 0);
}

static void test_msip(struct aclint *a)
{
    wr(ACLINT_MSIP_BASE + 4, 4, 1);
    CHECK(mip(1, MIP_MSIP) && !mip(0, MIP_MSIP));
    CHECK(aclint_get_msip(a, 1));
    CHECK_EQ(rd(ACLINT_MSIP_BASE + 4, 4), 1);
    CHECK_EQ(rd(ACLINT_MSIP_BASE, 8), 1ull << 32);
    wr(ACLINT_MSIP_BASE, 4, 0xfffffffe); /* only bit 0 counts */
    CHECK(!mip(0, MIP_MSIP));
    CHECK_EQ(rd(ACLINT_MSIP_BASE, 4), 0);
    wr(ACLINT_MSIP_BASE + 4, 4, 0);
    CHECK(!mip(1, MIP_MSIP));
    aclint_set_msip(a, 0, true);
    CHECK(mip(0, MIP_MSIP));
    CHECK_EQ(rd(ACLINT_MSIP_BASE, 1), 1);
    wr(ACLINT_MSIP_BASE + 8, 4, 1); /* hart 2 does not exist */
    CHECK_EQ(rd(ACLINT_MSIP_BASE + 8, 4), 0);
}

static void test_odd_accesses(void)
{
    uint64_t v;
    CHECK(!bus_read(&b.bus, VIRT_CLINT_BASE + ACLINT_MTIMECMP_BASE + 4, 8, &v));
    CHECK(!bus_write(&b.bus, VIRT_CLINT_BASE + 1, 4, 1));
    CHECK_EQ(rd(0x8000, 4), 0);
    CHECK_EQ(rd(0xfff8, 8), 0);
    wr(0xfff8, 8, 1);
}

static void test_reset_and_fdt(struct aclint *a, const struct device *d)
{
    d->ops->reset(d->dev);
    CHECK(!mip(0, MIP_MSIP) && !mip(1, MIP_MTIP));
    CHECK_EQ(aclint_get_mtimecmp(a, 1), UINT64_MAX);
    CHECK_EQ(d->ops->next_deadline(d->dev), UINT64_MAX);

    static char buf[4096];
    CHECK_EQ(stub_board_fdt(&b, buf, sizeof(buf), NULL), 0);
    int node = fdt_path_offset(buf, "/soc/clint@2000000");
    CHECK(node >= 0);
    CHECK(fdt_node_check_compatible(buf, node, "sifive,clint0") == 0);
    CHECK(fdt_node_check_compatible(buf, node, "riscv,clint0") == 0);
    int len;
    const fdt32_t *ext = fdt_getprop(buf, node, "interrupts-extended", &len);
    CHECK_EQ(len, 2 * 4 * 4);
    if (ext && len == 32) {
        CHECK_EQ(fdt32_to_cpu(ext[1]), 3);
        CHECK_EQ(fdt32_to_cpu(ext[3]), 7);
        CHECK_EQ(fdt32_to_cpu(ext[6]), 2);
    }
    const fdt32_t *reg = fdt_getprop(buf, node, "reg", &len);
    CHECK(reg && len == 16 && fdt32_to_cpu(reg[1]) == VIRT_CLINT_BASE &&
          fdt32_to_cpu(reg[3]) == VIRT_CLINT_SIZE);
}

/* --- snapshots: payload = hart count, MSIP mask, mtimecmp[BOARD_MAX_HARTS] --- */

static uint8_t image[128];
static size_t image_len;

static void check_same(void)
{
    for (uint32_t off = 0; off < 16; off += 4)
        CHECK_EQ(rd_on(&b2, ACLINT_MSIP_BASE + off, 4), rd(ACLINT_MSIP_BASE + off, 4));
    for (unsigned h = 0; h < 3; h++)
        CHECK_EQ(rd_on(&b2, ACLINT_MTIMECMP_BASE + 8 * h, 8), rd(ACLINT_MTIMECMP_BASE + 8 * h, 8));
    const uint64_t lines = MIP_MSIP | MIP_MTIP;
    for (unsigned h = 0; h < 2; h++)
        CHECK_EQ(b2.harts[h]->s.mip & lines, b.harts[h]->s.mip & lines);
}

static void test_snapshot(void)
{
    const struct device *d = stub_board_device(&b, "clint");
    CHECK(aclint_create(&b2) != NULL);
    const struct device *d2 = stub_board_device(&b2, "clint");
    CHECK(d && d2 && d->ops->save && d->ops->load);
    if (!d || !d2 || !d->ops->save)
        return;
    CHECK_EQ(d->ops->snap_tag, SNAP_TAG('C', 'L', 'N', 'T'));
    CHECK_EQ(d->ops->snap_version, 1);
    stub_mtime = 1000;
    wr(ACLINT_MSIP_BASE + 4, 4, 1);
    wr(ACLINT_MTIMECMP_BASE, 8, 500);
    wr(ACLINT_MTIMECMP_BASE + 8, 8, 0x123456789ull);
    CHECK(mip(0, MIP_MTIP) && !mip(1, MIP_MTIP) && mip(1, MIP_MSIP) && !mip(0, MIP_MSIP));
    image_len = stub_snap_save(d, image, sizeof(image));
    CHECK_EQ(image_len, 8 + 8 * BOARD_MAX_HARTS);
    const char *why = "unset";
    CHECK(stub_snap_load(d2, image, image_len, &why));
    CHECK(why == NULL);
    check_same();
    CHECK_EQ(d2->ops->next_deadline(d2->dev), 500);
}

static void expect_refused(size_t len, size_t patch_at, uint64_t patch, unsigned patch_size)
{
    CHECK(stub_snap_refuses(stub_board_device(&b2, "clint"), image, image_len, len, patch_at, patch,
                            patch_size));
    check_same(); /* unchanged */
}

static void test_snapshot_refused(void)
{
    if (image_len != 8 + 8 * BOARD_MAX_HARTS)
        return;
    expect_refused(0, 0, 0, 0);
    expect_refused(image_len - 1, 0, 0, 0);
    expect_refused(image_len + 1, 0, 0, 0);
    expect_refused(image_len, 0, 3, 4);          /* three harts */
    expect_refused(image_len, 0, 0xffffffff, 4);
    expect_refused(image_len, 4, 1u << 2, 4);    /* MSIP of hart 2 */
    expect_refused(image_len, 4, 1u << 31, 4);
    expect_refused(image_len, 8 + 8 * 2, 0, 8);  /* mtimecmp of hart 2 */
    expect_refused(image_len, 8 + 8 * 7, 1, 8);
}

int main(void)
{
    CHECK_EQ(stub_board_init(&b2, 2), 0);
    CHECK_EQ(stub_board_init(&b, 2), 0);
    struct aclint *a = aclint_create(&b);
    const struct device *d = stub_board_device(&b, "clint");
    CHECK(a != NULL && b.aclint == a && d != NULL);
    if (!a || !d)
        return check_summary("aclint");
    test_mtimecmp(a, d);
    test_msip(a);
    test_odd_accesses();
    test_reset_and_fdt(a, d);
    test_snapshot();
    test_snapshot_refused();
    stub_board_free(&b);
    stub_board_free(&b2);
    return check_summary("aclint");
}
