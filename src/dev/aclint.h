/* SiFive CLINT (the ACLINT MSWI + MTIMER pair) of the `virt` board: machine software
 * interrupts (MSIP) and machine timer compare registers (mtimecmp) for each hart. */
#ifndef ARBOR_DEV_ACLINT_H
#define ARBOR_DEV_ACLINT_H

#include "board/board.h"

/* Register layout (offsets from VIRT_CLINT_BASE). */
#define ACLINT_MSIP_BASE 0x0u      /* 4 bytes per hart, bit 0 drives MIP.MSIP */
#define ACLINT_MTIMECMP_BASE 0x4000u /* 8 bytes per hart */
#define ACLINT_MTIME 0xbff8u       /* 8 bytes, read-only here (see aclint.c) */

struct aclint;

/* Create the CLINT for b->n_harts harts, map it at VIRT_CLINT_BASE, register it with the board
 * and set b->aclint. Returns NULL (logged) when the bus or device table is full. */
struct aclint *aclint_create(struct board *b);

/* mtimecmp of `hart` (UINT64_MAX for a hart that does not exist). The setter updates MIP.MTIP
 * at once; it ignores a hart that does not exist. */
uint64_t aclint_get_mtimecmp(const struct aclint *a, unsigned hart);
void aclint_set_mtimecmp(struct aclint *a, unsigned hart, uint64_t val);

/* MSIP of `hart` (bit 0 of its MSIP register); the setter drives MIP.MSIP of the hart, which is
 * how an SBI implementation sends an IPI. */
bool aclint_get_msip(const struct aclint *a, unsigned hart);
void aclint_set_msip(struct aclint *a, unsigned hart, bool level);

#endif
