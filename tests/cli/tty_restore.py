"""The host terminal is put in raw mode while a VM runs and restored on every way out:
guest power-off, Ctrl-A x, SIGTERM. Runs arbor on a pseudo-terminal with tiny firmwares."""
import os
import pty
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

ARBOR = os.environ.get("ARBOR", os.path.join(os.environ.get("BUILD", "build"), "arbor"))
LOOP = struct.pack("<I", 0x0000006F)  # j .
POWEROFF = struct.pack("<5I", 0x001002B7, 0x00005337, 0x55530313, 0x0062A023, 0x0000006F)


def firmware(code):
    f = tempfile.NamedTemporaryFile(delete=False, suffix=".bin")
    f.write(code)
    f.close()
    return f.name


def run_case(name, code, action, want_status):
    master, slave = pty.openpty()
    before = termios.tcgetattr(slave)
    fw = firmware(code)
    p = subprocess.Popen([ARBOR, "run", "--firmware", fw, "--kernel", "none", "--mem", "16M"],
                         stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    time.sleep(1.0)
    raw = not (termios.tcgetattr(slave)[3] & termios.ECHO)
    action(p, master)
    try:
        status = p.wait(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        status = None
    after = termios.tcgetattr(slave)
    os.unlink(fw)
    os.close(master)
    os.close(slave)
    ok = status == want_status and after == before and (raw or code == POWEROFF)
    print("%s cli/tty-restore-%s%s" % ("PASS" if ok else "FAIL", name,
          "" if ok else " (status %s, want %s, raw while running %s, restored %s)" %
          (status, want_status, raw, after == before)))


run_case("poweroff", POWEROFF, lambda p, m: None, 0)
run_case("ctrl-a-x", LOOP, lambda p, m: os.write(m, b"\x01x"), 1)
run_case("sigterm", LOOP, lambda p, m: p.send_signal(signal.SIGTERM), -signal.SIGTERM)
sys.exit(0)
