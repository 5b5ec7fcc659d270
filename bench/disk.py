"""Disk benchmark, arbor vs qemu-system-riscv64 side by side: the same guest runs iobench
(guest/tools/iobench.c, O_DIRECT on /dev/vda) on a fresh raw and a fresh qcow2 image of the
same size: sequential write and read (1 MiB requests) and 4 KiB random write and read IOPS;
then both boot with the root filesystem on a virtio disk (guest/rootfs.sh: the same system
as the initramfs on ext4, `root=/dev/vda`; a fresh copy of the image each boot) and the time
from process start to the ready line is compared.
QEMU uses its defaults (cache=writeback, aio=threads), as arbor does (page cache, one I/O
thread). Runs alternate; medians and the ratio arbor/QEMU (higher is better for arbor).

usage: python3 bench/disk.py [RUNS]   (default 3)"""
import os
import re
import statistics
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "boot"))
from guest import Guest  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
KERNEL = os.path.join(BUILD, "guest", "Image")
INITRD = os.path.join(BUILD, "guest", "initrd.img")
APPEND = "console=ttyS0 quiet"
MEM = "256M"
SIZE = "512M"
SEQ_MIB = 128
RAND_S = 8
TESTS = [("seqwrite", SEQ_MIB, "mb_s", "MB/s"), ("seqread", SEQ_MIB, "mb_s", "MB/s"),
         ("randwrite", RAND_S, "iops", "IOPS"), ("randread", RAND_S, "iops", "IOPS")]


def make_image(fmt, path):
    if fmt == "raw":
        subprocess.run(["truncate", "-s", SIZE, path], check=True)
    else:
        subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", path, SIZE], check=True)


def arbor_argv(img, fmt):
    return [os.path.join(BUILD, "arbor"), "run", "--kernel", KERNEL, "--initrd", INITRD,
            "--append", APPEND, "--mem", MEM, "--disk", "%s,format=%s" % (img, fmt)]


def qemu_argv(img, fmt):
    return ["qemu-system-riscv64", "-M", "virt", "-smp", "1", "-m", MEM, "-nographic",
            "-device", "virtio-rng-device",
            "-drive", "file=%s,format=%s,if=none,id=d0" % (img, fmt),
            "-device", "virtio-blk-device,drive=d0",
            "-kernel", KERNEL, "-initrd", INITRD, "-append", APPEND]


def one_run(argv_fn, fmt, tmp):
    img = os.path.join(tmp, "bench." + fmt)
    if os.path.exists(img):
        os.unlink(img)
    make_image(fmt, img)
    g = Guest(argv_fn(img, fmt))
    try:
        g.wait_ready(600)
        out = {}
        for mode, arg, key, _ in TESTS:
            text = g.run("iobench /dev/vda %s %d" % (mode, arg), timeout=600)
            m = re.search(r"%s=([\d.]+)" % key, text)
            if not m:
                raise RuntimeError("iobench %s: %r" % (mode, text))
            out[mode] = float(m.group(1))
        g.send("poweroff\n")
        g.wait_exit(60)
        return out
    finally:
        g.kill()
        os.unlink(img)


def boot_root_on_disk(argv_fn, tmp):
    """Seconds from process start to the ready line, root filesystem on /dev/vda."""
    img = os.path.join(tmp, "root.ext4")
    shutil.copyfile(os.path.join(BUILD, "guest", "rootfs.ext4"), img)
    argv = argv_fn(img, "raw")
    argv[argv.index(APPEND)] = APPEND + " root=/dev/vda"
    g = Guest(argv)
    try:
        t = g.wait_ready(600)
        if "/dev/vda on / type ext4" not in g.run("mount"):
            raise RuntimeError("the root filesystem is not the disk")
        g.send("poweroff\n")
        g.wait_exit(60)
        return t
    finally:
        g.kill()
        os.unlink(img)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    tmp = tempfile.mkdtemp(prefix="arbor-bench-disk.", dir=os.environ.get("TMPDIR", "/var/tmp"))
    print("disk benchmark: %s image, %d runs each, guest iobench O_DIRECT on /dev/vda" % (SIZE, runs))
    print("%-8s %-10s %12s %12s %7s" % ("format", "test", "arbor", "qemu", "ratio"))
    for fmt in ("raw", "qcow2"):
        res = {"arbor": [], "qemu": []}
        for _ in range(runs):
            res["arbor"].append(one_run(arbor_argv, fmt, tmp))
            res["qemu"].append(one_run(qemu_argv, fmt, tmp))
        for mode, _, _, unit in TESTS:
            a = statistics.median(r[mode] for r in res["arbor"])
            q = statistics.median(r[mode] for r in res["qemu"])
            print("%-8s %-10s %8.1f %-4s %8.1f %-4s %6.2fx" % (fmt, mode, a, unit, q, unit,
                                                             a / q if q else 0))
        sys.stdout.flush()
    subprocess.run(["bash", os.path.join(os.path.dirname(__file__), "..", "guest", "rootfs.sh"),
                    os.path.join(BUILD, "guest")], check=True, stdout=subprocess.DEVNULL)
    boots = {"arbor": [], "qemu": []}
    for _ in range(runs):
        boots["arbor"].append(boot_root_on_disk(arbor_argv, tmp))
        boots["qemu"].append(boot_root_on_disk(qemu_argv, tmp))
    a, q = statistics.median(boots["arbor"]), statistics.median(boots["qemu"])
    print("%-8s %-10s %8.2f %-4s %8.2f %-4s %6.2fx  (time: lower is better; ratio qemu/arbor)"
          % ("rootfs", "boot", a, "s", q, "s", q / a))
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
