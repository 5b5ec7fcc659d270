/* SiFive test finisher ("syscon") of the `virt` board: the guest writes to it to power off,
 * reboot, or end a test run with a failure code. */
#ifndef ARBOR_DEV_SYSCON_H
#define ARBOR_DEV_SYSCON_H

#include "board/board.h"

#define SYSCON_SIZE 0x1000u
#define SYSCON_FAIL 0x3333u  /* (code << 16) | FAIL: stop with EXIT_GUEST_FAIL, `code` */
#define SYSCON_PASS 0x5555u  /* power off */
#define SYSCON_RESET 0x7777u /* reboot */

struct syscon;

/* Map the finisher at VIRT_TEST_BASE and register it with the board. Its node carries
 * b->syscon_phandle, which the board assigns before the device tree is written.
 * Returns NULL (logged) when the bus or device table is full. */
struct syscon *syscon_create(struct board *b);

/* Add the top-level /poweroff and /reboot nodes (syscon-poweroff, syscon-reboot) that point at
 * the finisher. The board calls it while at the root node of the tree being written. */
void syscon_fdt_root_nodes(struct board *b, void *fdt);

#endif
