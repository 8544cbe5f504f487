#!/usr/bin/env bash
# Issue 18's size classes, timed and measured against a reference in the same run:
#  - chained lets: n = 3000 against n = 1500 (near-linear: ratio about 2, was about 4);
#  - a 40 MB comment-only file: peak memory against the file's size (was 18x);
#  - a width-10^6 random state: load time and peak memory against width 10^4.
# Usage: Benchmarks/hostile_inputs.sh [BUILD_DIR]   (default .build/release; builds phasecheck there if absent)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build/release}/phasecheck"
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
