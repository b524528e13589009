#!/usr/bin/env bash
# Measures how docgen's cost grows on two shapes of hostile docs that used to grow faster than the input:
#   scripts/scale-check.sh [CONFIGURATION]     (debug or release; default debug)
# (a) N types in one cycle of by-value references (each holds the next), for N = 1,250, 2,500 and 5,000;
# (b) a chain of N pages, each inheriting from the one before, for N = 150, 300 and 600.
# For each it prints the wall time of a whole run (parse, link, emit, write into a scratch folder) and the
# size of what was written. Linear cost: doubling N about doubles both. Speed is measured here, never in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${1:-debug}"
# DOCGEN_BIN: a docgen executable to measure instead of building one.
if [ -n "${DOCGEN_BIN:-}" ]; then
    docgen="$DOCGEN_BIN"
else
    swift build -c "$configuration" --product docgen >/dev/null
    docgen="$(swift build -c "$configuration" --show-bin-path)/docgen"
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

page() {  # name, base ("" for none), property rows
    local name="$1" base="$2" rows="$3"
    printf '# %s resource type\n\nNamespace: microsoft.graph\n\n' "$name"
    if [ -n "$base" ]; then printf 'Inherits from [%s](%s.md)\n\n' "$base" "$base"; fi
    printf '## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n%s\n' "$rows"
}

measure() {  # label, docs folder
    local start end
    start=$(date +%s.%N)
    "$docgen" --input "$2" --output "$scratch/out-$1" >/dev/null 2>"$scratch/err-$1" || true
    end=$(date +%s.%N)
    printf '%-28s %8.2f s %10s bytes written, %s diagnostics\n' "$1" "$(echo "$end - $start" | bc)" \
        "$(du -sb "$scratch/out-$1" | cut -f1)" "$(grep -c ': warning: \|: error: ' "$scratch/err-$1" || true)"
}

for count in 1250 2500 5000; do
    docs="$scratch/cycle-$count/v1.0/resources"
    mkdir -p "$docs"
    for ((i = 0; i < count; i++)); do
        next=$(( (i + 1) % count ))
        page "t$i" "" "| next | [t$next](t$next.md) | The next. |
| name | String | A name. |" > "$docs/t$i.md"
    done
    measure "cycle of $count types" "$scratch/cycle-$count"
done

for count in 150 300 600; do
    docs="$scratch/chain-$count/v1.0/resources"
    mkdir -p "$docs"
    for ((i = 0; i < count; i++)); do
        base=""; if [ "$i" -gt 0 ]; then base="c$((i - 1))"; fi
        page "c$i" "$base" "| p$i | String | Property $i. |
| q$i | Int32 | Another. |" > "$docs/c$i.md"
    done
    measure "chain of $count pages" "$scratch/chain-$count"
done
