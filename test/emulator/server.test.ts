/**
 * The emulator's HTTP transport (GET and POST, JSON answers, routing by Version) and its authentication: signature,
 * clock skew, replayed nonces, unknown keys, STS tokens, member keys.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  RESOURCE_DIRECTORY_MASTER_VERSION,
  startEmulator,
  type RunningEmulator,
  fixtureAccounts,
  fixtureKeys,
} from "../../emulator/internal";
import { call, clientFor, failureOf, postForm, signedForm } from "./test-support";

let emulator: RunningEmulator;
let clockOffsetMs = 0;
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

beforeAll(async () => {
  emulator = await startEmulator({ site: "china", clock: () => Date.now() + clockOffsetMs });
});
afterAll(() => emulator.close());
beforeEach(() => {
  clockOffsetMs = 0;
  emulator.calls.reset();
});

describe("transport", () => {
  it("accepts GET query and POST form, and counts calls per action with their method", async () => {
    const client = clientFor(emulator);
    const viaGet = await call(client, "GetResourceDirectory", {}, { method: "GET" });
    const viaPost = await call(client, "GetResourceDirectory");
    expect(viaGet.ResourceDirectory.MasterAccountId).toBe(fixtureAccounts.management);
    expect(viaPost.RequestId).toMatch(UUID);
    await call(client, "GetAccount", { AccountId: fixtureAccounts.unbound });

    expect(emulator.calls.count("GetResourceDirectory")).toBe(2);
    expect(emulator.calls.count()).toBe(3);
    expect(emulator.calls.entries.map((e) => [e.action, e.method, e.code, e.httpStatus])).toEqual([
      ["GetResourceDirectory", "GET", "OK", 200],
      ["GetResourceDirectory", "POST", "OK", 200],
      ["GetAccount", "POST", "OK", 200],
    ]);
    expect(emulator.calls.entries[0]?.accessKeyId).toBe(fixtureKeys.management.accessKeyId);
  });

  it("answers JSON with x-acs-request-id, and errors with the full error body", async () => {
    const ok = await postForm(emulator, signedForm({ Action: "GetResourceDirectory" }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/json;charset=utf-8");
    expect(ok.headers.get("x-acs-request-id")).toBe(ok.body.RequestId);

    const failed = await postForm(emulator, signedForm({ Action: "GetAccount", AccountId: fixtureAccounts.unknown }));
    expect(failed.status).toBe(404);
    expect(failed.body).toEqual({
      RequestId: failed.headers.get("x-acs-request-id"),
      HostId: "127.0.0.1",
      Code: "EntityNotExists.Account",
      Message: "The specified account does not exist.",
      Recommend: "https://api.aliyun.com/troubleshoot?q=EntityNotExists.Account&product=ResourceManager",
    });
  });

  it("answers XML for Format=XML (V1), as the service does, and refuses a Format it does not speak", async () => {
    const xml = async (form: string) => {
      const response = await fetch(`${emulator.url}/`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      });
      return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
    };
    const ok = await xml(signedForm({ Action: "ListAccounts", Format: "XML", PageSize: "2" }));
    expect([ok.status, ok.type]).toEqual([200, "text/xml;charset=utf-8"]);
    expect(ok.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><ListAccountsResponse><RequestId>[0-9A-F-]{36}<\/RequestId><PageNumber>1<\/PageNumber><PageSize>2<\/PageSize><TotalCount>\d+<\/TotalCount><Accounts><Account><AccountId>\d{16}<\/AccountId>.*<\/Account><Account>.*<\/Account><\/Accounts><\/ListAccountsResponse>$/,
    );
    const failed = await xml(signedForm({ Action: "GetAccount", Format: "xml", AccountId: fixtureAccounts.unknown }));
    expect([failed.status, failed.type]).toEqual([404, "text/xml;charset=utf-8"]);
    expect(failed.text).toMatch(
      /<Error><RequestId>.*<\/RequestId><HostId>127\.0\.0\.1<\/HostId><Code>EntityNotExists\.Account<\/Code>/,
    );
    const yaml = await postForm(emulator, signedForm({ Action: "GetResourceDirectory", Format: "YAML" }));
    expect([yaml.status, yaml.body.Code]).toEqual([400, "InvalidParameter.Format"]);
  });

  it("routes by Version: both products on one URL, anything else is InvalidAction.NotFound (404)", async () => {
    // Both products serve every action the emulator has (issue 21): 2022-04-19 binds too.
    const master = clientFor(emulator, fixtureKeys.management, RESOURCE_DIRECTORY_MASTER_VERSION);
    const account = await call(master, "GetAccount", { AccountId: fixtureAccounts.bound });
    expect(account.Account.HasSecureMobilePhone).toBe(true);

    for (const failure of [
      await failureOf(call(clientFor(emulator), "DeleteEverything")),
      await failureOf(call(master, "DeleteEverything", { AccountId: fixtureAccounts.unbound })),
      await failureOf(call(clientFor(emulator, fixtureKeys.management, "2019-01-01"), "GetAccount")),
    ]) {
      expect(failure).toEqual({ code: "InvalidAction.NotFound", httpStatus: 404 });
    }
  });
});

describe("authentication", () => {
  it("rejects a wrong secret with SignatureDoesNotMatch (400), echoing the string to sign", async () => {
    const forged = clientFor(emulator, { ...fixtureKeys.management, accessKeySecret: "not-the-secret" });
    const failure = await failureOf(call(forged, "GetAccount", { AccountId: fixtureAccounts.unbound }));
    expect(failure).toEqual({ code: "SignatureDoesNotMatch", httpStatus: 400 });
    const prefix = "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&";
    expect(failure.message.startsWith(prefix)).toBe(true);
    expect(failure.message.includes(`AccountId%3D${fixtureAccounts.unbound}`)).toBe(true);
  });

  it("rejects a timestamp more than 15 minutes off the service clock (400)", async () => {
    clockOffsetMs = 16 * 60 * 1000;
    expect(await failureOf(call(clientFor(emulator), "GetResourceDirectory"))).toEqual({
      code: "InvalidTimeStamp.Expired",
      httpStatus: 400,
    });
    clockOffsetMs = 14 * 60 * 1000;
    await expect(call(clientFor(emulator), "GetResourceDirectory")).resolves.toBeDefined();
  });

  it("rejects a replayed signed request with SignatureNonceUsed (400)", async () => {
    const form = signedForm({ Action: "GetResourceDirectory" });
    expect((await postForm(emulator, form)).status).toBe(200);
    const replay = await postForm(emulator, form);
    expect([replay.status, replay.body.Code, replay.body.Message]).toEqual([
      400,
      "SignatureNonceUsed",
      "Specified signature nonce was used already.",
    ]);
  });

  it("rejects malformed common parameters before looking at the key", async () => {
    const answers = await Promise.all([
      postForm(emulator, signedForm({ Action: "GetResourceDirectory", Timestamp: "2024-01-01 00:00:00" })),
      postForm(emulator, signedForm({ Action: "GetResourceDirectory", SignatureMethod: "HMAC-SHA256" })),
      postForm(emulator, "Action=GetResourceDirectory&Version=2020-03-31"),
    ]);
    expect(answers.map((a) => [a.status, a.body.Code])).toEqual([
      [400, "InvalidTimeStamp.Format"],
      [400, "InvalidParameter.SignatureMethod"],
      [400, "MissingParameter.AccessKeyId"],
    ]);
  });

  it("rejects an unknown AccessKeyId with InvalidAccessKeyId.NotFound (404)", async () => {
    const stranger = clientFor(emulator, { accessKeyId: "LTAI5tNobody", accessKeySecret: "whatever" });
    expect(await failureOf(call(stranger, "GetResourceDirectory"))).toEqual({
      code: "InvalidAccessKeyId.NotFound",
      httpStatus: 404,
    });
  });

  it("accepts an STS key only with its own token", async () => {
    const sts = fixtureKeys.managementSts;
    await expect(call(clientFor(emulator, sts), "GetResourceDirectory")).resolves.toBeDefined();
    expect(
      await failureOf(call(clientFor(emulator, { ...sts, securityToken: "CAISforged" }), "GetResourceDirectory")),
    ).toEqual({
      code: "InvalidSecurityToken.Mismatch",
      httpStatus: 400,
    });
    const { securityToken: _omitted, ...withoutToken } = sts;
    expect(await failureOf(call(clientFor(emulator, withoutToken), "GetResourceDirectory"))).toEqual({
      code: "InvalidSecurityToken.Malformed",
      httpStatus: 400,
    });
  });

  it("refuses a member account's key with CallerIdentityError (409), executing nothing", async () => {
    const member = clientFor(emulator, fixtureKeys.member);
    expect(await failureOf(call(member, "GetResourceDirectory"))).toEqual({
      code: "CallerIdentityError",
      httpStatus: 409,
    });
    const bind = await failureOf(
      call(member, "BindSecureMobilePhone", {
        AccountId: fixtureAccounts.unbound,
        InheritSecureMobilePhoneFrom: "ManagementAccount",
      }),
    );
    expect(bind.code).toBe("CallerIdentityError");
    expect(emulator.directory.phoneOf(fixtureAccounts.unbound)).toBeUndefined();
  });
});
