"""`make demo`: boot the Debian guest as a background domain with a disk and a network card
and show what arbor does with it: the guest's own view, a live snapshot, a revert (memory and
disk), two forked clones that diverge, the snapshot tree with its disk layers. On a terminal,
you are then attached to the guest's console."""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "boot"))
from guest import READY, Console, wait_in_file  # noqa: E402

ARBOR = "build/arbor"
RUNDIR = tempfile.mkdtemp(prefix="arbor-demo.")
ENV = dict(os.environ, ARBOR_RUNDIR=RUNDIR)


def arbor(*args):
    print("$ arbor " + " ".join(args))
    r = subprocess.run([ARBOR] + list(args), env=ENV, capture_output=True, text=True)
    sys.stdout.write(r.stdout + r.stderr)
    if r.returncode:
        raise SystemExit("arbor: the demo stopped: 'arbor %s' failed" % " ".join(args))
    return r


def guest(name, *cmds):
    c = Console(ARBOR, name, env=ENV)
    try:
        for cmd in cmds:
            print("  %s # %s" % (name, cmd))
            sys.stdout.write("".join("    " + line + "\n" for line in c.run(cmd).splitlines()))
    finally:
        c.kill()


def make_disk():
    img = os.path.join(RUNDIR, "data.img")
    print("$ mkfs.ext4 %s 64M   # a disk for the guest" % img)
    subprocess.run(["mkfs.ext4", "-q", "-F", img, "64M"], check=True)
    return img


def tour():
    img = make_disk()
    arbor("run", "--name", "demo", "--cpus", "2", "--detach", "--disk", img, "--net", "user")
    wait_in_file(os.path.join(RUNDIR, "demo.console"), READY, timeout=300)
    print("(the Debian guest is up; its console is %s/demo.console)" % RUNDIR)
    guest("demo", "uname -sr", "grep -E '^(isa|mmu)' /proc/cpuinfo | sort -u",
          "grep MemTotal /proc/meminfo",
          "udhcpc -i eth0 -n -q >/dev/null 2>&1; ip -4 addr show eth0 | grep inet",
          "mount -t ext4 /dev/vda /mnt && echo 'written before the snapshot' > /mnt/note; sync")
    arbor("snapshot", "demo", "before")
    guest("demo", "echo 'written after it' > /mnt/note; sync; cat /mnt/note")
    arbor("revert", "demo", "before")
    guest("demo", "echo 3 > /proc/sys/vm/drop_caches; cat /mnt/note")  # from the disk
    arbor("fork", "demo", "before", "--count", "2")
    for clone in ("demo.1", "demo.2"):
        guest(clone, "echo 'only in %s' > /mnt/mine; sync; ls /mnt; head -c 8 /dev/urandom | od -An -tx1"
              % clone)
    arbor("list")
    arbor("snapshot", "demo", "later")
    arbor("tree", "demo")
    arbor("inspect", "demo/later", "--regs", "--hart", "0")


def main():
    try:
        tour()
        if sys.stdin.isatty() and sys.stdout.isatty():
            print("\narbor: attaching to domain 'demo' (Ctrl-] detaches and ends the demo)")
            subprocess.run([ARBOR, "console", "demo"], env=ENV)
    finally:
        for name in ("demo", "demo.1", "demo.2"):
            subprocess.run([ARBOR, "destroy", name], env=ENV, capture_output=True)
        shutil.rmtree(RUNDIR, ignore_errors=True)
    print("arbor: demo finished; every domain it started is destroyed")


if __name__ == "__main__":
    main()
