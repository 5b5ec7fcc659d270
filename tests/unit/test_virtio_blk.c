/* virtio block device: requests through rings the test builds in guest RAM against a real
 * image file (read, write, flush, id, everything out of range or malformed), the I/O thread
 * and quiesce, read-only disks, the argument, and the snapshot section. */
#include "check.h"
#include "stub_board.h"
#include "virtio/blk.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static struct board b;

#define RAM VIRT_DRAM_BASE
#define DESC (RAM + 0x1000)
#define AVAIL (RAM + 0x2000)
#define USED (RAM + 0x3000)
#define HDR (RAM + 0x8000)
#define STATUS (RAM + 0x8100)
#define DATA (RAM + 0x10000)
#define QSIZE 8
#define DISK_SECTORS 2048

static char path[64];
static struct board_device_spec spec;

static uint8_t *ram(uint64_t addr) { return bus_ram_ptr(&b.bus, addr, 1); }
static uint64_t get(uint64_t addr, unsigned size) { return load_le(ram(addr), size); }
static void put(uint64_t addr, uint64_t v, unsigned size) { store_le(ram(addr), v, size); }

static uint32_t rd(uint32_t off)
{
    uint64_t v = 0xdead;
    CHECK(bus_read(&b.bus, VIRT_VIRTIO_BASE + off, 4, &v));
    return (uint32_t)v;
}

static void wr(uint32_t off, uint32_t v)
{
    CHECK(bus_write(&b.bus, VIRT_VIRTIO_BASE + off, 4, v));
}

static void set_desc(unsigned i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
    put(DESC + 16 * i, addr, 8);
    put(DESC + 16 * i + 8, len, 4);
    put(DESC + 16 * i + 12, flags, 2);
    put(DESC + 16 * i + 14, next, 2);
}

static void offer(uint16_t head)
{
    uint16_t idx = (uint16_t)get(AVAIL + 2, 2);
    put(AVAIL + 4 + 2 * (idx % QSIZE), head, 2);
    put(AVAIL + 2, (uint16_t)(idx + 1), 2);
}

/* Reset, accept VERSION_1 and FLUSH, set up queue 0, DRIVER_OK. */
static void driver_init(void)
{
    memset(ram(RAM), 0, 0x20000);
    wr(VIRTIO_MMIO_STATUS, 0);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 1u << 9);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 1);
    wr(VIRTIO_MMIO_STATUS, 0xb);
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED);
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
    wr(VIRTIO_MMIO_STATUS, 0xf);
}

static const struct device *dev(void) { return stub_board_device(&b, "virtio-blk"); }

/* Run the device's between-slices work until `n` chains are used (the I/O thread's). */
static bool wait_used(uint16_t n)
{
    for (int i = 0; i < 2000 && get(USED + 2, 2) < n; i++) {
        dev()->ops->poll(dev()->dev);
        usleep(1000);
    }
    return get(USED + 2, 2) >= n;
}

/* A request: header, `len` bytes of data at DATA (device-writable for reads), status. */
static uint8_t request(uint32_t type, uint64_t sector, uint32_t len)
{
    uint16_t before = (uint16_t)get(USED + 2, 2);
    put(HDR, type, 4);
    put(HDR + 4, 0, 4);
    put(HDR + 8, sector, 8);
    put(STATUS, 0xee, 1);
    uint16_t dflags = type == 0 || type == 8 ? VIRTQ_DESC_F_WRITE : 0;
    if (len) {
        set_desc(0, HDR, 16, VIRTQ_DESC_F_NEXT, 1);
        set_desc(1, DATA, len, dflags | VIRTQ_DESC_F_NEXT, 2);
        set_desc(2, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
    } else {
        set_desc(0, HDR, 16, VIRTQ_DESC_F_NEXT, 2);
        set_desc(2, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
    }
    offer(0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK(wait_used((uint16_t)(before + 1)));
    return (uint8_t)get(STATUS, 1);
}

static void file_bytes(uint64_t off, void *buf, size_t len)
{
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0 && pread(fd, buf, len, (off_t)off) == (ssize_t)len);
    close(fd);
}

static int make_disk(void)
{
    snprintf(path, sizeof(path), "/tmp/arbor-blk-test-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    uint8_t sector[512];
    for (unsigned s = 0; s < DISK_SECTORS; s++) {
        for (unsigned i = 0; i < sizeof(sector); i++)
            sector[i] = (uint8_t)(s * 7 + i);
        if (write(fd, sector, sizeof(sector)) != (ssize_t)sizeof(sector))
            return -1;
    }
    close(fd);
    return 0;
}

static bool create(const char *arg, bool deterministic)
{
    if (b.harts[0])
        stub_board_free(&b);
    stub_board_init(&b, 1);
    b.deterministic = deterministic;
    snprintf(spec.kind, sizeof(spec.kind), "disk");
    snprintf(spec.arg, sizeof(spec.arg), "%s", arg);
    return virtio_blk_create(&b, 0, &spec) != NULL;
}

static void test_config(void)
{
    CHECK_EQ(rd(VIRTIO_MMIO_DEVICE_ID), 2);
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint32_t f = rd(VIRTIO_MMIO_DEVICE_FEATURES);
    CHECK(f & (1u << 9));  /* FLUSH */
    CHECK(f & (1u << 2));  /* SEG_MAX */
    CHECK(!(f & (1u << 5))); /* not read-only */
    CHECK_EQ(rd(0x100), DISK_SECTORS);
    CHECK_EQ(rd(0x104), 0);
    CHECK_EQ(rd(0x114), 512); /* blk_size */
    CHECK(strstr(spec.arg, ",format=raw") != NULL); /* the spec names the image in use */
    CHECK(spec.arg[0] == '/');
}

static void test_read_write(void)
{
    driver_init();
    uint8_t want[4096];
    CHECK_EQ(request(0, 3, 4096), 0);
    file_bytes(3 * 512, want, sizeof(want));
    CHECK(!memcmp(ram(DATA), want, sizeof(want)));
    CHECK_EQ(get(USED + 4 + 4, 4), 4097); /* data + status */
    for (unsigned i = 0; i < 1024; i++)
        put(DATA + i, 0xa5 ^ i, 1);
    CHECK_EQ(request(1, 100, 1024), 0);
    uint8_t got[1024];
    file_bytes(100 * 512, got, sizeof(got));
    CHECK(!memcmp(got, ram(DATA), sizeof(got)));
    CHECK_EQ(request(4, 0, 0), 0); /* flush */
    CHECK_EQ(request(8, 0, 20), 0); /* id */
    CHECK(!memcmp(ram(DATA), "arbor-disk0", 11));
}

static void test_bad_requests(void)
{
    driver_init();
    CHECK_EQ(request(0, DISK_SECTORS - 1, 1024), 1); /* past the end */
    CHECK_EQ(request(1, DISK_SECTORS, 512), 1);
    CHECK_EQ(request(0, UINT64_MAX / 256, 512), 1);  /* sector * 512 overflows */
    CHECK_EQ(request(0, 0, 100), 1);                 /* not whole sectors */
    CHECK_EQ(request(99, 0, 512), 2);                /* unsupported type */
    CHECK_EQ(request(0, DISK_SECTORS - 1, 512), 0);  /* the last sector is fine */
    /* a header shorter than 16 bytes */
    set_desc(0, HDR, 8, VIRTQ_DESC_F_NEXT, 2);
    set_desc(2, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
    put(STATUS, 0xee, 1);
    uint16_t before = (uint16_t)get(USED + 2, 2);
    offer(0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK(wait_used((uint16_t)(before + 1)));
    CHECK_EQ(get(STATUS, 1), 1);
    /* no room for the status: the driver is broken, the device needs a reset */
    set_desc(0, HDR, 16, 0, 0);
    offer(0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    /* a loop */
    driver_init();
    set_desc(0, HDR, 16, VIRTQ_DESC_F_NEXT, 1);
    set_desc(1, DATA, 512, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 0);
    offer(0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CHECK(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
}

static void test_thread_and_quiesce(void)
{
    CHECK(create(path, false));
    driver_init();
    uint8_t want[4096];
    file_bytes(8 * 512, want, sizeof(want));
    CHECK_EQ(request(0, 8, 4096), 0); /* served by the thread, completed by poll */
    CHECK(!memcmp(ram(DATA), want, sizeof(want)));
    /* quiesce hands back what is in flight without any poll */
    put(HDR, 0, 4);
    put(HDR + 8, 16, 8);
    set_desc(0, HDR, 16, VIRTQ_DESC_F_NEXT, 1);
    set_desc(1, DATA, 512, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 2);
    set_desc(2, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
    uint16_t before = (uint16_t)get(USED + 2, 2);
    offer(0);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    dev()->ops->quiesce(dev()->dev);
    CHECK_EQ(get(USED + 2, 2), (uint16_t)(before + 1));
    CHECK(b.bus.dirty[(DATA - RAM) >> 18] & (1ull << (((DATA - RAM) >> 12) % 64)));
}

static void test_readonly(void)
{
    char arg[128];
    snprintf(arg, sizeof(arg), "%s,readonly,format=raw", path);
    CHECK(create(arg, true));
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    CHECK(rd(VIRTIO_MMIO_DEVICE_FEATURES) & (1u << 5));
    driver_init();
    uint8_t before[512], after[512];
    file_bytes(5 * 512, before, sizeof(before));
    memset(ram(DATA), 0x11, 512);
    CHECK_EQ(request(1, 5, 512), 1);
    file_bytes(5 * 512, after, sizeof(after));
    CHECK(!memcmp(before, after, sizeof(before)));
    CHECK_EQ(request(0, 5, 512), 0);
}

static void test_arguments(void)
{
    char arg[128];
    CHECK(!create("", true));
    CHECK(!create("/nonexistent/disk.img", true));
    snprintf(arg, sizeof(arg), "%s,format=vmdk", path);
    CHECK(!create(arg, true));
    snprintf(arg, sizeof(arg), "%s,bogus", path);
    CHECK(!create(arg, true));
    snprintf(arg, sizeof(arg), "%s,format=qcow2", path); /* a raw file is not a qcow2 */
    CHECK(!create(arg, true));
    snprintf(arg, sizeof(arg), "%s,format=raw", path);
    CHECK(create(arg, true));
}

static void test_snapshot(void)
{
    CHECK(create(path, true));
    uint8_t img[256];
    size_t n = stub_snap_save(dev(), img, sizeof(img));
    CHECK(n > 0);
    const char *why;
    CHECK(stub_snap_load(dev(), img, n, &why));
    /* another size, another mode, short, long */
    size_t cap_at = n - 9; /* capacity u64 then readonly u8 end the payload */
    CHECK(stub_snap_refuses(dev(), img, n, n, cap_at, DISK_SECTORS + 1, 8));
    CHECK(stub_snap_refuses(dev(), img, n, n, n - 1, 1, 1));
    CHECK(stub_snap_refuses(dev(), img, n, n - 1, 0, 0, 0));
    CHECK(stub_snap_refuses(dev(), img, n, n + 1, 0, 0, 0));
}

int main(void)
{
    if (make_disk()) {
        fprintf(stderr, "cannot make a disk image in /tmp\n");
        return 1;
    }
    CHECK(create(path, true));
    test_config();
    test_read_write();
    test_bad_requests();
    test_thread_and_quiesce();
    test_readonly();
    test_arguments();
    test_snapshot();
    stub_board_free(&b);
    unlink(path);
    return check_summary("virtio_blk");
}
