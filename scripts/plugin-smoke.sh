#!/usr/bin/env bash
# What a new user does: a new package whose manifest is the README's (docgen by path: this checkout), a
# docgen.json like the README's, `swift package generate-graph-client`, and a build of the client it wrote.
# Checks that the client holds only the selected paths. OUT (default: a new temporary folder) keeps it all.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out/DeviceWiper/Sources/DeviceWiper"
# The README's manifest names docgen at ../docgen: this checkout, under the name SwiftPM knows it by.
[ -e "$out/docgen" ] || ln -s "$root" "$out/docgen"
cd "$out/DeviceWiper"
sed -n '/<!-- plugin-manifest:begin -->/,/<!-- plugin-manifest:end -->/p' "$root/README.md" | sed '1,2d;$d' | sed '$d' > Package.swift
rm -rf graph-docs Generated
cp -R "$root/docs-input" graph-docs
python3 - "$root/README.md" > docgen.json <<'PY'
import re, sys
text = open(sys.argv[1]).read()
section = text[text.index("with a `docgen.json` at the package root:"):]
print(re.search(r"```json\n(.*?)```", section, re.S).group(1), end="")
PY
cat > Sources/DeviceWiper/main.swift <<'SWIFT'
import GraphRuntime
import DeviceGraph

let graph = DeviceGraphClient(GraphClient(authorization: { "Bearer token" }))
let wipe = graph.deviceManagement.managedDevices["device-id"].wipe
let options = WipeOptions(keepsUserData: true)
print(wipe.pathSegments.joined(separator: "/"), options.keepsUserData ?? false)
SWIFT
mkdir -p Generated/DeviceGraph
swift package --allow-writing-to-package-directory generate-graph-client
test -f Generated/DeviceGraph/Types/WipeOptions.swift
if ls Generated/DeviceGraph/RequestBuilders | grep -q '^Users'; then echo "plugin-smoke: the client has paths the selection left out" >&2; exit 1; fi
swift package --allow-writing-to-package-directory generate-graph-client --check
swift build
swift run DeviceWiper
echo "plugin-smoke: a new package generated and built a client of $(ls Generated/DeviceGraph/RequestBuilders | wc -l) request builders in $out/DeviceWiper"
