/* Test finisher: pass, fail with a code, reset, ignored writes, and the device-tree nodes. */
#include "check.h"
#include "dev/syscon.h"
#include "stub_board.h"

#include <libfdt.h>

static struct board b;

static void expect_exit(uint32_t off, unsigned size, uint64_t val, int kind, int code)
{
    b.exit_kind = EXIT_NONE;
    b.exit_code = 0;
    CHECK(bus_write(&b.bus, VIRT_TEST_BASE + off, size, val));
    CHECK_EQ(b.exit_kind, kind);
    CHECK_EQ(b.exit_code, code);
}

static void test_fdt(void)
{
    static char buf[4096];
    CHECK_EQ(stub_board_fdt(&b, buf, sizeof(buf), syscon_fdt_root_nodes), 0);
    int node = fdt_path_offset(buf, "/soc/test@100000");
    CHECK(node >= 0);
    CHECK(fdt_node_check_compatible(buf, node, "sifive,test1") == 0);
    CHECK(fdt_node_check_compatible(buf, node, "sifive,test0") == 0);
    CHECK(fdt_node_check_compatible(buf, node, "syscon") == 0);
    CHECK_EQ(fdt_get_phandle(buf, node), 21);
    const char *names[] = {"/poweroff", "/reboot"};
    const char *compat[] = {"syscon-poweroff", "syscon-reboot"};
    const uint32_t value[] = {0x5555, 0x7777};
    for (int i = 0; i < 2; i++) {
        int n = fdt_path_offset(buf, names[i]);
        CHECK(n >= 0 && fdt_node_check_compatible(buf, n, compat[i]) == 0);
        const fdt32_t *regmap = fdt_getprop(buf, n, "regmap", NULL);
        const fdt32_t *v = fdt_getprop(buf, n, "value", NULL);
        const fdt32_t *off = fdt_getprop(buf, n, "offset", NULL);
        CHECK(regmap && fdt32_to_cpu(*regmap) == 21);
        CHECK(v && fdt32_to_cpu(*v) == value[i]);
        CHECK(off && fdt32_to_cpu(*off) == 0);
    }
}

int main(void)
{
    CHECK_EQ(stub_board_init(&b, 1), 0);
    CHECK(syscon_create(&b) != NULL);
    const struct device *d = stub_board_device(&b, "test-finisher");
    CHECK(d && !d->ops->save && !d->ops->load); /* no state: no snapshot section */
    expect_exit(0, 4, 0x5555, EXIT_POWEROFF, 0);
    expect_exit(0, 4, (42u << 16) | 0x3333, EXIT_GUEST_FAIL, 42);
    expect_exit(0, 4, 0xffff3333, EXIT_GUEST_FAIL, 0xffff);
    expect_exit(0, 4, 0x7777, EXIT_REBOOT, 0);
    expect_exit(0, 2, 0x5555, EXIT_POWEROFF, 0);
    expect_exit(0, 8, 0xabcd00005555ull, EXIT_POWEROFF, 0);
    expect_exit(0, 4, 0x1234, EXIT_NONE, 0); /* unknown command */
    expect_exit(4, 4, 0x5555, EXIT_NONE, 0); /* wrong offset */
    expect_exit(0, 1, 0x55, EXIT_NONE, 0);
    uint64_t v = 1;
    CHECK(bus_read(&b.bus, VIRT_TEST_BASE, 4, &v));
    CHECK_EQ(v, 0);
    test_fdt();
    stub_board_free(&b);
    return check_summary("syscon");
}
