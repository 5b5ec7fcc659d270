/* Control and status register access. */
#ifndef ARBOR_RV_CSR_H
#define ARBOR_RV_CSR_H

#include "rv/hart.h"

/* Read CSR `num` into *old and, when `write`, then write `val`. Returns false when the access
 * is illegal at the current privilege (the caller raises the illegal-instruction trap). */
bool rv_csr_access(struct rv_hart *h, unsigned num, uint64_t *old, bool write, uint64_t val);
/* The value CSRRS/CSRRC modify (differs from what a read returns only for mip/sip). */
uint64_t rv_csr_rmw_base(const struct rv_hart *h, unsigned num, uint64_t read_value);
/* Name of a CSR for diagnostics, or NULL when arbor does not implement it. */
const char *rv_csr_name(unsigned num);

#endif
