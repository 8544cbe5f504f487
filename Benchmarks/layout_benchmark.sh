#!/usr/bin/env bash
# Times `phasecheck verify` (30 and 100 digits, all bundled derivations) and the full flagship phase sweep
# (CSV, 37349 points) for two release binaries in one run, alternating them run by run, and prints the
# best wall-clock time of each and the ratio new/reference.
# Usage: Benchmarks/layout_benchmark.sh REFERENCE_BINARY NEW_BINARY [runs]   (run from the package root;
# needs /usr/bin/time). Build each binary with `swift build -c release --product phasecheck` at its commit.
set -euo pipefail
reference=$1; new=$2; runs=${3:-3}
seconds() {
    /usr/bin/time -f "%e" -o /tmp/layout-benchmark-time "$@" > /dev/null 2>&1 || true
    cat /tmp/layout-benchmark-time
}
compare() {  # label, then the arguments of phasecheck
    local label=$1; shift
    local r="" n="" s
    for _ in $(seq "$runs"); do
        s=$(seconds "$reference" "$@"); if [ -z "$r" ] || awk "BEGIN{exit !($s < $r)}"; then r=$s; fi
        s=$(seconds "$new" "$@"); if [ -z "$n" ] || awk "BEGIN{exit !($s < $n)}"; then n=$s; fi
    done
    printf "%-24s %9ss %9ss %8.2f\n" "$label" "$r" "$n" "$(awk "BEGIN{print $n/$r}")"
}
printf "%-24s %10s %10s %8s\n" "command (best of $runs)" "reference" "new" "new/ref"
compare "verify --digits 30" verify --digits 30
compare "verify --digits 100" verify --digits 100
compare "phase (flagship, csv)" phase derivations/xu_ziyin_linear_network.phc --format csv
