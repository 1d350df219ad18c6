/**
 * Real Pulumi projects for the engine tests and the demo: an example's program in a folder of its own,
 * with the package installed in its node_modules as npm would install it (a copy of the built package,
 * not a link), a file:// backend, and the real `pulumi` CLI. The other dependencies are linked from the
 * repository's node_modules, so the program and the package share one @pulumi/pulumi as in a user's
 * install.
 */

import { execFile, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import type { automation } from "@pulumi/pulumi";
import { fixtureKeys, type RunningEmulator, type Site } from "../../emulator";
import { auditText } from "../support/audit";
import { builtAgainstSdk, cliVersion, hostPath } from "./languageHosts";

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
export function findPulumiCli(
  path = process.env.PATH ?? "",
  languageHosts: readonly string[] = [],
): PulumiCli | { missing: string } {
  const programs = [...PROGRAMS, ...languageHosts];
  const dirs = path.split(delimiter).filter(Boolean);
  const where = (program: string) => dirs.find((dir) => existsSync(join(dir, program)));
  const missing = programs.filter((program) => !where(program));
  if (missing.length === 0) return { binDir: where("pulumi")! };
  const cached = spawnSync("bash", [join(REPO_ROOT, "scripts", "ensure-pulumi.sh"), "--no-build"], {
    encoding: "utf8",
    env: { ...process.env, PATH: path },
  });
  const cachedDir = cached.status === 0 ? cached.stdout.trim().split("\n").pop() : undefined;
  if (cachedDir && programs.every((program) => existsSync(join(cachedDir, program)))) return { binDir: cachedDir };
  return {
    missing: `${missing.join(", ")} not on PATH and no cached build; run \`bash scripts/ensure-pulumi.sh\` (or \`npm run demo\`) once`,
  };
}

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

/** The folder, in an installed copy of the package, that holds the provider plugin's executable. */
export const PLUGIN_FOLDER = join("provider", "cmd", "pulumi-resource-alicloud-secure-phone");
/** That folder as a user names it from the project folder, under `packages:` or to `pulumi package add`. */
export const INSTALLED_PLUGIN_FOLDER = join("node_modules", PACKAGE_NAME, PLUGIN_FOLDER);

/**
 * The policy pack is a package of its own (policy/package.json), installed beside the main one; the files of
 * policy/ it ships (its package.json's files, and the manifest).
 */
export const POLICY_PACKAGE_NAME = "pulumi-alicloud-secure-phone-policy";
const POLICY_PACK_FILES = ["PulumiPolicy.yaml", "package.json", "bin"];

/** The engine tests' own programs, in test/engine/programs/<name>; every other name is an example in examples/<name>. */
const TEST_PROGRAMS: readonly string[] = [
  "many-bindings",
  "shown-bindings",
  // What `pulumi new typescript` writes, without index.ts: quickStart.test.ts puts the README's example there.
  "quickstart",
  "policy-vending",
  "policy-vending-yaml",
  "policy-vending-python",
];

export async function createPulumiProject(
  example: string,
  cli: PulumiCli,
  options: {
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
  } = {},
): Promise<PulumiProject> {
  const { LocalWorkspace } = require("@pulumi/pulumi/automation") as typeof automation;
  const root = mkdtempSync(join(tmpdir(), `secure-phone-${example}-`));
  const dir = join(root, example);
  const stateDir = join(root, "state");
  mkdirSync(stateDir);
  mkdirSync(join(root, "home"));
  const exampleDir = TEST_PROGRAMS.includes(example)
    ? join(REPO_ROOT, "test", "engine", "programs", example)
    : join(REPO_ROOT, "examples", example);
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
    const added = await runCli(pulumiCommand.command, args, { cwd: dir, env: { ...process.env, ...envVars } });
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

function audited(source: string, text: string): string {
  auditText(source, text);
  return text;
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

/** Stack config for the provider plugin, as a plugin user sets it: only its own keys reach a plugin (no alicloud:*). */
export function pluginStackConfig(emulator: RunningEmulator, site: Site) {
  return {
    "alicloud-secure-phone:site": { value: site },
    "alicloud-secure-phone:endpoint": { value: emulator.url },
    "alicloud-secure-phone:directoryEndpoint": { value: emulator.url },
    "alicloud-secure-phone:accessKey": { value: fixtureKeys.management.accessKeyId, secret: true },
    "alicloud-secure-phone:secretKey": { value: fixtureKeys.management.accessKeySecret, secret: true },
  };
}

export interface VendingMembers {
  appDev: string;
  appProd: string;
  security: string;
}

/**
 * The members the plugin account-vending examples (YAML, Python, Go) declare, added to the emulator's
 * directory with IDs from `firstId` on: below 2^53, since Pulumi hands digit-only config values to a YAML
 * program as numbers, exact only that far.
 */
export function addVendingMembers(emulator: RunningEmulator, firstId: bigint): VendingMembers {
  const [appDev, appProd, security] = ["app-dev", "app-prod", "security"].map(
    (displayName, i) =>
      emulator.directory.addResourceAccount({ accountId: String(firstId + BigInt(i)), displayName }).AccountId,
  );
  return { appDev, appProd, security };
}

/** Those examples' own config: the three members and the security team's number (the code is set apart). */
export function vendingProgramConfig(members: VendingMembers, phone: string) {
  return {
    appDevAccountId: { value: members.appDev },
    appProdAccountId: { value: members.appProd },
    securityAccountId: { value: members.security },
    securityTeamPhone: { value: phone, secret: true },
  };
}

function runCli(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, input?: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolvePromise) => {
    const child = execFile(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      auditText(`pulumi ${args[0]} output`, `${stdout}\n${stderr}`);
      resolvePromise({ code: error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? "");
  });
}

/** The SDK release the Python programs install from PyPI: the one matching the CLI the tests run. */
const PYTHON_PULUMI_SDK = "pulumi==3.248.0";
const GO_SDK_MODULE = "github.com/pulumi-alicloud-secure-phone/pulumi-alicloud-secure-phone/sdk/go";

/**
 * What a program in another language needs before pulumi can run it, done as its user would:
 * - Python: a virtualenv with the pulumi SDK and this repository's generated SDK (`pip install ./sdk/python`),
 *   named by `runtime.options.virtualenv`; the hosts from sdk/v3 v3.68.0 ignore that option, so with them it
 *   is activated through PATH and VIRTUAL_ENV too;
 * - Go: the program's go.mod takes the SDK from this repository (a `replace` to sdk/go, made absolute).
 * Without `localSdk` (`pulumi package add` generates the SDK and links it) only the pulumi SDK is installed and
 * the program's requirement on the repository's SDK is dropped.
 */
function prepareRuntime(
  dir: string,
  root: string,
  project: string,
  { cli, localSdk }: { cli: PulumiCli; localSdk: boolean },
): { path: string[]; env: Record<string, string> } {
  if (/^runtime:\s*(\n\s+name:\s*)?python\s*$/m.test(project)) {
    const venv = join(root, "venv");
    const run = (command: string, args: string[]) => {
      const result = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
    };
    run("python3", ["-m", "venv", venv]);
    const packages = [PYTHON_PULUMI_SDK];
    if (localSdk) {
      // From a copy: pip builds in the source folder, and the repository's must stay as generated.
      const sdk = join(root, "sdk-python");
      cpSync(join(REPO_ROOT, "sdk", "python"), sdk, { recursive: true });
      packages.push(sdk);
    } else {
      const requirements = join(dir, "requirements.txt");
      const listed = readFileSync(requirements, "utf8");
      writeFileSync(requirements, listed.replace(/^pulumi_alicloud_secure_phone\b.*\n/m, ""));
    }
    run(join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", ...packages]);
    // Outside the project folder, which the tests read whole for secrets; so an absolute path.
    const projectFile = join(dir, "Pulumi.yaml");
    const runtimeName = /^(runtime:\s*\n(\s+)name:\s*python\s*\n)/m;
    const named = project.replace(runtimeName, `$1$2options:\n$2  virtualenv: ${venv}\n`);
    if (named === project) throw new Error(`${projectFile}: expected runtime:\n  name: python`);
    writeFileSync(projectFile, named);
    if (pythonHostReadsVirtualenv(cli)) return { path: [], env: {} };
    return { path: [join(venv, "bin")], env: { VIRTUAL_ENV: venv } };
  }
  if (/^runtime:\s*go\s*$/m.test(project)) {
    const goMod = join(dir, "go.mod");
    // `pulumi package add` writes its own replace, to the SDK it generates in sdks/.
    const replace = localSdk ? `replace ${GO_SDK_MODULE} => ${join(REPO_ROOT, "sdk", "go")}` : "";
    writeFileSync(goMod, readFileSync(goMod, "utf8").replace(/^replace .*$/m, replace));
    // The Go host builds the program into $TMPDIR and leaves the binary there (38 MB a run): keep it in the project's scratch folder.
    const tmp = join(root, "tmp");
    mkdirSync(tmp);
    return { path: [], env: { GOFLAGS: "-mod=mod", TMPDIR: tmp } };
  }
  return { path: [], env: {} };
}

/**
 * Whether the Python host honours `runtime.options.virtualenv`. Measured: the host from sdk/v3 v3.68.0 (the
 * route without PULUMI_HOST_SOURCES) ignores it (`No module named 'pulumi'`); the host at the CLI's version
 * takes it. A host without build info (an ordinary install, or no Go to read it) is taken to match its CLI.
 */
function pythonHostReadsVirtualenv(cli: PulumiCli): boolean {
  const host = hostPath(cli, "pulumi-language-python");
  const sdk = host ? builtAgainstSdk(host) : undefined;
  return sdk === undefined || sdk === cliVersion(cli);
}

/**
 * Builds the Go program once, as the Go host will, so that Go's build cache holds it before the first
 * preview: the host at the CLI's version builds with `-trimpath -ldflags "-w -s"` (its main.go), which
 * shares no cache entries with the plain `go build` of the host from sdk/v3 v3.62.0 nor with the CLI's own
 * build, and a cold build of a Pulumi program takes minutes on two cores, past a step's timeout.
 */
async function warmGoBuild(cli: PulumiCli, dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const host = hostPath(cli, "pulumi-language-go");
  const sdk = host ? builtAgainstSdk(host) : undefined;
  const flags = sdk === undefined || sdk === cliVersion(cli) ? ["-trimpath", "-ldflags", "-w -s"] : [];
  const out = join(env.TMPDIR ?? tmpdir(), "warm-build");
  const args = ["build", "-buildvcs=false", "-o", out, ...flags];
  await promisify(execFile)("go", args, { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
  rmSync(out, { force: true });
}
