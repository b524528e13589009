#!/usr/bin/env bash
# Writes the OpenAPI document of every API version of a docs folder (default docs-input; also the whole
# reference when DOCGEN_CORPUS names it) with `docgen openapi` and validates each against the OpenAPI schema
# with openapi-spec-validator (installed from PyPI when missing). Exit status 1 when any is invalid.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
if ! python3 -c "import openapi_spec_validator" 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator
fi
swift build --product docgen >/dev/null
docgen="$(swift build --show-bin-path)/docgen"
folders=("docs-input")
if [ -n "${DOCGEN_CORPUS:-}" ] && [ -d "$DOCGEN_CORPUS" ]; then folders+=("$DOCGEN_CORPUS"); fi
status=0
for folder in "${folders[@]}"; do
    for version in $("$docgen" model --input "$folder" 2>/dev/null | python3 -c 'import json,sys; print(" ".join(v["name"] for v in json.load(sys.stdin)["versions"]))'); do
        file="$out/$(basename "$folder")-$version.json"
        "$docgen" openapi --input "$folder" --api-version "$version" --output "$file" 2>/dev/null || [ $? -eq 1 ]
        if python3 - "$file" <<'PY'
import sys
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename
document, _ = read_from_filename(sys.argv[1])
validate(document)
print(f"openapi: {sys.argv[1].rsplit('/', 1)[-1]}: valid OpenAPI {document['openapi']}, {len(document['paths'])} paths, {len(document['components']['schemas'])} schemas")
PY
        then :; else echo "openapi: $folder $version: NOT valid" >&2; status=1; fi
    done
done
exit $status
