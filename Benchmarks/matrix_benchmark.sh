#!/usr/bin/env bash
# Matrix functions at scale (issue 11, "Speed and limits"): `phasecheck verify --digits 30` of a Saxe-style
# two-layer linear network y = W2 W1 x (n_in = n_h = n_out = n, balanced start W1 = W2 = I/10,
# S_ij = 1/(i + j + 1) + [i = j]) whose one claim compares the integrated W2 W1 with the matrix Riccati
# solution (expm and inv of 2n x 2n matrices, in interval arithmetic) at 6 times, against the same check
# written with mpmath matrices (Benchmarks/matrix_riccati_mpmath.py: mpmath's Taylor odefun, mp.expm,
# mp.inverse; gmpy2 backend) in the same run.
# Usage: Benchmarks/matrix_benchmark.sh [sizes...]   (default 5 10 20 40; mpmath runs for n <= MPMATH_MAX_N,
# default 10, each capped at MPMATH_TIMEOUT seconds, default 1800; verify gets --max-seconds MAX_SECONDS,
# default 7200, since its own default of 120 s per integration stops n = 20 on a shared machine; HORIZON, default 2,
# shortens the integration of both for sizes whose full run does not fit the time at hand: the 6 times compared
# are k HORIZON / 6)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-5 10 20 40}")
read -r -a sizes <<< "${sizes[*]}"
mpmath_max=${MPMATH_MAX_N:-10}
mpmath_timeout=${MPMATH_TIMEOUT:-1800}
max_seconds=${MAX_SECONDS:-7200}
horizon=${HORIZON:-2}
binary=${PHASECHECK:-.build/release/phasecheck}     # another build to compare with, e.g. main's
[ -n "${PHASECHECK:-}" ] || swift build -c release --product phasecheck >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -c "import mpmath; print('mpmath', mpmath.__version__, 'backend', mpmath.libmp.BACKEND)"
printf '| n | states | phasecheck CPU s | wall s | peak RSS MB | verdict | mpmath CPU s | mpmath digits | mpmath/phasecheck |\n|---:|---:|---:|---:|---:|---|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
    python3 - "$n" "$horizon" > "$work/riccati_$n.phc" <<'PY'
import sys
n, horizon = int(sys.argv[1]), sys.argv[2]
rows = lambda M: "[" + ", ".join("[" + ", ".join(r) + "]" for r in M) + "]"
S = [["1/%d" % (i + j + 3) + (" + 1" if i == j else "") for j in range(n)] for i in range(n)]
Ein = [[("1" if i == j else "0") for j in range(n)] for i in range(2 * n)]
Eout = [[("1" if i == n + j else "0") for j in range(n)] for i in range(2 * n)]
print(f"""title "Saxe-style network, n = {n}: integration against the matrix Riccati solution"
dim n = {n}
dim m = {2 * n}
param S[n, n] = {rows(S)}
param Ein[m, n] = {rows(Ein)}
param Eout[m, n] = {rows(Eout)}
state W1[n, n] = eye(n)/10
state W2[n, n] = eye(n)/10
horizon {horizon}
let E = S - W2 @ W1
ode W1' = transpose(W2) @ E
ode W2' = E @ transpose(W1)
let F = Ein @ transpose(S) @ transpose(Eout) + Eout @ S @ transpose(Ein)
let Q0 = Ein @ transpose(W10) + Eout @ W20
let P = expm(F*t) @ Q0 @ inv(eye(n) + transpose(Q0) @ inv(F) @ (expm(2*F*t) - eye(m)) @ Q0 / 2) @ transpose(Q0) @ expm(F*t)
claim "W2 W1 follows the Riccati solution": identity W2 @ W1 == transpose(Eout) @ P @ Ein""")
PY
    /usr/bin/time -f "%U %S %e %M" -o "$work/time" "$binary" verify "$work/riccati_$n.phc" --digits 30 --max-seconds "$max_seconds" > "$work/out" || true
    # (/usr/bin/time writes "Command exited with non-zero status N" first when verify reports a failure)
    read -r user system wall kilobytes < <(tail -n 1 "$work/time")
    cpu=$(awk "BEGIN{printf \"%.2f\", $user + $system}")
    verdict=$(grep -oE "^ +(holds|FAILS|undecided|error) +[0-9/]* *(digits)?" "$work/out" | head -1 | xargs)
    mp_cpu="-"; mp_digits="-"; ratio="-"
    if [ "$n" -le "$mpmath_max" ]; then
        if line=$(timeout "$mpmath_timeout" python3 Benchmarks/matrix_riccati_mpmath.py "$n" 30 "$horizon"); then
            mp_cpu=$(awk '{print $2}' <<< "$line"); mp_digits=$(awk '{print $4}' <<< "$line")
            ratio=$(awk "BEGIN{printf \"%.1f\", $mp_cpu / $cpu}")
        else
            mp_cpu=">$mpmath_timeout"
        fi
    fi
    printf '| %d | %d | %s | %s | %d | %s | %s | %s | %s |\n' "$n" $((2 * n * n)) "$cpu" "$wall" $((kilobytes / 1024)) "$verdict" "$mp_cpu" "$mp_digits" "$ratio"
done
