#!/usr/bin/env bash
# Bad input to `arbor run`: each case must exit non-zero (and not by a signal) with exactly
# one line on stderr that starts with "arbor:" and names the problem.
set -u
cd "$(dirname "$0")/../.."
ARBOR=${ARBOR:-${BUILD:-build}/arbor}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

head -c 65536 /dev/urandom > "$tmp/random.bin"
printf '\x1f\x8b\x08\x00garbage' > "$tmp/kernel.gz"
: > "$tmp/empty.bin"
head -c 8192 /dev/zero | tr '\0' '\377' > "$tmp/ones.bin"     # every word is illegal
truncate -s 100M "$tmp/big-initrd.img"
cp /bin/true "$tmp/elf.bin"

# expect NAME PATTERN STATUS ARGS...: STATUS is the exit status wanted
expect() {
    local name=$1 pattern=$2 want=$3; shift 3
    local err rc lines
    err=$(timeout 60 "$ARBOR" "$@" </dev/null 2>&1 >/dev/null); rc=$?
    lines=$(printf '%s\n' "$err" | grep -c .)
    if [ "$rc" -eq "$want" ] && [ "$lines" -eq 1 ] && [[ $err == arbor:* ]] &&
       printf '%s' "$err" | grep -qiE -- "$pattern"; then
        echo "PASS cli/$name"
    else
        echo "FAIL cli/$name (status $rc, want $want; stderr: $err)"
    fi
}

K=build/guest/Image
expect missing-kernel "cannot read kernel.*No such file" 1 run --kernel "$tmp/nope"
expect unreadable-kernel "cannot read kernel" 1 run --kernel "$tmp"
expect not-a-kernel "not a RISC-V Linux Image" 1 run --kernel "$tmp/random.bin"
expect gzip-kernel "gzip-compressed" 1 run --kernel "$tmp/kernel.gz"
expect empty-kernel "is empty" 1 run --kernel "$tmp/empty.bin"
expect initrd-too-big "initrd .*does not fit" 1 run --kernel "$K" --initrd "$tmp/big-initrd.img" --mem 64M
expect missing-initrd "cannot read initrd" 1 run --kernel "$K" --initrd "$tmp/nope"
expect mem-zero "--mem 0 is too small" 1 run --mem 0
expect mem-garbage "not a size" 1 run --mem lots
expect mem-too-big "more than this host" 1 run --mem 1000G
expect mem-overflow "not a size" 1 run --mem 99999999999999999999G
expect cpus-zero "--cpus '0' must be a number from 1 to 8" 1 run --cpus 0
expect cpus-too-many "from 1 to 8" 1 run --cpus 9
expect cpus-garbage "from 1 to 8" 1 run --cpus two
expect unknown-option "unknown option '--frobnicate'" 1 run --frobnicate
expect missing-value "needs a value" 1 run --mem
expect stray-argument "unexpected argument" 1 run extra
expect unknown-verb "unknown verb" 1 frobnicate
expect nothing-to-run "needs --firmware" 1 run --kernel none
expect firmware-empty "firmware .* is empty" 1 run --firmware "$tmp/empty.bin" --kernel none
expect firmware-missing "cannot read firmware" 1 run --firmware "$tmp/nope" --kernel none
expect firmware-elf "is an ELF file" 1 run --firmware "$tmp/elf.bin" --kernel none
expect firmware-kernel "is a Linux kernel Image" 1 run --firmware "$K" --kernel none
expect firmware-garbage "stuck: trap cause 1 at pc 0x0" 1 run --firmware "$tmp/ones.bin" --kernel none
expect firmware-random "stuck" 1 run --firmware "$tmp/random.bin" --kernel none

# --help documents every option and the exit statuses.
help=$("$ARBOR" run --help)
ok=1
for word in --kernel --initrd --append --mem --cpus --firmware "Exit status" reboot; do
    printf '%s' "$help" | grep -q -- "$word" || ok=0
done
[ $ok -eq 1 ] && echo "PASS cli/help" || echo "FAIL cli/help (missing $word)"
