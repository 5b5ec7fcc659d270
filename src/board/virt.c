/* The `virt` board: builds the machine (RAM, harts, devices) and its device tree. */
#include "board/board.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libfdt.h>
#include <errno.h>
#include <sys/eventfd.h>
#include <sys/random.h>
#include <unistd.h>

#include "board/boot.h"
#include "dev/aclint.h"
#include "dev/plic.h"
#include "dev/rtc.h"
#include "dev/syscon.h"
#include "dev/uart.h"
#include "dev/vmgenid.h"
#include "virtio/blk.h"
#include "virtio/console.h"
#include "virtio/net.h"
#include "virtio/rng.h"
#include "virtio/vsock.h"

#define FDT_MAX_SIZE 0x10000

/* The extensions arbor implements, exactly: the device tree advertises these and no more. */
static const char *const isa_extensions[] = {"i", "m", "a", "f", "d", "c",
                                             "zicntr", "zicsr", "zifencei"};
#define ISA_STRING "rv64imafdc_zicntr_zicsr_zifencei"

static void fdt_cpu(struct board *b, void *fdt, unsigned i)
{
    char name[32];
    snprintf(name, sizeof(name), "cpu@%u", i);
    fdt_begin_node(fdt, name);
    fdt_property_string(fdt, "device_type", "cpu");
    fdt_property_u32(fdt, "reg", i);
    fdt_property_string(fdt, "status", "okay");
    fdt_property_string(fdt, "compatible", "riscv");
    fdt_property_string(fdt, "riscv,isa", ISA_STRING);
    fdt_property_string(fdt, "riscv,isa-base", "rv64i");
    char list[128];
    size_t n = 0;
    for (unsigned k = 0; k < ARRAY_SIZE(isa_extensions); k++) {
        size_t l = strlen(isa_extensions[k]) + 1;
        memcpy(list + n, isa_extensions[k], l);
        n += l;
    }
    fdt_property(fdt, "riscv,isa-extensions", list, (int)n);
    fdt_property_string(fdt, "mmu-type", "riscv,sv48");
    fdt_begin_node(fdt, "interrupt-controller");
    fdt_property_u32(fdt, "#interrupt-cells", 1);
    fdt_property(fdt, "interrupt-controller", NULL, 0);
    fdt_property_string(fdt, "compatible", "riscv,cpu-intc");
    fdt_property_u32(fdt, "phandle", b->intc_phandle[i]);
    fdt_end_node(fdt);
    fdt_end_node(fdt);
}

static void fdt_cpus(struct board *b, void *fdt)
{
    fdt_begin_node(fdt, "cpus");
    fdt_property_u32(fdt, "#address-cells", 1);
    fdt_property_u32(fdt, "#size-cells", 0);
    fdt_property_u32(fdt, "timebase-frequency", VIRT_TIMEBASE_HZ);
    for (unsigned i = 0; i < b->n_harts; i++)
        fdt_cpu(b, fdt, i);
    fdt_end_node(fdt);
}

static void fdt_chosen(void *fdt, const struct boot_layout *l, const char *append)
{
    uint8_t seed[64];
    if (getrandom(seed, sizeof(seed), 0) != (ssize_t)sizeof(seed))
        memset(seed, 0, sizeof(seed));
    fdt_begin_node(fdt, "chosen");
    fdt_property_string(fdt, "bootargs", append ? append : "");
    fdt_property_string(fdt, "stdout-path", "/soc/serial@10000000");
    if (l->initrd_size) {
        fdt_property_u64(fdt, "linux,initrd-start", l->initrd_addr);
        fdt_property_u64(fdt, "linux,initrd-end", l->initrd_addr + l->initrd_size);
    }
    fdt_property(fdt, "rng-seed", seed, sizeof(seed));
    fdt_end_node(fdt);
}

static void fdt_memory(struct board *b, void *fdt)
{
    char name[32];
    snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)b->bus.ram_base);
    fdt64_t reg[2] = {cpu_to_fdt64(b->bus.ram_base), cpu_to_fdt64(b->bus.ram_size)};
    fdt_begin_node(fdt, name);
    fdt_property_string(fdt, "device_type", "memory");
    fdt_property(fdt, "reg", reg, sizeof(reg));
    fdt_end_node(fdt);
}

/* Build the device tree into a malloc'd blob; each device writes its own node. */
void *board_build_fdt(struct board *b, const struct boot_layout *l, const char *append)
{
    void *fdt = calloc(1, FDT_MAX_SIZE);
    if (!fdt)
        return NULL;
    fdt_create(fdt, FDT_MAX_SIZE);
    fdt_finish_reservemap(fdt);
    fdt_begin_node(fdt, "");
    fdt_property_u32(fdt, "#address-cells", 2);
    fdt_property_u32(fdt, "#size-cells", 2);
    fdt_property_string(fdt, "compatible", "riscv-virtio");
    fdt_property_string(fdt, "model", "riscv-virtio,qemu");
    fdt_chosen(fdt, l, append);
    fdt_memory(b, fdt);
    fdt_cpus(b, fdt);
    syscon_fdt_root_nodes(b, fdt);
    fdt_begin_node(fdt, "soc");
    fdt_property_u32(fdt, "#address-cells", 2);
    fdt_property_u32(fdt, "#size-cells", 2);
    fdt_property_string(fdt, "compatible", "simple-bus");
    fdt_property(fdt, "ranges", NULL, 0);
    for (unsigned i = 0; i < b->n_devices; i++)
        if (b->devices[i].ops->fdt_node)
            b->devices[i].ops->fdt_node(b->devices[i].dev, b, fdt);
    fdt_end_node(fdt);
    fdt_end_node(fdt);
    if (fdt_finish(fdt) != 0) {
        free(fdt);
        return NULL;
    }
    return fdt;
}

static int create_harts(struct board *b)
{
    for (unsigned i = 0; i < b->n_harts; i++) {
        b->harts[i] = calloc(1, sizeof(struct rv_hart));
        if (!b->harts[i])
            return -1;
        rv_hart_init(b->harts[i], &b->bus, b, i);
        if (!b->harts[i]->c.blocks)
            return -1;
        b->intc_phandle[i] = board_alloc_phandle(b);
    }
    board_attach_harts(b);
    return 0;
}

/* The devices users add, by the kind the command line and snapshots name them with. */
static const struct {
    const char *kind;
    struct virtio_mmio *(*create)(struct board *b, unsigned slot, struct board_device_spec *spec);
} user_devices[] = {
    {"disk", virtio_blk_create},
    {"net", virtio_net_create},
    {"console", virtio_console_create},
    {"vsock", virtio_vsock_create},
};

/* Slot 0 is the entropy device; the user's devices follow in the order given. */
static int create_user_devices(struct board *b)
{
    for (unsigned i = 0; i < b->n_specs; i++) {
        struct board_device_spec *spec = &b->specs[i];
        unsigned k = 0;
        while (k < ARRAY_SIZE(user_devices) && strcmp(user_devices[k].kind, spec->kind))
            k++;
        if (k == ARRAY_SIZE(user_devices)) {
            log_error("unknown device kind '%s'", spec->kind);
            return -1;
        }
        b->user_devs[i] = user_devices[k].create(b, 1 + i, spec);
        if (!b->user_devs[i])
            return -1;
    }
    return 0;
}

static int create_devices(struct board *b)
{
    b->plic_phandle = board_alloc_phandle(b);
    b->syscon_phandle = board_alloc_phandle(b);
    if (!syscon_create(b) || !rtc_create(b) || !aclint_create(b) || !plic_create(b) ||
        !vmgenid_create(b) || !uart_create(b) || !virtio_rng_create(b, 0)) {
        log_error("cannot create the machine: out of memory");
        return -1;
    }
    return create_user_devices(b);
}

int board_build(struct board *b, const struct board_config *cfg)
{
    memset(b, 0, sizeof(*b));
    b->wake_fd = -1;
    b->exit_kind = EXIT_NONE;
    b->n_harts = cfg->n_harts;
    b->deterministic = cfg->deterministic;
    b->builtin_sbi = cfg->firmware == NULL;
    b->console_in = 0;
    b->console_out = 1;
    b->start_ns = host_now_ns();
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    b->wall_base_ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    b->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (b->wake_fd < 0) {
        log_error("cannot create the machine's wakeup eventfd: %s", strerror(errno));
        return -1;
    }
    b->from_snapshot = cfg->from_snapshot;
    if (cfg->n_devs > BOARD_MAX_USER_DEVICES) {
        log_error("too many devices: the virt board has %d virtio slots for them",
                  BOARD_MAX_USER_DEVICES);
        return -1;
    }
    for (unsigned i = 0; i < cfg->n_devs; i++)
        b->specs[i] = cfg->devs[i];
    b->n_specs = cfg->n_devs;
    int err = bus_init(&b->bus, VIRT_DRAM_BASE, cfg->mem_size);
    if (err) {
        log_error("cannot allocate %llu MiB of guest memory: %s",
                  (unsigned long long)(cfg->mem_size >> 20), strerror(-err));
        return -1;
    }
    if (create_harts(b)) {
        log_error("cannot create the machine: out of memory");
        return -1;
    }
    if (create_devices(b))
        return -1;
    return 0;
}

int board_create(struct board *b, const struct board_config *cfg)
{
    if (board_build(b, cfg))
        return -1;
    return boot_load(b, cfg);
}

void board_destroy(struct board *b)
{
    for (unsigned i = 0; i < b->n_devices; i++)
        if (b->devices[i].ops->destroy)
            b->devices[i].ops->destroy(b->devices[i].dev);
    for (unsigned i = 0; i < b->n_harts; i++) {
        if (b->harts[i])
            rv_hart_free(b->harts[i]);
        free(b->harts[i]);
    }
    bus_destroy(&b->bus);
    if (b->wake_fd >= 0)
        close(b->wake_fd);
    b->wake_fd = -1;
}
