#!/usr/bin/env bash
# The zero-cost figures of the cxx wrappers in one run: the timed ratio (median and spread of
# interleaved rounds, from cxx_wrappers_bench itself) and the instruction ratio, counted by
# callgrind over each loop function alone (--toggle-collect), which no other load on the
# machine can move.
#
# Usage: bench/cxx_wrappers_bench.sh [BENCH_BINARY]   (default: build/bin/cxx_wrappers_bench)
# Environment:
#   BENCH_ITERS   iterations per timed round   (default 200000)
#   BENCH_ROUNDS  timed rounds                 (default 201)
#   BENCH_COUNT   iterations counted under callgrind (default 100000)
#   BENCH_MAX_INSTR_RATIO  fail (exit 1) when wrapped/raw instructions exceed it (ctest sets 1.01)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/bin/cxx_wrappers_bench}
[ -x "$bin" ] || { echo "benchmark binary not found: $bin" >&2; exit 2; }

"$bin" "${BENCH_ITERS:-200000}" "${BENCH_ROUNDS:-201}"

count=${BENCH_COUNT:-100000}
if ! command -v valgrind >/dev/null; then
  echo "instructions: valgrind not found, not counted"
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxx-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# ir LOOP: instructions executed inside function LOOP (and its callees) over $count iterations.
ir() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/$1.out" --collect-atstart=no \
    --toggle-collect="*$1(*" "$bin" --only "$2" "$count" 2>"$tmp/$1.err" ||
    { cat "$tmp/$1.err" >&2; exit 1; }
  awk '/^(summary|totals):/ { print $2; exit }' "$tmp/$1.out"
}
raw=$(ir loopRaw raw)
wrapped=$(ir loopWrapped wrapped)
awk -v r="$raw" -v w="$wrapped" -v n="$count" -v max="${BENCH_MAX_INSTR_RATIO:-}" 'BEGIN {
  printf "instructions (callgrind, %d iterations): raw %d (%.2f/iter), wrapped %d (%.2f/iter), ratio %.4f\n",
         n, r, r / n, w, w / n, w / r
  if (r <= 0 || w <= 0) { print "FAIL: no instructions counted (loop names changed?)"; exit 1 }
  if (max != "" && w / r > max) { printf "FAIL: instruction ratio above %s\n", max; exit 1 }
}'
