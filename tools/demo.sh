#!/usr/bin/env bash
# `make demo`: boot the default Debian guest. On a terminal you get its shell (type
# `poweroff` to end, or Ctrl-A x); otherwise a short scripted session runs and powers off.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -t 0 ] && [ -t 1 ]; then
    echo "arbor: booting Debian riscv64 (type 'poweroff' to end, Ctrl-A x to stop the VM)"
    exec build/arbor run --cpus 2
fi
exec python3 tools/demo.py
