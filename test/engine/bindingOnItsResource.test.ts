/**
 * Issue 17, points 6 and 7, through the real CLI on both routes (the dynamic resource and the plugin):
 * - every warning about a binding is attached to that binding, as the engine's events say
 *   (diagnosticEvent.urn), at preview (the code `up` will need) and at destroy (the number stays bound),
 *   for a binding at the top and one inside a component;
 * - exporting the whole resource object makes no `verificationCode` stack output.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { automation } from "@pulumi/pulumi";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureKeys, type RunningEmulator, startEmulator } from "../../emulator";
import { newMemberWithCode } from "../support/emulator";
import { createPulumiProject, emulatorStackConfig, pluginStackConfig, type PulumiProject } from "./pulumiProject";
import { BINDING_ROUTES, engineDescribe, leakedSecrets, outputOf } from "./support";

/** Two bindings, one inside a component, each exported as the whole resource object. */
const program = (className: string) => `import * as pulumi from "@pulumi/pulumi";
import { SecureMobilePhoneBinding, plugin } from "pulumi-alicloud-secure-phone";

const config = new pulumi.Config();
const args = (key: string) => ({
  accountId: config.require(key + "AccountId"),
  secureMobilePhone: config.requireSecret(key + "Phone"),
  verificationCode: config.getSecret(key + "Code"),
});

class Team extends pulumi.ComponentResource {
  readonly phone: pulumi.CustomResource;
  constructor(name: string) {
    super("test:index:Team", name, {});
    this.phone = new ${className}(name + "-phone", args("team"), { parent: this });
    this.registerOutputs({});
  }
}

export const top = new ${className}("top-phone", args("top"));
export const team = new Team("team").phone;
void SecureMobilePhoneBinding;
void plugin;
`;

type Diagnostic = NonNullable<automation.EngineEvent["diagnosticEvent"]>;

for (const { route, type, className } of BINDING_ROUTES) {
  engineDescribe(`engine: warnings on their binding, no code in stack outputs (${route})`, (cli) => {
    const phones = { top: "1-6505550123", team: "1-6505550124" };
    let emulator: RunningEmulator;
    let project: PulumiProject;
    const members = {} as Record<"top" | "team", { accountId: string; code: string }>;
    const secrets = () => ({
      topPhone: phones.top,
      teamPhone: phones.team,
      topCode: members.top.code,
      teamCode: members.team.code,
      accessKeySecret: fixtureKeys.management.accessKeySecret,
    });
    const urns = () => ({
      top: `urn:pulumi:${project.stackName}::bind-with-code::${type}::top-phone`,
      team: `urn:pulumi:${project.stackName}::bind-with-code::test:index:Team$${type}::team-phone`,
    });

    /** The warnings of a run that name a member, and the URN each is attached to ("" for none: the stack). */
    type Run = (onEvent: (event: automation.EngineEvent) => void, onOutput: (text: string) => void) => Promise<unknown>;
    async function warningsOf(run: Run) {
      const diagnostics: Diagnostic[] = [];
      const onEvent = (event: automation.EngineEvent) => {
        if (event.diagnosticEvent) diagnostics.push(event.diagnosticEvent);
      };
      const { error, output } = await outputOf((onOutput) => run(onEvent, onOutput));
      expect(error).toBeUndefined();
      const about = (key: "top" | "team") =>
        diagnostics
          .filter((d) => d.severity === "warning" && d.message.includes(members[key].accountId))
          .map((d) => d.urn ?? "");
      return { top: about("top"), team: about("team"), output };
    }

    beforeAll(async () => {
      emulator = await startEmulator({ site: "international" });
      for (const key of ["top", "team"] as const) {
        members[key] = await newMemberWithCode(emulator, "international", `${route}-${key}`, phones[key]);
      }
      project = await createPulumiProject("bind-with-code", cli, route === "plugin" ? { plugin: "path" } : {});
      writeFileSync(join(project.dir, "index.ts"), program(className));
      await project.stack.setAllConfig({
        ...(route === "plugin" ? pluginStackConfig : emulatorStackConfig)(emulator, "international"),
        accountId: { value: members.top.accountId }, // declared in the example's Pulumi.yaml
        topAccountId: { value: members.top.accountId },
        teamAccountId: { value: members.team.accountId },
        topPhone: { value: phones.top, secret: true },
        teamPhone: { value: phones.team, secret: true },
      });
    }, 180_000);

    afterAll(async () => {
      project?.dispose();
      await emulator?.close();
    });

    it("attaches the preview's warning that up will need a code to each binding, not to the stack", async () => {
      const warnings = await warningsOf((onEvent, onOutput) => project.stack.preview({ onEvent, onOutput }));
      expect(warnings.top.length).toBeGreaterThan(0);
      expect(warnings.team.length).toBeGreaterThan(0);
      expect(new Set(warnings.top)).toEqual(new Set([urns().top]));
      expect(new Set(warnings.team)).toEqual(new Set([urns().team]));
      // What the user reads: the warning under the binding in the Diagnostics, not under the stack.
      const team = members.team.accountId;
      const underTeam = `${type} (team-phone):\n    warning: SecureMobilePhoneBinding for account ${team} `;
      expect(warnings.output).toContain(underTeam);
      expect(warnings.output).not.toContain("[runtime]");
      expect(leakedSecrets(warnings.output, { topPhone: phones.top, teamPhone: phones.team })).toEqual([]);
    }, 120_000);

    it("shows no __urn in a preview's diff: the URN the dynamic binding sends to check is no input", async () => {
      const { output } = await outputOf((onOutput) => project.stack.preview({ onOutput, diff: true }));
      expect(output).toContain("maskedSecureMobilePhone");
      expect(output).not.toContain("__urn");
    }, 120_000);

    it("makes no verificationCode stack output of an exported resource, in `stack output` or in state", async () => {
      await project.stack.setAllConfig({
        topCode: { value: members.top.code, secret: true },
        teamCode: { value: members.team.code, secret: true },
      });
      const { result } = await outputOf((onOutput) => project.stack.up({ onOutput }));
      expect(result?.summary.resourceChanges).toMatchObject({ create: 4 });

      const shown = await project.cli(["stack", "output", "--json"]);
      expect(shown.code).toBe(0);
      const outputs = JSON.parse(shown.stdout);
      for (const key of ["top", "team"] as const) {
        expect(outputs[key]).toMatchObject({
          accountId: members[key].accountId,
          maskedSecureMobilePhone: expect.stringContaining("****"),
        });
        expect(outputs[key]).not.toHaveProperty("verificationCode");
        expect(Object.keys(outputs[key]).filter((name) => name.startsWith("__"))).toEqual([]);
      }

      const exported = await project.exportStackText();
      type Stored = { type: string; urn: string; inputs?: any; outputs?: any };
      const resources = JSON.parse(exported).deployment.resources as Stored[];
      const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
      for (const key of ["top", "team"] as const) {
        expect(stack.outputs[key]).toHaveProperty("maskedSecureMobilePhone");
        expect(stack.outputs[key]).not.toHaveProperty("verificationCode");
        const binding = resources.find((r) => r.urn === urns()[key])!;
        expect(binding.outputs).not.toHaveProperty("verificationCode");
        expect(binding.inputs.verificationCode).toMatchObject({ ciphertext: expect.any(String) });
        // The URN the dynamic binding sends to check is never stored.
        expect(binding.inputs).not.toHaveProperty("__urn");
        expect(binding.outputs).not.toHaveProperty("__urn");
      }
      expect(leakedSecrets(exported, secrets())).toEqual([]);
    }, 180_000);

    it("attaches destroy's warning that the number stays bound to each binding, the first deleted too", async () => {
      const warnings = await warningsOf((onEvent, onOutput) => project.stack.destroy({ onEvent, onOutput }));
      expect(warnings.top).toEqual([urns().top]);
      expect(warnings.team).toEqual([urns().team]);
      expect(warnings.output).not.toContain("[runtime]");
      expect(leakedSecrets(warnings.output, secrets())).toEqual([]);
    }, 120_000);
  });
}
