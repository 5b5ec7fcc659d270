#!/usr/bin/env bash
# Install the Debian packages arbor needs to build, to build its guest and to run its tests,
# skipping what is already there (so a second run needs no network and no root).
set -euo pipefail
cd "$(dirname "$0")/.."
want=(
    build-essential   # the C compiler and make
    libfdt-dev        # device trees
    libjson-c-dev     # the control socket's JSON
    libxxhash-dev     # snapshot checksums
    libslirp-dev      # user-mode networking (--net user)
    zlib1g-dev        # compressed qcow2 clusters
    pkg-config
    gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu  # our ISA tests
    qemu-system-misc  # qemu-system-riscv64: the reference our tests and benchmarks compare with
    qemu-utils        # qemu-img: qcow2 images for the disk tests, the snapshot benchmark's savevm image
    e2fsprogs         # mkfs.ext4, debugfs, e2fsck: the disk tests' ext4 images and the rootfs image
    iproute2          # ip: network namespaces, bridges and taps for the tap test
    opensbi           # fw_dynamic.bin for the --firmware boot test
    python3           # the boot tests drive the guest console
    clang libclang-rt-14-dev  # libFuzzer harnesses (tests/fuzz)
)
mapfile -t guest_pkgs < <(grep -v '^\s*#' guest/packages.txt | sed 's/#.*//' | tr -s ' ' '\n' | grep -v '^$' || true)
missing=()
for p in "${want[@]}" "${guest_pkgs[@]}"; do
    [ "$p" = "#" ] && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "arbor: installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "arbor: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
