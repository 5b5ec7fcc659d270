/* qcow2 internals shared by its files: qcow2.c (header checks, open), qcow2_cache.c (metadata
 * cache), qcow2_refcount.c (refcounts, allocation), qcow2_io.c (mapping, reads, writes),
 * qcow2_create.c (new overlays, absorbing a backing file). Format: QEMU's
 * docs/interop/qcow2.txt; every number in the file is big-endian. */
#ifndef ARBOR_DISK_QCOW2_H
#define ARBOR_DISK_QCOW2_H

#include "common/util.h"
#include "disk/image.h"

#define QCOW2_MAGIC "QFI\xfb"
#define QCOW2_V2_HEADER 72u
#define QCOW2_V3_HEADER 104u
#define QCOW2_MIN_CLUSTER_BITS 9u
#define QCOW2_MAX_CLUSTER_BITS 21u
#define QCOW2_MAX_SIZE (1ull << 56)
#define QCOW2_MAX_BACKING_NAME 1023u
/* The most a table read whole into memory (L1, refcount table) may take. QEMU's own limits
 * are 32 MiB and 8 MiB, so no image it makes comes near. */
#define QCOW2_TABLE_MAX (64u << 20)
/* The metadata cache of one image (L2 tables and refcount blocks). */
#define QCOW2_CACHE_MAX (32u << 20)
#define QCOW2_CACHE_WAYS 4u

/* L1 and L2 entries */
#define QCOW2_COPIED (1ull << 63)     /* refcount exactly 1: may be written in place */
#define QCOW2_COMPRESSED (1ull << 62) /* L2 only */
#define QCOW2_ZERO 1ull               /* L2 only, version 3: reads as zeros */
#define QCOW2_OFFSET_MASK 0x00fffffffffffe00ull /* bits 9-55: a host cluster */

/* incompatible_features */
#define QCOW2_INCOMPAT_DIRTY (1ull << 0)
#define QCOW2_INCOMPAT_CORRUPT (1ull << 1)
#define QCOW2_INCOMPAT_DATA_FILE (1ull << 2)
#define QCOW2_INCOMPAT_COMPRESSION (1ull << 3)
#define QCOW2_INCOMPAT_EXTL2 (1ull << 4)

/* autoclear_features */
#define QCOW2_AUTOCLEAR_BITMAPS (1ull << 0)

/* header extensions */
#define QCOW2_EXT_END 0u
#define QCOW2_EXT_BACKING_FORMAT 0xe2792acau

/* Byte offsets of header fields. */
enum {
    QH_MAGIC = 0, QH_VERSION = 4, QH_BACKING_OFFSET = 8, QH_BACKING_SIZE = 16,
    QH_CLUSTER_BITS = 20, QH_SIZE = 24, QH_CRYPT = 32, QH_L1_SIZE = 36, QH_L1_OFFSET = 40,
    QH_RT_OFFSET = 48, QH_RT_CLUSTERS = 56, QH_NB_SNAPSHOTS = 60, QH_SNAPSHOTS_OFFSET = 64,
    QH_INCOMPAT = 72, QH_COMPAT = 80, QH_AUTOCLEAR = 88, QH_REFCOUNT_ORDER = 96,
    QH_HEADER_LENGTH = 100, QH_COMPRESSION_TYPE = 104,
};

static inline uint64_t be_load(const void *p, unsigned size)
{
    const uint8_t *b = p;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | b[i];
    return v;
}

static inline void be_store(void *p, uint64_t v, unsigned size)
{
    uint8_t *b = p;
    for (unsigned i = size; i-- > 0; v >>= 8)
        b[i] = (uint8_t)v;
}

/* The header fields, in host order. */
struct qcow2_header {
    uint32_t version;
    uint64_t backing_offset;
    uint32_t backing_size;
    uint32_t cluster_bits;
    uint64_t size;
    uint32_t crypt;
    uint32_t l1_size;
    uint64_t l1_offset;
    uint64_t rt_offset;
    uint32_t rt_clusters;
    uint64_t incompat;
    uint64_t autoclear;
    uint32_t refcount_order;
    uint32_t header_length; /* 72 for version 2 */
    uint8_t compression_type;
};

struct qcow2_cache_slot {
    uint64_t off; /* UINT64_MAX: empty */
    uint64_t used; /* LRU stamp */
    uint8_t *buf;
};

struct qcow2 {
    struct qcow2_header h;
    unsigned cb;       /* cluster_bits */
    uint64_t cs;       /* cluster size */
    unsigned l2_bits;  /* log2 of entries per L2 table */
    unsigned rb_bits;  /* log2 of entries per refcount block */
    uint64_t *l1;      /* the active L1 table, host order */
    uint64_t *rt;      /* the refcount table (writable images only), host order */
    uint64_t rt_entries;
    uint64_t file_end; /* cluster-aligned; new clusters go here */
    struct qcow2_cache_slot *cache;
    unsigned cache_sets; /* a power of two */
    uint64_t cache_clock;
    uint8_t *scratch; /* one cluster, for copy-on-write */
    /* the last compressed cluster decoded (its L2 entry is the key: such clusters are
     * never rewritten in place), and room for its compressed bytes */
    uint8_t *zcluster, *zdata;
    uint64_t zentry;
    bool logged_corrupt, logged_full;
};

static inline struct qcow2 *qcow2_of(struct image *img)
{
    return img->state;
}

/* qcow2.c */
/* Log the first corruption met in img (once) and return -EIO. */
int qcow2_corrupt(struct image *img, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Why `off` cannot be a metadata or data cluster of q (NULL when it can): unaligned, past the
 * end of the file, in the header cluster, the L1 table or the refcount table. */
const char *qcow2_bad_cluster(const struct qcow2 *q, uint64_t off);
/* qcow2_bad_cluster for a pointer met while serving. A read-only image first looks again at
 * the size of its file when the pointer is past its end: a process absorbing a backing file
 * into it (disk_open_absorbing shares the file with its readers) may have grown it. */
const char *qcow2_check_cluster(struct image *img, uint64_t off);
/* A read-only image's file_end moved to its file's current end; true if it grew. */
bool qcow2_file_grew(struct image *img);
/* Rewrite the header cluster with a new backing file (NULL: none) and format. */
int qcow2_set_backing(struct image *img, const char *name, enum disk_format fmt, char *err,
                      size_t errlen);

/* qcow2_cache.c: metadata clusters by file offset, write-through. A pointer from
 * qcow2_meta_load is only valid until the next cache call. */
int qcow2_cache_init(struct qcow2 *q);
void qcow2_cache_free(struct qcow2 *q);
int qcow2_meta_load(struct image *img, uint64_t off, uint8_t **out);
int qcow2_meta_write(struct image *img, uint64_t off, size_t at, const void *p, size_t n);

/* qcow2_refcount.c */
int qcow2_refcount(struct image *img, uint64_t host, uint64_t *rc);
int qcow2_refcount_add(struct image *img, uint64_t host, int delta);
/* A new cluster at the end of the file, its refcount still 0 (the caller writes it, then
 * counts it: a process killed in between leaves a hole, not a corrupt image). */
int qcow2_alloc_cluster(struct image *img, uint64_t *host);
/* The bytes [*start, *start + *len) a compressed L2 entry uses in the file. */
void qcow2_compressed_span(const struct qcow2 *q, uint64_t entry, uint64_t *start,
                           uint64_t *len);
/* Decrement the refcounts of the host clusters a compressed L2 entry uses. */
int qcow2_release_compressed(struct image *img, uint64_t entry);

/* qcow2_io.c */
/* Decode the raw deflate stream in `in` (zlib's, as qemu-img writes it) into exactly outlen
 * bytes: 0, -EIO when it is malformed or ends (or its input does) before out is full, or
 * -ENOMEM. Input past what fills out is ignored: an L2 entry counts whole sectors. */
int qcow2_inflate(const uint8_t *in, size_t inlen, uint8_t *out, size_t outlen);
int qcow2_read(struct image *img, uint64_t off, void *buf, size_t len);
int qcow2_write(struct image *img, uint64_t off, const void *buf, size_t len);
/* 1 when some cluster of img overlapping [off, off+len) is allocated (data, zero or
 * compressed: anything that hides the backing file), 0 when none is, or -errno. */
int qcow2_allocated(struct image *img, uint64_t off, uint64_t len);

/* qcow2_create.c */
int qcow2_create(const char *path, const char *backing, enum disk_format backing_fmt,
                 uint64_t size, unsigned cluster_bits, char *err, size_t errlen);

#endif
