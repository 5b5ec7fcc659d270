/* Tagged, versioned, checksummed sections (see section.h). */
#include "snap/section.h"

#include <stdlib.h>
#include <xxhash.h>

#define HDR sizeof(struct snap_section_header)

/* The payload's XXH3-64, seeded with that of the header's tag, version, instance and length:
 * a flipped bit anywhere in a section but its padding (which must be zero) is caught. */
static uint64_t section_checksum(const struct snap_section_header *h, const uint8_t *payload)
{
    return XXH3_64bits_withSeed(payload, (size_t)h->length,
                                XXH3_64bits(h, offsetof(struct snap_section_header, checksum)));
}

void snap_w_init(struct snap_writer *w)
{
    memset(w, 0, sizeof(*w));
    w->open = SIZE_MAX;
}

void snap_w_free(struct snap_writer *w)
{
    free(w->buf);
    snap_w_init(w);
}

static bool reserve(struct snap_writer *w, size_t n)
{
    if (w->failed)
        return false;
    if (w->len + n <= w->cap)
        return true;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + n)
        cap *= 2;
    uint8_t *p = realloc(w->buf, cap);
    if (!p) {
        w->failed = true;
        return false;
    }
    w->buf = p;
    w->cap = cap;
    return true;
}

void snap_w_bytes(struct snap_writer *w, const void *p, size_t n)
{
    if (n && reserve(w, n)) {
        memcpy(w->buf + w->len, p, n);
        w->len += n;
    }
}

void snap_w_u8(struct snap_writer *w, uint8_t v)
{
    snap_w_bytes(w, &v, 1);
}

void snap_w_u32(struct snap_writer *w, uint32_t v)
{
    uint8_t b[4];
    store_le(b, v, 4);
    snap_w_bytes(w, b, 4);
}

void snap_w_u64(struct snap_writer *w, uint64_t v)
{
    uint8_t b[8];
    store_le(b, v, 8);
    snap_w_bytes(w, b, 8);
}

void snap_w_begin(struct snap_writer *w, uint32_t tag, uint16_t version, uint16_t instance)
{
    struct snap_section_header h = {tag, version, instance, 0, 0};
    w->open = w->len;
    snap_w_bytes(w, &h, HDR);
}

void snap_w_end(struct snap_writer *w)
{
    if (w->failed || w->open == SIZE_MAX)
        return;
    struct snap_section_header h;
    memcpy(&h, w->buf + w->open, HDR);
    h.length = w->len - w->open - HDR;
    h.checksum = section_checksum(&h, w->buf + w->open + HDR);
    memcpy(w->buf + w->open, &h, HDR);
    static const uint8_t zeros[8];
    snap_w_bytes(w, zeros, (8 - h.length % 8) % 8);
    w->open = SIZE_MAX;
}

bool snap_r_fail(struct snap_reader *r, const char *why)
{
    if (!r->bad)
        r->bad = why;
    return false;
}

void snap_r_bytes(struct snap_reader *r, void *out, size_t n)
{
    if (r->bad || n > r->len - r->pos) {
        snap_r_fail(r, "section is shorter than its contents");
        memset(out, 0, n);
        return;
    }
    memcpy(out, r->p + r->pos, n);
    r->pos += n;
}

uint8_t snap_r_u8(struct snap_reader *r)
{
    uint8_t v;
    snap_r_bytes(r, &v, 1);
    return v;
}

uint32_t snap_r_u32(struct snap_reader *r)
{
    uint8_t b[4];
    snap_r_bytes(r, b, 4);
    return (uint32_t)load_le(b, 4);
}

uint64_t snap_r_u64(struct snap_reader *r)
{
    uint8_t b[8];
    snap_r_bytes(r, b, 8);
    return load_le(b, 8);
}

bool snap_r_done(struct snap_reader *r)
{
    if (!r->bad && r->pos != r->len)
        snap_r_fail(r, "section is longer than its contents");
    return !r->bad;
}

void snap_w_fields(struct snap_writer *w, const void *base, const struct snap_field *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (unsigned k = 0; k < f[i].count; k++) {
            uint8_t b[8];
            const uint8_t *p = (const uint8_t *)base + f[i].offset + (size_t)k * f[i].size;
            store_le(b, load_le(p, f[i].size), f[i].size);
            snap_w_bytes(w, b, f[i].size);
        }
}

void snap_r_fields(struct snap_reader *r, void *base, const struct snap_field *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (unsigned k = 0; k < f[i].count; k++) {
            uint8_t b[8];
            snap_r_bytes(r, b, f[i].size);
            uint8_t *p = (uint8_t *)base + f[i].offset + (size_t)k * f[i].size;
            store_le(p, load_le(b, f[i].size), f[i].size);
        }
}

/* Walk to the section after the one at `pos`; the header was already bounds-checked. */
static size_t next_section(const struct snap_section_header *h, size_t pos)
{
    return pos + HDR + (size_t)h->length + (size_t)((8 - h->length % 8) % 8);
}

const char *snap_sections_check(const uint8_t *blob, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        struct snap_section_header h;
        if (len - pos < HDR)
            return "a section header is cut short";
        memcpy(&h, blob + pos, HDR);
        if (h.length > len - pos - HDR || (h.length + 7) / 8 * 8 > len - pos - HDR)
            return "a section runs past the end of the state";
        if (section_checksum(&h, blob + pos + HDR) != h.checksum)
            return "a section's checksum does not match (the file is corrupted)";
        for (size_t i = pos + HDR + (size_t)h.length; i < next_section(&h, pos); i++)
            if (blob[i])
                return "a section's padding is not zero (the file is corrupted)";
        pos = next_section(&h, pos);
    }
    return NULL;
}

bool snap_find(const uint8_t *blob, size_t len, uint32_t tag, uint16_t instance,
               struct snap_reader *r)
{
    size_t pos = 0;
    while (pos + HDR <= len) {
        struct snap_section_header h;
        memcpy(&h, blob + pos, HDR);
        if (h.tag == tag && h.instance == instance) {
            *r = (struct snap_reader){blob + pos + HDR, (size_t)h.length, 0, tag, h.version,
                                      instance, NULL};
            return true;
        }
        pos = next_section(&h, pos);
    }
    return false;
}

const char *snap_tag_name(uint32_t tag, char out[5])
{
    for (int i = 0; i < 4; i++) {
        char c = (char)(tag >> (8 * i));
        out[i] = c >= 0x20 && c < 0x7f ? c : '?';
    }
    out[4] = 0;
    return out;
}
