#!/usr/bin/env bash
# Generates the Intune client (every Intune page of a Graph docs tree, v1.0 and beta) into a scratch folder,
# compiles it against GraphRuntime, and reports its size and compile times.
#
#   scripts/intune-client.sh [DOCS] [SCRATCH] [CONFIGURATIONS]
#     DOCS            Graph reference pages (default: ../shared/corpus/graph-docs-2021-07)
#     SCRATCH         work folder, replaced (default: /tmp/docgen-intune)
#     CONFIGURATIONS  "debug release" (default), or one of them
#   DOCGEN_SUBSET     --subset selectors, separated by spaces (default: intune-); e.g. "v1.0/api/intune-deviceconfig"
#                     for a slice
#   DOCGEN_REQUIRE_LOSSLESS=1  exit 1 unless every example body round-trips losslessly (CI's slice)
#
# After each build it round-trips every JSON example body of the selected pages through the generated
# types (scripts/roundtrip/main.swift) and prints lossless / lossy / not decodable counts.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
docs=$(cd "${1:-../shared/corpus/graph-docs-2021-07}" && pwd)
scratch=${2:-/tmp/docgen-intune}
configurations=${3:-debug release}
subset_options=()
for selector in ${DOCGEN_SUBSET:-intune-}; do subset_options+=(--subset "$selector"); done

swift build -c release --product docgen >/dev/null
rm -rf "$scratch"
mkdir -p "$scratch/Sources"
start=$(date +%s%N)
"$root/.build/release/docgen" --input "$docs" --output "$scratch/Generated" "${subset_options[@]}" 2>"$scratch/diagnostics.txt" || true
generate_seconds=$(( ($(date +%s%N) - start) / 1000000000 ))
tail -n 1 "$scratch/diagnostics.txt"
"$root/.build/release/docgen" model --input "$docs" "${subset_options[@]}" >"$scratch/model.json" 2>/dev/null || true

modules=$(cd "$scratch/Generated" && ls -d */ | tr -d / | grep -v '^GeneratedCatalog$' | tr '\n' ' ')
for target in GraphRuntime DocgenModel JSONText; do ln -s "$root/Sources/$target" "$scratch/Sources/$target"; done
ln -s "$root/scripts/roundtrip" "$scratch/Sources/RoundTrip"
{
    echo '// swift-tools-version:6.0'
    echo 'import PackageDescription'
    # GraphRuntime's own package dependencies, as in the repository's Package.swift.
    echo 'let dependencies: [Package.Dependency] = [.package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"), .package(url: "https://github.com/apple/swift-log", from: "1.16.2")]'
    echo 'let runtime = Target.target(name: "GraphRuntime", dependencies: [.product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log")])'
    echo 'var targets: [Target] = [runtime, .target(name: "DocgenModel"), .target(name: "JSONText", dependencies: ["DocgenModel"])]'
    catalog_dependencies='"GraphRuntime"'
    for module in $modules; do
        echo "targets.append(.target(name: \"$module\", dependencies: [\"GraphRuntime\"], path: \"Generated/$module\"))"
        catalog_dependencies="$catalog_dependencies, \"$module\""
    done
    echo "targets.append(.target(name: \"GeneratedCatalog\", dependencies: [$catalog_dependencies], path: \"Generated/GeneratedCatalog\"))"
    echo 'targets.append(.executableTarget(name: "RoundTrip", dependencies: ["GeneratedCatalog", "GraphRuntime", "DocgenModel", "JSONText"]))'
    echo 'let package = Package(name: "IntuneClient", platforms: [.macOS(.v13)], dependencies: dependencies, targets: targets)'
} >"$scratch/Package.swift"

files=$(find "$scratch/Generated" -name '*.swift' | wc -l)
lines=$(find "$scratch/Generated" -name '*.swift' -exec cat {} + | wc -l)
bytes=$(du -sb "$scratch/Generated" | cut -f1)
echo "intune client: modules: $modules"
echo "intune client: $files files, $lines lines, $bytes bytes; generated in ${generate_seconds}s"
for configuration in $configurations; do
    start=$(date +%s%N)
    (cd "$scratch" && swift build -c "$configuration" --scratch-path "$scratch/.build-$configuration" >"$scratch/build-$configuration.log" 2>&1) \
        || { tail -n 30 "$scratch/build-$configuration.log" >&2; exit 1; }
    echo "intune client: $configuration build took $(( ($(date +%s%N) - start) / 1000000000 ))s"
    "$scratch/.build-$configuration/$configuration/RoundTrip" "$scratch/model.json" >"$scratch/roundtrip-$configuration.txt" || true
    tail -n 1 "$scratch/roundtrip-$configuration.txt"
    if [ "${DOCGEN_REQUIRE_LOSSLESS:-}" = 1 ] && ! grep -q ' 0 lossy, 0 not decodable' "$scratch/roundtrip-$configuration.txt"; then
        echo "intune client: some example bodies do not round-trip; see $scratch/roundtrip-$configuration.txt" >&2
        cat "$scratch/roundtrip-$configuration.txt" >&2
        exit 1
    fi
done
