#!/usr/bin/env bash
# Fuzzes the whole generator (page parser, linker, emitter) with libFuzzer: scripts/fuzz.sh [SECONDS]
#
# Builds Sources/PageParserFuzzer with -sanitize=fuzzer,address into .build-fuzz and runs it on one core for
# SECONDS (default 600) from a seed corpus: the files committed to the repository for it (the pages of
# docs-input/, the hostile pages and the fuzz regressions kept in the tests), plus a sample of the Graph
# reference when DOCGEN_CORPUS (or ../shared/corpus/graph-docs-2021-07) exists, unless DOCGEN_FUZZ_REFERENCE=0
# (CI: `.ci/run` fuzzes a few minutes from the committed seeds alone, in a fresh DOCGEN_FUZZ_DIR).
# Everything it writes stays in .build-fuzz/fuzz/ (git-ignored; DOCGEN_FUZZ_DIR moves it):
#   corpus/      the fuzzer's working corpus, kept between runs
#   seeds/       the seed pages, copied afresh each run
#   crashes/     crash-*, timeout-*, oom-* inputs: each is a bug, to be kept as a regression test
#   fuzz.log     the run's output (with -jobs=N, each job's in fuzz-JOB.log)
# At the end it says how long before the end the working corpus last grew (for information: a campaign is
# done when it has run an hour without a finding, not when coverage stops growing).
# Exit status 1 when the fuzzer found a crash, hang (an input taking over 10 s) or runaway memory (2 GB); 130
# when it stopped before the end without a finding.
# Replay an input without the fuzzer: swift run PageParserFuzzer .build-fuzz/fuzz/crashes/crash-...
# Extra arguments after SECONDS go to libFuzzer (e.g. -seed=1, -jobs=2).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
work="${DOCGEN_FUZZ_DIR:-.build-fuzz/fuzz}"
mkdir -p "$work/corpus" "$work/crashes"
work=$(cd "$work" && pwd)
root=$(pwd)
rm -rf "$work/seeds"
mkdir -p "$work/seeds"

# libFuzzer needs clang's linker support; gold fails on the sanitizer runtime, so lld links.
swift build -c release --scratch-path .build-fuzz --product PageParserFuzzer \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DDOCGEN_LIBFUZZER \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
fuzzer="$root/.build-fuzz/release/PageParserFuzzer"

# Seeds: flat copies named after their paths; the committed ones first.
seed() { cp "$1" "$work/seeds/$(echo "$1" | tr '/' '_')"; }
while IFS= read -r -d '' page; do seed "$page"; done < <(find docs-input Tests/HostileInputTests/HostilePages Tests/HostileInputTests/FuzzRegressions -type f \( -name '*.md' -o -path '*FuzzRegressions*' \) -print0)
corpus="${DOCGEN_CORPUS:-../shared/corpus/graph-docs-2021-07}"
if [ "${DOCGEN_FUZZ_REFERENCE:-1}" != "0" ] && [ -d "$corpus" ]; then
    # Every 25th page of the sorted reference: about 300 pages of every kind, from both versions.
    (cd "$corpus" && find . -name '*.md' | sort | awk 'NR % 25 == 1') | while IFS= read -r page; do
        cp "$corpus/$page" "$work/seeds/corpus_$(echo "${page#./}" | tr '/' '_')"
    done
fi
echo "fuzz: $(ls "$work/seeds" | wc -l) seed pages, $(ls "$work/corpus" | wc -l) in the working corpus, $seconds s"

before=$(ls "$work/crashes" | wc -l)
started=$(date +%s)
status=0
# Swift's own crash backtracer would get in the way of ASan's report. Run inside $work: with -jobs=N,
# libFuzzer writes each job's output to fuzz-JOB.log in the current folder.
(cd "$work" && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" "$fuzzer" "$work/corpus" "$work/seeds" \
    -dict="$root/scripts/fuzz.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$work/crashes/" "$@") 2>&1 | tee "$work/fuzz.log" || status=$?
after=$(ls "$work/crashes" | wc -l)
# When the fuzzer last kept an input (new coverage, or a smaller input for the same coverage), for information.
newest=$(find "$work/corpus" -type f -newermt "@$started" -printf '%T@\n' | sort -n | tail -n 1)
if [ -n "$newest" ]; then
    echo "fuzz: the working corpus last grew $(( ($(date +%s) - ${newest%.*}) / 60 )) min before the end of this run"
else
    echo "fuzz: the working corpus did not grow in this run"
fi

# A finding is an input libFuzzer kept in crashes/ (it writes one for every crash, hang and runaway memory).
if [ "$after" -gt "$before" ]; then
    echo "fuzz: FOUND A BUG (libFuzzer exit status $status); new inputs in $work/crashes:" >&2
    ls -t "$work/crashes" | head -n $((after - before)) >&2
    exit 1
fi
# Stopped from outside (SIGINT, SIGTERM: libFuzzer exits 72, and with -jobs the supervisor 1), or libFuzzer
# could not run: no finding either way, but not a completed run.
if [ "$status" -ne 0 ]; then
    echo "fuzz: stopped before the end (libFuzzer exit status $status); nothing found until then" >&2
    exit 130
fi
echo "fuzz: nothing found in $seconds s"
