# mk/dev-tests.mk - unit tests of the platform devices (src/dev, src/virtio), one program per device.
#
# Each test NAME is tests/unit/test_NAME.c linked with $(UNIT_SRCS_NAME) and $(DEV_TEST_LIBS).
# The stubs in tests/unit/stub_*.c stand in for src/board and src/rv, so these tests build
# without the hart and the board.
#
# From the top-level Makefile (which defines BUILD ?= build), either use the lists with your
# own unit-test rule, e.g.
#     include mk/dev-tests.mk
#     UNIT_TESTS += $(DEV_UNIT_TESTS)
#     .SECONDEXPANSION:
#     $(BUILD)/unit/test_%: tests/unit/test_%.c $$(UNIT_SRCS_$$*)
#             $(CC) $(CFLAGS) -Isrc -Itests/unit -o $@ $^ $(DEV_TEST_LIBS)
# or use the rules below as they are:
#     make dev-tests         build $(BUILD)/dev-tests/test_NAME for every NAME
#     make check-dev         build and run them (each prints "NAME: N passed, N failed")
#     make check-dev DEV_TEST_SAN=1   the same with AddressSanitizer and UBSan
# They also work on their own from the top of the tree: make -f mk/dev-tests.mk check-dev
# Include this file after the default goal (or set .DEFAULT_GOAL): it defines targets.

BUILD ?= build

DEV_UNIT_TESTS = plic uart aclint syscon rtc vmgenid virtio virtio_blk

DEV_TEST_COMMON = src/common/util.c src/mem/bus.c src/snap/section.c src/board/devices.c tests/unit/stub_hart.c \
                  tests/unit/stub_board.c
UNIT_SRCS_plic = src/dev/plic.c $(DEV_TEST_COMMON)
UNIT_SRCS_uart = src/dev/uart.c src/dev/console_input.c src/dev/console_tty.c $(DEV_TEST_COMMON)
UNIT_SRCS_aclint = src/dev/aclint.c $(DEV_TEST_COMMON)
UNIT_SRCS_syscon = src/dev/syscon.c $(DEV_TEST_COMMON)
UNIT_SRCS_rtc = src/dev/rtc.c $(DEV_TEST_COMMON)
# vmgenid pulses a real PLIC: its test checks the interrupt is latched exactly once
UNIT_SRCS_vmgenid = src/dev/vmgenid.c src/dev/plic.c $(DEV_TEST_COMMON)
# the virtio layer: transport, queues and the entropy device behind it
UNIT_SRCS_virtio = src/virtio/mmio.c src/virtio/virtqueue.c src/virtio/rng.c $(DEV_TEST_COMMON)
# the block device with the real image layer behind it
UNIT_SRCS_virtio_blk = src/virtio/mmio.c src/virtio/virtqueue.c src/virtio/blk.c src/virtio/blk_io.c \
                       $(wildcard src/disk/*.c) $(DEV_TEST_COMMON)
# zlib decodes the image layer's compressed qcow2 clusters
DEV_TEST_LIBS = -lfdt -lxxhash -lz
# the network card, with the test's own fake backend (net_backend_open), and the frame ring
DEV_UNIT_TESTS += virtio_net
UNIT_SRCS_virtio_net = src/virtio/mmio.c src/virtio/virtqueue.c src/virtio/net.c src/net/config.c \
                       src/net/identity.c src/net/port.c src/net/ring.c src/net/csum.c \
                       src/net/gso.c $(DEV_TEST_COMMON)
# the console, with the UART it takes the input from
DEV_UNIT_TESTS += virtio_console
UNIT_SRCS_virtio_console = src/virtio/mmio.c src/virtio/virtqueue.c src/virtio/console.c \
                           src/dev/console_input.c src/dev/uart.c src/dev/console_tty.c $(DEV_TEST_COMMON)
# the socket device, its waiting thread and real Unix sockets
DEV_UNIT_TESTS += virtio_vsock
UNIT_SRCS_virtio_vsock = src/virtio/mmio.c src/virtio/virtqueue.c src/virtio/vsock.c \
                         src/virtio/vsock_guest.c src/virtio/vsock_host.c src/virtio/fd_wait.c \
                         $(DEV_TEST_COMMON)

# mk/unit.mk links with the top-level LDLIBS, which must have libxxhash for the section
# checksums; add it to these tests while it does not
ifeq ($(filter -lxxhash,$(LDLIBS)),)
$(foreach t,$(DEV_UNIT_TESTS),$(eval $(BUILD)/unit/test_$(t): LDLIBS += -lxxhash))
endif

DEV_TEST_OUT := $(BUILD)/dev-tests
DEV_TEST_CC ?= $(CC)
DEV_TEST_CFLAGS ?= -std=c17 -Wall -Wextra -Werror -D_GNU_SOURCE -g -O1
ifneq ($(DEV_TEST_SAN),)
DEV_TEST_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
endif
DEV_TEST_HDRS = $(wildcard src/common/*.h src/mem/*.h src/board/board.h src/rv/hart.h \
                           src/snap/*.h src/dev/*.h src/virtio/*.h tests/unit/*.h)
DEV_TEST_BINS := $(patsubst %,$(DEV_TEST_OUT)/test_%,$(DEV_UNIT_TESTS))

.PHONY: dev-tests check-dev
dev-tests: $(DEV_TEST_BINS)

define DEV_TEST_RULE
$(DEV_TEST_OUT)/test_$(1): tests/unit/test_$(1).c $(UNIT_SRCS_$(1)) $(DEV_TEST_HDRS)
	@mkdir -p $$(@D)
	$(DEV_TEST_CC) $(DEV_TEST_CFLAGS) -Isrc -Itests/unit -o $$@ tests/unit/test_$(1).c \
		$(UNIT_SRCS_$(1)) $(DEV_TEST_LIBS)
endef
$(foreach t,$(DEV_UNIT_TESTS),$(eval $(call DEV_TEST_RULE,$(t))))

# runs them all, then fails if any failed
check-dev: $(DEV_TEST_BINS)
	@fail=0; for t in $(DEV_TEST_BINS); do $$t || fail=1; done; exit $$fail
