#!/bin/sh
# Times the full flagship phase sweep (13 x 13 x 13 x 17 = 37349 points) in release against the plain
# mpmath script; results in Benchmarks/README.md, "Phase sweep benchmark". Run from the package root.
set -e
swift build -c release --product phasecheck
/usr/bin/time -v .build/release/phasecheck phase derivations/xu_ziyin_linear_network.phc --format csv --out /tmp/phase-full.csv 2>&1 \
    | grep -E "agree|found|claimed|flags|Elapsed|User time|Maximum resident"
/usr/bin/time -v python3 Benchmarks/phase_mpmath.py 2>&1 | grep -E "points|Elapsed|Maximum resident"
