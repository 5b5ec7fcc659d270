#!/usr/bin/env bash
# virtio disks on the real Debian guest (see test_disks.py).
cd "$(dirname "$0")/../.." && exec python3 tests/boot/test_disks.py
