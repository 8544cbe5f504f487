#!/bin/bash
# Times `phasecheck phase` on the flagship against the exact exponent rule in C (phase_rule.c, compiled
# here with cc -O2) and in a plain Python Fraction loop (phase_rule.py), in one run, and prints the
# ratios (of wall and of CPU time: on a shared machine the CPU ratio is the steadier one) and peak
# memory (/usr/bin/time -v). Checks first that the references write the same exponents,
# regions and flags as phasecheck. Results in Benchmarks/README.md, "Phase sweep benchmark".
# Also checks (untimed) that the CSV is the same with --jobs 1 and from two shards concatenated, and,
# with --baseline DIR, that the CSVs equal DIR/full.csv, DIR/full-all.csv and DIR/fine.csv (saved from
# another build; `#` lines, the run record, are not compared; with `--confirm sample`, the `measured_exponent` column
# is not compared either, but each measured value must be the one of `--confirm all` on the full grid).
# With --versus BINARY (another build's phasecheck, e.g. main's release binary), the full grid is then timed in
# ROUNDS interleaved rounds (--rounds, default 5) of the C rule, BINARY and this build, each round printing the
# CPU times and the ratios to the C rule of that round, the last line their ranges.
# Run from the package root: Benchmarks/phase_benchmark.sh [--fine] [--baseline DIR] [--versus BINARY [--rounds N]]
#   (--fine adds the step-1/8 grid)
set -e
fine=; baseline=; versus=; rounds=5
while [ $# -gt 0 ]; do
    case $1 in
        --fine) fine=1 ;;
        --baseline) baseline=$2; shift ;;
        --versus) versus=$2; shift ;;
        --rounds) rounds=$2; shift ;;
        *) echo "usage: $0 [--fine] [--baseline DIR] [--versus BINARY [--rounds N]]" >&2; exit 2 ;;
    esac
    shift
done
swift build -c release --product phasecheck 2>&1 | tail -1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/phase_rule" Benchmarks/phase_rule.c
flagship=derivations/xu_ziyin_linear_network.phc

# measure NAME COMMAND...: wall seconds, CPU seconds and peak RSS (MB) into $work/NAME.time
measure() {
    name=$1; shift
    /usr/bin/time -v "$@" > "$work/$name.out" 2> "$work/$name.err" || true
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
                /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
                END { printf "%.3f %.3f %.1f\n", w, u + s, m / 1024 }' "$work/$name.err" > "$work/$name.time"
}

# same_columns A B: the columns of reference CSV A equal the same-named columns of phasecheck's CSV B
same_columns() {
    python3 - "$1" "$2" <<'PY'
import csv, sys
def rows(path):  # the run record's `#` lines are not CSV
    return csv.DictReader(line for line in open(path) if not line.startswith('#'))
ref, ours = rows(sys.argv[1]), list(rows(sys.argv[2]))
rows = list(ref)
# phasecheck writes a number as a double and its exact value in NAME_exact, and flags as true/false
def theirs(o, c): return {'true': 'yes', 'false': 'no'}.get(o[c], o.get(c + '_exact', o[c]))
bad = sum(1 for r, o in zip(rows, ours) if any(r[c] != theirs(o, c) for c in r))
print(f"  reference columns checked on {len(rows)} rows: {'same' if bad == 0 and len(rows) == len(ours) else f'{bad} differ'}")
PY
}

same_data() {  # same_data A B LABEL_A LABEL_B: the CSVs A and B without their `#` lines are byte-identical
    if cmp -s <(grep -v '^#' "$1") <(grep -v '^#' "$2"); then echo "  CSV of $3 and $4: byte-identical"
    else echo "  CSV of $3 and $4: DIFFER"; fi
}

# same_but_measured A B ALL LABEL_A LABEL_B: the `--confirm sample` CSVs A and B are byte-identical but for the
# `measured_exponent` column (which rows are sampled depends on the regions, docs/phase-diagrams.md), and every
# `measured_exponent` value of B is the one the `--confirm all` CSV ALL has on that row
same_but_measured() {
    python3 - "$@" <<'PY'
import csv, sys
def rows(path):
    return list(csv.reader(line for line in open(path) if not line.startswith('#')))
a, b, full = rows(sys.argv[1]), rows(sys.argv[2]), rows(sys.argv[3])
m = b[0].index('measured_exponent')
strip = lambda r: r[:m] + r[m + 1:]
same = len(a) == len(b) and all(strip(x) == strip(y) for x, y in zip(a, b))
sampled = [i for i in range(1, len(b)) if b[i][m] != '']
measured_ok = len(full) == len(b) and all(b[i][m] == full[i][m] for i in sampled)
check = ('not compared' if sys.argv[3] == sys.argv[2]
         else 'each as with --confirm all' if measured_ok else 'NOT as with --confirm all')
print(f"  CSV of {sys.argv[4]} and {sys.argv[5]}: {'identical but for `measured_exponent`' if same else 'DIFFER'}; "
      f"{len(sampled)} rows measured ({check})")
PY
}

row() {  # row LABEL NAME [BASE]
    set -- "$1" $(cat "$work/$2.time") $( [ -n "$3" ] && cat "$work/$3.time" )
    if [ -n "$5" ]; then
        awk -v l="$1" -v w="$2" -v c="$3" -v m="$4" -v bw="$5" -v bc="$6" \
            'BEGIN { printf "  %-44s %8.3f s wall %8.3f s CPU %7.1f MB   x%.1f wall, x%.1f CPU\n", l, w, c, m, w / bw, c / bc }'
    else
        awk -v l="$1" -v w="$2" -v c="$3" -v m="$4" 'BEGIN { printf "  %-44s %8.3f s wall %8.3f s CPU %7.1f MB\n", l, w, c, m }'
    fi
}

run_grid() {  # run_grid STEP_DENOMINATOR GRID_OPTION
    s=$1; shift
    measure c$s "$work/phase_rule" $s
    measure sample$s .build/release/phasecheck phase $flagship "$@" --format csv
    measure py$s python3 Benchmarks/phase_rule.py $s
    [ "$s" = 4 ] && measure all$s .build/release/phasecheck phase $flagship "$@" --format csv --confirm all
    cmp -s "$work/c$s.out" "$work/py$s.out" || echo "  C and Python references differ"
    if [ "$s" = 4 ]; then  # the same CSV with one job and from two shards
        .build/release/phasecheck phase $flagship "$@" --format csv --jobs 1 > "$work/jobs1.out" 2> /dev/null || true
        { .build/release/phasecheck phase $flagship "$@" --format csv --shard 1/2 2> /dev/null || true
          .build/release/phasecheck phase $flagship "$@" --format csv --shard 2/2 2> /dev/null || true; } > "$work/shards.out"
        for variant in jobs1 shards; do
            same_data "$work/sample$s.out" "$work/$variant.out" "$variant" "--confirm sample (default jobs)"
        done
    fi
    if [ -n "$baseline" ]; then
        if [ "$s" = 4 ]; then
            same_data "$baseline/full-all.csv" "$work/all$s.out" "$baseline (--confirm all)" "this build"
            same_but_measured "$baseline/full.csv" "$work/sample$s.out" "$baseline/full-all.csv" "$baseline" "this build"
        else  # no --confirm all run of the fine grid: the measured values are not compared
            same_but_measured "$baseline/fine.csv" "$work/sample$s.out" "$work/sample$s.out" "$baseline" "this build"
        fi
    fi
    same_columns "$work/c$s.out" "$work/sample$s.out"
    grep -h "agree" "$work/sample$s.err" | sed 's/^/  /'
    row "C rule (phase_rule.c)" c$s
    row "phasecheck phase (--confirm sample)" sample$s c$s
    [ "$s" = 4 ] && row "phasecheck phase --confirm all" all$s c$s
    row "Python Fraction loop (phase_rule.py)" py$s c$s
}

echo "full flagship grid, step 1/4 (37349 points), ratios to the C rule:"
run_grid 4
if [ -n "$fine" ]; then
    echo "step 1/8 (515625 points):"
    run_grid 8 --grid 'alpha=-1:2:1/8,b_u=-1:2:1/8,b_w=-1:2:1/8,c_u=-2:2:1/8'
fi

if [ -n "$versus" ]; then
    echo "full grid, $rounds interleaved rounds (C rule, $versus, this build), CPU seconds and ratios to the C rule of the round:"
    for r in $(seq "$rounds"); do
        measure roundc "$work/phase_rule" 4
        measure roundv "$versus" phase $flagship --format csv
        measure roundb .build/release/phasecheck phase $flagship --format csv
        same_data "$work/roundv.out" "$work/roundb.out" "$versus" "this build" | grep -v byte-identical || true
        read -r _ c cm < "$work/roundc.time"; read -r _ v vm < "$work/roundv.time"; read -r _ b bm < "$work/roundb.time"
        echo "$c $v $b $vm $bm" >> "$work/rounds"
        awk -v r="$r" -v c="$c" -v v="$v" -v b="$b" -v vm="$vm" -v bm="$bm" 'BEGIN {
            printf "  round %d: C %.3f s; other %.3f s (x%.1f, %.1f MB); this build %.3f s (x%.1f, %.1f MB); this/other %.2f\n",
                   r, c, v, v / c, vm, b, b / c, bm, b / v }'
    done
    awk 'NR == 1 { lo = hi = $3 / $1; vlo = vhi = $2 / $1; blo = bhi = $3 / $2 }
         { x = $3 / $1; if (x < lo) lo = x; if (x > hi) hi = x
           y = $2 / $1; if (y < vlo) vlo = y; if (y > vhi) vhi = y
           z = $3 / $2; if (z < blo) blo = z; if (z > bhi) bhi = z }
         END { printf "  ratio to the C rule: this build x%.1f-x%.1f, other x%.1f-x%.1f; this/other %.2f-%.2f\n", lo, hi, vlo, vhi, blo, bhi }' "$work/rounds"
fi
