/* Verbs that ask a running domain's monitor to do something: one table row per verb. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <libgen.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "cli/client.h"
#include "common/util.h"

struct ctl_verb {
    const char *verb, *op, *args, *help;
    unsigned n_args;        /* positional arguments after the verb */
    const char *arg_key;    /* request key of the second positional argument, if any */
    void (*print)(const char *name, const char *arg, struct json_object *reply);
};

static int64_t get_int(struct json_object *o, const char *key)
{
    struct json_object *v;
    return json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v) : 0;
}

static const char *get_str(struct json_object *o, const char *key)
{
    struct json_object *v;
    return json_object_object_get_ex(o, key, &v) && v ? json_object_get_string(v) : "";
}

static void print_done(const char *name, const char *arg, struct json_object *r)
{
    (void)name, (void)arg, (void)r;
}

static void print_snapshot(const char *name, const char *arg, struct json_object *r)
{
    printf("snapshot '%s' of '%s': %s, %lld pages, %.1f MiB on disk, guest paused %.3f ms\n", arg,
           name, get_str(r, "kind"), (long long)get_int(r, "pages"),
           (double)get_int(r, "bytes") / 1048576.0, (double)get_int(r, "pause_us") / 1000.0);
}

static void print_revert(const char *name, const char *arg, struct json_object *r)
{
    printf("'%s' is back at '%s': %lld pages restored in %.3f ms\n", name, arg,
           (long long)get_int(r, "pages"), (double)get_int(r, "us") / 1000.0);
}

static void print_save(const char *name, const char *arg, struct json_object *r)
{
    (void)arg;
    printf("'%s' saved to %s (%.1f MiB) in %.3f s; the domain has stopped\n", name,
           get_str(r, "file"), (double)get_int(r, "bytes") / 1048576.0,
           (double)get_int(r, "us") / 1e6);
}

static void print_fork(const char *name, const char *arg, struct json_object *r)
{
    struct json_object *names;
    json_object_object_get_ex(r, "names", &names);
    size_t n = json_object_array_length(names);
    printf("%zu clones of '%s' from '%s' in %.3f ms:", n, name, arg, (double)get_int(r, "us") / 1000.0);
    for (size_t i = 0; i < n; i++)
        printf(" %s", json_object_get_string(json_object_array_get_idx(names, i)));
    printf("\n");
}

static const struct ctl_verb ctl_verbs[] = {
    {"pause", "pause", "NAME", "stop the domain's harts (guest time stands still)", 1, NULL, print_done},
    {"resume", "resume", "NAME", "let a paused domain run again", 1, NULL, print_done},
    {"destroy", "destroy", "NAME", "stop the domain at once (its snapshots stay)", 1, NULL, print_done},
    {"snapshot", "snapshot", "NAME SNAP", "snapshot the running domain; the guest pauses only for the capture", 2, "snap", print_snapshot},
    {"revert", "revert", "NAME SNAP", "return the running domain exactly to snapshot SNAP", 2, "snap", print_revert},
    {"snapshot-delete", "snapshot-delete", "NAME SNAP", "remove SNAP from the tree (its children stay valid)", 2, "snap", print_done},
    {"save", "save", "NAME FILE", "write everything needed to restore the domain to FILE, then stop it", 2, "file", print_save},
};

static const struct ctl_verb *find_verb(const char *verb)
{
    for (size_t i = 0; i < ARRAY_SIZE(ctl_verbs); i++)
        if (!strcmp(ctl_verbs[i].verb, verb))
            return &ctl_verbs[i];
    return NULL;
}

void cmd_ctl_usage_for(const char *verb)
{
    const struct ctl_verb *v = find_verb(verb);
    if (v)
        printf("usage: arbor %s %s [--json]\n%s.\n\n  --json  print the monitor's reply as JSON\n"
               "\nThe domain is found by its control socket $ARBOR_RUNDIR/NAME.sock\n"
               "(default /run/arbor). Exit status 0 on success, 1 with a one-line reason.\n",
               v->verb, v->args, v->help);
}

/* Turn FILE into an absolute path: the monitor's working directory is not ours. */
static char *absolute(const char *file)
{
    char dir[PATH_MAX], copy[PATH_MAX], base[PATH_MAX];
    snprintf(copy, sizeof(copy), "%s", file);
    snprintf(base, sizeof(base), "%s", basename(copy));
    snprintf(copy, sizeof(copy), "%s", file);
    if (!realpath(dirname(copy), dir)) {
        log_error("cannot save to '%s': its directory does not exist", file);
        return NULL;
    }
    char *out = malloc(PATH_MAX * 2);
    if (out)
        snprintf(out, PATH_MAX * 2, "%s/%s", dir, base);
    return out;
}

/* Print the reply (or its error). Returns the exit status. */
int ctl_finish(const char *name, const char *arg, struct json_object *reply, bool json,
               void (*print)(const char *, const char *, struct json_object *))
{
    if (!reply)
        return 1;
    const char *err = client_error(reply);
    if (json)
        printf("%s\n", json_object_to_json_string_ext(reply, JSON_C_TO_STRING_PLAIN));
    else if (err)
        log_error("%s", err);
    else
        print(name, arg, reply);
    int status = err ? 1 : 0;
    json_object_put(reply);
    return status;
}

/* Positional arguments and --json; returns the count, or -1 after an error. */
int ctl_args(int argc, char **argv, const char *verb, char **pos, int max, bool *json)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            *json = true;
        else if (argv[i][0] == '-' && argv[i][1]) {
            log_error("unknown option '%s' (try 'arbor %s --help')", argv[i], verb);
            return -1;
        } else if (n == max) {
            log_error("unexpected argument '%s' (try 'arbor %s --help')", argv[i], verb);
            return -1;
        } else
            pos[n++] = argv[i];
    }
    return n;
}

int cmd_ctl(int argc, char **argv)
{
    const struct ctl_verb *v = find_verb(argv[0]);
    char *pos[2] = {NULL, NULL};
    bool json = false;
    if (argc == 2 && !strcmp(argv[1], "--help")) {
        cmd_ctl_usage_for(v->verb);
        return 0;
    }
    int n = ctl_args(argc, argv, v->verb, pos, (int)v->n_args, &json);
    if (n < 0)
        return 1;
    if ((unsigned)n != v->n_args) {
        log_error("usage: arbor %s %s", v->verb, v->args);
        return 1;
    }
    struct json_object *req = json_object_new_object();
    json_object_object_add(req, "op", json_object_new_string(v->op));
    char *file = NULL;
    if (v->arg_key && !strcmp(v->arg_key, "file") && !(file = absolute(pos[1]))) {
        json_object_put(req);
        return 1;
    }
    if (v->arg_key)
        json_object_object_add(req, v->arg_key, json_object_new_string(file ? file : pos[1]));
    free(file);
    return ctl_finish(pos[0], pos[1], client_call(pos[0], req), json, v->print);
}

/* --- fork --- */

void cmd_fork_usage(void)
{
    printf("usage: arbor fork NAME SNAP [--count N | --names A,B,...] [--json]\n"
           "Start new running domains from snapshot SNAP of domain NAME: NAME.1 ... NAME.N\n"
           "(--count, default 1) or the given names. They share the snapshot's memory\n"
           "copy-on-write, get a new VM generation ID (unless --deterministic), run in the\n"
           "background with consoles RUNDIR/CLONE.console, and NAME keeps running.\n");
}

int cmd_fork(int argc, char **argv)
{
    char *pos[2] = {NULL, NULL};
    const char *names = NULL;
    long count = 1;
    bool json = false;
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) {
            cmd_fork_usage();
            return 0;
        } else if (!strcmp(argv[i], "--json")) {
            json = true;
        } else if ((!strcmp(argv[i], "--count") || !strcmp(argv[i], "--names")) && i + 1 >= argc) {
            log_error("option '%s' needs a value", argv[i]);
            return 1;
        } else if (!strcmp(argv[i], "--count")) {
            char *end;
            count = strtol(argv[++i], &end, 10);
            if (!*argv[i] || *end || count < 1 || count > 64) {
                log_error("--count '%s' must be a number from 1 to 64", argv[i]);
                return 1;
            }
        } else if (!strcmp(argv[i], "--names")) {
            names = argv[++i];
        } else if (argv[i][0] == '-' || n == 2) {
            log_error("unexpected argument '%s' (try 'arbor fork --help')", argv[i]);
            return 1;
        } else {
            pos[n++] = argv[i];
        }
    }
    if (n != 2) {
        log_error("usage: arbor fork NAME SNAP [--count N | --names A,B,...]");
        return 1;
    }
    struct json_object *req = json_object_new_object();
    json_object_object_add(req, "op", json_object_new_string("fork"));
    json_object_object_add(req, "snap", json_object_new_string(pos[1]));
    if (names) {
        struct json_object *list = json_object_new_array();
        char *copy = strdup(names), *save = NULL;
        for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
            json_object_array_add(list, json_object_new_string(t));
        free(copy);
        json_object_object_add(req, "names", list);
    } else {
        json_object_object_add(req, "count", json_object_new_int((int)count));
    }
    return ctl_finish(pos[0], pos[1], client_call(pos[0], req), json, print_fork);
}
