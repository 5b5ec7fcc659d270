/* Test doubles for the board and hart functions devices call, so src/dev can be tested without
 * src/board and src/rv: time is set by the test, IRQ lines and exit requests are recorded. */
#ifndef ARBOR_TESTS_STUB_BOARD_H
#define ARBOR_TESTS_STUB_BOARD_H

#include "board/board.h"

extern uint64_t stub_mtime;        /* what board_mtime() returns */
extern uint64_t stub_wall_ns;      /* what board_wall_ns() returns */
extern bool stub_irq[96];          /* last level board_set_irq() gave each PLIC source */
extern unsigned stub_irq_calls;    /* how many times board_set_irq() was called */

/* Zero `b`, give it `n_harts` zeroed harts (whose s.mip rv_hart_set_irq updates), a small RAM,
 * phandles (intc h = 1 + h, PLIC 20, syscon 21) and reset the stub globals. Returns 0 or -1. */
int stub_board_init(struct board *b, unsigned n_harts);
void stub_board_free(struct board *b);

/* The registered device whose ops are named `name`, or NULL. */
const struct device *stub_board_device(const struct board *b, const char *name);

/* Write every registered device's node into a fresh tree (root + /soc) in `buf`, plus the
 * root-level nodes `root_fn` adds (may be NULL). Returns 0 or a libfdt error. */
int stub_board_fdt(struct board *b, void *buf, int size, void (*root_fn)(struct board *, void *));

/* Save device `d` as one section the way the board does (begin, save, end), check the section
 * and copy its payload into `buf`. Returns the payload length, 0 when it does not fit or the
 * section is broken. */
size_t stub_snap_save(const struct device *d, uint8_t *buf, size_t cap);
/* Hand `len` payload bytes to d's load as the board does, with the version d writes. Returns
 * what load returned; `why` gets the reader's reason (NULL if none). */
bool stub_snap_load(const struct device *d, const uint8_t *payload, size_t len, const char **why);
/* Load `image` cut or padded with zeros to `len` bytes (at most image_len + 8), with
 * `patch_size` bytes at `patch_at` replaced by `patch`: true when `d` refuses it with a
 * reason. */
bool stub_snap_refuses(const struct device *d, const uint8_t *image, size_t image_len,
                       size_t len, size_t patch_at, uint64_t patch, unsigned patch_size);

#endif
