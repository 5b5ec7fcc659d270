/* The disk image layer: raw files, qcow2 images made by qemu-img (every cluster size and
 * refcount width), backing chains, overlays, absorbing a backing file, internal snapshots
 * (copy-on-write), and every malformed header and pointer refused. Each image written here
 * must pass `qemu-img check`, and `qemu-img convert -O raw` must give exactly the bytes a
 * model of the disk holds. Runs in a temporary directory, removed at the end. */
#include "check.h"
#include "disk/disk.h"
#include "disk/qcow2.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define MiB ((size_t)1 << 20)

static char dir[64];

/* A path in the test directory; all are freed at the end. */
static char *paths[4096];
static unsigned n_paths;

static const char *P(const char *name)
{
    char *p = NULL;
    if (n_paths == ARRAY_SIZE(paths) || asprintf(&p, "%s/%s", dir, name) < 0)
        abort();
    return paths[n_paths++] = p;
}

static void free_paths(void)
{
    while (n_paths)
        free(paths[--n_paths]);
}

/* Run a shell command (output hidden); its exit status. */
static int sh(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    cmd[0] = '(';
    int n = vsnprintf(cmd + 1, sizeof(cmd) - 20, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(cmd) - 20)
        return -1;
    strcat(cmd, ") >/dev/null 2>&1");
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void fill(uint8_t *b, size_t n, uint8_t seed)
{
    for (size_t i = 0; i < n; i++)
        b[i] = (uint8_t)(seed + i * 7 + (i >> 9));
}

static void write_file(const char *path, const void *p, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0 && write(fd, p, n) == (ssize_t)n);
    if (fd >= 0)
        close(fd);
}

static void patch(const char *path, uint64_t off, uint64_t v, unsigned size)
{
    uint8_t b[8];
    be_store(b, v, size);
    int fd = open(path, O_WRONLY);
    CHECK(fd >= 0 && pwrite(fd, b, size, (off_t)off) == (ssize_t)size);
    if (fd >= 0)
        close(fd);
}

static uint64_t peek(const char *path, uint64_t off, unsigned size)
{
    uint8_t b[8] = {0};
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0 && pread(fd, b, size, (off_t)off) == (ssize_t)size);
    if (fd >= 0)
        close(fd);
    return be_load(b, size);
}

/* A raw file of n bytes with a pattern (seeded). */
static void make_raw(const char *path, size_t n, uint8_t seed, uint8_t *model)
{
    uint8_t *b = malloc(n);
    fill(b, n, seed);
    write_file(path, b, n);
    if (model)
        memcpy(model, b, n);
    free(b);
}

static struct disk *open_ok(const char *path, bool ro)
{
    char err[512] = "";
    struct disk *d = disk_open(path, DISK_FORMAT_PROBE, ro, err, sizeof(err));
    if (!d)
        fprintf(stderr, "disk_open %s: %s\n", path, err);
    CHECK(d != NULL);
    return d;
}

/* The whole disk read through the layer equals the model. */
static bool reads_as(struct disk *d, const uint8_t *model, size_t n)
{
    uint8_t *b = malloc(n);
    bool ok = disk_read(d, 0, b, n) == 0 && memcmp(b, model, n) == 0;
    free(b);
    return ok;
}

/* qemu-img agrees: the image is consistent (no errors, no leaks) and converts to the model. */
static bool qemu_agrees(const char *img, const uint8_t *model, size_t n)
{
    bool ok = true;
    if (sh("qemu-img check %s", img)) {
        fprintf(stderr, "qemu-img check %s failed:\n", img);
        char cmd[512];
        snprintf(cmd, sizeof(cmd), "qemu-img check %s >&2", img);
        if (system(cmd) < 0)
            perror("system");
        ok = false;
    }
    const char *out = P("converted.raw");
    unlink(out);
    if (sh("qemu-img convert -O raw %s %s", img, out))
        return false;
    size_t len;
    uint8_t *b = read_file(out, &len);
    if (!b || len != n || memcmp(b, model, n)) {
        fprintf(stderr, "%s converts to different bytes\n", img);
        ok = false;
    }
    free(b);
    unlink(out);
    return ok;
}

/* Random writes at unaligned offsets (crossing clusters), mirrored in the model; random
 * reads compared with it. */
static void scribble(struct disk *d, uint8_t *model, size_t size, size_t max_len, unsigned n)
{
    uint8_t *b = malloc(max_len), *r = malloc(max_len);
    for (unsigned i = 0; i < n; i++) {
        size_t len = 1 + rnd() % max_len;
        uint64_t off = rnd() % (size - len + 1);
        fill(b, len, (uint8_t)rnd());
        CHECK_EQ(disk_write(d, off, b, len), 0);
        memcpy(model + off, b, len);
        len = 1 + rnd() % max_len;
        off = rnd() % (size - len + 1);
        CHECK_EQ(disk_read(d, off, r, len), 0);
        CHECK(memcmp(r, model + off, len) == 0);
    }
    free(b);
    free(r);
}

/* ---- raw ---- */

static void test_raw(void)
{
    size_t size = 1 * MiB;
    uint8_t *model = malloc(size), buf[4096];
    make_raw(P("r.raw"), size, 3, model);
    struct disk *d = open_ok(P("r.raw"), false);
    if (!d)
        return;
    CHECK_EQ(disk_size(d), size);
    CHECK_EQ(disk_format_of(d), DISK_FORMAT_RAW);
    CHECK_EQ(disk_chain_length(d), 1);
    CHECK(!disk_readonly(d));
    scribble(d, model, size, 10000, 200);
    CHECK(reads_as(d, model, size));
    CHECK_EQ(disk_write(d, size - 1, buf, 2), -EINVAL);
    CHECK_EQ(disk_read(d, size, buf, 1), -EINVAL);
    CHECK_EQ(disk_read(d, UINT64_MAX, buf, 2), -EINVAL);
    CHECK_EQ(disk_read(d, size, buf, 0), 0);
    CHECK_EQ(disk_flush(d), 0);
    disk_close(d);
    size_t len;
    uint8_t *f = read_file(P("r.raw"), &len);
    CHECK(f && len == size && !memcmp(f, model, size));
    free(f);
    d = open_ok(P("r.raw"), true);
    CHECK(d && disk_readonly(d));
    if (d) {
        CHECK_EQ(disk_write(d, 0, buf, 1), -EROFS);
        CHECK(reads_as(d, model, size));
        disk_close(d);
    }
    free(model);
}

/* ---- qcow2 made by qemu-img ---- */

static void qcow2_matrix_case(const char *opts, size_t size, size_t max_len, unsigned n)
{
    const char *img = P("m.qcow2");
    unlink(img);
    CHECK_EQ(sh("qemu-img create -f qcow2 -o %s %s %zu", opts, img, size), 0);
    uint8_t *model = calloc(1, size);
    struct disk *d = open_ok(img, false);
    if (d) {
        CHECK_EQ(disk_format_of(d), DISK_FORMAT_QCOW2);
        CHECK_EQ(disk_size(d), size);
        CHECK(reads_as(d, model, size));
        scribble(d, model, size, max_len, n);
        CHECK(reads_as(d, model, size));
        CHECK_EQ(disk_flush(d), 0);
        disk_close(d);
    }
    if (!qemu_agrees(img, model, size))
        fprintf(stderr, "  with -o %s\n", opts);
    CHECK((d = open_ok(img, true)) != NULL);
    if (d) {
        CHECK(reads_as(d, model, size));
        disk_close(d);
    }
    free(model);
}

static void test_qcow2_matrix(void)
{
    qcow2_matrix_case("cluster_size=512", 4 * MiB + 1536, 3000, 300);
    qcow2_matrix_case("cluster_size=4096,refcount_bits=1", 4 * MiB, 20000, 200);
    qcow2_matrix_case("cluster_size=4096,refcount_bits=2", 4 * MiB, 20000, 100);
    qcow2_matrix_case("cluster_size=4096,refcount_bits=4", 4 * MiB, 20000, 100);
    qcow2_matrix_case("cluster_size=8192,refcount_bits=8", 4 * MiB, 20000, 100);
    qcow2_matrix_case("cluster_size=65536", 16 * MiB, 200000, 100);
    qcow2_matrix_case("cluster_size=65536,refcount_bits=32", 16 * MiB, 200000, 50);
    qcow2_matrix_case("cluster_size=65536,refcount_bits=64", 16 * MiB, 200000, 50);
    qcow2_matrix_case("compat=0.10", 16 * MiB, 200000, 100);
    qcow2_matrix_case("cluster_size=2M", 9 * MiB, 3 * MiB, 20);
    qcow2_matrix_case("lazy_refcounts=on", 4 * MiB, 100000, 50);
}

/* 512-byte clusters: one refcount table cluster counts 8 MiB of file, so writing 12 MiB grows
 * the table (several times, as it doubles). */
static void test_refcount_table_growth(void)
{
    const char *img = P("grow.qcow2");
    size_t size = 16 * MiB;
    CHECK_EQ(sh("qemu-img create -f qcow2 -o cluster_size=512 %s %zu", img, size), 0);
    uint64_t rt_before = peek(img, QH_RT_OFFSET, 8);
    uint8_t *model = calloc(1, size);
    fill(model + MiB, 12 * MiB, 9);
    struct disk *d = open_ok(img, false);
    if (d) {
        CHECK_EQ(disk_write(d, MiB, model + MiB, 12 * MiB), 0);
        CHECK(reads_as(d, model, size));
        disk_close(d);
    }
    CHECK(peek(img, QH_RT_OFFSET, 8) != rt_before);
    CHECK(peek(img, QH_RT_CLUSTERS, 4) > 1);
    CHECK(qemu_agrees(img, model, size));
    free(model);
}

/* Zero clusters (version 3) read as zeros and can be written. */
static void test_zero_clusters(void)
{
    const char *img = P("z.qcow2");
    size_t size = 1 * MiB;
    uint8_t *model = calloc(1, size), buf[512];
    CHECK_EQ(sh("qemu-img create -f qcow2 %s %zu", img, size), 0);
    CHECK_EQ(sh("qemu-io -c 'write -P 0x11 0 256k' -c 'write -z 64k 64k' "
                "-c 'write -z 192k 64k' %s", img), 0);
    memset(model, 0x11, 256 * 1024);
    memset(model + 64 * 1024, 0, 64 * 1024);
    memset(model + 192 * 1024, 0, 64 * 1024);
    struct disk *d = open_ok(img, false);
    if (d) {
        CHECK(reads_as(d, model, size));
        fill(buf, sizeof(buf), 5);
        CHECK_EQ(disk_write(d, 64 * 1024 + 1000, buf, sizeof(buf)), 0);
        memcpy(model + 64 * 1024 + 1000, buf, sizeof(buf));
        CHECK(reads_as(d, model, size));
        disk_close(d);
    }
    CHECK(qemu_agrees(img, model, size));
    free(model);
}

/* Compressed clusters (qemu-img convert -c: zlib's raw deflate) read back exactly, and
 * writes into them (partial: decompress, copy; whole: replace) free their sectors. */
static void compressed_case(const char *opts)
{
    size_t size = 3 * MiB;
    uint8_t *model = malloc(size);
    const char *img = P("comp.qcow2");
    make_raw(P("comp.raw"), size, 7, model);
    memset(model + MiB, 0, 100000); /* a run of zeros, a short text, random bytes */
    memcpy(model + MiB + 5000, "the quick brown fox", 19);
    for (size_t i = 2 * MiB; i < 2 * MiB + 200000; i++)
        model[i] = (uint8_t)rnd();
    write_file(P("comp.raw"), model, size);
    unlink(img);
    CHECK_EQ(sh("qemu-img convert -c -O qcow2 -o %s %s %s", opts, P("comp.raw"), img), 0);
    struct disk *d = open_ok(img, false);
    if (d) {
        CHECK(reads_as(d, model, size));
        scribble(d, model, size, 100000, 30);
        CHECK(reads_as(d, model, size));
        disk_close(d);
    }
    if (!qemu_agrees(img, model, size))
        fprintf(stderr, "  compressed with -o %s\n", opts);
    free(model);
}

static void test_compressed(void)
{
    compressed_case("cluster_size=65536");
    compressed_case("cluster_size=512");
    compressed_case("cluster_size=4096,refcount_bits=1");
    compressed_case("cluster_size=2M");
}

/* qcow2_inflate holds zlib to qcow2's terms: exactly one cluster out. A stream that goes on
 * past it (or padding after its end) is fine; one that ends, or whose input runs out, before
 * the cluster is full is corrupt. */
static void test_inflate(void)
{
    static uint8_t plain[8192], z[9000], out[sizeof(plain) + 1];
    fill(plain, sizeof(plain), 9);
    z_stream s = {.next_in = plain, .avail_in = sizeof(plain), .next_out = z,
                  .avail_out = sizeof(z)};
    /* as QEMU compresses a cluster: raw deflate, a 4 KiB window */
    CHECK_EQ(deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -12, 9, Z_DEFAULT_STRATEGY), Z_OK);
    CHECK_EQ(deflate(&s, Z_FINISH), Z_STREAM_END);
    size_t n = s.total_out;
    deflateEnd(&s);
    CHECK(n + 100 <= sizeof(z));
    if (n + 100 > sizeof(z))
        return;
    memset(z + n, 0xa5, 100); /* the rest of its last sector */
    CHECK_EQ(qcow2_inflate(z, n + 100, out, sizeof(plain)), 0);
    CHECK(memcmp(out, plain, sizeof(plain)) == 0);
    CHECK_EQ(qcow2_inflate(z, n, out, 4096), 0);
    CHECK(memcmp(out, plain, 4096) == 0);
    CHECK_EQ(qcow2_inflate(z, n, out, sizeof(plain) + 1), -EIO);
    CHECK_EQ(qcow2_inflate(z, n / 4, out, sizeof(plain)), -EIO);
    z[0] |= 6; /* block type 3, which is reserved */
    CHECK_EQ(qcow2_inflate(z, n, out, sizeof(plain)), -EIO);
}

/* A compressed cluster whose data is not deflate: -EIO for the requests that need it, the
 * clusters beside it still served. */
static void test_corrupt_compressed(void)
{
    size_t size = 256 * 1024;
    uint8_t *model = malloc(size), buf[4096] = {0};
    const char *img = P("zbad.qcow2");
    make_raw(P("zbad.raw"), size, 4, model);
    CHECK_EQ(sh("qemu-img convert -c -O qcow2 %s %s", P("zbad.raw"), img), 0);
    uint64_t l2 = peek(img, peek(img, QH_L1_OFFSET, 8), 8) & QCOW2_OFFSET_MASK;
    uint64_t e = peek(img, l2, 8), start, len;
    CHECK(e & QCOW2_COMPRESSED);
    qcow2_compressed_span(&(struct qcow2){.cb = 16}, e, &start, &len);
    patch(img, start, 0xff, 1); /* block type 3 */
    struct disk *d = open_ok(img, false);
    if (d) {
        CHECK_EQ(disk_read(d, 1000, buf, sizeof(buf)), -EIO);
        CHECK_EQ(disk_write(d, 1000, buf, 10), -EIO); /* a partial write decompresses it */
        CHECK_EQ(disk_read(d, 64 * 1024, buf, sizeof(buf)), 0);
        CHECK(memcmp(buf, model + 64 * 1024, sizeof(buf)) == 0);
        disk_close(d);
    }
    free(model);
}

/* ---- overlays and chains ---- */

static bool same_file(const char *path, const uint8_t *want, size_t n)
{
    size_t len;
    uint8_t *b = read_file(path, &len);
    bool ok = b && len == n && !memcmp(b, want, n);
    free(b);
    return ok;
}

/* An overlay `ov` over `base` (whose contents the model holds, and which must not change):
 * reads fall through, writes stay in the overlay, qemu-img agrees. */
static void exercise_overlay(const char *ov, const char *base, uint8_t *model, size_t size,
                             unsigned chain)
{
    size_t blen;
    uint8_t *before = read_file(base, &blen);
    struct disk *d = open_ok(ov, false);
    if (!d) {
        free(before);
        return;
    }
    CHECK_EQ(disk_chain_length(d), chain);
    CHECK(!strcmp(disk_chain_path(d, 0), ov));
    CHECK(disk_chain_path(d, chain) == NULL);
    CHECK(reads_as(d, model, size));
    scribble(d, model, size, 150000, 60);
    CHECK(reads_as(d, model, size));
    disk_close(d);
    CHECK(same_file(base, before, blen));
    CHECK(qemu_agrees(ov, model, size));
    free(before);
}

static void test_overlays(void)
{
    size_t size = 6 * MiB, bsize = 4 * MiB; /* the base is shorter: zeros past its end */
    uint8_t *model = calloc(1, size);
    char err[512];
    make_raw(P("base.raw"), bsize, 1, model);
    CHECK_EQ(sh("qemu-img create -f qcow2 -b base.raw -F raw %s %zu", P("ov1.qcow2"), size), 0);
    exercise_overlay(P("ov1.qcow2"), P("base.raw"), model, size, 2);

    memset(model, 0, size);
    make_raw(P("base.raw"), bsize, 1, model);
    CHECK_EQ(disk_create_overlay(P("ov2.qcow2"), "base.raw", DISK_FORMAT_RAW, size, err,
                                 sizeof(err)), 0);
    CHECK(qemu_agrees(P("ov2.qcow2"), model, size));
    exercise_overlay(P("ov2.qcow2"), P("base.raw"), model, size, 2);
    CHECK_EQ(disk_create_overlay(P("ov2.qcow2"), "base.raw", DISK_FORMAT_RAW, size, err,
                                 sizeof(err)), -1);
    CHECK(strstr(err, "cannot create") != NULL);

    /* over a qcow2 base (the overlay made by qemu-img, then by us, probing its base) */
    CHECK_EQ(sh("qemu-img convert -O qcow2 %s %s", P("ov1.qcow2"), P("qbase.qcow2")), 0);
    size_t qlen;
    uint8_t *q = NULL;
    CHECK_EQ(sh("qemu-img convert -O raw %s %s", P("qbase.qcow2"), P("qbase.raw")), 0);
    q = read_file(P("qbase.raw"), &qlen);
    CHECK(q && qlen == size);
    if (q) {
        memcpy(model, q, size);
        CHECK_EQ(sh("qemu-img create -f qcow2 -b qbase.qcow2 -F qcow2 %s %zu", P("ov3.qcow2"),
                    size), 0);
        exercise_overlay(P("ov3.qcow2"), P("qbase.qcow2"), model, size, 2);
        memcpy(model, q, size);
        CHECK_EQ(disk_create_overlay(P("ov4.qcow2"), "qbase.qcow2", DISK_FORMAT_PROBE, size,
                                     err, sizeof(err)), 0);
        exercise_overlay(P("ov4.qcow2"), P("qbase.qcow2"), model, size, 2);
    }
    free(q);
    free(model);
}

/* base.raw <- c1 <- c2 <- c3, each written in turn. */
static void test_chain_of_three(void)
{
    size_t size = 4 * MiB;
    uint8_t *model = malloc(size);
    char err[512];
    make_raw(P("cbase.raw"), size, 2, model);
    CHECK_EQ(disk_create_overlay(P("c1.qcow2"), "cbase.raw", DISK_FORMAT_RAW, size, err,
                                 sizeof(err)), 0);
    CHECK_EQ(sh("qemu-img create -f qcow2 -o cluster_size=4096 -b c1.qcow2 -F qcow2 %s %zu",
                P("c2.qcow2"), size), 0);
    CHECK_EQ(disk_create_overlay(P("c3.qcow2"), "c2.qcow2", DISK_FORMAT_QCOW2, size, err,
                                 sizeof(err)), 0);
    static const char *const names[] = {"c1.qcow2", "c2.qcow2", "c3.qcow2"};
    for (unsigned i = 0; i < 3; i++) {
        struct disk *d = open_ok(P(names[i]), false);
        if (!d)
            continue;
        CHECK_EQ(disk_chain_length(d), i + 2);
        CHECK(!strcmp(disk_chain_path(d, i + 1), P("cbase.raw")));
        scribble(d, model, size, 100000, 30);
        disk_close(d);
    }
    CHECK(qemu_agrees(P("c3.qcow2"), model, size));
    struct disk *d = open_ok(P("c3.qcow2"), true);
    if (d) {
        CHECK(reads_as(d, model, size));
        disk_close(d);
    }
    free(model);
}

/* ---- absorbing a backing file ---- */

static uint8_t *read_all(struct disk *d)
{
    uint8_t *b = malloc(disk_size(d));
    CHECK_EQ(disk_read(d, 0, b, disk_size(d)), 0);
    return b;
}

/* The backing name stored in a qcow2 header. */
static void backing_name_of(const char *img, char *out, size_t n)
{
    uint64_t off = peek(img, QH_BACKING_OFFSET, 8), len = peek(img, QH_BACKING_SIZE, 4);
    out[0] = 0;
    int fd = open(img, O_RDONLY);
    if (fd >= 0 && off && len < n && pread(fd, out, len, (off_t)off) == (ssize_t)len)
        out[len] = 0;
    if (fd >= 0)
        close(fd);
}

/* Absorb top's backing file mid: top reads the same before and after, passes qemu-img check,
 * and still does once mid is deleted. */
static void absorb_and_check(const char *top, const char *mid, unsigned chain_after)
{
    char err[512] = "";
    struct disk *d = open_ok(top, true);
    if (!d)
        return;
    size_t size = disk_size(d);
    uint8_t *before = read_all(d);
    disk_close(d);
    CHECK_EQ(disk_absorb_backing(top, err, sizeof(err)), 0);
    if (err[0])
        fprintf(stderr, "absorb: %s\n", err);
    CHECK_EQ(sh("qemu-img check %s", top), 0);
    CHECK_EQ(unlink(mid), 0);
    d = open_ok(top, false);
    if (d) {
        CHECK_EQ(disk_chain_length(d), chain_after);
        CHECK(reads_as(d, before, size));
        disk_close(d);
    }
    CHECK(qemu_agrees(top, before, size));
    free(before);
}

static void test_absorb(void)
{
    size_t size = 4 * MiB;
    char err[512], name[256];
    CHECK_EQ(sh("mkdir -p %s", P("abs/sub")), 0);
    make_raw(P("abs/base.raw"), size, 4, NULL);
    CHECK_EQ(sh("cd %s && qemu-img create -f qcow2 -o cluster_size=4096 -b ../base.raw -F raw "
                "mid.qcow2", P("abs/sub")), 0);
    CHECK_EQ(sh("qemu-io -c 'write -P 0x22 100k 300k' -c 'write -z 1M 64k' "
                "-c 'write -P 0x23 3M 8k' %s", P("abs/sub/mid.qcow2")), 0);
    CHECK_EQ(disk_create_overlay(P("abs/top.qcow2"), "sub/mid.qcow2", DISK_FORMAT_QCOW2, size,
                                 err, sizeof(err)), 0);
    CHECK_EQ(sh("qemu-io -c 'write -P 0x33 200k 64k' -c 'write -P 0x34 1M 4k' %s",
                P("abs/top.qcow2")), 0);
    absorb_and_check(P("abs/top.qcow2"), P("abs/sub/mid.qcow2"), 2);
    backing_name_of(P("abs/top.qcow2"), name, sizeof(name));
    CHECK(!strcmp(name, "sub/../base.raw"));

    /* a shorter middle image hides the base's tail: the child must keep seeing zeros there */
    CHECK_EQ(sh("cd %s && qemu-img create -f qcow2 -b base.raw -F raw short.qcow2 2M",
                P("abs")), 0);
    CHECK_EQ(sh("qemu-io -c 'write -P 0x44 1M 8k' %s", P("abs/short.qcow2")), 0);
    CHECK_EQ(disk_create_overlay(P("abs/top2.qcow2"), "short.qcow2", DISK_FORMAT_QCOW2, size,
                                 err, sizeof(err)), 0);
    absorb_and_check(P("abs/top2.qcow2"), P("abs/short.qcow2"), 2);

    /* a middle image without a backing file: the child ends up standalone */
    CHECK_EQ(sh("qemu-img create -f qcow2 %s 4M", P("abs/alone.qcow2")), 0);
    CHECK_EQ(sh("qemu-io -c 'write -P 0x55 0 1M' %s", P("abs/alone.qcow2")), 0);
    CHECK_EQ(disk_create_overlay(P("abs/top3.qcow2"), "alone.qcow2", DISK_FORMAT_QCOW2, size,
                                 err, sizeof(err)), 0);
    absorb_and_check(P("abs/top3.qcow2"), P("abs/alone.qcow2"), 1);

    CHECK_EQ(disk_absorb_backing(P("abs/top3.qcow2"), err, sizeof(err)), -1);
    CHECK(strstr(err, "has no backing file") != NULL);
    CHECK_EQ(disk_absorb_backing(P("abs/top.qcow2"), err, sizeof(err)), -1);
    CHECK(strstr(err, "is not qcow2") != NULL);
}

/* Absorbing into a file another chain reads (a running VM's backing file): the reader keeps
 * reading the same bytes, through tables the absorb filled in after it opened; a second
 * rewriter and any writer are refused meanwhile. */
static void test_live_absorb(void)
{
    size_t size = 2 * MiB;
    char err[512];
    uint8_t *model = malloc(size);
    make_raw(P("live-base.raw"), size, 12, model);
    CHECK_EQ(disk_create_overlay(P("live-mid.qcow2"), "live-base.raw", DISK_FORMAT_RAW, size,
                                 err, sizeof(err)), 0);
    CHECK_EQ(disk_create_overlay(P("live-child.qcow2"), "live-mid.qcow2", DISK_FORMAT_QCOW2,
                                 size, err, sizeof(err)), 0);
    struct disk *d = open_ok(P("live-mid.qcow2"), false);
    if (d) {
        scribble(d, model, size, 50000, 20);
        disk_close(d);
    }
    if ((d = open_ok(P("live-child.qcow2"), false))) {
        scribble(d, model, size, 50000, 5); /* the child has an L2 table before the absorb */
        disk_close(d);
    }
    struct disk *reader = open_ok(P("live-child.qcow2"), true);
    struct disk *rewriter = disk_open_absorbing(P("live-child.qcow2"), err, sizeof(err));
    CHECK(rewriter != NULL);
    CHECK_EQ(disk_absorb_backing(P("live-child.qcow2"), err, sizeof(err)), -1);
    CHECK(strstr(err, "being rewritten by another process") != NULL);
    disk_close(rewriter);
    CHECK(disk_open(P("live-child.qcow2"), DISK_FORMAT_PROBE, false, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "in use by another process") != NULL);
    CHECK_EQ(disk_absorb_backing(P("live-child.qcow2"), err, sizeof(err)), 0);
    if (reader) {
        CHECK(reads_as(reader, model, size));
        disk_close(reader);
    }
    CHECK_EQ(unlink(P("live-mid.qcow2")), 0);
    CHECK(qemu_agrees(P("live-child.qcow2"), model, size));
    free(model);
}

/* ---- names, loops, locks ---- */

static void test_relative_backing(void)
{
    char cwd[4096], err[512];
    uint8_t *model = malloc(MiB), *decoy = malloc(MiB);
    CHECK_EQ(sh("mkdir -p %s", P("rel/sub")), 0);
    make_raw(P("rel/sub/b.raw"), MiB, 10, model);
    make_raw(P("rel/b.raw"), MiB, 11, decoy); /* what the name means from the cwd */
    CHECK_EQ(disk_create_overlay(P("rel/sub/o.qcow2"), "b.raw", DISK_FORMAT_RAW, MiB, err,
                                 sizeof(err)), 0);
    CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
    CHECK_EQ(chdir(P("rel")), 0);
    struct disk *d = open_ok("sub/o.qcow2", true);
    if (d) {
        CHECK(!strcmp(disk_chain_path(d, 1), "sub/b.raw"));
        CHECK(reads_as(d, model, MiB));
        disk_close(d);
    }
    CHECK_EQ(chdir(cwd), 0);
    /* an absolute name is used as it is */
    CHECK_EQ(disk_create_overlay(P("rel/abs.qcow2"), P("rel/sub/b.raw"), DISK_FORMAT_RAW, MiB,
                                 err, sizeof(err)), 0);
    d = open_ok(P("rel/abs.qcow2"), true);
    if (d) {
        CHECK(reads_as(d, model, MiB));
        disk_close(d);
    }
    free(model);
    free(decoy);
}

static void test_loops_and_limits(void)
{
    char err[512], name[32], next[32];
    CHECK_EQ(disk_create_overlay(P("la.qcow2"), "lb.qcow2", DISK_FORMAT_QCOW2, MiB, err,
                                 sizeof(err)), 0);
    CHECK_EQ(disk_create_overlay(P("lb.qcow2"), "la.qcow2", DISK_FORMAT_QCOW2, MiB, err,
                                 sizeof(err)), 0);
    CHECK(disk_open(P("la.qcow2"), DISK_FORMAT_PROBE, false, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "loop") != NULL);
    CHECK_EQ(disk_create_overlay(P("self.qcow2"), "self.qcow2", DISK_FORMAT_PROBE, MiB, err,
                                 sizeof(err)), 0);
    CHECK(disk_open(P("self.qcow2"), DISK_FORMAT_PROBE, true, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "loop") != NULL);
    CHECK(disk_open(P("missing.qcow2"), DISK_FORMAT_PROBE, true, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "missing.qcow2: cannot open") != NULL);

    /* DISK_CHAIN_MAX files open; one more is refused (small clusters keep the files tiny) */
    CHECK_EQ(sh("mkdir -p %s", P("long")), 0);
    make_raw(P("long/l0"), 4096, 1, NULL);
    for (unsigned i = 1; i <= DISK_CHAIN_MAX; i++) {
        snprintf(name, sizeof(name), "long/l%u", i);
        snprintf(next, sizeof(next), "l%u", i - 1);
        CHECK_EQ(qcow2_create(P(name), next, DISK_FORMAT_PROBE, 4096, 9, err, sizeof(err)), 0);
    }
    uint8_t want[4096], got[4096];
    fill(want, sizeof(want), 1);
    struct disk *d = open_ok(P("long/l255"), true);
    CHECK(d && disk_chain_length(d) == DISK_CHAIN_MAX);
    CHECK(d && disk_read(d, 0, got, sizeof(got)) == 0 && !memcmp(got, want, sizeof(got)));
    disk_close(d);
    CHECK(disk_open(P("long/l256"), DISK_FORMAT_PROBE, true, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "longer than 256") != NULL);

    /* a writer excludes everyone else; readers share */
    d = open_ok(P("long/l1"), false);
    CHECK(disk_open(P("long/l1"), DISK_FORMAT_PROBE, true, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "in use") != NULL);
    disk_close(d);
    d = open_ok(P("long/l1"), true);
    struct disk *d2 = open_ok(P("long/l2"), true);
    disk_close(d);
    disk_close(d2);
}

/* ---- malformed images ---- */

struct corruption {
    uint64_t off, v;
    unsigned size;
    const char *want;
};

/* Patch a copy of `pristine` and check disk_open refuses it with the message `want`. */
static void refused(const char *pristine, const struct corruption *c, unsigned n)
{
    char err[512] = "";
    const char *img = P("bad.qcow2");
    CHECK_EQ(sh("cp %s %s", pristine, img), 0);
    for (unsigned i = 0; i < n; i++)
        patch(img, c[i].off, c[i].v, c[i].size);
    struct disk *d = disk_open(img, DISK_FORMAT_QCOW2, false, err, sizeof(err));
    CHECK(d == NULL);
    disk_close(d);
    if (!strstr(err, c[0].want) || strncmp(err, img, strlen(img)) || strchr(err, '\n')) {
        fprintf(stderr, "expected \"%s\", got \"%s\"\n", c[0].want, err);
        CHECK(false);
    }
}

static void test_refused_headers(void)
{
    static const struct corruption plain[] = {
        {QH_MAGIC, 0x51464900, 4, "not a qcow2 image (bad magic)"},
        {QH_VERSION, 1, 4, "qcow2 version 1 is not supported"},
        {QH_VERSION, 4, 4, "qcow2 version 4 is not supported"},
        {QH_CLUSTER_BITS, 8, 4, "cluster_bits 8 is out of range"},
        {QH_CLUSTER_BITS, 22, 4, "cluster_bits 22 is out of range"},
        {QH_L1_OFFSET, 0x100000, 8, "L1 table offset 0x100000 is past the end of the file"},
        {QH_L1_OFFSET, 0x30200, 8, "L1 table offset 0x30200 is not cluster-aligned"},
        {QH_L1_OFFSET, 0, 8, "L1 table offset 0x0 overlaps the header"},
        {QH_L1_OFFSET, 0x10000, 8, "the L1 table overlaps the refcount table"},
        {QH_L1_SIZE, 0, 4, "L1 table too small for the virtual size"},
        {QH_L1_SIZE, 0x1000000, 4, "L1 table too large"},
        {QH_RT_OFFSET, 0x10200, 8, "refcount table offset 0x10200 is not cluster-aligned"},
        {QH_RT_OFFSET, 0x200000, 8, "refcount table offset 0x200000 is past the end"},
        {QH_RT_CLUSTERS, 0, 4, "the refcount table is empty"},
        {QH_RT_CLUSTERS, 0x10000, 4, "refcount table too large"},
        {QH_INCOMPAT, 1, 8, "dirty (not closed cleanly): run `qemu-img check -r all`"},
        {QH_INCOMPAT, 2, 8, "marked corrupt"},
        {QH_INCOMPAT, 4, 8, "external data files are not supported"},
        {QH_INCOMPAT, 16, 8, "extended L2 entries"},
        {QH_INCOMPAT, 1 << 5, 8, "unknown incompatible features 0x20"},
        {QH_INCOMPAT, 8, 8, "the compression type bit is set for zlib"},
        {QH_COMPRESSION_TYPE, 1, 1, "compression type 1 is not supported (only zlib)"},
        {QH_SIZE, 1ull << 60, 8, "virtual size 1152921504606846976 is too large"},
        {QH_SIZE, 1ull << 40, 8, "L1 table too small for the virtual size"},
        {QH_CRYPT, 2, 4, "encrypted images are not supported"},
        {QH_HEADER_LENGTH, 105, 4, "header_length 105 is not a multiple of 8"},
        {QH_HEADER_LENGTH, 96, 4, "header_length 96 is too small"},
        {QH_HEADER_LENGTH, 0x20000, 4, "header_length 131072 runs past the header cluster"},
        {QH_REFCOUNT_ORDER, 7, 4, "refcount_order 7 is out of range"},
        {116, 0xfff0, 4, "header extension 0x6803f857 overruns the header cluster"},
    };
    const char *pristine = P("pristine.qcow2");
    CHECK_EQ(sh("qemu-img create -f qcow2 %s 1M", pristine), 0);
    for (unsigned i = 0; i < ARRAY_SIZE(plain); i++)
        refused(pristine, &plain[i], 1);
    struct corruption name_past_eof[] = {
        {QH_BACKING_OFFSET, 0x100000, 8, "the backing file name (at 0x100000) is past the end "
                                         "of the file"},
        {QH_BACKING_SIZE, 10, 4, NULL}};
    refused(pristine, name_past_eof, 2);

    /* an overlay: its backing name and format */
    const char *ov = P("pristine-ov.qcow2");
    CHECK_EQ(sh("qemu-img create -f qcow2 -b pristine.qcow2 -F qcow2 %s", ov), 0);
    static const struct corruption named[] = {
        {QH_BACKING_SIZE, 2000, 4, "the backing file name is too long (2000 bytes"},
        {QH_BACKING_SIZE, 0, 4, "the backing file name is empty"},
        {QH_BACKING_OFFSET, 0xfff8, 8, "the backing file name (at 0xfff8) is outside the header"},
        {QH_BACKING_OFFSET, 16, 8, "the backing file name overlaps the header"},
        {QH_BACKING_SIZE, 15, 4, "the backing file name contains control characters"},
        {120, 0x78797a, 3, "backing format 'xyzw2' is not supported"},
    };
    for (unsigned i = 0; i < ARRAY_SIZE(named); i++)
        refused(ov, &named[i], 1);

    char err[512];
    write_file(P("short.qcow2"), "QFI\xfb\0\0\0\3", 8);
    CHECK(disk_open(P("short.qcow2"), DISK_FORMAT_PROBE, true, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "too short for a qcow2 header (8 bytes)") != NULL);
    CHECK(disk_open("/dev/null", DISK_FORMAT_PROBE, true, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "not a regular file or block device") != NULL);
}

/* Persistent dirty bitmaps: a writer must clear their auto-clear bit, which QEMU then counts
 * as leaked clusters, so such an image only opens read-only. */
static void test_bitmaps(void)
{
    const char *img = P("bitmap.qcow2");
    char err[512];
    CHECK_EQ(sh("qemu-img create -f qcow2 %s 1M && qemu-img bitmap --add %s b0", img, img), 0);
    CHECK(disk_open(img, DISK_FORMAT_PROBE, false, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "persistent dirty bitmaps") != NULL);
    struct disk *d = open_ok(img, true);
    disk_close(d);
    CHECK_EQ(sh("qemu-img check %s", img), 0);
}

/* Bad L1 and L2 pointers met while serving: -EIO for the request, the rest still served. */
static void bad_pointer(const char *pristine, uint64_t at, uint64_t v, bool l1)
{
    const char *img = P("badptr.qcow2");
    uint8_t buf[4096];
    CHECK_EQ(sh("cp %s %s", pristine, img), 0);
    patch(img, at, v, 8);
    struct disk *d = open_ok(img, false);
    if (!d)
        return;
    CHECK_EQ(disk_read(d, 0, buf, sizeof(buf)), -EIO);
    CHECK_EQ(disk_write(d, 100, buf, 10), -EIO);
    CHECK_EQ(disk_read(d, 768 * MiB, buf, sizeof(buf)), 0); /* another L2 table */
    if (!l1)
        CHECK_EQ(disk_read(d, 128 * 1024, buf, sizeof(buf)), 0); /* another entry */
    disk_close(d);
}

static void test_bad_pointers(void)
{
    const char *img = P("ptr.qcow2");
    uint8_t buf[4096];
    fill(buf, sizeof(buf), 3);
    CHECK_EQ(sh("qemu-img create -f qcow2 %s 1G", img), 0);
    struct disk *d = open_ok(img, false);
    if (!d)
        return;
    CHECK_EQ(disk_write(d, 0, buf, sizeof(buf)), 0);
    CHECK_EQ(disk_write(d, 128 * 1024, buf, sizeof(buf)), 0);
    CHECK_EQ(disk_write(d, 768 * MiB, buf, sizeof(buf)), 0);
    disk_close(d);
    uint64_t l1 = peek(img, QH_L1_OFFSET, 8);
    uint64_t l2 = peek(img, l1, 8) & QCOW2_OFFSET_MASK;
    CHECK(l2 != 0);
    bad_pointer(img, l2, QCOW2_COPIED | 0x10000000, false);   /* past the end of the file */
    bad_pointer(img, l2, QCOW2_COPIED | (l2 + 0x200), false); /* unaligned */
    bad_pointer(img, l2, QCOW2_COPIED | l1, false);           /* the L1 table */
    bad_pointer(img, l2, QCOW2_COPIED, false);                /* offset 0 */
    bad_pointer(img, l2, QCOW2_COPIED | 0x10000, false);      /* the refcount table */
    bad_pointer(img, l1, QCOW2_COPIED | 0x10000000, true);    /* an L2 table past the end */
    bad_pointer(img, l1, QCOW2_COPIED, true);                 /* an L2 table at 0 */
}

/* ---- internal snapshots: shared clusters are copied, never written in place ---- */

static void snapshot_case(const char *opts)
{
    const char *img = P("snap.qcow2"), *copy = P("snap-copy.qcow2");
    size_t size = 2 * MiB;
    uint8_t *a = calloc(1, size), *b = malloc(size);
    unlink(img);
    CHECK_EQ(sh("qemu-img create -f qcow2 -o %s %s %zu", opts, img, size), 0);
    struct disk *d = open_ok(img, false);
    if (d) {
        fill(a + 4096, size - 3 * 4096, 6);
        CHECK_EQ(disk_write(d, 4096, a + 4096, size - 3 * 4096), 0);
        disk_close(d);
    }
    CHECK_EQ(sh("qemu-img snapshot -c s1 %s", img), 0);
    memcpy(b, a, size);
    if ((d = open_ok(img, false))) {
        scribble(d, b, size, 70000, 40);
        CHECK(reads_as(d, b, size));
        disk_close(d);
    }
    CHECK(qemu_agrees(img, b, size));
    CHECK_EQ(sh("cp %s %s && qemu-img snapshot -a s1 %s", img, copy, copy), 0);
    CHECK(qemu_agrees(copy, a, size));
    free(a);
    free(b);
}

static void test_snapshots(void)
{
    snapshot_case("cluster_size=65536");
    snapshot_case("cluster_size=512");
    snapshot_case("cluster_size=4096,refcount_bits=64");
}

/* ---- throughput: sequential 1 MiB requests, raw against qcow2 ---- */

static double mbps(uint64_t bytes, uint64_t ns)
{
    return ns ? (double)bytes / (double)MiB / ((double)ns / 1e9) : 0;
}

static void time_disk(const char *label, const char *img, size_t size)
{
    uint8_t *buf = malloc(MiB);
    fill(buf, MiB, 1);
    struct disk *d = open_ok(img, false);
    if (!d) {
        free(buf);
        return;
    }
    uint64_t t0 = host_now_ns();
    for (size_t off = 0; off < size; off += MiB)
        CHECK_EQ(disk_write(d, off, buf, MiB), 0);
    uint64_t t1 = host_now_ns();
    for (size_t off = 0; off < size; off += MiB)
        CHECK_EQ(disk_read(d, off, buf, MiB), 0);
    uint64_t t2 = host_now_ns();
    for (size_t off = 0; off < size; off += MiB)
        CHECK_EQ(disk_write(d, off, buf, MiB), 0);
    uint64_t t3 = host_now_ns();
    printf("disk: %-6s %zu MiB sequential: first write %.0f MB/s, read %.0f MB/s, rewrite "
           "%.0f MB/s\n", label, size / MiB, mbps(size, t1 - t0), mbps(size, t2 - t1),
           mbps(size, t3 - t2));
    disk_close(d);
    free(buf);
}

/* disk_read_nowait: page-cache hits are served; a read that would wait for the device says
 * -EAGAIN and leaves nothing changed (the caller retries on its I/O thread). */
static void test_read_nowait(void)
{
    size_t size = 4 * MiB;
    uint8_t *model = malloc(size), buf[8192];
    make_raw(P("nw.raw"), size, 9, model);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "qemu-img create -q -f qcow2 -b %s -F raw %s", P("nw.raw"),
             P("nw.qcow2"));
    CHECK(sh("%s", cmd) == 0);
    struct disk *d = open_ok(P("nw.qcow2"), true);
    if (!d)
        return;
    CHECK_EQ(disk_read(d, 8192, buf, sizeof(buf)), 0); /* now cached */
    CHECK_EQ(disk_read_nowait(d, 8192, buf, sizeof(buf)), 0);
    CHECK(!memcmp(buf, model + 8192, sizeof(buf)));
    int fd = open(P("nw.raw"), O_RDONLY);
    CHECK(fd >= 0 && fdatasync(fd) == 0 && posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0);
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(disk_read_nowait(d, 2 * MiB, buf, sizeof(buf)), -EAGAIN);
    CHECK_EQ(disk_read(d, 2 * MiB, buf, sizeof(buf)), 0); /* the waiting read still works */
    CHECK(!memcmp(buf, model + 2 * MiB, sizeof(buf)));
    CHECK_EQ(disk_read_nowait(d, 2 * MiB, buf, sizeof(buf)), 0);
    if (fd >= 0)
        close(fd);
    disk_close(d);
    free(model);
}

static void test_throughput(void)
{
    size_t size = 128 * MiB;
    int fd = open(P("t.raw"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0 && ftruncate(fd, (off_t)size) == 0);
    if (fd >= 0)
        close(fd);
    time_disk("raw", P("t.raw"), size);
    unlink(P("t.raw"));
    CHECK_EQ(sh("qemu-img create -f qcow2 %s %zu", P("t.qcow2"), size), 0);
    time_disk("qcow2", P("t.qcow2"), size);
    CHECK_EQ(sh("qemu-img check %s", P("t.qcow2")), 0);
    unlink(P("t.qcow2"));
}

int main(void)
{
    if (sh("qemu-img --version")) {
        fprintf(stderr, "test_disk: qemu-img is missing (tools/install-deps.sh installs "
                        "qemu-utils)\n");
        CHECK(false);
        return check_summary("disk");
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/arbor-disk-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_raw();
    test_qcow2_matrix();
    test_refcount_table_growth();
    test_zero_clusters();
    test_compressed();
    test_inflate();
    test_corrupt_compressed();
    test_overlays();
    test_chain_of_three();
    test_absorb();
    test_live_absorb();
    test_relative_backing();
    test_loops_and_limits();
    test_refused_headers();
    test_bitmaps();
    test_bad_pointers();
    test_snapshots();
    test_read_nowait();
    test_throughput();
    sh("rm -rf %s", dir);
    free_paths();
    return check_summary("disk");
}
