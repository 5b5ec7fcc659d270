"""Drive an arbor (or QEMU) guest through its console: start, wait for the ready line,
run shell commands and collect what the guest itself prints."""
import os
import select
import subprocess
import time

READY = b"arbor-guest: ready"


class Guest:
    def __init__(self, argv, timeout=300):
        self.argv = argv
        self.out = b""
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.timeout = timeout
        self.seq = 0
        self.start = time.monotonic()

    def read_until(self, needle, timeout=None):
        """Read console output until `needle` appears; returns the time it took."""
        deadline = time.monotonic() + (timeout or self.timeout)
        fd = self.proc.stdout.fileno()
        while needle not in self.out:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no %r after %ds; output tail: %r" %
                                   (needle, timeout or self.timeout, self.out[-600:]))
            r, _, _ = select.select([fd], [], [], left)
            if r:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise EOFError("guest exited (status %s) before %r; tail: %r" %
                                   (self.proc.wait(), needle, self.out[-600:]))
                self.out += chunk
        return time.monotonic() - self.start

    def wait_ready(self, timeout=None):
        return self.read_until(READY, timeout)

    def send(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def run(self, cmd, timeout=120):
        """Run a shell command in the guest; returns its output (stdout+stderr) as text."""
        self.seq += 1
        marker = "__END_%d__" % self.seq
        begin = "__BEGIN_%d__" % self.seq
        # The markers are split in the typed text so the terminal echo never matches them.
        self.send("echo __BEG\"\"IN_%d__; %s; echo __E\"\"ND_%d__\n" % (self.seq, cmd, self.seq))
        self.read_until(marker.encode() + b"\r\n", timeout)
        text = self.out.decode(errors="replace")
        body = text[text.rindex(begin + "\r\n") + len(begin) + 2:text.rindex(marker)]
        return body.replace("\r\n", "\n")

    def wait_exit(self, timeout=120):
        try:
            rest, _ = self.proc.communicate(timeout=timeout)
            self.out += rest or b""
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            return None
        return self.proc.returncode

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


class Console(Guest):
    """`arbor console NAME` with pipes: drive a detached domain like a booted guest."""

    def __init__(self, arbor, name, env=None, timeout=60):
        self.argv = [arbor, "console", name]
        self.out = b""
        self.seq = 0
        self.timeout = timeout
        self.start = time.monotonic()
        self.proc = subprocess.Popen(self.argv, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def wait_in_file(path, needle, timeout=120, start=0):
    """Wait until `needle` (bytes) appears in file `path` after offset `start`; returns what
    the file holds from there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(path, "rb") as f:
                f.seek(start)
                data = f.read()
            if needle in data:
                return data
        except FileNotFoundError:
            pass
        time.sleep(0.05)
    raise TimeoutError("no %r in %s after %ds" % (needle, path, timeout))
