#!/usr/bin/env bash
# Builds the provider plugin as a tarball for `pulumi plugin install resource alicloud-secure-phone <version>
# --file <tarball>`: the executable pulumi-resource-alicloud-secure-phone at the top, and beside it the packed
# npm package (exactly what `npm publish` ships) installed with its production dependencies. Prints the
# tarball's path as the last line. Needs Node at run time, like every Node provider; the tarball is the same
# for every OS and architecture (no native code).
#
#   scripts/package-plugin.sh [--no-build] [out-dir]   (default: dist/; --no-build packs lib/ as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
out_dir=$(mkdir -p "${1:-dist}" && cd "${1:-dist}" && pwd)
version=$(node -p 'require("./package.json").version')
# The @pulumi/pulumi the tests run (a peer dependency: npm would otherwise pick the newest, which needs Node 22).
pulumi_sdk=$(node -p 'require("./package.json").devDependencies["@pulumi/pulumi"]')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if $build; then npm run --silent build; fi
# --ignore-scripts: the build is the line above (prepack would build again, and --no-build means none).
npm pack --silent --ignore-scripts --pack-destination "$work" >/dev/null
mkdir "$work/plugin"
(
  cd "$work/plugin"
  echo '{ "private": true }' >package.json
  npm install --silent --omit=dev --no-audit --no-fund --no-package-lock \
    "$work/pulumi-alicloud-secure-phone-$version.tgz" "@pulumi/pulumi@$pulumi_sdk" >&2
  rm package.json
  cat >pulumi-resource-alicloud-secure-phone <<'SCRIPT'
#!/bin/sh
# The alicloud-secure-phone provider plugin: starts the packaged entry with the engine's arguments.
here=$(dirname "$(readlink -f "$0")")
exec node "$here/node_modules/pulumi-alicloud-secure-phone/lib/provider/cmd/pulumi-resource-alicloud-secure-phone/main.js" "$@"
SCRIPT
  chmod +x pulumi-resource-alicloud-secure-phone
)
tarball="$out_dir/pulumi-resource-alicloud-secure-phone-v$version.tar.gz"
tar -czf "$tarball" -C "$work/plugin" .
echo "package-plugin: $(du -h "$tarball" | cut -f1) $tarball" >&2
echo "$tarball"
