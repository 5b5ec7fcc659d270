/* Serving the control socket: accept, read one request, answer it. Requests come from local
 * clients the socket's permissions admit, but their contents are still checked like any other
 * input: a malformed request gets an error reply, never a crash or a stuck machine. */
#include "monitor/control.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <json-c/json.h>

/* How long a client may take to send its request line. */
#define REQUEST_TIMEOUT_MS 2000

struct json_object *control_parse(const char *text, size_t len, char *err, size_t errlen)
{
    struct json_tokener *tok = json_tokener_new_ex(16);
    if (!tok) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    struct json_object *o = len > INT32_MAX ? NULL : json_tokener_parse_ex(tok, text, (int)len);
    enum json_tokener_error e = json_tokener_get_error(tok);
    size_t used = tok->char_offset;
    json_tokener_free(tok);
    if (!o || e != json_tokener_success) {
        snprintf(err, errlen, "request is not valid JSON");
        json_object_put(o);
        return NULL;
    }
    for (; used < len; used++)
        if (text[used] != ' ' && text[used] != '\n' && text[used] != '\r' && text[used] != '\t') {
            snprintf(err, errlen, "request has bytes after its JSON object");
            json_object_put(o);
            return NULL;
        }
    struct json_object *op;
    if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, "op", &op) ||
        !json_object_is_type(op, json_type_string)) {
        snprintf(err, errlen, "request must be a JSON object with a string \"op\"");
        json_object_put(o);
        return NULL;
    }
    return o;
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && errno == EAGAIN) {
            struct pollfd pfd = {fd, POLLOUT, 0};
            int r = poll(&pfd, 1, REQUEST_TIMEOUT_MS);
            if (r == 0 || (r < 0 && errno != EINTR))
                return; /* a client that does not read its reply loses it */
            continue;
        }
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

void control_reply(int fd, struct json_object *reply)
{
    const char *text = json_object_to_json_string_ext(reply, JSON_C_TO_STRING_PLAIN);
    write_all(fd, text, strlen(text));
    write_all(fd, "\n", 1);
    json_object_put(reply);
    close(fd);
}

/* Read up to the first newline, within the size and time limits. Returns the length, or -1
 * with the reason in `err`. */
static ssize_t read_request(int fd, char *buf, size_t cap, char *err, size_t errlen)
{
    size_t len = 0;
    uint64_t deadline = host_now_ns() + REQUEST_TIMEOUT_MS * 1000000ull;
    while (len < cap) {
        ssize_t r = read(fd, buf + len, cap - len);
        if (r > 0) {
            len += (size_t)r;
            if (memchr(buf + len - (size_t)r, '\n', (size_t)r))
                return (ssize_t)len;
            continue;
        }
        if (r == 0)
            return len ? (ssize_t)len : (snprintf(err, errlen, "empty request"), -1);
        uint64_t now = host_now_ns();
        if ((errno != EAGAIN && errno != EINTR) || now >= deadline) {
            snprintf(err, errlen, "request not received in time");
            return -1;
        }
        struct pollfd pfd = {fd, POLLIN, 0};
        poll(&pfd, 1, (int)((deadline - now) / 1000000ull) + 1);
    }
    snprintf(err, errlen, "request is longer than %d bytes", CONTROL_MAX_REQUEST);
    return -1;
}

static void add_console_client(struct monitor *m, int fd)
{
    if (m->n_console_clients == ARRAY_SIZE(m->console_clients) || m->console_feed < 0) {
        control_reply(fd, reply_error(m->console_feed < 0
                                          ? "domain '%s' is not detached: its console is the terminal that started it"
                                          : "domain '%s' has too many consoles attached", m->name));
        return;
    }
    /* keystrokes reach the guest without waiting a slice; armed before the client may type,
     * or bytes sent in between would raise no signal and wait for the next one */
    monitor_notify_on_input(m, fd);
    m->console_clients[m->n_console_clients++] = fd;
    const char *ok = "{\"ok\":true}\n";
    write_all(fd, ok, strlen(ok));
}

static void serve_one(struct monitor *m, int fd)
{
    static char buf[CONTROL_MAX_REQUEST];
    char err[128];
    ssize_t len = read_request(fd, buf, sizeof(buf), err, sizeof(err));
    struct json_object *req = len < 0 ? NULL : control_parse(buf, (size_t)len, err, sizeof(err));
    if (!req) {
        control_reply(fd, reply_error("%s", err));
        return;
    }
    struct json_object *op;
    json_object_object_get_ex(req, "op", &op);
    if (!strcmp(json_object_get_string(op), "console")) {
        json_object_put(req);
        add_console_client(m, fd);
        return;
    }
    bool deferred = false;
    struct json_object *reply = monitor_request(m, req, fd, &deferred);
    json_object_put(req);
    if (!deferred)
        control_reply(fd, reply);
}

static void drop_console_client(struct monitor *m, unsigned i)
{
    close(m->console_clients[i]);
    m->console_clients[i] = m->console_clients[--m->n_console_clients];
}

/* Bytes typed into `arbor console` go to the guest's console input. */
static void serve_console_clients(struct monitor *m)
{
    for (unsigned i = 0; i < m->n_console_clients; i++) {
        char buf[4096];
        ssize_t r = recv(m->console_clients[i], buf, sizeof(buf), MSG_DONTWAIT);
        if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
            drop_console_client(m, i--);
            continue;
        }
        if (r > 0 && m->console_feed >= 0 && write(m->console_feed, buf, (size_t)r) < 0) {
            /* the guest is not reading and the pipe is full: the input is dropped, as a UART
             * without flow control would */
        }
    }
}

void control_serve(struct monitor *m)
{
    if (m->n_console_clients)
        serve_console_clients(m);
    if (m->listen_fd < 0)
        return;
    for (;;) {
        int fd = accept4(m->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0)
            return;
        serve_one(m, fd);
        if (m->listen_fd < 0) /* the request ended this monitor (clone child / destroy) */
            return;
    }
}

void control_close_clients(struct monitor *m)
{
    while (m->n_console_clients)
        drop_console_client(m, 0);
}
