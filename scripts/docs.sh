#!/usr/bin/env bash
# Builds the DocC documentation of GraphRuntime and of every generated module with swift-docc-plugin
# (`swift package generate-documentation`), one archive per module in OUT (default .build/docs), and fails
# when DocC warns about anything (an unresolved symbol link, a malformed doc comment): --warnings-as-errors.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/docs}"
mkdir -p "$out"
# The generated modules are the ones Package.swift lists between docgen's markers.
modules=$(sed -n 's/^let versionModules = \[\(.*\)\]$/\1/p' Package.swift | tr -d '"' | tr ',' ' ')
for target in GraphRuntime $modules; do
    echo "docs: $target"
    swift package --allow-writing-to-directory "$out" generate-documentation --target "$target" \
        --output-path "$out/$target.doccarchive" --warnings-as-errors --disable-indexing
done
echo "docs: built into $out with no warnings"
