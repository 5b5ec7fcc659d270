/* The machine's run loop and the services devices use: interrupt lines, time, exit. */
#include "board/board.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "dev/plic.h"

/* Instructions a hart runs before the next hart gets its turn and devices are polled. */
#define SLICE 20000

void board_kick(struct board *b)
{
    /* volatile: the store must happen even though the hart loop caches the budget */
    for (unsigned i = 0; i < b->n_harts; i++)
        *(volatile int64_t *)&b->harts[i]->insn_budget = 0;
}

void board_set_irq(struct board *b, unsigned irq, bool level)
{
    if (b->plic)
        plic_set_irq(b->plic, irq, level);
}

static uint64_t elapsed_ns(const struct board *b)
{
    if (b->paused_at_ns)
        return b->paused_at_ns;
    if (b->deterministic)
        return b->icount * BOARD_NS_PER_INSN;
    return host_now_ns() - b->start_ns;
}

uint64_t board_mtime(const struct board *b)
{
    return elapsed_ns(b) / (1000000000ull / VIRT_TIMEBASE_HZ);
}

uint64_t board_wall_ns(const struct board *b)
{
    return b->wall_base_ns + elapsed_ns(b);
}

void board_request_exit(struct board *b, enum board_exit kind, int code)
{
    if (b->exit_kind == EXIT_NONE) {
        b->exit_kind = kind;
        b->exit_code = code;
    }
    for (unsigned i = 0; i < b->n_harts; i++)
        b->harts[i]->insn_budget = 0;
}

uint32_t board_alloc_phandle(struct board *b)
{
    return ++b->next_phandle;
}

static uint64_t board_time_fn(void *ctx)
{
    return board_mtime(ctx);
}

void board_attach_harts(struct board *b)
{
    for (unsigned i = 0; i < b->n_harts; i++) {
        b->harts[i]->time_fn = board_time_fn;
        b->harts[i]->time_ctx = b;
    }
}

/* Built-in SBI timer: STIP follows mtime >= the deadline the kernel asked for. */
static void update_sbi_timers(struct board *b, uint64_t now)
{
    for (unsigned i = 0; i < b->n_harts; i++) {
        struct rv_hart *h = b->harts[i];
        if (h->sbi_fn)
            rv_hart_set_irq(h, MIP_STIP, now >= h->s.sbi_timecmp);
    }
}

static void poll_devices(struct board *b)
{
    for (unsigned i = 0; i < b->n_devices; i++)
        if (b->devices[i].ops->poll)
            b->devices[i].ops->poll(b->devices[i].dev);
    update_sbi_timers(b, board_mtime(b));
}

static bool hart_idle(const struct rv_hart *h)
{
    return h->s.stopped || (h->s.wfi && !((h->s.mip | h->s.mip_lines) & h->s.mie));
}

static uint64_t next_deadline(const struct board *b)
{
    uint64_t t = UINT64_MAX;
    for (unsigned i = 0; i < b->n_devices; i++)
        if (b->devices[i].ops->next_deadline) {
            uint64_t d = b->devices[i].ops->next_deadline(b->devices[i].dev);
            t = d < t ? d : t;
        }
    for (unsigned i = 0; i < b->n_harts; i++)
        if (b->harts[i]->sbi_fn && !b->harts[i]->s.stopped && b->harts[i]->s.sbi_timecmp < t)
            t = b->harts[i]->s.sbi_timecmp;
    return t;
}

static void wait_for_events(struct board *b, const struct timespec *timeout);

/* Every hart waits: sleep until the next timer deadline or console input. */
static void idle_wait(struct board *b)
{
    uint64_t deadline = next_deadline(b), now = board_mtime(b);
    if (b->deterministic) { /* nothing runs meanwhile: jump time to the deadline */
        if (deadline != UINT64_MAX && deadline > now)
            b->icount += (deadline - now) * (1000000000ull / VIRT_TIMEBASE_HZ) / BOARD_NS_PER_INSN + 1;
        return;
    }
    uint64_t wait_ns = deadline <= now ? 0 : (deadline - now) * 100;
    if (wait_ns > 100000000ull)
        wait_ns = 100000000ull; /* wake up now and then even without a deadline */
    struct timespec ts = {(time_t)(wait_ns / 1000000000ull), (long)(wait_ns % 1000000000ull)};
    wait_for_events(b, &ts);
}

/* Sleep until console input, a monitor event or the timeout (NULL: none). */
static void wait_for_events(struct board *b, const struct timespec *timeout)
{
    struct pollfd pfd[16];
    int n = 0;
    if (b->console_in >= 0 && !b->console_in_eof && !b->paused)
        pfd[n++] = (struct pollfd){b->console_in, POLLIN, 0};
    int wake = -1;
    if (b->wake_fd >= 0) {
        wake = n;
        pfd[n++] = (struct pollfd){b->wake_fd, POLLIN, 0};
    }
    if (b->hook.fds)
        n += b->hook.fds(b->hook.ctx, pfd + n, (int)ARRAY_SIZE(pfd) - n);
    ppoll(pfd, (nfds_t)n, timeout, NULL);
    uint64_t count;
    if (wake >= 0 && (pfd[wake].revents & POLLIN) && read(b->wake_fd, &count, sizeof(count)) < 0) {
        /* EAGAIN: another wait already took it */
    }
}

static bool trap_loop_detected(struct board *b)
{
    for (unsigned i = 0; i < b->n_harts; i++) {
        struct rv_hart *h = b->harts[i];
        if (h->trap_loop > 1000) {
            log_error("hart %u is stuck: trap cause %" PRIu64 " at pc 0x%" PRIx64
                      " repeats forever (no working trap handler)", i, h->trap_cause, h->s.pc);
            return true;
        }
    }
    return false;
}

/* SIGUSR1 asks for a statistics line (bench/ measures instructions per second with it). */
static volatile sig_atomic_t stats_requested;

static void on_sigusr1(int sig)
{
    (void)sig;
    stats_requested = 1;
}

static void print_stats(const struct board *b)
{
    uint64_t insns = 0;
    for (unsigned i = 0; i < b->n_harts; i++)
        insns += b->harts[i]->s.minstret;
    fprintf(stderr, "arbor-stats: instructions=%" PRIu64 " host_ns=%" PRIu64 "\n", insns,
            host_now_ns() - b->start_ns);
    for (unsigned i = 0; i < b->n_harts; i++) {
        const struct rv_arch *s = &b->harts[i]->s;
        fprintf(stderr, "arbor-stats: hart %u pc=0x%" PRIx64 " priv=%u wfi=%u stopped=%u mip=0x%"
                PRIx64 " mie=0x%" PRIx64 " mstatus=0x%" PRIx64 "\n", i, s->pc, s->priv, s->wfi,
                s->stopped, s->mip | s->mip_lines, s->mie, s->mstatus);
    }
}

enum board_exit board_run(struct board *b)
{
    signal(SIGUSR1, on_sigusr1);
    while (b->exit_kind == EXIT_NONE) {
        if (stats_requested) {
            stats_requested = 0;
            print_stats(b);
        }
        if (b->hook.poll)
            b->hook.poll(b->hook.ctx);
        if (b->paused) {
            if (b->exit_kind == EXIT_NONE)
                wait_for_events(b, NULL);
            continue;
        }
        bool all_idle = true;
        for (unsigned i = 0; i < b->n_harts; i++) {
            struct rv_hart *h = b->harts[i];
            uint64_t before = h->s.minstret;
            if (b->n_harts > 1)
                h->s.reserved_valid = 0; /* another hart may have written since its LR */
            rv_hart_run(h, SLICE);
            b->icount += h->s.minstret - before + 1;
            all_idle &= hart_idle(h);
        }
        poll_devices(b);
        if (trap_loop_detected(b))
            board_request_exit(b, EXIT_HOST_ERROR, 0);
        else if (all_idle && b->exit_kind == EXIT_NONE)
            idle_wait(b);
    }
    return b->exit_kind;
}
