/* VM Generation ID: the ID at every access size, renewal and its one interrupt through a real
 * PLIC, snapshots and the device-tree node. */
#include "check.h"
#include "dev/plic.h"
#include "dev/vmgenid.h"
#include "stub_board.h"

#include <libfdt.h>

static struct board b;
static struct board b2; /* a machine of the same configuration that snapshots are loaded into */

static uint64_t rd(uint64_t off, unsigned size)
{
    uint64_t v = 0xdead;
    CHECK(bus_read(&b.bus, VIRT_VMGENID_BASE + off, size, &v));
    return v;
}

/* The PLIC's context 1: hart 0's supervisor external interrupt, where Linux takes it. */
static uint32_t plic_rd(uint32_t off)
{
    uint64_t v = 0xdead;
    CHECK(bus_read(&b.bus, VIRT_PLIC_BASE + off, 4, &v));
    return (uint32_t)v;
}

static void plic_wr(uint32_t off, uint32_t v)
{
    CHECK(bus_write(&b.bus, VIRT_PLIC_BASE + off, 4, v));
}

#define CLAIM1 (PLIC_CONTEXT_BASE + PLIC_CONTEXT_STRIDE + 4)
#define ENABLE1 (PLIC_ENABLE_BASE + PLIC_ENABLE_STRIDE)

static uint32_t claim(void) { return plic_rd(CLAIM1); }
static void complete(uint32_t s) { plic_wr(CLAIM1, s); }
static bool seip(void) { return b.harts[0]->s.mip & MIP_SEIP; }

static void test_reads(struct vmgenid *v)
{
    uint8_t id[VMGENID_ID_SIZE], zero[VMGENID_ID_SIZE] = {0};
    vmgenid_get(v, id);
    CHECK(memcmp(id, zero, sizeof(id)) != 0); /* random: zero has odds of 2^-128 */
    for (unsigned size = 1; size <= 8; size *= 2)
        for (unsigned off = 0; off + size <= VMGENID_ID_SIZE; off++)
            CHECK_EQ(rd(off, size), load_le(id + off, size));
    CHECK_EQ(rd(12, 8), load_le(id + 12, 4)); /* past the ID: zeros */
    CHECK_EQ(rd(16, 8), 0);
    CHECK_EQ(rd(0x800, 4), 0);
    CHECK_EQ(rd(VMGENID_SIZE - 8, 8), 0);
    CHECK(bus_write(&b.bus, VIRT_VMGENID_BASE, 8, 0)); /* ignored */
    CHECK(bus_write(&b.bus, VIRT_VMGENID_BASE + 3, 1, 0));
    uint8_t after[VMGENID_ID_SIZE];
    vmgenid_get(v, after);
    CHECK(memcmp(after, id, sizeof(id)) == 0);
}

static void test_renew(struct vmgenid *v)
{
    uint8_t before[VMGENID_ID_SIZE], after[VMGENID_ID_SIZE];
    plic_wr(PLIC_PRIORITY_BASE + 4 * VIRT_VMGENID_IRQ, 1);
    plic_wr(ENABLE1, 1u << VIRT_VMGENID_IRQ);
    CHECK(!seip());
    vmgenid_get(v, before);
    vmgenid_renew(v);
    vmgenid_get(v, after);
    CHECK(memcmp(before, after, sizeof(before)) != 0);
    CHECK_EQ(rd(0, 8), load_le(after, 8));
    CHECK(seip());
    CHECK_EQ(claim(), VIRT_VMGENID_IRQ);
    CHECK(!seip());
    CHECK_EQ(claim(), 0);
    complete(VIRT_VMGENID_IRQ);
    CHECK(!seip()); /* the handler acknowledged nothing on the device: still no storm */
    CHECK_EQ(claim(), 0);
    CHECK_EQ(plic_rd(PLIC_PENDING_BASE), 0);

    /* two renewals before the guest looks: one interrupt, the newest ID */
    vmgenid_renew(v);
    vmgenid_renew(v);
    CHECK_EQ(claim(), VIRT_VMGENID_IRQ);
    complete(VIRT_VMGENID_IRQ);
    CHECK_EQ(claim(), 0);

    /* a renewal while the handler runs (it may have read the old ID): one more afterwards */
    vmgenid_renew(v);
    CHECK_EQ(claim(), VIRT_VMGENID_IRQ);
    vmgenid_renew(v);
    CHECK(!seip());
    complete(VIRT_VMGENID_IRQ);
    CHECK_EQ(claim(), VIRT_VMGENID_IRQ);
    complete(VIRT_VMGENID_IRQ);
    CHECK_EQ(claim(), 0);

    /* with the source masked the request waits, however long, instead of being lost */
    plic_wr(ENABLE1, 0);
    vmgenid_renew(v);
    CHECK(!seip());
    CHECK_EQ(plic_rd(PLIC_PENDING_BASE), 1u << VIRT_VMGENID_IRQ);
    plic_wr(ENABLE1, 1u << VIRT_VMGENID_IRQ);
    CHECK(seip());
    CHECK_EQ(claim(), VIRT_VMGENID_IRQ);
    complete(VIRT_VMGENID_IRQ);
    CHECK_EQ(claim(), 0);
    CHECK(!seip());
}

static void test_snapshot(struct vmgenid *v)
{
    const struct device *d = stub_board_device(&b, "vmgenid");
    CHECK(plic_create(&b2) != NULL);
    struct vmgenid *v2 = vmgenid_create(&b2);
    const struct device *d2 = stub_board_device(&b2, "vmgenid");
    CHECK(d && v2 && d2 && b2.vmgenid == v2 && d->ops->save && d->ops->load);
    if (!d || !v2 || !d2 || !d->ops->save)
        return;
    CHECK_EQ(d->ops->snap_tag, SNAP_TAG('V', 'G', 'I', 'D'));
    CHECK_EQ(d->ops->snap_version, 1);
    uint8_t id[VMGENID_ID_SIZE], id2[VMGENID_ID_SIZE], image[32] = {0};
    vmgenid_get(v, id);
    vmgenid_get(v2, id2);
    CHECK(memcmp(id, id2, sizeof(id)) != 0); /* each machine starts with its own */
    size_t len = stub_snap_save(d, image, sizeof(image));
    CHECK_EQ(len, VMGENID_ID_SIZE);
    CHECK(memcmp(image, id, sizeof(id)) == 0);
    const char *why = "unset";
    const size_t bad_len[] = {0, VMGENID_ID_SIZE - 1, VMGENID_ID_SIZE + 1};
    for (unsigned i = 0; i < ARRAY_SIZE(bad_len); i++) {
        why = NULL;
        CHECK(!stub_snap_load(d2, image, bad_len[i], &why));
        CHECK(why != NULL);
        uint8_t now[VMGENID_ID_SIZE];
        vmgenid_get(v2, now);
        CHECK(memcmp(now, id2, sizeof(now)) == 0); /* unchanged */
    }
    CHECK(stub_snap_load(d2, image, len, &why));
    CHECK(why == NULL);
    vmgenid_get(v2, id2);
    CHECK(memcmp(id, id2, sizeof(id)) == 0);
    uint64_t lo = 0, hi = 0;
    CHECK(bus_read(&b2.bus, VIRT_VMGENID_BASE, 8, &lo));
    CHECK(bus_read(&b2.bus, VIRT_VMGENID_BASE + 8, 8, &hi));
    CHECK_EQ(lo, load_le(id, 8));
    CHECK_EQ(hi, load_le(id + 8, 8));
    CHECK_EQ(b2.harts[0]->s.mip, 0); /* loading is not a renewal: no interrupt */
}

static void test_fdt(void)
{
    static char buf[4096];
    CHECK_EQ(stub_board_fdt(&b, buf, sizeof(buf), NULL), 0);
    int node = fdt_path_offset(buf, "/soc/vmgenid@102000");
    CHECK(node >= 0);
    CHECK(fdt_node_check_compatible(buf, node, "microsoft,vmgenid") == 0);
    int len;
    const fdt32_t *reg = fdt_getprop(buf, node, "reg", &len);
    CHECK(reg && len == 16);
    if (reg && len == 16) {
        CHECK_EQ(fdt32_to_cpu(reg[0]), 0);
        CHECK_EQ(fdt32_to_cpu(reg[1]), 0x102000);
        CHECK_EQ(fdt32_to_cpu(reg[2]), 0);
        CHECK_EQ(fdt32_to_cpu(reg[3]), 0x1000);
    }
    const fdt32_t *irq = fdt_getprop(buf, node, "interrupts", NULL);
    const fdt32_t *parent = fdt_getprop(buf, node, "interrupt-parent", NULL);
    CHECK(irq && fdt32_to_cpu(*irq) == 12);
    CHECK(parent && fdt32_to_cpu(*parent) == 20);
    CHECK_EQ(fdt_node_offset_by_phandle(buf, 20), fdt_path_offset(buf, "/soc/plic@c000000"));
}

int main(void)
{
    CHECK_EQ(stub_board_init(&b2, 1), 0);
    CHECK_EQ(stub_board_init(&b, 1), 0);
    struct plic *p = plic_create(&b);
    struct vmgenid *v = vmgenid_create(&b);
    CHECK(p != NULL && v != NULL && b.vmgenid == v);
    if (!p || !v)
        return check_summary("vmgenid");
    test_reads(v);
    test_renew(v);
    test_snapshot(v);
    test_fdt();
    stub_board_free(&b);
    stub_board_free(&b2);
    return check_summary("vmgenid");
}
