/* `fork`: N clones of a domain, each a fork(2) of this monitor moved to a snapshot. Guest
 * memory is shared copy-on-write by the host kernel, so a clone costs the pages it changes. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-c/json.h>

#include "dev/console_tty.h"
#include "dev/uart.h"
#include "monitor/control.h"
#include "monitor/disks.h"
#include "monitor/monitor.h"

#define MAX_CLONES 64
#define CLONE_READY_TIMEOUT_MS 10000

/* Is a domain of this name answering on its socket? */
static bool domain_alive(const struct monitor *m, const char *name)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    char path[PATH_MAX];
    monitor_path(path, sizeof(path), m->rundir, name, ".sock");
    if (strlen(path) >= sizeof(addr.sun_path))
        return false;
    memcpy(addr.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool alive = fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0;
    if (fd >= 0)
        close(fd);
    return alive;
}

/* The clone lets go of everything that is its parent's: terminal, socket, clients, console.
 * Guest memory is already the snapshot's (the template moved there). */
static int become_clone(struct monitor *m, const char *name, struct snap_node *t)
{
    const char *from = t->h.name;
    char err[PATH_MAX + 256], dir[PATH_MAX];
    setsid();
    control_close_clients(m);
    snprintf(m->parent_desc, sizeof(m->parent_desc), "%s/%s", m->name, from);
    snprintf(m->name, sizeof(m->name), "%s", name);
    m->started_ns = host_now_ns();
    m->paused = m->b->paused = false;
    board_resume_clock(m->b);
    monitor_path(dir, sizeof(dir), m->rundir, m->name, ".snapshots");
    int devnull = open("/dev/null", O_RDWR);
    if (monitor_detach_console(m) || devnull < 0 || monitor_open_socket(m) ||
        snap_tree_rebase(&m->tree, dir, err, sizeof(err)))
        return -1;
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(m->b->console_out, 2); /* the clone's own messages land in its console file */
    close(devnull);
    mon_new_generation(m);
    if (board_after_fork(m->b) || mon_disks_attach_snapshot(m, t, true, err, sizeof(err))) {
        log_error("clone '%s' cannot start its devices: %s", name, err);
        return -1;
    }
    return 0;
}

/* What a clone tells the parent once it answers on its socket: 'R' and its pid. */
struct clone_ready {
    char tag;
    pid_t pid;
};

/* Parent side: wait for a clone's report (or its death, which closes the pipe). */
static pid_t clone_ready(int fd)
{
    struct clone_ready r = {0, 0};
    uint64_t deadline = host_now_ns() + CLONE_READY_TIMEOUT_MS * 1000000ull;
    for (;;) { /* SIGCHLD of the template interrupts poll(2) */
        struct pollfd pfd = {fd, POLLIN, 0};
        uint64_t now = host_now_ns();
        if (now >= deadline)
            return -1;
        int n = poll(&pfd, 1, (int)((deadline - now) / 1000000ull) + 1);
        if (n == 1)
            break;
        if (n < 0 && errno != EINTR)
            return -1;
    }
    if (read(fd, &r, sizeof(r)) != sizeof(r) || r.tag != 'R')
        return -1;
    return r.pid;
}

/* In the template (a fork of the monitor already moved to the snapshot): fork every clone.
 * Clones wait on `go` until all are forked, so none steals the CPU the others need to start;
 * then the template exits and the clones belong to nobody here (no zombies to collect). */
static void run_template(struct monitor *m, struct snap_node *t, char **names, unsigned n,
                         int *ready, int start, bool *deferred)
{
    char err[PATH_MAX + 256];
    uint64_t pages;
    int go[2];
    if (mon_switch_to(m, t, &pages, err, sizeof(err)) || pipe2(go, O_CLOEXEC)) {
        log_error("clones cannot start from '%s': %s", t->h.name, err);
        _exit(1);
    }
    /* Two forkers share the work: fork(2) copies page tables, which is most of the time. */
    unsigned lo = 0, hi = n;
    if (n >= 4) {
        pid_t helper = fork();
        lo = helper == 0 ? n / 2 : 0;
        hi = helper == 0 ? n : n / 2;
    }
    for (unsigned i = lo; i < hi; i++) {
        pid_t pid = fork();
        if (pid != 0)
            continue;
        close(go[1]);
        for (unsigned k = 0; k < n; k++)
            if (k != i)
                close(ready[k]);
        char c; /* every clone is forked before any sets up: the forkers keep the CPUs */
        while (read(go[0], &c, 1) < 0 && errno == EINTR)
            ;
        close(go[0]);
        struct clone_ready r = {'R', getpid()};
        if (become_clone(m, names[i], t) || write(ready[i], &r, sizeof(r)) != sizeof(r))
            _exit(1);
        close(ready[i]);
        /* and none runs its guest before all are ready: that would starve the rest */
        while (read(start, &c, 1) < 0 && errno == EINTR)
            ;
        close(start);
        *deferred = true; /* the parent answers; the clone never touches its client */
        return;
    }
    _exit(0); /* closing go[1] releases the clones */
}

static struct json_object *spawn(struct monitor *m, struct snap_node *t, char **names,
                                 unsigned n, int client_fd, bool *deferred)
{
    uint64_t t0 = host_now_ns();
    int rd[MAX_CLONES], wr[MAX_CLONES], start[2];
    unsigned made = 0;
    if (pipe2(start, O_CLOEXEC))
        return reply_error("cannot fork: %s", strerror(errno));
    if (m->b->uart)
        uart_flush(m->b->uart); /* the parent's pending output is not the clones' */
    board_quiesce(m->b); /* no I/O thread comes along into the clones */
    for (; made < n; made++) {
        int p[2];
        if (pipe2(p, O_CLOEXEC))
            break;
        rd[made] = p[0], wr[made] = p[1];
    }
    pid_t tpl = made == n ? fork() : -1;
    if (tpl == 0) {
        for (unsigned i = 0; i < n; i++)
            close(rd[i]);
        close(client_fd);
        util_clear_exit_hooks();
        console_tty_disown();
        close(m->listen_fd);
        m->listen_fd = -1;
        close(start[1]);
        run_template(m, t, names, n, wr, start[0], deferred);
        return NULL; /* a clone, on its way to its run loop */
    }
    close(start[0]);
    struct json_object *o = reply_ok(), *list = json_object_new_array(), *pids = json_object_new_array();
    unsigned failed = made == n && tpl > 0 ? 0 : n;
    for (unsigned i = 0; i < made; i++) {
        close(wr[i]);
        pid_t pid = failed ? -1 : clone_ready(rd[i]);
        close(rd[i]);
        if (pid < 0) {
            failed++;
            continue;
        }
        json_object_array_add(list, json_object_new_string(names[i]));
        json_object_array_add(pids, json_object_new_int(pid));
    }
    close(start[1]); /* all clones answer: let them run */
    if (tpl > 0)
        waitpid(tpl, NULL, 0);
    json_object_object_add(o, "names", list);
    json_object_object_add(o, "pids", pids);
    json_object_object_add(o, "us", json_object_new_int64((int64_t)((host_now_ns() - t0) / 1000)));
    if (failed) {
        json_object_put(o);
        return reply_error("%u of %u clones failed to start (see their .console files)",
                           failed > n ? n : failed, n);
    }
    return o;
}

/* Names from "names": [..] or "count": N (NAME.1 .. NAME.N). Returns the count, or 0 with
 * *err set. */
static unsigned clone_names(struct monitor *m, struct json_object *req, char **names,
                            struct json_object **err)
{
    struct json_object *v;
    unsigned n = 0;
    if (json_object_object_get_ex(req, "names", &v) && json_object_is_type(v, json_type_array)) {
        size_t len = json_object_array_length(v);
        if (len == 0 || len > MAX_CLONES) {
            *err = reply_error("fork needs 1 to %d names", MAX_CLONES);
            return 0;
        }
        for (; n < len; n++) {
            struct json_object *s = json_object_array_get_idx(v, n);
            names[n] = strdup(json_object_is_type(s, json_type_string) ? json_object_get_string(s) : "");
        }
    } else if (json_object_object_get_ex(req, "count", &v) && json_object_is_type(v, json_type_int)) {
        int64_t c = json_object_get_int64(v);
        if (c < 1 || c > MAX_CLONES) {
            *err = reply_error("fork count must be 1 to %d", MAX_CLONES);
            return 0;
        }
        for (; n < c; n++) {
            char buf[SNAP_NAME_MAX + 16];
            snprintf(buf, sizeof(buf), "%s.%u", m->name, n + 1);
            names[n] = strdup(buf);
        }
    } else {
        *err = reply_error("fork needs \"count\" (a number) or \"names\" (a list)");
    }
    return n;
}

static const char *bad_clone_name(struct monitor *m, char **names, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (!names[i] || !snap_name_valid(names[i]))
            return names[i] ? names[i] : "";
        for (unsigned k = 0; k < i; k++)
            if (!strcmp(names[k], names[i]))
                return names[i];
        if (!strcmp(names[i], m->name) || domain_alive(m, names[i]))
            return names[i];
    }
    return NULL;
}

struct json_object *mon_fork_request(struct monitor *m, struct json_object *req, int fd,
                                     bool *deferred)
{
    char *names[MAX_CLONES] = {0}, err[PATH_MAX + 256];
    struct json_object *e = NULL, *snapv, *reply;
    mon_reap_writer(m, true);
    unsigned n = clone_names(m, req, names, &e);
    const char *bad = n ? bad_clone_name(m, names, n) : NULL;
    struct snap_node *t = NULL;
    if (!n)
        reply = e;
    else if (bad)
        reply = reply_error("clone name '%.80s' is invalid, repeated, or taken by a running domain", bad);
    else if (!json_object_object_get_ex(req, "snap", &snapv) || !json_object_is_type(snapv, json_type_string))
        reply = reply_error("request needs a string \"snap\"");
    else if (!(t = snap_tree_find(&m->tree, json_object_get_string(snapv))))
        reply = reply_error("domain '%s' has no snapshot named '%.80s'", m->name, json_object_get_string(snapv));
    else if (snap_node_open(t, err, sizeof(err)))
        reply = reply_error("cannot fork from '%s': %s", t->h.name, err);
    else
        reply = spawn(m, t, names, n, fd, deferred);
    for (unsigned i = 0; i < n; i++)
        free(names[i]);
    return reply;
}
