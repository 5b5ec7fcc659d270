/* The Internet checksum (RFC 1071) on the host, for the offloads the network card offers:
 * finishing a checksum the guest left partial (VIRTIO_NET_F_CSUM), and checking the ones
 * of received frames so the guest may skip that work (VIRTIO_NET_F_GUEST_CSUM). Each pass
 * here is one the guest's kernel, running on the interpreter, no longer makes.
 *
 * Every function takes the frame's length and reads nothing past it. */
#ifndef ARBOR_NET_CSUM_H
#define ARBOR_NET_CSUM_H

#include <stdbool.h>
#include <stdint.h>

/* A running ones'-complement sum: add pieces of even length (all but the last may not be
 * odd), then fold. Summed in host byte order: RFC 1071 §2(B) makes the folded result, stored
 * back in host order, the right bytes whatever the host's endianness. */
uint64_t net_csum_add(uint64_t sum, const void *p, uint32_t len);
/* The 16-bit checksum field for `sum` (complemented, host order; store with memcpy). */
uint16_t net_csum_fold(uint64_t sum);

/* The sum of the TCP/UDP pseudo-header (RFC 793, RFC 8200 §8.1): addresses taken from the
 * IP header at `ip` (IPv4 when `v6` is false), protocol `proto`, transport length `l4len`. */
uint64_t net_csum_pseudo(const uint8_t *ip, bool v6, uint8_t proto, uint32_t l4len);

/* Where an Ethernet frame's network layer starts (after up to two VLAN tags) and its
 * ethertype; false when the frame is too short to say. */
bool net_frame_l3(const uint8_t *frame, uint32_t len, uint32_t *l3, uint16_t *ethertype);

/* VIRTIO_NET_HDR_F_NEEDS_CSUM: the checksum of frame[start..len) stored at start + offset
 * (the field holds the pseudo-header sum the guest put there). False, frame untouched, when
 * the field does not lie within the frame. */
bool net_csum_complete(uint8_t *frame, uint32_t len, uint32_t start, uint32_t offset);

/* True when the frame is unfragmented IPv4 or IPv6 carrying TCP, or UDP with a checksum, and
 * both the IPv4 header checksum and the transport checksum are right: what may be marked
 * VIRTIO_NET_HDR_F_DATA_VALID. */
bool net_csum_valid(const uint8_t *frame, uint32_t len);

#endif
