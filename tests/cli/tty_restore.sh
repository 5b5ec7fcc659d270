#!/usr/bin/env bash
# See tty_restore.py.
cd "$(dirname "$0")/../.." && exec python3 tests/cli/tty_restore.py
