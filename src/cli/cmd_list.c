/* `arbor list` (the running domains) and `arbor console NAME` (attach to a detached one). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "cli/client.h"
#include "dev/console_tty.h"
#include "monitor/monitor.h"

#define DETACH_KEY 0x1d /* Ctrl-] */

void cmd_list_usage(void)
{
    printf("usage: arbor list [--json]\n"
           "The running domains of $ARBOR_RUNDIR (default /run/arbor): name, state, memory,\n"
           "harts, uptime, and the snapshot the domain last took or returned to (or where a\n"
           "clone or restored domain came from).\n");
}

static struct json_object *info_of(const char *name)
{
    struct json_object *req = json_object_new_object();
    json_object_object_add(req, "op", json_object_new_string("info"));
    struct json_object *r = client_call(name, req);
    if (r && client_error(r)) {
        json_object_put(r);
        return NULL;
    }
    return r;
}

static const char *str(struct json_object *o, const char *key)
{
    struct json_object *v;
    return json_object_object_get_ex(o, key, &v) && v ? json_object_get_string(v) : NULL;
}

static void print_row(struct json_object *i)
{
    struct json_object *v;
    int64_t mem = json_object_object_get_ex(i, "mem", &v) ? json_object_get_int64(v) : 0;
    int64_t cpus = json_object_object_get_ex(i, "cpus", &v) ? json_object_get_int64(v) : 0;
    int64_t up = json_object_object_get_ex(i, "uptime_ms", &v) ? json_object_get_int64(v) / 1000 : 0;
    const char *parent = str(i, "parent") ? str(i, "parent") : str(i, "origin");
    char uptime[32];
    snprintf(uptime, sizeof(uptime), "%lld:%02lld:%02lld", (long long)(up / 3600),
             (long long)(up / 60 % 60), (long long)(up % 60));
    printf("%-20s %-8s %6lldM %4lld %10s  %s\n", str(i, "name"), str(i, "state"),
           (long long)(mem >> 20), (long long)cpus, uptime, parent ? parent : "-");
}

int cmd_list(int argc, char **argv)
{
    bool json = argc == 2 && !strcmp(argv[1], "--json");
    if (argc == 2 && !strcmp(argv[1], "--help")) {
        cmd_list_usage();
        return 0;
    }
    if (argc > 2 || (argc == 2 && !json)) {
        log_error("unexpected argument '%s' (try 'arbor list --help')", argv[1]);
        return 1;
    }
    struct json_object *all = json_object_new_array();
    DIR *d = opendir(monitor_rundir());
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".sock") || e->d_name[0] == '.')
            continue;
        char name[SNAP_NAME_MAX + 8];
        snprintf(name, sizeof(name), "%.*s", (int)(n - 5), e->d_name);
        int saved = dup(2), devnull = open("/dev/null", O_WRONLY); /* dead sockets are skipped */
        dup2(devnull, 2);
        struct json_object *info = snap_name_valid(name) ? info_of(name) : NULL;
        dup2(saved, 2);
        close(saved), close(devnull);
        if (info)
            json_object_array_add(all, info);
    }
    if (d)
        closedir(d);
    if (json) {
        printf("%s\n", json_object_to_json_string_ext(all, JSON_C_TO_STRING_PLAIN));
    } else {
        printf("%-20s %-8s %7s %4s %10s  %s\n", "NAME", "STATE", "MEM", "CPUS", "UPTIME", "PARENT");
        for (size_t i = 0; i < json_object_array_length(all); i++)
            print_row(json_object_array_get_idx(all, i));
    }
    json_object_put(all);
    return 0;
}

void cmd_console_usage(void)
{
    printf("usage: arbor console NAME\n"
           "Attach this terminal to the console of detached domain NAME: what the guest prints\n"
           "from now on appears here and what you type goes to the guest. Ctrl-] detaches\n"
           "(the domain runs on). The whole output is also in $ARBOR_RUNDIR/NAME.console.\n"
           "Ends by itself when the domain stops.\n");
}

/* Copy what the console file has gained since `*pos` to stdout. */
static void pump_output(int fd)
{
    char buf[65536];
    ssize_t r;
    while ((r = read(fd, buf, sizeof(buf))) > 0)
        if (write(1, buf, (size_t)r) < 0)
            return;
}

/* Forward stdin to the domain; false when the user detached or stdin ended. */
static bool pump_input(int sock, bool tty)
{
    char buf[4096];
    ssize_t r = read(0, buf, sizeof(buf));
    if (r <= 0)
        return false;
    char *key = tty ? memchr(buf, DETACH_KEY, (size_t)r) : NULL;
    size_t n = key ? (size_t)(key - buf) : (size_t)r;
    if (n && write(sock, buf, n) < 0)
        return false;
    return key == NULL;
}

static int attach(const char *name, int sock, int out)
{
    bool tty = isatty(0), in_open = true;
    if (tty) {
        console_tty_init(0);
        fprintf(stderr, "arbor: attached to '%s'; Ctrl-] detaches\r\n", name);
    }
    for (;;) {
        struct pollfd p[2] = {{sock, POLLIN, 0}, {0, POLLIN, 0}};
        int ready = poll(p, in_open ? 2 : 1, 20);
        pump_output(out);
        if (ready > 0 && (p[0].revents & (POLLIN | POLLHUP))) {
            char c;
            if (read(sock, &c, 1) <= 0)
                break; /* the domain stopped */
        }
        if (ready > 0 && in_open && (p[1].revents & (POLLIN | POLLHUP)) && !pump_input(sock, tty)) {
            if (tty)
                break; /* detached */
            in_open = false; /* input ended: keep showing output until the domain stops */
        }
    }
    pump_output(out);
    console_tty_restore();
    return 0;
}

int cmd_console(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "--help")) {
        cmd_console_usage();
        return 0;
    }
    if (argc != 2 || argv[1][0] == '-') {
        log_error("usage: arbor console NAME");
        return 1;
    }
    char path[PATH_MAX];
    monitor_path(path, sizeof(path), monitor_rundir(), argv[1], ".console");
    int sock = client_connect(argv[1]);
    if (sock < 0)
        return 1;
    const char *req = "{\"op\":\"console\"}\n";
    char reply[512] = "";
    ssize_t n = write(sock, req, strlen(req)) < 0 ? -1 : read(sock, reply, sizeof(reply) - 1);
    reply[n > 0 ? n : 0] = 0;
    struct json_object *r = json_tokener_parse(reply);
    const char *err = r ? client_error(r) : "the domain gave no answer";
    int out = err ? -1 : open(path, O_RDONLY | O_CLOEXEC);
    if (err || out < 0) {
        log_error("%s", err ? err : strerror(errno));
        json_object_put(r);
        close(sock);
        return 1;
    }
    json_object_put(r);
    lseek(out, 0, SEEK_END);
    int status = attach(argv[1], sock, out);
    close(out);
    close(sock);
    return status;
}
