#!/usr/bin/env bash
# Bad input to the domain verbs, with no domain running: each case must exit 1 with exactly
# one line on stderr that starts with "arbor:" and names the problem; nothing may be left
# running or half-written.
set -u
cd "$(dirname "$0")/../.."
ARBOR=${ARBOR:-${BUILD:-build}/arbor}
tmp=$(mktemp -d)
export ARBOR_RUNDIR=$tmp/run
trap 'rm -rf "$tmp"' EXIT
head -c 20000 /dev/urandom > "$tmp/random.snap"
printf 'ARBORSNP' > "$tmp/short.snap"
: > "$tmp/empty.snap"

expect() { # expect NAME PATTERN ARGS...
    local name=$1 pattern=$2; shift 2
    local err rc lines
    err=$(timeout 30 "$ARBOR" "$@" </dev/null 2>&1 >/dev/null); rc=$?
    lines=$(printf '%s\n' "$err" | grep -c .)
    if [ "$rc" -eq 1 ] && [ "$lines" -eq 1 ] && [[ $err == arbor:* ]] &&
       printf '%s' "$err" | grep -qiE -- "$pattern"; then
        echo "PASS cli/domain/$name"
    else
        echo "FAIL cli/domain/$name (status $rc; stderr: $err)"
    fi
}

for verb in pause resume destroy; do
    expect "$verb-unknown" "no domain named 'ghost'" "$verb" ghost
    expect "$verb-no-name" "usage: arbor $verb" "$verb"
done
expect snapshot-unknown "no domain named 'ghost'" snapshot ghost s1
expect snapshot-missing-snap "usage: arbor snapshot NAME SNAP" snapshot ghost
expect revert-unknown "no domain named 'ghost'" revert ghost s1
expect save-unknown "no domain named 'ghost'" save ghost "$tmp/x.save"
expect save-no-dir "directory does not exist" save ghost "$tmp/nodir/x.save"
expect delete-unknown "no domain named 'ghost'" snapshot-delete ghost s1
expect fork-unknown "no domain named 'ghost'" fork ghost s1 --count 2
expect fork-count-zero "--count '0' must be" fork ghost s1 --count 0
expect fork-count-huge "--count '65' must be" fork ghost s1 --count 65
expect fork-count-missing "needs a value" fork ghost s1 --count
expect fork-stray "unexpected argument" fork ghost s1 extra
expect bad-domain-name "not a valid domain name" pause ../etc
expect unknown-option "unknown option '--bogus'" pause ghost --bogus
expect extra-argument "unexpected argument 'more'" pause ghost more
expect console-unknown "no domain named 'ghost'" console ghost
expect tree-unknown "has no snapshot tree" tree ghost
expect tree-bad-name "not a valid domain name" tree "a/b"
expect list-extra "unexpected argument" list extra
expect run-detach-needs-name "--detach needs --name" run --detach
expect run-bad-name "domain name '../x' is invalid" run --name ../x --kernel build/guest/Image
expect restore-no-name "usage: arbor restore" restore "$tmp/random.snap"
expect restore-missing "cannot open .*No such file" restore "$tmp/nope.snap" --name r
expect restore-empty "truncated or unreadable" restore "$tmp/empty.snap" --name r
expect restore-short "truncated or unreadable" restore "$tmp/short.snap" --name r
expect restore-random "bad magic" restore "$tmp/random.snap" --name r
expect restore-directory "snapshot" restore "$tmp" --name r
expect inspect-missing "nope" inspect "$tmp/nope.snap"
expect inspect-random "bad magic" inspect "$tmp/random.snap"

# nothing may have been started or left behind
if ls "$ARBOR_RUNDIR"/*.sock >/dev/null 2>&1; then
    echo "FAIL cli/domain/nothing-started (sockets left: $(ls "$ARBOR_RUNDIR"))"
else
    echo "PASS cli/domain/nothing-started"
fi
