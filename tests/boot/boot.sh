#!/usr/bin/env bash
# Boot tests of the real Debian guest (see test_boot.py).
cd "$(dirname "$0")/../.." && exec python3 tests/boot/test_boot.py
