/* `arbor run`: parse the machine's options, build it, run it, map how it ended to an exit
 * status. */
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "board/board.h"
#include "cli/cli.h"
#include "cli/launch.h"
#include "virtio/vsock.h"

#define MIN_MEM (16ull << 20)
#define DEFAULT_MEM (256ull << 20)
#define DEFAULT_APPEND "console=ttyS0 quiet"
#define DEFAULT_APPEND_HVC "console=hvc0 quiet" /* with --console virtio */

void cmd_run_usage(void)
{
    printf("usage: arbor run [OPTIONS]\n"
           "Boot a RISC-V `virt` machine with its console on standard input/output.\n\n"
           "  --kernel FILE     Linux RISC-V Image to boot, or 'none' (default: the default\n"
           "                    guest, build/guest/Image next to this program)\n"
           "  --initrd FILE     initramfs, or 'none' (default: the default guest's initrd.img\n"
           "                    when the kernel is the default one)\n"
           "  --append CMDLINE  kernel command line (default: \"" DEFAULT_APPEND "\", or\n"
           "                    \"" DEFAULT_APPEND_HVC "\" with --console virtio)\n"
           "  --mem SIZE        guest RAM, with K/M/G suffix (default 256M, at least 16M)\n"
           "  --cpus N          harts, 1 to %d (default 1)\n"
           "  --firmware FILE   run this M-mode firmware (flat binary, e.g. OpenSBI's\n"
           "                    fw_dynamic.bin) at 0x80000000 instead of the built-in SBI\n"
           "  --deterministic   time comes from the instruction count and harts take turns in\n"
           "                    a fixed order: the same snapshot with the same input reruns\n"
           "                    identically (forks and reverts then keep the VM generation ID)\n"
           "  --disk FILE[,format=raw|qcow2][,readonly]\n"
           "                    a virtio disk (repeatable; the first is the guest's vda).\n"
           "                    format: probed when not given (qcow2 by its magic, else\n"
           "                    raw). Writes go to FILE until the first snapshot; from then\n"
           "                    on FILE is frozen and each branch writes its own layer\n"
           "  --net user[,hostfwd=tcp:[HOSTADDR]:HOSTPORT-:GUESTPORT...][,mac=MAC]\n"
           "  --net tap=IFNAME[,mac=MAC]\n"
           "                    a virtio network card: user-mode networking (no root\n"
           "                    needed; in the guest, 'udhcpc -i eth0') or an existing\n"
           "                    tap device (docs/devices.md)\n"
           "  --console uart|virtio\n"
           "                    where the guest's console is: the 16550 UART (ttyS0, the\n"
           "                    default) or a virtio console (hvc0)\n"
           "  --vsock CID[,path=PATH]\n"
           "                    a virtio socket device with guest context id CID (3 or more);\n"
           "                    host side as Unix sockets: PATH, by default RUNDIR/NAME.vsock\n"
           "                    (without --name, path= is required; docs/devices.md)\n"
           "  --name NAME       make this a domain: control socket RUNDIR/NAME.sock for\n"
           "                    pause, snapshot, revert, fork, save... (RUNDIR is\n"
           "                    $ARBOR_RUNDIR, default /run/arbor)\n"
           "  --detach          with --name: run in the background once started; console\n"
           "                    appended to RUNDIR/NAME.console ('arbor console NAME')\n"
           "  --help            this text\n\n"
           "On a terminal, Ctrl-A x stops the machine; Ctrl-A Ctrl-A types a Ctrl-A.\n"
           "With --detach, 'arbor run' returns 0 once the domain answers on its socket.\n\n"
           "Exit status:\n"
           "  0  the guest powered off (or its test finisher reported success), or the\n"
           "     domain was destroyed ('arbor destroy') or saved ('arbor save')\n"
           "  1  host error: bad option or file, not enough memory, guest stuck in a trap\n"
           "     loop, or stopped with Ctrl-A x\n"
           "  3  the guest asked for a reboot\n"
           "  4  the guest reported failure through the test finisher (the code is printed\n"
           "     as 'arbor: guest failed with code N')\n",
           BOARD_MAX_HARTS);
}

/* The default guest lives in build/guest/ beside build/arbor. */
static char *default_guest_file(const char *name)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *path = malloc(PATH_MAX);
    if (path)
        snprintf(path, PATH_MAX, "%s/guest/%s", dirname(exe), name);
    return path;
}

static uint64_t host_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && page > 0 ? (uint64_t)pages * (uint64_t)page : 0;
}

static int parse_mem(const char *arg, uint64_t *out)
{
    uint64_t v;
    if (!parse_size(arg, &v)) {
        log_error("--mem '%s' is not a size (use e.g. 256M or 2G)", arg);
        return -1;
    }
    if (v < MIN_MEM) {
        log_error("--mem %s is too small: at least 16M", arg);
        return -1;
    }
    if (v % 4096) {
        log_error("--mem %s is not a multiple of 4K", arg);
        return -1;
    }
    uint64_t host = host_memory();
    if (host && v > host) {
        log_error("--mem %s is more than this host's %llu MiB of memory", arg,
                  (unsigned long long)(host >> 20));
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_cpus(const char *arg, unsigned *out)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || v < 1 || v > BOARD_MAX_HARTS) {
        log_error("--cpus '%s' must be a number from 1 to %d", arg, BOARD_MAX_HARTS);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

enum { OPT_KERNEL = 256, OPT_INITRD, OPT_APPEND, OPT_MEM, OPT_CPUS, OPT_FIRMWARE, OPT_DET, OPT_HELP,
       OPT_NAME, OPT_DETACH, OPT_DISK, OPT_NET, OPT_CONSOLE, OPT_VSOCK };

static const struct option run_options[] = {
    {"kernel", required_argument, NULL, OPT_KERNEL},
    {"initrd", required_argument, NULL, OPT_INITRD},
    {"append", required_argument, NULL, OPT_APPEND},
    {"mem", required_argument, NULL, OPT_MEM},
    {"cpus", required_argument, NULL, OPT_CPUS},
    {"firmware", required_argument, NULL, OPT_FIRMWARE},
    {"deterministic", no_argument, NULL, OPT_DET},
    {"help", no_argument, NULL, OPT_HELP},
    {"name", required_argument, NULL, OPT_NAME},
    {"detach", no_argument, NULL, OPT_DETACH},
    {"disk", required_argument, NULL, OPT_DISK},
    {"net", required_argument, NULL, OPT_NET},
    {"console", required_argument, NULL, OPT_CONSOLE},
    {"vsock", required_argument, NULL, OPT_VSOCK},
    {NULL, 0, NULL, 0},
};

/* One more virtio device; the device itself checks `arg` when the machine is built. */
static int add_device(struct board_config *cfg, const char *kind, const char *arg)
{
    if (cfg->n_devs == BOARD_MAX_USER_DEVICES) {
        log_error("--%s: too many devices (the virt board has %d virtio slots for --disk, "
                  "--net, --console virtio and --vsock together)", kind, BOARD_MAX_USER_DEVICES);
        return -1;
    }
    struct board_device_spec *d = &cfg->devs[cfg->n_devs];
    if (strlen(arg) >= sizeof(d->arg)) {
        log_error("--%s: the argument is too long", kind);
        return -1;
    }
    snprintf(d->kind, sizeof(d->kind), "%s", kind);
    snprintf(d->arg, sizeof(d->arg), "%s", arg);
    cfg->n_devs++;
    return 0;
}

static int parse_console(struct board_config *cfg, const char *arg)
{
    if (!strcmp(arg, "uart"))
        return 0;
    if (!strcmp(arg, "virtio"))
        return add_device(cfg, "console", "");
    log_error("--console '%s' must be 'uart' or 'virtio'", arg);
    return -1;
}

/* What the devices need from the rest of the command line, checked before anything is
 * built: a vsock device's socket is named after the domain unless path= names it. */
static int check_devices(struct board_config *cfg, bool named)
{
    bool virtio_console = false;
    for (unsigned i = 0; i < cfg->n_devs; i++) {
        if (!strcmp(cfg->devs[i].kind, "vsock") && virtio_vsock_check_arg(cfg->devs[i].arg, named))
            return -1;
        virtio_console |= !strcmp(cfg->devs[i].kind, "console");
    }
    if (!cfg->append) /* hvc0 exists only with the virtio console */
        cfg->append = virtio_console ? DEFAULT_APPEND_HVC : DEFAULT_APPEND;
    return 0;
}

/* Returns 0 to go on, 1 for --help, -1 on a bad option (already reported). */
static int parse_run_options(int argc, char **argv, struct board_config *cfg, const char **kernel,
                             const char **initrd, struct launch *l)
{
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", run_options, NULL)) != -1) {
        switch (c) {
        case OPT_KERNEL: *kernel = optarg; break;
        case OPT_INITRD: *initrd = optarg; break;
        case OPT_APPEND: cfg->append = optarg; break;
        case OPT_MEM: if (parse_mem(optarg, &cfg->mem_size)) return -1; break;
        case OPT_CPUS: if (parse_cpus(optarg, &cfg->n_harts)) return -1; break;
        case OPT_FIRMWARE: cfg->firmware = optarg; break;
        case OPT_DET: cfg->deterministic = true; break;
        case OPT_HELP: cmd_run_usage(); return 1;
        case OPT_NAME: l->name = optarg; break;
        case OPT_DETACH: l->detach = true; break;
        case OPT_DISK: if (add_device(cfg, "disk", optarg)) return -1; break;
        case OPT_NET: if (add_device(cfg, "net", optarg)) return -1; break;
        case OPT_CONSOLE: if (parse_console(cfg, optarg)) return -1; break;
        case OPT_VSOCK: if (add_device(cfg, "vsock", optarg)) return -1; break;
        default:
            if (optopt)
                log_error("option '--%s' needs a value", run_options[optopt - OPT_KERNEL].name);
            else
                log_error("unknown option '%s' (try 'arbor run --help')", argv[optind - 1]);
            return -1;
        }
    }
    if (optind < argc) {
        log_error("unexpected argument '%s' (try 'arbor run --help')", argv[optind]);
        return -1;
    }
    if (l->detach && !l->name) {
        log_error("--detach needs --name: a background domain is reached by its name");
        return -1;
    }
    return check_devices(cfg, l->name != NULL);
}

static int build_new(struct board *b, void *ctx)
{
    return board_create(b, ctx);
}

int cmd_run(int argc, char **argv)
{
    static struct board_config cfg; /* large: the device arguments */
    cfg = (struct board_config){.mem_size = DEFAULT_MEM, .n_harts = 1};
    struct launch l = {.build = build_new, .ctx = &cfg, .t_main = host_now_ns()};
    const char *kernel = NULL, *initrd = NULL;
    int r = parse_run_options(argc, argv, &cfg, &kernel, &initrd, &l);
    if (r)
        return r > 0 ? 0 : 1;
    char *def_kernel = kernel ? NULL : default_guest_file("Image");
    char *def_initrd = kernel || initrd ? NULL : default_guest_file("initrd.img");
    cfg.kernel = kernel ? (strcmp(kernel, "none") ? kernel : NULL) : def_kernel;
    cfg.initrd = initrd ? (strcmp(initrd, "none") ? initrd : NULL) : def_initrd;
    int status = 1;
    if (!cfg.kernel && !cfg.firmware)
        log_error("--kernel none needs --firmware: there is nothing to run");
    else
        status = launch_domain(&l);
    free(def_kernel);
    free(def_initrd);
    return status;
}
