/* A card's two MAC addresses. The guest's (the one in config space) lives on in the guest
 * kernel's memory, so every clone of a machine and every machine restored from a snapshot
 * has the same one; on the wire each must be someone else. The device therefore gives each
 * instance a wire address of its own and translates between the two in the Ethernet and
 * ARP headers, so clones never collide on layer 2 and the guest never sees a change. */
#ifndef ARBOR_NET_IDENTITY_H
#define ARBOR_NET_IDENTITY_H

#include <stdbool.h>
#include <stdint.h>

struct net_identity {
    uint8_t guest[6]; /* what the guest believes is its address */
    uint8_t wire[6];  /* what the network sees; equal to `guest` on a fresh boot */
};

/* A fresh random wire address, unicast and locally administered (02:xx:xx:xx:xx:xx),
 * different from the guest's. */
void net_identity_renew(struct net_identity *id);
bool net_identity_same(const struct net_identity *id);

/* Frame from the guest: its source address, and an ARP sender hardware address, become the
 * wire address where they are the guest's. */
void net_identity_to_wire(const struct net_identity *id, uint8_t *frame, uint32_t len);
/* Frame for the guest: its destination address, and an ARP target hardware address, become
 * the guest's where they are the wire address. */
void net_identity_to_guest(const struct net_identity *id, uint8_t *frame, uint32_t len);

#endif
