#!/usr/bin/env bash
# Benchmark `lockspec compile --emit=json` on rules/mm.rules and on synthetic specs of 1k, 10k
# and 100k rules, with llvm-tblgen-14 --print-records on the same record counts as the peer.
#
# Usage: bench/run.sh [LOCKSPEC_BINARY]      (default: build/bin/lockspec under the repo root)
# Environment:
#   BENCH_SIZES    space-separated rule counts      (default "1000 10000 100000")
#   BENCH_RUNS     runs per measurement, best kept   (default 3; mm.rules uses 5)
#   BENCH_TIMEOUT  seconds before one run is abandoned (default 60)
#   TBLGEN         peer binary (default /usr/lib/llvm-14/bin/llvm-tblgen)
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
lockspec=${1:-$root/build/bin/lockspec}
sizes=${BENCH_SIZES:-"1000 10000 100000"}
runs=${BENCH_RUNS:-3}
limit=${BENCH_TIMEOUT:-60}
tblgen=${TBLGEN:-/usr/lib/llvm-14/bin/llvm-tblgen}
py=/usr/bin/python3

[ -x "$lockspec" ] || { echo "lockspec binary not found: $lockspec" >&2; exit 2; }
[ -x "$tblgen" ] || { echo "warning: $tblgen not found; peer column skipped" >&2; tblgen=; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lockspec-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# best_ns N CMD... : best wall time in ns over N runs; prints "TIMEOUT" if a run exceeds the
# limit, "FAIL:<rc>" if one fails.  Output goes to $tmp/out, stderr to $tmp/err.
best_ns() {
  local n=$1; shift
  local best= t0 t1 rc
  for ((k = 0; k < n; k++)); do
    t0=$(date +%s%N)
    timeout "$limit" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    t1=$(date +%s%N)
    if [ $rc -eq 124 ]; then echo TIMEOUT; return; fi
    if [ $rc -ne 0 ]; then echo "FAIL:$rc"; return; fi
    local d=$((t1 - t0))
    if [ -z "$best" ] || [ $d -lt $best ]; then best=$d; fi
  done
  echo "$best"
}

secs() { awk -v ns="$1" 'BEGIN { printf "%.4f", ns / 1e9 }'; }
rate() { awk -v n="$1" -v ns="$2" 'BEGIN { printf "%.0f", n / (ns / 1e9) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
is_num() { [[ $1 =~ ^[0-9]+$ ]]; }

echo "lockspec: $lockspec"
echo "peer:     ${tblgen:-none}"
echo "runs: best of $runs (mm.rules: best of 5), timeout ${limit}s per run"
echo

# --- the real spec --------------------------------------------------------------------------
mm_ns=$(best_ns 5 "$lockspec" compile --emit=json "$root/rules/mm.rules")
mm_bytes=$(cat "$root"/rules/*.rules | wc -c)
if is_num "$mm_ns"; then
  mm_ms=$(awk -v ns="$mm_ns" 'BEGIN { printf "%.1f", ns / 1e6 }')
  verdict=$(awk -v ns="$mm_ns" 'BEGIN { print (ns <= 10e6) ? "PASS" : "FAIL" }')
  echo "rules/mm.rules ($mm_bytes bytes in rules/*.rules): ${mm_ms} ms   target <= 10 ms: $verdict"
else
  echo "rules/mm.rules: $mm_ns"; head -5 "$tmp/err"
fi
echo

# --- synthetic specs ------------------------------------------------------------------------
printf '%-8s %-10s %-10s %-12s %-11s %-10s %-12s %-14s\n' \
  rules bytes ls_sec ls_rules/s diag_lines tg_sec tg_recs/s lockspec/tblgen
declare -A T
for n in $sizes; do
  spec="$tmp/spec$n.rules"
  td="$tmp/spec$n.td"
  "$py" "$here/gen_spec.py" "$n" >"$spec"
  "$py" "$here/gen_spec.py" --tablegen "$n" >"$td"
  bytes=$(wc -c <"$spec")
  ns=$(best_ns "$runs" "$lockspec" compile --emit=json "$spec")
  diag=$(wc -l <"$tmp/err")
  T[$n]=$ns
  if is_num "$ns"; then ls_s=$(secs "$ns"); ls_r=$(rate "$n" "$ns"); else ls_s="$ns"; ls_r="<$((n / limit))"; fi
  tg_s=-; tg_r=-; rel=-
  if [ -n "$tblgen" ]; then
    tns=$(best_ns "$runs" "$tblgen" --print-records "$td")
    if is_num "$tns"; then
      tg_s=$(secs "$tns"); tg_r=$(rate "$n" "$tns")
      if is_num "$ns"; then rel=$(ratio "$tns" "$ns"); else rel="<$(ratio "$tns" "$((limit * 1000000000))")"; fi
    else
      tg_s=$tns
    fi
  fi
  printf '%-8s %-10s %-10s %-12s %-11s %-10s %-12s %-14s\n' \
    "$n" "$bytes" "$ls_s" "$ls_r" "$diag" "$tg_s" "$tg_r" "$rel"
done
echo "(lockspec/tblgen = lockspec records/s divided by tblgen records/s; >= 1 meets the target)"
echo

# --- scaling ----------------------------------------------------------------------------------
echo "scaling (10x more rules; ~10 = linear, ~100 = quadratic):"
prev=
for n in $sizes; do
  if [ -n "$prev" ]; then
    a=${T[$n]}; b=${T[$prev]}
    if is_num "$a" && is_num "$b"; then
      echo "  time($n)/time($prev) = $(ratio "$a" "$b")"
    elif is_num "$b"; then
      echo "  time($n)/time($prev) > $(ratio "$((limit * 1000000000))" "$b")  ($n timed out)"
    else
      echo "  time($n)/time($prev) = n/a"
    fi
  fi
  prev=$n
done
echo

# --- targets --------------------------------------------------------------------------------
last=${sizes##* }
if [ "$last" = 100000 ]; then
  if is_num "${T[100000]}"; then
    v=$(awk -v ns="${T[100000]}" 'BEGIN { print (ns <= 1e9) ? "PASS" : "FAIL" }')
    echo "target 100k rules <= 1 s: $v ($(secs "${T[100000]}") s)"
  else
    echo "target 100k rules <= 1 s: FAIL (${T[100000]}, limit ${limit}s)"
  fi
fi
