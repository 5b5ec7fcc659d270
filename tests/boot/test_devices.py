"""The virtio console and the virtio socket device on the real Debian guest: hvc0 as the
console (in the foreground and detached), streams both ways between host programs (Unix
sockets) and guest programs (guest/tools/vsock.c) in both directions of connection setup,
connections reset by a revert, a clone with its own socket, and refused arguments. The
guest's entropy device is checked by test_boot.py (boot/hwrng)."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from guest import READY, Console, Guest, wait_in_file  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
ARBOR = os.environ.get("ARBOR", os.path.join(BUILD, "arbor"))
DEFAULT = os.path.abspath(ARBOR) == os.path.abspath(os.path.join(BUILD, "arbor"))
GUEST = [] if DEFAULT else ["--kernel", os.path.join(BUILD, "guest", "Image"),
                            "--initrd", os.path.join(BUILD, "guest", "initrd.img")]
RUNDIR = tempfile.mkdtemp(prefix="arbor-dev-test.")
ENV = dict(os.environ, ARBOR_RUNDIR=RUNDIR)
failures = 0


def report(name, ok, detail=""):
    global failures
    failures += not ok
    print("%s dev/%s%s" % ("PASS" if ok else "FAIL", name, (" — " + detail) if detail and not ok else ""))
    sys.stdout.flush()


def check(name, fn):
    try:
        ok, detail = fn()
    except Exception as e:  # a broken step fails its check, not the whole run
        ok, detail = False, "%s: %s" % (type(e).__name__, e)
    report(name, ok, detail)


def arbor(*args, timeout=60):
    return subprocess.run([ARBOR] + list(args), env=ENV, capture_output=True, text=True,
                          timeout=timeout)


# --- the host's side of vsock: plain AF_UNIX sockets ---

def read_all(s, timeout=20):
    s.settimeout(timeout)
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            return data
        data += chunk


def host_listener(path, reply):
    """Accept one connection on PATH (a guest connecting to host port P reaches PATH_P),
    take everything the guest sends, answer `reply`; the result dict fills in."""
    if os.path.exists(path):
        os.unlink(path)
    ls = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ls.bind(path)
    ls.listen(1)
    ls.settimeout(30)
    got = {}

    def serve():
        try:
            c, _ = ls.accept()
            got["data"] = read_all(c)
            c.sendall(reply)
            c.close()
        except OSError as e:
            got["error"] = str(e)
        ls.close()
    t = threading.Thread(target=serve, daemon=True)
    t.start()
    return t, got


def host_connect(path, port, timeout=20):
    """Connect to the device's socket and ask for guest port `port`; retried until the
    guest listens (until then the guest answers RST and the socket just closes)."""
    deadline = time.monotonic() + timeout
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(path)
        s.sendall(b"CONNECT %d\n" % port)
        line = b""
        while not line.endswith(b"\n"):
            chunk = s.recv(1)
            if not chunk:
                break
            line += chunk
        if line.startswith(b"OK "):
            return s, line
        s.close()
        if time.monotonic() > deadline:
            raise TimeoutError("guest port %d never accepted" % port)
        time.sleep(0.2)


def vsock_both_ways(g, path, tag):
    """Guest-initiated, then host-initiated, a message each way."""
    t, got = host_listener(path + "_5000", b"hello-from-host-" + tag + b"\n")
    out = g.run("echo hello-from-guest-%s | vsock connect 2 5000; echo rc=$?" % tag.decode(),
                timeout=30)
    t.join(10)
    report("vsock/guest-connects-" + tag.decode(),
           got.get("data") == b"hello-from-guest-" + tag + b"\n" and
           "hello-from-host-%s\nrc=0" % tag.decode() in out, "host got %r, guest printed %r" % (got, out))

    g.run("(echo hello-from-guest-%s | vsock listen 6000 > /tmp/l.out; echo rc=$? >> /tmp/l.out) & true"
          % tag.decode(), timeout=30)
    s, line = host_connect(path, 6000)
    s.sendall(b"hello-from-host-" + tag + b"\n")
    s.shutdown(socket.SHUT_WR)
    data = read_all(s)
    s.close()
    out = ""
    for _ in range(20):  # the guest program ends just after the host sees its end of stream
        out = g.run("cat /tmp/l.out", timeout=30)
        if "rc=" in out:
            break
        time.sleep(0.1)
    report("vsock/host-connects-" + tag.decode(),
           line.startswith(b"OK ") and data == b"hello-from-guest-" + tag + b"\n" and
           out == "hello-from-host-%s\nrc=0\n" % tag.decode(),
           "line %r, host got %r, guest got %r" % (line, data, out))


# --- the tests ---

def test_foreground():
    """`run --console virtio --vsock CID,path=...`: hvc0 is the console; vsock both ways."""
    path = os.path.join(RUNDIR, "fg.vsock")
    g = Guest([ARBOR, "run", *GUEST, "--console", "virtio", "--vsock", "3,path=" + path], timeout=120)
    try:
        g.wait_ready()
        report("console/ready-on-hvc0", True)
        check("console/tty-is-hvc0", lambda: (lambda o: ("/dev/hvc0\n" in o and "hvc0" in o.split("\n", 1)[1], o))(
            g.run("tty; cat /proc/consoles", timeout=30)))
        check("console/command-output", lambda: (lambda o: (o == "42\n", o))(g.run("echo $((6 * 7))", timeout=30)))
        vsock_both_ways(g, path, b"fg")
        check("vsock/no-listener-resets", lambda: (lambda o: ("Connection reset" in o and "rc=1" in o, o))(
            g.run("vsock connect 2 5999 </dev/null; echo rc=$?", timeout=30)))
        g.send("poweroff\n")
        rc = g.wait_exit(60)
        report("console/poweroff-exit-0", rc == 0, "exit status %s" % rc)
        report("vsock/socket-removed", not os.path.exists(path))
    except (TimeoutError, EOFError) as e:
        report("foreground", False, str(e))
    finally:
        g.kill()


def test_detached():
    """A domain: `arbor console` reaches hvc0, the socket defaults to RUNDIR/NAME.vsock, a
    revert resets the guest's connections, a clone listens on its own socket."""
    r = arbor("run", "--name", "dv", "--detach", *GUEST, "--console", "virtio", "--vsock", "3")
    if r.returncode != 0:
        report("detached/start", False, r.stderr)
        return
    wait_in_file(os.path.join(RUNDIR, "dv.console"), READY, timeout=120)
    path = os.path.join(RUNDIR, "dv.vsock")
    c = Console(ARBOR, "dv", env=ENV)
    try:
        time.sleep(0.2)
        check("console/detached-tty-is-hvc0", lambda: (lambda o: (o == "/dev/hvc0\n", o))(c.run("tty", timeout=30)))
        report("vsock/default-path", os.path.exists(path))
        vsock_both_ways(c, path, b"dv")
        # a connection open across a snapshot: the revert ends it on both sides
        c.send("sleep 600 | vsock listen 6001\n")
        s, _ = host_connect(path, 6001)
        s.sendall(b"kept\n")
        c.read_until(b"kept\r\n", timeout=20)
        r = arbor("snapshot", "dv", "s1")
        r2 = arbor("revert", "dv", "s1")
        host_end = read_all(s, timeout=10)
        c.read_until(b"vsock: read from the socket", timeout=20)
        report("vsock/revert-resets-both-sides", r.returncode == 0 and r2.returncode == 0 and host_end == b"",
               "%s %s %r" % (r.stderr, r2.stderr, host_end))
        s.close()
        c.send("\x03")
    except (TimeoutError, EOFError, OSError) as e:
        report("detached", False, str(e))
    finally:
        c.kill()
    test_clone(path)


def test_clone(parent_path):
    r = arbor("fork", "dv", "s1", "--count", "1")
    clone_path = os.path.join(RUNDIR, "dv.1.vsock")
    c = Console(ARBOR, "dv.1", env=ENV)
    try:
        time.sleep(0.2)
        c.send("\x03")  # the clone starts in the snapshot's `vsock listen 6001`
        c.run("(echo from-clone | vsock listen 6002 > /tmp/c.out) & true", timeout=30)
        s, _ = host_connect(clone_path, 6002)
        s.shutdown(socket.SHUT_WR)
        data = read_all(s)
        report("vsock/clone-own-socket", r.returncode == 0 and data == b"from-clone\n" and
               os.path.exists(parent_path), "%s %r" % (r.stderr, data))
    except (TimeoutError, EOFError, OSError) as e:
        report("vsock/clone-own-socket", False, "%s %s" % (r.stderr, e))
    finally:
        c.kill()
    arbor("destroy", "dv.1")
    arbor("destroy", "dv")
    time.sleep(0.3)
    report("vsock/sockets-removed", not os.path.exists(parent_path) and not os.path.exists(clone_path),
           repr(os.listdir(RUNDIR)))


def refused(name, *args, expect=""):
    """One line on stderr naming the problem, exit 1, nothing booted (no console output)."""
    r = subprocess.run([ARBOR, "run", *GUEST, *args], env=ENV, capture_output=True, text=True,
                       timeout=20, stdin=subprocess.DEVNULL)
    lines = r.stderr.strip().splitlines()
    good = r.returncode == 1 and len(lines) == 1 and expect in lines[0] and r.stdout == ""
    report("bad-args/" + name, good, "exit %d, stderr %r, stdout %r" % (r.returncode, r.stderr, r.stdout[:200]))


def test_bad_args():
    refused("vsock-cid-2", "--vsock", "2", "--name", "x", expect="CID")
    refused("vsock-cid-abc", "--vsock", "abc", "--name", "x", expect="CID")
    refused("vsock-cid-max", "--vsock", "4294967295", "--name", "x", expect="CID")
    refused("vsock-no-path-no-name", "--vsock", "3", expect="path=")
    refused("vsock-unknown-option", "--vsock", "3,port=5", "--name", "x", expect="port=5")
    refused("console-foo", "--console", "foo", expect="console")
    refused("console-twice", "--console", "virtio", "--console", "virtio", expect="one console")


def main():
    try:
        test_bad_args()
        test_foreground()
        test_detached()
    except Exception as e:  # a broken step fails the run instead of hanging it
        report("aborted", False, "%s: %s" % (type(e).__name__, e))
    finally:
        for name in ("dv.1", "dv"):
            if os.path.exists(os.path.join(RUNDIR, name + ".sock")):
                arbor("destroy", name)
        time.sleep(0.3)
        shutil.rmtree(RUNDIR, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
