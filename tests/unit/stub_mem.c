/* Test double for the MMU's data access: a small flat memory of STUB_MEM_SIZE bytes at
 * virtual address STUB_MEM_BASE. An access that does not lie wholly inside it raises an
 * access fault, like the real one. Tests reach the bytes through `stub_mem`. */
#include "rv/exec.h"

#define STUB_MEM_BASE 0x1000u
#define STUB_MEM_SIZE 256u

extern uint8_t stub_mem[STUB_MEM_SIZE];
uint8_t stub_mem[STUB_MEM_SIZE];

static bool inside(uint64_t va, unsigned size)
{
    return va >= STUB_MEM_BASE && va - STUB_MEM_BASE <= STUB_MEM_SIZE - size;
}

bool rv_load_slow(struct rv_hart *h, uint64_t va, unsigned size, uint64_t *val)
{
    if (!inside(va, size)) {
        rv_raise(h, EXC_LOAD_ACCESS, va);
        return false;
    }
    *val = load_le(stub_mem + (va - STUB_MEM_BASE), size);
    return true;
}

bool rv_store_slow(struct rv_hart *h, uint64_t va, unsigned size, uint64_t val)
{
    if (!inside(va, size)) {
        rv_raise(h, EXC_STORE_ACCESS, va);
        return false;
    }
    store_le(stub_mem + (va - STUB_MEM_BASE), val, size);
    return true;
}
