/* Instruction decoding from the single table in insn_table.h. */
#ifndef ARBOR_RV_DECODE_H
#define ARBOR_RV_DECODE_H

#include "rv/hart.h"

struct rv_insn_desc {
    const char *name;
    uint32_t mask, match;
    unsigned format;
    rv_exec_fn exec;
};

extern const struct rv_insn_desc rv_insn_table[];
extern const unsigned rv_insn_table_len;

/* Decode the instruction whose first bits are `bits` (the upper half is ignored when the low
 * two bits say it is compressed). Unknown encodings decode to an illegal-instruction trap. */
void rv_decode(uint32_t bits, struct rv_insn *d);
/* Row of the table matching a 32-bit encoding, or -1. */
int rv_lookup(uint32_t raw);
/* 32-bit equivalent of a compressed instruction, or 0 when it is reserved/illegal. */
uint32_t rv_expand_compressed(uint16_t c);

#endif
