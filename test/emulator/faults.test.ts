/**
 * The emulator's fault injector: faults answered in place of the service, faults around an executed action (lost or
 * held answers, latency), which calls they match, and the seeded random profile.
 */

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  startEmulator,
  type RunningEmulator,
  fixtureAccounts as accounts,
  fixtureKeys,
  fixturePhones,
} from "../../emulator/internal";
import { call, clientFor, failureOf, sendCode } from "./test-support";

const phone = fixturePhones.china.valid;
let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startEmulator({ site: "china" });
});
afterEach(() => emulator.close());

/** Sends a code (unfaulted), then binds; the fault, if any, was injected for the bind only. */
async function bindUnbound(timeout?: number) {
  const client = clientFor(emulator);
  const code = await sendCode(emulator, client, accounts.unbound, phone);
  return failureOf(
    call(
      client,
      "BindSecureMobilePhone",
      { AccountId: accounts.unbound, SecureMobilePhone: phone, VerificationCode: code },
      { timeout },
    ),
  );
}
const isBound = () => emulator.directory.phoneOf(accounts.unbound) !== undefined;

describe("faults answered in place of the service (nothing executes)", () => {
  const cases = [
    [{ kind: "throttling" }, { code: "Throttling.User", httpStatus: 400 }],
    [
      { kind: "throttling", code: "Throttling.Api" },
      { code: "Throttling.Api", httpStatus: 400 },
    ],
    [{ kind: "serviceUnavailable" }, { code: "ServiceUnavailable", httpStatus: 503 }],
    [
      { kind: "http5xx", status: 502 },
      { code: "InternalError", httpStatus: 502 },
    ],
    [{ kind: "nonJson" }, { code: "SyntaxError", httpStatus: undefined }], // pop-core cannot parse the HTML page
    [{ kind: "dropBeforeCommit" }, { code: "ECONNRESET", httpStatus: undefined }],
  ] as const;
  it.each(cases)("%o", async (spec, expected) => {
    emulator.faults.inject({ action: "BindSecureMobilePhone", ...spec });
    expect(await bindUnbound()).toEqual(expected);
    expect(isBound()).toBe(false);
    expect(emulator.calls.entries.at(-1)?.fault).toBe(spec.kind);
    expect(emulator.calls.entries.at(-1)?.httpStatus).toBe(spec.kind === "nonJson" ? 502 : (expected.httpStatus ?? 0));
  });
});

describe("faults around an executed action", () => {
  it("dropAfterCommit: the bind is committed, the client gets no answer, a retry sees AccountSecureMobileAlreadyExists", async () => {
    emulator.faults.inject({ action: "BindSecureMobilePhone", kind: "dropAfterCommit" });
    expect((await bindUnbound()).code).toBe("ECONNRESET");
    expect(isBound()).toBe(true);
    expect(emulator.calls.entries.at(-1)).toMatchObject({ code: "OK", httpStatus: 0, fault: "dropAfterCommit" });

    const retry = await failureOf(
      call(clientFor(emulator), "BindSecureMobilePhone", {
        AccountId: accounts.unbound,
        SecureMobilePhone: phone,
        VerificationCode: "000000",
      }),
    );
    expect(retry.code).toBe("AccountSecureMobileAlreadyExists");
  });

  it("latency: executes, then answers late enough for a client to time out", async () => {
    emulator.faults.inject({ action: "BindSecureMobilePhone", kind: "latency", delayMs: 1500 });
    expect((await bindUnbound(300)).code).toBe("RequestTimeoutError");
    expect(isBound()).toBe(true);

    emulator.faults.inject({ kind: "latency", delayMs: 100 });
    const started = Date.now();
    await call(clientFor(emulator), "GetResourceDirectory");
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });
});

describe("fault matching", () => {
  it("applies to the next matching calls only, `times` of them, after authentication", async () => {
    const client = clientFor(emulator);
    emulator.faults.inject({ action: "GetAccount", kind: "serviceUnavailable", times: 2 });

    // Other actions and unauthenticated calls do not consume it.
    await call(client, "GetResourceDirectory");
    const forged = clientFor(emulator, { ...fixtureKeys.management, accessKeySecret: "wrong" });
    expect((await failureOf(call(forged, "GetAccount", { AccountId: accounts.unbound }))).code).toBe(
      "SignatureDoesNotMatch",
    );
    expect(emulator.faults.remaining()).toBe(2);

    const getAccount = () => failureOf(call(client, "GetAccount", { AccountId: accounts.unbound }));
    expect((await getAccount()).code).toBe("ServiceUnavailable");
    expect((await getAccount()).code).toBe("ServiceUnavailable");
    expect((await getAccount()).code).toBe("NO_ERROR");
    expect(emulator.calls.count("GetAccount")).toBe(4);

    emulator.faults.inject({ kind: "throttling", times: 5 });
    emulator.faults.clear();
    expect((await getAccount()).code).toBe("NO_ERROR");
  });
});

describe("holdAfterCommit", () => {
  it("commits the bind, keeps the answer until released, then answers OK", async () => {
    emulator.faults.inject({ action: "BindSecureMobilePhone", kind: "holdAfterCommit" });
    const pending = bindUnbound();
    await emulator.held.waitFor(1, 5_000);
    expect(isBound()).toBe(true);
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    expect(emulator.held.release()).toBe(1);
    expect((await pending).code).toBe("NO_ERROR");
    expect(emulator.calls.entries.at(-1)).toMatchObject({ code: "OK", fault: "holdAfterCommit" });
  });

  it("waitFor rejects when fewer answers are held in time", async () => {
    await expect(emulator.held.waitFor(1, 50)).rejects.toThrow("only 0 of 1 answers were held");
  });
});

describe("random fault profile", () => {
  it("draws each kind at about its rate, the same for the same seed, and only for matching actions", async () => {
    const { FaultInjector } = await import("../../emulator/faults");
    const profile = {
      seed: 7,
      rules: [
        { kind: "throttling" as const, rate: 0.2 },
        { kind: "http5xx" as const, rate: 0.05, status: 502 as const },
        { kind: "dropAfterCommit" as const, rate: 0.05, action: "BindSecureMobilePhone" },
        { kind: "latency" as const, rate: 0.05, delayMs: [100, 200] as [number, number] },
      ],
    };
    const drawn = (action: string) => {
      const faults = new FaultInjector();
      faults.setRandom(profile);
      return Array.from({ length: 10_000 }, () => faults.take(action));
    };
    const binds = drawn("BindSecureMobilePhone");
    const share = (kind: string) => binds.filter((fault) => fault?.kind === kind).length / binds.length;
    expect(share("throttling")).toBeCloseTo(0.2, 1);
    expect(share("http5xx")).toBeCloseTo(0.05, 1);
    expect(share("dropAfterCommit")).toBeCloseTo(0.05, 1);
    expect(
      binds
        .filter((fault) => fault?.kind === "latency")
        .every((fault) => fault!.delayMs >= 100 && fault!.delayMs <= 200),
    ).toBe(true);
    expect(drawn("BindSecureMobilePhone").map((fault) => fault?.kind)).toEqual(binds.map((fault) => fault?.kind));
    expect(drawn("GetAccount").some((fault) => fault?.kind === "dropAfterCommit")).toBe(false);
    expect(() =>
      new FaultInjector().setRandom({
        seed: 1,
        rules: [
          { kind: "throttling", rate: 0.8 },
          { kind: "nonJson", rate: 0.3 },
        ],
      }),
    ).toThrow("add up to more than 1");
  });

  it("answers through the server like the counted faults, and counted faults go first", async () => {
    emulator.faults.setRandom({ seed: 1, rules: [{ kind: "throttling", rate: 1 }] });
    emulator.faults.inject({ kind: "serviceUnavailable" });
    const client = clientFor(emulator);
    expect((await failureOf(call(client, "GetResourceDirectory"))).code).toBe("ServiceUnavailable");
    expect((await failureOf(call(client, "GetResourceDirectory"))).code).toBe("Throttling.User");
  });
});

describe("an expired STS token", () => {
  it("is refused with InvalidSecurityToken.Expired when the key and token are known, before any action", async () => {
    const failure = await failureOf(call(clientFor(emulator, fixtureKeys.expiredSts), "GetResourceDirectory"));
    expect(failure).toEqual({ code: "InvalidSecurityToken.Expired", httpStatus: 400 });
    expect(emulator.calls.entries.at(-1)).toMatchObject({ code: "InvalidSecurityToken.Expired" });
  });
});
