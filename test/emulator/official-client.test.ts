/**
 * The vendor's own client against the emulator (issue 21): `@alicloud/resourcemanager20200331`, pinned, in both
 * of its signing modes, V3 (ACS3-HMAC-SHA256, its default) and RPC V1 (`signatureAlgorithm: "v2"`), through every
 * action the emulator serves at both versions: a wrong code, a bind, a second bind, a wrong secret, an unknown
 * key. Raw answers are checked against the SDK's own models, names and types. The table of outcomes is printed at
 * the end.
 */
import Client, {
  BindSecureMobilePhoneRequest,
  BindSecureMobilePhoneResponseBody,
  CreateResourceAccountRequest,
  CreateResourceAccountResponseBody,
  GetAccountRequest,
  GetAccountResponseBody,
  GetAccountResponseBodyAccount,
  GetResourceDirectoryResponseBody,
  ListAccountsRequest,
  ListAccountsResponseBody,
  ListAccountsResponseBodyAccounts,
  ListAccountsResponseBodyAccountsAccount,
  SendVerificationCodeForBindSecureMobilePhoneRequest,
  SendVerificationCodeForBindSecureMobilePhoneResponseBody,
} from "@alicloud/resourcemanager20200331";
import { afterAll, describe, expect, it } from "vitest";
import {
  RESOURCE_DIRECTORY_MASTER_VERSION as V2022,
  RESOURCE_MANAGER_VERSION as V2020,
  fixtureAccounts,
  fixtureKeys,
  fixturePhones,
  servedActions,
  shownPhone,
  type RunningEmulator,
} from "../../emulator/internal";
import { auditSecrets } from "../support/audit";
import { useEmulator } from "../support/emulator";
import {
  callRaw,
  extendModel,
  modelProblems,
  officialClient,
  outcomeOf,
  type ModelShape,
  type Outcome,
  type SigningMode,
} from "./official-client";

const holder = useEmulator("international");
const phone = fixturePhones.international.valid;

/** action × version × mode → what happened, for the table printed at the end. */
const table = new Map<string, string>();
function note(action: string, version: string, mode: SigningMode, outcome: Outcome | string): void {
  const text = typeof outcome === "string" ? outcome : `${outcome.code} ${outcome.httpStatus}`;
  const key = `${action} @${version} [${mode}]`;
  table.set(key, table.has(key) ? `${table.get(key)}; ${text}` : text);
}

afterAll(() => {
  const lines = [...table].map(([key, outcome]) => `  ${key.padEnd(68)} ${outcome}`);
  console.log(`official client (@alicloud/resourcemanager20200331) against the emulator:\n${lines.join("\n")}`);
});

/** A member with no phone, and the code the emulator "sent" it (read the only way there is). */
function codeFor(emulator: RunningEmulator, accountId: string): string {
  const code = emulator.codes.latest(accountId, phone);
  if (code === undefined) throw new Error("no code recorded");
  auditSecrets({ [`verification code for ${accountId}`]: code });
  return code;
}

/** A code that is not the one sent: the same length, another value. */
function wrongCode(code: string): string {
  return code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
}

/** GetAccount and ListAccounts at 2022-04-19, described from the 2020-03-31 models and the 2022 models' own fields. */
const GET_ACCOUNT_2022: ModelShape = {
  names: () => GetAccountResponseBody.names(),
  types: () => ({
    ...GetAccountResponseBody.types(),
    account: extendModel(
      GetAccountResponseBodyAccount,
      { hasSecureMobilePhone: "HasSecureMobilePhone", secureMobilePhone: "SecureMobilePhone" },
      { hasSecureMobilePhone: "boolean", secureMobilePhone: "string" },
    ),
  }),
};
const LIST_ACCOUNTS_2022: ModelShape = {
  names: () => ({ ...ListAccountsResponseBody.names(), nextToken: "NextToken" }),
  types: () => ({
    ...ListAccountsResponseBody.types(),
    nextToken: "string",
    accounts: {
      names: () => ListAccountsResponseBodyAccounts.names(),
      types: () => ({
        account: {
          type: "array",
          itemType: extendModel(
            ListAccountsResponseBodyAccountsAccount,
            { accountName: "AccountName" },
            { accountName: "string" },
          ),
        },
      }),
    },
  }),
};

describe.each<SigningMode>(["V3", "v2"])("the official client, signing %s", (mode) => {
  const signing = mode === "V3" ? "v3" : "v1";
  const client = (): Client => officialClient(holder.current, mode, fixtureKeys.management);

  it("2020-03-31: every action through its typed method, a wrong code, a bind and a second bind", async () => {
    const emulator = holder.current;
    const c = client();
    const accountId = emulator.directory.addResourceAccount({ displayName: `typed-${mode}` }).AccountId;

    const rd = await c.getResourceDirectory();
    expect(rd.body?.resourceDirectory?.masterAccountId).toBe(fixtureAccounts.management);
    note("GetResourceDirectory", V2020, mode, "OK");

    const sent = await c.sendVerificationCodeForBindSecureMobilePhone(
      new SendVerificationCodeForBindSecureMobilePhoneRequest({ accountId, secureMobilePhone: phone }),
    );
    expect(sent.body?.expirationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    note("SendVerificationCodeForBindSecureMobilePhone", V2020, mode, "OK");
    const code = codeFor(emulator, accountId);

    const bind = (verificationCode: string) =>
      outcomeOf(
        c.bindSecureMobilePhone(
          new BindSecureMobilePhoneRequest({ accountId, secureMobilePhone: phone, verificationCode }),
        ),
      );
    const binds = [await bind(wrongCode(code)), await bind(code), await bind(code)];
    expect(binds).toEqual([
      { code: "Invalid.VerificationCode", httpStatus: 409 },
      { code: "OK", httpStatus: 200 },
      { code: "AccountSecureMobileAlreadyExists", httpStatus: 409 },
    ]);
    expect(emulator.directory.phoneOf(accountId)).toBe(phone);
    for (const [label, outcome] of [
      ["wrong code", binds[0]!],
      ["right code", binds[1]!],
      ["second bind", binds[2]!],
    ] as const) {
      note("BindSecureMobilePhone", V2020, mode, `${label}: ${outcome.code} ${outcome.httpStatus}`);
    }

    const account = await c.getAccount(new GetAccountRequest({ accountId, includeTags: true }));
    expect(account.body?.account).toMatchObject({
      accountId,
      type: "ResourceAccount",
      status: "CreateSuccess",
      tags: [],
    });
    note("GetAccount", V2020, mode, "OK");

    const page = await c.listAccounts(new ListAccountsRequest({ pageNumber: 2, pageSize: 3 }));
    expect([page.body?.pageNumber, page.body?.pageSize, page.body?.totalCount]).toEqual([
      2,
      3,
      emulator.directory.accounts().length,
    ]);
    expect(page.body?.accounts?.account).toHaveLength(3);
    const tooBig = await outcomeOf(c.listAccounts(new ListAccountsRequest({ pageSize: 101 })));
    expect(tooBig).toEqual({ code: "InvalidParameter.PageSize", httpStatus: 400 });
    note("ListAccounts", V2020, mode, `OK; PageSize 101: ${tooBig.code} ${tooBig.httpStatus}`);

    const created = await c.createResourceAccount(new CreateResourceAccountRequest({ displayName: `created-${mode}` }));
    expect(created.body?.account).toMatchObject({ type: "ResourceAccount", joinMethod: "created" });
    expect(emulator.directory.account(created.body!.account!.accountId!)?.DisplayName).toBe(`created-${mode}`);
    note("CreateResourceAccount", V2020, mode, "OK");

    // Every call arrived signed the way the mode says, and named its API as that signature does.
    expect(new Set(emulator.calls.entries.map((call) => `${call.signing} ${call.version}`))).toEqual(
      new Set([`${signing} ${V2020}`]),
    );
  });

  it("2020-03-31: every answer is named and typed as the SDK's model", async () => {
    const emulator = holder.current;
    const c = client();
    const accountId = emulator.directory.addResourceAccount({ displayName: `raw-${mode}` }).AccountId;
    const answers: [string, Record<string, any>, ModelShape][] = [
      ["GetResourceDirectory", await callRaw(c, V2020, "GetResourceDirectory"), GetResourceDirectoryResponseBody],
      [
        "SendVerificationCodeForBindSecureMobilePhone",
        await callRaw(c, V2020, "SendVerificationCodeForBindSecureMobilePhone", {
          AccountId: accountId,
          SecureMobilePhone: phone,
        }),
        SendVerificationCodeForBindSecureMobilePhoneResponseBody,
      ],
    ];
    const code = codeFor(emulator, accountId);
    answers.push(
      [
        "BindSecureMobilePhone",
        await callRaw(c, V2020, "BindSecureMobilePhone", {
          AccountId: accountId,
          SecureMobilePhone: phone,
          VerificationCode: code,
        }),
        BindSecureMobilePhoneResponseBody,
      ],
      [
        "GetAccount",
        await callRaw(c, V2020, "GetAccount", { AccountId: accountId, IncludeTags: "true" }),
        GetAccountResponseBody,
      ],
      ["ListAccounts", await callRaw(c, V2020, "ListAccounts", { PageSize: "100" }), ListAccountsResponseBody],
      [
        "CreateResourceAccount",
        await callRaw(c, V2020, "CreateResourceAccount", { DisplayName: `raw-created-${mode}` }),
        CreateResourceAccountResponseBody,
      ],
    );
    expect(answers.flatMap(([action, raw, model]) => modelProblems(raw, model, action))).toEqual([]);
    // The 2020-03-31 GetAccount has no phone field, whatever the member has.
    expect(answers[3]![1].Account).not.toHaveProperty("HasSecureMobilePhone");
  });

  it("2022-04-19: every action through the client's callApi, paged by token and searched by keyword", async () => {
    const emulator = holder.current;
    const c = client();
    const displayName = `rdm-${mode}-member`;
    const accountId = emulator.directory.addResourceAccount({ displayName }).AccountId;
    const call = (action: string, query: Record<string, string> = {}) => outcomeOf(callRaw(c, V2022, action, query));

    const rd = await callRaw(c, V2022, "GetResourceDirectory");
    expect(rd.ResourceDirectory.MasterAccountId).toBe(fixtureAccounts.management);
    expect(modelProblems(rd, GetResourceDirectoryResponseBody)).toEqual([]);
    note("GetResourceDirectory", V2022, mode, "OK");

    const before = await callRaw(c, V2022, "GetAccount", { AccountId: accountId });
    expect(before.Account.HasSecureMobilePhone).toBe(false);
    expect(before.Account).not.toHaveProperty("SecureMobilePhone");

    const sent = await callRaw(c, V2022, "SendVerificationCodeForBindSecureMobilePhone", {
      AccountId: accountId,
      SecureMobilePhone: phone,
    });
    expect(modelProblems(sent, SendVerificationCodeForBindSecureMobilePhoneResponseBody)).toEqual([]);
    note("SendVerificationCodeForBindSecureMobilePhone", V2022, mode, "OK");
    const code = codeFor(emulator, accountId);
    const bind = (verificationCode: string) =>
      call("BindSecureMobilePhone", {
        AccountId: accountId,
        SecureMobilePhone: phone,
        VerificationCode: verificationCode,
      });
    const binds = [await bind(wrongCode(code)), await bind(code), await bind(code)];
    expect(binds).toEqual([
      { code: "Invalid.VerificationCode", httpStatus: 409 },
      { code: "OK", httpStatus: 200 },
      { code: "AccountSecureMobileAlreadyExists", httpStatus: 409 },
    ]);
    for (const [label, outcome] of [
      ["wrong code", binds[0]!],
      ["right code", binds[1]!],
      ["second bind", binds[2]!],
    ] as const) {
      note("BindSecureMobilePhone", V2022, mode, `${label}: ${outcome.code} ${outcome.httpStatus}`);
    }

    const after = await callRaw(c, V2022, "GetAccount", { AccountId: accountId });
    expect(after.Account.HasSecureMobilePhone).toBe(true);
    expect(after.Account.SecureMobilePhone).toBe(shownPhone(phone, "masked"));
    expect(modelProblems(after, GET_ACCOUNT_2022)).toEqual([]);
    note("GetAccount", V2022, mode, "OK (HasSecureMobilePhone, SecureMobilePhone)");

    // Token paging visits every account once; a keyword finds the member by its display name.
    const total = emulator.directory.accounts().length;
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await callRaw(c, V2022, "ListAccounts", { MaxResults: "4", ...(token ? { NextToken: token } : {}) });
      expect(modelProblems(page, LIST_ACCOUNTS_2022)).toEqual([]);
      expect(page.TotalCount).toBe(total);
      seen.push(...page.Accounts.Account.map((a: { AccountId: string }) => a.AccountId));
      token = page.NextToken;
      pages += 1;
    } while (token && pages < 10);
    expect(seen).toEqual(emulator.directory.accounts().map((a) => a.AccountId));
    const found = await callRaw(c, V2022, "ListAccounts", { QueryKeyword: displayName.toUpperCase() });
    expect(found.Accounts.Account.map((a: { AccountId: string }) => a.AccountId)).toEqual([accountId]);
    const paged = await callRaw(c, V2022, "ListAccounts", { PageNumber: "1", PageSize: "2" });
    expect([paged.PageNumber, paged.PageSize, paged.Accounts.Account.length]).toEqual([1, 2, 2]);
    const refusals = [
      await call("ListAccounts", { PageSize: "101" }),
      await call("ListAccounts", { MaxResults: "101" }),
      await call("ListAccounts", { MaxResults: "4", NextToken: "not-a-token" }),
    ];
    expect(refusals).toEqual([
      { code: "InvalidParameter.PageSize", httpStatus: 400 },
      { code: "InvalidParameter.MaxResults", httpStatus: 400 },
      { code: "InvalidParameter.NextToken", httpStatus: 400 },
    ]);
    note(
      "ListAccounts",
      V2022,
      mode,
      `OK (${pages} token pages, keyword, page numbers); ${refusals.map((r) => r.code).join(", ")}`,
    );

    const created = await callRaw(c, V2022, "CreateResourceAccount", { DisplayName: `rdm-created-${mode}` });
    expect(created.Account.Type).toBe("ResourceAccount");
    expect(modelProblems(created, CreateResourceAccountResponseBody)).toEqual([]);
    note("CreateResourceAccount", V2022, mode, "OK");

    expect(new Set(emulator.calls.entries.map((call) => `${call.signing} ${call.version}`))).toEqual(
      new Set([`${signing} ${V2022}`]),
    );
  });

  it("a wrong secret, an unknown key, a member's key, an STS key with and without its token", async () => {
    const emulator = holder.current;
    const getAccount = (key: Parameters<typeof officialClient>[2]) =>
      outcomeOf(
        officialClient(emulator, mode, key).getAccount(new GetAccountRequest({ accountId: fixtureAccounts.unbound })),
      );
    const sts = fixtureKeys.managementSts;
    const outcomes = {
      "a wrong secret": await getAccount({ ...fixtureKeys.management, accessKeySecret: "not-the-secret-0001" }),
      "an unknown key": await getAccount({ accessKeyId: "LTAI5tNobodyKnowsThis01", accessKeySecret: "whatever" }),
      "a member's own key": await getAccount(fixtureKeys.member),
      "an STS key with its token": await getAccount(sts),
      "an STS key without its token": await getAccount({
        accessKeyId: sts.accessKeyId,
        accessKeySecret: sts.accessKeySecret,
      }),
      "an expired STS token": await getAccount(fixtureKeys.expiredSts),
    };
    expect(outcomes).toEqual({
      "a wrong secret": { code: "SignatureDoesNotMatch", httpStatus: 400 },
      "an unknown key": { code: "InvalidAccessKeyId.NotFound", httpStatus: 404 },
      "a member's own key": { code: "CallerIdentityError", httpStatus: 409 },
      "an STS key with its token": { code: "OK", httpStatus: 200 },
      "an STS key without its token": { code: "InvalidSecurityToken.Malformed", httpStatus: 400 },
      "an expired STS token": { code: "InvalidSecurityToken.Expired", httpStatus: 400 },
    });
    for (const [kind, outcome] of Object.entries(outcomes)) note(`GetAccount, ${kind}`, V2020, mode, outcome);
    expect(new Set(emulator.calls.entries.map((call) => call.signing))).toEqual(new Set([signing]));
  });
});

describe("coverage", () => {
  it("the runs above went through every (version, action) the emulator serves, in both modes", () => {
    const expected = servedActions().flatMap(({ version, action }) =>
      (["V3", "v2"] as const).map((mode) => `${action} @${version} [${mode}]`),
    );
    expect([...table.keys()].filter((key) => !key.includes(",")).sort()).toEqual(expected.sort());
  });
});
