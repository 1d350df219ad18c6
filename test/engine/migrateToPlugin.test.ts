/**
 * A stack whose binding is the dynamic resource moves to the provider plugin's type, as the README's
 * migration step says: the plugin's class with `aliases: [{ type: <dynamic type> }]`, and the credentials
 * under the plugin's own config keys. No API call, no replace; the serialized provider leaves the state.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { fixtureKeys, fixturePhones } from "../../emulator";
import { newMemberWithCode } from "../support/emulator";
import { useEngineStack } from "./engineStack";
import { emulatorStackConfig } from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";

engineDescribe("engine: moving a dynamic binding to the provider plugin", (cli) => {
  const phone = fixturePhones.international.valid;
  let accountId: string;
  let code: string;
  const engine = useEngineStack(cli, {
    example: "bind-with-code",
    site: "international",
    plugin: "path",
    config: async (emulator) => {
      ({ accountId, code } = await newMemberWithCode(emulator, "international", "migrating", phone));
      return {
        ...emulatorStackConfig(emulator, "international"),
        accountId: { value: accountId },
        secureMobilePhone: { value: phone, secret: true },
        verificationCode: { value: code, secret: true },
      };
    },
  });
  const calls = () => engine.emulator.calls.entries.map((c) => c.action);
  const binding = async () => {
    const resources = JSON.parse(await engine.project.exportStackText()).deployment.resources as { type: string }[];
    return resources.find((r) => r.type.endsWith(":SecureMobilePhoneBinding"))! as {
      type: string;
      id: string;
      inputs: any;
      outputs: any;
    };
  };
  /**
   * Bytes one binding takes in `pulumi stack export` (which indents by four): in all, and the share of its
   * own properties (inputs and outputs; the rest is what the engine records for any resource: URNs,
   * timestamps, the program's source position and stack trace).
   */
  const stateBytes = async () => {
    const { inputs, outputs, ...recorded } = await binding();
    return {
      total: JSON.stringify({ inputs, outputs, ...recorded }, null, 4).length,
      own: JSON.stringify({ inputs, outputs }, null, 4).length,
    };
  };
  let dynamicBytes: { total: number; own: number };

  // The stack as the dynamic resource left it: bound by a first `up`, before the move.
  beforeAll(async () => {
    const { result } = await outputOf((onOutput) => engine.project.stack.up({ onOutput }));
    expect(result?.summary.resourceChanges).toEqual({ create: 2 });
  }, 180_000);

  it("previews the move as an update of the binding, with no replace and no API call", async () => {
    const dynamic = await binding();
    expect(dynamic.type).toBe("pulumi-nodejs:dynamic/resourcemanager:SecureMobilePhoneBinding");
    dynamicBytes = await stateBytes();

    const programFile = join(engine.project.dir, "index.ts");
    const program = readFileSync(programFile, "utf8")
      .replace(
        'import { SecureMobilePhoneBinding } from "pulumi-alicloud-secure-phone";',
        'import { SECURE_MOBILE_PHONE_BINDING_TYPE, plugin } from "pulumi-alicloud-secure-phone";',
      )
      .replace(
        'new SecureMobilePhoneBinding("member-phone", {',
        'new plugin.SecureMobilePhoneBinding("member-phone", {',
      )
      .replace(/\n\}\);\n/, "\n}, { aliases: [{ type: SECURE_MOBILE_PHONE_BINDING_TYPE }] });\n");
    expect(program).toContain("aliases: [{ type: SECURE_MOBILE_PHONE_BINDING_TYPE }]");
    writeFileSync(programFile, program);
    // A plugin sees only its own namespace: the keys move from alicloud:* to alicloud-secure-phone:*.
    await engine.project.stack.setAllConfig({
      "alicloud-secure-phone:accessKey": { value: fixtureKeys.management.accessKeyId, secret: true },
      "alicloud-secure-phone:secretKey": { value: fixtureKeys.management.accessKeySecret, secret: true },
    });

    const { result, output } = await outputOf((onOutput) => engine.project.stack.preview({ onOutput, diff: true }));
    expect(result?.changeSummary).toEqual({ update: 1, same: 1 });
    expect(output).not.toMatch(/replace/);
    expect(calls()).toEqual([]);
    expect(leakedSecrets(output, { phone, code, secret: fixtureKeys.management.accessKeySecret })).toEqual([]);
  }, 120_000);

  it("moves on up with no API call, leaving a plugin binding without the serialized provider", async () => {
    const { result } = await outputOf((onOutput) => engine.project.stack.up({ onOutput }));
    expect(result?.summary.resourceChanges).toEqual({ update: 1, same: 1 });
    expect(calls()).toEqual([]);
    const moved = await binding();
    expect(moved.type).toBe("alicloud-secure-phone:resourcemanager:SecureMobilePhoneBinding");
    expect(moved.id).toBe(accountId);
    expect(moved.outputs).not.toHaveProperty("__provider");
    expect(moved.outputs.secureMobilePhone).toMatchObject({ ciphertext: expect.any(String) });
    expect(moved.outputs).toMatchObject({
      maskedSecureMobilePhone: "1-650****0123",
      adopted: false,
      requestId: expect.any(String),
    });
    const bytes = await stateBytes();
    console.log(`state bytes per binding: dynamic ${JSON.stringify(dynamicBytes)}, plugin ${JSON.stringify(bytes)}`);
    expect(bytes.own).toBeLessThanOrEqual(1_536);
    // The dynamic binding's own share holds the __provider loader in its inputs and outputs; the plugin's none.
    expect(bytes.own).toBeLessThan(dynamicBytes.own);
    expect(bytes.total).toBeLessThan(dynamicBytes.total);
  }, 120_000);

  it("is settled: the next preview changes nothing and calls nothing", async () => {
    const { result } = await outputOf((onOutput) => engine.project.stack.preview({ onOutput }));
    expect(result?.changeSummary).toEqual({ same: 2 });
    expect(calls()).toEqual([]);
  }, 60_000);
});
