/* Starting a domain, in the foreground or detached, for `run` and `restore`. */
#ifndef ARBOR_CLI_LAUNCH_H
#define ARBOR_CLI_LAUNCH_H

#include "board/board.h"

struct monitor;

struct launch {
    const char *name; /* NULL: no control socket (plain `arbor run`) */
    bool detach;
    /* Build the machine into `b`: 0, or -1 after logging one line. */
    int (*build)(struct board *b, void *ctx);
    /* Called once the monitor exists, before the guest runs (may be NULL): 0, or -1 after
     * logging why the domain cannot run. */
    int (*started)(struct monitor *m, void *ctx);
    void *ctx;
    uint64_t t_main; /* when the process started, for ARBOR_STATS */
};

/* Run the domain to its end; returns the process exit status. Detached, returns 0 as soon as
 * the domain answers on its socket (the domain itself runs on in the background), or 1 when it
 * could not start (the reason was printed). */
int launch_domain(const struct launch *l);

/* Status for how the machine ended (documented in `arbor run --help`). */
int launch_exit_status(const struct board *b, enum board_exit how);

#endif
