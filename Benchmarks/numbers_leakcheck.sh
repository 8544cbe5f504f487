#!/usr/bin/env bash
# Runs NumbersLeakDriver (every allocation path of PhasecheckNumbers) under valgrind's leak checker and
# reports the definitely-lost bytes; exits 1 if there are any. The Swift Testing binary itself crashes
# valgrind 3.19 (inside libdispatch), hence the driver. Needs valgrind (apt-get install valgrind).
# Usage: Benchmarks/numbers_leakcheck.sh [rounds, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-20}"
swift build --product NumbersLeakDriver >/dev/null
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
valgrind --leak-check=full --num-callers=30 --log-file="$log" \
    "$(swift build --show-bin-path)/NumbersLeakDriver" "$rounds"
grep -E "definitely lost:|indirectly lost:|possibly lost:|still reachable:|All heap blocks were freed" "$log" \
    | sed 's/^==[0-9]*== *//'
# valgrind prints no leak summary at all when every block was freed.
lost="$(grep -E "definitely lost:" "$log" | sed -E 's/.*definitely lost: ([0-9,]+) bytes.*/\1/' | tr -d , || true)"
echo "definitely lost bytes: ${lost:-0}"
if [ "${lost:-0}" != "0" ]; then
    grep -A30 "definitely lost in" "$log" | head -120
    exit 1
fi
