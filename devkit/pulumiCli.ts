/**
 * The one place that finds the `pulumi` CLI and its hosts, or has scripts/ensure-pulumi.sh build them:
 * the demo, the scripts, the bench and the engine tests all ask here.
 */

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { REPO_ROOT } from "./repository";

export interface PulumiCli {
  /** Folder holding pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs. */
  binDir: string;
}

const PROGRAMS = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"];

/**
 * The CLI on PATH (an ordinary install, or where .ci/run put it), else the build that
 * scripts/ensure-pulumi.sh cached earlier (e.g. for `npm run demo`). Never builds.
 */
export function findPulumiCli(
  path = process.env.PATH ?? "",
  languageHosts: readonly string[] = [],
): PulumiCli | { missing: string } {
  const programs = [...PROGRAMS, ...languageHosts];
  const dirs = path.split(delimiter).filter(Boolean);
  const where = (program: string) => dirs.find((dir) => existsSync(join(dir, program)));
  const missing = programs.filter((program) => !where(program));
  if (missing.length === 0) return { binDir: where("pulumi")! };
  const cachedDir = ensureScript({ build: false, path });
  if (cachedDir && programs.every((program) => existsSync(join(cachedDir, program)))) return { binDir: cachedDir };
  return {
    missing: `${missing.join(", ")} not on PATH and no cached build; run \`bash scripts/ensure-pulumi.sh\` (or \`npm run demo\`) once`,
  };
}

/** The CLI: found, or built the first time (the build's progress shows on stderr; minutes, once). */
export function ensurePulumiCli(): PulumiCli {
  const found = findPulumiCli();
  if ("binDir" in found) return found;
  const built = ensureScript({ build: true });
  if (!built) throw new Error("could not find or build the pulumi CLI (see above)");
  return { binDir: built };
}

/** scripts/ensure-pulumi.sh: the folder it prints last, or undefined when it fails (with --no-build: would build). */
function ensureScript({ build, path = process.env.PATH ?? "" }: { build: boolean; path?: string }): string | undefined {
  const result = spawnSync("bash", [join(REPO_ROOT, "scripts", "ensure-pulumi.sh"), ...(build ? [] : ["--no-build"])], {
    encoding: "utf8",
    env: { ...process.env, PATH: path },
    stdio: ["ignore", "pipe", build ? "inherit" : "pipe"],
  });
  return result.status === 0 ? result.stdout.trim().split("\n").pop() : undefined;
}
