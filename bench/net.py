"""TCP throughput through user-mode networking (libslirp on both), arbor vs
qemu-system-riscv64 (TCG) on the same kernel, initramfs and command line, one hart, 256M:
  guest->host: the guest pipes `dd if=/dev/zero` into `nc 10.0.2.2 PORT`; a host sink
               times the bytes from its accept to the last one;
  host->guest: a host client sends to a forwarded port (hostfwd) where the guest runs
               `nc -l -p 8080 | wc -c`; timed from connect until the guest prints the count.
RUNS rounds, each booting arbor then QEMU for one transfer each way; prints medians and
arbor/QEMU. Run it on an otherwise idle host: both are CPU-bound.

usage: python3 bench/net.py [RUNS] [MIB]   (default 3 runs of 16 MiB)"""
import os
import socket
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "boot"))
from guest import Guest  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
KERNEL = os.path.join(BUILD, "guest", "Image")
INITRD = os.path.join(BUILD, "guest", "initrd.img")
APPEND = "console=ttyS0 quiet"
MEM = "256M"
SETTLE_S = 3


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def arbor_argv(hp):
    return [os.path.join(BUILD, "arbor"), "run", "--kernel", KERNEL, "--initrd", INITRD,
            "--append", APPEND, "--mem", MEM, "--cpus", "1",
            "--net", "user,hostfwd=tcp:127.0.0.1:%d-:8080" % hp]


def qemu_argv(hp):
    # the same devices as arbor's machine: entropy in virtio slot 0, then the network card
    return ["qemu-system-riscv64", "-M", "virt", "-smp", "1", "-m", MEM, "-nographic",
            "-device", "virtio-rng-device",
            "-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:%d-:8080" % hp,
            "-device", "virtio-net-device,netdev=n0",
            "-kernel", KERNEL, "-initrd", INITRD, "-append", APPEND]


def guest_to_host(g, nbytes):
    """Seconds for `nbytes` from the guest to a host sink (accept to last byte)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    srv.settimeout(300)
    res = {}

    def run():
        c, _ = srv.accept()
        t0, n = time.monotonic(), 0
        while n < nbytes:
            d = c.recv(1 << 20)
            if not d:
                break
            n += len(d)
        res["s"], res["n"] = time.monotonic() - t0, n
        c.close()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    g.run("dd if=/dev/zero bs=64k count=%d 2>/dev/null | nc 10.0.2.2 %d" %
          (nbytes >> 16, srv.getsockname()[1]), timeout=600)
    t.join(60)
    srv.close()
    if res.get("n") != nbytes:
        raise RuntimeError("guest->host: %r bytes of %d" % (res.get("n"), nbytes))
    return res["s"]


def host_to_guest(g, hp, nbytes):
    """Seconds from connecting to the forwarded port until the guest counted `nbytes`."""
    g.seq += 1
    tag = "__COUNT_%d__" % g.seq
    # the typed line holds the tag split by "", so its echo never matches
    g.send("nc -l -p 8080 | wc -c | while read n; do echo %s$n; done\n" %
           tag.replace("__C", "__\"\"C"))
    time.sleep(1)
    chunk = b"\0" * (1 << 20)
    deadline = time.monotonic() + 30
    while True:
        try:
            s = socket.create_connection(("127.0.0.1", hp), timeout=300)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    t0 = time.monotonic()
    sent = 0
    while sent < nbytes:
        sent += s.send(chunk[:min(len(chunk), nbytes - sent)])
    s.shutdown(socket.SHUT_WR)
    g.read_until(tag.encode() + str(nbytes).encode(), timeout=600)
    took = time.monotonic() - t0
    s.close()
    return took


def measure(argv, hp, runs, nbytes):
    g = Guest(argv)
    try:
        g.wait_ready(600)
        out = g.run("udhcpc -i eth0 -n -q -t 5 -T 1 2>&1", timeout=120)
        if "lease of" not in out:
            raise RuntimeError("no DHCP lease: %r" % out)
        time.sleep(SETTLE_S)
        up = [guest_to_host(g, nbytes) for _ in range(runs)]
        down = [host_to_guest(g, hp, nbytes) for _ in range(runs)]
        g.send("poweroff\n")
        g.wait_exit(120)
        return up, down
    finally:
        g.kill()


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    mib = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    nbytes = mib << 20
    res = {"arbor": ([], []), "qemu": ([], [])}
    for i in range(runs):  # alternating, so a busy moment of the host hurts both alike
        for who, argv_fn in (("arbor", arbor_argv), ("qemu", qemu_argv)):
            hp = free_port()
            up, down = measure(argv_fn(hp), hp, 1, nbytes)
            res[who][0].extend(up)
            res[who][1].extend(down)
        print("run %d: arbor up %.2fs down %.2fs | qemu up %.2fs down %.2fs" % (
            i + 1, res["arbor"][0][-1], res["arbor"][1][-1], res["qemu"][0][-1],
            res["qemu"][1][-1]), flush=True)
    print("\n%-40s %10s %10s %8s" % ("median of %d, %d MiB each (MiB/s)" % (runs, mib),
                                     "arbor", "qemu", "ratio"))
    for i, label in enumerate(("guest -> host TCP", "host -> guest TCP (hostfwd)")):
        a = mib / statistics.median(res["arbor"][i])
        q = mib / statistics.median(res["qemu"][i])
        print("%-40s %10.1f %10.1f %8.2f" % (label, a, q, a / q))


if __name__ == "__main__":
    main()
