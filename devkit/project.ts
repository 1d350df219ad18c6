/**
 * A real Pulumi project on the Automation API, for the demo, the scripts and the engine tests: an example's
 * program in a folder of its own, with the package installed in its node_modules as npm would install it (a
 * copy of the built package, not a link), a file:// backend, and the real `pulumi` CLI. The other
 * dependencies are linked from the repository's node_modules, so the program and the package share one
 * @pulumi/pulumi as in a user's install. Every text it reads back goes through the caller's audit hook.
 */

import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import type { automation } from "@pulumi/pulumi";
import { NO_AUDIT, type Audit } from "./audit";
import type { PulumiCli } from "./pulumiCli";
import {
  INSTALLED_PLUGIN_FOLDER,
  PACKAGE_NAME,
  PLUGIN_FOLDER,
  POLICY_PACKAGE_NAME,
  POLICY_PACK_FILES,
  REPO_ROOT,
} from "./repository";
import { prepareRuntime, warmGoBuild } from "./runtimes";

const PASSPHRASE = "engine-tests-passphrase";

export interface PulumiProject {
  dir: string;
  /** The file:// backend's folder: everything Pulumi stored. */
  stateDir: string;
  /** The environment the CLI runs with (backend, passphrase, PULUMI_HOME, PATH with the CLI): for running other commands in `dir`. */
  env: Record<string, string>;
  stack: automation.Stack;
  /** Replace the installed package with the current build, optionally changed (a newer release). */
  installPackage(change?: { version: string; providerComment: string }): void;
  /** Every file the backend and the project folder hold, as text: for grepping for secrets. */
  storedText(): string;
  /** The pulumi executable and the environment the project runs it with, for tests that start it themselves. */
  command: string;
  environment: NodeJS.ProcessEnv;
  /**
   * Runs the pulumi CLI in the project folder with the project's environment, on this stack unless onStack
   * is false (for commands without --stack); never throws on a failure.
   */
  cli(args: string[], input?: string, onStack?: boolean): Promise<{ code: number; stdout: string; stderr: string }>;
  /**
   * What `pulumi stack export` prints. Not `stack.exportStack()`: the Automation API adds
   * --show-secrets, which decrypts every secret into the text.
   */
  exportStackText(): Promise<string>;
  dispose(): void;
  stackName: string;
}

/** The kit's own programs (many bindings at once), in devkit/programs/<name>. */
const KIT_PROGRAMS: readonly string[] = ["many-bindings"];

export interface ProjectOptions {
  stackName?: string;
  env?: Record<string, string>;
  /**
   * How the engine finds the provider plugin. "path": from the installed package, as a user points
   * Pulumi.yaml at it (`plugins.providers[].path`), the default for programs in other languages than
   * TypeScript, which only have the plugin. "installed": from PULUMI_HOME, where `pulumi plugin install --file` put it.
   * "packages": the installed package's plugin folder as users add packages now: named under `packages:`
   * in a YAML program's Pulumi.yaml, taken by `pulumi package add <folder>` in a Python or Go program
   * (which generates and links a local SDK in sdks/, in place of the repository's sdk/python or sdk/go).
   */
  plugin?: "path" | "installed" | "packages";
  /** The program's folder, for a program that is neither an example (examples/<name>) nor the kit's own. */
  programDir?: string;
  /** Sees every text the project reads back (CLI output, stored state, stack export). */
  audit?: Audit;
}

export async function createPulumiProject(
  example: string,
  cli: PulumiCli,
  options: ProjectOptions = {},
): Promise<PulumiProject> {
  const { LocalWorkspace } = require("@pulumi/pulumi/automation") as typeof automation;
  const root = mkdtempSync(join(tmpdir(), `secure-phone-${example}-`));
  const dir = join(root, example);
  const stateDir = join(root, "state");
  mkdirSync(stateDir);
  mkdirSync(join(root, "home"));
  const audit = options.audit ?? NO_AUDIT;
  const audited = (source: string, text: string) => {
    audit.text(source, text);
    return text;
  };
  const exampleDir =
    options.programDir ??
    (KIT_PROGRAMS.includes(example)
      ? join(REPO_ROOT, "devkit", "programs", example)
      : join(REPO_ROOT, "examples", example));
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
    cpSync(join(REPO_ROOT, PLUGIN_FOLDER), join(target, PLUGIN_FOLDER), {
      recursive: true,
      filter: (file) => !file.endsWith(".ts"),
    });
    // The policy pack's package as its package.json's files ship it: its manifest and the compiled pack (bin/).
    const policyTarget = join(dir, "node_modules", POLICY_PACKAGE_NAME);
    rmSync(policyTarget, { recursive: true, force: true });
    for (const file of POLICY_PACK_FILES)
      cpSync(join(REPO_ROOT, "policy", file), join(policyTarget, file), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
    if (change) {
      manifest.version = change.version;
      // A build whose __provider text differs too (as 0.1.0's serialized object differs from today's
      // constant): the loader text carries the comment.
      const providerJs = join(target, "lib", "sdk", "nodejs", "dynamicLoader.js");
      const source = readFileSync(providerJs, "utf8");
      const patched = source.replace(
        "PROVIDER_TEXT = 'exports.handler",
        `PROVIDER_TEXT = '/* ${change.providerComment} */ exports.handler`,
      );
      if (patched === source) throw new Error("could not find PROVIDER_TEXT in lib/sdk/nodejs/dynamicLoader.js");
      writeFileSync(providerJs, patched);
    }
    writeFileSync(join(target, "package.json"), JSON.stringify(manifest, null, 2));
  };
  installPackage();
  const projectFile = join(dir, "Pulumi.yaml");
  // Programs in other languages than TypeScript have only the plugin.
  const pluginRoute =
    options.plugin ??
    (/^runtime:\s*(\n\s+name:\s*)?nodejs\s*$/m.test(readFileSync(projectFile, "utf8")) ? undefined : "path");
  if (pluginRoute === "path") usePluginFromInstalledPackage(dir);
  const project = readFileSync(projectFile, "utf8");
  // YAML has no SDK to generate (and its host 1.25.0 answers `method Link not implemented`); a TypeScript
  // program has the plugin's class in the package itself (`plugin.SecureMobilePhoneBinding`): both name the
  // folder under `packages:` by hand. Python and Go take it with `pulumi package add`.
  const addPackage = pluginRoute === "packages" && !/^runtime:\s*(\n\s+name:\s*)?(yaml|nodejs)\s*$/m.test(project);
  if (pluginRoute === "packages" && !addPackage) {
    writeFileSync(projectFile, `${project}packages:\n  alicloud-secure-phone: ${INSTALLED_PLUGIN_FOLDER}\n`);
  }

  const pulumiCommand = await pulumiCommandFor(cli, root);
  const stackName = options.stackName ?? "test";
  const runtime = prepareRuntime(dir, root, project, { cli, localSdk: !addPackage });
  const envVars = {
    ...offlineEnvironment(cli, root, stateDir, PASSPHRASE),
    PATH: [...runtime.path, cli.binDir, process.env.PATH ?? ""].join(delimiter),
    ...runtime.env,
    ...options.env,
  };
  if (addPackage) {
    const args = ["package", "add", INSTALLED_PLUGIN_FOLDER];
    const added = await runCli(pulumiCommand.command, args, { cwd: dir, env: { ...process.env, ...envVars } }, audit);
    if (added.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${added.stdout}\n${added.stderr}`);
    // setuptools' box for a `[project.license]` table (the schema asks for setup.py to avoid it), or any other.
    if (/deprecat/i.test(added.stdout + added.stderr))
      throw new Error(`pulumi ${args.join(" ")} printed a deprecation warning:\n${added.stdout}\n${added.stderr}`);
  }
  if (/^runtime:\s*go\s*$/m.test(project)) await warmGoBuild(cli, dir, { ...process.env, ...envVars });
  const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: dir }, { pulumiCommand, envVars });
  return {
    dir,
    stateDir,
    env: envVars,
    stack,
    installPackage,
    storedText: () =>
      audited(
        "stored state and project files",
        [stateDir, dir].map((folder) => readTree(folder, (name) => name !== "node_modules")).join("\n"),
      ),
    command: pulumiCommand.command,
    environment: { ...process.env, ...envVars },
    cli: (args, input, onStack = true) =>
      runCli(
        pulumiCommand.command,
        onStack ? [...args, "--stack", stackName] : args,
        { cwd: dir, env: { ...process.env, ...envVars } },
        audit,
        input,
      ),
    exportStackText: async () =>
      audited(
        "stack export",
        (
          await promisify(execFile)(pulumiCommand.command, ["stack", "export", "--stack", stackName], {
            cwd: dir,
            env: { ...process.env, ...envVars },
            maxBuffer: 64 * 1024 * 1024,
          })
        ).stdout,
      ),
    dispose: () => rmSync(root, { recursive: true, force: true }),
    stackName,
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

/** Points the project in `dir` at the provider plugin of the package installed in its node_modules, as a user does. */
export function usePluginFromInstalledPackage(dir: string): void {
  const projectFile = join(dir, "Pulumi.yaml");
  const pluginPath = join(dir, "node_modules", PACKAGE_NAME, PLUGIN_FOLDER);
  writeFileSync(
    projectFile,
    `${readFileSync(projectFile, "utf8")}plugins:\n  providers:\n    - name: alicloud-secure-phone\n      path: ${pluginPath}\n`,
  );
}

/** The Automation API's handle on the CLI, which wants <root>/bin/pulumi: a CLI elsewhere gets a bin link under `scratch`. */
export async function pulumiCommandFor(cli: PulumiCli, scratch: string): Promise<automation.PulumiCommand> {
  const { PulumiCommand } = require("@pulumi/pulumi/automation") as typeof automation;
  let cliRoot = dirname(cli.binDir);
  if (basename(cli.binDir) !== "bin") {
    cliRoot = join(scratch, "pulumi-cli");
    mkdirSync(cliRoot);
    symlinkSync(cli.binDir, join(cliRoot, "bin"), "dir");
  }
  return PulumiCommand.get({ root: cliRoot });
}

/** The environment of a pulumi run that touches nothing beyond this machine: a file:// backend, a home of its own, no downloads. */
export function offlineEnvironment(
  cli: PulumiCli,
  scratch: string,
  stateDir: string,
  passphrase: string,
): Record<string, string> {
  return {
    PATH: `${cli.binDir}${delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_HOME: join(scratch, "home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
  };
}

function runCli(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  audit: Audit,
  input?: string,
) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolvePromise) => {
    const child = execFile(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      audit.text(`pulumi ${args[0]} output`, `${stdout}\n${stderr}`);
      resolvePromise({ code: error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? "");
  });
}
