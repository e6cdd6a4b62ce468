#!/usr/bin/env python3
"""`lockspec check` over Linux v7.0's mm/*.c, code the kernel community considers correct,
reports exactly the findings listed in expected-findings.txt, and analyses at least 98% of the
function definitions.

Every finding in the list carries the reason it is not a bug (or is one) in the `#` lines
above it, so a finding that appears is either a false positive to fix or a real bug to explain,
and one that disappears is a change to account for: both fail here until the list says so.
The list holds no errors: issue 21 asks for none on these files.

`--update` rewrites the finding lines of the list from a run, keeping the reasons of findings
still reported (a new finding gets a `# why: TODO` line, which fails the test until written).

Fails, saying so, when the v7.0 copy is absent."""
import collections
import os
import re
import subprocess
import sys

import v7_corpus

FINDING = re.compile(r"^(?:.*/)?(mm/[^:]+:\d+:\d+: (?:error|warning): .*)$")
COVERAGE = re.compile(r"functions analysed: (\d+) of (\d+)")


def run_check(lockspec, spec, files):
    p = subprocess.run([lockspec, "check", "--spec", spec, "--no-progress"] + files,
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"findings: lockspec check exited {p.returncode}:\n{p.stderr}")
    findings = []
    for line in (p.stdout + p.stderr).splitlines():
        m = FINDING.match(line)
        if m:
            findings.append(m.group(1))
    cov = COVERAGE.search(p.stderr + p.stdout)
    if not cov:
        sys.exit("findings: no coverage line in the output")
    return findings, int(cov.group(1)), int(cov.group(2))


def read_expected(path):
    """Returns [(reason lines, finding)] in file order."""
    entries, reason = [], []
    with open(path) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("#"):
                reason.append(line)
            elif not line.strip():
                reason = []  # a blank line ends the file's header
            else:
                entries.append((reason, line))
                reason = []
    return entries


def main():
    ap = v7_corpus.parser(__doc__)
    ap.add_argument("--update", action="store_true",
                    help="rewrite the finding lines of expected-findings.txt from this run")
    args = ap.parse_args()
    files = v7_corpus.mm_files(args, "findings")
    expected_path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                 "expected-findings.txt")
    got, analysed, defined = run_check(args.lockspec,
                                       os.path.join(args.repo, "rules", "mm.rules"), files)
    entries = read_expected(expected_path)

    if args.update:
        header, body = [], []
        with open(expected_path) as f:
            for line in f:
                if not line.startswith("#"):
                    break
                header.append(line.rstrip("\n"))
        reasons = {finding: reason for reason, finding in entries}
        for finding in got:
            body += (reasons.get(finding) or ["# why: TODO"]) + [finding]
        with open(expected_path, "w") as f:
            f.write("\n".join(header + [""] + body) + "\n")
        print(f"findings: wrote {len(got)} findings to {expected_path}")
        return 0

    failed = []
    want = [finding for _, finding in entries]
    got_count, want_count = collections.Counter(got), collections.Counter(want)
    for finding in sorted((got_count - want_count).elements()):
        failed.append(f"new finding (a false positive to fix, or a real bug to explain): {finding}")
    for finding in sorted((want_count - got_count).elements()):
        failed.append(f"expected finding gone (take it out of the list): {finding}")
    for reason, finding in entries:
        if ": error: " in finding:
            failed.append(f"the list holds an error; there must be none: {finding}")
        if not reason or any("TODO" in r for r in reason):
            failed.append(f"no reason given for: {finding}")
    if analysed * 100 < defined * 98:
        failed.append(f"functions analysed: {analysed} of {defined}, under 98%")
    for f in failed:
        print("findings: " + f)
    errors = sum(": error: " in g for g in got)
    print(f"findings: {errors} errors and {len(got) - errors} warnings on v7.0 mm/*.c, "
          f"functions analysed: {analysed} of {defined}; "
          + ("differs from the list" if failed else "as listed, each with its reason"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
