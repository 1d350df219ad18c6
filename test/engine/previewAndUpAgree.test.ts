/**
 * Issue 24, points 1, 6 and 7, through the real CLI on both routes (the dynamic resource and the plugin): what a
 * preview tells the reviewer is true of the up after it, and each line sits on the binding it is about.
 * - a binding whose member this stack vends names the account as not known yet, never by Pulumi's placeholder;
 * - a new accountId (a replacement) warns once of the code, and says the old member keeps its number;
 * - after `pulumi destroy`, the preview says a member already showing the number is taken in with no code, and the
 *   up then does so, the line saying so on the binding.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { automation } from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { fixtureKeys, type RunningEmulator, startEmulator } from "../../emulator";
import { UNKNOWN } from "../../provider/rules/inputs";
import { newMemberWithCode } from "../support/emulator";
import {
  REPO_ROOT,
  createPulumiProject,
  emulatorStackConfig,
  pluginStackConfig,
  type PulumiProject,
} from "./pulumiProject";
import { BINDING_ROUTES, engineDescribe, leakedSecrets, outputOf } from "./support";

/** One binding of a member named in config; with `vend`, a second whose member the stack creates (ID unknown at preview). */
const program = (className: string) => `import * as pulumi from "@pulumi/pulumi";
import { SecureMobilePhoneBinding, plugin } from "pulumi-alicloud-secure-phone";
import { ResourceAccount } from "./resourceAccount";

const config = new pulumi.Config();
const secureMobilePhone = config.requireSecret("memberPhone");
if (config.getBoolean("vend")) {
  const account = new ResourceAccount("vended", { displayName: "vended-member" });
  new ${className}("vended-phone", { accountId: account.accountId, secureMobilePhone });
}
new ${className}("member-phone", {
  accountId: config.require("memberAccountId"),
  secureMobilePhone,
  verificationCode: config.getSecret("memberCode"),
});
void SecureMobilePhoneBinding;
void plugin;
`;

type Diagnostic = NonNullable<automation.EngineEvent["diagnosticEvent"]>;

for (const { route, type, className } of BINDING_ROUTES) {
  engineDescribe(`engine: a preview that up bears out, its lines on their binding (${route})`, (cli) => {
    const phone = "1-6505550123";
    let emulator: RunningEmulator;
    let project: PulumiProject;
    let memberA: { accountId: string; code: string };
    let memberB: string;
    const urn = (name: string) => `urn:pulumi:${project.stackName}::bind-with-code::${type}::${name}`;
    const secrets = () => ({ phone, code: memberA.code, accessKeySecret: fixtureKeys.management.accessKeySecret });
    const calls = () => emulator.calls.entries.map((c) => c.action);

    /** A run's diagnostics (warnings and infos, each with its URN, "" for the stack) and its output. */
    type Run = (onEvent: (event: automation.EngineEvent) => void, onOutput: (text: string) => void) => Promise<unknown>;
    async function diagnosticsOf(run: Run) {
      const diagnostics: Diagnostic[] = [];
      const onEvent = (event: automation.EngineEvent) => {
        if (event.diagnosticEvent && ["warning", "info"].includes(event.diagnosticEvent.severity)) {
          diagnostics.push(event.diagnosticEvent);
        }
      };
      const { error, output } = await outputOf((onOutput) => run(onEvent, onOutput));
      expect(error).toBeUndefined();
      const lines = diagnostics.map((d) => ({ severity: d.severity, urn: d.urn ?? "", message: d.message.trim() }));
      return { lines, output };
    }
    const preview = () => diagnosticsOf((onEvent, onOutput) => project.stack.preview({ onEvent, onOutput }));

    beforeAll(async () => {
      emulator = await startEmulator({ site: "international" });
      memberA = await newMemberWithCode(emulator, "international", `${route}-a`, phone);
      memberB = emulator.directory.addResourceAccount({ displayName: `${route}-b` }).AccountId;
      project = await createPulumiProject("bind-with-code", cli, route === "plugin" ? { plugin: "path" } : {});
      writeFileSync(join(project.dir, "index.ts"), program(className));
      copyFileSync(
        join(REPO_ROOT, "examples", "account-vending", "resourceAccount.ts"),
        join(project.dir, "resourceAccount.ts"),
      );
      await project.stack.setAllConfig({
        // The stand-in member reads alicloud:* keys, the plugin its own.
        ...emulatorStackConfig(emulator, "international"),
        ...(route === "plugin" ? pluginStackConfig(emulator, "international") : {}),
        accountId: { value: memberA.accountId }, // declared in the example's Pulumi.yaml
        memberAccountId: { value: memberA.accountId },
        memberPhone: { value: phone, secret: true },
        memberCode: { value: memberA.code, secret: true },
      });
    }, 180_000);
    beforeEach(() => emulator.calls.reset());
    afterAll(async () => {
      project?.dispose();
      await emulator?.close();
    });

    it("names a vended member's account as not known yet, on its binding, never by the placeholder (point 1)", async () => {
      await project.stack.setConfig("vend", { value: "true" });
      const { lines, output } = await preview();
      await project.stack.removeConfig("vend");
      expect(lines).toEqual([
        {
          severity: "warning",
          urn: urn("vended-phone"),
          message: expect.stringContaining(
            "SecureMobilePhoneBinding for an account not known yet (its ID is the output of a resource this run " +
              "creates or changes) (1-650****0123) declares no verificationCode",
          ),
        },
      ]);
      expect(output).not.toContain(UNKNOWN);
      expect(calls()).toEqual([]);
      expect(leakedSecrets(output, secrets())).toEqual([]);
    }, 120_000);

    it("warns once of the code for a new accountId, and says the old member keeps its number (point 6)", async () => {
      const bound = await outputOf((onOutput) => project.stack.up({ onOutput }));
      expect(bound.error).toBeUndefined();
      emulator.calls.reset();
      await project.stack.removeConfig("memberCode"); // as docs/verification-codes.md allows once bound
      await project.stack.setConfig("memberAccountId", { value: memberB });
      const { lines, output } = await preview();
      await project.stack.setConfig("memberAccountId", { value: memberA.accountId });
      const onBinding = lines.filter((line) => line.urn === urn("member-phone"));
      expect(onBinding).toHaveLength(lines.length);
      expect(onBinding.filter((line) => line.message.includes("declares no verificationCode"))).toEqual([
        expect.objectContaining({ message: expect.stringContaining(`for account ${memberB} (1-650****0123)`) }),
      ]);
      expect(onBinding.filter((line) => line.message.includes("replaces this binding"))).toEqual([
        expect.objectContaining({
          severity: "warning",
          message: expect.stringContaining(
            `the old one is only removed from the stack: account ${memberA.accountId} keeps its secure mobile ` +
              "phone (1-650****0123), because Resource Manager has no operation to unbind or change it.",
          ),
        }),
      ]);
      expect(onBinding).toHaveLength(2);
      expect(output).toContain(`${type} (member-phone):`);
      expect(calls()).toEqual([]);
      expect(leakedSecrets(output, secrets())).toEqual([]);
    }, 180_000);

    it("says after destroy that a member showing the number is taken in with no code, and up does it, on the binding (point 7)", async () => {
      const destroyed = await outputOf((onOutput) => project.stack.destroy({ onOutput }));
      expect(destroyed.error).toBeUndefined();
      const previewed = await preview();
      expect(previewed.lines).toEqual([
        {
          severity: "warning",
          urn: urn("member-phone"),
          message: expect.stringContaining(
            "pulumi up will need the SMS code sent to this number if the member has no phone yet; if it already " +
              "has this number bound and GetAccount shows it (as after a `pulumi destroy`), pulumi up takes it into " +
              "the stack without a code or a bind call.",
          ),
        },
      ]);
      emulator.calls.reset();
      const upped = await diagnosticsOf((onEvent, onOutput) => project.stack.up({ onEvent, onOutput }));
      const adopted = upped.lines.filter((line) => line.message.includes("taken into the stack as adopted"));
      expect(adopted).toEqual([
        {
          severity: "info",
          urn: urn("member-phone"),
          message:
            `SecureMobilePhoneBinding for account ${memberA.accountId}: the member already has 1-650****0123 bound ` +
            "(GetAccount shows it), so it is taken into the stack as adopted, without a bind call.",
        },
      ]);
      expect(calls()).toEqual(["GetAccount"]);
      const exported = JSON.parse(await project.exportStackText());
      const binding = exported.deployment.resources.find((r: { urn: string }) => r.urn === urn("member-phone"));
      expect(binding.outputs.adopted).toBe(true);
      expect(leakedSecrets(previewed.output + upped.output, secrets())).toEqual([]);
    }, 180_000);
  });
}
