/* Raw DEFLATE decoding (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks. A
 * symbol whose code is at most FAST_BITS long (nearly all of them) is found with one table
 * lookup on the next input bits; longer codes are decoded a bit at a time from the per-length
 * counts. The input is untrusted throughout. */
#include "disk/inflate.h"

#include <stdbool.h>
#include <string.h>

#define MAX_BITS 15
#define MAX_LITLEN 288
#define MAX_DIST 30
#define FAST_BITS 9

struct inflate {
    const uint8_t *in;
    size_t inlen, inpos;
    uint64_t bitbuf; /* input bits read ahead, least significant first */
    unsigned bitcnt;
    uint8_t *out;
    size_t outlen, outpos;
};

/* A canonical Huffman code: how many codes of each length, the symbols in code order, and
 * for each FAST_BITS of input the symbol its code starts with (symbol | length << 9, 0 when
 * that code is longer). */
struct huffman {
    uint16_t count[MAX_BITS + 1];
    uint16_t symbol[MAX_LITLEN];
    uint16_t fast[1u << FAST_BITS];
};

static void refill(struct inflate *s)
{
    while (s->bitcnt <= 56 && s->inpos < s->inlen) {
        s->bitbuf |= (uint64_t)s->in[s->inpos++] << s->bitcnt;
        s->bitcnt += 8;
    }
}

/* n bits (n <= 16), or -1 when the input is exhausted. */
static int bits(struct inflate *s, unsigned n)
{
    if (s->bitcnt < n)
        refill(s);
    if (s->bitcnt < n)
        return -1;
    int v = (int)(s->bitbuf & ((1u << n) - 1));
    s->bitbuf >>= n;
    s->bitcnt -= n;
    return v;
}

static unsigned reverse(unsigned code, unsigned len)
{
    unsigned r = 0;
    for (unsigned i = 0; i < len; i++, code >>= 1)
        r = r << 1 | (code & 1);
    return r;
}

/* The lookup table of the short codes: codes are sent most significant bit first, so the
 * input bits of a code are its reversal. */
static void build_fast(struct huffman *h)
{
    unsigned code = 0, k = 0;
    memset(h->fast, 0, sizeof(h->fast));
    for (unsigned b = 1; b <= FAST_BITS; b++, code <<= 1)
        for (unsigned i = 0; i < h->count[b]; i++, k++, code++)
            for (unsigned j = reverse(code, b); j < (1u << FAST_BITS); j += 1u << b)
                h->fast[j] = (uint16_t)(h->symbol[k] | b << 9);
}

/* Build h from code lengths; false for an over-subscribed set (an incomplete one is allowed:
 * its unused codes fail when met). */
static bool build(struct huffman *h, const uint8_t *len, unsigned n)
{
    uint16_t offs[MAX_BITS + 1];
    memset(h->count, 0, sizeof(h->count));
    for (unsigned i = 0; i < n; i++)
        h->count[len[i]]++;
    int left = 1;
    for (unsigned b = 1; b <= MAX_BITS; b++) {
        left = left * 2 - h->count[b];
        if (left < 0)
            return false;
    }
    offs[1] = 0;
    for (unsigned b = 1; b < MAX_BITS; b++)
        offs[b + 1] = (uint16_t)(offs[b] + h->count[b]);
    for (unsigned i = 0; i < n; i++)
        if (len[i])
            h->symbol[offs[len[i]]++] = (uint16_t)i;
    build_fast(h);
    return true;
}

/* The next symbol of code h, a bit at a time, or -1. */
static int decode_slow(struct inflate *s, const struct huffman *h)
{
    int code = 0, first = 0, index = 0;
    for (unsigned b = 1; b <= MAX_BITS; b++) {
        int bit = bits(s, 1);
        if (bit < 0)
            return -1;
        code |= bit;
        int count = h->count[b];
        if (code - first < count)
            return h->symbol[index + code - first];
        index += count;
        first = (first + count) << 1;
        code <<= 1;
    }
    return -1;
}

static int decode(struct inflate *s, const struct huffman *h)
{
    if (s->bitcnt < FAST_BITS)
        refill(s);
    unsigned e = h->fast[s->bitbuf & ((1u << FAST_BITS) - 1)], len = e >> 9;
    if (!e || len > s->bitcnt) /* a long code, or the last bits of the input */
        return decode_slow(s, h);
    s->bitbuf >>= len;
    s->bitcnt -= len;
    return (int)(e & 511);
}

/* Type 0: LEN, NLEN, then bytes as they are. 1 when out is full, 0 to go on, -1 bad. */
static int stored(struct inflate *s)
{
    /* to a byte boundary, giving back the whole bytes read ahead */
    s->inpos -= s->bitcnt / 8;
    s->bitbuf = 0;
    s->bitcnt = 0;
    if (s->inlen - s->inpos < 4)
        return -1;
    unsigned len = s->in[s->inpos] | (unsigned)s->in[s->inpos + 1] << 8;
    unsigned nlen = s->in[s->inpos + 2] | (unsigned)s->in[s->inpos + 3] << 8;
    s->inpos += 4;
    if (len != (~nlen & 0xffff))
        return -1;
    size_t n = len, room = s->outlen - s->outpos;
    if (n > room)
        n = room;
    if (n > s->inlen - s->inpos)
        return -1;
    memcpy(s->out + s->outpos, s->in + s->inpos, n);
    s->outpos += n;
    s->inpos += n;
    return s->outpos == s->outlen ? 1 : 0;
}

static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,
                                      15, 17, 19, 23, 27, 31, 35, 43, 51,  59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1,    2,    3,    4,    5,    7,     9,     13,
                                       17,   25,   33,   49,   65,   97,    129,   193,
                                       257,  385,  513,  769,  1025, 1537,  2049,  3073,
                                       4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* Copy a match of len bytes from dist back; an overlapping one repeats the last dist bytes,
 * so it is copied in pieces of at most dist. */
static int copy_match(struct inflate *s, unsigned len, unsigned dist)
{
    if (dist > s->outpos)
        return -1;
    if (len > s->outlen - s->outpos)
        len = (unsigned)(s->outlen - s->outpos);
    while (len) {
        unsigned n = len < dist ? len : dist;
        memcpy(s->out + s->outpos, s->out + s->outpos - dist, n);
        s->outpos += n;
        len -= n;
    }
    return s->outpos == s->outlen ? 1 : 0;
}

/* The symbols of a Huffman block until its end (256). 1 when out is full, 0, -1 bad. */
static int codes(struct inflate *s, const struct huffman *lit, const struct huffman *dist)
{
    for (;;) {
        int sym = decode(s, lit);
        if (sym < 0 || sym > 285)
            return -1;
        if (sym < 256) {
            s->out[s->outpos++] = (uint8_t)sym;
            if (s->outpos == s->outlen)
                return 1;
            continue;
        }
        if (sym == 256)
            return 0;
        sym -= 257;
        int extra = bits(s, len_extra[sym]), d = decode(s, dist);
        if (extra < 0 || d < 0 || d >= MAX_DIST)
            return -1;
        int dextra = bits(s, dist_extra[d]);
        if (dextra < 0)
            return -1;
        int r = copy_match(s, len_base[sym] + (unsigned)extra, dist_base[d] + (unsigned)dextra);
        if (r)
            return r;
    }
}

/* Type 1: the code lengths RFC 1951 fixes. Built per block (a few hundred steps), so no
 * state is shared between disks served by different threads. */
static int fixed(struct inflate *s)
{
    struct huffman lit, dist;
    uint8_t len[MAX_LITLEN];
    memset(len, 8, 144);
    memset(len + 144, 9, 112);
    memset(len + 256, 7, 24);
    memset(len + 280, 8, 8);
    build(&lit, len, MAX_LITLEN);
    memset(len, 5, MAX_DIST);
    build(&dist, len, MAX_DIST);
    return codes(s, &lit, &dist);
}

/* The code that codes the code lengths of a dynamic block: 4 + HCLEN lengths of 3 bits. */
static int read_length_code(struct inflate *s, struct huffman *h)
{
    static const uint8_t order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5,
                                      11, 4, 12, 3, 13, 2, 14, 1, 15};
    uint8_t cl[19] = {0};
    int ncl = bits(s, 4);
    if (ncl < 0)
        return -1;
    for (int i = 0; i < ncl + 4; i++) {
        int v = bits(s, 3);
        if (v < 0)
            return -1;
        cl[order[i]] = (uint8_t)v;
    }
    return build(h, cl, 19) ? 0 : -1;
}

/* The literal/length and distance code lengths of a dynamic block: 0-15 as they are, 16
 * repeats the previous length 3-6 times, 17 and 18 repeat zero 3-10 and 11-138 times. */
static int read_lengths(struct inflate *s, uint8_t *len, unsigned n)
{
    struct huffman h;
    if (read_length_code(s, &h))
        return -1;
    for (unsigned i = 0; i < n;) {
        int sym = decode(s, &h), rep, val = 0;
        if (sym < 0)
            return -1;
        if (sym < 16) {
            len[i++] = (uint8_t)sym;
            continue;
        }
        if (sym == 16 && i == 0)
            return -1;
        if (sym == 16)
            val = len[i - 1];
        rep = bits(s, sym == 16 ? 2 : sym == 17 ? 3 : 7);
        if (rep < 0)
            return -1;
        rep += sym == 18 ? 11 : 3;
        if (i + (unsigned)rep > n)
            return -1;
        memset(len + i, val, (size_t)rep);
        i += (unsigned)rep;
    }
    return 0;
}

static int dynamic(struct inflate *s)
{
    uint8_t len[MAX_LITLEN + MAX_DIST];
    struct huffman lit, dist;
    int nlen = bits(s, 5), ndist = bits(s, 5);
    if (nlen < 0 || ndist < 0 || nlen + 257 > 286 || ndist + 1 > MAX_DIST)
        return -1;
    unsigned nl = (unsigned)nlen + 257, nd = (unsigned)ndist + 1;
    if (read_lengths(s, len, nl + nd) || len[256] == 0)
        return -1;
    if (!build(&lit, len, nl) || !build(&dist, len + nl, nd))
        return -1;
    return codes(s, &lit, &dist);
}

int inflate_raw(const uint8_t *in, size_t inlen, uint8_t *out, size_t outlen)
{
    struct inflate s = {.in = in, .inlen = inlen, .out = out, .outlen = outlen};
    if (!outlen)
        return 0;
    for (;;) {
        int last = bits(&s, 1), type = bits(&s, 2), r;
        if (last < 0 || type < 0)
            return -1;
        switch (type) {
        case 0: r = stored(&s); break;
        case 1: r = fixed(&s); break;
        case 2: r = dynamic(&s); break;
        default: return -1;
        }
        if (r)
            return r > 0 ? 0 : -1;
        if (last)
            return -1; /* the stream ended before the output was full */
    }
}
