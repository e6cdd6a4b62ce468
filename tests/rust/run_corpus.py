#!/usr/bin/env python3
"""Compiles every case of the spec-derived rust corpus (generated/rust/corpus) with rustc.

The crate is built once with cargo; each case is then one small `rustc --emit=metadata` run
against its rlib.  A positive case must compile; a negative one must fail with the error code
and message text its `// lockspec-expect: CODE | TEXT` line names (failing for another
reason is a failure of the corpus).  Prints one coverage line, and the rules Rust cannot
express (unexpressed.txt) by kind.
"""
import argparse
import concurrent.futures
import os
import pathlib
import re
import subprocess
import sys
import tempfile

CASE = re.compile(r"^// lockspec-case: (.*) \| (.*) \| (positive|negative)$", re.M)
EXPECT = re.compile(r"^// lockspec-expect: (E\d{4}) \| (.*)$", re.M)


def build(cargo, crate, target_dir):
    env = dict(os.environ, CARGO_TARGET_DIR=target_dir)
    proc = subprocess.run([cargo, "build", "--offline", "--locked", "--lib", "--manifest-path",
                           str(crate / "Cargo.toml")], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"FAIL cargo build\n{proc.stderr}")
    rlib = pathlib.Path(target_dir) / "debug" / "liblockspec_mm.rlib"
    if not rlib.exists():
        sys.exit(f"FAIL no {rlib}")
    return rlib


def compile_one(rustc, rlib, out, path):
    proc = subprocess.run([rustc, "--edition", "2021", "--crate-type", "lib", "--emit=metadata",
                           "--error-format=short", "--extern", f"lockspec_mm={rlib}",
                           "-L", str(rlib.parent / "deps"), "-o",
                           str(out / (path.stem + ".rmeta")), str(path)],
                          capture_output=True, text=True)
    return path, proc.returncode, proc.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cargo", required=True)
    ap.add_argument("--rustc", required=True)
    ap.add_argument("--crate", required=True)
    ap.add_argument("--target-dir", required=True)
    ap.add_argument("--corpus", help="the cases (default: CRATE/corpus)")
    ap.add_argument("--out", help="where each case's rustc output is kept")
    ap.add_argument("-j", type=int, default=2)
    args = ap.parse_args()
    crate = pathlib.Path(args.crate)
    corpus = pathlib.Path(args.corpus) if args.corpus else crate / "corpus"
    files = sorted(corpus.glob("*.rs"))
    rlib = build(args.cargo, crate, args.target_dir)
    out = pathlib.Path(args.out) if args.out else pathlib.Path(tempfile.mkdtemp())
    out.mkdir(parents=True, exist_ok=True)
    meta = {}
    for f in files:
        text = f.read_text()
        case = CASE.search(text)
        expect = EXPECT.search(text)
        meta[f] = (case.group(1), case.group(2).split(" ")[0], case.group(3),
                   expect.groups() if expect else None)
    failed = []
    decided = [0, 0]  # negatives rejected as expected, positives accepted
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        for path, rc, err in pool.map(lambda f: compile_one(args.rustc, rlib, out, f), files):
            (out / (path.stem + ".stderr")).write_text(err)
            requirement, variant, kind, expect = meta[path]
            if kind == "positive":
                if rc == 0:
                    decided[1] += 1
                else:
                    failed.append((path, "a positive case does not compile", err))
                continue
            code, message = expect
            lines = [l for l in err.splitlines() if f"error[{code}]" in l]
            if rc == 0:
                failed.append((path, "a negative case compiles", err))
            elif not lines:
                failed.append((path, f"no error[{code}]", err))
            elif not any(message in l for l in lines):
                failed.append((path, f"error[{code}] without '{message}'", err))
            else:
                decided[0] += 1
    for path, why, err in failed:
        print(f"FAIL {path.name}: {why}\n{err}")
    cases = list(meta.values())
    requirements = {c[0] for c in cases}
    variants = {c[1] for c in cases}
    negatives = sum(1 for c in cases if c[2] == "negative")
    positives = len(cases) - negatives
    unexpressed = [l for l in (corpus / "unexpressed.txt").read_text().splitlines()
                   if l and not l.startswith("#")]
    by_kind = {}
    for l in unexpressed:
        kind = l.split(" ", 1)[0]
        by_kind[kind] = by_kind.get(kind, 0) + 1
    version = subprocess.run([args.rustc, "--version"], capture_output=True,
                             text=True).stdout.split()[1]
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(by_kind.items()))
    print(f"rust corpus: {len(requirements)} requirements x {len(variants)} variant kinds = "
          f"{len(cases)} cases ({positives} positive, {negatives} negative) in {len(files)} "
          f"files; rustc {version} rejects {decided[0]}/{negatives} negatives with the expected "
          f"code and message and accepts {decided[1]}/{positives} positives; "
          f"{len(unexpressed)} rules Rust cannot express ({kinds}; unexpressed.txt)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
