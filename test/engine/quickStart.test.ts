/**
 * Issue 17: "a new user can follow the README's quick start against the emulator alone, with no file of the
 * repository open". This test reads README.md itself, the TypeScript example and the commands of "Try it
 * offline", and runs those commands in order as that user would, so that a README which drifts from what works
 * fails here. Each command maps to what it does for the user:
 *
 * - `mkdir`/`cd`, `pulumi login --local`, `pulumi new typescript`, `npm install pulumi-alicloud-secure-phone`:
 *   the project folder of createPulumiProject (what `pulumi new typescript` writes, test/engine/programs/
 *   quickstart, with the README's example as index.ts), a file:// backend of its own (what --local is, without
 *   touching this machine's ~/.pulumi), the built package installed as a copy, the real CLI;
 * - `export`: taken as written (the passphrase);
 * - `npx alicloud-secure-phone-emulator ...`: lib/emulator/main.js as a process of its own, with the README's
 *   options and `--port 0` (8787 may be taken on a shared machine); its printed member IDs and `source` file;
 * - `source <file>`: the `export NAME='value'` lines of the file the emulator names;
 * - `pulumi config set ...`: run as written, with the real CLI on the stack `pulumi new` selects;
 * - `npx alicloud-secure-phone up`: the installed package's CLI with `--codes-from - -- --yes` added (no
 *   terminal here), answering with the code read off the emulator's standard output (the SMS line).
 * A command it does not know fails the test, so a new step in the README needs a mapping here.
 *
 * Secrets audit: the CLI's output and the stored state go to the audit with the code and the emulator's key.
 * The number is the docs' own (`1-6505550100`, which many texts print as an example), so it is checked here
 * only, not registered with the run's audit. The emulator's SMS lines and the key ID it asks to export are
 * what it shows by design, and stay out of the audit (as in test/emulator/standalone.test.ts).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { fixtureKeys } from "../../emulator/fixtures";
import { shownPhone } from "../../emulator/phone-display";
import { readEnvFile } from "../../emulator/standalone-output";
import { ResourceManagerClient } from "../../provider/client/resourceManager";
import { maskPhone } from "../../provider/rules/phone";
import { resolveSettings } from "../../provider/settings";
import { auditSecrets, auditText, secretMatcher } from "../support/audit";
import { withoutAlibabaCloudSettings } from "../support/emulator";
import { createPulumiProject, REPO_ROOT, type PulumiProject } from "./pulumiProject";
import { engineDescribe, leakedSecrets } from "./support";

const PACKAGE = "pulumi-alicloud-secure-phone";
const PROGRAM = "quickstart";
/** The stack `pulumi new --yes` creates and selects. */
const STACK = "dev";
const EMULATOR = join(REPO_ROOT, "lib", "emulator", "main.js");
const SMS = /^\[SMS to (\S+) for account (\d{16})\] Your Alibaba Cloud verification code is (\d{4,8}) /m;
const PROMPT = "Code from the SMS to";

/** The README's TypeScript example (the first ts block under "## TypeScript") and its quick-start commands. */
function readmeQuickStart(readme: string): { program: string; commands: string[] } {
  const blockAfter = (heading: string, language: string): string => {
    const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
    const block = section && new RegExp("^```" + language + "\\n([\\s\\S]*?)^```", "m").exec(section);
    if (!block) throw new Error(`README.md: no \`\`\`${language} block under "## ${heading}"`);
    return block[1];
  };
  const commands = blockAfter("Try it offline", "sh")
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, ""))
    .flatMap((line) => line.split("&&").map((command) => command.trim()))
    .filter(Boolean);
  return { program: blockAfter("TypeScript", "ts"), commands };
}

/** Every file under `folder`, as text (the backend's state, its history and backups). */
function filesUnder(folder: string): string {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

/** The emulator's terminal without what it shows on purpose: the SMS inbox and the key ID to export. */
function withoutDeliberateLines(text: string): string {
  const sms = new RegExp(SMS.source);
  return text
    .split("\n")
    .filter((line) => !sms.test(line) && !line.includes("export ALIBABA_CLOUD_ACCESS_KEY_ID="))
    .join("\n");
}

/** A standalone emulator process, and its terminal's text as it grows. */
class EmulatorProcess {
  private output = "";
  readonly child: ChildProcessWithoutNullStreams;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [EMULATOR, ...args]);
    this.child.stdout.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
  }

  get text(): string {
    return this.output;
  }

  /** Resolves with the first match of `pattern` in what it printed after `from` characters. */
  printed(pattern: RegExp, from = 0, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const found = this.output.slice(from).match(pattern);
        if (found) {
          clearInterval(poll);
          resolve(found);
        } else if (Date.now() - started > timeoutMs || this.child.exitCode !== null) {
          clearInterval(poll);
          reject(
            new Error(`the emulator did not print ${pattern.source} (it printed ${this.output.length} characters)`),
          );
        }
      }, 20);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
  }
}

/** What `up` asks before a member's first send. */
const SEND_PROMPT = "Send a code to";

/**
 * `npx alicloud-secure-phone up ...` without a terminal: the installed package's CLI with `--codes-from -`, each
 * code prompt answered with the code of the next SMS the emulator prints.
 */
function runUp(
  project: PulumiProject,
  args: string[],
  env: NodeJS.ProcessEnv,
  emulator: EmulatorProcess,
): Promise<{ code: number | null; output: string; codes: string[] }> {
  const cli = join(project.dir, "node_modules", PACKAGE, "lib", "cli", "main.js");
  const child = spawn(process.execPath, [cli, ...args, "--codes-from", "-", "--", "--yes"], { cwd: project.dir, env });
  let output = "";
  let answered = 0;
  let smsFrom = emulator.text.length;
  const codes: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`alicloud-secure-phone up did not finish in time (it printed ${output.length} characters)`));
    }, 100_000);
    let sendsAnswered = 0;
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      // Enter at the prompt before each member's first send (an empty line with --codes-from -).
      for (; output.split(SEND_PROMPT).length - 1 > sendsAnswered; sendsAnswered += 1) child.stdin.write("\n");
      if (output.split(PROMPT).length - 1 <= answered) return;
      answered += 1;
      emulator.printed(SMS, smsFrom).then(
        (sms) => {
          smsFrom = emulator.text.indexOf(sms[0], smsFrom) + sms[0].length;
          codes.push(sms[3]);
          auditSecrets({ "quick start verification code": sms[3] });
          child.stdin.write(`${sms[3]}\n`);
        },
        // No SMS: end of input, so the CLI reports the member as not answered and the test sees it fail.
        () => child.stdin.end(),
      );
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      auditText("alicloud-secure-phone up output (quick start)", output);
      resolve({ code, output, codes });
    });
  });
}

engineDescribe("engine: the README's quick start against a standalone emulator", (cli) => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const { program, commands } = readmeQuickStart(readme);
  let emulator: EmulatorProcess | undefined;
  let project: PulumiProject | undefined;

  afterAll(async () => {
    await emulator?.stop();
    if (emulator)
      auditText("standalone emulator output (SMS lines, key ID left out)", withoutDeliberateLines(emulator.text));
    project?.dispose();
  });

  it("runs the TypeScript example as written: the listed member ends bound to the number, nothing leaks", async () => {
    expect(existsSync(EMULATOR), "run `npm run build` first: this test runs lib/").toBe(true);
    const ran: string[] = [];
    let folder: string | undefined;
    const exported: Record<string, string> = {};
    let members: string[] = [];
    let emulatorEnv: Record<string, string> = {};
    let up: Awaited<ReturnType<typeof runUp>> | undefined;
    const configured: Record<string, string> = {};

    for (const command of commands) {
      let match: RegExpExecArray | null;
      if ((match = /^mkdir (\S+)$/.exec(command))) {
        folder = match[1];
        ran.push("mkdir");
      } else if ((match = /^cd (\S+)$/.exec(command))) {
        expect(match[1], "cd into the folder just made").toBe(folder);
      } else if (command === "pulumi login --local") {
        ran.push("login");
      } else if ((match = /^export ([A-Z_]+)=(\S+)$/.exec(command))) {
        exported[match[1]] = match[2];
      } else if (/^pulumi new typescript( --yes)?$/.test(command)) {
        // `pulumi new` names the project after its folder.
        expect(folder, "pulumi new in the folder the quick start made").toBe(PROGRAM);
        project = await createPulumiProject(PROGRAM, cli, { stackName: STACK, env: exported });
        writeFileSync(join(project.dir, "index.ts"), program);
        ran.push("new");
      } else if (command === `npm install ${PACKAGE}`) {
        expect(project, "npm install after pulumi new").toBeDefined();
        expect(existsSync(join(project!.dir, "node_modules", PACKAGE, "package.json"))).toBe(true);
        ran.push("install");
      } else if ((match = /^npx alicloud-secure-phone-emulator((?: \S+)*)$/.exec(command))) {
        emulator = new EmulatorProcess([...match[1].split(" ").filter(Boolean), "--port", "0"]);
        await emulator.printed(/Ctrl-C to stop\./);
        const rows = [...emulator.text.matchAll(/^ {2}(\d{16}) {2}ResourceAccount +no phone +(member-\d+)$/gm)];
        members = rows.map((row) => row[1]);
        expect(members.length, "the emulator lists the members it seeded").toBeGreaterThan(0);
        ran.push("emulator");
      } else if ((match = /^source (\S+)$/.exec(command))) {
        expect(emulator, "source the file the emulator names, once it runs").toBeDefined();
        const named = (await emulator!.printed(/^ {2}source (\S+)$/m))[1];
        // The README shows the name for the default port; this emulator runs on a free one.
        expect(basename(match[1])).toBe("alicloud-secure-phone-emulator-8787.env");
        expect(basename(named)).toMatch(/^alicloud-secure-phone-emulator-\d+\.env$/);
        emulatorEnv = readEnvFile(named);
        expect(emulatorEnv.ALIBABA_CLOUD_ACCESS_KEY_SECRET === fixtureKeys.management.accessKeySecret).toBe(true);
        ran.push("source");
      } else if ((match = /^pulumi config set (--secret )?(\S+) (\S+)$/.exec(command))) {
        const [, secret, key, value] = match;
        // The README's member ID is the one the emulator lists (its IDs are the same every run).
        if (/^\d{16}$/.test(value)) expect(value, `the member ID the emulator lists, for ${key}`).toBe(members[0]);
        const set = await project!.cli(
          ["config", "set", ...(secret ? ["--secret"] : []), key, value],
          undefined,
          false,
        );
        expect(set.code, `pulumi config set ${key}: ${set.stderr}`).toBe(0);
        configured[key] = value;
        ran.push(`config ${key}`);
      } else if ((match = /^npx alicloud-secure-phone (up(?: \S+)*)$/.exec(command))) {
        const env = { ...withoutAlibabaCloudSettings(project!.environment), ...emulatorEnv };
        up = await runUp(project!, match[1].split(" "), env, emulator!);
        ran.push("up");
      } else {
        throw new Error(`README.md "Try it offline": a command this test does not know how to run: ${command}`);
      }
    }
    expect(ran).toEqual([
      "mkdir",
      "login",
      "new",
      "install",
      "emulator",
      "source",
      "config securityAccountId",
      "config securityTeamPhone",
      "up",
    ]);

    const accountId = configured.securityAccountId;
    const phone = configured.securityTeamPhone;
    expect(up!.code, up!.output.slice(-2000)).toBe(0);
    expect(up!.codes).toHaveLength(1);
    expect(up!.output).toContain("Summary: 1 bound, 0 skipped, 0 failed.");
    expect(up!.output).toMatch(
      new RegExp(
        `^ {2}bound {4}security-phone \\(account ${accountId}, ${maskPhone(phone).replace(/\*/g, "\\*")}\\)`,
        "m",
      ),
    );

    // The member is bound to that number: GetAccount shows it in the emulator's masked form.
    const status = await new ResourceManagerClient(resolveSettings(() => undefined, emulatorEnv)).getMemberPhoneStatus(
      accountId,
    );
    expect(status).toMatchObject({ exists: true, hasSecureMobilePhone: true });
    expect(status.exists && status.shownSecureMobilePhone).toBe(shownPhone(phone, "masked"));
    const output = await project!.cli(["stack", "output", "securityPhone"], undefined, false);
    expect(output.stdout.trim()).toBe(maskPhone(phone));

    // No number, code or key in what the user saw or in what the stack stored.
    const secrets = { code: up!.codes[0], accessKeySecret: fixtureKeys.management.accessKeySecret };
    const stackConfig = readFileSync(join(project!.dir, `Pulumi.${STACK}.yaml`), "utf8");
    const stored = `${filesUnder(project!.stateDir)}\n${stackConfig}`;
    auditText("quick start: stored state and stack config", stored);
    for (const [source, text] of [
      ["up output", up!.output],
      ["stored state", stored],
      ["emulator output", withoutDeliberateLines(emulator!.text)],
    ] as const) {
      expect(leakedSecrets(text, secrets), source).toEqual([]);
      expect(secretMatcher(phone)(text), `the number in ${source}`).toBe(false);
    }
  }, 150_000);
});
