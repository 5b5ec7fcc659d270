/* `arbor tree NAME`: the domain's snapshot tree, as text or Graphviz. Read from the snapshot
 * files themselves, so it also works when the domain is not running. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "cli/client.h"
#include "monitor/monitor.h"
#include "snap/snapfile.h"
#include "snap/tree.h"

void cmd_tree_usage(void)
{
    printf("usage: arbor tree NAME [--dot | --json]\n"
           "The snapshot tree of domain NAME (in $ARBOR_RUNDIR/NAME.snapshots): each snapshot\n"
           "with its time, kind (full, or delta: only the pages changed since its parent) and\n"
           "stored size, and under it the disk image it froze for each writable disk\n"
           "(a copy-on-write layer, or the user's own image for the first snapshot) with\n"
           "the space that takes; '*' marks the one the running domain last took or\n"
           "returned to.\n"
           "--dot prints it for Graphviz (dot -Tsvg), --json as data.\n");
}

/* The snapshot the running domain stands on (its path), or "" when not running. */
static void current_path(const char *name, char *out, size_t len)
{
    out[0] = 0;
    char sock[PATH_MAX];
    monitor_path(sock, sizeof(sock), monitor_rundir(), name, ".sock");
    if (access(sock, F_OK))
        return;
    struct json_object *req = json_object_new_object(), *v;
    json_object_object_add(req, "op", json_object_new_string("tree"));
    struct json_object *r = client_call(name, req);
    if (r && json_object_object_get_ex(r, "current_path", &v) && v)
        snprintf(out, len, "%s", json_object_get_string(v));
    json_object_put(r);
}

/* The images a snapshot froze for its disks (from its DEVS section), one per writable disk. */
struct frozen_disks {
    unsigned n;
    unsigned slot[BOARD_MAX_USER_DEVICES];
    char image[BOARD_MAX_USER_DEVICES][PATH_MAX];
    uint64_t bytes[BOARD_MAX_USER_DEVICES]; /* space the image takes on the host */
};

static void read_disks(const struct snap_node *n, struct frozen_disks *fd)
{
    static struct board_config cfg;
    struct snapfile_header h;
    char err[PATH_MAX + 256];
    uint64_t rom;
    fd->n = 0;
    uint8_t *sec = snapfile_read_sections(n->path, &h, err, sizeof(err));
    if (!sec || board_state_config(sec, h.sections_len, &cfg, &rom, err, sizeof(err))) {
        free(sec);
        return;
    }
    for (unsigned i = 0; i < cfg.n_devs; i++) {
        const char *arg = cfg.devs[i].arg, *comma = strchr(arg, ',');
        if (strcmp(cfg.devs[i].kind, "disk") || (comma && strstr(comma, ",readonly")))
            continue;
        size_t len = comma ? (size_t)(comma - arg) : strlen(arg);
        snprintf(fd->image[fd->n], PATH_MAX, "%.*s", (int)(len < PATH_MAX ? len : PATH_MAX - 1), arg);
        struct stat st;
        fd->bytes[fd->n] = stat(fd->image[fd->n], &st) ? 0 : (uint64_t)st.st_blocks * 512;
        fd->slot[fd->n++] = i + 1;
    }
    free(sec);
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int by_time(const void *a, const void *b)
{
    const struct snap_node *x = *(struct snap_node *const *)a, *y = *(struct snap_node *const *)b;
    return x->h.created_ns < y->h.created_ns ? -1 : x->h.created_ns > y->h.created_ns;
}

static void print_node(const struct snap_tree *t, const struct snap_node *n, const char *cur,
                       const char *prefix, bool last, bool root)
{
    char when[32], next[512];
    snap_format_time(n->h.created_ns, when, sizeof(when));
    printf("%s%s%s%s  %s  %s  %.1f MiB%s\n", prefix, root ? "" : (last ? "`-- " : "|-- "),
           !strcmp(n->path, cur) ? "* " : "", n->h.name, when,
           n->h.kind == SNAP_FULL ? "full" : "delta", (double)n->h.n_pages * 4096 / 1048576.0,
           n->h.kind == SNAP_DELTA && !n->parent ? "  (parent missing)" : "");
    snprintf(next, sizeof(next), "%s%s", prefix, root ? "" : (last ? "    " : "|   "));
    struct frozen_disks fd;
    read_disks(n, &fd);
    for (unsigned i = 0; i < fd.n; i++)
        printf("%s    disk %u: %s (%.1f MiB)\n", next, fd.slot[i], base_name(fd.image[i]),
               (double)fd.bytes[i] / 1048576.0);
    size_t kids = 0, seen = 0;
    for (size_t i = 0; i < t->n; i++)
        kids += t->nodes[i]->parent == n;
    for (size_t i = 0; i < t->n; i++)
        if (t->nodes[i]->parent == n)
            print_node(t, t->nodes[i], cur, next, ++seen == kids, false);
}

static void print_dot(const struct snap_tree *t, const char *name, const char *cur)
{
    printf("digraph \"%s\" {\n  node [shape=box];\n", name);
    for (size_t i = 0; i < t->n; i++) {
        const struct snap_node *n = t->nodes[i];
        char when[32];
        snap_format_time(n->h.created_ns, when, sizeof(when));
        printf("  \"%s\" [label=\"%s\\n%s\\n%s %.1f MiB\"%s];\n", n->h.name, n->h.name, when,
               n->h.kind == SNAP_FULL ? "full" : "delta", (double)n->h.n_pages * 4096 / 1048576.0,
               !strcmp(n->path, cur) ? ", style=bold, color=blue" : "");
        if (n->parent)
            printf("  \"%s\" -> \"%s\";\n", n->parent->h.name, n->h.name);
    }
    printf("}\n");
}

static void print_json(const struct snap_tree *t, const char *cur)
{
    struct json_object *list = json_object_new_array();
    for (size_t i = 0; i < t->n; i++) {
        const struct snap_node *n = t->nodes[i];
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(n->h.name));
        json_object_object_add(o, "parent", n->parent ? json_object_new_string(n->parent->h.name) : NULL);
        json_object_object_add(o, "kind", json_object_new_string(n->h.kind == SNAP_FULL ? "full" : "delta"));
        json_object_object_add(o, "created_ns", json_object_new_int64((int64_t)n->h.created_ns));
        json_object_object_add(o, "pages", json_object_new_int64((int64_t)n->h.n_pages));
        json_object_object_add(o, "current", json_object_new_boolean(!strcmp(n->path, cur)));
        struct frozen_disks fd;
        struct json_object *disks = json_object_new_array();
        read_disks(n, &fd);
        for (unsigned k = 0; k < fd.n; k++) {
            struct json_object *d = json_object_new_object();
            json_object_object_add(d, "slot", json_object_new_int((int)fd.slot[k]));
            json_object_object_add(d, "image", json_object_new_string(fd.image[k]));
            json_object_object_add(d, "bytes", json_object_new_int64((int64_t)fd.bytes[k]));
            json_object_array_add(disks, d);
        }
        json_object_object_add(o, "disks", disks);
        json_object_array_add(list, o);
    }
    printf("%s\n", json_object_to_json_string_ext(list, JSON_C_TO_STRING_PLAIN));
    json_object_put(list);
}

int cmd_tree(int argc, char **argv)
{
    const char *name = NULL, *format = "text";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) {
            cmd_tree_usage();
            return 0;
        } else if (!strcmp(argv[i], "--dot") || !strcmp(argv[i], "--json")) {
            format = argv[i] + 2;
        } else if (argv[i][0] == '-' || name) {
            log_error("unexpected argument '%s' (try 'arbor tree --help')", argv[i]);
            return 1;
        } else {
            name = argv[i];
        }
    }
    if (!name || !snap_name_valid(name)) {
        log_error(name ? "'%s' is not a valid domain name" : "usage: arbor tree NAME [--dot | --json]", name);
        return 1;
    }
    char dir[PATH_MAX], err[PATH_MAX + 256], cur[PATH_MAX];
    monitor_path(dir, sizeof(dir), monitor_rundir(), name, ".snapshots");
    if (access(dir, F_OK)) {
        log_error("domain '%s' has no snapshot tree (no %s)", name, dir);
        return 1;
    }
    struct snap_tree t;
    if (snap_tree_load(&t, dir, err, sizeof(err))) {
        log_error("%s", err);
        return 1;
    }
    current_path(name, cur, sizeof(cur));
    qsort(t.nodes, t.n, sizeof(*t.nodes), by_time);
    if (!strcmp(format, "dot"))
        print_dot(&t, name, cur);
    else if (!strcmp(format, "json"))
        print_json(&t, cur);
    else if (!t.n)
        printf("domain '%s' has no snapshots\n", name);
    else
        for (size_t i = 0; i < t.n; i++)
            if (!t.nodes[i]->parent)
                print_node(&t, t.nodes[i], cur, "", true, true);
    if (t.skipped && strcmp(format, "text") == 0)
        printf("(%u damaged file%s left out; the first: %s)\n", t.skipped, t.skipped > 1 ? "s" : "",
               t.skipped_why);
    snap_tree_free(&t);
    return 0;
}
