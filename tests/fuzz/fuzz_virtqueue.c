/* libFuzzer harness: the fuzzer is a hostile virtio driver. Its bytes are guest RAM (rings,
 * descriptors, buffers) and a script of register accesses to a virtio-mmio transport on a real
 * machine: the entropy device's (slot 0), or with mode bit 1 the block device's (slot 1, a
 * 1 MiB raw disk: request headers, sectors, lengths, the status byte all come from the
 * fuzzer); the descriptor-chain parser is also run directly on the same RAM. Whatever the guest does, the host must not crash, hang or touch memory outside guest
 * RAM (ASan + UBSan watch), and every chain it accepts must obey the rules it checks.
 *
 * Input: [mode u8][num u16][desc u16][avail u16][used u16][n_ops u8][ops: 7 bytes each][RAM]
 * Ring offsets are in 16-byte units from the start of RAM; mode bit 0 sets the queue up as a
 * driver would before the script runs (so mutations reach the chain parser at once). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "board/board.h"
#include "virtio/mmio.h"

#include "fuzz_common.h"

#define RAM_SIZE (1ull << 20)
#define RAM_FILL (64u << 10) /* the part of RAM the input writes; the rest stays zero */
#define OP_SIZE 7
#define HDR_SIZE 10

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct board board;
static uint64_t base; /* the transport the input drives */

static void machine_init(void)
{
    static bool ready;
    if (ready)
        return;
    /* deterministic: entropy from a stream, disk requests inline, no thread */
    static struct board_config cfg = {.mem_size = RAM_SIZE, .n_harts = 1, .deterministic = true};
    char path[] = "/tmp/arbor-fuzz-disk-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ftruncate(fd, 1 << 20))
        abort();
    close(fd);
    cfg.n_devs = 1;
    snprintf(cfg.devs[0].kind, sizeof(cfg.devs[0].kind), "disk");
    snprintf(cfg.devs[0].arg, sizeof(cfg.devs[0].arg), "%s,format=raw", path);
    int r = board_build(&board, &cfg);
    unlink(path); /* the disk keeps it open */
    if (r)
        abort();
    ready = true;
}

static void reg_write(uint32_t off, uint32_t val)
{
    bus_write(&board.bus, base + off, 4, val);
}

static void driver_setup(uint32_t num, uint64_t desc, uint64_t avail, uint64_t used)
{
    reg_write(VIRTIO_MMIO_STATUS, 3);
    reg_write(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    reg_write(VIRTIO_MMIO_DRIVER_FEATURES, 1);
    reg_write(VIRTIO_MMIO_STATUS, 0xb);
    reg_write(VIRTIO_MMIO_QUEUE_SEL, 0);
    reg_write(VIRTIO_MMIO_QUEUE_NUM, num);
    reg_write(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)desc);
    reg_write(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)avail);
    reg_write(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)used);
    reg_write(VIRTIO_MMIO_QUEUE_READY, 1);
    reg_write(VIRTIO_MMIO_STATUS, 0xf);
    reg_write(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
}

/* One scripted access: kind bit 0 write, bits 1-2 size (1, 2, 4, 8). */
static void run_op(const uint8_t *op)
{
    unsigned size = 1u << ((op[0] >> 1) & 3);
    uint64_t addr = base + (load_le(op + 1, 2) & 0xfff);
    uint64_t val = load_le(op + 3, 4);
    if (addr + size > base + VIRTIO_MMIO_SIZE)
        return;
    if (op[0] & 1)
        bus_write(&board.bus, addr, size, val);
    else
        bus_read(&board.bus, addr, size, &val);
}

/* Every chain the parser accepts lies in RAM, in order, within the queue size. */
static void check_chains(struct virtq q)
{
    static struct virtq_chain c;
    q.ready = 1;
    for (unsigned n = 0; n <= VIRTQ_NUM_MAX + 1; n++) {
        if (virtq_pop(&q, &board.bus, &c) != VIRTQ_OK)
            return;
        if (c.n_ro + c.n_wo > q.num || c.head >= q.num)
            abort();
        uint64_t ro = 0, wo = 0;
        for (unsigned i = 0; i < c.n_ro + c.n_wo; i++) {
            if (!bus_ram_ptr(&board.bus, c.seg[i].addr, c.seg[i].len))
                abort();
            *(i < c.n_ro ? &ro : &wo) += c.seg[i].len;
        }
        if (ro != c.ro_len || wo != c.wo_len)
            abort();
        if (n >= q.num) /* more chains than the avail index allows */
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    machine_init();
    if (size < HDR_SIZE)
        return 0;
    uint32_t num = (uint32_t)load_le(data + 1, 2);
    uint64_t desc = VIRT_DRAM_BASE + 16 * load_le(data + 3, 2);
    uint64_t avail = VIRT_DRAM_BASE + 16 * load_le(data + 5, 2);
    uint64_t used = VIRT_DRAM_BASE + 16 * load_le(data + 7, 2);
    size_t n_ops = data[9], pos = HDR_SIZE;
    base = VIRT_VIRTIO_BASE + ((data[0] >> 1) & 1) * VIRTIO_MMIO_SIZE;
    reg_write(VIRTIO_MMIO_STATUS, 0);
    memset(board.bus.ram, 0, RAM_FILL);
    size_t script = n_ops * OP_SIZE < size - pos ? n_ops * OP_SIZE : size - pos;
    size_t fill = size - pos - script < RAM_FILL ? size - pos - script : RAM_FILL;
    memcpy(board.bus.ram, data + pos + script, fill);
    check_chains((struct virtq){.num = num, .desc = desc, .avail = avail, .used = used});
    if (data[0] & 1)
        driver_setup(num, desc, avail, used);
    for (size_t i = 0; i + OP_SIZE <= script; i += OP_SIZE)
        run_op(data + pos + i);
    uint64_t status = 0;
    if (!bus_read(&board.bus, base + VIRTIO_MMIO_STATUS, 4, &status))
        abort();
    return 0;
}

/* Seed: one 64-byte request on a queue of 8 at RAM+0x100/+0x200/+0x300, then a notify (small
 * enough for tests/fuzz/run.sh's -max_len). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    if (!fuzz_seeds_begin(argc, argv))
        return 0;
    static uint8_t seed[HDR_SIZE + OP_SIZE + 0x400];
    const uint8_t hdr[HDR_SIZE] = {1, 8, 0, 0x10, 0, 0x20, 0, 0x30, 0, 1};
    memcpy(seed, hdr, sizeof(hdr));
    const uint8_t notify[OP_SIZE] = {1 | 2 << 1, VIRTIO_MMIO_QUEUE_NOTIFY, 0, 0, 0, 0, 0};
    memcpy(seed + HDR_SIZE, notify, OP_SIZE);
    uint8_t *ram = seed + HDR_SIZE + OP_SIZE;
    store_le(ram + 0x100, VIRT_DRAM_BASE + 0x380, 8); /* desc 0: 64 write-only bytes */
    store_le(ram + 0x108, 64, 4);
    store_le(ram + 0x10c, VIRTQ_DESC_F_WRITE, 2);
    store_le(ram + 0x202, 2, 2); /* avail idx 2: head 0, then head 0 again */
    fuzz_seed(seed, sizeof(seed));
    store_le(ram + 0x10c, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2); /* a loop */
    fuzz_seed(seed, sizeof(seed));
    /* the block device: header (read sector 1), 512 bytes of data, status */
    memset(ram, 0, 0x400);
    seed[0] = 3;
    store_le(ram + 0x100, VIRT_DRAM_BASE + 0x380, 8);
    store_le(ram + 0x108, 16, 4);
    store_le(ram + 0x10c, VIRTQ_DESC_F_NEXT, 2);
    store_le(ram + 0x10e, 1, 2);
    store_le(ram + 0x110, VIRT_DRAM_BASE + 0x1000, 8);
    store_le(ram + 0x118, 512, 4);
    store_le(ram + 0x11c, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    store_le(ram + 0x11e, 2, 2);
    store_le(ram + 0x120, VIRT_DRAM_BASE + 0x3f0, 8);
    store_le(ram + 0x128, 1, 4);
    store_le(ram + 0x12c, VIRTQ_DESC_F_WRITE, 2);
    store_le(ram + 0x202, 1, 2);
    store_le(ram + 0x388, 1, 8); /* sector */
    fuzz_seed(seed, sizeof(seed));
    return 0;
}
