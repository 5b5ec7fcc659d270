/* Host console input shared by the UART and the virtio console: see console_input.h. */
#include "dev/console_input.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

#define CTRL_A 0x01

void console_input_init(struct console_input *in)
{
    *in = (struct console_input){.fd = -1};
}

void console_input_quit(struct board *b)
{
    log_info("terminated by user (Ctrl-A x)");
    board_request_exit(b, EXIT_HOST_ERROR, 0);
}

static void escape_help(void)
{
    log_info("console escapes: Ctrl-A x  stop the machine | Ctrl-A Ctrl-A  send Ctrl-A");
}

enum escape_result { KEY_SWALLOWED, KEY_FOR_GUEST, KEY_QUIT };

/* Feed one typed byte through the escapes. */
static enum escape_result escape_filter(struct console_input *in, uint8_t c)
{
    if (in->esc_pending) {
        in->esc_pending = false;
        if (c == 'x')
            return KEY_QUIT;
        if (c == 'h' || c == '?')
            escape_help();
        /* unknown escapes are swallowed, as QEMU does */
        return c == CTRL_A ? KEY_FOR_GUEST : KEY_SWALLOWED;
    }
    if (c == CTRL_A && in->is_tty) {
        in->esc_pending = true;
        return KEY_SWALLOWED;
    }
    return KEY_FOR_GUEST;
}

/* The board switched consoles (detach) or this is the first read: start afresh. */
static void follow_fd(struct console_input *in, int fd)
{
    if (fd == in->fd)
        return;
    in->fd = fd;
    in->is_tty = fd >= 0 && isatty(fd);
    in->eof = in->esc_pending = false;
}

unsigned console_input_read(struct console_input *in, struct board *b, uint8_t *buf,
                            unsigned room, bool *quit)
{
    int fd = b->console_in;
    *quit = false;
    follow_fd(in, fd);
    if (in->eof || fd < 0 || room == 0)
        return 0;
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    if (poll(&pfd, 1, 0) <= 0)
        return 0;
    ssize_t n = read(fd, buf, room);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        in->eof = true;
        b->console_in_eof = true; /* the run loop stops waiting on this fd */
    }
    unsigned kept = 0;
    for (ssize_t i = 0; i < n && !*quit; i++) {
        enum escape_result r = escape_filter(in, buf[i]);
        *quit = r == KEY_QUIT;
        if (r == KEY_FOR_GUEST)
            buf[kept++] = buf[i];
    }
    return kept;
}
