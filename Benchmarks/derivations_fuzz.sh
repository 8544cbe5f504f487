#!/usr/bin/env bash
# Fuzzes the derivation reader and verifier with mutated derivations/ files (release build).
# Usage: Benchmarks/derivations_fuzz.sh [ITERATIONS [FIRST]]   (default 2000 from 0). The test suite runs
# the first iterations only (DerivationFuzzTests); a crash prints the iteration, replayed with
# `.build/release/DerivationsFuzz 1 N --verbose`. Every input that broke something becomes a fixed test.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product DerivationsFuzz
exec .build/release/DerivationsFuzz "${1:-2000}" "${2:-0}"
