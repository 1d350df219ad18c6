/**
 * The benchmark's project, as a user gets it: the package packed with `npm pack` and installed with
 * `npm install` from the tarball into a fresh folder, with @pulumi/pulumi from the registry at the
 * version the repository is tested with; a file:// backend; the real pulumi CLI.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { automation } from "@pulumi/pulumi";
import { offlineEnvironment, pulumiCommandFor, usePluginFromInstalledPackage } from "../devkit/project";
import type { PulumiCli } from "../devkit/pulumiCli";
import { REPO_ROOT } from "../devkit/repository";

export interface BenchProject {
  dir: string;
  tarball: string;
  /** Versions as installed in the project; `label` names the build (its version and, from a git checkout, commit). */
  versions: { package: string; pulumiSdk: string; label: string };
  stack(name: string): Promise<automation.Stack>;
  /** The stored state of a stack, as the backend keeps it on disk. */
  stateOf(stackName: string): { resources: { type: string }[] };
  /** Environment of the pulumi processes (for the start-cost probe). */
  env: Record<string, string>;
  dispose(): void;
}

const PASSPHRASE = "bench-passphrase";

/**
 * `packageDir`: the checkout to pack (default BENCH_PACKAGE_DIR, else this one), e.g. main's, to compare with.
 * The pace's memory (provider/client/paceMemory.ts) lives in the project's own folder: a run starts with
 * none, as on a machine that never ran the provider, whatever earlier runs left in the user's cache.
 */
export async function createBenchProject(
  cli: PulumiCli,
  packageDir = process.env.BENCH_PACKAGE_DIR ?? REPO_ROOT,
): Promise<BenchProject> {
  const root = mkdtempSync(join(tmpdir(), "secure-phone-bench-"));
  const dir = join(root, "project");
  const stateDir = join(root, "state");
  for (const folder of [dir, stateDir, join(root, "home")]) mkdirSync(folder, { recursive: true });

  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", root], {
    cwd: packageDir,
    encoding: "utf8",
  });
  const tarball = join(root, packed.trim().split("\n").pop()!);
  const sdkVersion = JSON.parse(
    readFileSync(join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"),
  ).version as string;
  for (const file of readdirSync(join(REPO_ROOT, "bench", "program")))
    copyFileSync(join(REPO_ROOT, "bench", "program", file), join(dir, file));
  // The provider plugin runs from the installed package, as a user points Pulumi.yaml at it.
  usePluginFromInstalledPackage(dir);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify(
      {
        name: "secure-phone-bench",
        private: true,
        main: "index.js",
        dependencies: { "@pulumi/pulumi": sdkVersion, "pulumi-alicloud-secure-phone": `file:${tarball}` },
      },
      null,
      2,
    ),
  );
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const installed = (name: string) =>
    JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")).version as string;

  const { LocalWorkspace } = require("@pulumi/pulumi/automation") as typeof automation;
  const pulumiCommand = await pulumiCommandFor(cli, root);
  const env = {
    ...offlineEnvironment(cli, root, stateDir, PASSPHRASE),
    ALICLOUD_SECURE_PHONE_PACE_DIR: join(root, "pace"),
  };
  return {
    dir,
    tarball,
    versions: {
      package: installed("pulumi-alicloud-secure-phone"),
      pulumiSdk: installed("@pulumi/pulumi"),
      label: `${installed("pulumi-alicloud-secure-phone")}${commitOf(packageDir)}`,
    },
    env,
    stack: (stackName) =>
      LocalWorkspace.createOrSelectStack({ stackName, workDir: dir }, { pulumiCommand, envVars: env }),
    stateOf: (stackName) =>
      JSON.parse(readFileSync(join(stateDir, ".pulumi", "stacks", "secure-phone-bench", `${stackName}.json`), "utf8"))
        .checkpoint.latest,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** ` at <short commit>` of a git checkout, or nothing. */
function commitOf(dir: string): string {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: dir, encoding: "utf8" });
  return head.status === 0 ? ` at ${head.stdout.trim()}` : "";
}
