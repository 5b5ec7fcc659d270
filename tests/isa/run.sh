#!/bin/sh
# tests/isa/run.sh - run the ISA conformance tests on QEMU (reference) and arbor.
#
# usage: tests/isa/run.sh [--qemu-only|--arbor-only] [--no-build] [-v] [TESTS...]
#
# TESTS are names (rv64i_alu), source paths (tests/isa/rv64i_alu.S) or binary
# paths; default: every tests/isa/*.S.  Unless --no-build is given the binaries
# are (re)built first with `make -f mk/isa.mk isa-tests`.
#
# Output: per test and machine `isa NAME qemu: RESULT` / `isa NAME arbor: RESULT`
# where RESULT is `pass`, `fail N`, `timeout`, `error ...` or `unavailable`,
# then `ok NAME` when every machine run passed (and so agree), else
# `FAIL NAME ...`.  Exit status 0 only if every test is ok.  An unavailable
# arbor (no executable at $ARBOR) counts as not ok unless --qemu-only is given.
#
# Environment: BUILD (default build), QEMU (default qemu-system-riscv64),
# ARBOR (default $BUILD/arbor), ISA_TIMEOUT (seconds, default 20).

set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 2

BUILD=${BUILD:-build}
QEMU=${QEMU:-qemu-system-riscv64}
ARBOR=${ARBOR:-$BUILD/arbor}
TMO=${ISA_TIMEOUT:-20}

run_qemu=1
run_arbor=1
build=1
verbose=0
tests=""

for arg in "$@"; do
    case "$arg" in
    --qemu-only) run_arbor=0 ;;
    --arbor-only) run_qemu=0 ;;
    --no-build) build=0 ;;
    -v|--verbose) verbose=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
    *) tests="$tests $(basename "$arg" | sed 's/\.\(S\|bin\|elf\)$//')" ;;
    esac
done

if [ "$run_qemu" = 0 ] && [ "$run_arbor" = 0 ]; then
    echo "run.sh: --qemu-only and --arbor-only exclude each other" >&2
    exit 2
fi

if [ -z "$tests" ]; then
    for f in "$here"/*.S; do
        [ -e "$f" ] || continue
        tests="$tests $(basename "$f" .S)"
    done
fi
if [ -z "$tests" ]; then
    echo "run.sh: no tests" >&2
    exit 2
fi

if [ "$build" = 1 ]; then
    if ! make -s -f mk/isa.mk BUILD="$BUILD" isa-tests >/dev/null; then
        echo "run.sh: building the tests failed" >&2
        exit 2
    fi
fi

outdir="$BUILD/isa"
mkdir -p "$outdir"

# classify_qemu RC LOGOUT LOGERR -> result on stdout
classify_qemu() {
    rc=$1; out=$2; err=$3
    if grep -q '^timeout: sending signal' "$err"; then
        echo "timeout"
    elif [ "$rc" = 0 ]; then
        echo "pass"
    elif grep -qE "FAIL $rc(\$|[^0-9])" "$out" 2>/dev/null; then
        echo "fail $rc"
    elif grep -q 'qemu-system' "$err"; then
        echo "error (qemu exit $rc: $(grep 'qemu-system' "$err" | head -n 1))"
    else
        # exit status from the finisher without our "FAIL n" line (UART lost?)
        echo "fail $rc"
    fi
}

classify_arbor() {
    rc=$1; out=$2; err=$3
    if grep -q '^timeout: sending signal' "$err"; then
        echo "timeout"
    elif [ "$rc" = 0 ]; then
        echo "pass"
    elif [ "$rc" = 4 ]; then
        code=$(sed -n 's/.*arbor: guest failed with code \([0-9][0-9]*\).*/\1/p' "$err" | head -n 1)
        if [ -n "$code" ]; then
            echo "fail $code"
        else
            echo "error (exit 4 without 'guest failed with code')"
        fi
    else
        echo "error (arbor exit $rc)"
    fi
}

show_log() {
    if [ "$verbose" = 1 ]; then
        sed -e 's/^/    | /' "$1" "$2" | tail -n 20
    fi
}

arbor_ok=1
if [ "$run_arbor" = 1 ] && [ ! -x "$ARBOR" ]; then
    arbor_ok=0
fi

nok=0
nfail=0
for t in $tests; do
    bin="$outdir/$t.bin"
    if [ ! -f "$bin" ]; then
        echo "isa $t: no binary $bin"
        echo "FAIL $t (not built)"
        nfail=$((nfail + 1))
        continue
    fi
    good=1
    summary=""
    if [ "$run_qemu" = 1 ]; then
        qo="$outdir/$t.qemu.out"; qe="$outdir/$t.qemu.err"
        timeout -v "$TMO" "$QEMU" -M virt -m 128M -smp 1 -nographic \
            -bios "$bin" </dev/null >"$qo" 2>"$qe"
        rc=$?
        qres=$(classify_qemu "$rc" "$qo" "$qe")
        echo "isa $t qemu: $qres"
        [ "$qres" = pass ] || { good=0; show_log "$qo" "$qe"; }
        summary="qemu: $qres"
    fi
    if [ "$run_arbor" = 1 ]; then
        if [ "$arbor_ok" = 0 ]; then
            ares="unavailable"
        else
            ao="$outdir/$t.arbor.out"; ae="$outdir/$t.arbor.err"
            timeout -v "$TMO" "$ARBOR" run --firmware "$bin" --kernel none \
                --mem 128M </dev/null >"$ao" 2>"$ae"
            rc=$?
            ares=$(classify_arbor "$rc" "$ao" "$ae")
        fi
        echo "isa $t arbor: $ares"
        if [ "$ares" != pass ]; then
            good=0
            [ "$ares" = unavailable ] || show_log "$ao" "$ae"
        fi
        summary="${summary:+$summary, }arbor: $ares"
    fi
    if [ "$good" = 1 ]; then
        echo "ok $t"
        nok=$((nok + 1))
    else
        dis=""
        if [ "$run_qemu" = 1 ] && [ "$run_arbor" = 1 ] && [ "$ares" != unavailable ] && [ "$qres" != "$ares" ]; then
            dis=" disagree"
        fi
        echo "FAIL $t ($summary)$dis"
        nfail=$((nfail + 1))
    fi
done

if [ "$run_arbor" = 1 ] && [ "$arbor_ok" = 0 ]; then
    echo "isa: arbor unavailable (no executable $ARBOR); use --qemu-only to run QEMU alone"
fi
echo "isa: $nok ok, $nfail FAIL"
[ "$nfail" = 0 ]
