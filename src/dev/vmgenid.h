/* VM Generation ID device of the `virt` board ("microsoft,vmgenid"): a 16-byte identifier the
 * guest reads, which the monitor replaces whenever the VM may have been duplicated or sent
 * back in time (fork, revert, restore), so that the guest reseeds its random number generator
 * and anything else that must not repeat between two copies of one VM. */
#ifndef ARBOR_DEV_VMGENID_H
#define ARBOR_DEV_VMGENID_H

#include "board/board.h"

#define VMGENID_SIZE 0x1000u
#define VMGENID_ID_SIZE 16 /* at offset 0, little-endian bytes; the rest reads 0 */

struct vmgenid;

/* Map the device at VIRT_VMGENID_BASE (PLIC source VIRT_VMGENID_IRQ), give it a random ID,
 * register it with the board and set b->vmgenid. Create it after the PLIC. Returns NULL
 * (logged) when the host has no randomness or the bus or device table is full. */
struct vmgenid *vmgenid_create(struct board *b);

/* Replace the ID with a new random one and interrupt the guest, whose handler rereads it. */
void vmgenid_renew(struct vmgenid *v);

void vmgenid_get(const struct vmgenid *v, uint8_t id[VMGENID_ID_SIZE]);

#endif
