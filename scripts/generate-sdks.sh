#!/usr/bin/env bash
# Generates the Python and Go SDKs from the schema into sdk/python and sdk/go (or into the folder given),
# at package.json's version: `npm run sdk:generate`. The generator (provider/cmd/pulumi-sdkgen-...) is a
# small Go program over Pulumi's pkg/v3 codegen, built once per go.sum into ~/.cache and reused.
#
#   scripts/generate-sdks.sh [sdk-folder]   (default: sdk)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-sdk}
version=$(node -p 'require("./package.json").version')
generator_src=provider/cmd/pulumi-sdkgen-alicloud-secure-phone
cache="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-alicloud-secure-phone/sdkgen-$( (cat "$generator_src/main.go" "$generator_src/go.sum") | sha256sum | cut -c1-16)"
if [ ! -x "$cache/sdkgen" ]; then
  started=$(date +%s)
  mkdir -p "$cache"
  (cd "$generator_src" && GOFLAGS=-mod=mod go build -o "$cache/sdkgen.partial" .) && mv "$cache/sdkgen.partial" "$cache/sdkgen"
  echo "generate-sdks: built the generator in $(( $(date +%s) - started )) s" >&2
fi
# What the generator writes, and only that, is replaced: a file it stopped writing must not linger.
rm -rf "$out/python/pulumi_alicloud_secure_phone" "$out/python/pyproject.toml" "$out/python/README.md" "$out/go/alicloudsecurephone" "$out/go/go.mod" "$out/python/LICENSE" "$out/go/LICENSE"
"$cache/sdkgen" provider/cmd/pulumi-resource-alicloud-secure-phone/schema.json "$version" "$out"
# Each SDK is published on its own (PyPI, a Go module tag), so each carries the license.
cp LICENSE "$out/python/LICENSE"
cp LICENSE "$out/go/LICENSE"
echo "generate-sdks: Python and Go SDKs v$version in $out/" >&2
