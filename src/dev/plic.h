/* SiFive PLIC of the `virt` board: 95 level-triggered sources routed to two contexts per hart
 * (context 2h = hart h's M-mode external interrupt, 2h+1 = its S-mode external interrupt). */
#ifndef ARBOR_DEV_PLIC_H
#define ARBOR_DEV_PLIC_H

#include "board/board.h"

#define PLIC_NUM_SOURCES 96 /* source 0 means "no interrupt"; 1..95 are usable */
#define PLIC_MAX_PRIORITY 7
#define PLIC_MAX_CONTEXTS (2 * BOARD_MAX_HARTS)

/* Register layout (offsets from VIRT_PLIC_BASE). */
#define PLIC_PRIORITY_BASE 0x0u         /* 4 bytes per source */
#define PLIC_PENDING_BASE 0x1000u       /* bitmap, read-only */
#define PLIC_ENABLE_BASE 0x2000u        /* bitmap per context */
#define PLIC_ENABLE_STRIDE 0x80u
#define PLIC_CONTEXT_BASE 0x200000u     /* threshold at +0, claim/complete at +4 */
#define PLIC_CONTEXT_STRIDE 0x1000u

struct plic;

/* Create the PLIC for the b->n_harts harts already in `b` (b->harts[] may hold NULL for a hart
 * not built yet: its outputs are then skipped), map it at VIRT_PLIC_BASE, register it with the
 * board and set b->plic. Returns NULL (logged) when the bus or device table is full. */
struct plic *plic_create(struct board *b);

/* Drive source `src` to `level` (level-triggered). Out-of-range sources are ignored.
 * Not thread-safe: call from the thread that runs the harts. */
void plic_set_irq(struct plic *p, unsigned src, bool level);

/* Signal an edge on source `src`: one request that stays pending until a context claims it,
 * for a device the guest's handler does not acknowledge (so it cannot hold a level). A
 * source is either driven by plic_set_irq or pulsed, never both. p may be NULL. */
void plic_pulse_irq(struct plic *p, unsigned src);

#endif
