#!/usr/bin/env python3
"""Runs one rule-necessity scenario twice with one seed: the rule kept must run clean, the
rule broken must show damage (an invariant the core checks, a ThreadSanitizer report, or the
watchdog's deadlock).  Prints the damage it saw; exit 0 when both hold."""

import argparse
import re
import subprocess
import sys

DAMAGE = re.compile(r"(core-necessity: damage: .*|lockspec-core: invariant violated: .*|"
                    r"WARNING: ThreadSanitizer: .*|ERROR: AddressSanitizer: .*)")


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=timeout)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout or ""
        return "timeout", out if isinstance(out, str) else out.decode(errors="replace")


def core_frames(log, after):
    """The first frame in core/ of each of the report's first two stacks (a race's two
    accesses), to say where the damage was."""
    found, stack = [], 0
    for line in log[after:].splitlines()[1:80]:
        if re.match(r"\s*#0 ", line):
            stack += 1
            if stack > 2:
                break
        m = re.search(r"#\d+ .*?(\w+)(?:<[^()]*>)?\(.*?(core/\w+\.(?:cc|h):\d+)", line)
        if m and len(found) < stack:
            found.append("%s (%s)" % (m.group(1), m.group(2)))
    return " vs ".join(found) or None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--rule", required=True)
    ap.add_argument("--seed", default="19")
    ap.add_argument("--seconds", default="4", help="length of the kept run")
    ap.add_argument("--broken-seconds", default="30", help="bound on the broken run")
    a = ap.parse_args()
    base = [a.binary, "--rule", a.rule, "--seed", a.seed]

    rc, log = run(base + ["--seconds", a.seconds], timeout=120)
    kept_damage = DAMAGE.search(log)
    print("kept:   exit %s, %s" % (rc, kept_damage.group(0) if kept_damage else log.strip().splitlines()[-1]))
    rc2, log2 = run(base + ["--broken", "--seconds", a.broken_seconds], timeout=180)
    m = DAMAGE.search(log2)
    where = core_frames(log2, m.start()) if m and "ThreadSanitizer" in m.group(0) else None
    print("broken: exit %s, %s%s" % (rc2, m.group(0) if m else "no damage seen",
                                     " at " + where if where else ""))
    ok = rc == 0 and not kept_damage and rc2 != 0 and m is not None
    if not ok:
        print("--- kept run ---\n" + log[-4000:] + "\n--- broken run ---\n" + log2[-4000:])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
