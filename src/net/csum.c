/* Internet checksums for the card's offloads (csum.h). */
#include "net/csum.h"

#include <string.h>

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_QINQ 0x88a8
#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* 32-bit words into a 64-bit sum: 2^32 of them before it could overflow, far more than a
 * frame has. Sums of 32-bit words fold to the same 16-bit sum (2^16 = 1 mod 2^16 - 1). */
uint64_t net_csum_add(uint64_t sum, const void *p, uint32_t len)
{
    const uint8_t *b = p;
    for (; len >= 4; b += 4, len -= 4) {
        uint32_t w;
        memcpy(&w, b, 4);
        sum += w;
    }
    if (len >= 2) {
        uint16_t h;
        memcpy(&h, b, 2);
        sum += h;
        b += 2;
        len -= 2;
    }
    if (len) {
        uint16_t h = 0; /* the odd byte, padded with a zero byte after it */
        memcpy(&h, b, 1);
        sum += h;
    }
    return sum;
}

uint16_t net_csum_fold(uint64_t sum)
{
    sum = (sum & 0xffffffffu) + (sum >> 32);
    sum = (sum & 0xffffffffu) + (sum >> 32);
    sum = (sum & 0xffffu) + (sum >> 16);
    sum = (sum & 0xffffu) + (sum >> 16);
    sum = (sum & 0xffffu) + (sum >> 16);
    return (uint16_t)~sum;
}

uint64_t net_csum_pseudo(const uint8_t *ip, bool v6, uint8_t proto, uint32_t l4len)
{
    if (v6) {
        uint8_t tail[8] = {(uint8_t)(l4len >> 24), (uint8_t)(l4len >> 16), (uint8_t)(l4len >> 8),
                           (uint8_t)l4len, 0, 0, 0, proto};
        return net_csum_add(net_csum_add(0, ip + 8, 32), tail, sizeof(tail));
    }
    uint8_t tail[4] = {0, proto, (uint8_t)(l4len >> 8), (uint8_t)l4len};
    return net_csum_add(net_csum_add(0, ip + 12, 8), tail, sizeof(tail));
}

bool net_frame_l3(const uint8_t *frame, uint32_t len, uint32_t *l3, uint16_t *ethertype)
{
    uint32_t off = 12;
    for (unsigned tags = 0;; tags++) {
        if (len < off + 2)
            return false;
        uint16_t type = be16(frame + off);
        if ((type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) && tags < 2) {
            off += 4;
            continue;
        }
        *l3 = off + 2;
        *ethertype = type;
        return true;
    }
}

bool net_csum_complete(uint8_t *frame, uint32_t len, uint32_t start, uint32_t offset)
{
    if (start > len || offset + 2 > len - start)
        return false;
    uint16_t c = net_csum_fold(net_csum_add(0, frame + start, len - start));
    if (c == 0)
        c = 0xffff; /* as Linux does: in UDP, zero would mean "no checksum" */
    memcpy(frame + start + offset, &c, 2);
    return true;
}

/* The transport checksum of [l4, l4 + l4len) with the pseudo-header from `ip`. */
static bool l4_valid(const uint8_t *ip, bool v6, uint8_t proto, const uint8_t *l4,
                     uint32_t l4len)
{
    if (proto == IPPROTO_TCP_ && l4len < 20)
        return false;
    /* UDP: a zero checksum is "none" (IPv4), and the UDP length must be the datagram's,
     * else the guest would check a different span than this */
    if (proto == IPPROTO_UDP_ && (l4len < 8 || be16(l4 + 4) != l4len || !be16(l4 + 6)))
        return false;
    if (proto != IPPROTO_TCP_ && proto != IPPROTO_UDP_)
        return false;
    return net_csum_fold(net_csum_pseudo(ip, v6, proto, l4len) + net_csum_add(0, l4, l4len)) == 0;
}

static bool ipv4_valid(const uint8_t *ip, uint32_t room)
{
    if (room < 20 || ip[0] >> 4 != 4)
        return false;
    uint32_t ihl = (ip[0] & 15u) * 4, total = be16(ip + 2);
    if (ihl < 20 || total < ihl || total > room || (be16(ip + 6) & 0x3fff))
        return false; /* a fragment's checksum covers the whole datagram: not ours to judge */
    if (net_csum_fold(net_csum_add(0, ip, ihl)) != 0)
        return false;
    return l4_valid(ip, false, ip[9], ip + ihl, total - ihl);
}

/* Extension headers are left to the guest: only TCP or UDP right after the fixed header. */
static bool ipv6_valid(const uint8_t *ip, uint32_t room)
{
    if (room < 40 || ip[0] >> 4 != 6)
        return false;
    uint32_t plen = be16(ip + 4);
    if (!plen || plen > room - 40)
        return false;
    return l4_valid(ip, true, ip[6], ip + 40, plen);
}

bool net_csum_valid(const uint8_t *frame, uint32_t len)
{
    uint32_t l3;
    uint16_t type;
    if (!net_frame_l3(frame, len, &l3, &type))
        return false;
    if (type == ETHERTYPE_IPV4)
        return ipv4_valid(frame + l3, len - l3);
    if (type == ETHERTYPE_IPV6)
        return ipv6_valid(frame + l3, len - l3);
    return false;
}
