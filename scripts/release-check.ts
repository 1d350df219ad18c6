/**
 * The release check of `npm run release` (scripts/release.sh builds the artifacts, then runs this): each
 * artifact installed the way a user takes it, into a fresh folder under the system's temp folder that refers to
 * nothing of the clone, and one program per language run through `pulumi preview` and `pulumi up` on the
 * emulator that the installed npm package ships. The programs are the Registry page's examples
 * (docs/_index.md), the only thing read from the clone. Prints the table (artifact, size, where it was installed
 * from, what ran, the result) and writes it to release-check.md beside the artifacts; exits 1 if a row failed.
 *
 *   tsx scripts/release-check.ts <artifacts folder> <folder holding pulumi and its language hosts>
 *
 * Uses only Node's own modules: nothing here is the package under test.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, join, resolve } from "node:path";

const [artifactsArg, pulumiBin] = process.argv.slice(2);
if (!artifactsArg || !pulumiBin) {
  console.error("usage: tsx scripts/release-check.ts <artifacts folder> <pulumi bin folder>");
  process.exit(2);
}
const artifacts = resolve(artifactsArg);
const repo = resolve(__dirname, "..");
const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
  version: string;
  repository: { url: string };
};
const { version } = manifest;
/** package.json's repository (`git+https://…/owner/name.git`), as the SDKs' metadata names it. */
const REPOSITORY = manifest.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
const goModule = /^module (\S+)$/m.exec(readFileSync(join(repo, "sdk/go/go.mod"), "utf8"))![1];
/** The @pulumi/pulumi and pulumi (PyPI) a user's program takes here: the CLI's version, as the tests run. */
const PULUMI_SDK = "3.248.0";
/** The docs' own example number (international site); printed masked only. */
const PHONE = "1-6505550100";
const MASKED = "1-650****0100";
/** Prints the installed Python SDK's core metadata (the METADATA file of its dist-info). */
const PRINT_METADATA =
  "import importlib.metadata as m; print(m.distribution('pulumi_alicloud_secure_phone').read_text('METADATA'))";

const file = {
  npm: join(artifacts, `pulumi-alicloud-secure-phone-${version}.tgz`),
  policy: join(artifacts, `pulumi-alicloud-secure-phone-policy-${version}.tgz`),
  plugin: join(artifacts, `pulumi-resource-alicloud-secure-phone-v${version}.tar.gz`),
  wheel: join(artifacts, `pulumi_alicloud_secure_phone-${version}-py3-none-any.whl`),
  sdist: join(artifacts, `pulumi_alicloud_secure_phone-${version}.tar.gz`),
  goProxy: join(artifacts, "goproxy"),
};
/** The module's zip in the proxy's layout (<module>/@v/v<version>.zip): the Go row's size. */
const goZip = join(file.goProxy, goModule, "@v", `v${version}.zip`);

interface Row {
  artifact: string;
  size: string;
  from: string;
  ran: string;
  result: string;
}
const rows: Row[] = [];

/** The examples of the Registry's overview page, by language. */
function registryExample(language: string): string {
  const page = readFileSync(join(repo, "docs/_index.md"), "utf8");
  const part = page.split(`{{% choosable language ${language} %}}`)[1]?.split("{{% /choosable %}}")[0] ?? "";
  const code = /```[a-z]+\n([\s\S]*?)```/.exec(part)?.[1];
  if (!code) throw new Error(`docs/_index.md has no ${language} example`);
  return code;
}

function size(path: string): string {
  const bytes = statSync(path).size;
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} kB`;
}

interface Ran {
  code: number;
  output: string;
}

/** Runs a command; its output (stdout and stderr) is kept for the row and the log, never printed whole. */
function run(
  command: string,
  args: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    onOutput?: (text: string, child: { write(s: string): void }) => void;
  },
): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env });
    let output = "";
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      options.onOutput?.(output, { write: (text) => child.stdin.write(text) });
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", (error) => done({ code: 127, output: `${output}\n${error.message}` }));
    child.on("close", (code) => done({ code: code ?? 1, output }));
  });
}

const work = mkdtempSync(join(tmpdir(), "secure-phone-release-check-"));
const logDir = join(artifacts, "release-check-logs");
rmSync(logDir, { recursive: true, force: true });
mkdirSync(logDir);
let logCount = 0;

/** Runs a step and fails with the tail of its output (the whole output is in release-check-logs/). */
async function step(
  name: string,
  command: string,
  args: string[],
  options: Parameters<typeof run>[2],
  check: (output: string) => string | undefined = () => undefined,
): Promise<string> {
  const ran = await run(command, args, options);
  const log = join(logDir, `${String(++logCount).padStart(2, "0")}-${name.replace(/[^a-z0-9]+/gi, "-")}.log`);
  writeFileSync(log, `$ ${command} ${args.join(" ")}\n(in ${options.cwd})\n\n${ran.output}`);
  const wrong = ran.code !== 0 ? `exit ${ran.code}` : check(ran.output);
  if (wrong) throw new Error(`${name}: ${wrong} (log: ${log}):\n${ran.output.split("\n").slice(-15).join("\n")}`);
  return ran.output;
}

async function row(artifact: string, path: string, from: string, ran: string, body: () => Promise<string>) {
  const started = Date.now();
  try {
    const detail = await body();
    rows.push({
      artifact,
      size: size(path),
      from,
      ran,
      result: `ok (${detail}; ${Math.round((Date.now() - started) / 1000)} s)`,
    });
  } catch (error) {
    rows.push({ artifact, size: existsSync(path) ? size(path) : "missing", from, ran, result: "FAILED" });
    console.error(`release-check: ${artifact}: ${(error as Error).message}`);
  }
}

// The environment of every user command: the CLI and its hosts, a Pulumi home and a file:// backend of the
// check's own (so `pulumi plugin install` lands there, not in ~/.pulumi), no Alibaba Cloud settings of this
// machine. The emulator's settings are added once it runs.
const baseEnv: NodeJS.ProcessEnv = {
  PATH: [pulumiBin, process.env.PATH ?? ""].join(delimiter),
  HOME: process.env.HOME,
  TMPDIR: process.env.TMPDIR,
  PULUMI_HOME: join(work, "pulumi-home"),
  PULUMI_BACKEND_URL: `file://${join(work, "state")}`,
  PULUMI_CONFIG_PASSPHRASE: "release-check",
  PULUMI_SKIP_UPDATE_CHECK: "true",
  PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  GOFLAGS: "-mod=mod",
};
mkdirSync(join(work, "state"));
let env: NodeJS.ProcessEnv = baseEnv;

const pulumi = (cwd: string, args: string[], check?: (output: string) => string | undefined, stack = "dev") =>
  step(`pulumi ${args[0]} (${basename(cwd)}/${stack})`, "pulumi", [...args, "--stack", stack], { cwd, env }, check);

/** Stack config for a program of the examples: the member, the number and (when given) the SMS code, secret. */
async function configure(cwd: string, stack: string, accountId: string, code?: string) {
  await step(`stack init ${basename(cwd)}/${stack}`, "pulumi", ["stack", "init", stack], { cwd, env });
  await pulumi(cwd, ["config", "set", "securityAccountId", accountId], undefined, stack);
  await pulumi(cwd, ["config", "set", "--secret", "securityTeamPhone", PHONE], undefined, stack);
  if (code) await pulumi(cwd, ["config", "set", "--secret", "verificationCode", code], undefined, stack);
}

const creates = (n: number) => (output: string) =>
  new RegExp(`\\+ ${n} to create`).test(output) ? undefined : `expected "+ ${n} to create"`;
const created = (n: number) => (output: string) =>
  new RegExp(`\\+ ${n} created`).test(output) ? undefined : `expected "+ ${n} created"`;

let emulatorText = "";
/** The code of the next SMS the emulator prints for the account, after `from` characters of its output. */
async function smsCode(accountId: string, from: number): Promise<string> {
  const pattern = new RegExp(
    `\\[SMS to \\S+ for account ${accountId}\\] Your Alibaba Cloud verification code is (\\d{4,8}) `,
  );
  for (let waited = 0; waited < 30_000; waited += 50) {
    const found = pattern.exec(emulatorText.slice(from));
    if (found) return found[1];
    await new Promise((next) => setTimeout(next, 50));
  }
  throw new Error(`the emulator printed no code for ${accountId}`);
}

/** send-code from the installed package's CLI (in `ts`), as a user does before a program without the CLI's up. */
async function sendCode(ts: string, accountId: string): Promise<string> {
  const from = emulatorText.length;
  await step(
    `send-code ${accountId}`,
    "npx",
    ["--no-install", "alicloud-secure-phone", "send-code", "--account-id", accountId, "--phone", PHONE],
    { cwd: ts, env },
  );
  return smsCode(accountId, from);
}

async function main() {
  const ts = join(work, "typescript");
  mkdirSync(ts);
  const members = Array.from({ length: 6 }, (_, i) => `15100000000100${String(i + 1).padStart(2, "0")}`);
  let stopEmulator = () => {};

  await row(
    basename(file.npm),
    file.npm,
    "npm install <tarball> (with @pulumi/pulumi from the registry)",
    "alicloud-secure-phone --version; the emulator; the README's quick start: preview, `alicloud-secure-phone up`",
    async () => {
      writeFileSync(
        join(ts, "package.json"),
        JSON.stringify({
          name: "release-check-typescript",
          main: "index.ts",
          dependencies: { "@pulumi/pulumi": PULUMI_SDK, "pulumi-alicloud-secure-phone": `file:${file.npm}` },
          devDependencies: { "@types/node": "^20", typescript: "5.9.3" },
        }),
      );
      writeFileSync(
        join(ts, "Pulumi.yaml"),
        "name: release-check-typescript\nruntime:\n  name: nodejs\n  options:\n    packagemanager: npm\n",
      );
      writeFileSync(
        join(ts, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            outDir: "bin",
            target: "es2020",
            module: "commonjs",
            moduleResolution: "node",
          },
          files: ["index.ts"],
        }),
      );
      writeFileSync(join(ts, "index.ts"), registryExample("typescript"));
      await step("npm install (typescript)", "npm", ["install", "--no-audit", "--no-fund"], { cwd: ts, env });
      const shown = await step(
        "alicloud-secure-phone --version",
        "npx",
        ["--no-install", "alicloud-secure-phone", "--version"],
        { cwd: ts, env },
      );
      if (shown.trim() !== version) throw new Error(`--version printed ${shown.trim()}, not ${version}`);

      // The emulator the package ships, as the README starts it (on a free port, its settings in a file), by
      // the bin npx would run: started directly, so that stopping it stops the emulator, not only npx.
      const envFile = join(work, "emulator.env");
      const emulator = spawn(
        join(ts, "node_modules", ".bin", "alicloud-secure-phone-emulator"),
        ["--members", String(members.length), "--port", "0", "--env-out", envFile],
        { cwd: ts, env },
      );
      emulator.stdout.on("data", (chunk: Buffer) => (emulatorText += chunk.toString()));
      emulator.stderr.on("data", (chunk: Buffer) => (emulatorText += chunk.toString()));
      stopEmulator = () => emulator.kill("SIGTERM");
      process.on("exit", stopEmulator);
      for (let waited = 0; !(existsSync(envFile) && /listening on/.test(emulatorText)); waited += 50) {
        if (waited > 30_000 || emulator.exitCode !== null)
          throw new Error(`the emulator did not start:\n${emulatorText}`);
        await new Promise((next) => setTimeout(next, 50));
      }
      const exported = Object.fromEntries(
        [...readFileSync(envFile, "utf8").matchAll(/^export ([A-Z_]+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]),
      );
      env = { ...baseEnv, ...exported };
      for (const member of members)
        if (!emulatorText.includes(member)) throw new Error(`the emulator lists no member ${member}`);

      await configure(ts, "dev", members[0]);
      await pulumi(ts, ["preview"], creates(2));
      // The quick start's last step: `npx alicloud-secure-phone up`, the code typed when it asks.
      const from = emulatorText.length;
      let answered = false;
      await step(
        "alicloud-secure-phone up",
        "npx",
        ["--no-install", "alicloud-secure-phone", "up", "--stack", "dev", "--codes-from", "-", "--", "--yes"],
        {
          cwd: ts,
          env,
          onOutput: (output, child) => {
            if (answered || !output.includes("Code from the SMS to")) return;
            answered = true;
            void smsCode(members[0], from).then((code) => child.write(`${code}\n`));
          },
        },
        created(2),
      );
      const output = (await pulumi(ts, ["stack", "output", "securityPhone"])).trim();
      if (output !== MASKED) throw new Error(`stack output securityPhone is ${output}, not ${MASKED}`);
      return `v${version}, bound ${MASKED}`;
    },
  );

  await row(
    basename(file.policy),
    file.policy,
    "npm install --save-dev <tarball> (@pulumi/policy from the registry)",
    "preview and up with --policy-pack node_modules/pulumi-alicloud-secure-phone-policy",
    async () => {
      await step("npm install policy pack", "npm", ["install", "--save-dev", "--no-audit", "--no-fund", file.policy], {
        cwd: ts,
        env,
      });
      const pack = join(ts, "node_modules", "pulumi-alicloud-secure-phone-policy");
      const code = await sendCode(ts, members[1]);
      await configure(ts, "policy", members[1], code);
      const ranPack = (output: string) =>
        /alicloud-secure-phone.*pulumi-alicloud-secure-phone-policy/.test(output) && /binding-is-protected/.test(output)
          ? undefined
          : "the pack did not run (no Policy Packs line, or no binding-is-protected advisory)";
      await pulumi(ts, ["preview", "--policy-pack", pack], (o) => creates(2)(o) ?? ranPack(o), "policy");
      await pulumi(ts, ["up", "--yes", "--policy-pack", pack], (o) => created(2)(o) ?? ranPack(o), "policy");
      return "ran: 1 advisory (binding-is-protected), no mandatory";
    },
  );

  await row(
    basename(file.plugin),
    file.plugin,
    "pulumi plugin install resource alicloud-secure-phone --file <tarball>",
    "the Registry's YAML example: preview, up (no packages: entry)",
    async () => {
      await step(
        "pulumi plugin install",
        "pulumi",
        ["plugin", "install", "resource", "alicloud-secure-phone", version, "--file", file.plugin],
        { cwd: work, env },
      );
      const yaml = join(work, "yaml");
      mkdirSync(yaml);
      writeFileSync(join(yaml, "Pulumi.yaml"), registryExample("yaml"));
      await configure(yaml, "dev", members[2], await sendCode(ts, members[2]));
      await pulumi(yaml, ["preview"], creates(2));
      await pulumi(yaml, ["up", "--yes"], created(2));
      return `bound; output ${(await pulumi(yaml, ["stack", "output", "securityPhone"])).trim()}`;
    },
  );

  await row(
    basename(file.wheel),
    file.wheel,
    "pip install <wheel> into a fresh virtualenv (pulumi from PyPI); the plugin installed above",
    "the Registry's Python example: preview, up",
    async () => {
      const py = join(work, "python");
      mkdirSync(py);
      await step("python venv", "python3", ["-m", "venv", join(py, "venv")], { cwd: py, env });
      await step(
        "pip install wheel",
        join(py, "venv", "bin", "pip"),
        ["install", "--quiet", "--disable-pip-version-check", file.wheel, `pulumi==${PULUMI_SDK}`],
        { cwd: py, env },
      );
      // The installed distribution's metadata, as PyPI shows it (pip show omits License-Expression).
      const metadata = await step("metadata", join(py, "venv", "bin", "python"), ["-c", PRINT_METADATA], {
        cwd: py,
        env,
      });
      if (!/^License-Expression: Apache-2\.0$/m.test(metadata))
        throw new Error("the wheel's metadata has no License-Expression: Apache-2.0");
      if (!new RegExp(`^Version: ${version.replace(/\./g, "\\.")}$`, "m").test(metadata))
        throw new Error(`the wheel is not version ${version}`);
      if (!metadata.includes(`Project-URL: Repository, ${REPOSITORY}`))
        throw new Error("the wheel names no repository");
      writeFileSync(
        join(py, "Pulumi.yaml"),
        "name: release-check-python\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n",
      );
      writeFileSync(join(py, "__main__.py"), registryExample("python"));
      await configure(py, "dev", members[3], await sendCode(ts, members[3]));
      await pulumi(py, ["preview"], creates(2));
      await pulumi(py, ["up", "--yes"], created(2));
      return `License-Expression: Apache-2.0, version ${version}, repository; bound`;
    },
  );

  await row(
    basename(file.sdist),
    file.sdist,
    "pip install <sdist> into a fresh virtualenv (builds it)",
    "import pulumi_alicloud_secure_phone",
    async () => {
      const venv = join(work, "sdist-venv");
      await step("python venv (sdist)", "python3", ["-m", "venv", venv], { cwd: work, env });
      const installed = await step(
        "pip install sdist",
        join(venv, "bin", "pip"),
        ["install", "--disable-pip-version-check", file.sdist],
        { cwd: work, env },
        (o) => (/deprecat/i.test(o) ? "the build printed a deprecation warning" : undefined),
      );
      void installed;
      await step(
        "import",
        join(venv, "bin", "python"),
        ["-c", "import pulumi_alicloud_secure_phone as p; assert p.resourcemanager.SecureMobilePhoneBinding"],
        { cwd: work, env },
      );
      return "builds with no deprecation warning, imports";
    },
  );

  await row(
    `Go module ${goModule}@v${version}`,
    goZip,
    "go get through a file:// module proxy laid out as the tag sdk/go/v" + version + " serves it (GOPROXY)",
    "the Registry's Go example: preview, up",
    async () => {
      const go = join(work, "go");
      mkdirSync(go);
      const goEnv = {
        ...env,
        GOPROXY: `file://${file.goProxy},https://proxy.golang.org`,
        GONOSUMDB: goModule,
        GOFLAGS: "-mod=mod",
      };
      writeFileSync(join(go, "go.mod"), `module release-check-go\n\ngo 1.25\n`);
      writeFileSync(join(go, "main.go"), registryExample("go"));
      writeFileSync(join(go, "Pulumi.yaml"), "name: release-check-go\nruntime: go\n");
      // A copy of the module the Go module cache kept from an earlier check would stand in for this build's:
      // forget it (the module cache is read-only, so make it writable first).
      const cache = (await step("go env GOMODCACHE", "go", ["env", "GOMODCACHE"], { cwd: go, env: goEnv })).trim();
      const owner = goModule.split("/").slice(0, 2).join("/");
      for (const dir of [join(cache, owner), join(cache, "cache", "download", owner)]) {
        if (!existsSync(dir)) continue;
        await step("chmod module cache", "chmod", ["-R", "u+w", dir], { cwd: go, env: goEnv });
        rmSync(dir, { recursive: true, force: true });
      }
      const listed = await step("go list -m", "go", ["list", "-m", `${goModule}@v${version}`], { cwd: go, env: goEnv });
      await step("go get", "go", ["get", `${goModule}@v${version}`, `github.com/pulumi/pulumi/sdk/v3@v${PULUMI_SDK}`], {
        cwd: go,
        env: goEnv,
      });
      await step("go mod tidy", "go", ["mod", "tidy"], { cwd: go, env: goEnv });
      env = { ...env, GOPROXY: goEnv.GOPROXY, GONOSUMDB: goModule };
      await configure(go, "dev", members[4], await sendCode(ts, members[4]));
      await pulumi(go, ["preview"], creates(2));
      await pulumi(go, ["up", "--yes"], created(2));
      return `${listed.trim()}, bound`;
    },
  );

  await row(
    `pulumi package add (Python), from ${basename(file.npm)}`,
    file.npm,
    "npm install <tarball>; pulumi package add <its plugin folder> (SDK generated by the CLI)",
    "the Registry's Python example: preview, up",
    async () => {
      const add = join(work, "python-package-add");
      mkdirSync(add);
      writeFileSync(
        join(add, "package.json"),
        JSON.stringify({
          private: true,
          dependencies: { "@pulumi/pulumi": PULUMI_SDK, "pulumi-alicloud-secure-phone": `file:${file.npm}` },
        }),
      );
      await step("npm install (package add)", "npm", ["install", "--no-audit", "--no-fund"], { cwd: add, env });
      writeFileSync(
        join(add, "Pulumi.yaml"),
        "name: release-check-package-add\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n",
      );
      writeFileSync(join(add, "requirements.txt"), `pulumi==${PULUMI_SDK}\n`);
      writeFileSync(join(add, "__main__.py"), registryExample("python"));
      await step(
        "pulumi package add",
        "pulumi",
        [
          "package",
          "add",
          "node_modules/pulumi-alicloud-secure-phone/provider/cmd/pulumi-resource-alicloud-secure-phone",
        ],
        { cwd: add, env },
        (o) => (/deprecat/i.test(o) ? "pulumi package add printed a deprecation warning" : undefined),
      );
      await configure(add, "dev", members[5], await sendCode(ts, members[5]));
      await pulumi(add, ["preview"], creates(2));
      await pulumi(add, ["up", "--yes"], created(2));
      return "no deprecation warning, bound";
    },
  );

  stopEmulator();
  const lines = [
    "| artifact | size | installed from | what ran | result |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.artifact} | ${r.size} | ${r.from} | ${r.ran} | ${r.result} |`),
  ];
  writeFileSync(join(artifacts, "release-check.md"), `${lines.join("\n")}\n`);
  console.log(lines.join("\n"));
  rmSync(work, { recursive: true, force: true });
  return rows.every((r) => r.result.startsWith("ok")) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
