/**
 * What a program in another language than TypeScript needs before pulumi can run it (a Python virtualenv,
 * a Go module pointed at this repository's SDK and a warm Go build), done as its user would.
 */

import { execFile, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { builtAgainstSdk, cliVersion, hostPath } from "./languageHosts";
import type { PulumiCli } from "./pulumiCli";
import { REPO_ROOT } from "./repository";

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
export function prepareRuntime(
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
export async function warmGoBuild(cli: PulumiCli, dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const host = hostPath(cli, "pulumi-language-go");
  const sdk = host ? builtAgainstSdk(host) : undefined;
  const flags = sdk === undefined || sdk === cliVersion(cli) ? ["-trimpath", "-ldflags", "-w -s"] : [];
  const out = join(env.TMPDIR ?? tmpdir(), "warm-build");
  const args = ["build", "-buildvcs=false", "-o", out, ...flags];
  await promisify(execFile)("go", args, { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
  rmSync(out, { force: true });
}
