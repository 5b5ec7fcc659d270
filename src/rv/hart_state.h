/* A hart's architectural state as a snapshot section (tag 'HART', instance = hart id). */
#ifndef ARBOR_RV_HART_STATE_H
#define ARBOR_RV_HART_STATE_H

#include "rv/hart.h"
#include "snap/section.h"

#define HART_SNAP_TAG SNAP_TAG('H', 'A', 'R', 'T')
#define HART_SNAP_VERSION 1

/* The fields of struct rv_arch the section holds, in order (`*n` of them); also what
 * `arbor inspect` lists. */
const struct snap_field *rv_hart_fields(size_t *n);
/* Write the payload of the hart's section. */
void rv_hart_save(const struct rv_hart *h, struct snap_writer *w);
/* Read it back into an initialised hart with the same id; false (reason in r->bad) when the
 * section is malformed or holds state this hart cannot have. Caches start empty: the TLB is
 * flushed here, and the caller retires decoded blocks of every page it restores. */
bool rv_hart_load(struct rv_hart *h, struct snap_reader *r);

#endif
