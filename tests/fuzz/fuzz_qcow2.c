/* libFuzzer harness for qcow2 images, two ways.
 *
 * Hostile files: the bytes become an image file, which disk_open checks (refused with a
 * one-line reason, or accepted). An accepted image is read at offsets taken from the input,
 * and a copy opened writable is written and read. Nothing may crash, leak or hang, whatever
 * the header, tables and pointers say. A raw file "base.raw" sits beside the image, so
 * backing names can resolve.
 *
 * Half of them are also the middle of a chain, a fresh child over them and their backing file
 * below, and disk_absorb_backing streams them into the child: refused with a reason, or done
 * with the child reading exactly as before.
 *
 * Write scripts: the bytes are writes to a fresh overlay of base.raw, which must read back
 * exactly as a model of the disk says, before and after reopening (allocation, refcount
 * blocks and table growth, copy-on-write from the backing file, partial clusters).
 *
 * Deflate streams: the bytes are a compressed cluster for qcow2_inflate alone. zlib decodes;
 * ours is the contract on top: exactly one cluster out, or -EIO (or -ENOMEM).
 *
 * Input: [ops: 8 bytes][rest]. ops[0] & 6: 2 a write script, 4 a deflate stream (into
 * 512 << (ops[1] & 7) bytes), else a hostile file; for files,
 * ops[0] bit 0 probes the format instead of forcing qcow2 and the other bytes seed the
 * offsets and lengths of the requests. The seeds are small valid images (512-byte clusters)
 * with data, written at startup through the layer, and a few scripts. */
#include <errno.h>

#include "fuzz_common.h"

#include "disk/disk.h"
#include "disk/qcow2.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define OPS 8
#define IO_MAX (8u << 10)

static char work[64], img_ro[96], img_rw[96];

static void remove_work(void)
{
    char p[128];
    static const char *const names[] = {"ro.qcow2", "rw.qcow2", "base.raw", "seed.qcow2",
                                        "child.qcow2"};
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        snprintf(p, sizeof(p), "%s/%s", work, names[i]);
        unlink(p);
    }
    rmdir(work);
}

static void put_file(const char *path, const uint8_t *p, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || (n && write(fd, p, n) != (ssize_t)n))
        abort();
    close(fd);
}

/* A valid image made through the layer, with a few clusters written; a seed. */
static void seed_image(const char *backing, enum disk_format fmt, uint64_t size,
                       const uint64_t *offs, size_t n)
{
    char path[128], err[512];
    uint8_t buf[1500];
    snprintf(path, sizeof(path), "%s/seed.qcow2", work);
    unlink(path);
    if (qcow2_create(path, backing, fmt, size, 9, err, sizeof(err)))
        fuzz_fail("cannot create a seed", err);
    struct disk *d = disk_open(path, DISK_FORMAT_QCOW2, false, err, sizeof(err));
    if (!d)
        fuzz_fail("cannot open a seed", err);
    for (size_t i = 0; i < n; i++) {
        memset(buf, (int)(i + 1), sizeof(buf));
        if (disk_write(d, offs[i], buf, sizeof(buf)))
            fuzz_fail("cannot write a seed", NULL);
    }
    disk_close(d);
    size_t len;
    uint8_t *file = read_file(path, &len);
    uint8_t *in = malloc(len + OPS);
    if (!file || !in)
        abort();
    static const uint8_t ops[OPS] = {0, 0x10, 0x23, 0x05, 0x77, 0x31, 0xc2, 0x09};
    memcpy(in, ops, OPS);
    memcpy(in + OPS, file, len);
    fuzz_seed(in, len + OPS);
    free(file);
    free(in);
    unlink(path);
}

static void init(void)
{
    static bool ready;
    if (ready)
        return;
    ready = true;
    /* tmpfs when there is one: every input is written as a file twice */
    const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(work, sizeof(work), "%s/arbor-fuzz-qcow2-XXXXXX", tmp);
    if (!mkdtemp(work))
        abort();
    atexit(remove_work);
    snprintf(img_ro, sizeof(img_ro), "%s/ro.qcow2", work);
    snprintf(img_rw, sizeof(img_rw), "%s/rw.qcow2", work);
    char base[96];
    uint8_t b[4096];
    for (size_t i = 0; i < sizeof(b); i++)
        b[i] = (uint8_t)(i * 13 + 1);
    snprintf(base, sizeof(base), "%s/base.raw", work);
    put_file(base, b, sizeof(b));
}

/* zlib's raw deflate (window 4 KiB, as qcow2 uses it) of 40 numbered lines "arbor disk N:
 * the quick brown fox jumps over the lazy dog\n": dynamic, then fixed Huffman codes. */
static const uint8_t deflate_dynamic[] = {
    0xa5, 0xd5, 0x39, 0x12, 0xc2, 0x40, 0x0c, 0x05, 0xd1, 0x9c, 0x53, 0xe8, 0x08, 0x48, 0x62,
    0xbf, 0xcd, 0x18, 0x1b, 0x30, 0x06, 0x04, 0x63, 0x9b, 0xed, 0xf4, 0x54, 0x91, 0x10, 0xd3,
    0x13, 0xab, 0x3a, 0x7b, 0xf5, 0x95, 0x72, 0x15, 0x59, 0xea, 0xb6, 0xef, 0x64, 0xba, 0x91,
    0xe1, 0xd0, 0xc8, 0x6d, 0x6c, 0xb7, 0x9d, 0x54, 0x39, 0x1e, 0x17, 0xd9, 0xc5, 0x53, 0x8e,
    0xe3, 0xf9, 0xda, 0x4b, 0xdc, 0x9b, 0xfc, 0x3d, 0x9f, 0xd2, 0xfb, 0x25, 0x75, 0xec, 0x27,
    0xe9, 0x57, 0x2a, 0x2e, 0x0d, 0x97, 0x8e, 0xcb, 0x19, 0x2e, 0xe7, 0xb8, 0x5c, 0xe0, 0x72,
    0x89, 0xcb, 0x15, 0x2e, 0xd7, 0x5c, 0x42, 0x01, 0x22, 0xae, 0x48, 0x39, 0x23, 0xe5, 0x8e,
    0x94, 0x43, 0x52, 0x2e, 0x49, 0x39, 0x25, 0xe5, 0x96, 0x94, 0x63, 0x52, 0xae, 0xc9, 0xb8,
    0x26, 0x2b, 0xd8, 0x24, 0xae, 0xc9, 0xb8, 0x26, 0xe3, 0x9a, 0x8c, 0x6b, 0x32, 0xae, 0xc9,
    0xb8, 0x26, 0xe3, 0x9a, 0x8c, 0x6b, 0x72, 0xae, 0xc9, 0xb9, 0x26, 0x2f, 0x78, 0x71, 0x5c,
    0x93, 0x73, 0x4d, 0xce, 0x35, 0x39, 0xd7, 0xe4, 0x5c, 0x93, 0x73, 0x4d, 0xfe, 0xa7, 0xa6,
    0x0f};
static const uint8_t deflate_fixed[] = {
    0x4b, 0x2c, 0x4a, 0xca, 0x2f, 0x52, 0x48, 0xc9, 0x2c, 0xce, 0x56, 0x30, 0xb0, 0x52, 0x28,
    0xc9, 0x48, 0x55, 0x28, 0x2c, 0xcd, 0x4c, 0xce, 0x56, 0x48, 0x2a, 0xca, 0x2f, 0xcf, 0x53,
    0x48, 0xcb, 0xaf, 0x50, 0xc8, 0x2a, 0xcd, 0x2d, 0x28, 0x56, 0xc8, 0x2f, 0x4b, 0x2d, 0x02,
    0x4b, 0xe7, 0x24, 0x56, 0x55, 0x2a, 0xa4, 0xe4, 0xa7, 0x73, 0x25, 0x22, 0x74, 0x1a, 0x92,
    0xad, 0xd3, 0x88, 0x6c, 0x9d, 0xc6, 0x64, 0xeb, 0x34, 0x21, 0x57, 0x27, 0x00};

/* qcow2_inflate gets the known streams right (else fuzzing it proves little), and they seed. */
static void seed_deflate(const uint8_t *z, size_t n, size_t want)
{
    static uint8_t out[2400], line[80];
    if (qcow2_inflate(z, n, out, want))
        fuzz_fail("a known deflate stream does not decode", NULL);
    for (size_t pos = 0, k = 0; pos < want; k++) {
        int len = snprintf((char *)line, sizeof(line),
                           "arbor disk %zu: the quick brown fox jumps over the lazy dog\n", k);
        size_t m = want - pos < (size_t)len ? want - pos : (size_t)len;
        if (memcmp(out + pos, line, m))
            fuzz_fail("a known deflate stream decodes wrong", NULL);
        pos += m;
    }
    uint8_t *in = malloc(OPS + n);
    if (!in)
        abort();
    memset(in, 0, OPS);
    in[0] = 4;
    in[1] = 2; /* 2 KiB out */
    memcpy(in + OPS, z, n);
    fuzz_seed(in, OPS + n);
    free(in);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    init();
    if (!fuzz_seeds_begin(argc, argv))
        return 0;
    seed_deflate(deflate_dynamic, sizeof(deflate_dynamic), 2350);
    seed_deflate(deflate_fixed, sizeof(deflate_fixed), 300);
    static const uint64_t few[] = {0, 700, 40000, 70000};
    static const uint64_t spread[] = {100, 300000, 900000};
    seed_image(NULL, DISK_FORMAT_PROBE, 1 << 20, few, ARRAY_SIZE(few));
    seed_image("base.raw", DISK_FORMAT_RAW, 1 << 20, spread, ARRAY_SIZE(spread));
    seed_image("base.raw", DISK_FORMAT_PROBE, 8192, few, 2);
    seed_image(NULL, DISK_FORMAT_PROBE, 0, NULL, 0);
    static const uint8_t script[] = {
        2, 0, 0, 0, 0, 0, 0, 0,                          /* 512-byte clusters */
        0x10, 0x00, 0x00, 0x00, 0x00, 0x30, 0xaa, 0x00, /* 12 KiB at 16 */
        0x00, 0x0f, 0x00, 0x00, 0x00, 0x02, 0xbb, 0x01, /* 512 at 3840, check all */
        0x01, 0x00, 0x02, 0x00, 0xff, 0x1f, 0xcc, 0x03, /* 8 KiB at 128K+1, reopen, check */
    };
    fuzz_seed(script, sizeof(script));
    uint8_t script2[sizeof(script)];
    memcpy(script2, script, sizeof(script));
    script2[1] = 3; /* 4 KiB clusters */
    fuzz_seed(script2, sizeof(script2));
    return 0;
}

/* Request k of the input's op bytes: an offset within size and a length that fits. */
static void request(const uint8_t *ops, unsigned k, uint64_t size, uint64_t *off, size_t *len)
{
    uint64_t x = 0;
    for (unsigned i = 0; i < OPS; i++)
        x = x * 0x100000001b3ull + ops[(i + k) % OPS] + k;
    *len = size ? (size_t)(1 + x % (size < IO_MAX ? size : IO_MAX)) : 0;
    uint64_t span = size - *len + 1, near = span < 65536 ? span : 65536;
    /* near the start, near the end, or anywhere */
    switch (ops[k % OPS] & 3) {
    case 0: *off = x % near; break;
    case 1: *off = span - 1 - x % near; break;
    default: *off = x % span; break;
    }
}

static void check_err(const char *err)
{
    if (!err[0])
        fuzz_fail("an image was refused without a reason", NULL);
    if (strchr(err, '\n'))
        fuzz_fail("a reason of more than one line", err);
}

static uint8_t rbuf[IO_MAX], wbuf[IO_MAX];

static void read_some(struct disk *d, const uint8_t *ops)
{
    for (unsigned k = 0; k < 4; k++) {
        uint64_t off;
        size_t len;
        request(ops, k, disk_size(d), &off, &len);
        int r = disk_read(d, off, rbuf, len);
        if (r && r != -EIO && r != -ENOMEM)
            fuzz_fail("an unexpected read error", strerror(-r));
    }
}

/* Writes into a hostile image (which may alias data and metadata clusters, so what a write
 * leaves is not checked, only that it is handled). */
static void write_some(struct disk *d, const uint8_t *ops)
{
    for (unsigned k = 4; k < 7; k++) {
        uint64_t off;
        size_t len;
        request(ops, k, disk_size(d), &off, &len);
        memset(wbuf, ops[k] | 1, len);
        int r = disk_write(d, off, wbuf, len);
        if (r && r != -EIO && r != -ENOSPC && r != -ENOTSUP && r != -ENOMEM)
            fuzz_fail("an unexpected write error", strerror(-r));
        if (!r)
            disk_read(d, off, rbuf, len);
    }
}

/* ---- write scripts ---- */

#define SCRIPT_SIZE (256u << 10)
#define SCRIPT_OP 8
#define SCRIPT_MAX_OPS 64

static uint8_t model[SCRIPT_SIZE], whole[SCRIPT_SIZE];

static struct disk *open_script(bool ro)
{
    char err[512];
    struct disk *d = disk_open(img_rw, DISK_FORMAT_QCOW2, ro, err, sizeof(err));
    if (!d)
        fuzz_fail("cannot open the script's image", err);
    return d;
}

static void check_model(struct disk *d, uint64_t off, size_t len)
{
    if (disk_read(d, off, whole, len) || memcmp(whole, model + off, len))
        fuzz_fail("the image does not read as written", NULL);
}

/* One op: [offset u32][length u16][fill u8][flags u8]; flags bit 0 checks the whole disk,
 * bit 1 reopens the image first. */
static struct disk *script_op(struct disk *d, const uint8_t *op)
{
    uint64_t off = load_le(op, 4) % SCRIPT_SIZE;
    size_t len = 1 + (size_t)(load_le(op + 4, 2) % (SCRIPT_SIZE - off < IO_MAX ? SCRIPT_SIZE - off
                                                                                   : IO_MAX));
    if (op[7] & 2) {
        disk_close(d);
        d = open_script(false);
    }
    memset(wbuf, op[6], len);
    if (disk_write(d, off, wbuf, len))
        fuzz_fail("a write to a valid image failed", NULL);
    memcpy(model + off, wbuf, len);
    check_model(d, off, len);
    if (op[7] & 1)
        check_model(d, 0, SCRIPT_SIZE);
    return d;
}

static void run_script(const uint8_t *ops, const uint8_t *s, size_t n)
{
    char err[512], base[96];
    unlink(img_rw);
    unsigned cb = 9 + ops[1] % 4; /* 512 bytes to 4 KiB: many tables and blocks */
    if (qcow2_create(img_rw, "base.raw", DISK_FORMAT_RAW, SCRIPT_SIZE, cb, err, sizeof(err)))
        fuzz_fail("cannot create the script's image", err);
    snprintf(base, sizeof(base), "%s/base.raw", work);
    memset(model, 0, sizeof(model));
    size_t blen;
    uint8_t *b = read_file(base, &blen);
    if (!b)
        abort();
    memcpy(model, b, blen);
    free(b);
    struct disk *d = open_script(false);
    for (size_t k = 0; k < SCRIPT_MAX_OPS && (k + 1) * SCRIPT_OP <= n; k++)
        d = script_op(d, s + k * SCRIPT_OP);
    disk_close(d);
    d = open_script(true);
    check_model(d, 0, SCRIPT_SIZE);
    disk_close(d);
}

/* ---- hostile files ---- */

#define CHILD_SIZE (256u << 10)

static uint8_t child_before[CHILD_SIZE], child_after[CHILD_SIZE];

/* Read the whole child; false when it does not open or read. */
static bool read_child(const char *path, uint8_t *out, bool must)
{
    char err[1024];
    struct disk *d = disk_open(path, DISK_FORMAT_QCOW2, true, err, sizeof(err));
    if (!d && must)
        fuzz_fail("the child no longer opens after absorbing its backing file", err);
    bool ok = d && disk_read(d, 0, out, CHILD_SIZE) == 0;
    disk_close(d);
    return ok;
}

static void try_absorb(void)
{
    char child[128], err[1024];
    snprintf(child, sizeof(child), "%s/child.qcow2", work);
    unlink(child);
    if (qcow2_create(child, "ro.qcow2", DISK_FORMAT_QCOW2, CHILD_SIZE, 9, err, sizeof(err)))
        fuzz_fail("cannot create the child", err);
    bool readable = read_child(child, child_before, false);
    err[0] = 0;
    if (disk_absorb_backing(child, err, sizeof(err))) {
        check_err(err);
        return;
    }
    if (readable && (!read_child(child, child_after, true) ||
                     memcmp(child_before, child_after, CHILD_SIZE)))
        fuzz_fail("absorbing a backing file changed what the child reads", NULL);
}

static void run_file(const uint8_t *ops, const uint8_t *file, size_t n)
{
    enum disk_format fmt = ops[0] & 1 ? DISK_FORMAT_PROBE : DISK_FORMAT_QCOW2;
    char err[1024];
    put_file(img_ro, file, n);
    put_file(img_rw, file, n);
    err[0] = 0;
    struct disk *d = disk_open(img_ro, fmt, true, err, sizeof(err));
    if (!d) {
        check_err(err);
    } else {
        read_some(d, ops);
        disk_close(d);
        if (ops[7] & 1)
            try_absorb();
    }
    err[0] = 0;
    d = disk_open(img_rw, fmt, false, err, sizeof(err));
    if (!d) {
        check_err(err);
        return;
    }
    write_some(d, ops);
    read_some(d, ops);
    disk_flush(d);
    disk_close(d);
}

/* ---- deflate streams ---- */

static void run_inflate(const uint8_t *ops, const uint8_t *z, size_t n)
{
    static uint8_t cluster[64 << 10];
    int r = qcow2_inflate(z, n, cluster, 512u << (ops[1] & 7));
    if (r && r != -EIO && r != -ENOMEM)
        fuzz_fail("an unexpected error from qcow2_inflate", strerror(-r));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    if (size < OPS)
        return 0;
    switch (data[0] & 6) {
    case 2: run_script(data, data + OPS, size - OPS); break;
    case 4: run_inflate(data, data + OPS, size - OPS); break;
    default: run_file(data, data + OPS, size - OPS); break;
    }
    return 0;
}
