/**
 * `alicloud-secure-phone up` in a pseudo-terminal with the real pulumi CLI, where pulumi's own output and its
 * "perform this update?" prompt are the operator's: what became of each binding is read from pulumi's engine
 * events, not from its screen. A cancel at pulumi's prompt is told as one (issue 24, point 10), and a binding
 * that fails has its reason in the summary (issue 20, item 4).
 */

import { expect, it } from "vitest";
import { fixtureKeys } from "../../emulator";
import { useEngineStack } from "./engineStack";
import { emulatorStackConfig } from "./pulumiProject";
import { engineDescribe, leakedSecrets } from "./support";
import { runVend } from "../../devkit/vendDriver";

engineDescribe("engine: alicloud-secure-phone up in a terminal reads pulumi's events", (cli) => {
  const phone = "1-6505550123";
  let members: { name: string; accountId: string }[];
  const latestCode = (accountId: string) => engine.emulator.codes.latest(accountId, phone)!;
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  const count = (action: string, accountId?: string) => engine.emulator.calls.count(action, accountId);
  const secrets = () => ({
    phone,
    phoneDigits: phone.replace("-", ""),
    accessKeySecret: fixtureKeys.management.accessKeySecret,
    ...Object.fromEntries(engine.emulator.codes.all().map((code, i) => [`code#${i + 1}`, code])),
  });

  const engine = useEngineStack(cli, {
    example: "international-vending",
    site: "international",
    config: (emulator) => {
      members = [0, 1].map((i) => ({
        name: `member${i}`,
        accountId: emulator.directory.addResourceAccount({ displayName: `terminal-member-${i}` }).AccountId,
      }));
      return {
        ...emulatorStackConfig(emulator, "international"),
        members: { value: JSON.stringify(members) },
        secureMobilePhone: { value: phone, secret: true },
      };
    },
  });

  it("tells Ctrl-C at pulumi's own confirmation prompt as a cancel, not as a failure", async () => {
    const run = await runVend(engine.project, "pty", (accountId) => latestCode(accountId), { confirm: "\x03" });
    expect(run.transcript).toContain("perform this update?");
    expect(run.exitCode).toBe(1);
    expect(run.transcript).toContain("Summary: 0 bound, 2 skipped, 0 failed.");
    for (const { accountId } of members) {
      expect(run.transcript).toContain(
        `(account ${accountId}, 1-650****0123): pulumi up was not confirmed (declined or cancelled at its prompt), left unbound`,
      );
    }
    expect(run.transcript).not.toContain("pulumi up did not bind it");
    expect(count("BindSecureMobilePhone")).toBe(0);
    expect(leakedSecrets(run.transcript, secrets())).toEqual([]);
  }, 240_000);

  it("gives a binding that fails its reason in the summary, from pulumi up's events", async () => {
    const [m0, m1] = members.map((m) => m.accountId);
    const run = await runVend(engine.project, "pty", (accountId) =>
      accountId === m1 ? wrong(latestCode(accountId)) : latestCode(accountId),
    );
    expect(run.exitCode).toBe(1);
    expect(run.transcript).toContain("Summary: 1 bound, 0 skipped, 1 failed.");
    expect(run.transcript).toMatch(new RegExp(`bound +member0-phone \\(account ${m0}, 1-650\\*\\*\\*\\*0123\\)`));
    expect(run.transcript).toContain(
      `failed   member1-phone (account ${m1}, 1-650****0123): pulumi up did not bind it: BindSecureMobilePhone for account ${m1} failed with Invalid.VerificationCode: the verification code is wrong`,
    );
    expect(run.transcript).not.toContain("its error is in the output above");
    expect(engine.emulator.directory.phoneOf(m0)).toBe(phone);
    expect(engine.emulator.directory.phoneOf(m1)).toBeUndefined();
    expect(leakedSecrets(run.transcript, secrets())).toEqual([]);
  }, 240_000);
});
