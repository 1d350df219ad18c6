/**
 * Signature V3 (ACS3-HMAC-SHA256), issue 21: the emulator's signer agrees with the vendor's own
 * (@alicloud/openapi-core's getAuthorization), and each kind of bad V3 request gets its own code and status
 * over HTTP. The official client's own runs are in official-client.test.ts.
 */
import { OpenApiUtil } from "@alicloud/openapi-core";
import { beforeEach, describe, expect, it } from "vitest";
import {
  authorizationHeaderV3,
  canonicalQueryV3,
  fixtureAccounts,
  fixtureKeys,
  parseAuthorization,
  sha256Hex,
  startEmulator,
  type RunningEmulator,
} from "../../emulator/internal";
import { fetchV3, type V3RequestOptions } from "./test-support";

describe("the V3 signer", () => {
  it("computes the Authorization header @alicloud/openapi-core computes, for a query with characters to escape", () => {
    const headers = {
      host: "resourcemanager.aliyuncs.com",
      "x-acs-action": "ListAccounts",
      "x-acs-version": "2020-03-31",
      "x-acs-date": "2026-12-04T10:00:00Z",
      "x-acs-signature-nonce": "3ee8c1b883d344afa94f4e0ad82fd6cf",
      "x-acs-content-sha256": sha256Hex(""),
      "user-agent": "not signed",
    };
    const query = { QueryKeyword: "a b*(c)!'~", PageSize: "5" };
    const vendor = OpenApiUtil.getAuthorization(
      { method: "POST", pathname: "/", query, headers } as unknown as Parameters<
        typeof OpenApiUtil.getAuthorization
      >[0],
      "ACS3-HMAC-SHA256",
      sha256Hex(""),
      "testid",
      "testsecret",
    );
    const ours = authorizationHeaderV3(
      {
        method: "POST",
        path: "/",
        query: Object.entries(query),
        headers,
        signedHeaders: Object.keys(headers).filter((h) => h !== "user-agent"),
        hashedPayload: sha256Hex(""),
      },
      "testid",
      "testsecret",
    );
    expect(ours).toBe(vendor);
    expect(parseAuthorization(ours)).toMatchObject({
      algorithm: "ACS3-HMAC-SHA256",
      credential: "testid",
      signedHeaders: [
        "host",
        "x-acs-action",
        "x-acs-content-sha256",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-version",
      ],
    });
  });

  it("encodes values per RFC 3986 (space %20, ! ' ( ) * escaped) and sorts by key", () => {
    expect(
      canonicalQueryV3([
        ["b", "x y"],
        ["a", "!'()*~"],
      ]),
    ).toBe("a=%21%27%28%29%2A~&b=x%20y");
  });

  it("parses no Authorization that lacks Credential, SignedHeaders or Signature", () => {
    expect(parseAuthorization("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host")).toBeUndefined();
    expect(parseAuthorization("ACS3-HMAC-SHA256")).toBeUndefined();
  });
});

describe("bad V3 requests, over HTTP", () => {
  let emulator: RunningEmulator;
  let now = Date.parse("2026-12-04T10:00:00Z");
  beforeEach(async () => {
    now = Date.parse("2026-12-04T10:00:00Z");
    emulator = await startEmulator({ clock: () => now });
    return () => emulator.close();
  });

  const getAccount = (more: Partial<V3RequestOptions> = {}): V3RequestOptions => ({
    action: "GetAccount",
    query: { AccountId: fixtureAccounts.unbound },
    date: new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...more,
  });
  const codeOf = async (options: V3RequestOptions): Promise<[number, string]> => {
    const answer = await fetchV3(emulator, options);
    const body = JSON.parse(answer.text) as { Code?: string; Account?: unknown };
    return [answer.status, body.Code ?? (body.Account ? "OK" : "?")];
  };

  it("takes a well-signed one, with the query, a form body, or both", async () => {
    expect(await codeOf(getAccount())).toEqual([200, "OK"]);
    expect(await codeOf(getAccount({ query: {}, form: { AccountId: fixtureAccounts.unbound } }))).toEqual([200, "OK"]);
    expect(emulator.calls.entries.map((c) => [c.action, c.signing, c.accessKeyId])).toEqual([
      ["GetAccount", "v3", fixtureKeys.management.accessKeyId],
      ["GetAccount", "v3", fixtureKeys.management.accessKeyId],
    ]);
  });

  it("gives each kind of bad signature the service's code and status", async () => {
    const kinds: Record<string, V3RequestOptions> = {
      "missing Authorization": getAccount({ afterSigning: (r) => delete r.headers.authorization }),
      "another algorithm": getAccount({
        afterSigning: (r) =>
          (r.headers.authorization = r.headers.authorization!.replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3")),
      }),
      "a common header left unsigned": getAccount({ unsigned: ["x-acs-signature-nonce"] }),
      "a query changed after signing": getAccount({
        afterSigning: (r) => r.url.searchParams.set("AccountId", fixtureAccounts.bound),
      }),
      "a body that x-acs-content-sha256 does not describe": getAccount({
        query: {},
        form: { AccountId: fixtureAccounts.unbound },
        afterSigning: (r) => (r.body = `AccountId=${fixtureAccounts.bound}`),
      }),
      "a wrong secret": getAccount({ key: { ...fixtureKeys.management, accessKeySecret: "not-the-secret" } }),
      "an unknown key": getAccount({ key: { accessKeyId: "LTAI5tNobodyKnowsThis01", accessKeySecret: "x" } }),
      "x-acs-date 16 minutes old": getAccount({
        date: new Date(now - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      }),
      "x-acs-date not ISO 8601 UTC": getAccount({ date: "Fri, 04 Dec 2026 10:00:00 GMT" }),
      "an STS key without x-acs-security-token": getAccount({
        key: {
          accessKeyId: fixtureKeys.managementSts.accessKeyId,
          accessKeySecret: fixtureKeys.managementSts.accessKeySecret,
        },
      }),
    };
    const measured: Record<string, [number, string]> = {};
    for (const [kind, options] of Object.entries(kinds)) measured[kind] = await codeOf(options);
    expect(measured).toEqual({
      "missing Authorization": [400, "IncompleteSignature"],
      "another algorithm": [400, "IncompleteSignature"],
      "a common header left unsigned": [400, "IncompleteSignature"],
      "a query changed after signing": [400, "SignatureDoesNotMatch"],
      "a body that x-acs-content-sha256 does not describe": [400, "SignatureDoesNotMatch"],
      "a wrong secret": [400, "SignatureDoesNotMatch"],
      "an unknown key": [404, "InvalidAccessKeyId.NotFound"],
      "x-acs-date 16 minutes old": [400, "InvalidTimeStamp.Expired"],
      "x-acs-date not ISO 8601 UTC": [400, "InvalidTimeStamp.Format"],
      "an STS key without x-acs-security-token": [400, "InvalidSecurityToken.Malformed"],
    });
    // Nothing refused reached an action.
    expect(emulator.calls.entries.every((c) => c.code !== "OK")).toBe(true);
  });

  it("refuses a replayed nonce with SignatureNonceUsed (400), and takes an STS key with its token", async () => {
    const once = getAccount({ nonce: "5f0c2b3e9a7d4c1e8b6a0f2d4c6e8a0b" });
    expect(await codeOf(once)).toEqual([200, "OK"]);
    expect(await codeOf(once)).toEqual([400, "SignatureNonceUsed"]);
    expect(await codeOf(getAccount({ key: fixtureKeys.managementSts }))).toEqual([200, "OK"]);
  });

  it("echoes only the hashed string to sign on a mismatch: no parameter of the request", async () => {
    const answer = await fetchV3(
      emulator,
      getAccount({ key: { ...fixtureKeys.management, accessKeySecret: "wrong" } }),
    );
    const { Message } = JSON.parse(answer.text) as { Message: string };
    expect(Message).toMatch(/server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    expect(Message).not.toContain(fixtureAccounts.unbound);
  });

  it("answers XML when Accept asks for it, an error as <Error>", async () => {
    const ok = await fetchV3(emulator, getAccount({ accept: "application/xml" }));
    expect(ok.headers.get("content-type")).toBe("text/xml;charset=utf-8");
    expect(ok.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><GetAccountResponse><RequestId>[0-9A-F-]{36}<\/RequestId><Account><AccountId>1510000000000101<\/AccountId>/,
    );
    const refused = await fetchV3(
      emulator,
      getAccount({ accept: "text/xml", query: { AccountId: fixtureAccounts.unknown } }),
    );
    expect(refused.status).toBe(404);
    expect(refused.text).toContain("<Error><RequestId>");
    expect(refused.text).toContain("<Code>EntityNotExists.Account</Code>");
  });
});
