#!/usr/bin/env bash
# Fuzzes the expression parser, printers, simplifier, differentiator and tape (release build).
# Usage: Benchmarks/expressions_fuzz.sh [SECONDS]   (default 60). Findings are recorded in Benchmarks/README.md (Expressions: Fuzzing).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product ExpressionsFuzz
exec .build/release/ExpressionsFuzz "${1:-60}"
