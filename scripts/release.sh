#!/usr/bin/env bash
# Builds every artifact of a release into dist/release-v<version>/ and checks each the way a user takes it:
#   - the npm package (npm pack; `npm publish --dry-run` must list only lib/, the plugin folder's files, the
#     policy pack's (policy/PulumiPolicy.yaml, package.json, bin/) and docs)
#   - the provider plugin tarball (scripts/package-plugin.sh)
#   - the Python SDK's sdist and wheel (python -m build), installed into a fresh venv and imported
#   - the Go SDK, compiled in a fresh module that requires it; it is published by the tag sdk/go/v<version>
# `npm run release`. Needs the package registries (npm, PyPI, the Go module proxy).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p 'require("./package.json").version')
out="$PWD/dist/release-v$version"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out" && mkdir -p "$out"
log() { printf 'release: %s\n' "$*" >&2; }

npm run --silent build
# Built just above: --ignore-scripts skips prepack's second build.
npm pack --silent --ignore-scripts --pack-destination "$out" >/dev/null
listed=$(npm publish --dry-run --ignore-scripts --json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);for(const f of (r.files??r[Object.keys(r)[0]].files))console.log(f.path)})')
unexpected=$(echo "$listed" | grep -Ev '^(lib/|provider/cmd/pulumi-resource-alicloud-secure-phone/|policy/bin/|policy/PulumiPolicy\.yaml$|policy/package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$|package\.json$)' || true)
[ -z "$unexpected" ] || { log "npm would publish files users do not need:"; echo "$unexpected" >&2; exit 1; }
log "npm: $(echo "$listed" | wc -l) files, $(du -h "$out/pulumi-alicloud-secure-phone-$version.tgz" | cut -f1)"

bash scripts/package-plugin.sh --no-build "$out" >/dev/null

python3 -m venv "$work/build-venv"
"$work/build-venv/bin/pip" install --quiet --disable-pip-version-check build
cp -r sdk/python "$work/python" # build leaves build/ and *.egg-info behind in the source folder
"$work/build-venv/bin/python" -m build --sdist --wheel --outdir "$out" "$work/python" >/dev/null
python3 -m venv "$work/user-venv"
"$work/user-venv/bin/pip" install --quiet --disable-pip-version-check "$out/pulumi_alicloud_secure_phone-$version-py3-none-any.whl"
"$work/user-venv/bin/python" -c 'import pulumi_alicloud_secure_phone as p; assert p.resourcemanager.SecureMobilePhoneBinding' 
log "python: sdist and wheel install into a fresh venv and import"

module=$(sed -n 's/^module //p' sdk/go/go.mod)
mkdir "$work/go-user"
cat >"$work/go-user/main.go" <<GO
package main

import _ "$module/alicloudsecurephone/resourcemanager"

func main() {}
GO
printf 'module go-user\n\ngo 1.25\n\nrequire %s v%s\n\nreplace %s => %s\n' "$module" "$version" "$module" "$PWD/sdk/go" >"$work/go-user/go.mod"
(cd "$work/go-user" && GOFLAGS=-mod=mod go build ./... >&2)
log "go: $module compiles in a fresh module; publish it with the tag sdk/go/v$version"

log "artifacts in $out:"
ls -1 "$out" >&2
echo "$out"
