#!/usr/bin/env bash
# The virtio console and vsock devices on the real Debian guest (see test_devices.py).
cd "$(dirname "$0")/../.." && exec python3 tests/boot/test_devices.py
