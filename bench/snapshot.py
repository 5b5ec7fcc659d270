"""Snapshot benchmark: arbor's snapshot, revert, fork, save and restore against the nearest
QEMU equivalents (savevm, loadvm, migration to a file and -incoming), on the same guest as
bench/bench.py, for each guest RAM size, arbor and QEMU alternating within one run. Prints
medians and the ratio arbor/QEMU; --json prints every figure as JSON on standard output
(the table then goes to standard error).

usage: python3 bench/snapshot.py [--mem 256M,1G] [--runs 5] [--clones 16] [--json]
                                 [--only arbor|qemu]

What is measured (bench/README.md has the details):
  snapshot   arbor {"op":"snapshot"} (client round trip and the monitor's pause_us) vs QEMU
             HMP `savevm`, which stops the VM for the whole save: its round trip is the pause.
             Once right after boot ("first") and once 1 s later ("again": arbor stores only
             what was written since).
  revert     arbor {"op":"revert"} vs QEMU HMP `loadvm`, to the second snapshot, after the
             guest ran idle for --gap seconds (a small change: arbor reports the page count);
             and how many back-to-back reverts fit in --window seconds.
  fork       arbor {"op":"fork","count":N}: the command, and until every clone's control
             socket says running; QEMU: N processes started at once with -incoming from a
             migration file, until every one's QMP says running. PSS of the N processes.
  save       arbor {"op":"save"} vs QEMU `migrate` to "exec:cat > FILE" until completed.
  restore    `arbor restore FILE --name NEW --detach` until the new control socket answers
             vs one QEMU -incoming "exec:cat FILE" until QMP says running.

arbor is driven through its control socket (docs/api.md); when the arbor build lacks it the
script says so and stops (or measures QEMU alone with --only qemu)."""
import argparse
import json
import os
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "boot"))
from guest import Guest, READY  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
ARBOR = os.path.join(BUILD, "arbor")
KERNEL = os.path.abspath(os.path.join(BUILD, "guest", "Image"))
INITRD = os.path.abspath(os.path.join(BUILD, "guest", "initrd.img"))
APPEND = "console=ttyS0 quiet"
SETTLE_S = 3          # after the ready line, as bench.py: let the kernel's post-boot work end
AGAIN_S = 1.0         # between the first and the second snapshot
REVERT_SAMPLES = 10   # revert latency samples per run
BOOT_TIMEOUT = 600
OP_TIMEOUT = 300

OUT = sys.stdout      # table and progress; standard error with --json


def log(msg):
    print(msg, file=OUT, flush=True)


class ArborError(Exception):
    """arbor does not do what the contract says (or not yet)."""


class Cleanup:
    """Everything this run started, so that it is all gone on any exit."""

    def __init__(self):
        self.procs = []       # subprocess.Popen objects we own (QEMU, arbor CLI)
        self.rundirs = []     # ARBOR_RUNDIRs: every domain with a socket there is ours
        self.pids = {}        # arbor domain pid -> its start time (info/fork answers)

    def track(self, pid):
        """Remember an arbor domain's pid, with its start time so that a reused pid is
        never signalled."""
        if pid not in self.pids:
            self.pids[pid] = proc_start(pid)

    def kill_pid(self, pid):
        """SIGKILL a tracked domain that is still the same process; True once it is gone."""
        if not pid_alive(pid) or proc_start(pid) != self.pids.get(pid):
            self.pids.pop(pid, None)
            return True
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        gone = wait_gone(pid, 5)
        if gone:
            self.pids.pop(pid, None)
        return gone

    def popen(self, argv, **kw):
        p = subprocess.Popen(argv, **kw)
        self.procs.append(p)
        return p

    def adopt(self, proc):
        self.procs.append(proc)
        return proc

    def kill_proc(self, p):
        if p.poll() is None:
            try:
                p.kill()
            except OSError:
                pass
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        for f in (p.stdin, p.stdout, p.stderr):
            try:
                if f:
                    f.close()
            except OSError:
                pass
        if p in self.procs:
            self.procs.remove(p)

    def all(self):
        # A second Ctrl-C must not cut the cleanup short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for p in list(self.procs):
            self.kill_proc(p)
        for d in self.rundirs:
            self.all_in(d)
        for pid in list(self.pids):
            wait_gone(pid, 5)
            self.kill_pid(pid)

    def all_in(self, d):
        """Destroy every domain that still answers in run directory `d`."""
        if os.path.isdir(d):
            for f in os.listdir(d):
                if f.endswith(".sock"):
                    path = os.path.join(d, f)
                    try:
                        r, _ = arbor_req(path, {"op": "info"}, timeout=2, check=False)
                        if isinstance(r.get("pid"), int):
                            self.track(r["pid"])
                        arbor_req(path, {"op": "destroy"}, timeout=5, check=False)
                    except (OSError, ValueError, ArborError):
                        pass
        for pid in list(self.pids):
            wait_gone(pid, 5)
            self.kill_pid(pid)


CLEANUP = Cleanup()


def proc_start(pid):
    """Start time of a process (clock ticks since boot), or None when there is none."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return int(f.read().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def pid_alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def wait_gone(pid, timeout):
    deadline = time.monotonic() + timeout
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    return not pid_alive(pid)


def pss_kib(pid):
    with open("/proc/%d/smaps_rollup" % pid) as f:
        return int(re.search(r"^Pss:\s+(\d+) kB", f.read(), re.M).group(1))


def file_sizes(path):
    """A file's size and the disk space it takes (a sparse file takes less), in MiB."""
    st = os.stat(path)
    return {"save_file_mib": st.st_size / 2**20, "save_file_disk_mib": st.st_blocks * 512 / 2**20}


def mib_of(size):
    m = re.fullmatch(r"(\d+)([KMG]?)", size.upper())
    if not m:
        raise SystemExit("bad memory size %r (want e.g. 256M or 1G)" % size)
    n = int(m.group(1))
    return {"K": n / 1024, "M": n, "G": n * 1024, "": n / (1 << 20)}[m.group(2)]


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


# ---------------------------------------------------------------------------------- arbor

def arbor_req(path, req, timeout=OP_TIMEOUT, check=True):
    """One request on an arbor control socket; returns (answer, round trip in seconds)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    buf = b""
    try:
        t0 = time.monotonic()
        s.connect(path)
        s.sendall(json.dumps(req).encode() + b"\n")
        while b"\n" not in buf:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
        wall = time.monotonic() - t0
    except OSError as e:
        raise ArborError("%s on %s: %s" % (json.dumps(req), path, e))
    finally:
        s.close()
    if not buf.strip():
        raise ArborError("%s: %s closed the connection without an answer" %
                         (json.dumps(req), path))
    try:
        resp = json.loads(buf.split(b"\n", 1)[0])
    except ValueError:
        raise ArborError("%s: answer is not JSON: %r" % (json.dumps(req), buf[:200]))
    if check and not resp.get("ok"):
        raise ArborError("%s: %s" % (json.dumps(req), resp.get("error", resp)))
    return resp, wall


def arbor_preflight():
    """Refuse early, with the reason, when this arbor build has no snapshot support yet."""
    missing = []
    try:
        top = subprocess.run([ARBOR, "--help"], capture_output=True, text=True, timeout=30)
        run = subprocess.run([ARBOR, "run", "--help"], capture_output=True, text=True,
                             timeout=30)
    except OSError as e:
        raise ArborError("cannot run %s: %s (make first)" % (ARBOR, e))
    if "--detach" not in run.stdout + run.stderr:
        missing.append("`run --detach`")
    verbs = top.stdout + top.stderr
    for v in ("snapshot", "revert", "fork", "save", "restore", "destroy"):
        if not re.search(r"^\s+%s\b" % v, verbs, re.M):
            missing.append("`%s`" % v)
    if missing:
        raise ArborError("%s does not support snapshots yet: no %s. Build an arbor with "
                         "snapshot support, or measure QEMU alone with --only qemu."
                         % (ARBOR, ", ".join(missing)))


class ArborDomain:
    def __init__(self, rundir, name):
        self.rundir, self.name = rundir, name
        self.sock = os.path.join(rundir, name + ".sock")
        self.console = os.path.join(rundir, name + ".console")
        self.pid = None

    def req(self, req, timeout=OP_TIMEOUT):
        return arbor_req(self.sock, req, timeout)

    def info(self):
        r, _ = self.req({"op": "info"}, timeout=30)
        if isinstance(r.get("pid"), int):
            self.pid = r["pid"]
            CLEANUP.track(self.pid)
        return r

    def wait_ready(self, timeout=BOOT_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with open(self.console, "rb") as f:
                    if READY in f.read():
                        return
            except FileNotFoundError:
                pass
            if self.pid is not None and not pid_alive(self.pid):
                raise ArborError("domain %s exited before %r; console tail: %r" %
                                 (self.name, READY, self.console_tail()))
            time.sleep(0.02)
        raise ArborError("no %r on %s after %ds; tail: %r" %
                         (READY, self.console, timeout, self.console_tail()))

    def console_tail(self):
        try:
            with open(self.console, "rb") as f:
                return f.read()[-400:]
        except OSError:
            return b""

    def wait_answers(self, timeout=60, want_running=True):
        """Poll the control socket until info answers (and says running)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                r = self.info()
                if not want_running or r.get("state") == "running":
                    return r
                last = r
            except (OSError, ArborError) as e:
                last = e
            time.sleep(0.001)
        raise ArborError("domain %s: control socket did not answer running within %ds "
                         "(last: %s)" % (self.name, timeout, last))

    def destroy(self):
        try:
            self.req({"op": "destroy"}, timeout=30)
        except (OSError, ArborError):
            pass
        if self.pid is not None:
            wait_gone(self.pid, 10)
            CLEANUP.kill_pid(self.pid)


def arbor_cli(rundir, args, timeout=OP_TIMEOUT):
    """Run an arbor command and wait for it to exit. Its output goes to a file, not a pipe:
    a domain it leaves running in the background may keep the pipe open."""
    env = dict(os.environ, ARBOR_RUNDIR=rundir)
    with tempfile.TemporaryFile(dir=rundir) as out:
        try:
            p = CLEANUP.popen([ARBOR] + args, env=env, stdin=subprocess.DEVNULL, stdout=out,
                              stderr=subprocess.STDOUT)
        except OSError as e:
            raise ArborError("cannot run %s: %s" % (ARBOR, e))
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            CLEANUP.kill_proc(p)
            raise ArborError("`arbor %s` did not return within %ds" %
                             (" ".join(args), timeout))
        CLEANUP.procs.remove(p)
        out.seek(0)
        text = out.read().decode(errors="replace").strip()
    if p.returncode != 0:
        raise ArborError("`arbor %s` exited %d: %s" % (" ".join(args), p.returncode, text))
    return text


def arbor_boot(rundir, name, mem):
    arbor_cli(rundir, ["run", "--name", name, "--mem", mem, "--detach", "--kernel", KERNEL,
                       "--initrd", INITRD, "--append", APPEND, "--cpus", "1"], timeout=60)
    d = ArborDomain(rundir, name)
    d.info()
    d.wait_ready()
    return d


def arbor_run(rundir, mem, tag, args, errors):
    """One run of every arbor figure for one memory size; failed figures are left out and
    their reasons collected in `errors`."""
    res = {}

    def phase(what, fn):
        try:
            fn()
            return True
        except ArborError as e:
            errors.append("arbor %s %s: %s" % (mem, what, e))
            log("  arbor %s failed: %s" % (what, e))
            return False

    d = arbor_boot(rundir, tag, mem)
    try:
        time.sleep(SETTLE_S)

        def snapshots():
            r, w = d.req({"op": "snapshot", "snap": "s1"})
            res.update(snap1_ms=w * 1e3, snap1_mon_ms=r.get("pause_us", 0) / 1e3,
                       snap1_pages=r.get("pages"), snap1_mib=r.get("bytes", 0) / 2**20)
            time.sleep(AGAIN_S)
            r, w = d.req({"op": "snapshot", "snap": "s2"})
            res.update(snap2_ms=w * 1e3, snap2_mon_ms=r.get("pause_us", 0) / 1e3,
                       snap2_pages=r.get("pages"), snap2_mib=r.get("bytes", 0) / 2**20)

        def reverts():
            walls, mons, pages = [], [], []
            for _ in range(REVERT_SAMPLES):
                time.sleep(args.gap)
                r, w = d.req({"op": "revert", "snap": "s2"})
                walls.append(w)
                mons.append(r.get("us", 0) / 1e3)
                pages.append(r.get("pages"))
            res.update(revert_ms=median(walls) * 1e3, revert_mon_ms=median(mons),
                       revert_pages=median(pages))
            n, loop_pages, t0 = 0, [], time.monotonic()
            while time.monotonic() - t0 < args.window:
                r, _ = d.req({"op": "revert", "snap": "s2"})
                loop_pages.append(r.get("pages"))
                n += 1
            res.update(reverts_per_s=n / (time.monotonic() - t0),
                       revert_loop_pages=median(loop_pages))

        def fork():
            t0 = time.monotonic()
            r, w = d.req({"op": "fork", "snap": "s2", "count": args.clones})
            clones = [ArborDomain(rundir, n) for n in r.get("names", [])]
            for pid in r.get("pids", []):
                if isinstance(pid, int):
                    CLEANUP.track(pid)
            try:
                if len(clones) != args.clones:
                    raise ArborError("fork answered %d names for count %d: %s" %
                                     (len(clones), args.clones, r))
                for c in clones:
                    c.wait_answers()
                running = time.monotonic() - t0
                time.sleep(args.pss_settle)
                pss = [pss_kib(c.pid) for c in clones]
                res.update(fork_cmd_ms=w * 1e3, fork_cmd_mon_ms=r.get("us", 0) / 1e3,
                           fork_running_ms=running * 1e3,
                           fork_pss_total_mib=sum(pss) / 1024,
                           fork_pss_per_clone_mib=sum(pss) / len(pss) / 1024,
                           fork_pss_max_mib=max(pss) / 1024,
                           parent_pss_mib=pss_kib(d.pid) / 1024)
            finally:
                for c in clones:
                    c.destroy()

        if phase("snapshot", snapshots):
            phase("revert", reverts)
            phase("fork", fork)

        def save_restore():
            f = os.path.join(rundir, tag + ".save")
            r, w = d.req({"op": "save", "file": f})
            res.update(save_ms=w * 1e3, save_mon_ms=r.get("us", 0) / 1e3, **file_sizes(f))
            if d.pid is not None:
                wait_gone(d.pid, 30)
            new = ArborDomain(rundir, tag + "r")
            t0 = time.monotonic()
            try:
                arbor_cli(rundir, ["restore", f, "--name", new.name, "--detach"], timeout=120)
                new.wait_answers(want_running=False)
                res["restore_ms"] = (time.monotonic() - t0) * 1e3
                new.wait_answers()
                res["restore_running_ms"] = (time.monotonic() - t0) * 1e3
            finally:
                new.destroy()
            os.unlink(f)

        phase("save/restore", save_restore)
    finally:
        d.destroy()
    return res


# ----------------------------------------------------------------------------------- QEMU

class QMP:
    """Minimal QMP client over a unix socket."""

    def __init__(self, path, proc, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self.s.connect(path)
                break
            except OSError:
                self.s.close()
                if proc.poll() is not None:
                    raise RuntimeError("QEMU exited (%s) before its QMP socket answered: %s"
                                       % (proc.returncode, " ".join(proc.args)))
                if time.monotonic() > deadline:
                    raise RuntimeError("no QMP socket at %s after %ds" % (path, timeout))
                time.sleep(0.002)
        self.s.settimeout(OP_TIMEOUT)
        self.f = self.s.makefile("rb")
        self.events = []
        self._read()  # greeting
        self.cmd("qmp_capabilities")

    def _read(self):
        line = self.f.readline()
        if not line:
            raise RuntimeError("QMP connection closed")
        return json.loads(line)

    def cmd(self, name, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.s.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            r = self._read()
            if "event" in r:
                self.events.append(r)
                continue
            if "error" in r:
                raise RuntimeError("QMP %s: %s" % (name, r["error"]))
            return r["return"]

    def hmp(self, line):
        """HMP command through QMP; HMP reports errors as text, so any output is one."""
        out = self.cmd("human-monitor-command", **{"command-line": line})
        if out.strip():
            raise RuntimeError("HMP %r: %s" % (line, out.strip()))

    def wait_running(self, timeout=OP_TIMEOUT):
        if self.cmd("query-status")["status"] == "running":
            return
        deadline = time.monotonic() + timeout
        while not any(e["event"] == "RESUME" for e in self.events):
            self.s.settimeout(max(0.001, deadline - time.monotonic()))
            try:
                r = self._read()
            except socket.timeout:
                raise RuntimeError("QEMU not running after %ds: %s" %
                                   (timeout, self.cmd("query-status")))
            if "event" in r:
                self.events.append(r)
        self.s.settimeout(OP_TIMEOUT)

    def close(self):
        self.f.close()
        self.s.close()


def console_answers(g, word, timeout=20):
    try:
        return g.run("echo " + word, timeout=timeout).strip() == word
    except (TimeoutError, EOFError):
        return False


def qemu_argv(mem):
    """bench.py's QEMU command line (with arbor's devices: an entropy device in slot 0)."""
    return ["qemu-system-riscv64", "-M", "virt", "-smp", "1", "-m", mem, "-nographic",
            "-device", "virtio-rng-device", "-kernel", KERNEL, "-initrd", INITRD, "-append", APPEND]


def qemu_incoming(tmp, mem, mig, name, console=False):
    """A QEMU restoring `mig`: returns (process, QMP socket path, Guest or None). Started
    without the snapshot drive: several QEMUs cannot open one qcow2 (image locking), and an
    unattached drive is no part of the migration stream."""
    qsock = os.path.join(tmp, name + ".qmp")
    argv = qemu_argv(mem) + ["-qmp", "unix:%s,server=on,wait=off" % qsock,
                             "-incoming", "exec:cat " + shlex.quote(mig)]
    if console:
        g = Guest(argv)
        return CLEANUP.adopt(g.proc), qsock, g
    p = CLEANUP.popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL)
    return p, qsock, None


def qemu_run(tmp, mem, tag, args):
    res = {}
    qcow = os.path.join(tmp, tag + ".qcow2")
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", qcow, "64M"], check=True)
    qsock = os.path.join(tmp, tag + ".qmp")
    # savevm needs a writable qcow2 image; it need not be attached to any device. The
    # default cache mode flushes it at the end of savevm: the snapshot is durable when the
    # command returns, as arbor's is when it answers.
    g = Guest(qemu_argv(mem) + ["-qmp", "unix:%s,server=on,wait=off" % qsock,
                                "-drive", "if=none,id=snap0,format=qcow2,file=" + qcow])
    CLEANUP.adopt(g.proc)
    mig = os.path.join(tmp, tag + ".mig")
    try:
        q = QMP(qsock, g.proc)
        g.wait_ready(BOOT_TIMEOUT)
        time.sleep(SETTLE_S)

        # snapshot: savevm keeps the VM stopped from start to end, so its round trip is
        # the pause.
        t0 = time.monotonic()
        q.hmp("savevm s1")
        res["snap1_ms"] = (time.monotonic() - t0) * 1e3
        time.sleep(AGAIN_S)
        t0 = time.monotonic()
        q.hmp("savevm s2")
        res["snap2_ms"] = (time.monotonic() - t0) * 1e3

        # revert
        walls = []
        for _ in range(REVERT_SAMPLES):
            time.sleep(args.gap)
            t0 = time.monotonic()
            q.hmp("loadvm s2")
            walls.append(time.monotonic() - t0)
        res["revert_ms"] = median(walls) * 1e3
        n, t0 = 0, time.monotonic()
        while time.monotonic() - t0 < args.window:
            q.hmp("loadvm s2")
            n += 1
        res["reverts_per_s"] = n / (time.monotonic() - t0)
        if q.cmd("query-status")["status"] != "running":
            raise RuntimeError("QEMU not running after loadvm")
        # Does the reverted guest still answer on its console? (Not timed.)
        res["loadvm_guest_ok"] = console_answers(g, "snap-ok")

        # save: migration to a file, unthrottled (the default max-bandwidth is 128 MiB/s).
        q.cmd("migrate-set-parameters", **{"max-bandwidth": 1 << 40})
        t0 = time.monotonic()
        q.cmd("migrate", uri="exec:cat > " + shlex.quote(mig))
        while True:
            st = q.cmd("query-migrate")
            if st.get("status") in ("completed", "failed", "cancelled"):
                break
            time.sleep(0.001)
        res["save_ms"] = (time.monotonic() - t0) * 1e3
        if st["status"] != "completed":
            raise RuntimeError("QEMU migration to file: %s" % st)
        res.update(save_qemu_total_ms=st.get("total-time"),
                   save_qemu_downtime_ms=st.get("downtime"), **file_sizes(mig))
        q.close()
    finally:
        CLEANUP.kill_proc(g.proc)

    # fork: N QEMUs restore the same file at once.
    t0 = time.monotonic()
    clones = [qemu_incoming(tmp, mem, mig, "%s-c%d" % (tag, i)) for i in range(args.clones)]
    qmps, each = [], []
    try:
        for p, s, _ in clones:
            qmps.append(QMP(s, p))
        for c in qmps:
            c.wait_running()
            each.append((time.monotonic() - t0) * 1e3)
        res["fork_running_ms"] = (time.monotonic() - t0) * 1e3
        res["fork_each_running_ms"] = each
        time.sleep(args.pss_settle)
        pss = [pss_kib(p.pid) for p, _, _ in clones]
        res.update(fork_pss_total_mib=sum(pss) / 1024,
                   fork_pss_per_clone_mib=sum(pss) / len(pss) / 1024,
                   fork_pss_max_mib=max(pss) / 1024)
    finally:
        for c in qmps:
            c.close()
        for p, _, _ in clones:
            CLEANUP.kill_proc(p)

    # restore: one QEMU, until running; then check its console answers (not timed).
    t0 = time.monotonic()
    p, s, g = qemu_incoming(tmp, mem, mig, tag + "-r", console=True)
    try:
        c = QMP(s, p)
        c.wait_running()
        res["restore_ms"] = res["restore_running_ms"] = (time.monotonic() - t0) * 1e3
        c.close()
        # QEMU 7.2 sometimes restores a guest whose timer never fires again: QMP says
        # running but the guest sits in WFI for good. The timing stands; the run notes it.
        res["restore_guest_ok"] = console_answers(g, "restore-ok")
    finally:
        CLEANUP.kill_proc(p)
    os.unlink(mig)
    os.unlink(qcow)
    return res


# ---------------------------------------------------------------------------------- table

# (label, key, arbor monitor-reported key or None, format)
ROWS = [
    ("snapshot pause, first (ms)", "snap1_ms", "snap1_mon_ms", "%.1f"),
    ("snapshot pause, again 1 s later (ms)", "snap2_ms", "snap2_mon_ms", "%.1f"),
    ("revert after %(gap)g s idle (ms)", "revert_ms", "revert_mon_ms", "%.2f"),
    ("reverts/s, back to back", "reverts_per_s", None, "%.1f"),
    ("fork %(clones)d: command (ms)", "fork_cmd_ms", "fork_cmd_mon_ms", "%.1f"),
    ("fork %(clones)d: until all running (ms)", "fork_running_ms", None, "%.1f"),
    ("fork %(clones)d: PSS per clone (MiB)", "fork_pss_per_clone_mib", None, "%.1f"),
    ("fork %(clones)d: PSS of all clones (MiB)", "fork_pss_total_mib", None, "%.1f"),
    ("save to file (ms)", "save_ms", "save_mon_ms", "%.1f"),
    ("save file size (MiB)", "save_file_mib", None, "%.1f"),
    ("save file on disk (MiB)", "save_file_disk_mib", None, "%.1f"),
    ("restore until control answers (ms)", "restore_ms", None, "%.1f"),
    ("restore until running (ms)", "restore_running_ms", None, "%.1f"),
]
ARBOR_ONLY = [
    ("arbor pages in first snapshot", "snap1_pages", "%.0f"),
    ("arbor pages in second snapshot", "snap2_pages", "%.0f"),
    ("arbor pages per revert (after gap)", "revert_pages", "%.0f"),
    ("arbor pages per revert (back to back)", "revert_loop_pages", "%.0f"),
    ("arbor parent PSS after fork (MiB)", "parent_pss_mib", "%.1f"),
]


def medians(runs):
    keys = sorted({k for r in runs for k, v in r.items()
                   if isinstance(v, (int, float)) and not isinstance(v, bool)})
    return {k: median(r.get(k) for r in runs) for k in keys}


def fmt(f, v):
    return "n/a" if v is None else f % v


def print_table(mem, n, am, qm, qruns, args):
    log("\n%s guest, median of %d runs" % (mem, n))
    log("%-42s %10s %11s %10s %7s %10s" % ("", "arbor", "arbor(mon)", "qemu", "ratio",
                                            "ratio(mon)"))

    def ratio(a, q):
        if a is None or not q:
            return "n/a"
        return "%.0f" % (a / q) if a / q >= 100 else "%.3g" % (a / q)
    for label, key, mon, f in ROWS:
        a, q = am.get(key), qm.get(key)
        log("%-42s %10s %11s %10s %7s %10s" % (
            label % vars(args), fmt(f, a), fmt(f, am.get(mon)) if mon else "", fmt(f, q),
            ratio(a, q), ratio(am.get(mon), q) if mon else ""))
    for label, key, f in ARBOR_ONLY:
        if am.get(key) is not None:
            log("%-42s %10s" % (label, fmt(f, am[key])))
    for key, what in (("loadvm_guest_ok", "after the loadvm loop"),
                      ("restore_guest_ok", "after -incoming")):
        bad = sum(1 for r in qruns if r.get(key) is False)
        if bad:
            log("note: in %d of %d runs the QEMU guest did not answer on its console %s "
                "(QEMU 7.2 can restore a riscv guest whose timer never fires again; the "
                "timings are unaffected)" % (bad, len(qruns), what))
    pages = am.get("revert_pages")
    if pages is not None and pages > 100:
        log("note: reverts restored %d pages, more than the 100 of a 'small change'; try a "
            "smaller --gap" % pages)


def main():
    global OUT
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mem", default="256M,1G", help="guest RAM sizes, comma-separated")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--clones", type=int, default=16, help="fork count / QEMU restores")
    ap.add_argument("--gap", type=float, default=0.05,
                    help="seconds the guest runs idle before each timed revert")
    ap.add_argument("--window", type=float, default=2.0, help="seconds of back-to-back reverts")
    ap.add_argument("--pss-settle", type=float, default=1.0,
                    help="seconds between all clones running and reading their PSS")
    ap.add_argument("--only", choices=["arbor", "qemu"], help="measure one side only")
    ap.add_argument("--json", action="store_true",
                    help="print all figures as JSON on stdout (the table goes to stderr)")
    args = ap.parse_args()
    if args.json:
        OUT = sys.stderr
    mems = [m.strip().upper() for m in args.mem.split(",") if m.strip()]
    for m in mems:
        mib_of(m)
    for f in (KERNEL, INITRD):
        if not os.path.exists(f):
            raise SystemExit("%s is missing: run `make guest`" % f)
    sides = [args.only] if args.only else ["arbor", "qemu"]
    if "arbor" in sides:
        try:
            arbor_preflight()
        except ArborError as e:
            print("snapshot.py: %s" % e, file=sys.stderr)
            return 2

    def stop(signum, frame):
        raise KeyboardInterrupt("signal %d" % signum)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)

    global ARBOR
    tmp = tempfile.mkdtemp(prefix="arbor-snapbench-")
    if "arbor" in sides:
        # Measure one binary throughout, even if build/arbor is rebuilt meanwhile.
        shutil.copy2(ARBOR, os.path.join(tmp, "arbor"))
        ARBOR = os.path.join(tmp, "arbor")
    results = {m: {s: [] for s in sides} for m in mems}
    errors = []
    try:
        for mem in mems:
            for i in range(args.runs):
                tag = "%s%d" % (mem.lower(), i + 1)
                line = []
                for side in sides:
                    if side == "arbor":
                        # A run directory per run: snapshot files outlive their domain.
                        rundir = os.path.join(tmp, "a" + tag)
                        os.mkdir(rundir)
                        CLEANUP.rundirs.append(rundir)
                        try:
                            r = arbor_run(rundir, mem, "a" + tag, args, errors)
                        except ArborError as e:
                            errors.append("arbor %s: %s" % (mem, e))
                            log("  arbor failed: %s" % e)
                            r = {}
                        CLEANUP.all_in(rundir)
                        shutil.rmtree(rundir, ignore_errors=True)
                    else:
                        r = qemu_run(tmp, mem, "q" + tag, args)
                    results[mem][side].append(r)
                    line.append("%s snap %s ms revert %s ms fork %s ms restore %s ms" % (
                        side, fmt("%.1f", r.get("snap1_ms")), fmt("%.2f", r.get("revert_ms")),
                        fmt("%.0f", r.get("fork_running_ms")),
                        fmt("%.0f", r.get("restore_ms"))))
                log("%s run %d: %s" % (mem, i + 1, " | ".join(line)))
    except KeyboardInterrupt:
        print("\ninterrupted; cleaning up", file=sys.stderr)
        return 130
    finally:
        CLEANUP.all()
        shutil.rmtree(tmp, ignore_errors=True)

    med = {m: {s: medians(results[m][s]) for s in sides} for m in mems}
    for m in mems:
        print_table(m, args.runs, med[m].get("arbor", {}), med[m].get("qemu", {}),
                    results[m].get("qemu", []), args)
    if errors:
        log("\narbor failures (figures left out):")
        for e in dict.fromkeys(errors):
            log("  " + e)
    if args.json:
        json.dump({"config": {"mem": mems, "runs": args.runs, "clones": args.clones,
                              "gap_s": args.gap, "window_s": args.window,
                              "pss_settle_s": args.pss_settle, "append": APPEND},
                   "medians": med, "runs": results, "errors": errors}, sys.stdout, indent=1)
        print()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
