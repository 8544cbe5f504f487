#!/usr/bin/env bash
# The flagship paper's experiment at scale: the six gradient-descent runs of
# derivations/large/xu_ziyin_gd_six_parameterizations.phc (vector form, u and w of width D) for STEPS steps at
# DIGITS digits, each as `phasecheck solve --steps STEPS` (interval arithmetic, precision raised until zeta is
# certified to the digits), against numpy (float64) and mpmath (gmpy2 backend, DIGITS digits) doing the same
# iterations from the same seeded initialization in the same run (Benchmarks/gd_six_benchmark_reference.py).
# A run stops where a component passes 10^30 (the Kaiming pair diverges within a few steps), in all three.
#
# Usage: [NO_BUILD=1] Benchmarks/gd_benchmark.sh [D=10000] [STEPS=1000] [DIGITS=30] [SCENARIO ...]
# Needs /usr/bin/time (Debian package `time`), python3 with numpy and mpmath (+ gmpy2).
set -euo pipefail
cd "$(dirname "$0")/.."
d=${1:-10000}; steps=${2:-1000}; digits=${3:-30}
shift $(( $# < 3 ? $# : 3 ))
scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(NTK mean_field Kaiming Kaiming_plus Xavier_plus Xavier)
file=derivations/large/xu_ziyin_gd_six_parameterizations.phc
# NO_BUILD=1 uses the release binary as it is (while another SwiftPM command holds .build).
[ "${NO_BUILD:-0}" = 1 ] || swift build -c release --product phasecheck >/dev/null
python3 -c 'import mpmath, sys; sys.exit(mpmath.libmp.BACKEND != "gmpy")' || echo "warning: mpmath runs without gmpy2"

reference=$(mktemp)
python3 Benchmarks/gd_six_benchmark_reference.py "$d" "$steps" "$digits" "${scenarios[@]}" > "$reference"
echo "d = $d, $steps steps, $digits digits; CPU seconds (user); mpmath backend $(python3 -c 'import mpmath; print(mpmath.libmp.BACKEND)')"
echo "| scenario | steps done | phasecheck s | peak RSS MB | numpy s | mpmath s | phasecheck/numpy | phasecheck/mpmath | zeta (phasecheck) | digits agreeing with mpmath |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|"
for s in "${scenarios[@]}"; do
    out=$(mktemp)
    /usr/bin/time -f "%U %M" -o "$out.time" .build/release/phasecheck solve "$file" --set "d=$d" --scenario "$s" \
        --steps "$steps" --digits "$digits" --format csv > "$out" || true
    read -r seconds kilobytes < <(tail -n 1 "$out.time")
    # zeta's column of the one data row; `diverged` when the run escaped first.
    zeta=$(grep -v '^#' "$out" | python3 -c 'import csv, sys; rows = list(csv.DictReader(sys.stdin)); print(rows[-1]["zeta"] if rows else "?")')
    read -r _ _ done numpy_s numpy_zeta < <(grep "^numpy $s " "$reference")
    read -r _ _ _ mpmath_s mpmath_zeta < <(grep "^mpmath $s " "$reference")
    agree=$(python3 - "$zeta" "$mpmath_zeta" <<'EOF'
import sys, mpmath as mp
mp.mp.dps = 50
a, b = sys.argv[1].lstrip('~'), sys.argv[2]
try:
    x, y = mp.mpf(a), mp.mpf(b)
    print('all' if x == y else int(mp.floor(-mp.log10(abs(x - y) / abs(y)))))
except Exception:
    print('-')
EOF
)
    ratio() { python3 -c "print(f'{$1 / max($2, 1e-9):.3g}')"; }
    echo "| $s | $done | $seconds | $((kilobytes / 1024)) | $numpy_s | $mpmath_s | $(ratio "$seconds" "$numpy_s") | $(ratio "$seconds" "$mpmath_s") | $zeta | $agree |"
    rm -f "$out" "$out.time"
done
echo "python3 peak RSS (numpy and mpmath together): $(( $(grep '^peak-rss-kb' "$reference" | cut -d' ' -f2) / 1024 )) MB"
rm -f "$reference"
