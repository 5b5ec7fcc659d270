/* Shared by the snapshot and control harnesses: a seed corpus the harness writes itself, the
 * section checksum as docs/snapshot-format.md defines it (to make mutated input well-formed
 * enough to reach the checks behind the checksums), byte edits of a template, and the machine
 * that section loads are tried on, with the properties a load must keep. */
#ifndef ARBOR_TESTS_FUZZ_COMMON_H
#define ARBOR_TESTS_FUZZ_COMMON_H

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "board/board.h"
#include "snap/section.h"

#define FUZZ_HDR sizeof(struct snap_section_header)

/* ---- seeds: LLVMFuzzerInitialize writes them to a temporary directory and adds it to the
 * corpus directories libFuzzer was given (none when tests/fuzz/run.sh runs it: then new inputs
 * go there too). Not when it was given input files to run. The directory is removed at exit. */

static char fuzz_seed_dir[64];
static unsigned fuzz_n_seeds;

static inline void fuzz_remove_seeds(void)
{
    DIR *d = opendir(fuzz_seed_dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        char p[256];
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof(p), "%s/%s", fuzz_seed_dir, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(fuzz_seed_dir);
}

/* True when argv names no input file, only corpus directories (or nothing): libFuzzer is to
 * fuzz, not to run given inputs once. */
static inline bool fuzz_no_inputs(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (argv[i][0] != '-' && (stat(argv[i], &st) || !S_ISDIR(st.st_mode)))
            return false;
    }
    return true;
}

/* Start a seed directory; NULL when seeds are not wanted. */
static inline const char *fuzz_seeds_begin(int *argc, char ***argv)
{
    if (!fuzz_no_inputs(*argc, *argv))
        return NULL;
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_seed_dir, sizeof(fuzz_seed_dir), "%s/arbor-fuzz-seeds-XXXXXX",
             tmp && tmp[0] && strlen(tmp) < 30 ? tmp : "/tmp");
    if (!mkdtemp(fuzz_seed_dir))
        return NULL;
    atexit(fuzz_remove_seeds);
    static char **args;
    args = calloc((size_t)*argc + 2, sizeof(*args));
    if (!args)
        abort();
    memcpy(args, *argv, (size_t)*argc * sizeof(*args));
    args[(*argc)++] = fuzz_seed_dir;
    *argv = args;
    return fuzz_seed_dir;
}

static inline void fuzz_seed(const void *p, size_t n)
{
    if (!fuzz_seed_dir[0])
        return;
    char path[128];
    snprintf(path, sizeof(path), "%s/seed-%03u", fuzz_seed_dir, fuzz_n_seeds++);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, p, n) != (ssize_t)n)
        abort();
    close(fd);
}

/* A seed of one mode byte followed by `n` bytes. */
static inline void fuzz_seed2(uint8_t mode, const void *p, size_t n)
{
    uint8_t *b = malloc(n + 1);
    if (!b)
        abort();
    b[0] = mode;
    if (n)
        memcpy(b + 1, p, n);
    fuzz_seed(b, n + 1);
    free(b);
}

/* ---- what the inputs reached, printed at exit when ARBOR_FUZZ_STATS is set */

static unsigned long fuzz_stat[8];
enum { STAT_INPUTS, STAT_OPENED, STAT_CHECKED, STAT_LOAD_OK, STAT_LOAD_REFUSED, STAT_DISPATCHED };
static const char *const fuzz_stat_name[] = {
    "inputs", "files opened", "sections well-formed", "loads accepted", "loads refused",
    "requests dispatched"};

static inline void fuzz_print_stats(void)
{
    fprintf(stderr, "fuzz stats:");
    for (size_t i = 0; i < ARRAY_SIZE(fuzz_stat_name); i++)
        fprintf(stderr, " %s %lu%s", fuzz_stat_name[i], fuzz_stat[i],
                i + 1 < ARRAY_SIZE(fuzz_stat_name) ? "," : "\n");
}

static inline void fuzz_stats_at_exit(void)
{
    static bool registered;
    if (!registered && getenv("ARBOR_FUZZ_STATS"))
        atexit(fuzz_print_stats);
    registered = true;
}

/* ---- sections */

static inline uint64_t fuzz_section_checksum(const struct snap_section_header *h,
                                             const uint8_t *payload)
{
    uint8_t head[16];
    store_le(head, h->tag, 4);
    store_le(head + 4, h->version, 2);
    store_le(head + 6, h->instance, 2);
    store_le(head + 8, h->length, 8);
    return XXH3_64bits_withSeed(payload, (size_t)h->length, XXH3_64bits(head, 16));
}

/* Give every section that fits in [buf, buf+len) its right checksum and zero padding; stop at
 * the first that does not fit. */
static inline void fuzz_reseal(uint8_t *buf, size_t len)
{
    size_t pos = 0;
    while (len - pos >= FUZZ_HDR) {
        struct snap_section_header h;
        memcpy(&h, buf + pos, FUZZ_HDR);
        size_t room = len - pos - FUZZ_HDR;
        if (h.length > room || (h.length + 7) / 8 * 8 > room)
            return;
        size_t padded = (size_t)(h.length + 7) / 8 * 8;
        memset(buf + pos + FUZZ_HDR + h.length, 0, padded - (size_t)h.length);
        h.checksum = fuzz_section_checksum(&h, buf + pos + FUZZ_HDR);
        memcpy(buf + pos, &h, FUZZ_HDR);
        pos += FUZZ_HDR + padded;
    }
}

/* ---- edits of a template: records of [op, offset (3 bytes, little-endian), bytes...].
 * op & 3: 0 XOR and 1 overwrite (op >> 2) + 1 bytes at offset % size, 2 resize to
 * offset % (limit + 1), 3 store a boundary value as the u64 at offset % size (aligned). */

static const uint64_t fuzz_boundary[] = {0, 1, 7, 8, 4095, 4096, 4097, UINT32_MAX,
                                         (uint64_t)1 << 32, (uint64_t)1 << 40, INT64_MAX,
                                         UINT64_MAX - 7, UINT64_MAX, 24, 16, 2};

/* Apply the records of `ed` to buf[0..*len) (capacity `cap`; new bytes are zero). */
static inline void fuzz_apply_edits(uint8_t *buf, size_t *len, size_t cap, const uint8_t *ed,
                                    size_t n)
{
    size_t i = 0;
    while (n - i >= 4) {
        uint8_t op = ed[i];
        size_t off = ed[i + 1] | (size_t)ed[i + 2] << 8 | (size_t)ed[i + 3] << 16;
        i += 4;
        switch (op & 3) {
        case 0:
        case 1: {
            size_t k = (size_t)(op >> 2) + 1;
            if (k > n - i)
                k = n - i;
            if (*len == 0)
                return;
            off %= *len;
            for (size_t j = 0; j < k && off + j < *len; j++)
                buf[off + j] = (op & 3) ? ed[i + j] : buf[off + j] ^ ed[i + j];
            i += k;
            break;
        }
        case 2: {
            size_t to = off % (cap + 1);
            if (to > *len)
                memset(buf + *len, 0, to - *len);
            *len = to;
            break;
        }
        default:
            if (*len >= 8) {
                off = off % *len / 8 * 8;
                if (off + 8 > *len)
                    off -= 8;
                store_le(buf + off, fuzz_boundary[(op >> 2) % ARRAY_SIZE(fuzz_boundary)], 8);
            }
            break;
        }
    }
}

/* ---- the machine loads are tried on: 2 harts, 64 KiB, built-in SBI, deterministic time (so
 * that a load does not depend on when it runs), with its registers written as a guest would. */

#define FUZZ_MEM (64u << 10)

static struct board fuzz_board;
static struct snap_writer fuzz_pristine; /* the machine's own state, saved once */

static inline void fuzz_wr(uint64_t addr, unsigned size, uint64_t v)
{
    if (!bus_write(&fuzz_board.bus, addr, size, v))
        abort();
}

static inline void fuzz_board_init(void)
{
    static bool ready;
    if (ready)
        return;
    ready = true;
    fuzz_stats_at_exit();
    struct board_config cfg = {.mem_size = FUZZ_MEM, .n_harts = 2, .deterministic = true};
    if (board_build(&fuzz_board, &cfg))
        abort();
    fuzz_board.console_out = open("/dev/null", O_WRONLY | O_CLOEXEC);
    fuzz_board.icount = 123456789;
    for (unsigned i = 0; i < 2; i++) {
        struct rv_arch *s = &fuzz_board.harts[i]->s;
        for (unsigned r = 1; r < 32; r++)
            s->x[r] = r * 0x0101010101010101ull;
        s->pc = VIRT_DRAM_BASE + 0x1000;
        s->priv = PRV_S;
        s->satp = 8ull << 60 | 0x80010;
        s->mstatus |= MSTATUS_FS | 1ull << MSTATUS_MPP_SHIFT;
        s->sbi_timecmp = 1000;
    }
    fuzz_wr(VIRT_PLIC_BASE + 4 * VIRT_UART0_IRQ, 4, 3);
    fuzz_wr(VIRT_PLIC_BASE + 0x2000 + 0x80, 4, 1u << VIRT_UART0_IRQ);
    fuzz_wr(VIRT_PLIC_BASE + 0x200000 + 0x1000, 4, 1);
    fuzz_wr(VIRT_UART0_BASE + 1, 1, 0x3);
    fuzz_wr(VIRT_UART0_BASE + 7, 1, 0x5a);
    fuzz_wr(VIRT_CLINT_BASE + 4, 4, 1);
    fuzz_wr(VIRT_CLINT_BASE + 0x4000, 8, 5000);
    snap_w_init(&fuzz_pristine);
    board_save_state(&fuzz_board, &fuzz_pristine);
    if (fuzz_pristine.failed || snap_sections_check(fuzz_pristine.buf, fuzz_pristine.len))
        abort();
}

static inline bool fuzz_same(const struct snap_writer *a, const struct snap_writer *b)
{
    return a->len == b->len && !memcmp(a->buf, b->buf, a->len);
}

static inline void fuzz_fail(const char *what, const char *err)
{
    fprintf(stderr, "fuzz: %s%s%s\n", what, err ? ": " : "", err ? err : "");
    abort();
}

/* Load `blob` (len bytes) into the machine. Refused: with a reason, and nothing changed.
 * Accepted: the state saved now is well-formed and loads again to the same state. Either way
 * the machine is back in its pristine state afterwards. */
static inline void fuzz_board_load(const uint8_t *blob, size_t len)
{
    char err[512];
    err[0] = 0;
    struct snap_writer now;
    snap_w_init(&now);
    if (board_load_state(&fuzz_board, blob, len, err, sizeof(err))) {
        fuzz_stat[STAT_LOAD_REFUSED]++;
        if (!err[0])
            fuzz_fail("a load was refused without a reason", NULL);
        board_save_state(&fuzz_board, &now);
        if (!fuzz_same(&now, &fuzz_pristine))
            fuzz_fail("a refused load changed the machine", err);
        snap_w_free(&now);
        return;
    }
    fuzz_stat[STAT_LOAD_OK]++;
    board_save_state(&fuzz_board, &now);
    if (now.failed || snap_sections_check(now.buf, now.len))
        fuzz_fail("the state saved after a load is malformed", NULL);
    if (board_load_state(&fuzz_board, now.buf, now.len, err, sizeof(err)))
        fuzz_fail("the state saved after a load does not load", err);
    struct snap_writer again;
    snap_w_init(&again);
    board_save_state(&fuzz_board, &again);
    if (!fuzz_same(&now, &again))
        fuzz_fail("loading a saved state changed it", NULL);
    snap_w_free(&again);
    snap_w_free(&now);
    if (board_load_state(&fuzz_board, fuzz_pristine.buf, fuzz_pristine.len, err, sizeof(err)))
        fuzz_fail("the machine's own state does not load", err);
    snap_w_init(&now);
    board_save_state(&fuzz_board, &now);
    if (!fuzz_same(&now, &fuzz_pristine))
        fuzz_fail("the machine's own state does not load back exactly", NULL);
    snap_w_free(&now);
}

/* What the snapshot's configuration says, as restore and inspect ask it before building a
 * machine; only for a blob that passed snap_sections_check (snap_find's precondition). */
static inline void fuzz_config(const uint8_t *blob, size_t len)
{
    struct board_config cfg;
    uint64_t rom = 0;
    char err[256];
    err[0] = 0;
    if (board_state_config(blob, len, &cfg, &rom, err, sizeof(err))) {
        if (!err[0])
            fuzz_fail("the configuration was refused without a reason", NULL);
    } else if (!cfg.n_harts || cfg.n_harts > BOARD_MAX_HARTS || !cfg.mem_size ||
               cfg.mem_size % 4096) {
        fuzz_fail("an out-of-range configuration was accepted", NULL);
    }
}

#endif
