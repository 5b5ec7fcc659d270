/* The machine as snapshot sections: configuration, clock, harts, then each device's own
 * section (docs/snapshot-format.md lists them). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "board/board.h"
#include "board/boot.h"
#include "dev/uart.h"
#include "rv/hart_state.h"

#define CONF_TAG SNAP_TAG('C', 'O', 'N', 'F')
#define CLOCK_TAG SNAP_TAG('C', 'L', 'O', 'K')
#define DEVS_TAG SNAP_TAG('D', 'E', 'V', 'S')

enum { CONF_BUILTIN_SBI = 1, CONF_DETERMINISTIC = 2 };

/* Guest time elapsed since power on, as the clock shows it now. */
static uint64_t guest_elapsed_ns(const struct board *b)
{
    if (b->paused_at_ns)
        return b->paused_at_ns;
    return b->deterministic ? b->icount * BOARD_NS_PER_INSN : host_now_ns() - b->start_ns;
}

static void save_config(const struct board *b, struct snap_writer *w)
{
    snap_w_begin(w, CONF_TAG, 1, 0);
    snap_w_u64(w, b->bus.ram_base);
    snap_w_u64(w, b->bus.ram_size);
    snap_w_u32(w, b->n_harts);
    snap_w_u32(w, (b->builtin_sbi ? CONF_BUILTIN_SBI : 0) | (b->deterministic ? CONF_DETERMINISTIC : 0));
    snap_w_u64(w, b->rom_kernel_addr);
    snap_w_end(w);
}

static void save_clock(const struct board *b, struct snap_writer *w)
{
    snap_w_begin(w, CLOCK_TAG, 1, 0);
    snap_w_u64(w, guest_elapsed_ns(b));
    snap_w_u64(w, b->icount);
    snap_w_u64(w, b->wall_base_ns);
    snap_w_end(w);
}

/* The user's devices as the command line named them (a disk's argument names its current
 * image), so that a machine rebuilt from the snapshot has the same ones in the same slots. */
static void save_device_specs(const struct board *b, struct snap_writer *w)
{
    snap_w_begin(w, DEVS_TAG, 1, 0);
    snap_w_u32(w, b->n_specs);
    for (unsigned i = 0; i < b->n_specs; i++) {
        snap_w_bytes(w, b->specs[i].kind, sizeof(b->specs[i].kind));
        uint32_t len = (uint32_t)strlen(b->specs[i].arg);
        snap_w_u32(w, len);
        snap_w_bytes(w, b->specs[i].arg, len);
    }
    snap_w_end(w);
}

void board_save_state(struct board *b, struct snap_writer *w)
{
    board_quiesce(b); /* I/O in flight belongs in the state: finish it first */
    if (b->uart)
        uart_flush(b->uart); /* output the guest already wrote belongs to the host now */
    save_config(b, w);
    save_clock(b, w);
    save_device_specs(b, w);
    for (unsigned i = 0; i < b->n_harts; i++) {
        snap_w_begin(w, HART_SNAP_TAG, HART_SNAP_VERSION, (uint16_t)i);
        rv_hart_save(b->harts[i], w);
        snap_w_end(w);
    }
    for (unsigned i = 0; i < b->n_devices; i++) {
        const struct device_ops *ops = b->devices[i].ops;
        if (!ops->save)
            continue;
        snap_w_begin(w, ops->snap_tag, ops->snap_version, 0);
        ops->save(b->devices[i].dev, w);
        snap_w_end(w);
    }
}

static int fail(char *err, size_t errlen, uint32_t tag, const char *why)
{
    char name[5];
    snprintf(err, errlen, "section %s: %s", snap_tag_name(tag, name), why);
    return -1;
}

/* Find a section this arbor can read: present, and of the version it writes. */
static int open_section(const uint8_t *blob, size_t len, uint32_t tag, uint16_t version,
                        uint16_t instance, struct snap_reader *r, char *err, size_t errlen)
{
    if (!snap_find(blob, len, tag, instance, r))
        return fail(err, errlen, tag, "missing from the snapshot");
    if (r->version != version)
        return fail(err, errlen, tag, "has a version this arbor does not read");
    return 0;
}

static bool read_spec(struct snap_reader *r, struct board_device_spec *d)
{
    snap_r_bytes(r, d->kind, sizeof(d->kind));
    uint32_t len = snap_r_u32(r);
    if (r->bad)
        return false;
    if (memchr(d->kind, 0, sizeof(d->kind)) == NULL || d->kind[0] == '\0')
        return snap_r_fail(r, "a device kind that is not a name");
    if (len >= sizeof(d->arg))
        return snap_r_fail(r, "a device argument that is too long");
    snap_r_bytes(r, d->arg, len);
    d->arg[r->bad ? 0 : len] = '\0';
    if (!r->bad && strlen(d->arg) != len)
        return snap_r_fail(r, "a device argument with a NUL byte");
    return !r->bad;
}

/* Snapshots written before devices could be added have no DEVS section: no devices. */
static int load_device_specs(const uint8_t *blob, size_t len, struct board_config *cfg,
                             char *err, size_t errlen)
{
    struct snap_reader r;
    if (!snap_find(blob, len, DEVS_TAG, 0, &r))
        return 0;
    if (r.version != 1)
        return fail(err, errlen, DEVS_TAG, "has a version this arbor does not read");
    uint32_t n = snap_r_u32(&r);
    if (!r.bad && n > BOARD_MAX_USER_DEVICES)
        return fail(err, errlen, DEVS_TAG, "more devices than the board has slots");
    for (uint32_t i = 0; i < n && !r.bad; i++)
        read_spec(&r, &cfg->devs[i]);
    if (!snap_r_done(&r))
        return fail(err, errlen, DEVS_TAG, r.bad);
    cfg->n_devs = n;
    return 0;
}

int board_state_config(const uint8_t *blob, size_t len, struct board_config *cfg,
                       uint64_t *rom_kernel_addr, char *err, size_t errlen)
{
    struct snap_reader r;
    if (open_section(blob, len, CONF_TAG, 1, 0, &r, err, errlen))
        return -1;
    uint64_t base = snap_r_u64(&r), size = snap_r_u64(&r);
    uint32_t harts = snap_r_u32(&r), flags = snap_r_u32(&r);
    *rom_kernel_addr = snap_r_u64(&r);
    if (!snap_r_done(&r))
        return fail(err, errlen, CONF_TAG, r.bad);
    if (base != VIRT_DRAM_BASE || size == 0 || size % 4096 || size > (1ull << 40) ||
        harts == 0 || harts > BOARD_MAX_HARTS || flags > 3)
        return fail(err, errlen, CONF_TAG, "machine configuration is out of range");
    memset(cfg, 0, sizeof(*cfg));
    cfg->mem_size = size;
    cfg->n_harts = harts;
    cfg->deterministic = flags & CONF_DETERMINISTIC;
    cfg->firmware = flags & CONF_BUILTIN_SBI ? NULL : "(in the snapshot)";
    cfg->from_snapshot = true;
    return load_device_specs(blob, len, cfg, err, errlen);
}

static int check_same_machine(const struct board *b, const uint8_t *blob, size_t len,
                              char *err, size_t errlen)
{
    static struct board_config cfg; /* large; the machine's thread only */
    uint64_t rom;
    if (board_state_config(blob, len, &cfg, &rom, err, errlen))
        return -1;
    if (cfg.n_devs != b->n_specs)
        return fail(err, errlen, DEVS_TAG, "snapshot has other devices than this machine");
    for (unsigned i = 0; i < cfg.n_devs; i++)
        if (strcmp(cfg.devs[i].kind, b->specs[i].kind))
            return fail(err, errlen, DEVS_TAG, "snapshot has other devices than this machine");
    if (cfg.mem_size != b->bus.ram_size || cfg.n_harts != b->n_harts ||
        cfg.deterministic != b->deterministic || (cfg.firmware == NULL) != b->builtin_sbi ||
        rom != b->rom_kernel_addr)
        return fail(err, errlen, CONF_TAG, "snapshot is of a differently configured machine");
    return 0;
}

static int load_clock(struct board *b, const uint8_t *blob, size_t len, char *err, size_t errlen)
{
    struct snap_reader r;
    if (open_section(blob, len, CLOCK_TAG, 1, 0, &r, err, errlen))
        return -1;
    uint64_t elapsed = snap_r_u64(&r), icount = snap_r_u64(&r), wall = snap_r_u64(&r);
    if (!snap_r_done(&r))
        return fail(err, errlen, CLOCK_TAG, r.bad);
    b->icount = icount;
    if (b->deterministic) {
        b->wall_base_ns = wall; /* replay sees the same wall clock */
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t now = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
        b->wall_base_ns = now - elapsed;
    }
    b->start_ns = host_now_ns() - elapsed; /* guest time goes on from where it stood */
    if (b->paused_at_ns)
        b->paused_at_ns = elapsed ? elapsed : 1;
    return 0;
}

static int load_harts(struct board *b, const uint8_t *blob, size_t len, char *err, size_t errlen)
{
    for (unsigned i = 0; i < b->n_harts; i++) {
        struct snap_reader r;
        if (open_section(blob, len, HART_SNAP_TAG, HART_SNAP_VERSION, (uint16_t)i, &r, err, errlen))
            return -1;
        if (!rv_hart_load(b->harts[i], &r))
            return fail(err, errlen, HART_SNAP_TAG, r.bad);
        if (b->builtin_sbi)
            boot_use_builtin_sbi(b->harts[i]);
    }
    return 0;
}

static int load_devices(struct board *b, const uint8_t *blob, size_t len, char *err, size_t errlen)
{
    for (unsigned i = 0; i < b->n_devices; i++) {
        const struct device_ops *ops = b->devices[i].ops;
        struct snap_reader r;
        if (!ops->load)
            continue;
        if (open_section(blob, len, ops->snap_tag, ops->snap_version, 0, &r, err, errlen))
            return -1;
        if (!ops->load(b->devices[i].dev, &r) || !snap_r_done(&r))
            return fail(err, errlen, ops->snap_tag, r.bad ? r.bad : "refused");
    }
    return 0;
}

static int load_all(struct board *b, const uint8_t *blob, size_t len, char *err, size_t errlen)
{
    const char *why = snap_sections_check(blob, len);
    if (why) {
        snprintf(err, errlen, "%s", why);
        return -1;
    }
    if (check_same_machine(b, blob, len, err, errlen) || load_clock(b, blob, len, err, errlen) ||
        load_harts(b, blob, len, err, errlen) || load_devices(b, blob, len, err, errlen))
        return -1;
    return 0;
}

int board_load_state(struct board *b, const uint8_t *blob, size_t len, char *err, size_t errlen)
{
    /* A section refused halfway would leave a mixed machine: keep the state to go back to. */
    struct snap_writer undo;
    snap_w_init(&undo);
    board_save_state(b, &undo);
    if (undo.failed) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int r = load_all(b, blob, len, err, errlen);
    if (r) {
        char ignored[8];
        load_all(b, undo.buf, undo.len, ignored, sizeof(ignored));
    }
    snap_w_free(&undo);
    return r;
}

void board_pause_clock(struct board *b)
{
    if (!b->paused_at_ns) {
        uint64_t e = guest_elapsed_ns(b);
        b->paused_at_ns = e ? e : 1;
    }
}

void board_resume_clock(struct board *b)
{
    if (b->paused_at_ns && !b->deterministic)
        b->start_ns = host_now_ns() - b->paused_at_ns;
    b->paused_at_ns = 0;
}
