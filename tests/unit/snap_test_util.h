/* Shared by the snapshot unit tests: includes, a temporary directory, and the section
 * checksum computed independently of section.c. */
#ifndef ARBOR_TESTS_SNAP_TEST_UTIL_H
#define ARBOR_TESTS_SNAP_TEST_UTIL_H

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "board/board.h"
#include "check.h"
#include "dev/aclint.h"
#include "dev/plic.h"
#include "dev/uart.h"
#include "rv/hart_state.h"
#include "snap/section.h"
#include "snap/snapfile.h"
#include "snap/tree.h"

static char tmpdir[PATH_MAX];

#define HDR sizeof(struct snap_section_header)
#define TAG_TEST SNAP_TAG('T', 'E', 'S', 'T')
#define TAG_TWO SNAP_TAG('T', 'W', 'O', '!')
#define TAG_NIL SNAP_TAG('N', 'I', 'L', '0')

/* A section's checksum as docs/snapshot-format.md defines it, computed here independently of
 * section.c: XXH3-64 of the payload, seeded with the XXH3-64 of the header's tag, version,
 * instance and length. */
static inline uint64_t spec_checksum(const struct snap_section_header *h, const uint8_t *payload)
{
    uint8_t head[16];
    store_le(head, h->tag, 4);
    store_le(head + 4, h->version, 2);
    store_le(head + 6, h->instance, 2);
    store_le(head + 8, h->length, 8);
    return XXH3_64bits_withSeed(payload, (size_t)h->length, XXH3_64bits(head, 16));
}

static inline int rm_tree(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return unlink(path);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[PATH_MAX];
        if (snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name) < (int)sizeof(sub))
            rm_tree(sub);
    }
    closedir(d);
    return rmdir(path);
}

/* Make `tmpdir` (under $TMPDIR or /tmp); false after printing why. */
static inline bool make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof(tmpdir), "%s/arbor-snapshot-XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return false;
    }
    return true;
}


/* ------------------------------------------------------------------------------------------
 * sections */

struct tstruct {
    uint8_t a;
    uint16_t b;
    uint32_t c;
    uint64_t d;
    uint8_t a8[3];
    uint16_t b16[2];
    uint32_t c32[5];
    uint64_t d64[2];
};

static const struct snap_field tfields[] = {
    SNAP_FIELD(struct tstruct, a),   SNAP_FIELD(struct tstruct, b),
    SNAP_FIELD(struct tstruct, c),   SNAP_FIELD(struct tstruct, d),
    SNAP_ARRAY(struct tstruct, a8),  SNAP_ARRAY(struct tstruct, b16),
    SNAP_ARRAY(struct tstruct, c32), SNAP_ARRAY(struct tstruct, d64),
};

/* Bytes of a field list's payload. */
static inline size_t fields_bytes(const struct snap_field *f, size_t n)
{
    size_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (size_t)f[i].size * f[i].count;
    return sum;
}

static inline struct tstruct sample(void)
{
    struct tstruct t;
    memset(&t, 0, sizeof(t));
    t.a = 0xa1;
    t.b = 0xb2c3;
    t.c = 0xd4e5f607;
    t.d = 0x1122334455667788ull;
    for (int i = 0; i < 3; i++)
        t.a8[i] = (uint8_t)(0x10 + i);
    for (int i = 0; i < 2; i++)
        t.b16[i] = (uint16_t)(0x2000 + i * 0x101);
    for (int i = 0; i < 5; i++)
        t.c32[i] = 0x30000000u + (uint32_t)i * 0x01010101u;
    for (int i = 0; i < 2; i++)
        t.d64[i] = 0x4000000000000000ull + (uint64_t)i * 0x0102030405060708ull;
    return t;
}

/* Three sections: TEST (instance 7, scalars + bytes + a field table), TWO! (one u32), NIL0
 * (empty). */
static inline void build_blob(struct snap_writer *w)
{
    struct tstruct t = sample();
    snap_w_init(w);
    snap_w_begin(w, TAG_TEST, 3, 7);
    snap_w_u8(w, 0x5a);
    snap_w_u32(w, 0xcafef00d);
    snap_w_u64(w, 0x0123456789abcdefull);
    snap_w_bytes(w, "hello", 5);
    snap_w_fields(w, &t, tfields, ARRAY_SIZE(tfields));
    snap_w_end(w);
    snap_w_begin(w, TAG_TWO, 1, 0);
    snap_w_u32(w, 42);
    snap_w_end(w);
    snap_w_begin(w, TAG_NIL, 1, 0);
    snap_w_end(w);
}

#endif
