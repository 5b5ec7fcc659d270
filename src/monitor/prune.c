/* `snapshot-delete`: remove a snapshot from the tree. Its children keep working: each is
 * rewritten (atomically) to hold the pages it used to find in the deleted one, and to hang
 * from the deleted one's parent. A crash between steps leaves a valid tree: a child is either
 * old (its parent still exists) or new (it no longer needs it). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <json-c/json.h>

#include "monitor/disks.h"
#include "monitor/monitor.h"

/* Where a merged child's pages come from: its own file first, then the deleted snapshot. */
static const uint8_t *merged_page(void *ctx, uint64_t pg)
{
    const struct snap_node *child = ctx;
    const uint8_t *p = snapfile_page(child->file, pg);
    return p ? p : snap_node_page(child->parent, pg);
}

static uint64_t *pages_union(const struct snap_node *a, const struct snap_node *b, uint64_t words,
                             uint64_t *n)
{
    uint64_t *map = calloc(words ? words : 1, sizeof(uint64_t));
    uint64_t *list = map ? malloc((a->h.n_pages + b->h.n_pages + 1) * sizeof(uint64_t)) : NULL;
    if (!list) {
        free(map);
        return NULL;
    }
    snap_node_mark_pages(a, map);
    snap_node_mark_pages(b, map);
    *n = 0;
    for (uint64_t w = 0; w < words; w++)
        for (uint64_t bits = map[w]; bits; bits &= bits - 1)
            list[(*n)++] = w * 64 + (uint64_t)__builtin_ctzll(bits);
    free(map);
    return list;
}

static int rewrite_child(struct monitor *m, struct snap_node *child, struct snap_node *gone,
                         char *err, size_t errlen)
{
    uint64_t n, words = (child->h.ram_size / SNAP_PAGE + 63) / 64;
    uint64_t *pages = pages_union(child, gone, words, &n);
    if (!pages) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    struct snapfile_header h = child->h;
    h.kind = gone->h.kind;
    memcpy(h.parent_id, gone->h.parent_id, 16);
    memcpy(h.parent_name, gone->h.parent_name, sizeof(h.parent_name));
    int r = snapfile_write(child->path, &h, child->file->sections, child->h.sections_len,
                           (struct snap_page_source){merged_page, child}, pages, n, err, errlen);
    free(pages);
    (void)m;
    return r;
}

struct json_object *mon_snapshot_delete(struct monitor *m, const char *snap)
{
    char err[PATH_MAX + 256];
    mon_reap_writer(m, true);
    struct snap_node *gone = snap_tree_find(&m->tree, snap);
    if (!gone || !gone->own)
        return reply_error("domain '%s' has no snapshot named '%s' of its own", m->name, snap);
    if (snap_node_open(gone, err, sizeof(err)))
        return reply_error("cannot delete '%s': %s", snap, err);
    if (mon_disks_forget(m, gone, err, sizeof(err)))
        return reply_error("cannot delete '%s': merging its disk layers: %s", snap, err);
    for (size_t i = 0; i < m->tree.n; i++) {
        struct snap_node *c = m->tree.nodes[i];
        if (c->parent != gone)
            continue;
        if (snap_node_open(c, err, sizeof(err)) || rewrite_child(m, c, gone, err, sizeof(err)) ||
            snap_tree_reload(&m->tree, c, err, sizeof(err)) ||
            !(c->file = snapfile_open(c->path, true, err, sizeof(err))))
            return reply_error("cannot delete '%s': rewriting its child '%s': %s", snap, c->h.name, err);
    }
    if (m->base == gone) { /* RAM now differs from the parent by the deleted one's pages too */
        if (gone->h.kind == SNAP_DELTA)
            snap_node_mark_pages(gone, m->b->bus.dirty);
        m->base = gone->h.kind == SNAP_DELTA ? gone->parent : NULL;
    }
    unlink(gone->path);
    snap_tree_remove(&m->tree, gone);
    return reply_ok();
}
