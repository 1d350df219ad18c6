/**
 * The plugin's resource provider in-process, against the emulator: what it adds to the shared lifecycle
 * (wire secrets, the type token, the migration rule). The gRPC server around it runs in the engine tests.
 */

import { describe, expect, it } from "vitest";
import { PluginProvider } from "../../../provider/adapters/plugin/pluginProvider";
import { unwrapSecrets, wrapSecrets } from "../../../provider/adapters/plugin/wireSecrets";
import { PENDING_REPORT_VARIABLE, listenForReports } from "../../../provider/handshake";
import { PLUGIN_BINDING_TYPE } from "../../../provider/typeTokens";
import { fixtureAccounts, fixturePhones, shownPhone } from "../../../emulator";
import { FAST_RETRIES, emulatorEnv, fixtureSecrets, newMemberWithCode, useEmulator } from "../../support/emulator";

// The service shows no number here (an older deployment): the shown number has its own test below.
const emulator = useEmulator("china", { showPhone: "absent" });
const phones = fixturePhones.china;
const URN = `urn:pulumi:dev::vending::${PLUGIN_BINDING_TYPE}::member-phone`;
const secret = (value: unknown) => wrapSecrets({ value }, ["value"]).value;

function plugin(env: Record<string, string> = {}) {
  const warnings: string[] = [];
  const warnedAbout: (string | undefined)[] = [];
  const provider = new PluginProvider("0.0.0-test", "{}", {
    env: () => ({ ...emulatorEnv(emulator.current, "china"), ...env }),
    client: { retryPolicy: FAST_RETRIES, timeoutMs: 1_000 },
    log: { warn: (message, urn) => void (warnings.push(message), warnedAbout.push(urn)), info: () => undefined },
  });
  return { provider, warnings, warnedAbout };
}

describe("the plugin's resource provider", () => {
  it("keeps the number and the code secret on the wire, whatever the program sent", async () => {
    const { provider } = plugin();
    const { accountId, code } = await newMemberWithCode(emulator.current, "china", "plugin-create", phones.valid);
    const checked = await provider.check(
      URN,
      {},
      { accountId, secureMobilePhone: phones.valid, verificationCode: secret(code) },
    );
    expect(checked.failures).toEqual([]);
    expect(unwrapSecrets(checked.inputs).secretNames).toEqual(new Set(["secureMobilePhone", "verificationCode"]));
    expect(checked.inputs.maskedSecureMobilePhone).toBe("86-139****1234");

    const created = await provider.create(URN, checked.inputs);
    expect(created.id).toBe(accountId);
    const outs = unwrapSecrets(created.outs);
    expect(outs.secretNames).toEqual(new Set(["secureMobilePhone"]));
    expect(outs.values).toMatchObject({
      accountId,
      secureMobilePhone: phones.valid,
      maskedSecureMobilePhone: "86-139****1234",
      adopted: false,
    });
    expect(emulator.current.calls.entries.map((c) => c.action)).toEqual(["GetAccount", "BindSecureMobilePhone"]);
  });

  it("reports a binding without a code to `alicloud-secure-phone up` during its preview, unwrapped", async () => {
    const listener = await listenForReports();
    try {
      const { provider } = plugin({ [PENDING_REPORT_VARIABLE]: listener.socketPath });
      const checked = await provider.check(
        URN,
        {},
        { accountId: fixtureAccounts.unbound, secureMobilePhone: secret(phones.valid) },
      );
      expect(checked.failures).toEqual([]);
    } finally {
      await listener.close();
    }
    expect(listener.reports()).toEqual([{ accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid }]);
  });

  it("imports by account ID: a read with no state gives outputs and the inputs a program would declare", async () => {
    const read = await plugin().provider.read(fixtureAccounts.bound, URN, undefined);
    expect(read).toEqual({
      id: fixtureAccounts.bound,
      props: { accountId: fixtureAccounts.bound, adopted: true },
      inputs: { accountId: fixtureAccounts.bound, adoptExisting: true },
    });
  });

  it("wraps the number the service shows as a secret, on import and on a create that takes a shown match in", async () => {
    emulator.current.setShowPhone("masked");
    const shown = secret(shownPhone(phones.bound, "masked"));
    const read = await plugin().provider.read(fixtureAccounts.bound, URN, undefined);
    expect(read.props).toEqual({ accountId: fixtureAccounts.bound, adopted: true, boundSecureMobilePhone: shown });
    const created = await plugin().provider.create(URN, {
      accountId: fixtureAccounts.bound,
      secureMobilePhone: secret(phones.bound),
    });
    expect(created.outs).toMatchObject({
      adopted: true,
      boundSecureMobilePhone: shown,
      secureMobilePhone: secret(phones.bound),
    });
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(0);
  });

  it("reads a member without a phone as gone on refresh, with no id", async () => {
    const read = await plugin().provider.read(fixtureAccounts.unbound, URN, {
      accountId: fixtureAccounts.unbound,
      adopted: false,
    });
    expect(read.id).toBeUndefined();
  });

  it("reports an update, with no API call, for a binding moved here from the dynamic resource, to shed its __provider", async () => {
    const { provider } = plugin();
    const olds = {
      accountId: fixtureAccounts.bound,
      secureMobilePhone: secret(phones.bound),
      adopted: true,
      __provider: "exports.handler = ...",
    };
    const news = { accountId: fixtureAccounts.bound, secureMobilePhone: secret(phones.bound) };
    expect(await provider.diff(fixtureAccounts.bound, URN, olds, news)).toMatchObject({ changes: true, replaces: [] });
    const { __provider: _dropped, ...moved } = olds;
    expect(await provider.diff(fixtureAccounts.bound, URN, moved, news)).toMatchObject({ changes: false });
    const updated = await provider.update(fixtureAccounts.bound, URN, olds, news);
    expect(unwrapSecrets(updated.outs).values).toEqual({
      accountId: fixtureAccounts.bound,
      secureMobilePhone: phones.bound,
      maskedSecureMobilePhone: "86-137****1111",
      adopted: true,
    });
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("refuses a type it does not serve, and scrubs secrets from every error", async () => {
    const { provider } = plugin();
    await expect(provider.check(`urn:pulumi:dev::p::alicloud-secure-phone:index:Other::x`, {}, {})).rejects.toThrow(
      "unknown resource type",
    );
    const error = await provider
      .update(
        fixtureAccounts.bound,
        URN,
        { accountId: fixtureAccounts.bound, secureMobilePhone: secret(phones.bound) },
        { accountId: fixtureAccounts.bound, secureMobilePhone: secret(phones.valid) },
      )
      .catch((e: Error) => e);
    expect((error as Error).message).toContain("cannot change a bound phone");
    for (const value of [phones.bound, phones.valid, ...fixtureSecrets()])
      expect((error as Error).message).not.toContain(value);
  });

  it("checks its settings, naming the bad one without its value when secret", () => {
    const { provider } = plugin();
    const config = (values: Record<string, string>) => (key: string) => values[key];
    expect(provider.checkConfig(config({ "alicloud-secure-phone:site": "china" }), false)).toEqual([]);
    const [badSite] = provider.checkConfig(config({ "alicloud-secure-phone:site": "mars" }), false);
    expect(badSite.reason).toContain('alicloud-secure-phone:site is "mars"');
    const [halfPair] = provider.checkConfig(
      config({ "alicloud-secure-phone:accessKey": "LTAI5tHalfAPairOnly0001" }),
      false,
    );
    expect(halfPair.reason).toContain("alicloud-secure-phone:secretKey is missing");
    expect(halfPair.reason).not.toContain("LTAI5tHalfAPairOnly0001");
    const [badSwitch] = provider.checkConfig(config({ "alicloud-secure-phone:adoptExisting": "yes" }), false);
    expect(badSwitch.reason).toContain('alicloud-secure-phone:adoptExisting is "yes": expected true or false');
    expect(provider.checkConfig(config({ "alicloud-secure-phone:site": "mars" }), true)).toEqual([]);
  });

  it("hands its log the URN of the resource a warning is about", async () => {
    const { provider, warnings, warnedAbout } = plugin();
    await provider.delete(fixtureAccounts.bound, URN, {
      accountId: fixtureAccounts.bound,
      secureMobilePhone: secret(phones.bound),
    });
    expect(warnings).toEqual([expect.stringContaining("was removed from the stack only")]);
    expect(warnedAbout).toEqual([URN]);
    await provider.check(URN, {}, { accountId: fixtureAccounts.unbound, secureMobilePhone: secret(phones.valid) });
    expect(warnedAbout).toEqual([URN, URN]);
  });
});
