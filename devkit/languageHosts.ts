/**
 * Which language hosts the engine runs with, read from the binaries themselves: the engine takes a host
 * from beside the `pulumi` it runs first, then from PATH, and `go version -m` names the sdk/v3 each host
 * was built against. CI builds the hosts at the CLI's own version (PULUMI_HOST_SOURCES); the route without
 * them has hosts from sdk/v3 v3.68.0 / v3.62.0, which lack RunPlugin, Link and the Python `virtualenv` option.
 */

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { PulumiCli } from "./pulumiCli";

export const LANGUAGE_HOSTS = ["pulumi-language-nodejs", "pulumi-language-python", "pulumi-language-go"] as const;

/** The host the engine starts for `cli`: beside its pulumi, else the first on PATH. */
export function hostPath(cli: PulumiCli, host: string, path = process.env.PATH ?? ""): string | undefined {
  const dirs = [cli.binDir, ...path.split(delimiter).filter(Boolean)];
  return dirs.map((dir) => join(dir, host)).find((file) => existsSync(file));
}

/** The sdk/v3 a Go binary was built against (`go version -m`), e.g. "v3.248.0"; undefined without Go or build info. */
export function builtAgainstSdk(binary: string): string | undefined {
  const read = spawnSync("go", ["version", "-m", binary], { encoding: "utf8" });
  if (read.status !== 0) return undefined;
  return read.stdout.match(/^\s+(?:mod|dep)\s+github\.com\/pulumi\/pulumi\/sdk\/v3\s+(v\S+)/m)?.[1];
}

/** The CLI's own version, as `pulumi version` prints it (e.g. "v3.248.0"). */
export function cliVersion(cli: PulumiCli): string {
  return spawnSync(join(cli.binDir, "pulumi"), ["version"], { encoding: "utf8" }).stdout.trim();
}

/**
 * Whether the hosts must match the CLI: when CI built them (PULUMI_HOST_SOURCES) or the engine tests are
 * mandatory (CI=true, SECURE_PHONE_ENGINE_TESTS=required).
 */
export function matchingHostsRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.PULUMI_HOST_SOURCES) || env.CI === "true" || env.SECURE_PHONE_ENGINE_TESTS === "required";
}

/** True when each of `hosts` was built against the CLI's own sdk/v3 (what `pulumi package add` and RunPlugin need). */
export function hostsMatchCli(cli: PulumiCli, hosts: readonly string[] = LANGUAGE_HOSTS): boolean {
  const version = cliVersion(cli);
  return hosts.every((host) => {
    const path = hostPath(cli, host);
    return path !== undefined && builtAgainstSdk(path) === version;
  });
}
