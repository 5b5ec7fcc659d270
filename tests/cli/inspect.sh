#!/usr/bin/env bash
# `arbor inspect`: snapshots and a saved file of the default guest read offline. Registers,
# physical memory (checked against the kernel Image and the snapshot files themselves, so a
# delta's pages must come out over its parent's), virtual memory (checked against physical
# memory at the addresses it reports), JSON; and bad files and arguments, each refused with
# exit status 1 and one line on stderr. Prints PASS/FAIL lines for tests/run.sh and ends with
# "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
ARBOR=${ARBOR:-$BUILD/arbor}
KERNEL=$BUILD/guest/Image
INITRD=$BUILD/guest/initrd.img
passed=0 failed=0

pass() { passed=$((passed + 1)); echo "PASS cli/inspect-$1"; }
fail() { failed=$((failed + 1)); echo "FAIL cli/inspect-$1${2:+ ($2)}"; }
# check NAME DETAIL COMMAND...: passes when COMMAND succeeds
check() {
    local name=$1 detail=$2; shift 2
    if "$@"; then pass "$name"; else fail "$name" "$detail"; fi
}
quiet() { "$@" >/dev/null; }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

if [ ! -f "$KERNEL" ] || [ ! -f "$INITRD" ]; then
    echo "SKIP cli/inspect — no default guest in $BUILD/guest (make guest)"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/arbor-inspect.XXXXXX")
export ARBOR_RUNDIR=$tmp/run
pid=
cleanup() {
    "$ARBOR" destroy t >/dev/null 2>&1
    # a monitor that does not answer is stopped by its process id
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        sleep 1
        kill "$pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# The default guest is found next to the program; other builds (ASan) are told where it is.
guest=()
[ "$(realpath "$ARBOR")" = "$(realpath "$BUILD/arbor")" ] || guest=(--kernel "$KERNEL" --initrd "$INITRD")

# --- a running domain with two snapshots: s1 (full), s2 (delta on s1) ---

if ! "$ARBOR" run --name t --detach "${guest[@]}" >"$tmp/run.out" 2>&1; then
    fail boot "$(cat "$tmp/run.out")"
    finish
fi
pid=$("$ARBOR" list --json 2>/dev/null |
      python3 -c 'import json,sys; print(next((d["pid"] for d in json.load(sys.stdin) if d["name"] == "t"), ""))')
ready=0
for _ in $(seq 1 600); do
    grep -q "arbor-guest: ready" "$ARBOR_RUNDIR/t.console" 2>/dev/null && { ready=1; break; }
    sleep 0.2
done
check boot "no ready line in 120 s: $(tail -c 300 "$ARBOR_RUNDIR/t.console" 2>/dev/null)" [ $ready -eq 1 ]
[ $ready -eq 1 ] || finish

snaps=$ARBOR_RUNDIR/t.snapshots
check snapshot-s1 "" quiet "$ARBOR" snapshot t s1
sleep 1
check snapshot-s2 "" quiet "$ARBOR" snapshot t s2
sum_before=$(cat "$snaps/s1.snap" "$snaps/s2.snap" | sha256sum)

# --- registers ---

"$ARBOR" inspect t/s2 >"$tmp/regs.txt" 2>"$tmp/regs.err"; rc=$?
missing=
for want in "snapshot: *s2" "domain: *t" "kind: *delta" "parent: *s1" "memory: *256 MiB" \
            "harts: *1" "deterministic: *no" "pages stored: *[1-9]" "hart 0: pc 0x[0-9a-f]{16}, privilege [USM]" \
            "x0/zero +0x0{16}" "x2/sp " "x31/t6 " "f0/ft0 " "f31/ft11 " "mstatus=0x" "satp=0x[89]" \
            "pmpaddr\[15\]=0x" "sbi_timecmp=0x"; do
    grep -qE -- "$want" "$tmp/regs.txt" || missing="$missing '$want'"
done
if [ $rc -eq 0 ] && [ -z "$missing" ] && [ ! -s "$tmp/regs.err" ]; then pass regs-default
else fail regs-default "status $rc, missing:$missing; stderr: $(cat "$tmp/regs.err")"; fi
"$ARBOR" inspect t/s2 --regs --hart 0 >"$tmp/regs0.txt" 2>&1
check regs-hart-0 "" cmp -s "$tmp/regs.txt" "$tmp/regs0.txt"

# --- physical memory: the kernel Image sits at 0x80200000 ---

"$ARBOR" inspect t/s1 --mem 0x80200000 64 >"$tmp/mem.txt" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ "$(grep -cE '^802000[0-3]0: ' "$tmp/mem.txt")" -eq 4 ]; then pass mem-text
else fail mem-text "status $rc: $(tail -3 "$tmp/mem.txt")"; fi
if command -v xxd >/dev/null; then # the same lines as xxd, but for the address
    check mem-like-xxd "" diff <(grep -E '^802000' "$tmp/mem.txt" | cut -d: -f2-) \
        <(xxd -l 64 "$KERNEL" | cut -d: -f2-)
fi
"$ARBOR" inspect t/s1 --mem 0x80200000 64 --json >"$tmp/mem.json" 2>&1
check mem-is-kernel "$(head -c 300 "$tmp/mem.json")" python3 - "$tmp/mem.json" "$KERNEL" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(bytes.fromhex(d["mem"]["data"]) != open(sys.argv[2], "rb").read(64))
EOF

# A delta's memory is its own pages over its parent's: compare with the files themselves.
check mem-delta-over-parent "" python3 - "$ARBOR" "$snaps" <<'EOF'
import json, struct, subprocess, sys
arbor, snaps = sys.argv[1], sys.argv[2]

def layout(path):
    d = open(path, "rb").read()
    index_off, n_pages, data_off = struct.unpack_from("<QQQ", d, 88)
    pages = [struct.unpack_from("<Q", d, index_off + 16 * k)[0] for k in range(n_pages)]
    return d, pages, data_off

def inspect_page(pg):
    r = subprocess.run([arbor, "inspect", "t/s2", "--json", "--mem", hex(0x80000000 + pg * 4096), "4K"],
                       capture_output=True, text=True, check=True)
    return bytes.fromhex(json.loads(r.stdout)["mem"]["data"])

full, full_pages, full_data = layout(snaps + "/s1.snap")
delta, delta_pages, delta_data = layout(snaps + "/s2.snap")
# a page the delta stores: its content (delta pages are packed in index order)
ok = inspect_page(delta_pages[0]) == delta[delta_data:delta_data + 4096]
ok &= inspect_page(delta_pages[-1]) == delta[delta_data + 4096 * (len(delta_pages) - 1):][:4096]
# a page only the parent stores: the parent's (a full image keeps page p at data_off + p * 4096)
only_parent = next(p for p in full_pages if p not in set(delta_pages))
ok &= inspect_page(only_parent) == full[full_data + only_parent * 4096:][:4096]
sys.exit(not ok)
EOF

# --- virtual memory: the kernel's code at the saved pc, through the saved page tables ---

pc=$("$ARBOR" inspect t/s1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["registers"][0]["pc"])')
"$ARBOR" inspect t/s1 --vmem "$pc" 64 >"$tmp/vmem.txt" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -qE "through hart 0: satp 0x[0-9a-f]+, Sv(39|48)" "$tmp/vmem.txt" &&
   grep -q "^$pc: physical 0x" "$tmp/vmem.txt" && ! grep -q "not mapped" "$tmp/vmem.txt"; then
    pass vmem-text
else
    fail vmem-text "status $rc: $(head -c 400 "$tmp/vmem.txt")"
fi
"$ARBOR" inspect t/s1 --vmem "$pc" 64 --json >"$tmp/vmem.json" 2>&1
check vmem-matches-physical "$(head -c 300 "$tmp/vmem.json")" python3 - "$ARBOR" "$tmp/vmem.json" <<'EOF'
import json, subprocess, sys
v = json.load(open(sys.argv[2]))["vmem"]
ok = v["mode"] in ("sv39", "sv48") and v["privilege"] == "S" and sum(p["len"] for p in v["pages"]) == 64
for p in v["pages"]:
    r = subprocess.run([sys.argv[1], "inspect", "t/s1", "--json", "--mem", p["pa"], str(p["len"])],
                       capture_output=True, text=True, check=True)
    ok &= "data" in p and p["data"] == json.loads(r.stdout)["mem"]["data"]
sys.exit(not ok)
EOF
"$ARBOR" inspect t/s1 --vmem 0 32 >"$tmp/unmapped.txt" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -qx "0x00000000: not mapped (page fault)" "$tmp/unmapped.txt"; then
    pass vmem-unmapped
else
    fail vmem-unmapped "status $rc: $(tail -2 "$tmp/unmapped.txt")"
fi

# --- save: the domain stops; the file and its snapshots are read with nothing running ---

check save "" quiet "$ARBOR" save t "$tmp/t.save"
"$ARBOR" inspect "$tmp/t.save" --json 2>"$tmp/save.err" | python3 -m json.tool >"$tmp/save.json"
check save-json "$(cat "$tmp/save.err") $(head -c 300 "$tmp/save.json")" python3 - "$tmp/save.json" "$tmp/t.save" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
r = d["registers"][0]
sys.exit(not (d["file"] == sys.argv[2] and d["snapshot"] == "saved" and d["domain"] == "t" and
              d["kind"] == "full" and d["parent"] is None and d["memory"] == 256 << 20 and
              d["harts"] == 1 and d["pages_stored"] > 0 and len(r["x"]) == 32 and len(r["f"]) == 32 and
              r["x"][2]["abi"] == "sp" and r["privilege"] in "USM" and "satp" in r["csr"]))
EOF
"$ARBOR" inspect t/s2 --regs >"$tmp/offline.txt" 2>&1
check offline-after-stop "" cmp -s "$tmp/regs.txt" "$tmp/offline.txt"

# --- bad files and arguments: status 1, nothing on stdout, one line on stderr ---

# refused NAME PATTERN ARGS...
refused() {
    local name=$1 pattern=$2 out err rc; shift 2
    out=$("$ARBOR" inspect "$@" 2>"$tmp/err"); rc=$?
    err=$(cat "$tmp/err")
    if [ $rc -eq 1 ] && [ -z "$out" ] && [ "$(printf '%s\n' "$err" | grep -c .)" -eq 1 ] &&
       [[ $err == arbor:* ]] && printf '%s' "$err" | grep -qiE -- "$pattern"; then
        pass "$name"
    else
        fail "$name" "status $rc; stdout ${#out} bytes; stderr: $err"
    fi
}

mkdir -p "$tmp/bad" "$tmp/orphan" # apart: a copy of s1 here would be its parent
head -c 100000 "$snaps/s1.snap" >"$tmp/bad/truncated.snap"
python3 - "$snaps" "$tmp/bad" <<'EOF'
import shutil, struct, sys
snaps, bad = sys.argv[1], sys.argv[2]
d = bytearray(open(snaps + "/s1.snap", "rb").read())
index_off, n_pages, data_off = struct.unpack_from("<QQQ", d, 88)
first = struct.unpack_from("<Q", d, index_off)[0]
page = bytearray(d)
page[data_off + first * 4096 + 123] ^= 1  # one bit of a stored page
open(bad + "/flip-page.snap", "wb").write(page)
header = bytearray(d)
header[48] ^= 0x10  # created_ns
open(bad + "/flip-header.snap", "wb").write(header)
shutil.copy(snaps + "/s2.snap", bad + "/../orphan/s2.snap")  # a delta without its parent
EOF
refused truncated "truncated" "$tmp/bad/truncated.snap"
refused flipped-page-bit "page's checksum" "$tmp/bad/flip-page.snap"
refused flipped-header-bit "header checksum" "$tmp/bad/flip-header.snap"
refused delta-without-parent "delta on 's1'.*not in" "$tmp/orphan/s2.snap"
refused not-a-snapshot "not an arbor snapshot|truncated" /etc/passwd
refused missing-file "No such file" "$tmp/bad/nope.snap"
refused missing-snapshot "has no snapshot 'nosuch'" t/nosuch
refused directory "not a regular file" "$tmp"
refused unknown-option "unknown option '--frob'" t/s1 --frob
refused missing-value "needs ADDR and LEN" t/s1 --mem 0x80000000
refused bad-address "not an address" t/s1 --mem 0x8zz 16
refused bad-length "not a length" t/s1 --vmem 0 lots
refused zero-length "out of range" t/s1 --mem 0x80000000 0
refused too-long "out of range" t/s1 --mem 0x80000000 2M
refused outside-ram "not all in RAM" t/s1 --mem 0x1000 16
refused past-ram-end "not all in RAM" t/s1 --mem 0x8ffffff0 32
refused no-such-hart "has 1 hart" t/s1 --hart 1
refused bad-hart "--hart 'x'" t/s1 --hart x
refused extra-argument "unexpected argument" t/s1 t/s2
refused no-argument "usage" --json

help=$("$ARBOR" inspect --help)
missing=
for word in --regs --hart --mem --vmem --json NAME/SNAP "not mapped" "Exit status"; do
    printf '%s' "$help" | grep -q -- "$word" || missing="$missing $word"
done
check help "missing:$missing" [ -z "$missing" ]

check files-unchanged "" [ "$(cat "$snaps/s1.snap" "$snaps/s2.snap" | sha256sum)" = "$sum_before" ]

finish
