/* vsock: one AF_VSOCK stream joined to standard input and output (busybox has no AF_VSOCK).
 *
 *   vsock listen PORT        accept one connection on PORT, from any CID
 *   vsock connect CID PORT   connect to CID:PORT (2 is the host)
 *
 * What the socket brings goes to standard output, standard input goes to the socket; the end
 * of standard input shuts the socket's sending side, and the program ends when the peer ends
 * its own. Exit status: 0 done, 1 socket error, 2 usage. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/vm_sockets.h>

static int usage(void)
{
    fprintf(stderr, "usage: vsock listen PORT | vsock connect CID PORT\n");
    return 2;
}

static int fail(const char *what)
{
    fprintf(stderr, "vsock: %s: %s\n", what, strerror(errno));
    return 1;
}

static int parse_u32(const char *s, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || errno || v > 0xffffffffUL)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int write_all(int fd, const char *p, ssize_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, (size_t)n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= w;
    }
    return 0;
}

/* Standard input to the socket; at its end, the peer reads our end of stream (fd -1). */
static int from_stdin(int sock, struct pollfd *in, char *buf, size_t size)
{
    ssize_t n = read(0, buf, size);
    if (n <= 0) {
        shutdown(sock, SHUT_WR);
        in->fd = -1;
        return 0;
    }
    return write_all(sock, buf, n) ? fail("write to the socket") : 0;
}

/* Copy both ways until the peer ends its side; what standard input has ready by then still
 * goes out (a peer that ends first must not make us drop a line already typed). */
static int pump(int sock)
{
    struct pollfd p[2] = {{0, POLLIN, 0}, {sock, POLLIN, 0}};
    char buf[4096];
    for (;;) {
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return fail("poll");
        }
        if (p[0].revents && from_stdin(sock, &p[0], buf, sizeof(buf)))
            return 1;
        if (!p[1].revents)
            continue;
        ssize_t n = read(sock, buf, sizeof(buf));
        if (n < 0)
            return fail("read from the socket");
        if (n > 0 && write_all(1, buf, n))
            return fail("write to standard output");
        while (n == 0 && p[0].fd >= 0 && poll(p, 1, 0) > 0)
            if (from_stdin(sock, &p[0], buf, sizeof(buf)))
                return 1;
        if (n == 0)
            return 0;
    }
}

static int do_listen(unsigned port)
{
    struct sockaddr_vm a = {.svm_family = AF_VSOCK, .svm_port = port, .svm_cid = VMADDR_CID_ANY};
    int s = socket(AF_VSOCK, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return fail("socket");
    if (bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 1))
        return fail("listen");
    int c = accept(s, NULL, NULL);
    if (c < 0)
        return fail("accept");
    close(s);
    return pump(c);
}

static int do_connect(unsigned cid, unsigned port)
{
    struct sockaddr_vm a = {.svm_family = AF_VSOCK, .svm_port = port, .svm_cid = cid};
    int s = socket(AF_VSOCK, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return fail("socket");
    if (connect(s, (struct sockaddr *)&a, sizeof(a)))
        return fail("connect");
    return pump(s);
}

int main(int argc, char **argv)
{
    unsigned cid, port;
    if (argc == 3 && !strcmp(argv[1], "listen") && !parse_u32(argv[2], &port))
        return do_listen(port);
    if (argc == 4 && !strcmp(argv[1], "connect") && !parse_u32(argv[2], &cid) &&
        !parse_u32(argv[3], &port))
        return do_connect(cid, port);
    return usage();
}
