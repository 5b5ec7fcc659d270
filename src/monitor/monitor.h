/* The monitor: the process that runs one domain. Besides the machine it owns the domain's
 * control socket (RUNDIR/NAME.sock, protocol in docs/api.md), its console when detached, and
 * its snapshot tree (RUNDIR/NAME.snapshots/). Everything here runs on the machine's thread,
 * between time slices, so the machine is always between instructions when it is touched. */
#ifndef ARBOR_MONITOR_MONITOR_H
#define ARBOR_MONITOR_MONITOR_H

#include <limits.h>
#include <sys/types.h>

#include "board/board.h"
#include "snap/tree.h"

struct json_object;

struct copy_job;

/* The disk images a snapshot froze. Its writer makes them durable before the snapshot file:
 * a snapshot on disk must not outlive the disk contents its memory believes written. */
struct frozen_images {
    unsigned n;
    char path[BOARD_MAX_USER_DEVICES][PATH_MAX];
};

/* A snapshot being written while the guest runs on: by a forked copy of the monitor (which
 * sees memory frozen by copy-on-write), or for a small delta by a thread writing a copy of
 * its pages (copying a few hundred pages is cheaper than fork(2)). */
struct pending_write {
    bool active;
    pid_t pid;                   /* the forked writer, or 0 */
    struct copy_job *job;        /* the writer thread's work, or NULL */
    int result_fd;               /* the writer's report: empty on success, else the reason */
    int client_fd;               /* who gets the answer */
    char path[PATH_MAX];
    uint64_t *prev_dirty;        /* pages dirty before the capture, given back on failure */
    struct snap_node *prev_base;
    struct json_object *reply;   /* what the answer will say on success */
    struct frozen_images frozen;
};

struct monitor {
    char name[SNAP_NAME_MAX];
    char rundir[PATH_MAX];
    struct board *b;
    int listen_fd;
    bool paused;
    bool detached;
    uint64_t started_ns;         /* host clock when this domain came to be */
    int console_feed;            /* write end of the console input pipe when detached, or -1 */
    int console_clients[8];      /* connections of `arbor console`: their bytes are input */
    unsigned n_console_clients;
    struct snap_tree tree;
    struct snap_node *base;      /* RAM = base's memory + the pages in bus->dirty; NULL: none */
    struct pending_write pending;
    char parent_desc[2 * SNAP_NAME_MAX + 2]; /* where this domain came from, for `list` */
};

/* Paths under the run directory ($ARBOR_RUNDIR, default /run/arbor). */
const char *monitor_rundir(void);
void monitor_path(char *out, size_t len, const char *rundir, const char *name, const char *suffix);

/* Take the name (refused when a live domain has it), read its snapshot tree and open its
 * control socket; hook into the board's run loop. 0, or -1 after logging one line. */
int monitor_start(struct monitor *m, struct board *b, const char *name, bool detached);
/* Bind RUNDIR/NAME.sock (a stale socket of a dead domain is replaced). 0 or -1, logged. */
int monitor_open_socket(struct monitor *m);
/* Input on `fd` ends the running hart's time slice at once (SIGIO), unless deterministic. */
void monitor_notify_on_input(struct monitor *m, int fd);
/* Detached: console output appended to RUNDIR/NAME.console, input from `arbor console`. */
int monitor_detach_console(struct monitor *m);
void monitor_stop(struct monitor *m);

/* Operations (monitor/ops.c). Each returns a reply object (ok or error). */
struct json_object *monitor_request(struct monitor *m, struct json_object *req, int client_fd,
                                    bool *deferred);

/* Snapshot engine (monitor/snapshots.c). */
struct json_object *mon_snapshot(struct monitor *m, const char *snap, int client_fd, bool *deferred);
struct json_object *mon_revert(struct monitor *m, const char *snap);
struct json_object *mon_fork(struct monitor *m, const char *snap, char **names, unsigned n);
struct json_object *mon_save(struct monitor *m, const char *file);
struct json_object *mon_snapshot_delete(struct monitor *m, const char *snap);
/* Finish a pending snapshot write when the writer has ended; `wait` blocks for it. */
void mon_reap_writer(struct monitor *m, bool wait);
/* Collect ended children: a finished writer, clones that stopped. */
void mon_reap_children(struct monitor *m);
/* Move the machine to snapshot `n` (opened): sections, then the pages that differ. */
int mon_switch_to(struct monitor *m, struct snap_node *n, uint64_t *pages_out, char *err, size_t errlen);
/* A new generation ID for the guest, unless replay must be exact. */
void mon_new_generation(struct monitor *m);

/* Reply helpers. */
struct json_object *reply_ok(void);
struct json_object *reply_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
