#!/usr/bin/env bash
# Measures docgen's whole run against cmark's own parse of the same pages (issue 5), in one process tree:
# builds docgen-benchmark in release and runs it. Prints a table (median and minimum wall time, pages/s,
# MB/s, CPU time, cores used, peak memory), the ratio b/a of the medians and a verdict against the goal
# (whole run <= 1.5 x cmark, whole run's wall time < cmark's single-threaded parse, peak < 300 MB).
#
#   scripts/benchmark.sh [--save FILE] [--baseline FILE | --no-baseline] [--label TEXT] [--only KIND]...
#                        [--serial] [DOCS_FOLDER] [RUNS]
#
# DOCS_FOLDER defaults to ../shared/corpus/graph-docs-2021-07 (relative to the repository root), RUNS to 5.
# --save writes the results as JSON (e.g. benchmarks/baseline.json); the results are compared with
# benchmarks/baseline.json when it exists, or with --baseline FILE. --only cmark|markdownTree|whole
# measures only some kinds; --serial runs the whole run on one thread (for a profiler's call tree, e.g.
# valgrind --tool=callgrind .build/release/docgen-benchmark DOCS --measure whole --runs 1 --serial).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

docs=""
runs=""
baseline=""
use_baseline=1
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --save|--label|--only|--machine|--scratch) extra+=("$1" "$2"); shift 2 ;;
        --serial) extra+=("$1"); shift ;;
        --baseline) baseline="$2"; shift 2 ;;
        --no-baseline) use_baseline=0; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "benchmark: unknown option $1" >&2; exit 2 ;;
        *)
            if [ -z "$docs" ]; then docs="$1"
            elif [ -z "$runs" ]; then runs="$1"
            else echo "benchmark: unexpected argument $1" >&2; exit 2
            fi
            shift ;;
    esac
done
docs="${docs:-../shared/corpus/graph-docs-2021-07}"
runs="${runs:-5}"
if [ ! -d "$docs" ]; then
    echo "benchmark: docs folder '$docs' does not exist" >&2
    exit 2
fi
if [ -z "$baseline" ] && [ "$use_baseline" -eq 1 ] && [ -f benchmarks/baseline.json ]; then
    baseline="benchmarks/baseline.json"
fi
if [ "$use_baseline" -eq 1 ] && [ -n "$baseline" ]; then
    extra+=(--baseline "$baseline")
fi

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit+changes"; fi

swift build -c release --product docgen-benchmark >&2
"$(swift build -c release --show-bin-path)/docgen-benchmark" "$docs" --runs "$runs" --commit "$commit" ${extra[@]+"${extra[@]}"}
