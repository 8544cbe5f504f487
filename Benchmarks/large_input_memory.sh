#!/usr/bin/env bash
# Peak memory (max RSS) and CPU seconds of phasecheck on issue 18's two large inputs, against numpy doing the same
# arithmetic in doubles (the reference: what holding the data alone costs):
#  - a flat identity of N terms, `x + x + ... + x == N*x` (parsed, compared exactly and in interval arithmetic);
#  - `value dot(u, u) at t = 0` on a state of width N drawn from normal(0, 1) (the tape of a 10^6-term reduction).
# Usage: Benchmarks/large_input_memory.sh [BUILD_DIR] [N]   (default .build/release, N = 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build/release}/phasecheck"
N="${2:-1000000}"
[ -x "$BIN" ] || swift build -c release --product phasecheck
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

measure() {  # prints "cpu_seconds peak_megabytes" of one command
  /usr/bin/time -f "%U %S %M" -o "$TMP/time" "$@" > "$TMP/out" 2>&1 || { cat "$TMP/out" >&2; exit 1; }
  awk 'END { printf "%.2f %.0f\n", $1 + $2, $3 / 1024 }' "$TMP/time"
}

python3 -c "import sys; n = int(sys.argv[1]); print('param x = 1\nclaim \"flat\": identity ' + '+'.join(['x'] * n) + f' == {n}*x')" "$N" > "$TMP/flat.phc"
printf 'width d = %s\nstate u[d] ~ normal(0, 1) seed 1\node u'"'"' = -u\nclaim "dot": value dot(u, u) at t = 0 == %s digits 1\n' "$N" "$N" > "$TMP/wide.phc"

read -r c1 m1 < <(measure "$BIN" verify "$TMP/flat.phc"); grep -q "1 hold" "$TMP/out" || { echo "flat identity did not hold" >&2; exit 1; }
read -r r1 n1 < <(measure python3 -c "import numpy, sys; n = int(sys.argv[1]); x = numpy.ones(n); assert x.sum() == n" "$N")
read -r c2 m2 < <(measure "$BIN" verify "$TMP/wide.phc"); grep -q "1 hold" "$TMP/out" || { echo "dot at t = 0 did not hold" >&2; exit 1; }
read -r r2 n2 < <(measure python3 -c "import numpy, sys; n = int(sys.argv[1]); u = numpy.random.default_rng(1).standard_normal(n); print(u @ u)" "$N")

printf '%-44s %10s %10s %14s %14s\n' "input (N = $N)" "CPU s" "peak MB" "numpy CPU s" "numpy peak MB"
printf '%-44s %10s %10s %14s %14s\n' "flat identity x + ... + x == N*x" "$c1" "$m1" "$r1" "$n1"
printf '%-44s %10s %10s %14s %14s\n' "value dot(u, u) at t = 0, width N" "$c2" "$m2" "$r2" "$n2"
echo "peak memory against numpy: flat $(echo "$m1 / $n1" | bc -l | cut -c1-5)x, dot $(echo "$m2 / $n2" | bc -l | cut -c1-5)x"
