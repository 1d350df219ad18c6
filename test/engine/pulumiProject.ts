import { execFile, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import type { automation } from "@pulumi/pulumi";
import { fixtureKeys, type RunningEmulator, type Site } from "../emulator";

/**
 * Real Pulumi projects for the engine tests and the demo: an example's program in a folder of its own,
 * with the package installed in its node_modules as npm would install it (a copy of the built package,
 * not a link), a file:// backend, and the real `pulumi` CLI. The other dependencies are linked from the
 * repository's node_modules, so the program and the package share one @pulumi/pulumi as in a user's
 * install.
 */
export const REPO_ROOT = resolve(__dirname, "../..");
const PACKAGE_NAME = "pulumi-alicloud-secure-phone";
const PASSPHRASE = "engine-tests-passphrase";

export interface PulumiCli {
  /** Folder holding pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs. */
  binDir: string;
}

const PROGRAMS = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"];

/**
 * The CLI on PATH (an ordinary install, or where .ci/run put it), else the build that
 * scripts/ensure-pulumi.sh cached earlier (e.g. for `npm run demo`). Never builds.
 */
export function findPulumiCli(path = process.env.PATH ?? ""): PulumiCli | { missing: string } {
  const dirs = path.split(delimiter).filter(Boolean);
  const where = (program: string) => dirs.find((dir) => existsSync(join(dir, program)));
  const missing = PROGRAMS.filter((program) => !where(program));
  if (missing.length === 0) return { binDir: where("pulumi")! };
  const cached = spawnSync("bash", [join(REPO_ROOT, "scripts", "ensure-pulumi.sh"), "--no-build"], { encoding: "utf8", env: { ...process.env, PATH: path } });
  const cachedDir = cached.status === 0 ? cached.stdout.trim().split("\n").pop() : undefined;
  if (cachedDir && PROGRAMS.every((program) => existsSync(join(cachedDir, program)))) return { binDir: cachedDir };
  return { missing: `${missing.join(", ")} not on PATH and no cached build; run \`bash scripts/ensure-pulumi.sh\` (or \`npm run demo\`) once` };
}

export interface PulumiProject {
  dir: string;
  /** The file:// backend's folder: everything Pulumi stored. */
  stateDir: string;
  stack: automation.Stack;
  /** Replace the installed package with the current build, optionally changed (a newer release). */
  installPackage(change?: { version: string; providerComment: string }): void;
  /** Every file the backend and the project folder hold, as text: for grepping for secrets. */
  storedText(): string;
  /**
   * What `pulumi stack export` prints. Not `stack.exportStack()`: the Automation API adds
   * --show-secrets, which decrypts every secret into the text.
   */
  exportStackText(): Promise<string>;
  dispose(): void;
}

export async function createPulumiProject(
  example: "account-vending" | "bind-with-code" | "pr-preview",
  cli: PulumiCli,
  options: { stackName?: string; env?: Record<string, string> } = {},
): Promise<PulumiProject> {
  const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation") as typeof automation;
  const root = mkdtempSync(join(tmpdir(), `secure-phone-${example}-`));
  const dir = join(root, example);
  const stateDir = join(root, "state");
  mkdirSync(stateDir);
  mkdirSync(join(root, "home"));
  const exampleDir = join(REPO_ROOT, "examples", example);
  for (const file of readdirSync(exampleDir)) {
    // The program, not a user's node_modules or stack settings.
    if (file === "node_modules" || /^Pulumi\..+\.yaml$/.test(file)) continue;
    cpSync(join(exampleDir, file), join(dir, file), { recursive: true });
  }
  linkDependencies(join(dir, "node_modules"));

  const installPackage = (change?: { version: string; providerComment: string }) => {
    const target = join(dir, "node_modules", PACKAGE_NAME);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    cpSync(join(REPO_ROOT, "lib"), join(target, "lib"), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
    if (change) {
      manifest.version = change.version;
      // A build whose __provider text differs too (as 0.1.0's serialized object differs from today's
      // constant): the loader text carries the comment.
      const providerJs = join(target, "lib", "sdk", "provider.js");
      const source = readFileSync(providerJs, "utf8");
      const patched = source.replace("PROVIDER_TEXT = 'exports.handler", `PROVIDER_TEXT = '/* ${change.providerComment} */ exports.handler`);
      if (patched === source) throw new Error("could not find PROVIDER_TEXT in lib/sdk/provider.js");
      writeFileSync(providerJs, patched);
    }
    writeFileSync(join(target, "package.json"), JSON.stringify(manifest, null, 2));
  };
  installPackage();

  // PulumiCommand wants <root>/bin/pulumi; a CLI in a folder named otherwise gets a bin link of its own.
  let cliRoot = dirname(cli.binDir);
  if (basename(cli.binDir) !== "bin") {
    cliRoot = join(root, "pulumi-cli");
    mkdirSync(cliRoot);
    symlinkSync(cli.binDir, join(cliRoot, "bin"), "dir");
  }
  const pulumiCommand = await PulumiCommand.get({ root: cliRoot });
  const stackName = options.stackName ?? "test";
  const envVars = {
        PATH: `${cli.binDir}${delimiter}${process.env.PATH ?? ""}`,
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_HOME: join(root, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        ...options.env,
  };
  const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: dir }, { pulumiCommand, envVars });
  return {
    dir,
    stateDir,
    stack,
    installPackage,
    storedText: () => [stateDir, dir].map((folder) => readTree(folder, (name) => name !== "node_modules")).join("\n"),
    exportStackText: async () =>
      (
        await promisify(execFile)(pulumiCommand.command, ["stack", "export", "--stack", stackName], {
          cwd: dir,
          env: { ...process.env, ...envVars },
          maxBuffer: 64 * 1024 * 1024,
        })
      ).stdout,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** node_modules with a link to each of the repository's dependencies (scoped folders linked whole). */
function linkDependencies(target: string): void {
  mkdirSync(target, { recursive: true });
  const source = join(REPO_ROOT, "node_modules");
  for (const entry of readdirSync(source)) {
    if (entry === PACKAGE_NAME || entry.startsWith(".")) continue;
    symlinkSync(join(source, entry), join(target, entry), "dir");
  }
}

function readTree(folder: string, include: (name: string) => boolean): string {
  const parts: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!include(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) parts.push(readTree(path, include));
    else if (entry.isFile()) parts.push(readFileSync(path, "utf8"));
  }
  return parts.join("\n");
}

/** Stack config that points the provider at the emulator, the keys as secrets, as a user would set them. */
export function emulatorStackConfig(emulator: RunningEmulator, site: Site) {
  return {
    "alicloud-secure-phone:site": { value: site },
    "alicloud-secure-phone:endpoint": { value: emulator.url },
    "alicloud-secure-phone:directoryEndpoint": { value: emulator.url },
    "alicloud:accessKey": { value: fixtureKeys.management.accessKeyId, secret: true },
    "alicloud:secretKey": { value: fixtureKeys.management.accessKeySecret, secret: true },
  };
}
