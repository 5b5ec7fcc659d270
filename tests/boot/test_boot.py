"""Boot tests: the real Debian guest on arbor, checked through what the guest reports."""
import hashlib
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from guest import Guest  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
ARBOR = os.environ.get("ARBOR", os.path.join(BUILD, "arbor"))
OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"
results = []


def report(name, ok, detail=""):
    print("%s boot/%s%s" % ("PASS" if ok else "FAIL", name, (" — " + detail) if detail and not ok else ""))
    sys.stdout.flush()


GUEST = ["--kernel", os.path.join(BUILD, "guest", "Image"),
         "--initrd", os.path.join(BUILD, "guest", "initrd.img")]


def boot(*args, name):
    # The default guest is found next to the program; name it for other builds (ASan).
    default = os.path.abspath(ARBOR) == os.path.abspath(os.path.join(BUILD, "arbor"))
    g = Guest([ARBOR, "run"] + ([] if default else GUEST) + list(args))
    try:
        g.wait_ready()
        report(name + "/ready", True)
    except (TimeoutError, EOFError) as e:
        report(name + "/ready", False, str(e))
        g.kill()
        return None
    return g


def check(name, fn):
    try:
        ok, detail = fn()
    except Exception as e:  # a broken guest must fail the check, not the whole run
        ok, detail = False, "%s: %s" % (type(e).__name__, e)
    report(name, ok, detail)


def kernel_ram_kib(g):
    """Total RAM the kernel found (the T of its "Memory: A/T available" boot line)."""
    m = re.search(r"Memory: \d+K/(\d+)K available", g.run("dmesg | grep 'Memory:'"))
    return int(m.group(1)) if m else 0


def mem_total_kib(g):
    m = re.search(r"MemTotal:\s+(\d+) kB", g.run("cat /proc/meminfo"))
    return int(m.group(1)) if m else 0


def main_boot():
    append = "console=ttyS0 quiet arbor.test=hello-%d" % os.getpid()
    g = boot("--append", append, name="main")
    if not g:
        return
    check("cmdline", lambda: (append in g.run("cat /proc/cmdline"), g.run("cat /proc/cmdline")))
    check("nproc-1", lambda: (g.run("nproc").strip() == "1", g.run("nproc")))

    def date_ok():
        guest = int(g.run("date +%s").strip())
        return abs(guest - time.time()) <= 2, "guest %d host %d" % (guest, time.time())
    check("date", date_ok)

    def awk_ok():
        prog = "BEGIN{x=1.0; for(i=1;i<=2000;i++){x=x*1.0001+1/i; x=x/1.00005} printf \"%.15e\\n\", x}"
        guest = g.run("awk '%s'" % prog).strip()
        x = 1.0
        for i in range(1, 2001):
            x = x * 1.0001 + 1 / i
            x = x / 1.00005
        return guest == "%.15e" % x, "guest %s host %.15e" % (guest, x)
    check("float-awk", awk_ok)

    def sha_ok():
        guest = g.run("seq 1 50000 | sha256sum").split()[0]
        host = hashlib.sha256("".join("%d\n" % i for i in range(1, 50001)).encode()).hexdigest()
        return guest == host, "guest %s host %s" % (guest, host)
    check("sha256", sha_ok)

    def hwrng_ok():
        # the virtio entropy device in slot 0, through virtio_mmio and virtio_rng
        current = g.run("cat /sys/class/misc/hw_random/rng_current").strip()
        hexlen = g.run("head -c 64 /dev/hwrng | od -An -tx1 | tr -d ' \\n' | wc -c").strip()
        return current.startswith("virtio_rng") and hexlen == "128", \
            "rng_current %r, %s hex digits for 64 bytes" % (current, hexlen)
    check("hwrng", hwrng_ok)

    g.send("poweroff\n")
    rc = g.wait_exit()
    report("poweroff-exit-0", rc == 0, "exit status %s" % rc)


def smp_boot(cpus, mem=None):
    args = ["--cpus", str(cpus)] + (["--mem", mem] if mem else [])
    g = boot(*args, name="cpus-%d" % cpus)
    if not g:
        return
    check("nproc-%d" % cpus, lambda: (g.run("nproc").strip() == str(cpus), g.run("nproc")))
    if mem:
        want = int(mem[:-1]) * (1024 * 1024 if mem.endswith("G") else 1024)
        check("ram-%s" % mem, lambda: (abs(kernel_ram_kib(g) - want) <= want / 10,
                                       "kernel found %d kB" % kernel_ram_kib(g)))
        check("memtotal-%s" % mem, lambda: (abs(mem_total_kib(g) - want) <= want / 10,
                                            "MemTotal %d kB for %s" % (mem_total_kib(g), mem)))
    g.send("poweroff\n")
    g.wait_exit()


def reboot_boot():
    g = boot("--mem", "128M", name="mem-128M")
    if not g:
        return
    # Debian's kernel keeps ~60 MiB for itself, so at 128M MemTotal is ~58 MiB (on QEMU
    # too); what --mem controls is the RAM the kernel finds, which must be within 10%.
    want = 128 * 1024
    check("ram-128M", lambda: (abs(kernel_ram_kib(g) - want) <= want / 10,
                               "kernel found %d kB" % kernel_ram_kib(g)))
    g.send("reboot\n")
    rc = g.wait_exit()
    report("reboot-exit-3", rc == 3, "exit status %s" % rc)


def firmware_boot():
    g = boot("--firmware", OPENSBI, name="opensbi")
    if not g:
        return
    check("opensbi-uname", lambda: ("riscv64" in g.run("uname -m"), g.run("uname -m")))
    g.send("poweroff\n")
    rc = g.wait_exit()
    report("opensbi-poweroff", rc == 0, "exit status %s" % rc)


if __name__ == "__main__":
    # ARBOR_BOOT_TESTS=main limits the run to the first boot (the sanitizer build is slow).
    only = os.environ.get("ARBOR_BOOT_TESTS")
    main_boot()
    if only != "main":
        smp_boot(2)
        smp_boot(4, "2G")
        reboot_boot()
        firmware_boot()
