"""VM state as a tree, checked through what the Debian guest itself reports: exact revert,
branching, fork, save/restore after SIGKILL, deterministic replay, and refusal of bad input."""
import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from guest import READY, Console, wait_in_file  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
ARBOR = os.environ.get("ARBOR", os.path.join(BUILD, "arbor"))
DEFAULT = os.path.abspath(ARBOR) == os.path.abspath(os.path.join(BUILD, "arbor"))
GUEST = [] if DEFAULT else ["--kernel", os.path.join(BUILD, "guest", "Image"),
                            "--initrd", os.path.join(BUILD, "guest", "initrd.img")]
RUNDIR = tempfile.mkdtemp(prefix="arbor-snap-test.")
ENV = dict(os.environ, ARBOR_RUNDIR=RUNDIR)
failures = 0


def report(name, ok, detail=""):
    global failures
    failures += not ok
    print("%s snap/%s%s" % ("PASS" if ok else "FAIL", name, (" — " + detail) if detail and not ok else ""))
    sys.stdout.flush()


def arbor(*args, timeout=60):
    return subprocess.run([ARBOR] + list(args), env=ENV, capture_output=True, text=True,
                          timeout=timeout)


def ok(name, *args):
    r = arbor(*args)
    report(name, r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr.strip()))
    return r


def refused(name, *args, expect=""):
    """The command must fail with exactly one line on stderr (mentioning `expect`)."""
    r = arbor(*args)
    lines = r.stderr.strip().splitlines()
    good = r.returncode == 1 and len(lines) == 1 and lines[0].startswith("arbor: ") and expect in lines[0]
    report(name, good, "exit %d, stderr %r" % (r.returncode, r.stderr))
    return r


def console_file(name):
    return os.path.join(RUNDIR, name + ".console")


def console_guest(name):
    return Console(ARBOR, name, env=ENV)


def in_guest(name, cmd, timeout=60):
    c = console_guest(name)
    try:
        time.sleep(0.2)
        return c.run(cmd, timeout=timeout)
    finally:
        c.kill()


def start(name, *extra):
    r = arbor("run", "--name", name, "--detach", *GUEST, *extra)
    if r.returncode != 0:
        raise RuntimeError("cannot start %s: %s" % (name, r.stderr))
    wait_in_file(console_file(name), READY, timeout=300)


STATE = "report() { echo \"count=$i hash=$(sha256sum < /tmp/data | cut -c1-16)\"; }; " \
        "add() { i=$((i+1)); echo \"$1\" >> /tmp/data; }"


def state(name):
    m = re.search(r"count=(\d+) hash=([0-9a-f]+)", in_guest(name, "report"))
    return (int(m.group(1)), m.group(2)) if m else None


def add(name, *words):
    in_guest(name, "; ".join("add %s" % w for w in words))


def test_exact_and_branching():
    start("main")
    in_guest("main", "i=0; : > /tmp/data; " + STATE)
    add("main", "a", "b", "c")
    k = state("main")
    ok("snapshot-s1", "snapshot", "main", "s1")
    add("main", "d", "e")
    after = state("main")
    ok("revert-s1", "revert", "main", "s1")
    report("exact/revert-gives-count-k", state("main") == k, "%r vs %r" % (state("main"), k))
    add("main", "z")
    report("exact/continues-after-revert", state("main")[0] == k[0] + 1)
    # branching: s1 -> s2 (two adds), s1 -> s3 (three other adds)
    ok("revert-s1-again", "revert", "main", "s1")
    add("main", "x1", "x2")
    s2 = state("main")
    ok("snapshot-s2", "snapshot", "main", "s2")
    ok("revert-s1-branch", "revert", "main", "s1")
    add("main", "y1", "y2", "y3")
    s3 = state("main")
    ok("snapshot-s3", "snapshot", "main", "s3")
    ok("revert-s2", "revert", "main", "s2")
    report("branch/s2-state", state("main") == s2 and s2 != after)
    ok("revert-s3", "revert", "main", "s3")
    report("branch/s3-state", state("main") == s3 and s3 != s2)
    tree = json.loads(ok("tree-json", "tree", "main", "--json").stdout)
    kids = sorted(n["name"] for n in tree if n["parent"] == "s1")
    report("branch/tree-s1-has-two-children", kids == ["s2", "s3"], repr(tree))
    text = ok("tree-text", "tree", "main").stdout
    report("branch/tree-marks-current", "* s3" in text, text)
    dot = ok("tree-dot", "tree", "main", "--dot").stdout
    report("branch/tree-dot", '"s1" -> "s2"' in dot and '"s1" -> "s3"' in dot, dot)
    return k, s3


def test_fork(k):
    r = ok("fork-4", "fork", "main", "s1", "--count", "4", "--json")
    names = json.loads(r.stdout).get("names", [])
    report("fork/names", names == ["main.%d" % i for i in range(1, 5)], repr(names))
    randoms = []
    for i, n in enumerate(names):
        report("fork/%s-starts-at-s1" % n, state(n) == k)
        out = in_guest(n, "echo mine-%d > /tmp/own-%d; ls /tmp/ | grep -c own-; cat /tmp/own-*; "
                          "head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \\n'; echo" % (i, i))
        lines = out.split()
        report("fork/%s-sees-only-its-file" % n, lines[:2] == ["1", "mine-%d" % i], repr(out))
        randoms.append(lines[-1] if lines else "")
    report("fork/urandom-differs", len(set(randoms)) == len(randoms) == 4, repr(randoms))
    report("fork/parent-unaffected", "own-" not in in_guest("main", "ls /tmp"))
    lst = ok("list", "list", "--json")
    running = sorted(d["name"] for d in json.loads(lst.stdout))
    report("list/shows-clones", running == sorted(["main"] + names), repr(running))
    for n in names[1:]:
        ok("destroy-" + n, "destroy", n)
    return names[0]


def test_save_restore(k, s3):
    # a clone is saved to a file (it stops), then restored under a new name
    path = os.path.join(RUNDIR, "clone.save")
    ok("save-clone", "save", "main.1", path)
    report("save/domain-stopped", not os.path.exists(os.path.join(RUNDIR, "main.1.sock")))
    ok("restore-clone", "restore", path, "--name", "back", "--detach")
    report("restore/continues", in_guest("back", "cat /tmp/own-0").strip() == "mine-0")
    ok("destroy-back", "destroy", "back")
    # SIGKILL the original monitor, then restore its first (full) snapshot
    pid = json.loads(arbor("list", "--json").stdout)[0]["pid"]
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.3)
    refused("killed-domain-is-gone", "pause", "main", expect="main")
    ok("restore-after-sigkill", "restore", os.path.join(RUNDIR, "main.snapshots", "s1.snap"),
       "--name", "again", "--detach")
    report("restore/console-answers", state("again") == k)
    # a delta snapshot of the dead domain restores too, its pages over its ancestors'
    ok("restore-delta-after-sigkill", "restore", "main/s3", "--name", "delta-back", "--detach")
    report("restore/delta-state", state("delta-back") == s3)
    ok("destroy-delta-back", "destroy", "delta-back")


def corrupt_copies(src):
    data = open(src, "rb").read()
    out = {}
    d = os.path.join(RUNDIR, "bad")
    os.makedirs(d, exist_ok=True)

    def put(name, b):
        p = os.path.join(d, name)
        open(p, "wb").write(b)
        out[name] = p
    put("truncated.snap", data[:len(data) // 2])
    put("empty.snap", b"")
    put("garbage.snap", os.urandom(8192))
    for label, off in (("header", 100), ("sections", 4096 + 40), ("page", len(data) - 5000)):
        b = bytearray(data)
        # the last page of a sparse full image may be a hole: flip inside a stored page
        b[off] ^= 0x10
        put("flip-%s.snap" % label, bytes(b))
    b = bytearray(data)
    b[8] = 7  # format version field
    put("version.snap", bytes(b))
    return out


def first_stored_page_offset(path):
    """Offset of the first stored memory page: data_off + page * 4096 (full image)."""
    h = open(path, "rb").read(4096)
    data_off = int.from_bytes(h[104:112], "little")
    index_off = int.from_bytes(h[88:96], "little")
    with open(path, "rb") as f:
        f.seek(index_off)
        page = int.from_bytes(f.read(8), "little")
    return data_off + page * 4096


def test_bad_files():
    src = os.path.join(RUNDIR, "main.snapshots", "s1.snap")
    bad = corrupt_copies(src)
    # flip a bit inside a page that is really stored
    data = bytearray(open(src, "rb").read())
    data[first_stored_page_offset(src) + 123] ^= 1
    p = os.path.join(RUNDIR, "bad", "flip-stored.snap")
    open(p, "wb").write(data)
    bad["flip-stored.snap"] = p
    for name, path in sorted(bad.items()):
        if name == "flip-page.snap":
            continue  # may land in a hole, covered by flip-stored
        r = refused("bad-file/" + name, "restore", path, "--name", "bad-" + name.split(".")[0])
        report("bad-file/%s-nothing-started" % name,
               not glob.glob(os.path.join(RUNDIR, "bad-*.sock")), r.stderr)
    refused("bad-file/version-named", "restore", bad["version.snap"], "--name", "v", expect="version")


def test_wrong_state_and_names():
    refused("unknown-domain", "pause", "nosuch", expect="nosuch")
    refused("unknown-snapshot", "revert", "again", "nosuch", expect="nosuch")
    refused("resume-running", "resume", "again", expect="not paused")
    ok("pause", "pause", "again")
    refused("pause-paused", "pause", "again", expect="already paused")
    info = json.loads(arbor("list", "--json").stdout)
    report("list/paused-state", any(d["name"] == "again" and d["state"] == "paused" for d in info))
    ok("snapshot-while-paused", "snapshot", "again", "p1")
    refused("snapshot-duplicate", "snapshot", "again", "p1", expect="p1")
    refused("bad-snapshot-name", "snapshot", "again", "../x", expect="invalid")
    ok("resume", "resume", "again")
    refused("name-taken", "run", "--name", "again", "--detach", *GUEST, expect="already running")
    refused("fork-name-taken", "fork", "again", "p1", "--names", "again", expect="again")
    refused("fork-bad-count", "fork", "again", "p1", "--count", "0", expect="count")
    # the control socket survives malformed requests
    for label, req in (("not-json", b"hello\n"), ("no-op", b"{}\n"), ("unknown-op", b'{"op":"x"}\n'),
                       ("op-not-string", b'{"op":1}\n'), ("trailing", b'{"op":"info"} x\n'),
                       ("huge", b"[" * 70000 + b"\n")):
        s = socket.socket(socket.AF_UNIX)
        s.connect(os.path.join(RUNDIR, "again.sock"))
        s.sendall(req)
        reply = s.makefile().readline()
        s.close()
        report("api/" + label, json.loads(reply).get("ok") is False, reply)
    report("api/still-answers", state("again") is not None)


def test_snapshot_delete():
    # again: p1 (full) -> p2 -> p3; delete p2: p3 must still revert exactly
    ok("p2", "snapshot", "again", "p2")
    add("again", "q")
    want = state("again")
    ok("p3", "snapshot", "again", "p3")
    add("again", "r")
    ok("delete-p2", "snapshot-delete", "again", "p2")
    tree = json.loads(arbor("tree", "again", "--json").stdout)
    report("delete/p3-reparented", {n["name"]: n["parent"] for n in tree}.get("p3") == "p1", repr(tree))
    ok("revert-p3-after-delete", "revert", "again", "p3")
    report("delete/p3-exact", state("again") == want)
    ok("delete-p1-root", "snapshot-delete", "again", "p1")
    ok("revert-p3-after-root-delete", "revert", "again", "p3")
    report("delete/p3-exact-after-root-delete", state("again") == want)


def test_kill_during_snapshot():
    """SIGKILL of the monitor while it writes a snapshot: earlier ones and the tree stay whole,
    the new one is absent or complete, and no visible file is half-written."""
    add("again", "k1")
    before = json.loads(arbor("tree", "again", "--json").stdout)
    pid = next(d["pid"] for d in json.loads(arbor("list", "--json").stdout) if d["name"] == "again")
    p = subprocess.Popen([ARBOR, "snapshot", "again", "killed"], env=ENV, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    time.sleep(0.002)
    os.kill(pid, signal.SIGKILL)
    p.wait()
    time.sleep(0.5)  # a forked writer may still finish on its own
    after = json.loads(arbor("tree", "again", "--json").stdout)
    names = sorted(n["name"] for n in after)
    report("kill-snapshot/tree-intact", set(n["name"] for n in before) <= set(names), repr(names))
    for n in names:
        r = arbor("inspect", "again/" + n)
        report("kill-snapshot/%s-reads-back" % n, r.returncode == 0, r.stderr)
    ok("kill-snapshot/restore-after", "restore", os.path.join(RUNDIR, "again.snapshots", "p3.snap"),
       "--name", "again", "--detach")


def test_kill_during_save():
    """SIGKILL of the monitor while it saves leaves earlier snapshots and the tree intact."""
    before = json.loads(arbor("tree", "again", "--json").stdout)
    pid = next(d["pid"] for d in json.loads(arbor("list", "--json").stdout) if d["name"] == "again")
    target = os.path.join(RUNDIR, "killed.save")
    p = subprocess.Popen([ARBOR, "save", "again", target], env=ENV, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    p.wait()
    after = json.loads(arbor("tree", "again", "--json").stdout)
    report("kill/tree-intact", sorted(n["name"] for n in after) == sorted(n["name"] for n in before))
    partial = not os.path.exists(target) or arbor("inspect", target).returncode == 0 or \
        arbor("restore", target, "--name", "chk", "--detach").returncode == 0
    report("kill/save-file-absent-or-complete", partial)
    arbor("destroy", "chk")
    ok("kill/earlier-snapshot-restores", "restore", os.path.join(RUNDIR, "again.snapshots", "p3.snap"),
       "--name", "again2", "--detach")


def test_no_space():
    mnt = os.path.join(RUNDIR, "tiny")
    os.makedirs(mnt)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt]).returncode:
        print("SKIP snap/no-space — needs root to mount a small tmpfs")
        return
    try:
        refused("no-space/save-fails", "save", "again2", os.path.join(mnt, "x.save"), expect="No space")
        report("no-space/no-file-left", os.listdir(mnt) == [], repr(os.listdir(mnt)))
        report("no-space/domain-keeps-running", state("again2") is not None)
    finally:
        subprocess.run(["umount", mnt])


WORKLOAD = ("j=0; while [ $j -lt 40000 ]; do j=$((j+1)); done; cat /proc/uptime; echo count=$j; "
            "echo $j | sha256sum; cat /proc/uptime; echo DE\"\"TDONE")


def test_deterministic():
    start("det", "--deterministic")
    c = console_guest("det")
    time.sleep(0.2)
    c.send(WORKLOAD + "\n")
    time.sleep(0.5)  # the busy loop is running
    ok("det/snapshot", "snapshot", "det", "d0")
    c.kill()
    outs = []
    for i in range(2):
        size = os.path.getsize(console_file("det"))
        ok("det/revert-%d" % i, "revert", "det", "d0")
        data = wait_in_file(console_file("det"), b"DETDONE", timeout=120, start=size)
        outs.append(data[:data.index(b"DETDONE")])
    report("det/reruns-identical", outs[0] == outs[1] and b"count=40000" in outs[0],
           repr(outs))
    arbor("destroy", "det")


def main():
    try:
        k, s3 = test_exact_and_branching()
        test_fork(k)
        test_save_restore(k, s3)
        test_bad_files()
        test_wrong_state_and_names()
        test_snapshot_delete()
        test_kill_during_snapshot()
        test_kill_during_save()
        test_no_space()
        test_deterministic()
    except Exception as e:  # a broken step fails the run instead of hanging it
        report("aborted", False, "%s: %s" % (type(e).__name__, e))
    finally:
        for sock in glob.glob(os.path.join(RUNDIR, "*.sock")):
            arbor("destroy", os.path.basename(sock)[:-5])
        time.sleep(0.3)
        shutil.rmtree(RUNDIR, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
