#!/usr/bin/env bash
# `make demo`: boot the default Debian guest as a domain and tour snapshot, revert, fork and
# the tree (tools/demo.py); on a terminal it ends attached to the guest's console.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 tools/demo.py
