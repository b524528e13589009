#!/usr/bin/env bash
# Generates a client with swift-openapi-generator 1.14.3 (its build plugin, types and client) from the
# OpenAPI document `docgen openapi` writes for docs-input/ (v1.0 unless VERSION is given), and compiles it in
# a scratch package under OUT (default: a new temporary folder). Not in CI: a first build of the generator
# and its dependencies took 23 min on the 2-core machine while five other builds ran (280 s of CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
version="${VERSION:-v1.0}"
out="${1:-$(mktemp -d)/openapi-client}"
mkdir -p "$out/Sources/GraphOpenAPIClient"
swift run docgen openapi --api-version "$version" --output "$out/Sources/GraphOpenAPIClient/openapi.json" 2>/dev/null || [ $? -eq 1 ]
cat > "$out/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "GraphOpenAPIClient",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
    ],
    targets: [
        .target(
            name: "GraphOpenAPIClient",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
    ]
)
SWIFT
printf 'generate:\n  - types\n  - client\naccessModifier: public\nnamingStrategy: idiomatic\n' > "$out/Sources/GraphOpenAPIClient/openapi-generator-config.yaml"
echo 'import OpenAPIRuntime' > "$out/Sources/GraphOpenAPIClient/Exports.swift"
swift build --package-path "$out"
generated=$(find "$out/.build" -path '*GraphOpenAPIClient*' -name Client.swift | head -1)
echo "openapi-generate: $version: generated and compiled $(grep -c 'public func ' "$generated") client functions in $out"
