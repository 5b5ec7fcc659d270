#!/usr/bin/env bash
# The whole suite: unit tests, ISA tests (arbor and QEMU must agree), CLI bad-input tests,
# and boot tests of the real Debian guest. Ends with "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
passed=0 failed=0 skipped=0
log=$BUILD/test-logs
mkdir -p "$log"

count() { # count NAME STATUS
    case $2 in
        pass) passed=$((passed + 1)); echo "PASS $1";;
        skip) skipped=$((skipped + 1)); echo "SKIP $1";;
        *) failed=$((failed + 1)); echo "FAIL $1";;
    esac
}

# Unit tests: each program reports "NAME: N passed, N failed".
for t in "$BUILD"/unit/test_*; do
    [ -x "$t" ] || continue
    name=unit/$(basename "$t")
    if out=$("$t" 2>&1); then count "$name" pass; else count "$name" fail; echo "$out" | tail -20; fi
    echo "$out" | tail -1 | sed 's/^/     /'
done

# ISA tests: each test runs on arbor and on QEMU; both must pass.
while read -r line; do
    case $line in
        "ok "*) count "isa/${line#ok }" pass;;
        "FAIL "*) count "isa/${line#FAIL }" fail;;
    esac
done < <(tests/isa/run.sh --no-build 2>&1 | tee "$log/isa.log")

# Scripted tests: each prints PASS/FAIL/SKIP lines of its own.
for t in tests/cli/*.sh tests/fuzz/*.sh tests/boot/*.sh; do
    [ -f "$t" ] || continue
    while read -r line; do
        case $line in
            "PASS "*) count "${line#PASS }" pass;;
            "FAIL "*) count "${line#FAIL }" fail;;
            "SKIP "*) count "${line#SKIP }" skip;;
            *) echo "     $line";;
        esac
    done < <(bash "$t" 2>&1)
done

if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
