# arbor — a software hypervisor for RISC-V `virt` machines.
#   make          build build/arbor
#   make guest    build the default guest (Debian riscv64 kernel + busybox initramfs)
#   make demo     install what is missing, build everything, boot the guest
#   make test     the whole suite; ends with "N passed, N failed"
#   make asan     build/asan/arbor with AddressSanitizer + UndefinedBehaviorSanitizer

BUILD   ?= build
CC      ?= cc
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g -flto=auto
WARN    := -std=c17 -Wall -Wextra -Werror
CPPFLAGS := -D_GNU_SOURCE -Isrc -MMD -MP
LDLIBS  := -lfdt -ljson-c -lxxhash -lslirp -lz -lm

SRCS := $(sort $(wildcard src/*/*.c))
OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRCS))
ASAN_OBJS := $(patsubst src/%.c,$(BUILD)/asan/obj/%.o,$(SRCS))
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

# The FPU relies on the host's dynamic rounding mode and exception flags.
$(BUILD)/obj/rv/exec_fp.o $(BUILD)/asan/obj/rv/exec_fp.o $(BUILD)/obj/rv/fpu.o $(BUILD)/asan/obj/rv/fpu.o: CFLAGS += -frounding-math

.PHONY: all asan demo test test-asan unit-tests clean deps
all: $(BUILD)/arbor

$(BUILD)/arbor: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

asan: $(BUILD)/asan/arbor
$(BUILD)/asan/arbor: $(ASAN_OBJS)
	$(CC) $(SAN_FLAGS) -O1 -g -o $@ $^ $(LDLIBS)

$(BUILD)/asan/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(SAN_FLAGS) -O1 -g $(filter -frounding-math,$(CFLAGS)) -c -o $@ $<

include mk/unit.mk
include mk/guest.mk
include mk/isa.mk
include mk/fuzz.mk

# Debian packages the build, the guest builder and the tests need.
deps:
	@tools/install-deps.sh

demo: deps all guest
	@tools/demo.sh

test: deps all guest unit-tests isa-tests fuzz
	@tests/run.sh

# The sanitizer run CI adds: unit tests (always built with ASan+UBSan), the ISA tests and
# one full boot of the Debian guest on build/asan/arbor.
test-asan: deps asan guest unit-tests isa-tests fuzz
	@ARBOR=$(BUILD)/asan/arbor ARBOR_BOOT_TESTS=main tests/run.sh

clean:
	rm -rf $(BUILD)/obj $(BUILD)/asan $(BUILD)/unit $(BUILD)/isa $(BUILD)/arbor

-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d)
