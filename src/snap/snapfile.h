/* Snapshot files: a VM's state (sections) and guest memory pages, written atomically and
 * checked completely before anything is loaded from them. Layout: docs/snapshot-format.md. */
#ifndef ARBOR_SNAP_SNAPFILE_H
#define ARBOR_SNAP_SNAPFILE_H

#include <limits.h>

#include "common/util.h"

#define SNAPFILE_MAGIC "ARBORSNP"
#define SNAPFILE_VERSION 1
#define SNAP_PAGE 4096u
#define SNAP_NAME_MAX 64 /* bytes including the terminating NUL */

enum snap_kind {
    SNAP_FULL = 1,  /* every non-zero page, page p at data_off + p * 4096 (holes are zero) */
    SNAP_DELTA = 2, /* only the pages written since the parent, packed in index order */
};

/* The first bytes of the file (the rest of page 0 is zero). Little-endian. */
struct snapfile_header {
    char magic[8];
    uint32_t version;
    uint32_t kind;
    uint8_t id[16];
    uint8_t parent_id[16];   /* all zero: no parent (SNAP_FULL) */
    uint64_t created_ns;     /* host wall clock, ns since the epoch */
    uint64_t ram_base, ram_size;
    uint64_t sections_off, sections_len;
    uint64_t index_off, n_pages; /* n_pages entries of struct snap_page_entry */
    uint64_t data_off;
    uint64_t file_size;
    uint64_t index_checksum; /* XXH3-64 of the index */
    char name[SNAP_NAME_MAX];
    char parent_name[SNAP_NAME_MAX];
    char domain[SNAP_NAME_MAX]; /* the domain that took it */
    uint64_t header_checksum;   /* XXH3-64 of every header byte before this field */
};

struct snap_page_entry {
    uint64_t page;     /* guest page number from the start of RAM; strictly increasing */
    uint64_t checksum; /* XXH3-64 of the page's 4096 bytes */
};

/* Where the pages a snapshot stores come from: the 4096 bytes of guest page `pg`. */
struct snap_page_source {
    const uint8_t *(*page)(void *ctx, uint64_t pg);
    void *ctx;
};

/* Write a snapshot to `path` via a temporary file in the same directory, fsynced and renamed
 * into place: `path` is either absent/unchanged or complete. `h` supplies kind, ids, names,
 * ram_base/size and created_ns; the layout fields are filled in. The pages stored are
 * `pages[0..n)` (ascending). Returns 0, or -1 with a one-line reason in `err`. */
int snapfile_write(const char *path, struct snapfile_header *h, const uint8_t *sections,
                   size_t sections_len, struct snap_page_source src, const uint64_t *pages,
                   uint64_t n, char *err, size_t errlen);

/* An open, verified snapshot file, mapped read-only. */
struct snapfile {
    char path[PATH_MAX];
    int fd;
    const uint8_t *map;
    size_t map_len;
    struct snapfile_header h;
    const uint8_t *sections;
    const struct snap_page_entry *index;
};

/* Read only the header and check it (magic, version, checksum, layout within the file).
 * Returns 0 or -1 with the reason in `err`. */
int snapfile_read_header(const char *path, struct snapfile_header *h, char *err, size_t errlen);
/* The header and the sections only (checked; the pages are not read), for a quick look at a
 * snapshot's configuration. A malloc'd copy of the sections, or NULL with the reason. */
uint8_t *snapfile_read_sections(const char *path, struct snapfile_header *h, char *err,
                               size_t errlen);
/* Open and check everything: header, sections, index and the checksum of every page (unless
 * `trusted`: a file this process has just written). NULL with the reason in `err`. */
struct snapfile *snapfile_open(const char *path, bool trusted, char *err, size_t errlen);
void snapfile_close(struct snapfile *f);
/* Page `pg` as this file stores it, or NULL when it does not store it (in a SNAP_FULL file
 * that means the page is zero). */
const uint8_t *snapfile_page(const struct snapfile *f, uint64_t pg);

#endif
