/* The `virt` board: memory map, harts, devices, device tree and the machine's run loop. */
#ifndef ARBOR_BOARD_BOARD_H
#define ARBOR_BOARD_BOARD_H

#include "mem/bus.h"
#include "rv/hart.h"
#include "snap/section.h"

#define BOARD_MAX_HARTS 8
#define BOARD_MAX_DEVICES 24
/* Devices the user adds (--disk, --net, --console virtio, --vsock): virtio-mmio slots 1..7
 * (slot 0 holds the entropy device every machine has). */
#define BOARD_MAX_USER_DEVICES 7
#define BOARD_DEV_ARG_MAX 4352

/* The QEMU `virt` memory map (docs: shared/virt-board.md). */
#define VIRT_MROM_BASE 0x1000ull
#define VIRT_MROM_SIZE 0xf000ull
#define VIRT_TEST_BASE 0x100000ull
#define VIRT_RTC_BASE 0x101000ull
#define VIRT_RTC_IRQ 11
#define VIRT_VMGENID_BASE 0x102000ull
#define VIRT_VMGENID_IRQ 12
#define VIRT_CLINT_BASE 0x2000000ull
#define VIRT_CLINT_SIZE 0x10000ull
#define VIRT_PLIC_BASE 0xc000000ull
#define VIRT_PLIC_SIZE 0x600000ull
#define VIRT_UART0_BASE 0x10000000ull
#define VIRT_UART0_IRQ 10
#define VIRT_VIRTIO_BASE 0x10001000ull
#define VIRT_DRAM_BASE 0x80000000ull

#define VIRT_TIMEBASE_HZ 10000000ull /* mtime ticks per second */
/* Deterministic time: one instruction counts as 10 ns (a nominal 100 MIPS machine). */
#define BOARD_NS_PER_INSN 10

/* How a run ended, and the exit status `arbor run` returns for it (documented in --help). */
enum board_exit {
    EXIT_NONE = -1,
    EXIT_POWEROFF = 0,   /* guest powered off, or test finisher "pass" */
    EXIT_HOST_ERROR = 1, /* bad arguments or files, host resource failure */
    EXIT_REBOOT = 3,     /* guest asked for a reset */
    EXIT_GUEST_FAIL = 4, /* test finisher "fail" with a code */
    EXIT_DESTROYED = 5,  /* `arbor destroy`, or `arbor save` finished: exit status 0 */
};

struct board;

/* Every platform device provides these; the board calls them for all devices in order. */
struct device_ops {
    const char *name;
    /* Add the device's node(s) under /soc (or the root) of the device tree being built. */
    void (*fdt_node)(void *dev, struct board *b, void *fdt);
    void (*reset)(void *dev);
    /* Called from the run loop between time slices: input, timers, interrupt levels. */
    void (*poll)(void *dev);
    /* Earliest mtime at which poll() has something to do, or UINT64_MAX (for WFI sleep). */
    uint64_t (*next_deadline)(void *dev);
    void (*destroy)(void *dev);
    /* Finish work in flight (host I/O threads) and deliver its results to the guest, so the
     * machine's state is complete for a snapshot, a revert or a fork. May be NULL. */
    void (*quiesce)(void *dev);
    /* In a process made by fork(2) of the monitor (a clone): threads do not survive fork, so
     * a device that has them starts its own again. 0, or -1 after logging. May be NULL. */
    int (*after_fork)(void *dev);
    /* Snapshots: the device's state is one section (docs/snapshot-format.md) with this tag
     * and version. save() writes its payload; load() reads it back into a device created
     * with the same configuration and returns false (reason in r->bad) for a value it cannot
     * accept: snapshot files are untrusted. A device without state leaves save NULL. */
    uint32_t snap_tag;
    uint16_t snap_version;
    void (*save)(void *dev, struct snap_writer *w);
    bool (*load)(void *dev, struct snap_reader *r);
};

struct device {
    const struct device_ops *ops;
    void *dev;
};

struct pollfd;

/* The monitor's part of the run loop: it serves requests between time slices, and its file
 * descriptors wake a machine that idles or is paused. */
struct board_hook {
    void *ctx;
    void (*poll)(void *ctx);
    int (*fds)(void *ctx, struct pollfd *out, int max);
};

/* A device the user asked for: its kind ("disk", "net", "console", "vsock") and its option
 * argument as given (for --disk, "FILE[,format=...][,readonly]"). The board keeps them and
 * snapshots record them (section DEVS), so a machine rebuilt from a snapshot has the same
 * devices; a device may rewrite its argument as it changes (a disk's current image file). */
struct board_device_spec {
    char kind[16];
    char arg[BOARD_DEV_ARG_MAX];
};

struct plic;
struct aclint;
struct virtio_mmio;
struct uart;
struct vmgenid;

struct board {
    struct bus bus;
    unsigned n_harts;
    struct rv_hart *harts[BOARD_MAX_HARTS];
    struct device devices[BOARD_MAX_DEVICES];
    unsigned n_devices;

    struct plic *plic;     /* interrupt lines of other devices go through it */
    struct aclint *aclint;
    struct uart *uart;
    struct vmgenid *vmgenid;

    /* device-tree handles decided before any node is written */
    uint32_t intc_phandle[BOARD_MAX_HARTS];
    uint32_t plic_phandle;
    uint32_t syscon_phandle;
    uint32_t next_phandle;

    bool deterministic;     /* time from the instruction count, not the host clock */
    bool builtin_sbi;       /* S-mode ECALLs served by the monitor, no M-mode firmware */
    uint64_t rom_kernel_addr; /* what the boot ROM tells firmware */
    uint64_t start_ns;      /* host clock at power on */
    uint64_t wall_base_ns;  /* host wall clock (ns since the epoch) at power on */
    uint64_t icount;        /* instructions retired by all harts (deterministic time base) */
    uint64_t paused_at_ns;  /* guest time when paused (clock stopped), 0 while running */
    int console_in, console_out;
    bool console_in_eof;    /* console input ended: nothing more to wait for there */
    bool console_virtio;    /* --console virtio: host input goes to it, not to the UART */

    struct board_device_spec specs[BOARD_MAX_USER_DEVICES]; /* slot i + 1 */
    unsigned n_specs;
    struct virtio_mmio *user_devs[BOARD_MAX_USER_DEVICES]; /* their transports */
    bool from_snapshot;     /* being rebuilt from a snapshot: devices load, not start fresh */
    int wake_fd;            /* eventfd: device threads wake the run loop (board_wake) */
    /* Set by the monitor when the machine is a domain (NULL otherwise): devices that put
     * host endpoints in the run directory name them after the domain (RUNDIR/NAME.vsock). */
    const char *domain_name;
    const char *rundir;

    struct board_hook hook;
    bool paused;            /* the monitor stopped the harts; only requests are served */

    enum board_exit exit_kind;
    int exit_code;          /* guest failure code for EXIT_GUEST_FAIL */
};

/* Register a device for fdt/reset/poll/destroy. Returns 0 or -1 when the table is full. */
int board_add_device(struct board *b, const struct device_ops *ops, void *dev);
/* Register a device and its MMIO region [base, base+size) in one step. Returns 0, or -1
 * after logging one line (the caller still owns `dev` and frees it). */
int board_attach(struct board *b, const struct device_ops *ops, void *dev, uint64_t base,
                 uint64_t size, const struct mmio_ops *mmio);
/* End the running hart's time slice now (so the run loop serves the monitor); safe to call
 * from a signal handler. */
void board_kick(struct board *b);
/* A device's host thread has results for the machine: end the time slice and wake an idle
 * or paused run loop, so the device's poll() runs soon. Safe from any thread. */
void board_wake(struct board *b);
/* Every device finishes its work in flight (device_ops.quiesce). */
void board_quiesce(struct board *b);
/* In a clone made by fork(2): devices restart their threads. 0 or -1 (logged). */
int board_after_fork(struct board *b);
/* Drive PLIC source `irq` (1..95) to `level`. */
void board_set_irq(struct board *b, unsigned irq, bool level);
/* The machine timer, in VIRT_TIMEBASE_HZ ticks since power on. */
uint64_t board_mtime(const struct board *b);
/* Wall-clock nanoseconds since the Unix epoch as the guest sees it (goldfish RTC). */
uint64_t board_wall_ns(const struct board *b);
/* A device asks the machine to stop: power off, reset, or report a failure code. */
void board_request_exit(struct board *b, enum board_exit kind, int code);
uint32_t board_alloc_phandle(struct board *b);

/* What `arbor run` asks for. */
struct board_config {
    uint64_t mem_size;
    unsigned n_harts;
    const char *kernel;   /* Linux Image, or NULL with a firmware that needs none */
    const char *initrd;   /* or NULL */
    const char *append;   /* kernel command line */
    const char *firmware; /* M-mode firmware binary, or NULL for the built-in SBI */
    bool deterministic;
    /* virtio devices in slots 1.. in this order */
    struct board_device_spec devs[BOARD_MAX_USER_DEVICES];
    unsigned n_devs;
    bool from_snapshot; /* set by board_state_config */
};

/* Build the machine and load what it boots. Returns 0, or -1 after logging one line. */
int board_create(struct board *b, const struct board_config *cfg);
/* Build the machine only (RAM, harts, devices), for a snapshot to be loaded into. */
int board_build(struct board *b, const struct board_config *cfg);

/* --- snapshots (board/state.c) --- */
/* Every component's section: configuration, clock, harts, devices. */
void board_save_state(struct board *b, struct snap_writer *w);
/* The configuration a snapshot's sections were taken with (mem_size, n_harts,
 * deterministic, firmware or not). 0, or -1 with the reason in `err`. */
int board_state_config(const uint8_t *blob, size_t len, struct board_config *cfg,
                       uint64_t *rom_kernel_addr, char *err, size_t errlen);
/* Load every section into this machine, which must have the same configuration. On failure
 * nothing has changed. 0, or -1 with the reason in `err`. */
int board_load_state(struct board *b, const uint8_t *blob, size_t len, char *err, size_t errlen);
/* Guest time stands still while the machine is paused. */
void board_pause_clock(struct board *b);
void board_resume_clock(struct board *b);
void board_destroy(struct board *b);
/* Connect the harts' `time` CSR to the board clock. */
void board_attach_harts(struct board *b);
/* Run until the guest or the user stops the machine. */
enum board_exit board_run(struct board *b);
/* Serve an ECALL from S-mode with the built-in SBI (board/sbi.c). */
void sbi_call(struct rv_hart *h);

#endif
