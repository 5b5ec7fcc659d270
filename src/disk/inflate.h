/* A small decoder of raw DEFLATE streams (RFC 1951), for qcow2's compressed clusters, so the
 * disk layer needs nothing beyond libc. Internal to src/disk. */
#ifndef ARBOR_DISK_INFLATE_H
#define ARBOR_DISK_INFLATE_H

#include <stddef.h>
#include <stdint.h>

/* Decode `in` until `out` holds exactly outlen bytes (qcow2 stops there: a stream may end
 * later, or its end marker may be missing). 0 when out was filled, -1 when the input is
 * malformed or runs out first. Any input is safe: every read and copy is bounded. */
int inflate_raw(const uint8_t *in, size_t inlen, uint8_t *out, size_t outlen);

#endif
