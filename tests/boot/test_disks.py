"""virtio disks on the real Debian guest: an ext4 image the host made is mounted, written and
read back by the host; a qcow2 overlay on a raw base takes the guest's writes and stays
clean for qemu-img; disks branch with the state tree (revert, fork); a snapshot taken in the
middle of heavy writes restores to a clean filesystem; bad --disk arguments are refused."""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from guest import READY, Console, Guest, wait_in_file  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
ARBOR = os.environ.get("ARBOR", os.path.join(BUILD, "arbor"))
DEFAULT = os.path.abspath(ARBOR) == os.path.abspath(os.path.join(BUILD, "arbor"))
GUEST = [] if DEFAULT else ["--kernel", os.path.join(BUILD, "guest", "Image"),
                            "--initrd", os.path.join(BUILD, "guest", "initrd.img")]
WORK = tempfile.mkdtemp(prefix="arbor-disk-test.")
RUNDIR = os.path.join(WORK, "run")
ENV = dict(os.environ, ARBOR_RUNDIR=RUNDIR)
failures = 0


def report(name, ok, detail=""):
    global failures
    failures += not ok
    print("%s disk/%s%s" % ("PASS" if ok else "FAIL", name,
                            (" — " + str(detail)) if detail and not ok else ""))
    sys.stdout.flush()


def sh(*args, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, **kw)


def arbor(*args, timeout=60):
    return subprocess.run([ARBOR] + list(args), env=ENV, capture_output=True, text=True,
                          timeout=timeout)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def mkext4(path, size="64M"):
    sh("truncate", "-s", size, path)
    r = sh("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", path)
    if r.returncode:
        raise RuntimeError("mkfs.ext4: " + r.stderr)


def host_cat(image, name):
    """A file of an ext4 image, read on the host without mounting (debugfs)."""
    r = sh("debugfs", "-R", "cat /" + name, image)
    return r.stdout


def boot(*extra):
    g = Guest([ARBOR, "run", *GUEST, *extra])
    g.wait_ready()
    return g


MOUNT = "mkdir -p /mnt && mount -t ext4 /dev/vda /mnt && echo mounted"
# what the disk holds, not the page cache: drop it first
LIST = "sync; echo 3 > /proc/sys/vm/drop_caches; ls /mnt | grep -v lost+found | tr '\\n' ' '"


def test_raw_ext4():
    img = os.path.join(WORK, "raw.img")
    mkext4(img)
    g = boot("--disk", img)
    try:
        report("raw/guest-sees-vda", "vda" in g.run("cat /proc/partitions"))
        report("raw/mount", "mounted" in g.run(MOUNT, timeout=60))
        text = "written by the guest %d" % os.getpid()
        g.run("echo '%s' > /mnt/hello.txt; dd if=/dev/urandom of=/mnt/blob bs=64k count=32 "
              "2>/dev/null; sha256sum /mnt/blob > /mnt/blob.sum; sync" % text, timeout=120)
        guest_sum = g.run("cut -c1-64 /mnt/blob.sum").strip()
        g.run("umount /mnt")
        g.send("poweroff\n")
        report("raw/poweroff", g.wait_exit(60) == 0)
    finally:
        g.kill()
    report("raw/host-reads-guest-file", host_cat(img, "hello.txt").strip() == text,
           repr(host_cat(img, "hello.txt")))
    blob = sh("debugfs", "-R", "dump /blob " + os.path.join(WORK, "blob"), img)
    report("raw/host-blob-hash", os.path.exists(os.path.join(WORK, "blob")) and
           sha(os.path.join(WORK, "blob")) == guest_sum, blob.stderr)
    fsck = sh("e2fsck", "-fn", img)
    report("raw/host-fsck-clean", fsck.returncode == 0, fsck.stdout[-300:])


def test_qcow2_overlay():
    base = os.path.join(WORK, "base.img")
    ov = os.path.join(WORK, "overlay.qcow2")
    mkext4(base)
    before = sha(base)
    r = sh("qemu-img", "create", "-q", "-f", "qcow2", "-b", base, "-F", "raw", ov)
    report("qcow2/qemu-img-create", r.returncode == 0, r.stderr)
    g = boot("--disk", ov + ",format=qcow2")
    try:
        report("qcow2/mount", "mounted" in g.run(MOUNT, timeout=60))
        g.run("echo overlay-data > /mnt/ov.txt; dd if=/dev/zero of=/mnt/z bs=1M count=8 "
              "2>/dev/null; sync; umount /mnt", timeout=120)
        g.send("poweroff\n")
        report("qcow2/poweroff", g.wait_exit(60) == 0)
    finally:
        g.kill()
    report("qcow2/base-unchanged", sha(base) == before)
    chk = sh("qemu-img", "check", ov)
    report("qcow2/qemu-img-check-clean", chk.returncode == 0 and "No errors" in chk.stdout,
           chk.stdout + chk.stderr)
    out = os.path.join(WORK, "converted.raw")
    conv = sh("qemu-img", "convert", "-O", "raw", ov, out)
    report("qcow2/qemu-img-convert", conv.returncode == 0, conv.stderr)
    report("qcow2/qemu-img-reads-guest-file", host_cat(out, "ov.txt").strip() == "overlay-data",
           repr(host_cat(out, "ov.txt")))
    report("qcow2/base-lacks-guest-file", host_cat(base, "ov.txt").strip() == "")


def console(name):
    return Console(ARBOR, name, env=ENV)


def in_guest(name, cmd, timeout=60):
    c = console(name)
    try:
        time.sleep(0.2)
        return c.run(cmd, timeout=timeout)
    finally:
        c.kill()


def ok(name, *args):
    r = arbor(*args)
    report(name, r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr.strip()))
    return r


def start(name, *extra):
    r = arbor("run", "--name", name, "--detach", *GUEST, *extra)
    if r.returncode != 0:
        raise RuntimeError("cannot start %s: %s" % (name, r.stderr))
    wait_in_file(os.path.join(RUNDIR, name + ".console"), READY, timeout=300)


def test_branching():
    img = os.path.join(WORK, "tree.img")
    mkext4(img)
    before = None
    start("d", "--disk", img)
    try:
        report("tree/mount", "mounted" in in_guest("d", MOUNT))
        in_guest("d", "echo base > /mnt/base; sync")
        ok("tree/snapshot-s1", "snapshot", "d", "s1")
        before = sha(img)
        in_guest("d", "echo A > /mnt/A; sync")
        report("tree/A-written", in_guest("d", LIST).split() == ["A", "base"])
        ok("tree/revert-s1", "revert", "d", "s1")
        in_guest("d", "echo B > /mnt/B; sync")
        report("tree/after-revert-B-only", in_guest("d", LIST).split() == ["B", "base"],
               in_guest("d", LIST))
        report("tree/user-image-frozen-at-first-snapshot", sha(img) == before)
        layers = [f for f in os.listdir(os.path.join(RUNDIR, "d.snapshots"))
                  if f.endswith(".qcow2")]
        report("tree/layers-in-snapshot-dir", len(layers) >= 1, repr(layers))
        ok("tree/fork", "fork", "d", "s1", "--count", "3")
        for i in (1, 2, 3):
            in_guest("d.%d" % i, "echo c%d > /mnt/clone%d; sync" % (i, i))
        for i in (1, 2, 3):
            seen = in_guest("d.%d" % i, LIST).split()
            report("tree/clone%d-sees-only-its-own" % i, seen == ["base", "clone%d" % i], seen)
        report("tree/parent-sees-no-clone-file", in_guest("d", LIST).split() == ["B", "base"])
        report("tree/user-image-untouched-by-clones", sha(img) == before)
        text = ok("tree/tree-text", "tree", "d").stdout
        report("tree/tree-shows-disk-layer", "disk 1: tree.img" in text, text)
        ok("tree/snapshot-s2", "snapshot", "d", "s2")
        in_guest("d", "echo C > /mnt/C; sync")
        ok("tree/snapshot-s3", "snapshot", "d", "s3")
        in_guest("d", "echo D > /mnt/D; sync")
        tree = json.loads(ok("tree/tree-json", "tree", "d", "--json").stdout)
        s2 = [n for n in tree if n["name"] == "s2"]
        s2_layer = s2[0]["disks"][0]["image"] if s2 and s2[0]["disks"] else ""
        report("tree/json-names-s2-layer", s2_layer.endswith(".qcow2"), repr(s2))
        ok("tree/delete-s2", "snapshot-delete", "d", "s2")
        report("tree/deleted-layer-gone", s2_layer and not os.path.exists(s2_layer), s2_layer)
        report("tree/running-disk-after-merge", in_guest("d", LIST).split() == ["B", "C", "D", "base"],
               in_guest("d", LIST))
        ok("tree/revert-s3-after-delete", "revert", "d", "s3")
        report("tree/s3-disk-after-merge", in_guest("d", LIST).split() == ["B", "C", "base"],
               in_guest("d", LIST))
        ok("tree/revert-s1-after-delete", "revert", "d", "s1")
        report("tree/s1-disk-after-merge", in_guest("d", LIST).split() == ["base"],
               in_guest("d", LIST))
    finally:
        for n in ("d.1", "d.2", "d.3", "d"):
            arbor("destroy", n)
    time.sleep(0.5)
    for dom in ("d", "d.1"):
        d = os.path.join(RUNDIR, dom + ".snapshots")
        bad = []
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.endswith(".qcow2"):
                r = sh("qemu-img", "check", os.path.join(d, f))
                if r.returncode != 0:
                    bad.append((f, r.stdout[-200:] + r.stderr[-200:]))
        report("tree/%s-layers-qemu-img-check-clean" % dom, not bad, repr(bad))


def test_busy_snapshot_restore():
    img = os.path.join(WORK, "busy.img")
    mkext4(img, "128M")
    start("busy", "--disk", img)
    try:
        in_guest("busy", MOUNT)
        # heavy writes in the background while the snapshot is taken
        in_guest("busy", "(i=0; while [ $i -lt 400 ]; do dd if=/dev/urandom of=/mnt/f$((i%20)) "
                 "bs=16k count=8 2>/dev/null; i=$((i+1)); done; echo done > /mnt/end) "
                 "> /dev/null 2>&1 & :")
        time.sleep(2)
        ok("busy/snapshot-during-writes", "snapshot", "busy", "mid")
        ok("busy/save", "save", "busy", os.path.join(WORK, "busy.arbor"))
        ok("busy/restore", "restore", os.path.join(WORK, "busy.arbor"), "--name", "busy2",
           "--detach")
        fsck = "kill %1 2>/dev/null; wait; sync; umount /mnt && e2fsck -fn /dev/vda; echo fsck-rc=$?"
        out = in_guest("busy2", fsck, timeout=180)
        report("busy/saved-restored-guest-fsck-clean", "fsck-rc=0" in out, out[-400:])
        arbor("destroy", "busy2")
        ok("busy/restore-snapshot", "restore", "busy/mid", "--name", "busy3", "--detach")
        out = in_guest("busy3", fsck, timeout=180)
        report("busy/snapshot-restored-guest-fsck-clean", "fsck-rc=0" in out, out[-400:])
        layer = [f for f in os.listdir(os.path.join(RUNDIR, "busy3.snapshots"))
                 if f.endswith(".qcow2")]
        arbor("destroy", "busy3")
        time.sleep(0.5)
        if layer:
            flat = os.path.join(WORK, "busy3.raw")
            top = max((os.path.join(RUNDIR, "busy3.snapshots", f) for f in layer),
                      key=os.path.getmtime)
            sh("qemu-img", "convert", "-O", "raw", top, flat)
            fsck = sh("e2fsck", "-fn", flat)
            report("busy/restored-filesystem-fsck-clean", fsck.returncode == 0,
                   fsck.stdout[-400:])
        else:
            report("busy/restored-filesystem-fsck-clean", False, "no layer")
    finally:
        for n in ("busy", "busy2", "busy3"):
            arbor("destroy", n)


def refused(name, *args, expect=""):
    r = arbor("run", *GUEST, *args, timeout=20)
    lines = r.stderr.strip().splitlines()
    good = r.returncode == 1 and len(lines) == 1 and lines[0].startswith("arbor: ") and \
        expect in lines[0]
    report("bad/" + name, good, "exit %d, stderr %r" % (r.returncode, r.stderr))


def test_bad_arguments():
    raw = os.path.join(WORK, "small.img")
    sh("truncate", "-s", "1M", raw)
    bad = os.path.join(WORK, "bad.qcow2")
    with open(bad, "wb") as f:
        f.write(b"QFI\xfb" + b"\0\0\0\x09" + b"\xff" * 200)
    refused("missing-file", "--disk", os.path.join(WORK, "nope.img"), expect="nope.img")
    refused("empty-name", "--disk", ",format=raw", expect="no file name")
    refused("bad-format", "--disk", raw + ",format=vmdk", expect="vmdk")
    refused("unknown-option", "--disk", raw + ",cache=none", expect="cache=none")
    refused("raw-as-qcow2", "--disk", raw + ",format=qcow2", expect="small.img")
    refused("corrupt-qcow2", "--disk", bad, expect="bad.qcow2")
    refused("too-many", *sum((["--disk", raw + ",readonly"] for _ in range(8)), []),
            expect="too many")


def main():
    if not shutil.which("mkfs.ext4") or not shutil.which("qemu-img") or not shutil.which("debugfs"):
        report("tools", False, "mkfs.ext4, debugfs and qemu-img are needed (make deps)")
        return 1
    try:
        chosen = [globals()["test_" + n] for n in sys.argv[1:]]  # e.g. branching
        for t in chosen or (test_bad_arguments, test_raw_ext4, test_qcow2_overlay, test_branching,
                  test_busy_snapshot_restore):
            try:
                t()
            except Exception as e:  # a crash of the test is a failure, not a skip
                report(t.__name__, False, "%s: %s" % (type(e).__name__, e))
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
