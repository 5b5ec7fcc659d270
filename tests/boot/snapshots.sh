#!/usr/bin/env bash
# Snapshot, revert, fork, save/restore and determinism tests on the real Debian guest
# (see test_snapshots.py).
cd "$(dirname "$0")/../.." && exec python3 tests/boot/test_snapshots.py
