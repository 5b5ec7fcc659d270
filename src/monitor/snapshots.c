/* The snapshot engine of a running domain: snapshot (written by a forked copy of the monitor
 * while the guest runs on), revert (only the pages that differ are copied), fork (clones are
 * forked monitors sharing guest memory copy-on-write), save, and pruning the tree. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "dev/uart.h"
#include "dev/vmgenid.h"
#include "monitor/control.h"
#include "monitor/disks.h"
#include "monitor/monitor.h"

static uint64_t map_words(const struct bus *bus)
{
    return (bus_pages(bus) + 63) / 64;
}

static uint64_t *map_copy(const struct bus *bus, const uint64_t *map)
{
    uint64_t *c = malloc(map_words(bus) * sizeof(uint64_t));
    if (c)
        memcpy(c, map, map_words(bus) * sizeof(uint64_t));
    return c;
}

/* The pages set in `map`, ascending (malloc'd). */
static uint64_t *map_pages(const struct bus *bus, const uint64_t *map, uint64_t *n)
{
    uint64_t count = 0, words = map_words(bus);
    for (uint64_t w = 0; w < words; w++)
        count += (uint64_t)__builtin_popcountll(map[w]);
    uint64_t *pages = malloc((count ? count : 1) * sizeof(uint64_t));
    if (!pages)
        return NULL;
    *n = 0;
    for (uint64_t w = 0; w < words; w++)
        for (uint64_t bits = map[w]; bits; bits &= bits - 1)
            pages[(*n)++] = w * 64 + (uint64_t)__builtin_ctzll(bits);
    return pages;
}

static uint64_t wall_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void fill_header(struct monitor *m, struct snapfile_header *h, enum snap_kind kind,
                        const char *name)
{
    memset(h, 0, sizeof(*h));
    h->kind = kind;
    if (getrandom(h->id, sizeof(h->id), 0) != (ssize_t)sizeof(h->id))
        memcpy(h->id, &(uint64_t[2]){host_now_ns(), (uint64_t)getpid()}, 16);
    if (kind == SNAP_DELTA) {
        memcpy(h->parent_id, m->base->h.id, 16);
        snprintf(h->parent_name, sizeof(h->parent_name), "%s", m->base->h.name);
    }
    h->created_ns = wall_now_ns();
    h->ram_base = m->b->bus.ram_base;
    h->ram_size = m->b->bus.ram_size;
    snprintf(h->name, sizeof(h->name), "%s", name);
    snprintf(h->domain, sizeof(h->domain), "%s", m->name);
}

static const uint8_t *ram_page(void *ctx, uint64_t pg)
{
    return (const uint8_t *)ctx + pg * SNAP_PAGE;
}

static bool page_is_zero(const uint8_t *p)
{
    static const uint8_t zero[SNAP_PAGE];
    return !memcmp(p, zero, SNAP_PAGE);
}

/* A full image stores only pages that are not zero. */
static void drop_zero_pages(const uint8_t *ram, uint64_t *pages, uint64_t *n)
{
    uint64_t k = 0;
    for (uint64_t i = 0; i < *n; i++)
        if (!page_is_zero(ram + pages[i] * SNAP_PAGE))
            pages[k++] = pages[i];
    *n = k;
}

/* Write RAM + sections to `path`. 0, or -1 with the reason. */
static int write_image(struct monitor *m, const char *path, struct snapfile_header *h,
                       const struct snap_writer *w, uint64_t *pages, uint64_t n, char *err,
                       size_t errlen)
{
    uint8_t *ram = m->b->bus.ram;
    if (h->kind == SNAP_FULL)
        drop_zero_pages(ram, pages, &n);
    return snapfile_write(path, h, w->buf, w->len, (struct snap_page_source){ram_page, ram},
                          pages, n, err, errlen);
}

/* Names are at most 63 characters, so only an absurdly long RUNDIR can make this fail. */
static bool snap_path(const struct monitor *m, const char *name, char *out, size_t len)
{
    return snprintf(out, len, "%s/%s.snap", m->tree.dir, name) < (int)len;
}

/* --- snapshot --- */

/* The forked writer: its copy of guest memory is frozen at the capture by copy-on-write. */
static void run_writer(struct monitor *m, int report, const char *path, struct snapfile_header *h,
                       const struct snap_writer *w, uint64_t *pages, uint64_t n)
{
    char err[PATH_MAX + 128];
    int r = mon_disks_sync(&m->pending.frozen, err, sizeof(err));
    if (!r)
        r = write_image(m, path, h, w, pages, n, err, sizeof(err));
    if (r && write(report, err, strlen(err)) < 0)
        r = 2;
    _exit(r ? 1 : 0);
}

/* Deltas up to this many pages are copied and written by a thread; bigger ones (and full
 * snapshots) by a fork, whose cost does not grow with the pages written. */
#define COPY_MAX_PAGES 1024

struct copy_job {
    pthread_t thread;
    char path[PATH_MAX];
    struct snapfile_header h;
    struct snap_writer w;
    uint64_t *pages, n;
    uint8_t *copy;    /* the pages' contents at the capture, in `pages` order */
    int report;       /* write end of the result pipe */
    struct frozen_images frozen;
};

static const uint8_t *copied_page(void *ctx, uint64_t pg)
{
    const struct copy_job *j = ctx;
    uint64_t lo = 0, hi = j->n;
    while (lo < hi) { /* pages are ascending */
        uint64_t mid = lo + (hi - lo) / 2;
        if (j->pages[mid] < pg)
            lo = mid + 1;
        else
            hi = mid;
    }
    return j->copy + lo * SNAP_PAGE;
}

static void *run_copy_job(void *arg)
{
    struct copy_job *j = arg;
    char err[PATH_MAX + 128];
    if ((mon_disks_sync(&j->frozen, err, sizeof(err)) ||
         snapfile_write(j->path, &j->h, j->w.buf, j->w.len, (struct snap_page_source){copied_page, j},
                       j->pages, j->n, err, sizeof(err))) && write(j->report, err, strlen(err)) < 0)
        err[0] = 0;
    close(j->report); /* end of file on the result pipe: done */
    return NULL;
}

static void free_job(struct copy_job *j)
{
    snap_w_free(&j->w);
    free(j->pages);
    free(j->copy);
    free(j);
}

/* Start the writer: a thread for a small delta, else a fork. 0, or -1 (nothing started). */
static int launch_writer(struct monitor *m, struct pending_write *p, struct snapfile_header *h,
                         struct snap_writer *w, uint64_t *pages, uint64_t n, int report)
{
    struct copy_job *j = h->kind == SNAP_DELTA && n <= COPY_MAX_PAGES ? calloc(1, sizeof(*j)) : NULL;
    if (j && (j->copy = malloc(n ? n * SNAP_PAGE : 1))) {
        for (uint64_t k = 0; k < n; k++)
            memcpy(j->copy + k * SNAP_PAGE, m->b->bus.ram + pages[k] * SNAP_PAGE, SNAP_PAGE);
        memcpy(j->path, p->path, sizeof(j->path));
        j->h = *h, j->w = *w, j->pages = pages, j->n = n, j->report = report;
        j->frozen = p->frozen;
        if (pthread_create(&j->thread, NULL, run_copy_job, j) == 0) {
            snap_w_init(w); /* the job owns the sections and the page list now */
            p->job = j;
            return 0;
        }
        j->pages = NULL, snap_w_init(&j->w);
    }
    if (j)
        free_job(j);
    pid_t pid = fork();
    if (pid == 0)
        run_writer(m, report, p->path, h, w, pages, n);
    close(report);
    free(pages);
    p->pid = pid > 0 ? pid : 0;
    return pid > 0 ? 0 : -1;
}

static struct json_object *start_writer(struct monitor *m, const char *snap, const char *path,
                                        int client_fd, bool *deferred)
{
    struct snapfile_header h;
    struct snap_writer w;
    uint64_t t0 = host_now_ns(), n = 0;
    enum snap_kind kind = m->base && m->base->own ? SNAP_DELTA : SNAP_FULL;
    snap_w_init(&w);
    board_save_state(m->b, &w);
    uint64_t *pages = map_pages(&m->b->bus, kind == SNAP_DELTA ? m->b->bus.dirty : m->b->bus.touched, &n);
    uint64_t *prev = map_copy(&m->b->bus, m->b->bus.dirty);
    int fds[2] = {-1, -1};
    if (w.failed || !pages || !prev || pipe2(fds, O_CLOEXEC)) {
        snap_w_free(&w), free(pages), free(prev);
        return reply_error("cannot snapshot: out of memory");
    }
    char err[PATH_MAX + 256];
    static struct frozen_images frozen; /* large; the machine's thread only */
    if (mon_disks_freeze(m, &frozen, err, sizeof(err))) {
        close(fds[0]), close(fds[1]);
        snap_w_free(&w), free(pages), free(prev);
        return reply_error("cannot snapshot: %s", err);
    }
    fill_header(m, &h, kind, snap);
    struct pending_write *p = &m->pending;
    memset(p, 0, sizeof(*p));
    memcpy(p->path, path, sizeof(p->path));
    p->frozen = frozen;
    int started = launch_writer(m, p, &h, &w, pages, n, fds[1]);
    snap_w_free(&w);
    if (started) {
        close(fds[0]);
        free(prev);
        return reply_error("cannot snapshot: fork failed: %s", strerror(errno));
    }
    bus_clear_dirty(&m->b->bus); /* from now on, dirty means "since this snapshot" */
    p->active = true;
    p->result_fd = fds[0];
    p->client_fd = client_fd;
    p->prev_dirty = prev;
    p->prev_base = m->base;
    p->reply = reply_ok();
    json_object_object_add(p->reply, "snap", json_object_new_string(snap));
    json_object_object_add(p->reply, "kind", json_object_new_string(kind == SNAP_FULL ? "full" : "delta"));
    json_object_object_add(p->reply, "pause_us", json_object_new_int64((int64_t)((host_now_ns() - t0) / 1000)));
    *deferred = true;
    return NULL;
}

struct json_object *mon_snapshot(struct monitor *m, const char *snap, int client_fd, bool *deferred)
{
    char path[PATH_MAX];
    mon_reap_writer(m, true);
    if (!snap_path(m, snap, path, sizeof(path)))
        return reply_error("snapshot path in '%s' is too long", m->tree.dir);
    struct snap_node *n = snap_tree_find(&m->tree, snap);
    if ((n && n->own) || access(path, F_OK) == 0)
        return reply_error("domain '%s' already has a snapshot named '%s'", m->name, snap);
    return start_writer(m, snap, path, client_fd, deferred);
}

/* The writer has ended (`ok`: the file is in place); answer the client. */
static void finish_writer(struct monitor *m, bool ok)
{
    struct pending_write *p = &m->pending;
    char msg[PATH_MAX + 256] = "";
    ssize_t got = read(p->result_fd, msg, sizeof(msg) - 1);
    msg[got > 0 ? got : 0] = 0;
    struct snap_node *n = NULL;
    if (ok && !msg[0]) {
        n = snap_tree_add(&m->tree, p->path, msg, sizeof(msg));
        if (n && !(n->file = snapfile_open(p->path, true, msg, sizeof(msg))))
            snap_tree_remove(&m->tree, n), n = NULL;
    } else if (!msg[0]) {
        snprintf(msg, sizeof(msg), "snapshot writer died");
    }
    struct json_object *reply;
    if (n) {
        m->base = n;
        reply = p->reply;
        json_object_object_add(reply, "pages", json_object_new_int64((int64_t)n->h.n_pages));
        json_object_object_add(reply, "bytes", json_object_new_int64((int64_t)(n->h.data_off + n->h.n_pages * SNAP_PAGE)));
        json_object_object_add(reply, "file", json_object_new_string(n->path));
    } else { /* the guest's changes since the capture still count against the old base */
        for (uint64_t w = 0; w < map_words(&m->b->bus); w++)
            m->b->bus.dirty[w] |= p->prev_dirty[w];
        m->base = p->prev_base;
        json_object_put(p->reply);
        reply = reply_error("%s", msg);
    }
    if (p->client_fd >= 0)
        control_reply(p->client_fd, reply);
    else
        json_object_put(reply);
    close(p->result_fd);
    free(p->prev_dirty);
    memset(p, 0, sizeof(*p));
}

static void finish_thread(struct monitor *m)
{
    pthread_join(m->pending.job->thread, NULL);
    free_job(m->pending.job);
    m->pending.job = NULL;
    finish_writer(m, true); /* a failure is in the pipe */
}

void mon_reap_children(struct monitor *m)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) /* the writer, or clones that ended */
        if (m->pending.active && pid == m->pending.pid)
            finish_writer(m, WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct pollfd pfd = {m->pending.result_fd, POLLIN, 0};
    if (m->pending.active && m->pending.job && poll(&pfd, 1, 0) == 1)
        finish_thread(m);
}

void mon_reap_writer(struct monitor *m, bool wait)
{
    int status;
    if (!m->pending.active)
        return;
    if (m->pending.job) {
        struct pollfd pfd = {m->pending.result_fd, POLLIN, 0};
        if (wait || poll(&pfd, 1, 0) == 1)
            finish_thread(m);
        return;
    }
    pid_t r = waitpid(m->pending.pid, &status, wait ? 0 : WNOHANG);
    if (r == m->pending.pid)
        finish_writer(m, WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* --- revert --- */

static bool is_ancestor(const struct snap_node *a, const struct snap_node *n)
{
    for (; n; n = n->parent)
        if (n == a)
            return true;
    return false;
}

/* Pages stored by the snapshots from `from` up to (not including) `stop`. */
static int mark_path(struct snap_node *from, const struct snap_node *stop, uint64_t *map,
                     char *err, size_t errlen)
{
    for (struct snap_node *x = from; x != stop; x = x->parent) {
        if (snap_node_open(x, err, errlen))
            return -1;
        snap_node_mark_pages(x, map);
        if (x->h.kind == SNAP_FULL)
            break;
    }
    return 0;
}

/* Which pages can differ between RAM now and snapshot `t`: those written since the base, and
 * those stored on the tree path from the base to `t` through their common ancestor. Without
 * a common ancestor, every page that is not zero in one of the two. */
static uint64_t *pages_to_restore(struct monitor *m, struct snap_node *t, char *err, size_t errlen)
{
    struct bus *bus = &m->b->bus;
    uint64_t *map = map_copy(bus, bus->dirty);
    if (!map) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    const struct snap_node *lca = t;
    while (lca && !is_ancestor(lca, m->base))
        lca = lca->parent;
    if (!lca)
        for (uint64_t w = 0; w < map_words(bus); w++)
            map[w] |= bus->touched[w];
    if ((lca && mark_path(m->base, lca, map, err, errlen)) || mark_path(t, lca, map, err, errlen)) {
        free(map);
        return NULL;
    }
    return map;
}

int mon_switch_to(struct monitor *m, struct snap_node *t, uint64_t *pages_out, char *err,
                  size_t errlen)
{
    struct bus *bus = &m->b->bus;
    if (snap_node_open(t, err, errlen))
        return -1;
    uint64_t *map = pages_to_restore(m, t, err, errlen);
    if (!map || board_load_state(m->b, t->file->sections, t->file->h.sections_len, err, errlen)) {
        free(map);
        return -1;
    }
    uint64_t n = 0;
    for (uint64_t w = 0; w < map_words(bus); w++)
        for (uint64_t bits = map[w]; bits; bits &= bits - 1, n++) {
            uint64_t pg = w * 64 + (uint64_t)__builtin_ctzll(bits);
            memcpy(bus->ram + pg * SNAP_PAGE, snap_node_page(t, pg), SNAP_PAGE);
            bus_page_replaced(bus, pg);
            bus->touched[w] |= 1ull << (pg % 64);
        }
    free(map);
    bus_clear_dirty(bus);
    m->base = t;
    *pages_out = n;
    return 0;
}

void mon_new_generation(struct monitor *m)
{
    if (!m->b->deterministic && m->b->vmgenid)
        vmgenid_renew(m->b->vmgenid);
}

static struct snap_node *find_snap(struct monitor *m, const char *snap, struct json_object **err)
{
    struct snap_node *n = snap_tree_find(&m->tree, snap);
    if (!n)
        *err = reply_error("domain '%s' has no snapshot named '%s'", m->name, snap);
    return n;
}

struct json_object *mon_revert(struct monitor *m, const char *snap)
{
    char err[PATH_MAX + 256];
    struct json_object *e = NULL;
    uint64_t t0 = host_now_ns(), pages;
    mon_reap_writer(m, true);
    struct snap_node *t = find_snap(m, snap, &e);
    if (!t)
        return e;
    if (mon_switch_to(m, t, &pages, err, sizeof(err)))
        return reply_error("cannot revert to '%s': %s", snap, err);
    mon_new_generation(m);
    if (mon_disks_attach_snapshot(m, t, false, err, sizeof(err)))
        return reply_error("reverted to '%s' but its disks could not follow: %s", snap, err);
    struct json_object *o = reply_ok();
    json_object_object_add(o, "pages", json_object_new_int64((int64_t)pages));
    json_object_object_add(o, "us", json_object_new_int64((int64_t)((host_now_ns() - t0) / 1000)));
    return o;
}

/* --- save --- */

struct json_object *mon_save(struct monitor *m, const char *file)
{
    char err[PATH_MAX + 256];
    struct snapfile_header h;
    struct snap_writer w;
    uint64_t t0 = host_now_ns(), n = 0;
    mon_reap_writer(m, true);
    snap_w_init(&w);
    board_save_state(m->b, &w);
    uint64_t *pages = map_pages(&m->b->bus, m->b->bus.touched, &n);
    if (w.failed || !pages) {
        snap_w_free(&w), free(pages);
        return reply_error("cannot save: out of memory");
    }
    fill_header(m, &h, SNAP_FULL, "saved");
    int r = write_image(m, file, &h, &w, pages, n, err, sizeof(err));
    snap_w_free(&w);
    free(pages);
    if (r)
        return reply_error("cannot save domain '%s': %s", m->name, err);
    board_request_exit(m->b, EXIT_DESTROYED, 0);
    struct json_object *o = reply_ok();
    json_object_object_add(o, "file", json_object_new_string(file));
    json_object_object_add(o, "bytes", json_object_new_int64((int64_t)(h.data_off + h.n_pages * SNAP_PAGE)));
    json_object_object_add(o, "us", json_object_new_int64((int64_t)((host_now_ns() - t0) / 1000)));
    return o;
}
