"""Side-by-side benchmark: arbor vs qemu-system-riscv64 (TCG) on the same kernel, initramfs
and command line, -smp 1 -m 256M, runs alternating. Prints medians and the ratio.

usage: python3 bench/bench.py [RUNS]   (default 5)"""
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "boot"))
from guest import Guest  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
KERNEL = os.path.join(BUILD, "guest", "Image")
INITRD = os.path.join(BUILD, "guest", "initrd.img")
APPEND = "console=ttyS0 quiet"
MEM = "256M"
WORKLOAD = "dd if=/dev/zero bs=1M count=16 2>/dev/null | sha256sum"
SETTLE_S = 3


def arbor_argv():
    return [os.path.join(BUILD, "arbor"), "run", "--kernel", KERNEL, "--initrd", INITRD,
            "--append", APPEND, "--mem", MEM, "--cpus", "1"]


def qemu_argv():
    # the same devices as arbor's machine: its entropy device sits in virtio slot 0
    return ["qemu-system-riscv64", "-M", "virt", "-smp", "1", "-m", MEM, "-nographic",
            "-device", "virtio-rng-device", "-kernel", KERNEL, "-initrd", INITRD, "-append", APPEND]


def guest_ram_rss_kib(pid, size_kib):
    """RSS of the anonymous mapping that is guest RAM (the one mapping of that size)."""
    best = 0
    with open("/proc/%d/smaps" % pid) as f:
        cur_size = None
        for line in f:
            m = re.match(r"Size:\s+(\d+) kB", line)
            if m:
                cur_size = int(m.group(1))
            m = re.match(r"Rss:\s+(\d+) kB", line)
            if m and cur_size is not None and cur_size >= size_kib and cur_size <= size_kib + 8192:
                best = max(best, int(m.group(1)))
    return best


def total_rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))


def arbor_counters(g):
    """Ask arbor (SIGUSR1) for its instruction count; returns (instructions, host ns)."""
    import signal
    before = g.out.count(b"arbor-stats: instructions=")
    os.kill(g.proc.pid, signal.SIGUSR1)
    deadline = time.monotonic() + 10
    while g.out.count(b"arbor-stats: instructions=") == before and time.monotonic() < deadline:
        try:
            g.read_until(b"\x00", timeout=0.2)
        except TimeoutError:
            pass
    m = re.findall(rb"arbor-stats: instructions=(\d+) host_ns=(\d+)", g.out)[-1]
    return int(m[0]), int(m[1])


def one_run(argv, env_stats):
    env = dict(os.environ, ARBOR_STATS="1") if env_stats else None
    g = Guest(argv) if env is None else GuestEnv(argv, env)
    ready = g.wait_ready(600)
    # The kernel keeps working for a moment after the ready line (deferred work, kdamond);
    # let it settle so the workload measures the CPU, on both machines alike.
    time.sleep(SETTLE_S)
    c0 = arbor_counters(g) if env_stats else None
    t1 = time.monotonic()
    g.run(WORKLOAD, timeout=600)
    work = time.monotonic() - t1
    c1 = arbor_counters(g) if env_stats else None
    mips = (c1[0] - c0[0]) / ((c1[1] - c0[1]) / 1e9) / 1e6 if env_stats else None
    rss = total_rss_kib(g.proc.pid) - guest_ram_rss_kib(g.proc.pid, 256 * 1024)
    t2 = time.monotonic()
    g.send("poweroff\n")
    g.wait_exit(300)
    exit_after = time.monotonic() - t2
    stats = {}
    m = re.search(rb"arbor-stats: instructions=(\d+) run_seconds=([\d.]+) mips=([\d.]+) "
                  rb"start_to_first_insn_ms=([\d.]+)", g.out)
    if m:
        stats = {"start_ms": float(m.group(4)), "mips": mips}
    # Start to exit as if poweroff had been typed at the ready line: the pause and the
    # workload in between are taken out.
    return {"ready": ready, "exit": ready + exit_after, "work": work, "rss": rss / 1024,
            "poweroff": exit_after, **stats}


class GuestEnv(Guest):
    def __init__(self, argv, env):
        import subprocess
        self.argv, self.out, self.seq, self.timeout = argv, b"", 0, 300
        self.start = time.monotonic()
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, env=env)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    res = {"arbor": [], "qemu": []}
    for i in range(runs):
        res["arbor"].append(one_run(arbor_argv(), True))
        res["qemu"].append(one_run(qemu_argv(), False))
        print("run %d: arbor ready %.2fs work %.2fs | qemu ready %.2fs work %.2fs" %
              (i + 1, res["arbor"][-1]["ready"], res["arbor"][-1]["work"],
               res["qemu"][-1]["ready"], res["qemu"][-1]["work"]), flush=True)
    med = lambda k, who: statistics.median(r[k] for r in res[who])  # noqa: E731
    print("\n%-40s %10s %10s %8s" % ("median of %d runs" % runs, "arbor", "qemu", "ratio"))
    for key, label in [("ready", "boot to ready line (s)"), ("exit", "process start to exit (s)"),
                       ("work", "sha256sum of 16 MiB in guest (s)"),
                       ("rss", "monitor RSS minus guest RAM (MiB)")]:
        a, q = med(key, "arbor"), med(key, "qemu")
        print("%-40s %10.2f %10.2f %8.2f" % (label, a, q, a / q if q else 0))
    if all("mips" in r for r in res["arbor"]):
        print("%-40s %10.1f %10s" % ("arbor MIPS during the workload", med("mips", "arbor"), "n/a"))
    if all("start_ms" in r for r in res["arbor"]):
        print("%-40s %10.2f %10s" % ("process start to first instruction (ms)",
                                     med("start_ms", "arbor"), "n/a"))


if __name__ == "__main__":
    main()
