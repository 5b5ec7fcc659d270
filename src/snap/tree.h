/* The snapshot tree of a domain: the snapshot files in its directory, linked by parent id.
 * A delta snapshot's memory is its own pages over its parent's, down to a full one. */
#ifndef ARBOR_SNAP_TREE_H
#define ARBOR_SNAP_TREE_H

#include "snap/snapfile.h"

struct snap_node {
    char path[PATH_MAX];
    struct snapfile_header h;   /* checked when the tree was read */
    struct snapfile *file;      /* opened and fully checked on first use, else NULL */
    struct snap_node *parent;   /* NULL for a full snapshot, or a delta whose parent is gone */
    bool own;                   /* in the tree's directory (not inherited from a fork parent) */
};

struct snap_tree {
    char dir[PATH_MAX];
    struct snap_node **nodes;
    size_t n;
    unsigned skipped;                 /* damaged or unreadable files left out */
    char skipped_why[PATH_MAX + 128]; /* the first one's reason */
};

/* Read the headers of every snapshot in `dir` (created if missing). Unreadable or damaged
 * files are left out and counted in `skipped`; temporary files of dead writers are removed.
 * 0, or -1 with the reason in `err`. */
int snap_tree_load(struct snap_tree *t, const char *dir, char *err, size_t errlen);
void snap_tree_free(struct snap_tree *t);
/* Forget which nodes are this tree's own and read another directory (a forked clone keeps its
 * parent's snapshots to revert to, but writes new ones to its own directory). */
int snap_tree_rebase(struct snap_tree *t, const char *dir, char *err, size_t errlen);
/* The tree's own snapshot of that name, else an inherited one, else NULL. */
struct snap_node *snap_tree_find(struct snap_tree *t, const char *name);
/* Add a snapshot just written at `path`. NULL with the reason in `err`. */
struct snap_node *snap_tree_add(struct snap_tree *t, const char *path, char *err, size_t errlen);
void snap_tree_remove(struct snap_tree *t, struct snap_node *n);
/* Re-read node `n` after its file was rewritten. 0, or -1 with the reason. */
int snap_tree_reload(struct snap_tree *t, struct snap_node *n, char *err, size_t errlen);
void snap_tree_link(struct snap_tree *t);

/* Open and check the files of `n` and all its ancestors. 0, or -1 with the reason. */
int snap_node_open(struct snap_node *n, char *err, size_t errlen);
/* The content of guest page `pg` at snapshot `n` (opened): a pointer into a file, or a page of
 * zeros. */
const uint8_t *snap_node_page(const struct snap_node *n, uint64_t pg);
/* Set in `map` (a page bitmap) the pages `n` itself stores. */
void snap_node_mark_pages(const struct snap_node *n, uint64_t *map);

/* Names of domains and snapshots: 1..63 of [A-Za-z0-9._-], not starting with '.'. */
bool snap_name_valid(const char *name);
/* Human-readable time of a snapshot. */
void snap_format_time(uint64_t created_ns, char *out, size_t len);

#endif
