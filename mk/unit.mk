# Unit tests: one program per tests/unit/test_NAME.c, no guest needed.
# A test links the real sources it exercises; UNIT_SRCS_NAME lists them.
UNIT_CORE := src/rv/decode.c src/rv/exec_int.c src/rv/exec_atomic.c src/rv/exec_system.c \
             src/rv/exec_fp.c src/rv/fpu.c src/rv/csr.c src/rv/mmu.c src/rv/hart.c src/mem/bus.c src/common/util.c
UNIT_SRCS_decode := $(UNIT_CORE)
UNIT_SRCS_csr    := $(UNIT_CORE)
UNIT_SRCS_mmu    := $(UNIT_CORE)
UNIT_SRCS_sbi    := $(filter-out src/cli/%,$(SRCS))
UNIT_SRCS_fpu    := src/rv/exec_fp.c src/rv/fpu.c tests/unit/stub_mem.c
# sections, files, tree, hart and whole-board state: everything below the monitor
UNIT_SRCS_snapshot_sections := $(filter-out src/cli/% src/monitor/%,$(SRCS))
UNIT_SRCS_snapshot_files := $(UNIT_SRCS_snapshot_sections)
UNIT_SRCS_snapshot_board := $(UNIT_SRCS_snapshot_sections)
# the disk image layer: raw, qcow2 and backing chains
UNIT_SRCS_disk := $(wildcard src/disk/*.c) src/common/util.c
-include mk/dev-tests.mk

UNIT_NAMES := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BINS  := $(addprefix $(BUILD)/unit/test_,$(UNIT_NAMES))

unit-tests: $(UNIT_BINS)

.SECONDEXPANSION:
$(BUILD)/unit/test_%: tests/unit/test_%.c $$(UNIT_SRCS_$$*) $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(WARN) -D_GNU_SOURCE -Isrc -Itests/unit -O1 -g -frounding-math $(SAN_FLAGS) \
	    -o $@ $< $(UNIT_SRCS_$*) $(LDLIBS)
