/* Test double for the hart: rv_hart_set_irq only records the interrupt-pending bits. */
#include "rv/hart.h"

void rv_hart_set_irq(struct rv_hart *h, uint64_t mask, bool level)
{
    if (level)
        h->s.mip |= mask;
    else
        h->s.mip &= ~mask;
}
