/* A snapshot named on the command line (`arbor inspect`, `arbor restore`): a file, or
 * NAME/SNAP in the run directory, opened together with its directory's tree so that a delta
 * finds the snapshots it builds on. */
#ifndef ARBOR_CLI_SNAPSHOT_ARG_H
#define ARBOR_CLI_SNAPSHOT_ARG_H

#include "snap/tree.h"

struct snapshot_arg {
    char path[PATH_MAX];   /* the file, resolved */
    struct snap_tree tree; /* its directory */
    struct snap_node *node;/* it, opened and checked with all its ancestors */
};

/* 0, or -1 after logging one line that names the file and what is wrong with it (or with
 * the snapshot it builds on). Close with snapshot_arg_close either way. */
int snapshot_arg_open(struct snapshot_arg *a, const char *arg);
void snapshot_arg_close(struct snapshot_arg *a);

#endif
