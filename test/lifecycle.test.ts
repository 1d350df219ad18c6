/**
 * The binding's lifecycle against the emulator: create, check and diff, codes handed over by `up`, read and import,
 * update's no-rebinding, delete with no call, and no @pulumi/pulumi in it.
 */

import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { createDynamicProvider } from "../provider/adapters/dynamic";
import {
  HANDED_OVER_CODES_VARIABLE,
  PENDING_REPORT_VARIABLE,
  encodeHandedOverCodes,
  listenForReports,
} from "../provider/handshake";
import { URN_INPUT } from "../provider/adapters/dynamicUrns";
import { UNKNOWN, type BindingInputs } from "../provider/rules/inputs";
import { fixtureAccounts, fixturePhones, shownPhone } from "../emulator";
import { ResourceManagerClient } from "../provider/client/resourceManager";
import { auditShownNumbers, leakedSecrets } from "./support/audit";
import {
  FAST_RETRIES,
  emulatorEnv,
  emulatorSettings,
  fixtureSecrets,
  newMemberWithCode,
  useEmulator,
} from "./support/emulator";

// The tests below the shown-number block pin the behaviour when the service shows no number (an older
// deployment): the emulator's `absent` mode. The shown-number block switches it per test.
const emulator = useEmulator("china", { showPhone: "absent" });
const phones = fixturePhones.china;

function provider(overrides: Record<string, string> = {}, config: Record<string, string> = {}) {
  const warnings: string[] = [];
  const infos: string[] = [];
  const dynamic = createDynamicProvider({
    env: () => ({ ...emulatorEnv(emulator.current, "china"), ...overrides }),
    client: { retryPolicy: FAST_RETRIES, timeoutMs: 1_000 },
    log: { warn: (message) => void warnings.push(message), info: (message) => void infos.push(message) },
  });
  void dynamic.configure({ config: { get: (key: string) => config[key] } });
  return { dynamic, warnings, infos };
}

/** A binding's inputs as its class sends them to check: with its own URN (adapters/dynamicUrns.ts). */
const withUrn = (inputs: BindingInputs, urn: string) => ({ ...inputs, [URN_INPUT]: urn }) as BindingInputs;

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: Error) => error,
  );
}

async function memberWithCodeAndProvider(name: string) {
  const { dynamic } = provider();
  return { ...(await newMemberWithCode(emulator.current, "china", name, phones.valid)), dynamic };
}

describe("create", () => {
  it("binds with one POST BindSecureMobilePhone call; id is the account; outputs hold the masked number, never the code", async () => {
    const { accountId, code, dynamic } = await memberWithCodeAndProvider("create-phone");
    const { inputs } = await dynamic.check({}, { accountId, secureMobilePhone: phones.valid, verificationCode: code });

    const created = await dynamic.create(inputs);

    expect(created.id).toBe(accountId);
    expect(created.outs).toEqual({
      accountId,
      secureMobilePhone: phones.valid,
      maskedSecureMobilePhone: "86-139****1234",
      requestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      adopted: false,
    });
    expect(JSON.stringify(created.outs)).not.toContain(code);
    // GetAccount first: it tells a phone bound elsewhere from our own bind whose answer might get lost.
    expect(emulator.current.calls.entries.map((c) => `${c.method} ${c.action}@${c.version}`)).toEqual([
      "POST GetAccount@2022-04-19",
      "POST BindSecureMobilePhone@2020-03-31",
    ]);
    expect(emulator.current.directory.phoneOf(accountId)).toBe(phones.valid);
  });

  it("binds by inheritance without a code", async () => {
    const accountId = emulator.current.directory.addResourceAccount({ displayName: "create-inherit" }).AccountId;
    const { dynamic } = provider();
    const created = await dynamic.create({ accountId, inheritSecureMobilePhoneFrom: "ManagementAccount" });
    expect(created.outs).toMatchObject({
      accountId,
      inheritSecureMobilePhoneFrom: "ManagementAccount",
      adopted: false,
    });
    expect(emulator.current.directory.phoneOf(accountId)).toBe(phones.management);
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(1);
  });

  it("refuses bad input with a clear error and makes no call", async () => {
    const { dynamic } = provider();
    const error = await errorOf(
      dynamic.create({ accountId: "12ab", secureMobilePhone: "1-6505550100", verificationCode: "93x" }),
    );
    expect(error.message).toContain("accountId");
    expect(error.message).toContain("Chinese mainland number");
    expect(error.message).not.toContain("1-6505550100");
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("refuses a bad endpoint setting before any call", async () => {
    const { dynamic } = provider({ ALICLOUD_SECURE_PHONE_ENDPOINT: "http://resourcemanager.example.com" });
    const error = await errorOf(
      dynamic.create({ accountId: fixtureAccounts.unbound, inheritSecureMobilePhoneFrom: "ManagementAccount" }),
    );
    expect(error.message).toContain("ALICLOUD_SECURE_PHONE_ENDPOINT");
    expect(error.message).toContain("only for loopback hosts");
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("reports a member that already has a phone with the way in (adoptExisting), no secret, and no bind call", async () => {
    const { dynamic } = provider();
    const error = await errorOf(
      dynamic.create({ accountId: fixtureAccounts.bound, secureMobilePhone: phones.bound, verificationCode: "739104" }),
    );
    expect(error.message).toContain("AccountSecureMobileAlreadyExists");
    expect(error.message).toContain("adoptExisting: true");
    expect(error.message).not.toContain(phones.bound);
    expect(error.message).not.toContain("739104");
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(0);
  });

  it("names both causes of a bound member and the one recovering command, masking the number", async () => {
    const error = await errorOf(
      provider().dynamic.create({
        accountId: fixtureAccounts.bound,
        secureMobilePhone: phones.bound,
        verificationCode: "739104",
      }),
    );
    expect(error.message).toContain("(declared: 86-137****1111)");
    expect(error.message).toContain("bound outside this stack");
    expect(error.message).toContain("an earlier run of this stack was interrupted");
    expect(error.message).toContain("run: ALICLOUD_SECURE_PHONE_ADOPT_EXISTING=true pulumi up");
    expect(
      leakedSecrets(error.message, {
        phone: phones.bound,
        code: "739104",
        ...Object.fromEntries(fixtureSecrets().map((secret, i) => [`fixture secret ${i}`, secret])),
      }),
    ).toEqual([]);
  });

  it.each([
    ["environment", { ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "true" }, {}],
    ["stack config", {}, { "alicloud-secure-phone:adoptExisting": "TRUE" }],
    [
      "stack config over the environment",
      { ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "false" },
      { "alicloud-secure-phone:adoptExisting": "true" },
    ],
  ])("adopts every binding of the run with the switch from the %s", async (_where, env, config) => {
    const { dynamic } = provider(env, config);
    const created = await dynamic.create({
      accountId: fixtureAccounts.bound,
      inheritSecureMobilePhoneFrom: "ManagementAccount",
    });
    expect(created.outs).toMatchObject({ accountId: fixtureAccounts.bound, adopted: true });
    expect(emulator.current.calls.entries.map((c) => c.action)).toEqual(["GetAccount"]);
  });

  it("lets a resource's own adoptExisting: false win over the switch, and says so", async () => {
    const { dynamic } = provider({ ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "true" });
    const error = await errorOf(
      dynamic.create({
        accountId: fixtureAccounts.bound,
        inheritSecureMobilePhoneFrom: "ManagementAccount",
        adoptExisting: false,
      }),
    );
    expect(error.message).toContain("This resource sets adoptExisting: false");
    expect(error.message).not.toContain("ADOPT_EXISTING=true pulumi up");
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(0);
  });

  it("binds as usual with the switch on when the member has no phone yet", async () => {
    const accountId = emulator.current.directory.addResourceAccount({ displayName: "switch-unbound" }).AccountId;
    const created = await provider({ ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "true" }).dynamic.create({
      accountId,
      inheritSecureMobilePhoneFrom: "ManagementAccount",
    });
    expect(created.outs.adopted).toBe(false);
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(1);
  });

  it("refuses a switch that is neither true nor false, naming where it came from", async () => {
    const error = await errorOf(
      provider({ ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "yes" }).dynamic.create({
        accountId: fixtureAccounts.bound,
        inheritSecureMobilePhoneFrom: "ManagementAccount",
      }),
    );
    expect(error.message).toBe(
      'environment variable ALICLOUD_SECURE_PHONE_ADOPT_EXISTING is "yes": expected true or false.',
    );
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("names a member that does not exist, before any bind call", async () => {
    const error = await errorOf(
      provider().dynamic.create({
        accountId: fixtureAccounts.unknown,
        inheritSecureMobilePhoneFrom: "ManagementAccount",
      }),
    );
    expect(error.message).toContain("no member with this account ID exists");
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(0);
  });

  it("adopts a member whose phone is bound, after GetAccount confirms it, without a bind call", async () => {
    const { dynamic } = provider();
    const created = await dynamic.create({
      accountId: fixtureAccounts.bound,
      secureMobilePhone: phones.bound,
      adoptExisting: true,
    });
    expect(created.outs).toMatchObject({
      accountId: fixtureAccounts.bound,
      adopted: true,
      maskedSecureMobilePhone: "86-137****1111",
    });
    expect(emulator.current.calls.entries.map((c) => c.action)).toEqual(["GetAccount"]);
  });

  it("does not adopt a member that has no phone yet: it binds it, and needs a code to", async () => {
    const { accountId, code, dynamic } = await memberWithCodeAndProvider("adopt-nothing");
    const error = await errorOf(dynamic.create({ accountId, secureMobilePhone: phones.valid, adoptExisting: true }));
    expect(error.message).toContain("nothing to adopt");
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(0);
    const created = await dynamic.create({
      accountId,
      secureMobilePhone: phones.valid,
      verificationCode: code,
      adoptExisting: true,
    });
    expect(created.outs.adopted).toBe(false);
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(1);
  });

  it("adopts a bound member declared with adoptExisting alone (no number), and refuses one with nothing to adopt", async () => {
    const { dynamic } = provider();
    const adopted = await dynamic.create({ accountId: fixtureAccounts.bound, adoptExisting: true });
    expect(adopted.outs).toEqual({ accountId: fixtureAccounts.bound, adopted: true });
    const error = await errorOf(dynamic.create({ accountId: fixtureAccounts.unbound, adoptExisting: true }));
    expect(error.message).toContain("nothing to adopt, and no number is declared to bind");
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(0);
  });

  it("settles a bind whose answer was lost instead of failing", async () => {
    const { accountId, code, dynamic } = await memberWithCodeAndProvider("create-lost-answer");
    emulator.current.faults.inject({ action: "BindSecureMobilePhone", kind: "dropAfterCommit" });
    const created = await dynamic.create({ accountId, secureMobilePhone: phones.valid, verificationCode: code });
    expect(created.id).toBe(accountId);
    expect(created.outs).not.toHaveProperty("requestId");
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(2);
  });
});

describe("the service shows the bound number (GetAccount's SecureMobilePhone)", () => {
  const binds = () => emulator.current.calls.count("BindSecureMobilePhone");
  /** A member bound out of band to `phone`, and the secrets a text about it must not hold. */
  function preBound(name: string, phone: string) {
    const accountId = emulator.current.directory.addResourceAccount({ displayName: name }).AccountId;
    emulator.current.directory.setPhoneOutOfBand(accountId, phone);
    auditShownNumbers({ [name]: phone });
    const secrets = {
      phone,
      masked: shownPhone(phone, "masked")!,
      ...Object.fromEntries(fixtureSecrets().map((v, i) => [`key ${i}`, v])),
    };
    return { accountId, secrets };
  }

  describe.each(["masked", "full"] as const)("shown %s", (mode) => {
    beforeEach(() => emulator.current.setShowPhone(mode));

    it("takes a member bound to the declared number in with no bind call, no switch, no code, and one line", async () => {
      const { accountId, secrets } = preBound(`shown-match-${mode}`, phones.valid);
      const { dynamic, infos, warnings } = provider();
      const created = await dynamic.create({ accountId, secureMobilePhone: phones.valid });
      expect(created.outs).toEqual({
        accountId,
        secureMobilePhone: phones.valid,
        maskedSecureMobilePhone: "86-139****1234",
        boundSecureMobilePhone: shownPhone(phones.valid, mode),
        adopted: true,
      });
      expect(emulator.current.calls.entries.map((c) => c.action)).toEqual(["GetAccount"]);
      expect(infos).toEqual([
        `SecureMobilePhoneBinding for account ${accountId}: the member already has 86-139****1234 bound (GetAccount shows it), so it is taken into the stack as adopted, without a bind call.`,
      ]);
      expect(warnings).toEqual([]);
      expect(leakedSecrets(infos.join("\n"), secrets)).toEqual([]);
    });

    it("puts the line about a binding taken in on that binding, the URN its check had (issue 24, point 7)", async () => {
      const { accountId } = preBound(`shown-urn-${mode}`, phones.valid);
      const lines: { level: string; message: string; urn?: string }[] = [];
      const dynamic = createDynamicProvider({
        env: () => emulatorEnv(emulator.current, "china"),
        client: { retryPolicy: FAST_RETRIES, timeoutMs: 1_000 },
        log: {
          warn: (message, urn) => void lines.push({ level: "warn", message, urn }),
          info: (message, urn) => void lines.push({ level: "info", message, urn }),
        },
      });
      const urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/resourcemanager:SecureMobilePhoneBinding::back-phone";
      const { inputs } = await dynamic.check({}, withUrn({ accountId, secureMobilePhone: phones.valid }, urn));
      const created = await dynamic.create(inputs);
      expect(created.outs.adopted).toBe(true);
      expect(lines.filter((l) => l.level === "info")).toEqual([
        { level: "info", message: expect.stringContaining("taken into the stack as adopted"), urn },
      ]);
      expect(lines.every((l) => l.urn === urn)).toBe(true);
    });

    it.each([
      ["no switch", {}],
      ["the switch", { ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "true" }],
    ])("refuses a member bound to another number, naming both masked, with no bind call (%s)", async (_how, env) => {
      const { accountId, secrets } = preBound(`shown-other-${mode}-${Object.keys(env).length}`, "86-13812345678");
      const error = await errorOf(
        provider(env).dynamic.create({ accountId, secureMobilePhone: phones.valid, verificationCode: "739104" }),
      );
      expect(error.message).toContain("the service cannot change a bound phone");
      expect(error.message).toContain(
        `Bound (GetAccount shows): ${mode === "full" ? "86-138****5678" : "86-138******78"}; declared: 86-139****1234`,
      );
      expect(error.message).toContain("No bind call was made");
      expect(binds()).toBe(0);
      expect(leakedSecrets(error.message, { ...secrets, declared: phones.valid, code: "739104" })).toEqual([]);
    });

    it("keeps today's refusals for inheritance and for a resource's own adoptExisting: false", async () => {
      const inherited = await errorOf(
        provider().dynamic.create({
          accountId: fixtureAccounts.bound,
          inheritSecureMobilePhoneFrom: "ManagementAccount",
        }),
      );
      expect(inherited.message).toContain("AccountSecureMobileAlreadyExists");
      expect(inherited.message).toContain("run: ALICLOUD_SECURE_PHONE_ADOPT_EXISTING=true pulumi up");
      const refused = await errorOf(
        provider().dynamic.create({
          accountId: fixtureAccounts.bound,
          secureMobilePhone: phones.bound,
          adoptExisting: false,
        }),
      );
      expect(refused.message).toContain("This resource sets adoptExisting: false");
      expect(binds()).toBe(0);
    });

    it("records the shown number at refresh and import, and drops it when the service stops showing it", async () => {
      const { accountId } = preBound(`shown-read-${mode}`, phones.valid);
      const { dynamic } = provider();
      const olds = {
        accountId,
        secureMobilePhone: phones.valid,
        maskedSecureMobilePhone: "86-139****1234",
        adopted: false,
        requestId: "R-1",
      };
      const refreshed = await dynamic.read(accountId, olds);
      expect(refreshed).toEqual({
        id: accountId,
        props: { ...olds, boundSecureMobilePhone: shownPhone(phones.valid, mode) },
      });
      const imported = await dynamic.read(accountId, {});
      expect(imported.props).toEqual({
        accountId,
        adopted: true,
        boundSecureMobilePhone: shownPhone(phones.valid, mode),
      });
      emulator.current.setShowPhone("absent");
      expect(await dynamic.read(accountId, refreshed.props!)).toEqual({ id: accountId, props: olds });
    });

    it("fails the next preview at diff, with no call, when the recorded number is not the declared one; a match is no change", async () => {
      const { dynamic } = provider();
      const declared = { accountId: fixtureAccounts.bound, secureMobilePhone: phones.valid };
      const shownOther = {
        accountId: fixtureAccounts.bound,
        secureMobilePhone: phones.valid,
        adopted: true,
        boundSecureMobilePhone: shownPhone(phones.bound, mode),
      };
      // A refresh diffs what it read without a check first: no refusal there, or the refresh would fail.
      expect((await dynamic.diff(fixtureAccounts.bound, shownOther, declared)).changes).toBe(false);
      // A preview (or up) checks the binding, then diffs it.
      await dynamic.check({}, declared);
      const error = await errorOf((async () => dynamic.diff(fixtureAccounts.bound, shownOther, declared))());
      expect(error.message).toContain("Bound (the last refresh or import recorded that the service shows): 86-137");
      expect(error.message).toContain("declared: 86-139****1234");
      expect(
        leakedSecrets(error.message, {
          bound: phones.bound,
          declared: phones.valid,
          shown: shownPhone(phones.bound, mode)!,
        }),
      ).toEqual([]);
      const matching = { ...shownOther, boundSecureMobilePhone: shownPhone(phones.valid, mode) };
      expect((await dynamic.diff(fixtureAccounts.bound, matching, declared)).changes).toBe(false);
      // Imported: no number declared in state yet; declaring the shown one is no change, another one fails.
      const imported = {
        accountId: fixtureAccounts.bound,
        adopted: true,
        boundSecureMobilePhone: shownPhone(phones.bound, mode),
      };
      expect(
        (
          await dynamic.diff(fixtureAccounts.bound, imported, {
            accountId: fixtureAccounts.bound,
            secureMobilePhone: phones.bound,
          })
        ).changes,
      ).toBe(false);
      await expect((async () => dynamic.diff(fixtureAccounts.bound, imported, declared))()).rejects.toThrow(
        "cannot change a bound phone",
      );
      // State from before the shown number (no boundSecureMobilePhone): no diff.
      const { boundSecureMobilePhone: _, ...before } = matching;
      expect((await dynamic.diff(fixtureAccounts.bound, before, declared)).changes).toBe(false);
      // Another member (a replacement) is judged anew, not against the old member's number.
      expect(
        (await dynamic.diff(fixtureAccounts.bound, shownOther, { ...declared, accountId: fixtureAccounts.unbound }))
          .replaces,
      ).toEqual(["accountId"]);
      expect(emulator.current.calls.count()).toBe(0);
    });

    it("names the way back in the destroy warning: a plain up for a shown match", async () => {
      const { dynamic, warnings } = provider();
      await dynamic.delete(fixtureAccounts.bound, {
        accountId: fixtureAccounts.bound,
        secureMobilePhone: phones.bound,
        boundSecureMobilePhone: shownPhone(phones.bound, mode),
      });
      await dynamic.delete(fixtureAccounts.bound, {
        accountId: fixtureAccounts.bound,
        secureMobilePhone: phones.bound,
      });
      expect(warnings[0]).toContain("declare the same number and run a plain `pulumi up`");
      expect(warnings[1]).toContain("`ALICLOUD_SECURE_PHONE_ADOPT_EXISTING=true pulumi up`");
      expect(emulator.current.calls.count()).toBe(0);
    });
  });

  it("warns of a code under the switch only as one of two outcomes, since a preview makes no call", async () => {
    const { dynamic, warnings } = provider({ ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "true" });
    await dynamic.check({}, { accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      "adoption is on, so pulumi up takes the member's phone into the stack without a bind call if it has one already",
    );
    expect(warnings[0]).toContain("if it has none, pulumi up will need the SMS code");
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("says nothing of adoption to a plain up that has no code (issue 17)", async () => {
    const accountId = emulator.current.directory.addResourceAccount({ displayName: "plain-no-code" }).AccountId;
    const error = await errorOf(provider().dynamic.create({ accountId, secureMobilePhone: phones.valid }));
    expect(error.message).toContain("no verificationCode");
    expect(error.message).not.toContain("adopt");
  });

  it("hands every later call of the client the shown number as a secret to redact from its failure", async () => {
    emulator.current.setShowPhone("masked");
    const { accountId } = preBound("shown-redacted", phones.valid);
    const client = new ResourceManagerClient(emulatorSettings(emulator.current, "china"), {
      retryPolicy: FAST_RETRIES,
    });
    const status = await client.getMemberPhoneStatus(accountId);
    expect(status).toMatchObject({
      exists: true,
      hasSecureMobilePhone: true,
      shownSecureMobilePhone: shownPhone(phones.valid, "masked"),
    });
    // White box: what the transport is handed to scrub from a failure's text (rpc.ts redacts with it).
    const transport = (client as unknown as { resourceManager: { call: (...args: unknown[]) => Promise<unknown> } })
      .resourceManager;
    const handed: unknown[] = [];
    const call = transport.call.bind(transport);
    transport.call = (action, params, options) => (
      handed.push((options as { secrets: unknown[] }).secrets),
      call(action, params, options)
    );
    await client.sendVerificationCode(fixtureAccounts.unbound, phones.valid);
    expect(handed).toEqual([expect.arrayContaining([shownPhone(phones.valid, "masked")])]);
  });
});

describe("check and diff through the provider", () => {
  it("adds the masked number to the checked inputs, so preview can show it", async () => {
    const { dynamic } = provider();
    const result = await dynamic.check(
      {},
      { accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid, verificationCode: "739104" },
    );
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ maskedSecureMobilePhone: "86-139****1234" });
  });

  it("leaves the masked number out while the phone is unknown", async () => {
    const { dynamic } = provider();
    const result = await dynamic.check(
      {},
      { accountId: fixtureAccounts.unbound, secureMobilePhone: UNKNOWN, verificationCode: UNKNOWN },
    );
    expect(result.failures).toEqual([]);
    expect(result.inputs).not.toHaveProperty("maskedSecureMobilePhone");
  });

  it("reads the site from stack config before the environment", async () => {
    const { dynamic } = provider({}, { "alicloud-secure-phone:site": "international" });
    const result = await dynamic.check(
      {},
      { accountId: fixtureAccounts.unbound, inheritSecureMobilePhoneFrom: "ManagementAccount" },
    );
    expect(result.failures.map((f) => f.property)).toEqual(["inheritSecureMobilePhoneFrom"]);
  });

  it("fails check on any bad setting, not only the site, naming where it came from, with no call", async () => {
    const binding = { accountId: fixtureAccounts.unbound, inheritSecureMobilePhoneFrom: "ManagementAccount" };
    const badEndpoint = await provider({
      ALICLOUD_SECURE_PHONE_ENDPOINT: "http://resourcemanager.example.com",
    }).dynamic.check({}, binding);
    expect(badEndpoint.failures.map((f) => f.reason).join()).toContain("ALICLOUD_SECURE_PHONE_ENDPOINT");
    const badSwitch = await provider({ ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "yes" }).dynamic.check({}, binding);
    expect(badSwitch.failures.map((f) => f.reason).join()).toContain(
      'ALICLOUD_SECURE_PHONE_ADOPT_EXISTING is "yes": expected true or false',
    );
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("makes no API call in check or diff", async () => {
    const { dynamic } = provider();
    await dynamic.check(
      {},
      { accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid, verificationCode: "739104" },
    );
    await dynamic.diff(
      fixtureAccounts.unbound,
      { accountId: fixtureAccounts.unbound },
      { accountId: fixtureAccounts.unbound },
    );
    expect(emulator.current.calls.count()).toBe(0);
  });
});

describe("a binding without a code: the code handed over by `alicloud-secure-phone up`", () => {
  const handOver = (accountId: string, phone: string, verificationCode: string) => ({
    [HANDED_OVER_CODES_VARIABLE]: encodeHandedOverCodes([{ accountId, secureMobilePhone: phone, verificationCode }]),
  });
  const binds = () => emulator.current.calls.count("BindSecureMobilePhone");

  it("passes check with a warning that names the command, masked, and without any call", async () => {
    const { dynamic, warnings } = provider();
    const result = await dynamic.check({}, { accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid });
    expect(result.failures).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`account ${fixtureAccounts.unbound} (86-139****1234) declares no verificationCode`);
    expect(warnings[0]).toContain("npx alicloud-secure-phone up");
    expect(warnings[0]).not.toContain(phones.valid);
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("names an account not known yet as such, never by Pulumi's placeholder (issue 24, point 1)", async () => {
    const { dynamic, warnings } = provider();
    const result = await dynamic.check({}, { accountId: UNKNOWN, secureMobilePhone: phones.valid });
    expect(result.failures).toEqual([]);
    expect(warnings).toEqual([
      expect.stringContaining(
        "SecureMobilePhoneBinding for an account not known yet (its ID is the output of a resource this run creates " +
          "or changes) (86-139****1234) declares no verificationCode",
      ),
    ]);
    expect(warnings[0]).not.toContain(UNKNOWN);
  });

  it("says a member already showing this number is taken in with no code, as create does (issue 24, point 7)", async () => {
    const { dynamic, warnings } = provider();
    await dynamic.check({}, { accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid });
    await dynamic.check(
      {},
      { accountId: fixtureAccounts.bound, secureMobilePhone: phones.valid, adoptExisting: false },
    );
    expect(warnings[0]).toContain(
      "pulumi up will need the SMS code sent to this number if the member has no phone yet; if it already has this " +
        "number bound and GetAccount shows it (as after a `pulumi destroy`), pulumi up takes it into the stack " +
        "without a code or a bind call.",
    );
    // A resource that refuses adoption is not taken in even when the number is shown (see create).
    expect(warnings[1]).toContain(
      "pulumi up will need the SMS code sent to this number if the member has no phone yet. To bind it,",
    );
    expect(warnings[1]).not.toContain("GetAccount shows it");
  });

  it("warns once of the code when the engine checks a replacement twice, and says the old member keeps its number (issue 24, point 6)", async () => {
    const { dynamic, warnings } = provider();
    const urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/resourcemanager:SecureMobilePhoneBinding::member-phone";
    const olds = { accountId: fixtureAccounts.bound, secureMobilePhone: phones.bound };
    const news = withUrn({ accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid }, urn);
    // As the engine does for a replacement: check with the old inputs, then again with none.
    await dynamic.check(olds, news);
    await dynamic.check({}, news);
    expect(warnings.filter((w) => w.includes("declares no verificationCode"))).toHaveLength(1);
    const replaced = warnings.filter((w) => w.includes("replaces this binding"));
    expect(replaced).toEqual([
      `SecureMobilePhoneBinding for account ${fixtureAccounts.bound}: accountId changes to ${fixtureAccounts.unbound}, ` +
        "so pulumi up replaces this binding: the new member gets a binding of its own, and the old one is only " +
        `removed from the stack: account ${fixtureAccounts.bound} keeps its secure mobile phone (86-137****1111), ` +
        "because Resource Manager has no operation to unbind or change it.",
    ]);
    // The same member, or one not known yet: no replacement to speak of.
    await dynamic.check(olds, withUrn(olds, urn));
    await dynamic.check(olds, withUrn({ accountId: UNKNOWN, secureMobilePhone: phones.bound }, urn));
    expect(warnings.filter((w) => w.includes("replaces this binding"))).toHaveLength(1);
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("does not warn when a code is declared, handed over, or the binding exists", async () => {
    const inputs = { accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid };
    const declared = provider();
    await declared.dynamic.check({}, { ...inputs, verificationCode: "739104" });
    const handedOver = provider(handOver(fixtureAccounts.unbound, phones.valid, "739104"));
    await handedOver.dynamic.check({}, inputs);
    const existing = provider();
    await existing.dynamic.check(inputs, inputs);
    expect([...declared.warnings, ...handedOver.warnings, ...existing.warnings]).toEqual([]);
  });

  it("binds with the code handed over for exactly this account and number", async () => {
    const { accountId, code } = await newMemberWithCode(emulator.current, "china", "handed-over", phones.valid);
    const { dynamic } = provider(handOver(accountId, phones.valid, code));
    const created = await dynamic.create({ accountId, secureMobilePhone: phones.valid });
    expect(created.outs).toMatchObject({ accountId, maskedSecureMobilePhone: "86-139****1234", adopted: false });
    expect(JSON.stringify(created.outs)).not.toContain(code);
    expect(binds()).toBe(1);
    expect(emulator.current.directory.phoneOf(accountId)).toBe(phones.valid);
  });

  it("uses a declared verificationCode before a handed-over one", async () => {
    const { accountId, code } = await newMemberWithCode(emulator.current, "china", "declared-wins", phones.valid);
    const { dynamic } = provider(handOver(accountId, phones.valid, code === "000000" ? "111111" : "000000"));
    await dynamic.create({ accountId, secureMobilePhone: phones.valid, verificationCode: code });
    expect(emulator.current.directory.phoneOf(accountId)).toBe(phones.valid);
  });

  it("fails create without any code (none for this number) with the message, and no bind call", async () => {
    const accountId = emulator.current.directory.addResourceAccount({ displayName: "no-code" }).AccountId;
    const { dynamic } = provider(handOver(accountId, "86-13900009999", "739104"));
    const error = await errorOf(dynamic.create({ accountId, secureMobilePhone: phones.valid }));
    expect(error.message).toContain(`SecureMobilePhoneBinding for account ${accountId}: no verificationCode`);
    expect(error.message).toContain("To bind 86-139****1234, run `npx alicloud-secure-phone up`");
    expect(error.message).not.toContain(phones.valid);
    expect(binds()).toBe(0);
  });

  it("fails create on a malformed variable, naming it without its values, and no bind call", async () => {
    const accountId = emulator.current.directory.addResourceAccount({ displayName: "bad-variable" }).AccountId;
    const { dynamic } = provider({
      [HANDED_OVER_CODES_VARIABLE]: JSON.stringify({ [`${accountId}/${phones.valid}`]: "73x104" }),
    });
    const error = await errorOf(dynamic.create({ accountId, secureMobilePhone: phones.valid }));
    expect(error.message).toContain(
      `environment variable ${HANDED_OVER_CODES_VARIABLE} is malformed: the code for account ${accountId} is not 4 to 8 digits`,
    );
    expect(error.message).not.toContain("73x104");
    expect(error.message).not.toContain(phones.valid);
    expect(binds()).toBe(0);
  });

  it("reports a binding that needs a code to the command's socket during its preview, and nothing else", async () => {
    const listener = await listenForReports();
    try {
      const { dynamic } = provider({ [PENDING_REPORT_VARIABLE]: listener.socketPath });
      const needsCode = { accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid };
      await dynamic.check({}, needsCode);
      await dynamic.check({}, { ...needsCode, accountId: "1510000000000777", verificationCode: "739104" });
      await dynamic.check(needsCode, needsCode);
      await dynamic.check({}, { ...needsCode, accountId: UNKNOWN });
      await dynamic.check({}, { accountId: "1510000000000778", inheritSecureMobilePhoneFrom: "ManagementAccount" });
    } finally {
      await listener.close();
    }
    expect(listener.reports()).toEqual([{ accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid }]);
  });

  it("never fails check when the command's socket is gone", async () => {
    const { dynamic } = provider({ [PENDING_REPORT_VARIABLE]: "/nonexistent/alicloud-secure-phone/pending.sock" });
    const result = await dynamic.check({}, { accountId: fixtureAccounts.unbound, secureMobilePhone: phones.valid });
    expect(result.failures).toEqual([]);
  });
});

describe("read (refresh)", () => {
  it("keeps a bound member as it is, asking ResourceDirectoryMaster GetAccount", async () => {
    const { dynamic } = provider();
    const props = {
      accountId: fixtureAccounts.bound,
      secureMobilePhone: phones.bound,
      adopted: true,
      __provider: "text",
    };
    const read = await dynamic.read(fixtureAccounts.bound, props);
    expect(read).toEqual({
      id: fixtureAccounts.bound,
      props: { accountId: fixtureAccounts.bound, secureMobilePhone: phones.bound, adopted: true },
    });
    expect(emulator.current.calls.entries.map((c) => `${c.action}@${c.version}`)).toEqual(["GetAccount@2022-04-19"]);
  });

  it("reads a member deleted out of band as gone", async () => {
    const accountId = emulator.current.directory.addResourceAccount({ displayName: "deleted-later" }).AccountId;
    emulator.current.directory.setPhoneOutOfBand(accountId, phones.valid);
    emulator.current.directory.removeAccount(accountId);
    expect(await provider().dynamic.read(accountId, { accountId })).toEqual({});
  });

  it("reads a member without a phone as gone", async () => {
    expect(await provider().dynamic.read(fixtureAccounts.unbound, { accountId: fixtureAccounts.unbound })).toEqual({});
  });
});

describe("read with no state (import)", () => {
  it("takes a bound member in as adopted, its number undeclared, with one GetAccount", async () => {
    const read = await provider().dynamic.read(fixtureAccounts.bound, {});
    expect(read).toEqual({
      id: fixtureAccounts.bound,
      props: { accountId: fixtureAccounts.bound, adopted: true },
      inputs: { accountId: fixtureAccounts.bound, adoptExisting: true },
    });
    expect(emulator.current.calls.entries.map((c) => c.action)).toEqual(["GetAccount"]);
  });

  it.each([
    [fixtureAccounts.unbound, "has no secure mobile phone", 1],
    [fixtureAccounts.unknown, "no member with this account ID exists", 1],
    ["12ab", "must be the member's account ID", 0],
  ])("refuses to import %s with an error naming it (%s)", async (accountId, expected, calls) => {
    const error = await errorOf(provider().dynamic.read(accountId, {}));
    expect(error.message).toContain(`import`);
    expect(error.message).toContain(expected);
    if (calls) expect(error.message).toContain(`account ${accountId}`);
    expect(emulator.current.calls.count()).toBe(calls);
  });
});

describe("update", () => {
  const olds = {
    accountId: fixtureAccounts.bound,
    secureMobilePhone: phones.bound,
    maskedSecureMobilePhone: "86-137****1111",
    requestId: "R-1",
    adopted: false,
  };

  it("refuses a new number with the clear message and makes no call", async () => {
    const error = await errorOf(
      provider().dynamic.update(fixtureAccounts.bound, olds, {
        accountId: fixtureAccounts.bound,
        secureMobilePhone: phones.valid,
      }),
    );
    expect(error.message).toContain("cannot change a bound phone");
    expect(error.message).toContain("86-137****1111");
    expect(error.message).toContain("86-139****1234");
    expect(error.message).not.toContain(phones.valid);
    expect(error.message).not.toContain(phones.bound);
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("accepts a no-op update (a new code) and keeps the outputs", async () => {
    const { outs } = await provider().dynamic.update(fixtureAccounts.bound, olds, {
      accountId: fixtureAccounts.bound,
      secureMobilePhone: phones.bound,
      verificationCode: "205817",
    });
    expect(outs).toEqual({
      accountId: fixtureAccounts.bound,
      secureMobilePhone: phones.bound,
      maskedSecureMobilePhone: "86-137****1111",
      requestId: "R-1",
      adopted: false,
    });
    expect(emulator.current.calls.count()).toBe(0);
  });
});

describe("delete", () => {
  it("makes no call and warns that the number stays bound, masked", async () => {
    const { dynamic, warnings } = provider();
    await dynamic.delete(fixtureAccounts.bound, { accountId: fixtureAccounts.bound, secureMobilePhone: phones.bound });
    expect(emulator.current.calls.count()).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("keeps its secure mobile phone (86-137****1111)");
    expect(warnings[0]).toContain("no operation to unbind");
    for (const secret of fixtureSecrets()) expect(warnings[0]).not.toContain(secret);
  });
});

describe("the lifecycle's dependencies", () => {
  it("loads without @pulumi/pulumi: the adapters hand it a log and the handshake", async () => {
    const { execFileSync } = await import("node:child_process");
    // Neither loaded with it, nor loading it later (a require inside a function): no module it loads names it.
    const script =
      'require("./lib/provider/lifecycle.js"); const fs = require("node:fs");' +
      "const files = Object.keys(require.cache);" +
      'const named = files.filter((f) => !f.includes("node_modules") && fs.readFileSync(f, "utf8").includes("@pulumi/"));' +
      'console.log(JSON.stringify([...files.filter((f) => f.includes("@pulumi")), ...named]));';
    const loaded = JSON.parse(
      execFileSync(process.execPath, ["-e", script], { cwd: join(__dirname, ".."), encoding: "utf8" }),
    );
    expect(loaded).toEqual([]);
  });
});
