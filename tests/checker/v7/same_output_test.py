#!/usr/bin/env python3
"""`lockspec check` over Linux v7.0's mm/*.c prints the same bytes on one worker thread and
on several: the summaries across functions are computed level by level in parallel, and
nothing of that schedule may reach the output (findings, their order, the coverage lines).

Fails, saying so, when the v7.0 copy is absent."""
import os
import subprocess
import sys

import v7_corpus


def run(lockspec, spec, files, jobs):
    p = subprocess.run([lockspec, "check", "--spec", spec, "--no-progress", "-j", str(jobs)]
                       + files, capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit(f"same_output: -j {jobs} exited {p.returncode}:\n{p.stderr.decode()}")
    return p.stdout, p.stderr


def main():
    ap = v7_corpus.parser(__doc__)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2, 4])
    args = ap.parse_args()
    files = v7_corpus.mm_files(args, "same_output")
    spec = os.path.join(args.repo, "rules", "mm.rules")
    runs = [(j, run(args.lockspec, spec, files, j)) for j in args.jobs]
    first_j, (out0, err0) = runs[0]
    if b"functions analysed:" not in err0:
        sys.exit("same_output: no coverage line on stderr")
    failed = False
    for j, (out, err) in runs[1:]:
        for name, a, b in (("stdout", out0, out), ("stderr", err0, err)):
            if a != b:
                la, lb = a.splitlines(), b.splitlines()
                i = next((k for k in range(min(len(la), len(lb))) if la[k] != lb[k]),
                         min(len(la), len(lb)))
                print(f"same_output: {name} of -j {first_j} and -j {j} differ at line {i + 1} "
                      f"({len(la)} vs {len(lb)} lines):\n  {la[i:i+1]}\n  {lb[i:i+1]}")
                failed = True
    summary = [l for l in err0.decode().splitlines() if "functions analysed" in l or
               " errors and " in l]
    print("same_output: -j " + ", ".join(str(j) for j, _ in runs) +
          (" differ" if failed else " print the same bytes") + "; " + "; ".join(summary))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
