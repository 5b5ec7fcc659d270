/* `arbor restore FILE --name NEW`: run a saved domain again, exactly where it was. */
#include <stdio.h>
#include <stdlib.h>

#include "board/from_snapshot.h"
#include "cli/cli.h"
#include "cli/launch.h"
#include "monitor/monitor.h"
#include "snap/snapfile.h"

void cmd_restore_usage(void)
{
    printf("usage: arbor restore FILE --name NEW [--detach]\n"
           "Run the domain saved in FILE (by 'arbor save', or a full snapshot) again, exactly\n"
           "where it was, as domain NEW. Guest memory is mapped from FILE copy-on-write, so it\n"
           "starts at once. The guest gets a new VM generation ID unless it was saved from a\n"
           "--deterministic run. --detach runs it in the background like 'arbor run'.\n"
           "The file is checked completely first: a truncated, corrupted or foreign file is\n"
           "refused with the reason and nothing is started.\n");
}

struct restore {
    const char *file;
    struct snapfile *f;
};

/* RAM is the file's image; everything else comes from its sections. */
static int build_restored(struct board *b, void *ctx)
{
    struct restore *r = ctx;
    struct snap_node node; /* the file alone: a full snapshot needs no tree */
    char err[PATH_MAX + 256];
    if (!(r->f = snapfile_open(r->file, false, err, sizeof(err)))) {
        log_error("%s", err);
        return -1;
    }
    if (r->f->h.kind != SNAP_FULL) {
        log_error("'%s' is a delta snapshot: it needs its parent; revert to it in its domain, "
                  "or restore a file written by 'arbor save'", r->file);
        return -1;
    }
    memset(&node, 0, sizeof(node));
    snprintf(node.path, sizeof(node.path), "%s", r->file);
    node.h = r->f->h;
    node.file = r->f;
    return board_build_from_snapshot(b, &node);
}

static void restored(struct monitor *m, void *ctx)
{
    struct restore *r = ctx;
    snprintf(m->parent_desc, sizeof(m->parent_desc), "%s/%s", r->f->h.domain, r->f->h.name);
    mon_new_generation(m);
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
        } else if (argv[i][0] == '-' || r.file) {
            log_error("unexpected argument '%s' (try 'arbor restore --help')", argv[i]);
            return 1;
        } else {
            r.file = argv[i];
        }
    }
    if (!r.file || !l.name) {
        log_error("usage: arbor restore FILE --name NEW [--detach]");
        return 1;
    }
    int status = launch_domain(&l);
    snapfile_close(r.f);
    return status;
}
