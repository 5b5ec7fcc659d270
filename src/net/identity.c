/* Wire and guest MAC addresses (identity.h). Only the headers that carry a station's own
 * address are translated: Ethernet source/destination and ARP's sender/target hardware
 * address (untagged or with one 802.1Q tag). Addresses inside payloads with checksums (a
 * DHCP client's chaddr, IPv6 neighbour discovery options) are left alone: see
 * docs/devices.md, "Network: identity of clones". */
#include "net/identity.h"

#include <string.h>
#include <sys/random.h>

#include "common/util.h"

#define ETH_HLEN 14
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_VLAN 0x8100
#define ARP_LEN 28 /* Ethernet/IPv4 ARP */

void net_identity_renew(struct net_identity *id)
{
    do {
        if (getrandom(id->wire, sizeof(id->wire), 0) != (ssize_t)sizeof(id->wire)) {
            uint64_t t = host_now_ns() ^ (uint64_t)(uintptr_t)id;
            memcpy(id->wire, &t, sizeof(id->wire));
        }
        id->wire[0] = 0x02; /* locally administered, unicast */
    } while (net_identity_same(id));
}

bool net_identity_same(const struct net_identity *id)
{
    return !memcmp(id->guest, id->wire, 6);
}

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* The ARP payload of an Ethernet/IPv4 ARP frame, or NULL. */
static uint8_t *arp_of(uint8_t *frame, uint32_t len)
{
    uint32_t off = 12;
    if (len >= off + 2 && be16(frame + off) == ETHERTYPE_VLAN)
        off += 4;
    if (len < off + 2 + ARP_LEN || be16(frame + off) != ETHERTYPE_ARP)
        return NULL;
    uint8_t *arp = frame + off + 2;
    bool ether_ipv4 = be16(arp) == 1 && be16(arp + 2) == 0x0800 && arp[4] == 6 && arp[5] == 4;
    return ether_ipv4 ? arp : NULL;
}

static void swap_if(uint8_t *addr, const uint8_t *from, const uint8_t *to)
{
    if (!memcmp(addr, from, 6))
        memcpy(addr, to, 6);
}

void net_identity_to_wire(const struct net_identity *id, uint8_t *frame, uint32_t len)
{
    if (len < ETH_HLEN || net_identity_same(id))
        return;
    swap_if(frame + 6, id->guest, id->wire);
    uint8_t *arp = arp_of(frame, len);
    if (arp)
        swap_if(arp + 8, id->guest, id->wire); /* sender hardware address */
}

void net_identity_to_guest(const struct net_identity *id, uint8_t *frame, uint32_t len)
{
    if (len < ETH_HLEN || net_identity_same(id))
        return;
    swap_if(frame, id->wire, id->guest);
    uint8_t *arp = arp_of(frame, len);
    if (arp)
        swap_if(arp + 18, id->wire, id->guest); /* target hardware address */
}
