#!/usr/bin/env bash
# Times `phasecheck verify` on the bundled derivations (release build) and reports its peak memory.
# Usage: Benchmarks/verify_benchmark.sh [runs]   (needs /usr/bin/time, Debian package `time`)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
swift build -c release --product phasecheck >/dev/null
for digits in 30 100; do
    best=""
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o /tmp/phasecheck-verify-time .build/release/phasecheck verify --digits "$digits" > /tmp/phasecheck-verify-out
        read -r seconds kilobytes < /tmp/phasecheck-verify-time
        if [ -z "$best" ] || awk "BEGIN{exit !($seconds < ${best%% *})}"; then best="$seconds $kilobytes"; fi
    done
    read -r seconds kilobytes <<< "$best"
    echo "verify --digits $digits: best of $runs: ${seconds} s wall, peak RSS $((kilobytes / 1024)) MB; $(tail -n 1 /tmp/phasecheck-verify-out)"
done
