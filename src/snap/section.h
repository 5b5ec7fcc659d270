/* Snapshot sections: every component of a VM saves and loads its state as one tagged,
 * versioned, checksummed section (format: docs/snapshot-format.md). A component writes plain
 * little-endian fields with the writer and reads them back with the reader; a reader that runs
 * past its section, or a load that finds a value the component cannot accept, marks the
 * section bad with a reason, and the whole load is refused. */
#ifndef ARBOR_SNAP_SECTION_H
#define ARBOR_SNAP_SECTION_H

#include "common/util.h"

#define SNAP_TAG(a, b, c, d) \
    ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

/* On disk, each section is this header followed by `length` payload bytes and zero padding
 * to a multiple of 8. checksum = XXH3-64 of the payload with, as its seed, the XXH3-64 of the
 * header's first 16 bytes (tag, version, instance, length): every bit of a section but its
 * padding is covered, and the padding must be zero. */
struct snap_section_header {
    uint32_t tag;
    uint16_t version;
    uint16_t instance; /* which one of several (hart number), else 0 */
    uint64_t length;
    uint64_t checksum;
};

/* Builds a blob of sections in memory. Allocation failure is sticky: check `failed`. */
struct snap_writer {
    uint8_t *buf;
    size_t len, cap;
    size_t open;  /* offset of the header of the section being written, or SIZE_MAX */
    bool failed;
};

void snap_w_init(struct snap_writer *w);
void snap_w_free(struct snap_writer *w);
void snap_w_begin(struct snap_writer *w, uint32_t tag, uint16_t version, uint16_t instance);
void snap_w_end(struct snap_writer *w);
void snap_w_bytes(struct snap_writer *w, const void *p, size_t n);
void snap_w_u8(struct snap_writer *w, uint8_t v);
void snap_w_u32(struct snap_writer *w, uint32_t v);
void snap_w_u64(struct snap_writer *w, uint64_t v);

/* Reads one section's payload. */
struct snap_reader {
    const uint8_t *p;
    size_t len, pos;
    uint32_t tag;
    uint16_t version, instance;
    const char *bad; /* first reason the payload was refused, or NULL */
};

uint8_t snap_r_u8(struct snap_reader *r);
uint32_t snap_r_u32(struct snap_reader *r);
uint64_t snap_r_u64(struct snap_reader *r);
void snap_r_bytes(struct snap_reader *r, void *out, size_t n);
/* Refuse the section with `why` (kept if an earlier reason exists). Returns false. */
bool snap_r_fail(struct snap_reader *r, const char *why);
/* True when nothing was refused and the payload was read to its end. */
bool snap_r_done(struct snap_reader *r);

/* Plain-data structures are described once by a field list, used to save and to load. */
struct snap_field {
    const char *name;
    size_t offset;
    uint8_t size;   /* 1, 2, 4 or 8 */
    uint16_t count; /* array length, 1 for a scalar */
};
#define SNAP_FIELD(type, member) \
    {#member, offsetof(type, member), sizeof(((type *)0)->member), 1}
#define SNAP_ARRAY(type, member)                                                  \
    {#member, offsetof(type, member), sizeof(((type *)0)->member[0]),             \
     sizeof(((type *)0)->member) / sizeof(((type *)0)->member[0])}

void snap_w_fields(struct snap_writer *w, const void *base, const struct snap_field *f, size_t n);
void snap_r_fields(struct snap_reader *r, void *base, const struct snap_field *f, size_t n);

/* Check a blob of sections: headers in bounds, checksums right. Returns NULL or the reason. */
const char *snap_sections_check(const uint8_t *blob, size_t len);
/* Find a section in a checked blob; false when absent. */
bool snap_find(const uint8_t *blob, size_t len, uint32_t tag, uint16_t instance,
               struct snap_reader *r);
/* A tag as text ("HART"), for messages. */
const char *snap_tag_name(uint32_t tag, char out[5]);

#endif
