#!/usr/bin/env bash
# The virtio network card on the real Debian guest: user-mode networking, tap devices (as
# root), bad arguments, clones and restored machines (see test_net.py).
cd "$(dirname "$0")/../.." && exec python3 tests/boot/test_net.py
