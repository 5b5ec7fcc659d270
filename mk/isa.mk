# mk/isa.mk - build and run the ISA conformance tests (tests/isa/*.S).
#
# Included by the top-level Makefile (which defines BUILD ?= build); can also
# be used on its own from the top of the tree:  make -f mk/isa.mk isa-tests
#
#   make isa-tests   assemble tests/isa/*.S into $(BUILD)/isa/*.bin
#   make check-isa   build them and run tests/isa/run.sh (QEMU + arbor)
#
# Variables: ISA_CROSS (toolchain prefix), ISA_RUN_FLAGS (e.g. --qemu-only),
# ISA_TESTS (names to run; default all).

BUILD ?= build

ISA_CROSS   ?= riscv64-linux-gnu-
ISA_CC      ?= $(ISA_CROSS)gcc
ISA_OBJCOPY ?= $(ISA_CROSS)objcopy
ISA_DIR     := tests/isa
ISA_OUT     := $(BUILD)/isa
ISA_CFLAGS  := -march=rv64gc -mabi=lp64d -nostdlib -nostartfiles -static \
               -I$(ISA_DIR) -Wa,--fatal-warnings
ISA_LDFLAGS := -T $(ISA_DIR)/link.ld -Wl,--build-id=none

ISA_SRCS := $(sort $(wildcard $(ISA_DIR)/*.S))
ISA_BINS := $(patsubst $(ISA_DIR)/%.S,$(ISA_OUT)/%.bin,$(ISA_SRCS))
ISA_DEPS := $(ISA_DIR)/common.h $(ISA_DIR)/link.ld

.PHONY: isa-tests check-isa
isa-tests: $(ISA_BINS)

$(ISA_OUT)/%.elf: $(ISA_DIR)/%.S $(ISA_DEPS)
	@mkdir -p $(@D)
	$(ISA_CC) $(ISA_CFLAGS) $(ISA_LDFLAGS) -o $@ $<

$(ISA_OUT)/%.bin: $(ISA_OUT)/%.elf
	$(ISA_OBJCOPY) -O binary $< $@

# keep the ELF files: handy for objdump when a check fails
.PRECIOUS: $(ISA_OUT)/%.elf

check-isa: isa-tests
	BUILD=$(BUILD) $(ISA_DIR)/run.sh --no-build $(ISA_RUN_FLAGS) $(ISA_TESTS)
