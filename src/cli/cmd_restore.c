/* `arbor restore FILE --name NEW`: run a saved domain again, exactly where it was. */
#include <stdio.h>
#include <stdlib.h>

#include "board/from_snapshot.h"
#include "cli/cli.h"
#include "cli/launch.h"
#include "cli/snapshot_arg.h"
#include "monitor/disks.h"
#include "monitor/monitor.h"
#include "snap/snapfile.h"

void cmd_restore_usage(void)
{
    printf("usage: arbor restore FILE|NAME/SNAP --name NEW [--detach]\n"
           "Run a saved domain again, exactly where it was, as domain NEW: FILE written by\n"
           "'arbor save', any snapshot file, or snapshot SNAP of domain NAME (which need not\n"
           "be running). Guest memory is mapped from the file copy-on-write (a delta's\n"
           "pages are laid over its full ancestor's), so it starts at once. The guest gets a\n"
           "new VM generation ID unless it was saved from a --deterministic run. --detach\n"
           "runs it in the background like 'arbor run'. The file (and for a delta, the\n"
           "snapshots it builds on) is checked completely first: a truncated, corrupted or\n"
           "foreign file is refused with the reason and nothing is started.\n");
}

struct restore {
    const char *arg;
    struct snapshot_arg snap;
};

/* RAM is the snapshot's image; everything else comes from its sections. */
static int build_restored(struct board *b, void *ctx)
{
    struct restore *r = ctx;
    if (snapshot_arg_open(&r->snap, r->arg))
        return -1;
    return board_build_from_snapshot(b, r->snap.node);
}

/* The disks go on in layers of their own over the images the snapshot froze. */
static int restored(struct monitor *m, void *ctx)
{
    char err[PATH_MAX + 256];
    struct restore *r = ctx;
    const struct snapfile_header *h = &r->snap.node->h;
    snprintf(m->parent_desc, sizeof(m->parent_desc), "%s/%s", h->domain, h->name);
    snapshot_arg_close(&r->snap); /* guest RAM keeps its own reference to the file */
    mon_new_generation(m);
    if (mon_disks_attach(m, NULL, true, err, sizeof(err))) {
        log_error("cannot give the restored disks their own layers: %s", err);
        return -1;
    }
    return 0;
}

int cmd_restore(int argc, char **argv)
{
    struct restore r = {0};
    struct launch l = {.build = build_restored, .started = restored, .ctx = &r,
                       .t_main = host_now_ns()};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) {
            cmd_restore_usage();
            return 0;
        } else if (!strcmp(argv[i], "--detach")) {
            l.detach = true;
        } else if (!strcmp(argv[i], "--name")) {
            if (i + 1 >= argc) {
                log_error("option '--name' needs a value");
                return 1;
            }
            l.name = argv[++i];
        } else if (argv[i][0] == '-' || r.arg) {
            log_error("unexpected argument '%s' (try 'arbor restore --help')", argv[i]);
            return 1;
        } else {
            r.arg = argv[i];
        }
    }
    if (!r.arg || !l.name) {
        log_error("usage: arbor restore FILE|NAME/SNAP --name NEW [--detach]");
        return 1;
    }
    int status = launch_domain(&l);
    snapshot_arg_close(&r.snap);
    return status;
}
