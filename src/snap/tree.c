/* Reading a directory of snapshots into a tree, and reading memory through it. */
#include "snap/tree.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

static const uint8_t zero_page[SNAP_PAGE];

bool snap_name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= SNAP_NAME_MAX || name[0] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}

void snap_format_time(uint64_t created_ns, char *out, size_t len)
{
    time_t t = (time_t)(created_ns / 1000000000ull);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, len, "%Y-%m-%d %H:%M:%S", &tm);
}

static bool is_zero_id(const uint8_t id[16])
{
    for (int i = 0; i < 16; i++)
        if (id[i])
            return false;
    return true;
}

static bool is_parent_candidate(const struct snap_node *p, const struct snap_node *n)
{
    return p != n && !memcmp(p->h.id, n->h.parent_id, 16) && p->h.ram_size == n->h.ram_size &&
           p->h.ram_base == n->h.ram_base;
}

/* Two files claim the parent's id (a copy of it, say): prefer the one with the recorded
 * name, then the one in the child's own directory. */
static bool better_parent(const struct snap_node *a, const struct snap_node *b,
                          const struct snap_node *n)
{
    bool a_named = !strcmp(a->h.name, n->h.parent_name), b_named = !strcmp(b->h.name, n->h.parent_name);
    if (a_named != b_named)
        return a_named;
    return a->own == n->own && b->own != n->own;
}

void snap_tree_link(struct snap_tree *t)
{
    for (size_t i = 0; i < t->n; i++) {
        struct snap_node *n = t->nodes[i];
        n->parent = NULL;
        if (is_zero_id(n->h.parent_id))
            continue;
        for (size_t k = 0; k < t->n; k++)
            if (is_parent_candidate(t->nodes[k], n) &&
                (!n->parent || better_parent(t->nodes[k], n->parent, n)))
                n->parent = t->nodes[k];
    }
    /* Files are untrusted: a chain that loops (ids made to) is cut rather than followed. */
    for (size_t i = 0; i < t->n; i++) {
        size_t steps = 0;
        for (struct snap_node *x = t->nodes[i]; x && steps <= t->n; x = x->parent)
            steps++;
        if (steps > t->n)
            t->nodes[i]->parent = NULL;
    }
}

static struct snap_node *add_node(struct snap_tree *t, const char *path, bool own, char *err,
                                  size_t errlen)
{
    struct snap_node *n = calloc(1, sizeof(*n));
    struct snap_node **grown = realloc(t->nodes, (t->n + 1) * sizeof(*t->nodes));
    if (!n || !grown) {
        free(n);
        if (grown)
            t->nodes = grown;
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    t->nodes = grown;
    if (snapfile_read_header(path, &n->h, err, errlen)) {
        free(n);
        return NULL;
    }
    snprintf(n->path, sizeof(n->path), "%s", path);
    n->own = own;
    t->nodes[t->n++] = n;
    return n;
}

static bool is_snapshot_file(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && !strcmp(name + n - 5, ".snap");
}

/* ".NAME.snap.tmp.PID" is a snapshot being written; once its writer is dead it never will be
 * finished (a monitor killed mid-write), so it goes. */
static void remove_stale_temp(const struct snap_tree *t, const char *name)
{
    const char *tag = strstr(name, ".tmp.");
    char *end;
    if (name[0] != '.' || !tag)
        return;
    long pid = strtol(tag + 5, &end, 10);
    if (*end || pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH)) {
        char path[PATH_MAX];
        if (snprintf(path, sizeof(path), "%s/%s", t->dir, name) < (int)sizeof(path))
            unlink(path);
    }
}

static int scan_dir(struct snap_tree *t, char *err, size_t errlen)
{
    if (mkdir(t->dir, 0700) && errno != EEXIST) {
        snprintf(err, errlen, "cannot create snapshot directory '%s': %s", t->dir, strerror(errno));
        return -1;
    }
    DIR *d = opendir(t->dir);
    if (!d) {
        snprintf(err, errlen, "cannot read snapshot directory '%s': %s", t->dir, strerror(errno));
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        char path[PATH_MAX], why[PATH_MAX + 128];
        remove_stale_temp(t, e->d_name);
        if (!is_snapshot_file(e->d_name))
            continue;
        if (snprintf(path, sizeof(path), "%s/%s", t->dir, e->d_name) >= (int)sizeof(path))
            snprintf(why, sizeof(why), "'%.200s': path too long", e->d_name);
        else if (add_node(t, path, true, why, sizeof(why)))
            continue;
        if (!t->skipped++) /* damaged files are left out; callers say so once */
            snprintf(t->skipped_why, sizeof(t->skipped_why), "%s", why);
    }
    closedir(d);
    snap_tree_link(t);
    return 0;
}

int snap_tree_load(struct snap_tree *t, const char *dir, char *err, size_t errlen)
{
    memset(t, 0, sizeof(*t));
    snprintf(t->dir, sizeof(t->dir), "%s", dir);
    return scan_dir(t, err, errlen);
}

int snap_tree_rebase(struct snap_tree *t, const char *dir, char *err, size_t errlen)
{
    for (size_t i = 0; i < t->n; i++)
        t->nodes[i]->own = false;
    snprintf(t->dir, sizeof(t->dir), "%s", dir);
    return scan_dir(t, err, errlen);
}

static void free_node(struct snap_node *n)
{
    snapfile_close(n->file);
    free(n);
}

void snap_tree_free(struct snap_tree *t)
{
    for (size_t i = 0; i < t->n; i++)
        free_node(t->nodes[i]);
    free(t->nodes);
    memset(t, 0, sizeof(*t));
}

struct snap_node *snap_tree_find(struct snap_tree *t, const char *name)
{
    struct snap_node *inherited = NULL;
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->nodes[i]->h.name, name)) {
            if (t->nodes[i]->own)
                return t->nodes[i];
            inherited = t->nodes[i];
        }
    return inherited;
}

struct snap_node *snap_tree_add(struct snap_tree *t, const char *path, char *err, size_t errlen)
{
    struct snap_node *n = add_node(t, path, true, err, errlen);
    if (n)
        snap_tree_link(t);
    return n;
}

void snap_tree_remove(struct snap_tree *t, struct snap_node *n)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->nodes[i] == n) {
            t->nodes[i] = t->nodes[--t->n];
            break;
        }
    free_node(n);
    snap_tree_link(t);
}

int snap_tree_reload(struct snap_tree *t, struct snap_node *n, char *err, size_t errlen)
{
    snapfile_close(n->file);
    n->file = NULL;
    int r = snapfile_read_header(n->path, &n->h, err, errlen);
    snap_tree_link(t);
    return r;
}

int snap_node_open(struct snap_node *n, char *err, size_t errlen)
{
    for (struct snap_node *x = n; x; x = x->parent) {
        if (!x->file && !(x->file = snapfile_open(x->path, false, err, errlen)))
            return -1;
        if (memcmp(&x->file->h, &x->h, sizeof(x->h))) {
            snprintf(err, errlen, "snapshot '%s' changed on disk since its tree was read", x->path);
            return -1;
        }
        if (x->h.kind == SNAP_DELTA && !x->parent) {
            snprintf(err, errlen, "snapshot '%s' needs its parent '%s', which is missing or damaged",
                     x->h.name, x->h.parent_name);
            return -1;
        }
        if (x->h.kind == SNAP_FULL)
            break;
    }
    return 0;
}

const uint8_t *snap_node_page(const struct snap_node *n, uint64_t pg)
{
    for (const struct snap_node *x = n; x; x = x->parent) {
        const uint8_t *p = snapfile_page(x->file, pg);
        if (p)
            return p;
        if (x->h.kind == SNAP_FULL)
            break;
    }
    return zero_page;
}

void snap_node_mark_pages(const struct snap_node *n, uint64_t *map)
{
    /* the index was checked to be within ram_size when the file was opened */
    for (uint64_t k = 0; k < n->file->h.n_pages; k++) {
        uint64_t pg = n->file->index[k].page;
        map[pg / 64] |= 1ull << (pg % 64);
    }
}
