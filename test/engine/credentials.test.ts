/**
 * Refused keys through the real CLI (every case is in test/credentials.test.ts at provider level): what a
 * user reads names the cause, the stack config keys the keys came from and where keys are looked up, and
 * holds none of them.
 */

import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureAccounts, fixtureKeys, startEmulator, type RunningEmulator } from "../../emulator";
import { createPulumiProject, emulatorStackConfig, type PulumiProject } from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";

engineDescribe("engine: refused credentials", (cli) => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  const wrongSecret = "emuWrongSecretNotReal0003";
  const expired = fixtureKeys.expiredSts;

  beforeAll(async () => {
    emulator = await startEmulator({ site: "international" });
    project = await createPulumiProject("bind-with-code", cli);
    await project.stack.setAllConfig({
      ...emulatorStackConfig(emulator, "international"),
      accountId: { value: fixtureAccounts.bound },
      secureMobilePhone: { value: "1-6505550123", secret: true },
      adoptExisting: { value: "true" },
    });
  }, 120_000);
  afterAll(async () => {
    project?.dispose();
    await emulator?.close();
  });

  it.each([
    [
      "a wrong secret",
      { "alicloud:secretKey": { value: wrongSecret, secret: true } },
      "SignatureDoesNotMatch",
      "the AccessKeySecret does not belong to the AccessKeyId",
    ],
    [
      "an expired STS token",
      {
        "alicloud:accessKey": { value: expired.accessKeyId, secret: true },
        "alicloud:secretKey": { value: expired.accessKeySecret, secret: true },
        "alicloud:securityToken": { value: expired.securityToken, secret: true },
      },
      "InvalidSecurityToken.Expired",
      "the STS security token has expired",
    ],
  ])(
    "%s: up fails with one clear message and no secret",
    async (_case, config, code, cause) => {
      await project.stack.setAllConfig(config);
      emulator.calls.reset();
      const { error, output } = await outputOf((onOutput) => project.stack.up({ onOutput }));
      expect(error).toBeDefined();
      expect(output).toContain(`failed with ${code}: `);
      expect(output).toContain(cause);
      expect(output).toContain("Credentials used: stack config alicloud:accessKey/alicloud:secretKey.");
      expect(output).toContain("Credentials are looked up in this order");
      expect(emulator.calls.count()).toBe(1); // refused keys are not retried
      const secrets = {
        wrongSecret,
        managementId: fixtureKeys.management.accessKeyId,
        managementSecret: fixtureKeys.management.accessKeySecret,
        expiredId: expired.accessKeyId,
        expiredSecret: expired.accessKeySecret,
        expiredToken: expired.securityToken,
        phone: "1-6505550123",
      };
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(leakedSecrets(project.storedText(), secrets)).toEqual([]);
    },
    90_000,
  );
});
