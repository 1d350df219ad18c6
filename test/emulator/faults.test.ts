import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "./emulator";
import { fixtureAccounts as accounts, fixtureKeys, fixturePhones } from "./fixtures";
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
    call(client, "BindSecureMobilePhone", { AccountId: accounts.unbound, SecureMobilePhone: phone, VerificationCode: code }, { timeout }),
  );
}
const isBound = () => emulator.directory.phoneOf(accounts.unbound) !== undefined;

describe("faults answered in place of the service (nothing executes)", () => {
  const cases = [
    [{ kind: "throttling" }, { code: "Throttling.User", httpStatus: 400 }],
    [{ kind: "throttling", code: "Throttling.Api" }, { code: "Throttling.Api", httpStatus: 400 }],
    [{ kind: "serviceUnavailable" }, { code: "ServiceUnavailable", httpStatus: 503 }],
    [{ kind: "http5xx", status: 502 }, { code: "InternalError", httpStatus: 502 }],
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
      call(clientFor(emulator), "BindSecureMobilePhone", { AccountId: accounts.unbound, SecureMobilePhone: phone, VerificationCode: "000000" }),
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
    expect((await failureOf(call(forged, "GetAccount", { AccountId: accounts.unbound }))).code).toBe("SignatureDoesNotMatch");
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
