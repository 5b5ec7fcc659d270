/* TCP segmentation offload done on the host (gso.h). Each segment gets the frame's headers
 * with what differs fixed, as the segments the guest's own stack would have sent: the IPv4
 * total length, identification (one more per segment) and header checksum, or the IPv6
 * payload length; the TCP sequence number; FIN and PSH only on the last segment, CWR only on
 * the first; the TCP checksum over a pseudo-header of the segment's own length. */
#include "net/gso.h"

#include <string.h>

#include "net/csum.h"

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define PROTO_TCP 6
#define TCP_FIN 0x01
#define TCP_PSH 0x08
#define TCP_CWR 0x80

static uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static void put_be16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* IPv4 as TCP segmentation can cut it: no options (they would have to be copied or not,
 * per option), not a fragment, TCP inside, the total length within the frame. */
static bool parse_ipv4(struct net_gso *g, const uint8_t *frame, uint32_t len, uint16_t type)
{
    const uint8_t *ip = frame + g->l3;
    if (type != ETHERTYPE_IPV4 || len - g->l3 < 20 || ip[0] != 0x45)
        return false;
    uint32_t total = be16(ip + 2);
    if (total < 20 || total > len - g->l3 || (be16(ip + 6) & 0x3fff) || ip[9] != PROTO_TCP)
        return false;
    g->l4 = g->l3 + 20;
    g->end = g->l3 + total;
    g->ip_id = (uint16_t)be16(ip + 4);
    return true;
}

/* IPv6 with TCP right after the fixed header (extension headers are refused), and a
 * payload length within the frame (zero, a jumbogram, is refused too). */
static bool parse_ipv6(struct net_gso *g, const uint8_t *frame, uint32_t len, uint16_t type)
{
    const uint8_t *ip = frame + g->l3;
    if (type != ETHERTYPE_IPV6 || len - g->l3 < 40 || ip[0] >> 4 != 6 || ip[6] != PROTO_TCP)
        return false;
    uint32_t plen = be16(ip + 4);
    if (!plen || plen > len - g->l3 - 40)
        return false;
    g->l4 = g->l3 + 40;
    g->end = g->l4 + plen;
    return true;
}

/* Which kind of segment the request names, if the driver may ask for it. */
static bool allowed(uint8_t gso_type, unsigned allow, bool *v6)
{
    if ((gso_type & NET_GSO_ECN) && !(allow & NET_GSO_ALLOW_ECN))
        return false;
    uint8_t kind = gso_type & (uint8_t)~NET_GSO_ECN;
    *v6 = kind == NET_GSO_TCPV6;
    return (kind == NET_GSO_TCPV4 && (allow & NET_GSO_ALLOW_V4)) ||
           (kind == NET_GSO_TCPV6 && (allow & NET_GSO_ALLOW_V6));
}

bool net_gso_begin(struct net_gso *g, const uint8_t *frame, uint32_t len, uint8_t gso_type,
                   uint32_t gso_size, uint32_t hdr_len, unsigned allow)
{
    memset(g, 0, sizeof(*g));
    /* hdr_len is only a hint (§5.1.6.2.2: the device must not rely on it): the headers are
     * parsed here; one pointing past the frame is nonsense all the same */
    if (!allowed(gso_type, allow, &g->v6) || !gso_size || gso_size > len || hdr_len > len)
        return false;
    uint16_t type;
    if (!net_frame_l3(frame, len, &g->l3, &type))
        return false;
    if (!(g->v6 ? parse_ipv6(g, frame, len, type) : parse_ipv4(g, frame, len, type)))
        return false;
    if (g->end - g->l4 < 20)
        return false;
    uint32_t doff = (uint32_t)(frame[g->l4 + 12] >> 4) * 4;
    if (doff < 20 || doff >= g->end - g->l4)
        return false; /* no room for the TCP header, or no payload to cut */
    g->hdr = g->l4 + doff;
    g->mss = gso_size;
    g->next = g->hdr;
    const uint8_t *s = frame + g->l4 + 4;
    g->seq = (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
    return true;
}

bool net_gso_done(const struct net_gso *g)
{
    return g->next >= g->end;
}

/* The headers of a segment of `l4len` TCP bytes (header included), first/last or not. */
static void fix_headers(const struct net_gso *g, uint8_t *out, uint32_t l4len, bool first,
                        bool last)
{
    uint8_t *ip = out + g->l3, *th = out + g->l4;
    if (g->v6) {
        put_be16(ip + 4, l4len);
    } else {
        put_be16(ip + 2, 20 + l4len);
        put_be16(ip + 4, (uint16_t)(g->ip_id + g->index));
        ip[10] = ip[11] = 0;
        uint16_t c = net_csum_fold(net_csum_add(0, ip, 20));
        memcpy(ip + 10, &c, 2);
    }
    uint32_t seq = g->seq + (g->next - g->hdr);
    th[4] = (uint8_t)(seq >> 24), th[5] = (uint8_t)(seq >> 16);
    th[6] = (uint8_t)(seq >> 8), th[7] = (uint8_t)seq;
    if (!last)
        th[13] &= (uint8_t)~(TCP_FIN | TCP_PSH);
    if (!first)
        th[13] &= (uint8_t)~TCP_CWR;
    th[16] = th[17] = 0;
    uint16_t c = net_csum_fold(net_csum_pseudo(ip, g->v6, PROTO_TCP, l4len) +
                               net_csum_add(0, th, l4len));
    memcpy(th + 16, &c, 2);
}

uint32_t net_gso_next(struct net_gso *g, const uint8_t *frame, uint8_t *out)
{
    uint32_t left = g->end - g->next, n = left < g->mss ? left : g->mss;
    memcpy(out, frame, g->hdr);
    memcpy(out + g->hdr, frame + g->next, n);
    fix_headers(g, out, g->hdr - g->l4 + n, g->index == 0, n == left);
    g->next += n;
    g->index++;
    return g->hdr + n;
}
