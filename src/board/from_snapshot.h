/* A machine built from a snapshot: what `arbor restore` runs and `arbor inspect` reads. */
#ifndef ARBOR_BOARD_FROM_SNAPSHOT_H
#define ARBOR_BOARD_FROM_SNAPSHOT_H

#include "board/board.h"
#include "snap/tree.h"

/* Build into `b` the machine snapshot `n` holds. `n` and its ancestors must be open
 * (snap_node_open; a full snapshot may also be a stand-alone node: `file` set, no parent).
 * Configuration and every component's state come from n's sections; guest RAM is the image
 * of the full snapshot at the root of n's chain, mapped copy-on-write (nothing is ever
 * written to the file), with the pages of each delta from the root down to n copied over
 * it. Returns 0, or -1 after logging one line that names the file and what is wrong. `b` is
 * cleared first, so board_destroy(b) is right after either result. The RAM mapping holds its
 * own reference to the file: the snapfiles may be closed once this returns. */
int board_build_from_snapshot(struct board *b, const struct snap_node *n);

#endif
