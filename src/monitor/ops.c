/* The control operations: one table row per request "op" (docs/api.md). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <json-c/json.h>

#include "monitor/monitor.h"

struct json_object *reply_ok(void)
{
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "ok", json_object_new_boolean(1));
    return o;
}

struct json_object *reply_error(const char *fmt, ...)
{
    char msg[PATH_MAX + 256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "ok", json_object_new_boolean(0));
    json_object_object_add(o, "error", json_object_new_string(msg));
    return o;
}

/* A request's string argument `key`, or NULL (and *err set) when missing or not a string. */
static const char *arg_string(struct json_object *req, const char *key, struct json_object **err)
{
    struct json_object *v;
    if (!json_object_object_get_ex(req, key, &v) || !json_object_is_type(v, json_type_string)) {
        *err = reply_error("request needs a string \"%s\"", key);
        return NULL;
    }
    return json_object_get_string(v);
}

static const char *arg_snap(struct json_object *req, struct json_object **err)
{
    const char *s = arg_string(req, "snap", err);
    if (s && !snap_name_valid(s)) {
        *err = reply_error("snapshot name '%.80s' is invalid: use 1 to 63 letters, digits, '.', "
                           "'_' or '-', not starting with '.'", s);
        return NULL;
    }
    return s;
}

static struct json_object *op_info(struct monitor *m, struct json_object *req)
{
    (void)req;
    struct json_object *o = reply_ok();
    json_object_object_add(o, "name", json_object_new_string(m->name));
    json_object_object_add(o, "pid", json_object_new_int(getpid()));
    json_object_object_add(o, "state", json_object_new_string(m->paused ? "paused" : "running"));
    json_object_object_add(o, "mem", json_object_new_int64((int64_t)m->b->bus.ram_size));
    json_object_object_add(o, "cpus", json_object_new_int((int)m->b->n_harts));
    json_object_object_add(o, "uptime_ms",
                           json_object_new_int64((int64_t)((host_now_ns() - m->started_ns) / 1000000)));
    json_object_object_add(o, "parent", m->base ? json_object_new_string(m->base->h.name) : NULL);
    json_object_object_add(o, "origin", m->parent_desc[0] ? json_object_new_string(m->parent_desc) : NULL);
    json_object_object_add(o, "deterministic", json_object_new_boolean(m->b->deterministic));
    json_object_object_add(o, "detached", json_object_new_boolean(m->detached));
    return o;
}

static struct json_object *op_pause(struct monitor *m, struct json_object *req)
{
    (void)req;
    if (m->paused)
        return reply_error("domain '%s' is already paused", m->name);
    m->paused = m->b->paused = true;
    board_pause_clock(m->b);
    return reply_ok();
}

static struct json_object *op_resume(struct monitor *m, struct json_object *req)
{
    (void)req;
    if (!m->paused)
        return reply_error("domain '%s' is not paused", m->name);
    m->paused = m->b->paused = false;
    board_resume_clock(m->b);
    return reply_ok();
}

static struct json_object *op_destroy(struct monitor *m, struct json_object *req)
{
    (void)req;
    board_request_exit(m->b, EXIT_DESTROYED, 0);
    return reply_ok();
}

static struct json_object *op_revert(struct monitor *m, struct json_object *req)
{
    struct json_object *err = NULL;
    const char *snap = arg_snap(req, &err);
    return snap ? mon_revert(m, snap) : err;
}

static struct json_object *op_snapshot_delete(struct monitor *m, struct json_object *req)
{
    struct json_object *err = NULL;
    const char *snap = arg_snap(req, &err);
    return snap ? mon_snapshot_delete(m, snap) : err;
}

static struct json_object *op_save(struct monitor *m, struct json_object *req)
{
    struct json_object *err = NULL;
    const char *file = arg_string(req, "file", &err);
    if (!file)
        return err;
    if (file[0] != '/')
        return reply_error("save needs an absolute file path, not '%.200s'", file);
    return mon_save(m, file);
}

static struct json_object *op_tree(struct monitor *m, struct json_object *req)
{
    (void)req;
    struct json_object *o = reply_ok(), *list = json_object_new_array();
    for (size_t i = 0; i < m->tree.n; i++) {
        const struct snap_node *n = m->tree.nodes[i];
        struct json_object *e = json_object_new_object();
        json_object_object_add(e, "name", json_object_new_string(n->h.name));
        json_object_object_add(e, "own", json_object_new_boolean(n->own));
        json_object_object_add(e, "path", json_object_new_string(n->path));
        json_object_array_add(list, e);
    }
    json_object_object_add(o, "snapshots", list);
    json_object_object_add(o, "current", m->base ? json_object_new_string(m->base->h.name) : NULL);
    json_object_object_add(o, "current_path", m->base ? json_object_new_string(m->base->path) : NULL);
    return o;
}

typedef struct json_object *(*op_fn)(struct monitor *m, struct json_object *req);

static const struct {
    const char *name;
    op_fn fn;
} ops[] = {
    {"info", op_info},       {"pause", op_pause},     {"resume", op_resume},
    {"destroy", op_destroy}, {"revert", op_revert},   {"save", op_save},
    {"tree", op_tree},       {"snapshot-delete", op_snapshot_delete},
};

/* snapshot and fork may answer later (snapshot: when its file is written) or from another
 * process (fork: the clone must not answer its parent's client). */
static struct json_object *op_snapshot(struct monitor *m, struct json_object *req, int fd,
                                       bool *deferred)
{
    struct json_object *err = NULL;
    const char *snap = arg_snap(req, &err);
    return snap ? mon_snapshot(m, snap, fd, deferred) : err;
}

struct json_object *mon_fork_request(struct monitor *m, struct json_object *req, int fd,
                                     bool *deferred);

struct json_object *monitor_request(struct monitor *m, struct json_object *req, int client_fd,
                                    bool *deferred)
{
    struct json_object *op;
    json_object_object_get_ex(req, "op", &op);
    const char *name = json_object_get_string(op);
    if (!strcmp(name, "snapshot"))
        return op_snapshot(m, req, client_fd, deferred);
    if (!strcmp(name, "fork"))
        return mon_fork_request(m, req, client_fd, deferred);
    for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
        if (!strcmp(name, ops[i].name))
            return ops[i].fn(m, req);
    return reply_error("unknown operation '%.80s'", name);
}
