/* libFuzzer harness: the fuzzer's bytes are guest code and data. A hart runs them in every
 * privilege mode with arbitrary CSR writes, page tables and traps; whatever the guest does,
 * the host must not crash, hang or touch memory outside guest RAM (ASan + UBSan watch). */
#include <stdlib.h>

#include "rv/hart.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (64ull << 10)

static uint64_t fake_time(void *ctx)
{
    (void)ctx;
    return 42;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct bus bus;
    static struct rv_hart h;
    static bool ready;
    if (!ready) {
        if (bus_init(&bus, RAM_BASE, RAM_SIZE))
            abort();
        rv_hart_init(&h, &bus, NULL, 0);
        h.time_fn = fake_time;
        ready = true;
    }
    memset(bus.ram, 0, RAM_SIZE);
    memcpy(bus.ram, data, size < RAM_SIZE ? size : RAM_SIZE);
    rv_hart_reset(&h, RAM_BASE);
    h.time_fn = fake_time;
    h.s.mtvec = RAM_BASE; /* traps re-enter the fuzzed code */
    for (int slice = 0; slice < 20 && !h.s.wfi; slice++)
        rv_hart_run(&h, 500);
    return 0;
}
