#!/usr/bin/env python3
"""Compiles every file of the spec-derived cxx corpus with each compiler in `-verify` mode.

A file passes when every expected diagnostic appears with its text on its line and nothing
else is reported.  Prints one coverage line: requirements x variants generated, and how many
cases each compiler decides as the corpus says (rejects the negatives, accepts the positives).
"""
import argparse
import concurrent.futures
import pathlib
import re
import subprocess
import sys
import tempfile

FLAGS = ["-std=c++20", "-fsyntax-only", "-ferror-limit=0", "-Xclang", "-verify",
         "-Xclang", "-verify-ignore-unexpected=note",
         "-Wthread-safety", "-Wthread-safety-beta", "-Werror"]
CASE = re.compile(r"^// lockspec-case: (.*) \| (.*) \| (positive|negative)$", re.M)


def cases(path):
    return [(m.group(1), m.group(2), m.group(3)) for m in CASE.finditer(path.read_text())]


def precompile(compiler, include, tmp):
    """The header once per compiler, itself warning-free under the same flags."""
    pch = pathlib.Path(tmp) / (pathlib.Path(compiler).name + ".pch")
    proc = subprocess.run([compiler, "-std=c++20", "-x", "c++-header", "-Wthread-safety",
                           "-Wthread-safety-beta", "-Werror", "-I", include,
                           str(pathlib.Path(include) / "lockspec" / "mm_locks.h"), "-o", str(pch)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"FAIL {compiler} lockspec/mm_locks.h\n{proc.stdout}{proc.stderr}")
    return pch


def compile_one(compiler, include, pch, path):
    proc = subprocess.run([compiler, *FLAGS, "-I", include, "-include-pch", str(pch), str(path)],
                          capture_output=True, text=True)
    return compiler, path, proc.returncode, proc.stdout + proc.stderr


def version(compiler):
    out = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout
    m = re.search(r"version (\S+)", out)
    return m.group(1) if m else "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--compiler", action="append", required=True)
    ap.add_argument("--validator-tests", help="source whose TEST_Fs unchecked.txt must name")
    ap.add_argument("-j", type=int, default=2)
    args = ap.parse_args()
    corpus = pathlib.Path(args.corpus)
    files = sorted(corpus.glob("*.cc"))
    all_cases = {f: cases(f) for f in files}
    total = [c for cs in all_cases.values() for c in cs]
    requirements = {c[0] for c in total}
    variants = {c[1].split(" ")[0] for c in total}
    negatives = sum(1 for c in total if c[2] == "negative")
    # Every requirement must be shown both satisfied and broken.
    one_sided = sorted(r for r in requirements
                       if not {"positive", "negative"} <= {c[2] for c in total if c[0] == r})
    for r in one_sided:
        print(f"FAIL requirement without both a positive and a negative case: {r}")
    positives = len(total) - negatives

    failed = []
    decided = {c: [0, 0] for c in args.compiler}  # rejected negatives, accepted positives
    tmp = tempfile.TemporaryDirectory()
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        pchs = dict(zip(args.compiler, pool.map(lambda c: precompile(c, args.include, tmp.name),
                                                 args.compiler)))
        jobs = [pool.submit(compile_one, c, args.include, pchs[c], f)
                for c in args.compiler for f in files]
        for job in jobs:
            compiler, path, rc, out = job.result()
            if rc == 0:
                cs = all_cases[path]
                decided[compiler][0] += sum(1 for c in cs if c[2] == "negative")
                decided[compiler][1] += sum(1 for c in cs if c[2] == "positive")
            else:
                failed.append((compiler, path, out))
    for compiler, path, out in failed:
        print(f"FAIL {compiler} {path.name}\n{out}")
    unchecked = [l for l in (corpus / "unchecked.txt").read_text().splitlines()
                 if l and not l.startswith("#")]
    # Each rule clang cannot check must name a validator test that exists, or say 'none' (a gap
    # neither checks, counted apart so the coverage line cannot hide it).
    neither = [l for l in unchecked if l.rsplit("|", 1)[-1].strip() == "none"]
    missing_tests = []
    if args.validator_tests:
        source = pathlib.Path(args.validator_tests).read_text()
        for line in unchecked:
            if line in neither:
                continue
            suite, _, test = line.rsplit("|", 1)[-1].strip().partition(".")
            if not test or f"TEST_F({suite}, {test})" not in source:
                missing_tests.append(line)
                print(f"FAIL no validator test for: {line}")
    per = "; ".join(f"{c} {version(c)} rejects {decided[c][0]}/{negatives} negatives and "
                    f"accepts {decided[c][1]}/{positives} positives" for c in args.compiler)
    print(f"cxx corpus: {len(requirements)} requirements x {len(variants)} variant kinds = "
          f"{len(total)} cases ({positives} positive, {negatives} negative) in {len(files)} files, "
          f"{len(requirements) - len(one_sided)}/{len(requirements)} requirements with both; "
          f"{per}; {len(unchecked)} rules clang cannot check: {len(unchecked) - len(neither)} "
          f"with a validator test, {len(neither)} checked by neither (unchecked.txt)")
    return 1 if failed or one_sided or missing_tests else 0


if __name__ == "__main__":
    sys.exit(main())
