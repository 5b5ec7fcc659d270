/* Loading firmware, kernel, initrd and device tree into guest RAM, and power-on state. */
#ifndef ARBOR_BOARD_BOOT_H
#define ARBOR_BOARD_BOOT_H

#include "board/board.h"
#include "rv/mmu.h"

struct boot_layout {
    uint64_t kernel_addr;
    uint64_t initrd_addr, initrd_size;
    uint64_t fdt_addr;
};

/* Validate and place everything `cfg` names, build the device tree, set up the harts.
 * Returns 0, or -1 after logging one line that names the bad file or size. */
int boot_load(struct board *b, const struct board_config *cfg);
/* Map the boot ROM with the fw_dynamic info pointing at `kernel_addr`. 0 or -1. */
int boot_map_rom(struct board *b, uint64_t kernel_addr);
/* The hart's S-mode ECALLs are served by the built-in SBI (no M-mode firmware). */
void boot_use_builtin_sbi(struct rv_hart *h);
/* The device tree for this board (malloc'd), each device adding its own node. */
void *board_build_fdt(struct board *b, const struct boot_layout *l, const char *append);

#endif
