"""The virtio network card on the real Debian guest: DHCP, a download from the host and a
forwarded port through user-mode networking; two guests on a bridge through tap devices;
refusal of bad --net arguments; and a clone and a restored machine getting a network of
their own. Prints PASS/FAIL/SKIP lines."""
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(__file__))
from guest import READY, Console, Guest, wait_in_file  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
ARBOR = os.path.abspath(os.environ.get("ARBOR", os.path.join(BUILD, "arbor")))
DEFAULT = ARBOR == os.path.abspath(os.path.join(BUILD, "arbor"))
GUEST = [] if DEFAULT else ["--kernel", os.path.join(BUILD, "guest", "Image"),
                            "--initrd", os.path.join(BUILD, "guest", "initrd.img")]
RUNDIR = tempfile.mkdtemp(prefix="arbor-net-test.")
ENV = dict(os.environ, ARBOR_RUNDIR=RUNDIR)
PAGE = b"arbor-net-test: hello from the host\n"
BIG = bytes((i * 7 + (i >> 9)) & 0xff for i in range(2 << 20))  # 2 MiB, not compressible
MAGIC = "arbor-net-guest-listener"
DHCP = "udhcpc -i eth0 -n -q -t 5 -T 1 2>&1; ip addr show eth0"
failures = 0


def report(name, ok, detail=""):
    global failures
    failures += not ok
    print("%s net/%s%s" % ("PASS" if ok else "FAIL", name,
                           (" — " + detail.strip()[-300:]) if detail and not ok else ""))
    sys.stdout.flush()


def skip(name, why):
    print("SKIP net/%s — %s" % (name, why))
    sys.stdout.flush()


class Page(BaseHTTPRequestHandler):
    def do_GET(self):
        body = BIG if self.path == "/big" else PAGE
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def http_server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sink(nbytes):
    """A host listener that reads `nbytes`, then closes; returns (port, thread, result)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    srv.settimeout(60)
    result = {}

    def run():
        try:
            c, _ = srv.accept()
            h, n = hashlib.sha256(), 0
            while n < nbytes:
                d = c.recv(65536)
                if not d:
                    break
                h.update(d)
                n += len(d)
            result["sha"], result["n"] = h.hexdigest(), n
            c.close()
        except OSError as e:
            result["error"] = str(e)
        srv.close()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    return srv.getsockname()[1], t, result


def read_forwarded(port, timeout=20):
    """Connect to a forwarded host port until the guest's listener answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                data = b""
                while True:
                    d = s.recv(4096)
                    if not d:
                        break
                    data += d
                if data:
                    return data.decode(errors="replace")
        except OSError:
            pass
        time.sleep(0.3)  # slirp closes the host side when the guest port is not open yet
    return ""


def guest_listen(g):
    g.send("nc -l -p 8080 -e echo %s >/dev/null 2>&1 &\n" % MAGIC)
    g.run("sleep 0.3")


def check(name, fn):
    try:
        ok, detail = fn()
    except Exception as e:  # a broken step fails the check, not the run
        ok, detail = False, "%s: %s" % (type(e).__name__, e)
    report(name, ok, detail)


def test_user(srv):
    hp = free_port()
    g = Guest([ARBOR, "run", *GUEST, "--net", "user,hostfwd=tcp:127.0.0.1:%d-:8080" % hp])
    try:
        g.wait_ready(120)
        check("user/dhcp", lambda: (lambda o: ("inet 10.0.2.15/24" in o, o))(g.run(DHCP, 60)))
        url = "http://10.0.2.2:%d" % srv.server_address[1]
        check("user/wget", lambda: (lambda o: (PAGE.decode() in o, o))(
            g.run("wget -q -O - %s/" % url, 60)))
        check("user/wget-2MiB-intact", lambda: (lambda o: (hashlib.sha256(BIG).hexdigest() in o, o))(
            g.run("wget -q -O - %s/big | sha256sum" % url, 120)))
        port, t, res = sink(1 << 20)
        out = g.run("dd if=/dev/urandom of=/tmp/up bs=64k count=16 2>/dev/null; "
                    "nc 10.0.2.2 %d < /tmp/up; sha256sum /tmp/up" % port, 120)
        t.join(30)
        check("user/upload-1MiB-intact", lambda: (res.get("sha", "-") in out and res.get("n") == 1 << 20,
                                                  "%r %r" % (res, out)))
        guest_listen(g)
        check("user/hostfwd", lambda: (lambda d: (MAGIC in d, repr(d)))(read_forwarded(hp)))
    except (TimeoutError, EOFError) as e:
        report("user/boot", False, str(e))
    finally:
        g.kill()


def bad_arg(name, arg, expect, prefix=()):
    t0 = time.monotonic()
    r = subprocess.run([*prefix, ARBOR, "run", *GUEST, "--net", arg], capture_output=True,
                       text=True, timeout=60)
    lines = r.stderr.strip().splitlines()
    ok = (r.returncode == 1 and len(lines) == 1 and lines[0].startswith("arbor: --net ") and
          expect in lines[0] and READY.decode() not in r.stdout and time.monotonic() - t0 < 10)
    report("bad-arg/" + name, ok, "exit %d, stderr %r" % (r.returncode, r.stderr))


def test_bad_args():
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        bad_arg("unknown-key", "user,speed=fast", "unknown option 'speed'")
        bad_arg("bad-port", "user,hostfwd=tcp::70000-:22", "bad host port '70000'")
        bad_arg("bad-guest-port", "user,hostfwd=tcp::2222-:x", "bad guest port 'x'")
        bad_arg("port-in-use", "user,hostfwd=tcp:127.0.0.1:%d-:22" % busy.getsockname()[1],
                "port in use")
        bad_arg("bad-mac", "user,mac=03:00:00:00:00:01", "bad MAC address")
        bad_arg("unknown-backend", "vde", "unknown network backend 'vde'")
        bad_arg("missing-tap", "tap=arbornotap0", "no network interface 'arbornotap0'")
        bad_arg("not-a-tap", "tap=lo", "not a tap device")
    finally:
        busy.close()


def sh(*argv):
    subprocess.run(argv, check=True, capture_output=True, timeout=30)


def test_tap():
    if os.geteuid() != 0:
        skip("tap", "needs root (network namespace, bridge and tap devices)")
        return
    if not os.path.exists("/dev/net/tun"):
        skip("tap", "no /dev/net/tun on this host")
        return
    ns = "arbor-net-%d" % os.getpid()
    nsx = ["ip", "netns", "exec", ns]
    guests = []
    try:
        try:
            sh("ip", "netns", "add", ns)
            sh(*nsx, "ip", "link", "add", "br0", "type", "bridge")
            for t in ("tap0", "tap1", "tap2"):
                sh(*nsx, "ip", "tuntap", "add", "dev", t, "mode", "tap")
            for t in ("tap0", "tap1"):
                sh(*nsx, "ip", "link", "set", t, "master", "br0")
                sh(*nsx, "ip", "link", "set", t, "up")
            sh(*nsx, "ip", "link", "set", "br0", "up")
        except (subprocess.CalledProcessError, OSError) as e:
            skip("tap", "cannot set up a namespace with a bridge and taps: %s" %
                 (getattr(e, "stderr", b"") or str(e)))
            return
        bad_arg("tap-no-permission", "tap=tap2", "permission denied",
                prefix=(*nsx, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"))
        for i in range(2):
            guests.append(Guest([*nsx, ARBOR, "run", *GUEST, "--net",
                                 "tap=tap%d,mac=52:54:00:00:77:%02x" % (i, i + 1)]))
        for i, g in enumerate(guests):
            g.wait_ready(180)
            g.run("ip addr add 192.168.77.%d/24 dev eth0; ip link set eth0 up" % (i + 1))
        bad_arg("tap-busy", "tap=tap0", "in use", prefix=nsx)
        out = guests[0].run("ping -c 3 -W 5 192.168.77.2 2>&1", 60)
        report("tap/ping", " 0% packet loss" in out, out)
        out = guests[1].run("arping -c 1 -w 5 -I eth0 192.168.77.1 2>&1 || "
                            "ip neigh show 192.168.77.1", 30)
        report("tap/peer-mac", "52:54:00:00:77:01" in out.lower(), out)
    except (TimeoutError, EOFError) as e:
        report("tap/boot", False, str(e))
    finally:
        for g in guests:
            g.kill()
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)


# --- clones and restored machines: domains driven through their consoles ---

def arbor(*args, timeout=60):
    return subprocess.run([ARBOR, *args], env=ENV, capture_output=True, text=True, timeout=timeout)


def ok(name, *args):
    r = arbor(*args)
    report(name, r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    return r.returncode == 0


def in_guest(name, cmd, timeout=60):
    c = Console(ARBOR, name, env=ENV)
    try:
        time.sleep(0.2)
        return c.run(cmd, timeout=timeout)
    finally:
        c.kill()


def console_text(name):
    try:
        with open(os.path.join(RUNDIR, name + ".console"), "rb") as f:
            return f.read().decode(errors="replace")
    except OSError:
        return ""


def net_works(name, srv):
    url = "http://10.0.2.2:%d/" % srv.server_address[1]
    out = in_guest(name, DHCP + "; wget -q -O - " + url, 90)
    return "inet 10.0.2.15/24" in out and PAGE.decode() in out, out


def test_copies(srv):
    hp = free_port()
    r = arbor("run", "--name", "netp", "--detach", *GUEST, "--net",
              "user,hostfwd=tcp:127.0.0.1:%d-:8080" % hp)
    if r.returncode:
        report("copies/start", False, r.stderr)
        return
    wait_in_file(os.path.join(RUNDIR, "netp.console"), READY, timeout=180)
    check("copies/parent-network", lambda: net_works("netp", srv))
    if not (ok("copies/snapshot", "snapshot", "netp", "s1") and
            ok("copies/fork", "fork", "netp", "s1", "--count", "1")):
        return
    clone = "netp.1"
    check("copies/clone-network", lambda: net_works(clone, srv))
    check("copies/clone-hostfwd-skipped", lambda: (
        "port in use, not forwarded in this clone" in console_text(clone), console_text(clone)[-300:]))
    # the parent keeps its forwarded port and its own network
    c = Console(ARBOR, "netp", env=ENV)
    try:
        time.sleep(0.2)
        guest_listen(c)
        check("copies/parent-keeps-hostfwd", lambda: (lambda d: (MAGIC in d, repr(d)))(read_forwarded(hp)))
    finally:
        c.kill()
    # a clone saved and restored: a new machine with a network of its own
    path = os.path.join(RUNDIR, "clone.save")
    if ok("copies/save-clone", "save", clone, path) and \
            ok("copies/restore", "restore", path, "--name", "netr", "--detach"):
        check("copies/restored-network", lambda: net_works("netr", srv))


def main():
    srv = http_server()
    try:
        test_bad_args()
        test_user(srv)
        test_tap()
        test_copies(srv)
    except Exception as e:  # a broken step fails the run instead of hanging it
        report("aborted", False, "%s: %s" % (type(e).__name__, e))
    finally:
        for f in os.listdir(RUNDIR):
            if f.endswith(".sock"):
                arbor("destroy", f[:-5])
        time.sleep(0.3)
        shutil.rmtree(RUNDIR, ignore_errors=True)
        srv.shutdown()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
