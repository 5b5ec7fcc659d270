/* The host terminal behind the guest console: raw mode while the machine runs, restored on
 * every way out of the process (normal exit, termination signals, crashes). */
#ifndef ARBOR_DEV_CONSOLE_TTY_H
#define ARBOR_DEV_CONSOLE_TTY_H

#include <stdbool.h>

/* When `fd` is a terminal, save its settings and switch it to raw input: no echo, no line
 * editing, no signal keys (Ctrl-C, Ctrl-Z and Ctrl-\ go to the guest), no flow control; output
 * processing stays on so the host's own messages keep their line breaks. Registers the restore
 * as an exit hook and at exit, and installs handlers for SIGTERM, SIGHUP, SIGINT, SIGQUIT,
 * SIGTSTP/SIGCONT and fatal signals (SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL) that restore the
 * terminal, then take the signal's default action. A signal the process inherited as ignored
 * stays ignored. Returns 0 (also when `fd` is not a terminal: nothing to do) or -errno.
 * Call at most once, from the main thread, before the machine runs. */
int console_tty_init(int fd);

/* Put the terminal back as console_tty_init found it. Idempotent and async-signal-safe. */
void console_tty_restore(void);

/* A forked copy of the process (a clone domain) lets go of the terminal without touching it:
 * its exits no longer restore what the original still uses. */
void console_tty_disown(void);

/* True while the terminal is in raw mode. */
bool console_tty_active(void);

#endif
