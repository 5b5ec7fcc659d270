/* Raw mode for the host terminal of the guest console, undone on every exit path. Only
 * async-signal-safe calls (tcsetattr, raise, sigaction) run in the signal handlers. */
#include "dev/console_tty.h"

#include "common/util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

static int tty_fd = -1;
static struct termios tty_saved, tty_raw_mode;
static volatile sig_atomic_t tty_is_raw;

void console_tty_restore(void)
{
    if (tty_is_raw) {
        tty_is_raw = 0;
        /* TCSANOW: waiting for output to drain could hang a signal handler */
        tcsetattr(tty_fd, TCSANOW, &tty_saved);
    }
}

void console_tty_disown(void)
{
    tty_is_raw = 0;
    tty_fd = -1;
}

bool console_tty_active(void)
{
    return tty_is_raw;
}

static void tty_make_raw(void)
{
    if (tcsetattr(tty_fd, TCSANOW, &tty_raw_mode) == 0)
        tty_is_raw = 1;
}

/* Termination and crash signals: restore, then die of the same signal with its default
 * action (SA_RESETHAND put it back, SA_NODEFER lets the raise land at once), so the parent
 * sees the true cause and crashes still dump core. */
static void tty_on_fatal(int sig)
{
    int saved_errno = errno;
    console_tty_restore();
    raise(sig);
    errno = saved_errno;
}

/* Stop request from outside (the terminal does not generate it in raw mode): give the
 * terminal back while stopped, take it again when continued. */
static void tty_on_stop(int sig)
{
    (void)sig;
    int saved_errno = errno;
    sig_atomic_t was_raw = tty_is_raw;
    console_tty_restore();
    raise(SIGSTOP);
    if (was_raw)
        tty_make_raw();
    errno = saved_errno;
}

static void tty_catch(int sig, void (*fn)(int), int flags)
{
    struct sigaction old, sa = {.sa_handler = fn, .sa_flags = flags};
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        return; /* e.g. SIGHUP under nohup: keep ignoring it */
    sigaction(sig, &sa, NULL);
}

static void tty_install_handlers(void)
{
    static const int fatal[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT,
                                SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
    for (size_t i = 0; i < ARRAY_SIZE(fatal); i++)
        tty_catch(fatal[i], tty_on_fatal, SA_RESETHAND | SA_NODEFER);
    tty_catch(SIGTSTP, tty_on_stop, SA_RESTART);
}

int console_tty_init(int fd)
{
    if (tty_fd >= 0 || !isatty(fd))
        return 0; /* already done, or not a terminal: nothing to restore later */
    if (tcgetattr(fd, &tty_saved) < 0)
        return -errno;
    tty_raw_mode = tty_saved;
    tty_raw_mode.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                                        ICRNL | IXON | IXOFF | INPCK);
    tty_raw_mode.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    tty_raw_mode.c_cflag = (tty_raw_mode.c_cflag & ~(tcflag_t)(CSIZE | PARENB)) | CS8;
    tty_raw_mode.c_cc[VMIN] = 1;
    tty_raw_mode.c_cc[VTIME] = 0;
    tty_fd = fd;
    /* hooks first, so no way out is missed once the terminal is raw */
    util_add_exit_hook(console_tty_restore);
    atexit(console_tty_restore);
    tty_install_handlers();
    if (tcsetattr(fd, TCSANOW, &tty_raw_mode) < 0)
        return -errno;
    tty_is_raw = 1;
    return 0;
}
