/* The monitor's life: its name, control socket, detached console, and the hook through which
 * the run loop lets it serve requests. */
#include "monitor/monitor.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <json-c/json.h>

#include "monitor/control.h"

const char *monitor_rundir(void)
{
    const char *d = getenv("ARBOR_RUNDIR");
    return d && *d ? d : "/run/arbor";
}

void monitor_path(char *out, size_t len, const char *rundir, const char *name, const char *suffix)
{
    snprintf(out, len, "%s/%s%s", rundir, name, suffix);
}

static int make_dirs(const char *dir)
{
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof(tmp), "%s", dir);
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            if (mkdir(tmp, 0755) && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(tmp, 0700) && errno != EEXIST ? -1 : 0;
}

/* Bind RUNDIR/NAME.sock. A socket nobody answers on is left over from a domain that died:
 * it is replaced. A live one means the name is taken. */
/* A request should not wait for the running hart's time slice to end: SIGIO on the monitor's
 * sockets ends the slice at once. Not in deterministic mode, where slices must end only at
 * fixed instruction counts (requests then wait at most one slice). */
static struct board *kicked_board;
/* Set by signals, so the run loop makes no system call between slices when nothing
 * happened: requests (SIGIO) and ended children (SIGCHLD). */
static volatile sig_atomic_t io_arrived = 1, child_ended = 1;

static void on_sigio(int sig)
{
    (void)sig;
    io_arrived = 1;
    if (kicked_board)
        board_kick(kicked_board);
}

static void on_sigchld(int sig)
{
    (void)sig;
    child_ended = 1;
}

void monitor_notify_on_input(struct monitor *m, int fd)
{
    if (m->b->deterministic)
        return;
    kicked_board = m->b;
    struct sigaction sa = {.sa_handler = on_sigio, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGIO, &sa, NULL);
    fcntl(fd, F_SETOWN, getpid());
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC);
}

int monitor_open_socket(struct monitor *m)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    char path[PATH_MAX];
    monitor_path(path, sizeof(path), m->rundir, m->name, ".sock");
    if (strlen(path) >= sizeof(addr.sun_path)) {
        log_error("control socket path '%s' is too long", path);
        return -1;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);
    int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe >= 0 && connect(probe, (struct sockaddr *)&addr, sizeof(addr)) == 0) {
        close(probe);
        log_error("a domain named '%s' is already running", m->name);
        return -1;
    }
    if (probe >= 0)
        close(probe);
    unlink(path);
    m->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m->listen_fd < 0 || bind(m->listen_fd, (struct sockaddr *)&addr, sizeof(addr)) ||
        chmod(path, 0600) || listen(m->listen_fd, 64)) {
        log_error("cannot open control socket '%s': %s", path, strerror(errno));
        return -1;
    }
    monitor_notify_on_input(m, m->listen_fd);
    return 0;
}

/* Signals are the fast path; this bounds the wait should one ever be missed. */
#define LOOK_ANYWAY_NS 100000000ull

static void hook_poll(void *ctx)
{
    static uint64_t last_look;
    struct monitor *m = ctx;
    /* without SIGIO (deterministic) or while paused (woken by the socket), always look */
    bool look = m->b->deterministic || m->paused || io_arrived;
    if (!look && (m->n_console_clients || m->listen_fd >= 0)) {
        uint64_t now = host_now_ns();
        look = now - last_look > LOOK_ANYWAY_NS;
    }
    if (look)
        last_look = host_now_ns();
    if (child_ended || m->pending.job) {
        child_ended = 0;
        mon_reap_children(m);
    }
    if (look) {
        io_arrived = 0;
        control_serve(m);
    }
}

static int hook_fds(void *ctx, struct pollfd *out, int max)
{
    struct monitor *m = ctx;
    int n = 0;
    if (n < max && m->listen_fd >= 0)
        out[n++] = (struct pollfd){m->listen_fd, POLLIN, 0};
    if (n < max && m->pending.active)
        out[n++] = (struct pollfd){m->pending.result_fd, POLLIN, 0};
    for (unsigned i = 0; i < m->n_console_clients && n < max; i++)
        out[n++] = (struct pollfd){m->console_clients[i], POLLIN, 0};
    return n;
}

int monitor_start(struct monitor *m, struct board *b, const char *name, bool detached)
{
    char dir[PATH_MAX], err[PATH_MAX + 256];
    memset(m, 0, sizeof(*m));
    m->listen_fd = -1;
    m->console_feed = -1;
    m->b = b;
    m->detached = detached;
    m->started_ns = host_now_ns();
    if (!snap_name_valid(name)) {
        log_error("domain name '%s' is invalid: use 1 to 63 letters, digits, '.', '_' or '-', "
                  "not starting with '.'", name);
        return -1;
    }
    snprintf(m->name, sizeof(m->name), "%s", name);
    snprintf(m->rundir, sizeof(m->rundir), "%s", monitor_rundir());
    if (make_dirs(m->rundir)) {
        log_error("cannot create run directory '%s': %s", m->rundir, strerror(errno));
        return -1;
    }
    if (monitor_open_socket(m))
        return -1;
    monitor_path(dir, sizeof(dir), m->rundir, m->name, ".snapshots");
    if (snap_tree_load(&m->tree, dir, err, sizeof(err))) {
        log_error("%s", err);
        return -1;
    }
    if (m->tree.skipped) /* not fatal: the domain runs, those snapshots are not offered */
        log_error("%u damaged file(s) in '%s' left out of the tree (the first: %s)",
                  m->tree.skipped, dir, m->tree.skipped_why);
    struct sigaction sa = {.sa_handler = on_sigchld, .sa_flags = SA_RESTART | SA_NOCLDSTOP};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
    b->hook = (struct board_hook){m, hook_poll, hook_fds};
    b->domain_name = m->name;
    b->rundir = m->rundir;
    return 0;
}

int monitor_detach_console(struct monitor *m)
{
    char path[PATH_MAX];
    int pipefd[2];
    monitor_path(path, sizeof(path), m->rundir, m->name, ".console");
    int out = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (out < 0 || pipe2(pipefd, O_CLOEXEC)) {
        log_error("cannot open console '%s': %s", path, strerror(errno));
        if (out >= 0)
            close(out);
        return -1;
    }
    fcntl(pipefd[1], F_SETFL, O_NONBLOCK); /* a flood of input must not block the machine */
    if (m->b->console_out > 2)
        close(m->b->console_out);
    if (m->b->console_in > 2)
        close(m->b->console_in);
    if (m->console_feed >= 0)
        close(m->console_feed);
    m->b->console_out = out;
    m->b->console_in = pipefd[0];
    m->b->console_in_eof = false;
    m->console_feed = pipefd[1];
    m->detached = true;
    return 0;
}

void monitor_stop(struct monitor *m)
{
    char path[PATH_MAX];
    mon_reap_writer(m, true);
    control_close_clients(m);
    if (m->listen_fd >= 0) {
        monitor_path(path, sizeof(path), m->rundir, m->name, ".sock");
        unlink(path);
        close(m->listen_fd);
        m->listen_fd = -1;
    }
    if (m->console_feed >= 0)
        close(m->console_feed);
    m->console_feed = -1;
    snap_tree_free(&m->tree);
    m->b->hook = (struct board_hook){0};
    m->b->domain_name = m->b->rundir = NULL;
}
