/* The host side of the socket device: Unix stream sockets, all non-blocking and served on
 * the machine thread.
 *
 * BASE is path= or RUNDIR/NAME.vsock (a clone of a domain with path= uses PATH.CLONE, since
 * its parent keeps PATH). A host program connects to BASE and writes "CONNECT <port>\n"; the
 * guest is asked for that port, and once it accepts, the program reads "OK <host port>\n"
 * and the stream is the guest's. A guest connecting to CID 2 port P reaches whatever listens
 * on BASE_P. */
#include "virtio/vsock_priv.h"

#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- the listening socket --- */

static bool choose_base(struct virtio_vsock *v)
{
    const char *name = v->b->domain_name;
    int n;
    if (name && !v->first_name[0])
        snprintf(v->first_name, sizeof(v->first_name), "%s", name);
    if (v->path_opt[0] && name && strcmp(name, v->first_name))
        n = snprintf(v->base, sizeof(v->base), "%s.%s", v->path_opt, name);
    else if (v->path_opt[0])
        n = snprintf(v->base, sizeof(v->base), "%s", v->path_opt);
    else if (name && v->b->rundir)
        n = snprintf(v->base, sizeof(v->base), "%s/%s.vsock", v->b->rundir, name);
    else
        n = -1; /* not a domain and no path= (run refuses that): no host side */
    if (n < 0 || (size_t)n + 12 > sizeof(v->base)) {
        log_error("virtio-vsock: no socket path fits for '%s': host programs cannot reach "
                  "the guest", name ? name : "");
        v->base[0] = '\0';
        return false;
    }
    return true;
}

static void set_addr(struct sockaddr_un *a, const char *path)
{
    *a = (struct sockaddr_un){.sun_family = AF_UNIX};
    snprintf(a->sun_path, sizeof(a->sun_path), "%s", path);
}

/* A socket file nobody answers on is left over from a machine that died: replace it. Any
 * other file, or a live socket, is someone else's. */
static bool path_free(const char *path)
{
    struct stat st;
    if (lstat(path, &st))
        return errno == ENOENT;
    if (!S_ISSOCK(st.st_mode))
        return false;
    struct sockaddr_un a;
    set_addr(&a, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool live = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
    if (fd >= 0)
        close(fd);
    return !live && unlink(path) == 0;
}

void vsock_host_bind(struct virtio_vsock *v)
{
    v->bind_tried = true;
    if (!choose_base(v))
        return;
    if (!path_free(v->base)) {
        log_error("virtio-vsock: '%s' is taken (another machine's, or not a socket): host "
                  "programs cannot connect to this guest", v->base);
        return;
    }
    struct sockaddr_un a;
    set_addr(&a, v->base);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 16)) {
        log_error("virtio-vsock: cannot listen on '%s': %s", v->base, strerror(errno));
        if (fd >= 0)
            close(fd);
        return;
    }
    v->listen_fd = fd;
    v->bound_here = true;
    v->dirty = true;
}

int vsock_host_connect(struct virtio_vsock *v, uint32_t port)
{
    if (!v->base[0])
        return -1;
    char path[VSOCK_PATH_MAX + 16];
    snprintf(path, sizeof(path), "%s_%u", v->base, port);
    struct sockaddr_un a;
    set_addr(&a, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    /* a Unix socket connects at once or not at all (EAGAIN: its backlog is full) */
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0)
        return fd;
    if (fd >= 0)
        close(fd);
    return -1;
}

/* --- what to wait for --- */

static short interest(const struct virtio_vsock *v, const struct vsock_conn *c)
{
    if (c->state == VS_LINE)
        return POLLIN;
    if (c->state != VS_OPEN)
        return 0; /* the guest has to answer first */
    short ev = c->buf_len ? POLLOUT : 0;
    if (!c->readable && !c->host_eof && !c->guest_no_rcv && !v->rx_starved && vsock_credit(c))
        ev |= POLLIN;
    return ev;
}

void vsock_host_set(const struct virtio_vsock *v, struct pollfd set[1 + VSOCK_MAX_CONNS])
{
    bool room = v->listen_fd >= 0 && v->n_conns < VSOCK_MAX_CONNS;
    set[0] = (struct pollfd){room ? v->listen_fd : -1, room ? POLLIN : 0, 0};
    for (unsigned i = 0; i < VSOCK_MAX_CONNS; i++) {
        const struct vsock_conn *c = &v->conns[i];
        short ev = c->state == VS_FREE ? 0 : interest(v, c);
        set[1 + i] = (struct pollfd){ev ? c->fd : -1, ev, 0};
    }
}

/* --- host-initiated connections: "CONNECT <port>\n" --- */

static void accept_all(struct virtio_vsock *v)
{
    while (v->n_conns < VSOCK_MAX_CONNS) {
        int fd = accept4(v->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        if (!vsock_conn_new(v, fd, VS_LINE))
            close(fd);
    }
}

static bool parse_connect(const char *line, uint32_t *port)
{
    static const char cmd[] = "CONNECT ";
    if (strncmp(line, cmd, sizeof(cmd) - 1))
        return false;
    const char *d = line + sizeof(cmd) - 1;
    uint64_t p = 0;
    size_t n = 0;
    for (; d[n] >= '0' && d[n] <= '9' && n < 11; n++)
        p = p * 10 + (uint64_t)(d[n] - '0');
    *port = (uint32_t)p;
    return n > 0 && n <= 10 && d[n] == '\0' && p <= UINT32_MAX;
}

/* A host port no connection uses, from 2^30 up as Firecracker's. */
static uint32_t alloc_port(struct virtio_vsock *v)
{
    for (;;) {
        uint32_t p = v->next_port++;
        if (v->next_port == 0)
            v->next_port = VSOCK_FIRST_LOCAL_PORT;
        bool used = false;
        for (unsigned i = 0; i < VSOCK_MAX_CONNS && !used; i++)
            used = v->conns[i].state > VS_LINE && v->conns[i].host_port == p;
        if (!used)
            return p;
    }
}

/* Take the line's bytes (the line only: what follows is the guest's) into c->buf; once it
 * is whole, ask the guest. A program that closes or sends something else is dropped. */
static void read_line(struct virtio_vsock *v, struct vsock_conn *c)
{
    uint8_t *line = c->buf + c->buf_len;
    size_t room = VSOCK_LINE_MAX - c->buf_len;
    ssize_t n = recv(c->fd, line, room, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    uint8_t *nl = n > 0 ? memchr(line, '\n', (size_t)n) : NULL;
    size_t take = nl ? (size_t)(nl - line) + 1 : (size_t)(n > 0 ? n : 0);
    if (n <= 0 || recv(c->fd, line, take, MSG_DONTWAIT) != (ssize_t)take ||
        (!nl && take == room)) {
        vsock_conn_drop(v, c);
        return;
    }
    c->buf_len += (uint32_t)take;
    if (!nl)
        return;
    c->buf[c->buf_len - 1] = '\0';
    c->buf_len = 0;
    uint32_t port;
    if (!parse_connect((const char *)c->buf, &port)) {
        vsock_conn_drop(v, c);
        return;
    }
    c->state = VS_REQUESTED;
    c->guest_port = port;
    c->host_port = alloc_port(v);
    c->owed |= VP_REQUEST;
}

bool vsock_host_greet(struct vsock_conn *c)
{
    char ok[VSOCK_LINE_MAX];
    int n = snprintf(ok, sizeof(ok), "OK %u\n", c->host_port);
    /* nothing was written to this socket yet: its buffer has room for a line */
    return send(c->fd, ok, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL) == n;
}

/* --- data to the host --- */

/* The guest learns of the room we made (CREDIT_UPDATE) once it believes less than half of
 * our buffer is free: often enough that it never stalls, rarely enough for small writes. */
static void maybe_credit_update(struct vsock_conn *c)
{
    uint32_t believed_free = VSOCK_CONN_BUF - (c->rx_cnt - c->fwd_cnt_told);
    if (c->fwd_cnt != c->fwd_cnt_told && believed_free < VSOCK_CONN_BUF / 2)
        c->owed |= VP_CREDIT_UPDATE;
}

bool vsock_host_flush(struct vsock_conn *c)
{
    while (c->buf_len) {
        ssize_t n = send(c->fd, c->buf + c->buf_off, c->buf_len, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0)
            return false;
        c->buf_off += (uint32_t)n;
        c->buf_len -= (uint32_t)n;
        c->fwd_cnt += (uint32_t)n;
    }
    if (c->buf_len == 0)
        c->buf_off = 0;
    if (c->buf_len == 0 && c->guest_no_send && !c->host_wr_shut) {
        shutdown(c->fd, SHUT_WR); /* the host program reads the guest's end of stream */
        c->host_wr_shut = true;
    }
    maybe_credit_update(c);
    return true;
}

bool vsock_conn_maybe_finish(struct virtio_vsock *v, struct vsock_conn *c)
{
    if (c->state != VS_OPEN || !c->guest_no_send || c->buf_len ||
        !(c->guest_no_rcv || c->host_eof))
        return false;
    vsock_conn_reset(v, c); /* the guest waits for this RST to close its socket */
    return true;
}

/* --- one look at everything --- */

static void conn_event(struct virtio_vsock *v, struct vsock_conn *c, short revents)
{
    if (c->state == VS_LINE) {
        read_line(v, c);
        return;
    }
    if (c->state != VS_OPEN)
        return;
    if ((revents & (POLLOUT | POLLERR | POLLHUP)) && c->buf_len && !vsock_host_flush(c)) {
        vsock_conn_reset(v, c);
        return;
    }
    if (revents & (POLLIN | POLLERR | POLLHUP))
        c->readable = true; /* vsock_guest_rx takes it as far as the guest has room */
    vsock_conn_maybe_finish(v, c);
}

void vsock_host_service(struct virtio_vsock *v)
{
    struct pollfd set[1 + VSOCK_MAX_CONNS];
    vsock_host_set(v, set);
    if (poll(set, ARRAY_SIZE(set), 0) <= 0)
        return;
    for (unsigned i = 0; i < VSOCK_MAX_CONNS; i++)
        if (set[1 + i].revents)
            conn_event(v, &v->conns[i], set[1 + i].revents);
    if (set[0].revents)
        accept_all(v);
}
