#!/usr/bin/env bash
# Find or build a real `pulumi` CLI plus the Node language host, and print the folder that holds them.
#
#   scripts/ensure-pulumi.sh            -> prints a bin folder holding pulumi, pulumi-language-nodejs,
#                                          pulumi-resource-pulumi-nodejs, and the YAML, Python and Go
#                                          language hosts (last line)
#   scripts/ensure-pulumi.sh --no-build -> the same, but only finds (PATH or cache); exits 1 when it would build
#
#   PULUMI_HOST_SOURCES=<dir>           -> the Node, Python and Go hosts are built from the sources in <dir>
#                                          (e.g. ../shared/pulumi-hosts/v3.248.0: pulumi/pulumi's files at a tag,
#                                          named after it), at that version, into a cache folder of their own,
#                                          pulumi-v<cli>-hosts-v<hosts>/bin. A relative <dir> is taken from the
#                                          repository root. Unset: the hosts from sdk/v3 v3.68.0 / v3.62.0 below.
#
# Either way the script says on stderr which hosts it used, and `go version -m <host>` names the sdk/v3
# each host was built against.
#
# Order: a `pulumi` already on PATH (an ordinary install) wins, provided a `pulumi-language-nodejs` sits
# on PATH or next to it. Otherwise the three programs are built from the Go module proxy into a cache
# outside the work tree, keyed by version, and reused on later runs. Nothing is downloaded from anywhere
# but the package registries (the Go module proxy; the npm registry already gave us @pulumi/pulumi).
#
# What was settled by trying it here (2026-11-28, Go 1.26.8, 2 cores):
# - A cold build (empty Go module and build caches) took 416 s: 125 MB of binaries in the cache folder,
#   1.7 GB of Go module cache, 1.7 GB of Go build cache. Go 1.26.8 satisfies pkg/v3's `go 1.25.11`, so no
#   GOTOOLCHAIN switch is needed.
# - `go install github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v3.248.0` is refused (pkg/go.mod has replace
#   directives). A throw-away wrapper module that requires pkg/v3 and sdk/v3 at the same version and runs
#   `go build` on the main package works; the clipboard replace is Windows-only and is left out.
# - The Node language host's own module (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
#   is NOT served by the proxy this machine reaches: its @v/list, @latest, the commit hash and the computed
#   pseudo-version all answer 403 "This module version is not available". The reference's hope that the
#   pseudo-version of the pkg tag's commit works does not hold here.
# - The last sdk/v3 release that still carries the language host as a package of sdk/v3 itself, and that
#   the proxy serves, is v3.68.0 (v3.90.0 and later no longer have it). That host speaks the same
#   LanguageRuntime protocol the 3.248 engine uses for Node programs (Run, GetRequiredPlugins,
#   GetPluginInfo, InstallDependencies, About); the engine falls back where a newer call is unimplemented.
#   It is built in a second wrapper module, because one module cannot hold sdk/v3 at two versions.
# - `-X .../version.Version=v<ver>` is needed: without it `pulumi version` prints nothing and the
#   Automation API refuses the CLI.
# - pulumi-resource-pulumi-nodejs is the small script that the @pulumi/pulumi npm package also ships; it
#   runs node on @pulumi/pulumi/cmd/dynamic-provider resolved from the program's folder.
# - With PULUMI_HOST_SOURCES (2026-12-01): the hosts' own modules are refused, but their sources at the CLI's
#   tag build against pkg/v3 and sdk/v3 from the proxy at that version once the `replace` lines pointing at
#   `../` are dropped (from a writable copy: the sources are read-only). The CLI and the YAML host are the same
#   programs on both routes, so the hosts' folder takes them from the other route's folder (hard links: the
#   engine looks for plugins next to the real path of the running `pulumi`, which a symlink would move) or
#   builds them there first, so that one machine never builds the CLI twice. Measured: 21 s for the three
#   hosts into an empty folder with the Go module cache warm from the CLI's build (a dozen modules more to
#   download, the hosts' packages not yet in the build cache), 4 s again with the build cache warm, 0.03 s
#   when cached.
set -euo pipefail

PULUMI_VERSION="${PULUMI_CLI_VERSION:-3.248.0}"
NODE_HOST_SDK_VERSION="${PULUMI_NODE_HOST_SDK_VERSION:-3.68.0}"
YAML_HOST_VERSION="${PULUMI_YAML_HOST_VERSION:-1.25.0}"
PYTHON_HOST_SDK_VERSION="${PULUMI_PYTHON_HOST_SDK_VERSION:-3.68.0}"
GO_HOST_SDK_VERSION="${PULUMI_GO_HOST_SDK_VERSION:-3.62.0}"
EXTRA_HOSTS="pulumi-language-yaml pulumi-language-python pulumi-language-python-exec pulumi-language-go"
cache_root="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-alicloud-secure-phone}"
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The folder of the route without PULUMI_HOST_SOURCES; it also holds the CLI and YAML host both routes run.
legacy_bin="$cache_root/pulumi-v${PULUMI_VERSION}-nodehost-v${NODE_HOST_SDK_VERSION}/bin"
bin_dir=$legacy_bin

log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }

host_sources=""
if [ -n "${PULUMI_HOST_SOURCES:-}" ]; then
  case "$PULUMI_HOST_SOURCES" in
    /*) host_sources=$PULUMI_HOST_SOURCES ;;
    *) host_sources="$repo_root/$PULUMI_HOST_SOURCES" ;;
  esac
  if [ ! -d "$host_sources/sdk/nodejs/cmd/pulumi-language-nodejs" ]; then
    log "PULUMI_HOST_SOURCES=$PULUMI_HOST_SOURCES: $host_sources holds no sdk/nodejs/cmd/pulumi-language-nodejs;" \
      "expected the hosts' sources of pulumi/pulumi at a tag, e.g. ../shared/pulumi-hosts/v3.248.0"
    exit 1
  fi
  host_sources=$(cd "$host_sources" && pwd)
  # The folder is named after the tag its files come from: the hosts build against pkg/v3 and sdk/v3 at it.
  HOSTS_VERSION=$(basename "$host_sources")
  HOSTS_VERSION=${HOSTS_VERSION#v}
  if ! [[ "$HOSTS_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    log "PULUMI_HOST_SOURCES=$PULUMI_HOST_SOURCES: the folder must be named after its tag (e.g. v3.248.0)"
    exit 1
  fi
  [ "$HOSTS_VERSION" = "$PULUMI_VERSION" ] || log "warning: hosts v$HOSTS_VERSION beside pulumi v$PULUMI_VERSION"
  bin_dir="$cache_root/pulumi-v${PULUMI_VERSION}-hosts-v${HOSTS_VERSION}/bin"
fi

# Which hosts a run gets, on stderr: each host's path and the sdk/v3 it was built against.
report_hosts() { # <folder the hosts are looked for in first>
  local host path sdk
  for host in pulumi-language-nodejs pulumi-language-python pulumi-language-go pulumi-language-yaml; do
    path="$1/$host"
    [ -x "$path" ] || path=$(command -v "$host" 2>/dev/null) || { log "hosts: $host not found"; continue; }
    sdk=unknown
    if command -v go >/dev/null 2>&1; then
      sdk=$(go version -m "$path" 2>/dev/null | awk '$2 == "github.com/pulumi/pulumi/sdk/v3" { print $3; exit }')
    fi
    log "hosts: $host ($path) built against sdk/v3 ${sdk:-unknown}"
  done
}

write_dynamic_provider_script() {
  # What the script shipped in @pulumi/pulumi does: resolve the dynamic-provider host from the program
  # folder (the engine starts plugins there) and run it with the engine's arguments. Not `node -e ... -- args`:
  # under -e the arguments shift by one and the host misses the engine address.
  cat >"$1/pulumi-resource-pulumi-nodejs" <<'SCRIPT'
#!/bin/sh
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider', { paths: [process.cwd()] }))") || exit 1
exec node "$script" "$@"
SCRIPT
  chmod +x "$1/pulumi-resource-pulumi-nodejs"
}

# 1. An ordinary install on PATH.
if [ -z "${PULUMI_FORCE_BUILD:-}" ] && existing=$(command -v pulumi 2>/dev/null); then
  existing_dir=$(dirname "$(readlink -f "$existing")")
  if command -v pulumi-language-nodejs >/dev/null 2>&1 || [ -x "$existing_dir/pulumi-language-nodejs" ]; then
    if ! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1 && [ ! -x "$existing_dir/pulumi-resource-pulumi-nodejs" ]; then
      log "pulumi on PATH lacks pulumi-resource-pulumi-nodejs; run 'npm i -g @pulumi/pulumi' or put it on PATH"
    fi
    log "using pulumi on PATH: $existing ($("$existing" version 2>/dev/null || echo unknown version))"
    report_hosts "$existing_dir"
    echo "$existing_dir"
    exit 0
  fi
  log "pulumi on PATH has no pulumi-language-nodejs next to it; building our own"
fi

# 2. A build cached by an earlier run. --no-build settles for the CLI and the Node host (what the Node
# engine tests need); a full run also builds any language host added to this script since (step 3).
if [ -x "$bin_dir/pulumi" ] && [ -x "$bin_dir/pulumi-language-nodejs" ]; then
  all_hosts=true
  for host in $EXTRA_HOSTS pulumi-resource-pulumi-nodejs; do [ -x "$bin_dir/$host" ] || all_hosts=false; done
  if [ "${1:-}" = "--no-build" ] || $all_hosts; then
    # Only the route without host sources writes the launcher itself; the other copies the shipped one.
    [ -x "$bin_dir/pulumi-resource-pulumi-nodejs" ] || [ -n "$host_sources" ] || write_dynamic_provider_script "$bin_dir"
    log "using cached build: $bin_dir"
    report_hosts "$bin_dir"
    echo "$bin_dir"
    exit 0
  fi
fi

# 3. Build from the Go module proxy.
if [ "${1:-}" = "--no-build" ]; then
  log "no pulumi on PATH and no cached build in $bin_dir"
  exit 1
fi
command -v go >/dev/null 2>&1 || { log "no pulumi on PATH and no Go to build one"; exit 1; }
work=$(mktemp -d)
# The copies of the host sources keep the sources' read-only modes until made writable; rm needs that.
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$bin_dir" "$legacy_bin"
started=$(date +%s)
export GOFLAGS="-mod=mod" CGO_ENABLED=0
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${PULUMI_VERSION}"

build_in_wrapper() { # <folder> <main package> <version> <output> <require lines...>
  local dir="$1" pkg="$2" version="$3" out="$4"; shift 4
  mkdir -p "$dir"
  { echo "module ensurepulumi/$(basename "$dir")"; echo; echo "go 1.25"; echo; for r in "$@"; do echo "require $r"; done; } >"$dir/go.mod"
  printf 'package main\n\nfunc main() {}\n' >"$dir/main.go"
  # `go get pkg@version`, never a bare `go get pkg`: the bare form upgrades pkg/v3 to the newest release.
  # Built next to the target and moved into place, so an interrupted build never leaves half a binary.
  (cd "$dir" && go get "$pkg@$version" >&2 && go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$out.partial" "$pkg" >&2) &&
    mv "$out.partial" "$out"
}

build_cli() { # <bin folder>
  log "building pulumi v$PULUMI_VERSION (first time only; several minutes on 2 cores)"
  build_in_wrapper "$work/cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "v$PULUMI_VERSION" "$1/pulumi" \
    "github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION"
}
# The YAML language host, for YAML programs of the provider plugin. pulumi-yaml v1.25.0 does not compile
# against pkg/v3 v3.248.0; in a wrapper of its own it builds with the pkg/sdk it requires (v3.206.0), and
# speaks the same LanguageRuntime protocol to the 3.248 engine (runs programs, generates code for import).
build_yaml_host() { # <bin folder>
  log "building pulumi-language-yaml from pulumi-yaml v$YAML_HOST_VERSION"
  build_in_wrapper "$work/yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml "v$YAML_HOST_VERSION" "$1/pulumi-language-yaml" \
    "github.com/pulumi/pulumi-yaml v$YAML_HOST_VERSION"
}

if [ -n "$host_sources" ]; then
  # The CLI and the YAML host are the same on both routes: built once, into the other route's folder, and
  # hard-linked here (a copy where links cannot be made). Not a symlink: the engine finds plugins next to
  # the resolved path of the running pulumi, which would be the other folder with the other hosts.
  take_shared() { # <program> <build function>
    [ -x "$bin_dir/$1" ] && return 0
    [ -x "$legacy_bin/$1" ] || "$2" "$legacy_bin"
    ln -f "$legacy_bin/$1" "$bin_dir/$1" 2>/dev/null || cp "$legacy_bin/$1" "$bin_dir/$1"
  }
  take_shared pulumi build_cli
  take_shared pulumi-language-yaml build_yaml_host
  host_ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${HOSTS_VERSION}"
  build_from_sources() { # <host's folder under the sources> <output>
    local src="$host_sources/$1" dir="$work/$(basename "$1")" out="$bin_dir/$2" module
    [ -x "$out" ] && return 0
    log "building $2 from $src at v$HOSTS_VERSION"
    cp -R "$src" "$dir"
    chmod -R u+w "$dir"
    # Without the replaces that point into the rest of the pulumi/pulumi tree (not here), pkg/v3 and sdk/v3
    # come from the module proxy at the sources' tag.
    for module in $(sed -nE 's#^[[:space:]]*(replace[[:space:]]+)?([^[:space:]]+)([[:space:]]+v[^[:space:]]+)?[[:space:]]+=>[[:space:]]+\..*#\2#p' "$dir/go.mod"); do
      (cd "$dir" && go mod edit -dropreplace="$module")
    done
    (cd "$dir" &&
      go mod edit -require="github.com/pulumi/pulumi/pkg/v3@v$HOSTS_VERSION" -require="github.com/pulumi/pulumi/sdk/v3@v$HOSTS_VERSION" &&
      go build -trimpath -tags osusergo,grpcnotrace -ldflags "$host_ldflags" -o "$out.partial" . >&2) &&
      mv "$out.partial" "$out"
  }
  build_from_sources sdk/nodejs/cmd/pulumi-language-nodejs pulumi-language-nodejs
  build_from_sources sdk/python/cmd/pulumi-language-python pulumi-language-python
  build_from_sources sdk/go/pulumi-language-go pulumi-language-go
  # The scripts the CLI ships beside these hosts, from the same tag.
  install -m 0755 "$host_sources/sdk/python/cmd/pulumi-language-python-exec" "$bin_dir/pulumi-language-python-exec"
  install -m 0755 "$host_sources/sdk/nodejs/dist/pulumi-resource-pulumi-nodejs" "$bin_dir/pulumi-resource-pulumi-nodejs"
  log "built in $(( $(date +%s) - started )) s into $bin_dir"
  report_hosts "$bin_dir"
  echo "$bin_dir"
  exit 0
fi

[ -x "$bin_dir/pulumi" ] || build_cli "$bin_dir"
if [ ! -x "$bin_dir/pulumi-language-nodejs" ]; then
  log "building pulumi-language-nodejs from sdk/v3 v$NODE_HOST_SDK_VERSION"
  build_in_wrapper "$work/host" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "v$NODE_HOST_SDK_VERSION" "$bin_dir/pulumi-language-nodejs" \
    "github.com/pulumi/pulumi/sdk/v3 v$NODE_HOST_SDK_VERSION"
fi
[ -x "$bin_dir/pulumi-language-yaml" ] || build_yaml_host "$bin_dir"
# The Python host: its own module is not served here (403), but sdk/v3 v3.68.0 still carries it, with the
# exec script it runs programs through. It ignores runtime.options.virtualenv: activate a venv via PATH
# and VIRTUAL_ENV.
if [ ! -x "$bin_dir/pulumi-language-python" ] || [ ! -x "$bin_dir/pulumi-language-python-exec" ]; then
  log "building pulumi-language-python from sdk/v3 v$PYTHON_HOST_SDK_VERSION"
  build_in_wrapper "$work/python" github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python "v$PYTHON_HOST_SDK_VERSION" "$bin_dir/pulumi-language-python" \
    "github.com/pulumi/pulumi/sdk/v3 v$PYTHON_HOST_SDK_VERSION"
  install -m 0755 "$(cd "$work/python" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)/python/cmd/pulumi-language-python-exec" "$bin_dir/pulumi-language-python-exec"
fi
# The Go host: sdk/v3 v3.62.0 is the last release that carries it.
if [ ! -x "$bin_dir/pulumi-language-go" ]; then
  log "building pulumi-language-go from sdk/v3 v$GO_HOST_SDK_VERSION"
  build_in_wrapper "$work/go" github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go "v$GO_HOST_SDK_VERSION" "$bin_dir/pulumi-language-go" \
    "github.com/pulumi/pulumi/sdk/v3 v$GO_HOST_SDK_VERSION"
fi
write_dynamic_provider_script "$bin_dir"
log "built in $(( $(date +%s) - started )) s into $bin_dir"
report_hosts "$bin_dir"
echo "$bin_dir"
