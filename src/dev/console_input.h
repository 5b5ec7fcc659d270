/* Host input of the machine's console for whichever device has it (the UART, or the virtio
 * console with --console virtio): reads from b->console_in that never block, the Ctrl-A
 * escapes when that is a terminal, and the end of input. One implementation, so that both
 * consoles answer the same keys. */
#ifndef ARBOR_DEV_CONSOLE_INPUT_H
#define ARBOR_DEV_CONSOLE_INPUT_H

#include "board/board.h"

struct console_input {
    int fd;           /* the console_in the flags describe, -1 before the first read */
    bool is_tty;      /* escapes only on a terminal: a pipe passes every byte through */
    bool eof;
    bool esc_pending; /* a Ctrl-A was typed, its second key not yet */
};

void console_input_init(struct console_input *in);

/* Read at most `room` bytes of b->console_in without blocking and leave in `buf` those meant
 * for the guest (Ctrl-A Ctrl-A gives one Ctrl-A; Ctrl-A h lists the escapes; other escapes are
 * swallowed); returns how many. Ctrl-A x sets *quit (what was typed before it is still
 * returned): the caller hands over those bytes, writes out what output it holds, then calls
 * console_input_quit. The state follows b->console_in when the monitor swaps it (a detached
 * domain). End of input, or an error other than "try again", stops reading for good and sets
 * b->console_in_eof. */
unsigned console_input_read(struct console_input *in, struct board *b, uint8_t *buf,
                            unsigned room, bool *quit);

/* Stop the machine on the user's request (Ctrl-A x). */
void console_input_quit(struct board *b);

#endif
