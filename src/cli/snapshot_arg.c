/* Finding and opening a snapshot named on the command line (see snapshot_arg.h). */
#include "cli/snapshot_arg.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "monitor/monitor.h"

/* FILE if it exists, else NAME/SNAP in the run directory. */
static int resolve(struct snapshot_arg *in, const char *arg)
{
    struct stat st;
    if (stat(arg, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            log_error("'%s' is not a snapshot file (not a regular file)", arg);
            return -1;
        }
        snprintf(in->path, sizeof(in->path), "%s", arg);
        return 0;
    }
    int why = errno;
    const char *slash = strchr(arg, '/');
    char name[SNAP_NAME_MAX], snap[SNAP_NAME_MAX];
    if (why == ENOENT && slash && (size_t)(slash - arg) < sizeof(name) &&
        strlen(slash + 1) < sizeof(snap)) {
        memcpy(name, arg, (size_t)(slash - arg));
        name[slash - arg] = 0;
        snprintf(snap, sizeof(snap), "%s", slash + 1);
        if (snap_name_valid(name) && snap_name_valid(snap)) {
            char dir[PATH_MAX];
            monitor_path(dir, sizeof(dir), monitor_rundir(), name, ".snapshots");
            int n = snprintf(in->path, sizeof(in->path), "%s/%s.snap", dir, snap);
            if (n > 0 && (size_t)n < sizeof(in->path) && stat(in->path, &st) == 0 &&
                S_ISREG(st.st_mode))
                return 0;
            log_error("no file '%s', and domain '%s' has no snapshot '%s' (no %s)", arg, name,
                      snap, in->path);
            return -1;
        }
    }
    log_error("cannot open '%s': %s", arg, strerror(why));
    return -1;
}

static bool same_file(const char *a_real, const char *b)
{
    char real[PATH_MAX];
    return realpath(b, real) && !strcmp(a_real, real);
}

/* A delta whose parent is not in the tree: say what became of it. */
static void explain_missing_parent(const struct snapshot_arg *in, const struct snap_node *x)
{
    char path[PATH_MAX + SNAP_NAME_MAX + 8], err[2 * PATH_MAX];
    struct snapfile_header h;
    if (snap_name_valid(x->h.parent_name)) {
        snprintf(path, sizeof(path), "%s/%s.snap", in->tree.dir, x->h.parent_name);
        if (access(path, F_OK) == 0 && snapfile_read_header(path, &h, err, sizeof(err))) {
            log_error("snapshot '%s' is a delta on '%s', which is damaged: %s", x->h.name,
                      x->h.parent_name, err);
            return;
        }
    }
    log_error("snapshot '%s' is a delta on '%s', which is not in %s (deleted, or the file was "
              "moved without it)", x->h.name, x->h.parent_name, in->tree.dir);
}

int snapshot_arg_open(struct snapshot_arg *in, const char *arg)
{
    char real[PATH_MAX], copy[PATH_MAX], dir[PATH_MAX], err[2 * PATH_MAX + 256];
    struct snapfile_header h;
    memset(in, 0, sizeof(*in));
    if (resolve(in, arg))
        return -1;
    if (!realpath(in->path, real)) {
        log_error("cannot open '%s': %s", in->path, strerror(errno));
        return -1;
    }
    /* This file's own faults first, in its own words. */
    if (snapfile_read_header(real, &h, err, sizeof(err))) {
        log_error("%s", err);
        return -1;
    }
    snprintf(copy, sizeof(copy), "%s", real);
    snprintf(dir, sizeof(dir), "%s", dirname(copy));
    if (snap_tree_load(&in->tree, dir, err, sizeof(err))) {
        /* An unreadable directory: the file alone (a delta will miss its parent). */
        snap_tree_free(&in->tree);
        snprintf(in->tree.dir, sizeof(in->tree.dir), "%s", dir);
    }
    for (size_t i = 0; i < in->tree.n && !in->node; i++)
        if (same_file(real, in->tree.nodes[i]->path))
            in->node = in->tree.nodes[i];
    /* Not named *.snap (a file from 'arbor save'), or it went away meanwhile. */
    if (!in->node && !(in->node = snap_tree_add(&in->tree, real, err, sizeof(err)))) {
        log_error("%s", err);
        return -1;
    }
    for (const struct snap_node *x = in->node; x && x->h.kind == SNAP_DELTA; x = x->parent)
        if (!x->parent) {
            explain_missing_parent(in, x);
            return -1;
        }
    if (snap_node_open(in->node, err, sizeof(err))) {
        log_error("%s", err);
        return -1;
    }
    return 0;
}

void snapshot_arg_close(struct snapshot_arg *a)
{
    snap_tree_free(&a->tree);
    a->node = NULL;
}
