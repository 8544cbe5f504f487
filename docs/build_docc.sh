#!/usr/bin/env bash
# Builds the DocC archives of the documented libraries with the toolchain's own `docc` (it ships next to
# `swift`; no swift-docc-plugin needed): the public symbol graphs from `swift package dump-symbol-graph`,
# then `docc convert` of each catalogue with its module's graph. Warnings (an unresolved link, a symbol
# the catalogue names that does not exist) fail the build.
# Usage: docs/build_docc.sh [OUTPUT_DIR]   (default .build/docs; open OUTPUT_DIR/MODULE.doccarchive with
# `docc preview`, or serve it as a static site after `docc process-archive transform-for-static-hosting`)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-.build/docs}"
DOCC="$(command -v docc || true)"
[ -n "$DOCC" ] || DOCC="$(dirname "$(readlink -f "$(command -v swift)")")/docc"
[ -x "$DOCC" ] || { echo "docc not found next to swift ($DOCC): install a toolchain that ships it" >&2; exit 2; }

swift package dump-symbol-graph --minimum-access-level public > "$OUT.log" 2>&1 || { cat "$OUT.log" >&2; exit 1; }
GRAPHS="$(sed -n 's/.*Files written to \(.*\)$/\1/p' "$OUT.log" | tail -n 1)"
[ -d "$GRAPHS" ] || { echo "no symbol graphs found (see $OUT.log)" >&2; exit 1; }

for module in PhasecheckDerivations PhasecheckNumbers; do
    catalogue="Sources/$module/Documentation.docc"
    graphs="$OUT/symbol-graphs/$module"
    rm -rf "$graphs" && mkdir -p "$graphs"
    cp "$GRAPHS/$module.symbols.json" "$GRAPHS/$module"@*.symbols.json "$graphs/" 2>/dev/null || cp "$GRAPHS/$module.symbols.json" "$graphs/"
    "$DOCC" convert "$catalogue" --additional-symbol-graph-dir "$graphs" --fallback-display-name "$module" \
        --fallback-bundle-identifier "org.phasecheck.$module" --warnings-as-errors --output-path "$OUT/$module.doccarchive"
    echo "$OUT/$module.doccarchive"
done
