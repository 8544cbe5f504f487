#!/usr/bin/env bash
# Issue 18's size classes, timed and measured against a reference in the same run:
#  - chained lets: n = 3000 against n = 1500 (near-linear: ratio about 2, was about 4);
#  - a 40 MB comment-only file: peak memory against the file's size (was 18x);
#  - a width-10^6 random state: load time and peak memory against width 10^4, and a claim on it (dot(u, u) at t = 0);
#  - a flat identity of 10^6 terms through verify (every walk iterative; it overflowed the stack), against 10^5;
#  - budgets that hold: the longest claim of a file under --max-seconds 5 (claims sharing an integration wait
#    only within their own budget), and fixedpoints --max-seconds 5 on a search that needs minutes.
# Then, with --cases, every class of Benchmarks/hostile_cases.py (about 1000 generated hostile inputs, checked
# for crashes, hangs, unclear messages and numbers against mpmath; 30-60 minutes).
# Usage: Benchmarks/hostile_inputs.sh [BUILD_DIR] [--cases]   (default .build/release; builds phasecheck there if absent)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build/release}/phasecheck"
CASES="${2:-}"
[ -x "$BIN" ] || swift build -c release --product phasecheck
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

chain() {  # n chained lets and a claim on the last
  { echo 'title "chain"'; echo 'param p = 1 in (0, inf)'; echo 'state u = 1'; echo "ode u' = -u"; echo 'horizon 1'; echo 'let l0 = p'
    for ((i = 1; i < $1; i++)); do echo "let l$i = l$((i - 1)) + p"; done
    echo "claim \"sum\": value l$(($1 - 1)) at t = 0 == $1"; } > "$TMP/chain$1.phc"
}
measure() {  # prints "seconds kilobytes" of one run
  /usr/bin/time -f "%e %M" -o "$TMP/time" "$BIN" "$@" > /dev/null 2>&1 || true
  tail -n 1 "$TMP/time"   # (time also writes "Command exited with non-zero status N" first)
}
chain 1500; chain 3000
read -r t1 _ < <(measure verify "$TMP/chain1500.phc"); read -r t2 _ < <(measure verify "$TMP/chain3000.phc")
echo "chained lets: 1500 in $t1 s, 3000 in $t2 s, ratio $(echo "$t2 / $t1" | bc -l | cut -c1-4) (linear: 2)"

python3 -c "import sys; sys.stdout.write(open('derivations/saxe_logistic.phc').read() + ('# ' + 'x' * 98 + '\n') * 400000)" > "$TMP/comment.phc"
size=$(($(stat -c %s "$TMP/comment.phc") / 1024))
read -r t m < <(measure verify "$TMP/comment.phc")
echo "40 MB of comments: $t s, peak $m KB = $(echo "$m / $size" | bc -l | cut -c1-4) x the file"

wide() { printf 'width d = %s\nstate u[d] ~ normal(0, 1) seed 1\node u'"'"' = -u\nlet e = dot(u, u)\n' "$1" > "$TMP/wide$1.phc"; }
wide 10000; wide 1000000
read -r ts ms < <(measure verify "$TMP/wide10000.phc"); read -r tw mw < <(measure verify "$TMP/wide1000000.phc")
echo "random state, width 10^4: $ts s $ms KB; width 10^6: $tw s $mw KB (loading only: the files have no claim)"
echo 'claim "dot": value dot(u, u) at t = 0 == 1000000 digits 1' >> "$TMP/wide1000000.phc"
read -r td md < <(measure verify "$TMP/wide1000000.phc")
echo "width 10^6, value dot(u, u) at t = 0: $td s $md KB (the tape stores the values live at once; no integrator at t = 0)"

flat() { python3 -c "import sys; n = int(sys.argv[1]); print('param x = 1\\nclaim \"flat\": identity ' + '+'.join(['x'] * n) + f' == {n}*x')" "$1" > "$TMP/flat$1.phc"; }
flat 100000; flat 1000000
read -r t5 m5 < <(measure verify "$TMP/flat100000.phc"); read -r t6 m6 < <(measure verify "$TMP/flat1000000.phc")
echo "flat identity of 10^5 terms: $t5 s $m5 KB; 10^6 terms: $t6 s $m6 KB, ratio $(echo "$t6 / $t5" | bc -l | cut -c1-4) (linear: 10)"

"$BIN" verify derivations/kunin_get_rich_quick.phc --max-seconds 5 --format json --timings > "$TMP/grq.json" 2>/dev/null || true
python3 - "$TMP/grq.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
seconds = [c["seconds"] for f in report["files"] for c in f["claims"] if c.get("seconds") is not None]
print(f"kunin_get_rich_quick --max-seconds 5: {len(seconds)} claims, longest {max(seconds):.2f} s = {max(seconds) / 5:.2f} x the budget")
PY
start=$(date +%s.%N)
"$BIN" fixedpoints derivations/meng_wang_contrastive.phc --box Q=-1:1,R=-1:1 --max-seconds 5 > /dev/null 2>&1 || true
echo "fixedpoints --max-seconds 5 over Meng-Wang's [-1,1]^2: $(echo "$(date +%s.%N) - $start" | bc -l | cut -c1-5) s"

[ "$CASES" = "--cases" ] && python3 Benchmarks/hostile_cases.py "$BIN" --jsonl "$TMP/cases.jsonl"
exit 0
