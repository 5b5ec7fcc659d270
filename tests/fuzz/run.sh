#!/usr/bin/env bash
# A short libFuzzer run of each harness (longer runs: build/fuzz/NAME -max_total_time=600).
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
for f in "$BUILD"/fuzz/fuzz_*; do
    name=$(basename "$f")
    max_len=4096
    # a qcow2 header, its tables and a few clusters of 512 bytes
    [ "$name" = fuzz_qcow2 ] && max_len=65536
    if out=$(timeout 120 "$f" -runs=20000 -max_len=$max_len -max_total_time=30 2>&1); then
        echo "PASS fuzz/$name"
    else
        echo "FAIL fuzz/$name"
        printf '%s\n' "$out" | tail -30
    fi
done
