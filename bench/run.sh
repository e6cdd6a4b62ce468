#!/usr/bin/env bash
# The compiler's benchmark: CPU time of `lockspec compile` on rules/mm.rules (all backends, and
# the JSON model alone), and on synthetic specs of 1k, 10k and 100k rules as a guard against
# growth worse than linear.  llvm-tblgen-14 --print-records on as many records runs beside the
# synthetic specs as a control: its growth on the same machine, under the same load, is what
# linear looks like here.
#
# Usage: bench/run.sh [LOCKSPEC_BINARY]      (default: build/bin/lockspec under the repo root)
# Environment:
#   BENCH_SIZES    space-separated rule counts      (default "1000 10000 100000")
#   BENCH_RUNS     runs per measurement, median kept (default 5; mm.rules runs 4x as often)
#   BENCH_TIMEOUT  seconds before one run is abandoned (default 60)
#   TBLGEN         control binary (default /usr/lib/llvm-14/bin/llvm-tblgen)
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
lockspec=${1:-$root/build/bin/lockspec}
sizes=${BENCH_SIZES:-"1000 10000 100000"}
runs=${BENCH_RUNS:-5}
limit=${BENCH_TIMEOUT:-60}
tblgen=${TBLGEN:-/usr/lib/llvm-14/bin/llvm-tblgen}
py=/usr/bin/python3

[ -x "$lockspec" ] || { echo "lockspec binary not found: $lockspec" >&2; exit 2; }
[ -x "$tblgen" ] || { echo "warning: $tblgen not found; control column skipped" >&2; tblgen=; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lockspec-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# cpu_ms N CMD...: the median CPU time (user + sys, ms) of N runs of CMD, stdout discarded (the
# file system's cost of absorbing outputs of different sizes is not what is measured), or
# TIMEOUT / FAIL:<rc>.  CPU time rather than wall time: the machine is shared, and another
# process holding a core stretches wall time but not the CPU time a run needs.
cpu_ms() {
  local n=$1 k rc
  shift
  : >"$tmp/times"
  for ((k = 0; k < n; k++)); do
    { TIMEFORMAT='%3U %3S'; time timeout "$limit" "$@" >/dev/null 2>"$tmp/err"; } 2>"$tmp/time"
    rc=$?
    if [ "$rc" -eq 124 ]; then echo TIMEOUT; return; fi
    if [ "$rc" -ne 0 ]; then echo "FAIL:$rc"; return; fi
    awk '{ printf "%.1f\n", ($1 + $2) * 1000 }' "$tmp/time" >>"$tmp/times"
  done
  sort -n "$tmp/times" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
is_num() { [[ $1 =~ ^[0-9.]+$ ]]; }
ratio() { if is_num "$1" && is_num "$2"; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; else echo -; fi; }

echo "lockspec: $lockspec"
echo "control:  ${tblgen:-none}"
echo "CPU time (user + sys), median of $runs runs (mm.rules: of $((4 * runs)))"
echo

# --- the real spec --------------------------------------------------------------------------
mkdir -p "$tmp/out"
all=$(cpu_ms $((4 * runs)) "$lockspec" compile "$root/rules/mm.rules" -o "$tmp/out")
json=$(cpu_ms $((4 * runs)) "$lockspec" compile --emit=json "$root/rules/mm.rules")
echo "rules/mm.rules, all backends (-o DIR): $all ms"
echo "rules/mm.rules, --emit=json:           $json ms"
echo

# --- synthetic specs --------------------------------------------------------------------------
# bench/gen_spec.py N: blocks of 10 rules shaped like rules/ (see the script).  The lockspec and
# tblgen measurements of a size follow each other, so both see about the same load.
printf '%-7s %-10s %-12s %-5s %-12s\n' rules bytes lockspec_ms diag tblgen_ms
declare -A LS TG
for n in $sizes; do
  spec="$tmp/spec$n.rules"
  "$py" "$here/gen_spec.py" "$n" >"$spec"
  LS[$n]=$(cpu_ms "$runs" "$lockspec" compile --emit=json "$spec")
  diag=$(wc -l <"$tmp/err")
  TG[$n]=-
  if [ -n "$tblgen" ]; then
    "$py" "$here/gen_spec.py" --tablegen "$n" >"$tmp/spec$n.td"
    TG[$n]=$(cpu_ms "$runs" "$tblgen" --print-records "$tmp/spec$n.td")
  fi
  printf '%-7s %-10s %-12s %-5s %-12s\n' "$n" "$(wc -c <"$spec")" "${LS[$n]}" "$diag" "${TG[$n]}"
done
echo "(diag: lines on stderr, 0 expected)"
echo

echo "growth for 10x the rules (10 = linear, 100 = quadratic):"
prev=
for n in $sizes; do
  if [ -n "$prev" ]; then
    echo "  $prev -> $n: lockspec $(ratio "${LS[$n]}" "${LS[$prev]}")x," \
      "tblgen $(ratio "${TG[$n]}" "${TG[$prev]}")x"
  fi
  prev=$n
done

# --- targets --------------------------------------------------------------------------------
if [ -n "${LS[10000]:-}" ] && [ -n "${LS[100000]:-}" ]; then
  g=$(ratio "${LS[100000]}" "${LS[10000]}")
  echo "target 10k -> 100k <= 11x: $(awk -v g="$g" 'BEGIN { print (g != "-" && g <= 11) ? "PASS" : "FAIL" }') ($g)"
  echo "target 100k <= 3000 ms CPU: $(awk -v t="${LS[100000]}" 'BEGIN { print (t ~ /^[0-9.]+$/ && t <= 3000) ? "PASS" : "FAIL" }') (${LS[100000]} ms)"
fi

# --- where the time goes ----------------------------------------------------------------------
last=${sizes##* }
echo
echo "phases at $last rules (one run, --time-report):"
"$lockspec" compile --emit=json "$tmp/spec$last.rules" --time-report 2>&1 >/dev/null |
  sed -n '/time report/,$p' | sed 's/^/  /'
