#!/usr/bin/env bash
# Times `phasecheck verify` on the bundled derivations at 30 and 100 digits and reports wall time, processor
# time (user + system: the fairer number on a shared machine) and peak memory, best of RUNS.
# Usage: Benchmarks/verify_benchmark.sh [runs] [NAME=BINARY:DERIVATIONS[:perfile] ...]
#   Without NAME=... arguments it builds the release binary and times it on derivations/. With them it times
#   each named binary on its own folder of derivations, interleaved run by run, e.g. before and after a change:
#   Benchmarks/verify_benchmark.sh 1 before=/tmp/old/phasecheck:/tmp/old/derivations after=.build/release/phasecheck:derivations
#   `:perfile` runs the binary once per file, one after another (how verify scheduled files before they shared
#   one pool), and times the whole loop.
#   DIGITS="30 100 300" (environment) sets the digits to run at (default 30 100); EXTRA="--max-seconds 5000" adds
#   options to every verify; KEEP=DIR keeps each variant's last report as DIR/NAME.DIGITS.txt (to diff verdicts).
# Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
    swift build -c release --product phasecheck >/dev/null
    variants=("release=.build/release/phasecheck:derivations")
fi
out=$(mktemp -d)
for digits in ${DIGITS:-30 100}; do
    declare -A best=()
    for _ in $(seq "$runs"); do
        for variant in "${variants[@]}"; do
            name=${variant%%=*}; spec=${variant#*=}; binary=${spec%%:*}; folder=${spec#*:}; mode=${folder#*:}
            folder=${folder%%:*}
            if [ "$mode" = perfile ]; then
                /usr/bin/time -f "%e %U %S %M" -o "$out/time" bash -c 'for f in "$2"/*.phc; do "$1" verify "$f" --digits "$3" $4 || true; done' \
                    _ "$binary" "$folder" "$digits" "${EXTRA:-}" > "$out/$name.out"
            else
                /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$binary" verify "$folder" --digits "$digits" ${EXTRA:-} > "$out/$name.out" || true
            fi
            if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; cp "$out/$name.out" "$KEEP/$name.$digits.txt"; fi
            read -r wall user system kilobytes < "$out/time"
            cpu=$(awk "BEGIN{print $user + $system}")
            if [ -z "${best[$name]:-}" ] || awk "BEGIN{exit !($wall < ${best[$name]%% *})}"; then
                best[$name]="$wall $cpu $kilobytes"
            fi
            grep -E '^[0-9]+ claims? in' "$out/$name.out" | awk '{c += $1; h += $6} END {print c " claims, " h " hold"}' > "$out/$name.summary"
        done
    done
    for variant in "${variants[@]}"; do
        name=${variant%%=*}
        read -r wall cpu kilobytes <<< "${best[$name]}"
        echo "verify --digits $digits, $name: best of $runs: ${wall} s wall, ${cpu} s CPU, peak RSS $((kilobytes / 1024)) MB; $(cat "$out/$name.summary")"
    done
    unset best
done
rm -rf "$out"
