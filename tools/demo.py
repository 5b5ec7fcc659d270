"""The scripted part of `make demo`, for when standard input is not a terminal: boot the
guest, show a few things it reports about itself, power it off."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "boot"))
from guest import Guest  # noqa: E402

COMMANDS = [
    "uname -a",
    "cat /proc/cpuinfo | grep -E '^(processor|isa|mmu)'",
    "grep MemTotal /proc/meminfo",
    "date",
    "seq 1 100000 | sha256sum",
    "awk 'BEGIN{x=1; for(i=1;i<=20;i++) x=x*1.5/1.25; printf \"%.12f\\n\", x}'",
]

g = Guest(["build/arbor", "run", "--cpus", "2"])
t = g.wait_ready()
print("arbor: the guest is ready after %.1f s; running a short scripted session" % t)
for cmd in COMMANDS:
    print("~ # " + cmd)
    sys.stdout.write(g.run(cmd))
print("~ # poweroff")
g.send("poweroff\n")
rc = g.wait_exit()
print("arbor: the guest powered off, exit status %s" % rc)
sys.exit(0 if rc == 0 else 1)
