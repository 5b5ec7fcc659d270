/* Boot placement: where firmware, kernel, initrd and device tree go in guest RAM (QEMU's
 * `virt` conventions), validation of those files, and the harts' state at power on. */
#include "board/boot.h"

#include <errno.h>
#include <stdlib.h>

#include <libfdt.h>

#define MiB (1ull << 20)
#define ALIGN_UP(x, a) (((x) + (a)-1) & ~((uint64_t)(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((uint64_t)(a)-1))

/* Offsets in the RISC-V Linux Image header (Documentation/arch/riscv/boot-image-header.rst). */
#define IMAGE_HDR_SIZE 0x40
#define IMAGE_SIZE_OFF 0x10
#define IMAGE_MAGIC_OFF 0x30
#define IMAGE_MAGIC2_OFF 0x38

/* fw_dynamic info block that OpenSBI's fw_dynamic.bin reads through a2. */
#define FW_DYNAMIC_MAGIC 0x4942534full
#define FW_DYNAMIC_VERSION 2
#define FW_INFO_ADDR (VIRT_MROM_BASE + 0x100)

struct loaded_file {
    uint8_t *data;
    size_t size;
};

static int load(const char *what, const char *path, struct loaded_file *f)
{
    f->data = read_file(path, &f->size);
    if (!f->data) {
        log_error("cannot read %s '%s': %s", what, path, strerror(errno));
        return -1;
    }
    if (f->size == 0) {
        log_error("%s '%s' is empty", what, path);
        free(f->data);
        f->data = NULL;
        return -1;
    }
    return 0;
}

/* Validate a Linux RISC-V Image; returns the memory it needs (image_size) or 0 on error. */
static uint64_t check_kernel(const char *path, const struct loaded_file *k)
{
    if (k->size >= 2 && k->data[0] == 0x1f && k->data[1] == 0x8b) {
        log_error("kernel '%s' is gzip-compressed: decompress it first (make guest does)", path);
        return 0;
    }
    if (k->size < IMAGE_HDR_SIZE || memcmp(k->data + IMAGE_MAGIC_OFF, "RISCV\0\0\0", 8) != 0 ||
        memcmp(k->data + IMAGE_MAGIC2_OFF, "RSC\x05", 4) != 0) {
        log_error("kernel '%s' is not a RISC-V Linux Image (no RISCV/RSC magic in its header)", path);
        return 0;
    }
    uint64_t image_size = load_le(k->data + IMAGE_SIZE_OFF, 8);
    return image_size > k->size ? image_size : k->size;
}

static int check_firmware(const char *path, const struct loaded_file *f)
{
    if (f->size >= IMAGE_HDR_SIZE && memcmp(f->data + IMAGE_MAGIC_OFF, "RISCV\0\0\0", 8) == 0) {
        log_error("firmware '%s' is a Linux kernel Image: pass it with --kernel", path);
        return -1;
    }
    if (f->size >= 4 && memcmp(f->data, "\x7f" "ELF", 4) == 0) {
        log_error("firmware '%s' is an ELF file: give the flat binary (e.g. fw_dynamic.bin)", path);
        return -1;
    }
    if (f->size >= 2 && f->data[0] == 0x1f && f->data[1] == 0x8b) {
        log_error("firmware '%s' is gzip-compressed, not a flat binary", path);
        return -1;
    }
    return 0;
}

static int place(struct board *b, const char *what, uint64_t addr, const struct loaded_file *f,
                 uint64_t need)
{
    uint8_t *dst = bus_ram_ptr(&b->bus, addr, need);
    if (!dst) {
        log_error("%s (%llu KiB) does not fit in guest memory (%llu MiB)", what,
                  (unsigned long long)(need >> 10), (unsigned long long)(b->bus.ram_size / MiB));
        return -1;
    }
    bus_note_write_range(&b->bus, addr, f->size);
    memcpy(dst, f->data, f->size);
    return 0;
}

/* Where things go: firmware at the start of RAM, the kernel 2 MiB-aligned after it, the
 * initrd well past the kernel, the device tree 2 MiB-aligned below the end of RAM. */
static int plan(struct board *b, struct boot_layout *l, uint64_t fw_size, uint64_t kernel_need,
                uint64_t initrd_size, size_t fdt_size)
{
    uint64_t base = b->bus.ram_base, size = b->bus.ram_size;
    uint64_t top = base + (size < 3072 * MiB ? size : 3072 * MiB);
    l->fdt_addr = ALIGN_DOWN(top - fdt_size, 2 * MiB);
    l->kernel_addr = fw_size ? ALIGN_UP(base + fw_size, 2 * MiB) : base + 2 * MiB;
    uint64_t kernel_end = l->kernel_addr + kernel_need;
    l->initrd_size = initrd_size;
    l->initrd_addr = l->kernel_addr + (size / 2 < 128 * MiB ? size / 2 : 128 * MiB);
    if (l->initrd_addr < kernel_end)
        l->initrd_addr = ALIGN_UP(kernel_end, 2 * MiB);
    if (fdt_size > size || l->fdt_addr < base || kernel_end > l->fdt_addr) {
        log_error("the kernel (%llu MiB) does not fit in --mem %llu MiB",
                  (unsigned long long)(kernel_need / MiB), (unsigned long long)(size / MiB));
        return -1;
    }
    if (initrd_size && l->initrd_addr + initrd_size > l->fdt_addr) {
        log_error("the initrd (%llu MiB) does not fit in --mem %llu MiB next to the kernel",
                  (unsigned long long)(initrd_size / MiB), (unsigned long long)(size / MiB));
        return -1;
    }
    return 0;
}

static bool mrom_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    const uint8_t *rom = opaque;
    *val = load_le(rom + off, size);
    return true;
}
static const struct mmio_ops mrom_ops = {.read = mrom_read};

/* The MROM holds the fw_dynamic info block so real firmware knows where the kernel is. */
int boot_map_rom(struct board *b, uint64_t kernel_addr)
{
    static uint8_t rom[VIRT_MROM_SIZE];
    memset(rom, 0, sizeof(rom));
    b->rom_kernel_addr = kernel_addr;
    uint64_t info[6] = {FW_DYNAMIC_MAGIC, FW_DYNAMIC_VERSION, kernel_addr, PRV_S, 0, 0};
    memcpy(rom + (FW_INFO_ADDR - VIRT_MROM_BASE), info, sizeof(info));
    return bus_add_mmio(&b->bus, VIRT_MROM_BASE, VIRT_MROM_SIZE, &mrom_ops, rom, "mrom");
}

void boot_use_builtin_sbi(struct rv_hart *h)
{
    h->sbi_fn = sbi_call;
}

static void start_harts(struct board *b, const struct boot_layout *l, bool firmware)
{
    for (unsigned i = 0; i < b->n_harts; i++) {
        struct rv_hart *h = b->harts[i];
        rv_hart_reset(h, firmware ? b->bus.ram_base : l->kernel_addr);
        h->s.x[10] = i;           /* a0: hart id */
        h->s.x[11] = l->fdt_addr; /* a1: device tree */
        h->s.x[12] = FW_INFO_ADDR; /* a2: fw_dynamic info */
        if (firmware)
            continue;
        /* Built-in SBI: start as if firmware had handed over to S-mode, with every
         * exception and supervisor interrupt delegated; harts other than 0 wait for HSM. */
        boot_use_builtin_sbi(h);
        h->s.priv = PRV_S;
        h->s.medeleg = 0xb1ff; /* all but ECALL from S and M (served or impossible) */
        h->s.mideleg = MIP_SSIP | MIP_STIP | MIP_SEIP;
        h->s.mcounteren = 7;   /* cycle, time, instret readable from S and U */
        h->s.stopped = i != 0;
        rv_mmu_update_mode(h);
    }
}

int boot_load(struct board *b, const struct board_config *cfg)
{
    struct loaded_file fw = {0}, kernel = {0}, initrd = {0};
    struct boot_layout l = {0};
    uint64_t kernel_need = 0;
    void *fdt = NULL;
    int ret = -1;
    if (cfg->firmware && (load("firmware", cfg->firmware, &fw) || check_firmware(cfg->firmware, &fw)))
        goto out;
    if (cfg->kernel && (load("kernel", cfg->kernel, &kernel) ||
                        !(kernel_need = check_kernel(cfg->kernel, &kernel))))
        goto out;
    if (cfg->initrd && load("initrd", cfg->initrd, &initrd))
        goto out;
    if (plan(b, &l, fw.size, kernel_need, initrd.size, 0x10000) ||
        (fw.data && place(b, "firmware", b->bus.ram_base, &fw, fw.size)) ||
        (kernel.data && place(b, "kernel", l.kernel_addr, &kernel, kernel_need)) ||
        (initrd.data && place(b, "initrd", l.initrd_addr, &initrd, initrd.size)))
        goto out;
    fdt = board_build_fdt(b, &l, cfg->append);
    if (!fdt || !bus_ram_ptr(&b->bus, l.fdt_addr, fdt_totalsize(fdt))) {
        log_error("cannot build the device tree");
        goto out;
    }
    bus_note_write_range(&b->bus, l.fdt_addr, fdt_totalsize(fdt));
    memcpy(bus_ram_ptr(&b->bus, l.fdt_addr, fdt_totalsize(fdt)), fdt, fdt_totalsize(fdt));
    if (boot_map_rom(b, l.kernel_addr)) {
        log_error("cannot map the boot ROM");
        goto out;
    }
    start_harts(b, &l, cfg->firmware != NULL);
    ret = 0;
out:
    free(fw.data);
    free(kernel.data);
    free(initrd.data);
    free(fdt);
    return ret;
}
