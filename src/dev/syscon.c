/* SiFive test finisher: a 32-bit write at offset 0 stops the machine (pass, fail, reset). */
#include "dev/syscon.h"

#include <libfdt.h>
#include <stdlib.h>

struct syscon {
    struct board *b;
};

static bool syscon_mmio_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    (void)opaque, (void)off, (void)size;
    *val = 0;
    return true;
}

/* Any write of 2 bytes or more at offset 0 is decoded (the value zero-extended to 32 bits:
 * QEMU accepts 16-bit writes too); everything else, and unknown commands, is ignored. */
static bool syscon_mmio_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    struct syscon *s = opaque;
    if (off != 0 || size < 2)
        return true;
    uint32_t cmd = (uint32_t)val;
    switch (cmd & 0xffff) {
    case SYSCON_PASS:
        board_request_exit(s->b, EXIT_POWEROFF, 0);
        break;
    case SYSCON_FAIL:
        board_request_exit(s->b, EXIT_GUEST_FAIL, (int)(cmd >> 16));
        break;
    case SYSCON_RESET:
        board_request_exit(s->b, EXIT_REBOOT, 0);
        break;
    default:
        break;
    }
    return true;
}

static const struct mmio_ops syscon_mmio_ops = {
    .read = syscon_mmio_read,
    .write = syscon_mmio_write,
};

static void syscon_fdt_node(void *dev, struct board *b, void *fdt)
{
    (void)dev;
    static const char compat[] = "sifive,test1\0sifive,test0\0syscon";
    const fdt32_t reg[] = {0, cpu_to_fdt32(VIRT_TEST_BASE), 0, cpu_to_fdt32(SYSCON_SIZE)};
    int err = fdt_begin_node(fdt, "test@100000");
    err |= fdt_property(fdt, "compatible", compat, sizeof(compat));
    err |= fdt_property(fdt, "reg", reg, sizeof(reg));
    err |= fdt_property_u32(fdt, "phandle", b->syscon_phandle);
    err |= fdt_end_node(fdt);
    if (err)
        log_error("device tree: cannot add the test finisher node");
}

/* One node of the syscon-poweroff / syscon-reboot kind: write `value` to offset 0. */
static int syscon_fdt_action(struct board *b, void *fdt, const char *name, const char *compat,
                             uint32_t value)
{
    int err = fdt_begin_node(fdt, name);
    err |= fdt_property_string(fdt, "compatible", compat);
    err |= fdt_property_u32(fdt, "regmap", b->syscon_phandle);
    err |= fdt_property_u32(fdt, "offset", 0);
    err |= fdt_property_u32(fdt, "value", value);
    return err | fdt_end_node(fdt);
}

void syscon_fdt_root_nodes(struct board *b, void *fdt)
{
    /* in QEMU's order, so the trees can be compared */
    int err = syscon_fdt_action(b, fdt, "reboot", "syscon-reboot", SYSCON_RESET);
    err |= syscon_fdt_action(b, fdt, "poweroff", "syscon-poweroff", SYSCON_PASS);
    if (err)
        log_error("device tree: cannot add the poweroff and reboot nodes");
}

static void syscon_reset(void *dev)
{
    (void)dev; /* no state */
}

static void syscon_poll(void *dev)
{
    (void)dev;
}

static uint64_t syscon_next_deadline(void *dev)
{
    (void)dev;
    return UINT64_MAX;
}

static void syscon_destroy(void *dev)
{
    free(dev);
}

static const struct device_ops syscon_device_ops = {
    .name = "test-finisher",
    .fdt_node = syscon_fdt_node,
    .reset = syscon_reset,
    .poll = syscon_poll,
    .next_deadline = syscon_next_deadline,
    .destroy = syscon_destroy,
};

struct syscon *syscon_create(struct board *b)
{
    struct syscon *s = calloc(1, sizeof(*s));
    if (!s) {
        log_error("test finisher: out of memory");
        return NULL;
    }
    s->b = b;
    if (board_attach(b, &syscon_device_ops, s, VIRT_TEST_BASE, SYSCON_SIZE, &syscon_mmio_ops) < 0) {
        free(s);
        return NULL;
    }
    return s;
}
