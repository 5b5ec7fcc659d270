#!/usr/bin/env bash
# guest/rootfs.sh OUTDIR: the test guest's system as an ext4 disk image, OUTDIR/rootfs.ext4,
# made from OUTDIR/initrd.img (same busybox, modules and /init). Booted with
# `--disk OUTDIR/rootfs.ext4 --append "... root=/dev/vda"`: the initramfs loads the disk
# drivers, mounts it and hands over to the disk's /init (see guest/init). bench/disk.py uses
# it to time a boot with the root filesystem on a virtio disk.
set -euo pipefail
OUT=$(realpath "${1:?usage: guest/rootfs.sh OUTDIR}")
[[ -f $OUT/initrd.img ]] || { echo "rootfs.sh: no $OUT/initrd.img (make guest first)" >&2; exit 1; }
IMG=$OUT/rootfs.ext4
if [[ -f $IMG && $IMG -nt $OUT/initrd.img && $IMG -nt $0 ]]; then
    exit 0
fi
TREE=$(mktemp -d)
trap 'rm -rf "$TREE"' EXIT
(cd "$TREE" && gzip -dc "$OUT/initrd.img" | cpio -id --quiet)
mkdir -p "$TREE/newroot"
touch "$TREE/etc/arbor/on-disk"
rm -f "$IMG.tmp"
mkfs.ext4 -q -F -L arbor-root -d "$TREE" "$IMG.tmp" 128M
mv "$IMG.tmp" "$IMG"
echo "rootfs.sh: $IMG"
