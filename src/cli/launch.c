/* Starting a domain: build the machine, take the name, and run it here or in the background. */
#include "cli/launch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "dev/console_tty.h"
#include "monitor/monitor.h"

int launch_exit_status(const struct board *b, enum board_exit how)
{
    switch (how) {
    case EXIT_POWEROFF: return 0;
    case EXIT_DESTROYED: return 0;
    case EXIT_REBOOT: return 3;
    case EXIT_GUEST_FAIL: log_error("guest failed with code %d", b->exit_code); return 4;
    default: return 1;
    }
}

/* ARBOR_STATS=1: how much the guest ran and how fast, for bench/ (on stderr). */
static void print_stats(const struct board *b, uint64_t t_main, uint64_t t_run)
{
    if (!getenv("ARBOR_STATS"))
        return;
    uint64_t insns = 0, now = host_now_ns();
    for (unsigned i = 0; i < b->n_harts; i++)
        insns += b->harts[i]->s.minstret;
    double run_s = (double)(now - t_run) / 1e9;
    fprintf(stderr, "arbor-stats: instructions=%llu run_seconds=%.3f mips=%.1f start_to_first_insn_ms=%.3f\n",
            (unsigned long long)insns, run_s, run_s > 0 ? (double)insns / run_s / 1e6 : 0.0,
            (double)(t_run - t_main) / 1e6);
}

/* Build, take the name, run. `ready` (or -1) gets one byte once the domain answers. */
static int run_domain(const struct launch *l, int ready)
{
    static struct board b;
    static struct monitor m;
    int status = 1;
    bool have_monitor = false;
    if (l->build(&b, l->ctx) == 0 &&
        (!l->name || (have_monitor = monitor_start(&m, &b, l->name, l->detach) == 0)) &&
        (!l->detach || monitor_detach_console(&m) == 0) &&
        (!l->started || !have_monitor || l->started(&m, l->ctx) == 0)) {
        if (ready >= 0) {
            int devnull = open("/dev/null", O_RDWR);
            dup2(devnull, 0);
            dup2(devnull, 1);
            dup2(b.console_out, 2); /* later messages go to the console file */
            close(devnull);
            if (write(ready, "R", 1) != 1)
                _exit(1);
            close(ready);
        } else {
            console_tty_init(b.console_in);
        }
        uint64_t t_run = host_now_ns();
        status = launch_exit_status(&b, board_run(&b));
        print_stats(&b, l->t_main, t_run);
    }
    if (have_monitor)
        monitor_stop(&m);
    util_run_exit_hooks();
    board_destroy(&b);
    return status;
}

int launch_domain(const struct launch *l)
{
    if (!l->detach)
        return run_domain(l, -1);
    int p[2];
    if (pipe2(p, O_CLOEXEC)) {
        log_error("cannot start a background domain: %s", strerror(errno));
        return 1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        setsid();
        _exit(run_domain(l, p[1]));
    }
    close(p[1]);
    char c = 0;
    ssize_t r = pid < 0 ? -1 : read(p[0], &c, 1);
    close(p[0]);
    if (r != 1 || c != 'R') {
        if (pid < 0)
            log_error("cannot start a background domain: %s", strerror(errno));
        return 1;
    }
    return 0;
}
