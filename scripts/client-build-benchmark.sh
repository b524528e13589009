#!/usr/bin/env bash
# Measures what the generated client costs to build (issue 14): generates a client from a docs tree, builds it
# clean in debug and release in a scratch package (GraphRuntime first, untimed; then only the generated
# modules, timed), and reports files, lines, wall and CPU time and the compiler's peak memory, compared with a
# saved baseline.
#
#   scripts/client-build-benchmark.sh [--client slice|intune|reference]... [--subset PREFIX]...
#        [--configurations "debug release"] [--save FILE] [--baseline FILE | --no-baseline] [--label TEXT]
#        [--swiftc FLAG]... [--scratch DIR] [--docgen PATH] [DOCS]
#
#   --client     slice (default): the pages selected by --subset, by default the v1.0 pages
#                `v1.0/api/intune-deviceconfig` and `v1.0/api/intune-apps` (every type they need comes along);
#                intune: every `intune-` page, v1.0 and beta; reference: every page. Repeat to build several.
#   --swiftc     an extra compiler flag for the generated modules (profiling), e.g.
#                --swiftc -Xfrontend --swiftc -debug-time-function-bodies; the build logs stay in the scratch folder.
#   --save FILE  write the results as JSON (e.g. benchmarks/client-build-baseline.json); the results are compared
#                with benchmarks/client-build-baseline.json when it exists, or with --baseline FILE.
#   --docgen     generate with this docgen binary instead of building the release one (e.g. .build/debug/docgen)
#   DOCS         defaults to ../shared/corpus/graph-docs-2021-07; the scratch folder to /tmp/docgen-client-build.
#
# CPU time is user + system time of every compiler process (swift-frontend, measured by a wrapper the driver
# runs through SWIFT_DRIVER_SWIFT_FRONTEND_EXEC) and, separately, of the whole `swift build`; peak memory is the
# largest maximum resident set of one compiler process. On a shared machine wall time depends on what else
# runs: compare CPU time and peak memory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

docs=""
scratch="/tmp/docgen-client-build"
clients=()
subsets=()
configurations="debug release"
save=""
baseline=""
use_baseline=1
label=""
swiftc_flags=()
docgen=""
while [ $# -gt 0 ]; do
    case "$1" in
        --client) clients+=("$2"); shift 2 ;;
        --subset) subsets+=("$2"); shift 2 ;;
        --configurations) configurations="$2"; shift 2 ;;
        --save) save="$2"; shift 2 ;;
        --baseline) baseline="$2"; shift 2 ;;
        --no-baseline) use_baseline=0; shift ;;
        --label) label="$2"; shift 2 ;;
        --swiftc) swiftc_flags+=(-Xswiftc "$2"); shift 2 ;;
        --scratch) scratch="$2"; shift 2 ;;
        --docgen) docgen="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
        -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "client-build-benchmark: unknown option $1" >&2; exit 2 ;;
        *) if [ -z "$docs" ]; then docs="$1"; shift; else echo "client-build-benchmark: unexpected argument $1" >&2; exit 2; fi ;;
    esac
done
docs="${docs:-../shared/corpus/graph-docs-2021-07}"
[ -d "$docs" ] || { echo "client-build-benchmark: docs folder '$docs' does not exist" >&2; exit 2; }
docs="$(cd "$docs" && pwd)"
[ ${#clients[@]} -gt 0 ] || clients=(slice)
[ ${#subsets[@]} -gt 0 ] || subsets=(v1.0/api/intune-deviceconfig v1.0/api/intune-apps)
if [ -z "$baseline" ] && [ "$use_baseline" -eq 1 ] && [ -f benchmarks/client-build-baseline.json ]; then
    baseline="benchmarks/client-build-baseline.json"
fi
[ "$use_baseline" -eq 1 ] || baseline=""
for configuration in $configurations; do
    case "$configuration" in debug|release) ;; *) echo "client-build-benchmark: unknown configuration $configuration" >&2; exit 2 ;; esac
done

frontend="$(dirname "$(readlink -f "$(command -v swift)")")/swift-frontend"
[ -x "$frontend" ] || { echo "client-build-benchmark: no swift-frontend next to $(command -v swift)" >&2; exit 2; }
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain --untracked-files=no -- Sources 2>/dev/null)" ]; then commit="$commit+changes"; fi

if [ -z "$docgen" ]; then
    swift build -c release --product docgen >&2
    docgen="$(swift build -c release --show-bin-path)/docgen"
fi

mkdir -p "$scratch"
results="$scratch/results.jsonl"
: >"$results"
for client in "${clients[@]}"; do
    selectors=()
    case "$client" in
        slice) for subset in "${subsets[@]}"; do selectors+=(--subset "$subset"); done ;;
        intune) selectors=(--subset intune-) ;;
        reference) ;;
        *) echo "client-build-benchmark: unknown client $client" >&2; exit 2 ;;
    esac
    package="$scratch/$client"
    rm -rf "$package"
    mkdir -p "$package/Sources" "$package/bin"
    "$docgen" --input "$docs" --output "$package/Generated" ${selectors[@]+"${selectors[@]}"} 2>"$package/diagnostics.txt" || true
    "$docgen" model --input "$docs" ${selectors[@]+"${selectors[@]}"} >"$package/model.json" 2>/dev/null || true
    [ -d "$package/Generated" ] || { tail -n 5 "$package/diagnostics.txt" >&2; exit 1; }
    ln -s "$root/Sources/GraphRuntime" "$package/Sources/GraphRuntime"
    modules=$(cd "$package/Generated" && ls -d */ | tr -d / | grep -v '^GeneratedCatalog$' | tr '\n' ' ')
    {
        echo '// swift-tools-version:6.0'
        echo 'import PackageDescription'
        echo 'var targets: [Target] = [.target(name: "GraphRuntime")]'
        dependencies='"GraphRuntime"'
        for module in $modules; do
            echo "targets.append(.target(name: \"$module\", dependencies: [\"GraphRuntime\"], path: \"Generated/$module\"))"
            dependencies="$dependencies, \"$module\""
        done
        echo "targets.append(.target(name: \"GeneratedCatalog\", dependencies: [$dependencies], path: \"Generated/GeneratedCatalog\"))"
        echo 'let package = Package(name: "GeneratedClient", targets: targets)'
    } >"$package/Package.swift"
    # Every compiler process the driver starts runs through this, which records its times and peak memory.
    cat >"$package/bin/swift-frontend" <<EOF
#!/bin/sh
exec /usr/bin/time -a -o "\$DOCGEN_FRONTEND_LOG" -f "%e %U %S %M" "$frontend" "\$@"
EOF
    chmod +x "$package/bin/swift-frontend"

    for configuration in $configurations; do
        build="$package/.build-$configuration"
        rm -rf "$build"
        # Dependencies first, untimed (the frontends of this step are logged elsewhere).
        (cd "$package" && swift build -c "$configuration" --scratch-path "$build" --target GraphRuntime >"$package/build-$configuration-runtime.log" 2>&1) \
            || { tail -n 30 "$package/build-$configuration-runtime.log" >&2; exit 1; }
        log="$package/frontends-$configuration.txt"
        : >"$log"
        (cd "$package" && DOCGEN_FRONTEND_LOG="$log" SWIFT_DRIVER_SWIFT_FRONTEND_EXEC="$package/bin/swift-frontend" \
            /usr/bin/time -o "$package/time-$configuration.txt" -f "%e %U %S %M" \
            swift build -c "$configuration" --scratch-path "$build" --target GeneratedCatalog ${swiftc_flags[@]+"${swiftc_flags[@]}"} \
            >"$package/build-$configuration.log" 2>&1) \
            || { tail -n 30 "$package/build-$configuration.log" >&2; exit 1; }
        [ -s "$log" ] || { echo "client-build-benchmark: the driver did not run the frontend wrapper (SWIFT_DRIVER_SWIFT_FRONTEND_EXEC ignored?)" >&2; exit 1; }
        python3 - "$client" "$configuration" "$package" "$log" "$package/time-$configuration.txt" "$modules" >>"$results" <<'EOF'
import json, os, sys
client, configuration, package, log, timing, modules = sys.argv[1:7]
def swift_files(folder):
    for directory, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".swift"):
                yield os.path.join(directory, name)
files = sorted(swift_files(os.path.join(package, "Generated")))
lines = sum(open(f, "rb").read().count(b"\n") for f in files)
size = sum(os.path.getsize(f) for f in files)
frontends = []
for line in open(log):
    parts = line.split()
    # /usr/bin/time writes "Command exited with non-zero status N" before the figures of a failed process.
    if len(parts) == 4:
        try: frontends.append([float(p) for p in parts])
        except ValueError: pass
wall, user, system, peak = [float(p) for p in open(timing).read().split()[-4:]]
model = json.load(open(os.path.join(package, "model.json")))
counts = {"types": 0, "enums": 0, "operations": 0}
for version in model.get("versions", []):
    for key in counts: counts[key] += len(version.get(key, []))
print(json.dumps({
    "client": client, "configuration": configuration, "modules": modules.split(),
    "files": len(files), "lines": lines, "bytes": size, **counts,
    "wallSeconds": wall, "buildCPUSeconds": round(user + system, 2),
    "compilerCPUSeconds": round(sum(f[1] + f[2] for f in frontends), 2),
    "compilerProcesses": len(frontends),
    "compilerPeakMiB": round(max((f[3] for f in frontends), default=0) / 1024, 1),
}, sort_keys=True))
EOF
        tail -n 1 "$results" >&2
    done
done

python3 - "$results" "$baseline" "$save" "$commit" "$label" "$docs" "${swiftc_flags[*]:-}" <<'EOF'
import datetime, json, sys
results_path, baseline_path, save_path, commit, label, docs, flags = sys.argv[1:8]
rows = [json.loads(line) for line in open(results_path) if line.strip()]
print("The machine is shared: wall time depends on the other builds that run at the same time.")
print("Compare compiler CPU time (user + system of every swift-frontend) and compiler peak memory.")
print()
header = f"{'client':<10} {'config':<8} {'files':>6} {'lines':>8} {'types':>6} {'enums':>6} {'ops':>6} {'wall s':>8} {'build CPU s':>11} {'compiler CPU s':>14} {'peak MiB':>9}"
print(header)
print("-" * len(header))
for r in rows:
    print(f"{r['client']:<10} {r['configuration']:<8} {r['files']:>6} {r['lines']:>8} {r['types']:>6} {r['enums']:>6} {r['operations']:>6} "
          f"{r['wallSeconds']:>8.1f} {r['buildCPUSeconds']:>11.1f} {r['compilerCPUSeconds']:>14.1f} {r['compilerPeakMiB']:>9.0f}")
if baseline_path:
    baseline = json.load(open(baseline_path))
    print()
    print(f"compared with baseline {baseline.get('commit', '?')} ({baseline.get('label', '')}):")
    for r in rows:
        old = next((b for b in baseline["results"] if b["client"] == r["client"] and b["configuration"] == r["configuration"]), None)
        if old is None:
            print(f"  {r['client']} {r['configuration']}: not in the baseline")
            continue
        def change(key, unit):
            a, b = old[key], r[key]
            percent = f"{(b - a) / a * 100:+.0f}%" if a else "n/a"
            return f"{key} {a:g}{unit} -> {b:g}{unit} ({percent})"
        print(f"  {r['client']} {r['configuration']}: " + ", ".join([
            change("compilerCPUSeconds", " s"), change("compilerPeakMiB", " MiB"), change("lines", ""), change("wallSeconds", " s")]))
if save_path:
    with open(save_path, "w") as f:
        json.dump({"commit": commit, "label": label, "docs": docs, "swiftcFlags": flags,
                   "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                   "results": rows}, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"saved {save_path}")
EOF
