# mk/guest.mk -- the default test guest (Debian riscv64 kernel + busybox
# initramfs), built by guest/build.sh. Included by the top-level Makefile.
#
#   make guest           build build/guest/Image and build/guest/initrd.img
#                        (offline once the Debian packages are cached)
#   make guest-refresh   fetch the newest Debian packages and rebuild
#
# The cache lives in $(ARBOR_CACHE) (default ~/.cache/arbor); see
# guest/README.md.

GUEST_OUT    := $(or $(BUILD),build)/guest
GUEST_IMAGE := $(GUEST_OUT)/Image
GUEST_INITRD := $(GUEST_OUT)/initrd.img
GUEST_SRCS   := guest/build.sh guest/init guest/inittab guest/console guest/shell-ready \
                guest/modules.txt guest/udhcpc.script $(wildcard guest/tools/*.c)

.PHONY: guest guest-refresh

guest: $(GUEST_IMAGE) $(GUEST_INITRD)

# One run of the script makes both files (grouped target, GNU make >= 4.3).
$(GUEST_IMAGE) $(GUEST_INITRD) &: $(GUEST_SRCS)
	bash guest/build.sh $(GUEST_OUT)

guest-refresh:
	ARBOR_GUEST_REFRESH=1 bash guest/build.sh $(GUEST_OUT)
