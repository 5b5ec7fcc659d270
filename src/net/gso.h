/* TCP segmentation on the host (VIRTIO_NET_F_HOST_TSO4/6, virtio 1.2 §5.1.6.2): the guest
 * hands the card one TCP segment of up to 64 KiB with the MSS to cut it at, and the card
 * makes the wire's frames itself, each with its own headers and checksums. The guest's
 * TCP then pays per 64 KiB what it would pay per 1.5 KiB: on an interpreted CPU, the
 * difference is most of the cost of sending.
 *
 * The frame and the request come from the guest, so each is checked before any segment is
 * made, and a frame this does not handle is refused, never cut wrongly: Ethernet with up to
 * two VLAN tags; IPv4 without options and not a fragment, or IPv6 with TCP right after the
 * fixed header; TCP with its options; a payload of at least one byte and an MSS between 1
 * and the payload's length... see net_gso_begin. */
#ifndef ARBOR_NET_GSO_H
#define ARBOR_NET_GSO_H

#include <stdbool.h>
#include <stdint.h>

/* virtio_net_hdr.gso_type (§5.1.6) */
#define NET_GSO_NONE 0
#define NET_GSO_TCPV4 1
#define NET_GSO_TCPV6 4
#define NET_GSO_ECN 0x80 /* the segment has CWR set (VIRTIO_NET_F_HOST_ECN) */

/* Which kinds of request the driver negotiated. */
#define NET_GSO_ALLOW_V4 1u
#define NET_GSO_ALLOW_V6 2u
#define NET_GSO_ALLOW_ECN 4u

/* A frame being cut, and how far. */
struct net_gso {
    bool v6;
    uint32_t l3, l4;   /* offsets of the IP and TCP headers */
    uint32_t hdr;      /* of the payload: every segment starts with frame[0..hdr) */
    uint32_t end;      /* the end of the IP packet (Ethernet padding after it is dropped) */
    uint32_t mss;
    uint32_t next;     /* offset of the next payload byte to send */
    uint32_t seq;      /* the first payload byte's TCP sequence number */
    uint16_t ip_id;    /* IPv4 identification of the first segment */
    unsigned index;    /* segments made so far */
};

/* Check the request (gso_type, gso_size, hdr_len as the guest gave them) against `allow` and
 * the frame, and start cutting it. false when refused. */
bool net_gso_begin(struct net_gso *g, const uint8_t *frame, uint32_t len, uint8_t gso_type,
                   uint32_t gso_size, uint32_t hdr_len, unsigned allow);
bool net_gso_done(const struct net_gso *g);
/* The next segment into `out`, which has room for the whole frame (no segment is longer);
 * returns its length. Only while !net_gso_done. */
uint32_t net_gso_next(struct net_gso *g, const uint8_t *frame, uint8_t *out);

#endif
