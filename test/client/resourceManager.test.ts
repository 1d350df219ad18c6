/**
 * ResourceManagerClient against the emulator: a bind in exactly one POST call, every seeded error code worded
 * with what to do, retries within their bound, and the ambiguous bind settled.
 */

import { describe, expect, it } from "vitest";
import { ResourceManagerClient } from "../../provider/client/resourceManager";
import { ResourceManagerError } from "../../provider/client/errors";
import { checkAccountId } from "../../provider/rules/check";
import { fixtureAccounts, fixtureKeys, fixturePhones } from "../../emulator";
import { FAST_RETRIES, emulatorSettings, fixtureSecrets, newMemberWithCode, useEmulator } from "../support/emulator";

const emulator = useEmulator("international");
const phones = fixturePhones.international;
type Key = { accessKeyId: string; accessKeySecret: string; securityToken?: string };
const client = (key: Key = fixtureKeys.management, retryPolicy = FAST_RETRIES) =>
  new ResourceManagerClient(emulatorSettings(emulator.current, "international", key), { retryPolicy, timeoutMs: 500 });

async function failureOf(promise: Promise<unknown>): Promise<ResourceManagerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResourceManagerError);
  return error as ResourceManagerError;
}

/** Text shown to users must hold no phone, code or key material. */
function expectNoSecrets(text: string, ...extra: string[]) {
  for (const secret of [...fixtureSecrets(), ...Object.values(phones), fixtureKeys.management.accessKeyId, ...extra]) {
    expect(text).not.toContain(secret);
  }
}

describe("the account ID rule of preview and of the service (issue 24, point 9)", () => {
  it("refuses at check exactly what GetAccount refuses, and the service's error names the field and the form", async () => {
    for (const length of [15, 16, 17]) {
      const accountId = "1".padEnd(length, "0");
      const refusedAtCheck = checkAccountId(accountId).length > 0;
      const refusedByService = await client()
        .getMemberPhoneStatus(accountId)
        .then(
          () => false,
          (error: ResourceManagerError) => error.code === "InvalidParameter.AccountId",
        );
      expect({ length, refusedAtCheck }).toEqual({ length, refusedAtCheck: refusedByService });
      expect(refusedAtCheck).toBe(length !== 16);
    }
    const error = await failureOf(client().getMemberPhoneStatus("151000000000010"));
    expect(error.message).toContain(
      "InvalidParameter.AccountId: the account ID is not valid. AccountId must be the member's account ID, 16 digits " +
        "(e.g. 1386606283480000).",
    );
    expect(error.message).not.toContain("must be digits");
  });
});

describe("ResourceManagerClient against the emulator", () => {
  it("binds with a code in exactly one POST call, and GetAccount then shows the phone", async () => {
    const { accountId, code } = await newMemberWithCode(emulator.current, "international", "happy-path", phones.valid);

    const result = await client().bindSecureMobilePhone({
      accountId,
      secureMobilePhone: phones.valid,
      verificationCode: code,
    });

    expect(result.requestId).toMatch(/^[0-9A-F-]{36}$/);

    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(1);
    expect(emulator.current.directory.phoneOf(accountId)).toBe(phones.valid);
    await expect(client().getMemberPhoneStatus(accountId)).resolves.toMatchObject({
      exists: true,
      hasSecureMobilePhone: true,
    });
    expect(emulator.current.calls.entries.every((call) => call.method === "POST")).toBe(true);
  });

  it("reads a missing member as not existing", async () => {
    await expect(client().getMemberPhoneStatus(fixtureAccounts.unknown)).resolves.toMatchObject({ exists: false });
  });

  describe("every error code of the seed becomes a message with the code, what to do and the RequestId", () => {
    const cases: [string, () => Promise<unknown>, string][] = [
      [
        "NotSupport.Site.Action",
        () =>
          client().bindSecureMobilePhone({
            accountId: fixtureAccounts.unbound,
            inheritSecureMobilePhoneFrom: "ManagementAccount",
          }),
        "alicloud-secure-phone:site",
      ],
      [
        "NotSupport.AccountInAnotherResourceDirectory",
        () => bindWithCode(fixtureAccounts.foreign),
        "must be a member of the resource directory",
      ],
      ["Invalid.EnterpriseName", () => bindWithCode(fixtureAccounts.noEnterpriseName), "enterprise name"],
      [
        "EnterpriseRealNameVerificationError",
        () => bindWithCode(fixtureAccounts.notRealNameVerified),
        "real-name verification",
      ],
      ["EntityAlreadyExists.ResourceDirectory", () => bindWithCode(fixtureAccounts.ownsDirectory), "its own"],
      ["Invalid.VerificationCode", () => bindWithCode(fixtureAccounts.unbound, "735921"), "send-code"],
      ["AccountTypeMismatch", () => bindWithCode(fixtureAccounts.invited), "ResourceAccount"],
      ["AccountSecureMobileAlreadyExists", () => bindWithCode(fixtureAccounts.bound), "adoptExisting: true"],
      [
        "CallerIdentityError",
        () =>
          client(fixtureKeys.member).bindSecureMobilePhone({
            accountId: fixtureAccounts.unbound,
            secureMobilePhone: phones.valid,
            verificationCode: "481637",
          }),
        "management account",
      ],
    ];

    it.each(cases)("%s", async (code, call, remedy) => {
      const error = await failureOf(call());
      expect(error.code).toBe(code);
      expect(error.requestId).toBeTruthy();
      expect(error.message).toContain(code);
      expect(error.message).toContain(`RequestId: ${error.requestId}`);
      expect(error.message).toContain(remedy);
      expectNoSecrets(error.message + String(error.stack), "735921", "481637");
      expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(1);
    });

    async function bindWithCode(accountId: string, code = "481637") {
      return client().bindSecureMobilePhone({ accountId, secureMobilePhone: phones.valid, verificationCode: code });
    }
  });

  it("explains a wrong secret without echoing the string to sign the service sends back", async () => {
    const error = await failureOf(
      client({
        accessKeyId: fixtureKeys.management.accessKeyId,
        accessKeySecret: "wrong-secret-value",
      }).bindSecureMobilePhone({
        accountId: fixtureAccounts.unbound,
        secureMobilePhone: phones.valid,
        verificationCode: "654321",
      }),
    );
    expect(error.code).toBe("SignatureDoesNotMatch");
    expect(error.message).toContain("AccessKeySecret");
    expectNoSecrets(error.message, "654321", "wrong-secret-value", "VerificationCode%3D");
  });

  it("names an unknown key and an STS token mismatch", async () => {
    expect(
      (
        await failureOf(
          client({ accessKeyId: "LTAI5tNoSuchKey0000000", accessKeySecret: "x".repeat(30) }).getMemberPhoneStatus(
            fixtureAccounts.unbound,
          ),
        )
      ).code,
    ).toBe("InvalidAccessKeyId.NotFound");
    const sts = fixtureKeys.managementSts;
    await expect(client(sts).getMemberPhoneStatus(fixtureAccounts.unbound)).resolves.toMatchObject({ exists: true });
    expect(
      (
        await failureOf(
          client({ ...sts, securityToken: "CAISforgedTokenValue0001" }).getMemberPhoneStatus(fixtureAccounts.unbound),
        )
      ).code,
    ).toMatch(/^InvalidSecurityToken/);
  });
});

describe("retries", () => {
  it.each([
    ["throttling", { kind: "throttling" as const, code: "Throttling.Api" as const }],
    ["ServiceUnavailable", { kind: "serviceUnavailable" as const }],
    ["a 502 with JSON", { kind: "http5xx" as const, status: 502 as const }],
    ["a non-JSON error page", { kind: "nonJson" as const }],
    ["a gateway's JSON page without Code or RequestId", { kind: "gatewayJson" as const }],
    ["an answer later than the timeout", { kind: "latency" as const, delayMs: 1_500 }],
    ["a connection dropped before the call ran", { kind: "dropBeforeCommit" as const }],
  ])("reads through %s", async (_name, fault) => {
    emulator.current.faults.inject({ action: "GetAccount", times: 2, ...fault });
    await expect(client().getMemberPhoneStatus(fixtureAccounts.bound)).resolves.toMatchObject({
      exists: true,
      hasSecureMobilePhone: true,
    });
    expect(emulator.current.calls.count("GetAccount")).toBe(3);
  });

  it("gives up within the time bound and reports the last failure", async () => {
    emulator.current.faults.inject({ action: "GetAccount", kind: "throttling", times: 1_000 });
    const started = Date.now();
    const error = await failureOf(client().getMemberPhoneStatus(fixtureAccounts.bound));
    expect(error.code).toBe("Throttling.User");
    expect(error.message).toContain("retried with backoff");
    expect(Date.now() - started).toBeLessThan(FAST_RETRIES.totalTimeoutMs + 1_000);
    const calls = emulator.current.calls.count("GetAccount");
    expect(calls).toBeGreaterThan(3);
    expect(calls).toBeLessThan(200);
  });

  it("does not retry what the service refused for good", async () => {
    await failureOf(
      client().bindSecureMobilePhone({
        accountId: fixtureAccounts.invited,
        inheritSecureMobilePhoneFrom: undefined,
        secureMobilePhone: phones.valid,
        verificationCode: "481637",
      }),
    );
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(1);
  });
});

describe("the ambiguous bind", () => {
  it("settles a bind whose answer was lost: the retry meets AccountSecureMobileAlreadyExists and HasSecureMobilePhone confirms", async () => {
    const { accountId, code } = await newMemberWithCode(emulator.current, "international", "lost-answer", phones.valid);
    emulator.current.faults.inject({ action: "BindSecureMobilePhone", kind: "dropAfterCommit" });

    const result = await client().bindSecureMobilePhone({
      accountId,
      secureMobilePhone: phones.valid,
      verificationCode: code,
    });

    expect(result.requestId).toBeUndefined(); // the answer that carried it was lost
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(2);
    expect(emulator.current.calls.entries.map((c) => `${c.action}:${c.code}`)).toEqual([
      "BindSecureMobilePhone:OK",
      "BindSecureMobilePhone:AccountSecureMobileAlreadyExists",
      "GetAccount:OK",
    ]);
  });

  it("does the same after a 5xx whose call may have run", async () => {
    const { accountId, code } = await newMemberWithCode(emulator.current, "international", "after-5xx", phones.valid);
    emulator.current.faults.inject({ action: "BindSecureMobilePhone", kind: "dropAfterCommit" });
    emulator.current.faults.inject({ action: "BindSecureMobilePhone", kind: "serviceUnavailable" });
    await expect(
      client().bindSecureMobilePhone({ accountId, secureMobilePhone: phones.valid, verificationCode: code }),
    ).resolves.toEqual({ requestId: undefined });
  });

  it("never takes a gateway's JSON page for a successful bind", async () => {
    const { accountId, code } = await newMemberWithCode(
      emulator.current,
      "international",
      "gateway-page",
      phones.valid,
    );
    emulator.current.faults.inject({ action: "BindSecureMobilePhone", kind: "gatewayJson" });
    const result = await client().bindSecureMobilePhone({
      accountId,
      secureMobilePhone: phones.valid,
      verificationCode: code,
    });
    expect(result.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(emulator.current.calls.entries.map((c) => `${c.action}:${c.code}`)).toEqual([
      "BindSecureMobilePhone:GatewayJsonAnswer",
      "BindSecureMobilePhone:OK",
    ]);
  });

  it("settles a bind whose retries all failed, once GetAccount shows the phone", async () => {
    const { accountId, code } = await newMemberWithCode(
      emulator.current,
      "international",
      "all-retries-lost",
      phones.valid,
    );
    emulator.current.faults.inject({ action: "BindSecureMobilePhone", kind: "dropAfterCommit" });
    emulator.current.faults.inject({ action: "BindSecureMobilePhone", kind: "dropBeforeCommit", times: 10_000 });
    await expect(
      client(fixtureKeys.management, { ...FAST_RETRIES, maxAttempts: 4 }).bindSecureMobilePhone({
        accountId,
        secureMobilePhone: phones.valid,
        verificationCode: code,
      }),
    ).resolves.toEqual({ requestId: undefined });
  });

  it("fails when every attempt was doubtful and GetAccount shows no phone", async () => {
    const accountId = emulator.current.directory.addResourceAccount({ displayName: "nothing-bound" }).AccountId;
    emulator.current.faults.inject({ action: "BindSecureMobilePhone", kind: "dropBeforeCommit", times: 10_000 });
    const error = await failureOf(
      client(fixtureKeys.management, { ...FAST_RETRIES, maxAttempts: 3 }).bindSecureMobilePhone({
        accountId,
        secureMobilePhone: phones.valid,
        verificationCode: "481637",
      }),
    );
    expect(error.kind).toBe("lost");
    expect(error.message).toContain("may or may not have taken effect");
    expect(emulator.current.directory.phoneOf(accountId)).toBeUndefined();
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(3);
  });

  it("reports AccountSecureMobileAlreadyExists on a first attempt, without adopting", async () => {
    const error = await failureOf(
      client().bindSecureMobilePhone({
        accountId: fixtureAccounts.bound,
        secureMobilePhone: phones.valid,
        verificationCode: "481637",
      }),
    );
    expect(error.code).toBe("AccountSecureMobileAlreadyExists");
    expect(emulator.current.calls.count("GetAccount")).toBe(0);
  });

  it("retries a throttled bind plainly: throttling means it did not run", async () => {
    const { accountId, code } = await newMemberWithCode(
      emulator.current,
      "international",
      "throttled-bind",
      phones.valid,
    );
    emulator.current.faults.inject({ action: "BindSecureMobilePhone", kind: "throttling", times: 2 });
    await expect(
      client().bindSecureMobilePhone({ accountId, secureMobilePhone: phones.valid, verificationCode: code }),
    ).resolves.toEqual({ requestId: expect.stringMatching(/^[0-9A-F-]{36}$/) });
    expect(emulator.current.calls.count("BindSecureMobilePhone")).toBe(3);
    expect(emulator.current.calls.count("GetAccount")).toBe(0);
  });

  it("does not send a second SMS after a 503 that may have sent one, and does not claim it retried", async () => {
    emulator.current.faults.inject({
      action: "SendVerificationCodeForBindSecureMobilePhone",
      kind: "serviceUnavailable",
    });
    const error = await failureOf(client().sendVerificationCode(fixtureAccounts.unbound, phones.valid));
    expect(error.code).toBe("ServiceUnavailable");
    expect(error.message).toContain("a verification code is not resent");
    expect(emulator.current.calls.count("SendVerificationCodeForBindSecureMobilePhone")).toBe(1);
  });

  it("does not send a second SMS after a lost answer", async () => {
    emulator.current.faults.inject({ action: "SendVerificationCodeForBindSecureMobilePhone", kind: "dropAfterCommit" });
    const error = await failureOf(client().sendVerificationCode(fixtureAccounts.unbound, phones.valid));
    expect(error.kind).toBe("lost");
    expect(emulator.current.calls.count("SendVerificationCodeForBindSecureMobilePhone")).toBe(1);
    expectNoSecrets(error.message);
  });
});
