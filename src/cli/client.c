/* Talking to a domain's monitor over RUNDIR/NAME.sock. */
#include "cli/client.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <json-c/json.h>

#include "common/util.h"
#include "monitor/monitor.h"

int client_connect(const char *name)
{
    char path[PATH_MAX];
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (!snap_name_valid(name)) {
        log_error("'%s' is not a valid domain name", name);
        return -1;
    }
    monitor_path(path, sizeof(path), monitor_rundir(), name, ".sock");
    if (strlen(path) >= sizeof(addr.sun_path)) {
        log_error("socket path '%s' is too long", path);
        return -1;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
        return fd;
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (e == ENOENT)
        log_error("no domain named '%s' is running (no %s)", name, path);
    else if (e == ECONNREFUSED)
        log_error("domain '%s' is not running (its monitor is gone)", name);
    else
        log_error("cannot reach domain '%s': %s", name, strerror(e));
    return -1;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The reply line; the monitor closes the connection after it. */
static char *read_reply(int fd)
{
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (len + 1 == cap) {
            char *grown = cap < (16u << 20) ? realloc(buf, cap *= 2) : NULL;
            if (!grown) {
                free(buf);
                return NULL;
            }
            buf = grown;
        }
        ssize_t r = read(fd, buf + len, cap - len - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        len += (size_t)r;
        if (memchr(buf + len - (size_t)r, '\n', (size_t)r))
            break;
    }
    if (buf)
        buf[len] = 0;
    return buf;
}

struct json_object *client_call(const char *name, struct json_object *req)
{
    int fd = client_connect(name);
    if (fd < 0) {
        json_object_put(req);
        return NULL;
    }
    const char *text = json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN);
    int sent = send_all(fd, text, strlen(text)) || send_all(fd, "\n", 1);
    json_object_put(req);
    char *line = sent ? NULL : read_reply(fd);
    close(fd);
    struct json_object *reply = line && *line ? json_tokener_parse(line) : NULL;
    free(line);
    if (!reply || !json_object_is_type(reply, json_type_object)) {
        log_error("domain '%s' gave no answer (did it stop?)", name);
        json_object_put(reply);
        return NULL;
    }
    return reply;
}

const char *client_error(struct json_object *reply)
{
    struct json_object *ok, *err;
    if (json_object_object_get_ex(reply, "ok", &ok) && json_object_get_boolean(ok))
        return NULL;
    if (json_object_object_get_ex(reply, "error", &err))
        return json_object_get_string(err);
    return "the monitor refused without a reason";
}
