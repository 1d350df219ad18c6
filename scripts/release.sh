#!/usr/bin/env bash
# `npm run release`: builds every artifact of a release into dist/release-v<version>/, checks each the way a
# user takes it, and prints what publishing would run. A dry run unless --publish is given.
#   - the npm packages: pulumi-alicloud-secure-phone (npm pack; `npm publish --dry-run` must list only lib/,
#     the plugin folder's files and the docs) and the policy pack's, pulumi-alicloud-secure-phone-policy
#     (policy/: PulumiPolicy.yaml, package.json, bin/)
#   - the provider plugin tarball for `pulumi plugin install --file` (scripts/package-plugin.sh)
#   - the Python SDK's sdist and wheel (python -m build)
#   - the Go SDK as the Go module proxy serves the tag sdk/go/v<version> (goproxy/: list, .info, .mod, .zip),
#     so that `go get <module>@v<version>` resolves it through GOPROXY=file://... before the tag exists
# Then scripts/release-check.ts installs each into a fresh folder and runs a preview and an up on the emulator
# (TypeScript, the policy pack, YAML, Python, Go, and `pulumi package add`), and prints the table.
#
#   scripts/release.sh [--publish]
# Needs the package registries (npm, PyPI, the Go module proxy) and a pulumi CLI with its language hosts
# (scripts/ensure-pulumi.sh finds it, or builds it once; set PULUMI_HOST_SOURCES as .ci/run does for hosts
# that run policy packs and `pulumi package add`).
set -euo pipefail
cd "$(dirname "$0")/.."
publish=false
if [ "${1:-}" = "--publish" ]; then publish=true; shift; fi
version=$(node -p 'require("./package.json").version')
[ "$(node -p 'require("./policy/package.json").version')" = "$version" ] ||
  { echo "release: policy/package.json's version is not package.json's ($version)" >&2; exit 1; }
module=$(sed -n 's/^module //p' sdk/go/go.mod)
out="$PWD/dist/release-v$version"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out" && mkdir -p "$out"
log() { printf 'release: %s\n' "$*" >&2; }

npm run --silent build
# Built just above: --ignore-scripts skips prepack's second build.
npm pack --silent --ignore-scripts --pack-destination "$out" >/dev/null
listed=$(npm publish --dry-run --ignore-scripts --json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);for(const f of (r.files??r[Object.keys(r)[0]].files))console.log(f.path)})')
unexpected=$(echo "$listed" | grep -Ev '^(lib/|provider/cmd/pulumi-resource-alicloud-secure-phone/|README\.md$|LICENSE$|CHANGELOG\.md$|package\.json$)' || true)
[ -z "$unexpected" ] || { log "npm would publish files users do not need:"; echo "$unexpected" >&2; exit 1; }
log "npm: $(echo "$listed" | wc -l) files, $(du -h "$out/pulumi-alicloud-secure-phone-$version.tgz" | cut -f1)"
# The policy pack's own package, packed from a copy of its files with the LICENSE beside them (npm packs a
# LICENSE it finds beside package.json).
mkdir "$work/policy"
cp -r policy/PulumiPolicy.yaml policy/package.json policy/README.md policy/bin LICENSE "$work/policy/"
(cd "$work/policy" && npm pack --silent --ignore-scripts --pack-destination "$out" >/dev/null)
log "npm (policy pack): $(tar -tzf "$out/pulumi-alicloud-secure-phone-policy-$version.tgz" | wc -l) files, $(du -h "$out/pulumi-alicloud-secure-phone-policy-$version.tgz" | cut -f1)"

bash scripts/package-plugin.sh --no-build "$out" >/dev/null

python3 -m venv "$work/build-venv"
"$work/build-venv/bin/pip" install --quiet --disable-pip-version-check build
cp -r sdk/python "$work/python" # build leaves build/ and *.egg-info behind in the source folder
"$work/build-venv/bin/python" -m build --sdist --wheel --outdir "$out" "$work/python" >"$work/python-build.log" 2>&1 ||
  { cat "$work/python-build.log" >&2; exit 1; }
if grep -i deprecat "$work/python-build.log" >&2; then log "python: the build printed a deprecation warning"; exit 1; fi
log "python: sdist and wheel, no deprecation warning"

# The Go module as the proxy serves a version (https://go.dev/ref/mod#goproxy-protocol): the tag
# sdk/go/v<version> of the repository holds sdk/go, whose go.mod names $module.
proxy="$out/goproxy/$module/@v"
mkdir -p "$proxy"
echo "v$version" >"$proxy/list"
printf '{"Version":"v%s","Time":"%s"}\n' "$version" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$proxy/v$version.info"
cp sdk/go/go.mod "$proxy/v$version.mod"
(cd sdk/go && git ls-files --cached --others --exclude-standard . 2>/dev/null || find . -type f | sed 's|^\./||') |
  python3 -c '
import sys, zipfile
prefix, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for name in sorted(line.strip() for line in sys.stdin if line.strip()):
        z.write("sdk/go/" + name, prefix + "/" + name)
' "$module@v$version" "$proxy/v$version.zip"
log "go: $module@v$version in goproxy/ (the tag sdk/go/v$version publishes it)"

pulumi_bin=$(bash scripts/ensure-pulumi.sh | tail -n1)
log "checking every artifact from a fresh folder (pulumi in $pulumi_bin)"
check=0
npx tsx scripts/release-check.ts "$out" "$pulumi_bin" || check=$?

# What publishing runs: printed in a dry run, run with --publish (only after the check passed).
commands=(
  "npm publish $out/pulumi-alicloud-secure-phone-$version.tgz"
  "npm publish $out/pulumi-alicloud-secure-phone-policy-$version.tgz"
  "python3 -m twine upload $out/pulumi_alicloud_secure_phone-$version.tar.gz $out/pulumi_alicloud_secure_phone-$version-py3-none-any.whl"
  "git tag v$version"
  "git tag sdk/go/v$version"
  "git push origin v$version sdk/go/v$version"
  "gh release create v$version $out/pulumi-resource-alicloud-secure-phone-v$version.tar.gz --notes-file CHANGELOG.md"
)
[ "$check" = 0 ] || { log "the check failed: nothing to publish"; exit "$check"; }
if $publish; then
  for command in "${commands[@]}"; do log "running: $command"; $command; done
else
  log "dry run: nothing published. --publish would run:"
  printf '  %s\n' "${commands[@]}" >&2
fi
echo "$out"
