/**
 * The emulator's actions as the vendor documents them: binding with a code or by inheritance, each error code from a
 * modelled state, sending codes, directory reads and account creation.
 */

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  RESOURCE_DIRECTORY_MASTER_VERSION,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
  fixtureAccounts as accounts,
  fixtureDirectory,
  fixtureKeys,
  fixturePhones,
} from "../../emulator/internal";
import { call, clientFor, failureOf, sendCode } from "./test-support";

const SEND = "SendVerificationCodeForBindSecureMobilePhone";
const BIND = "BindSecureMobilePhone";
const china = fixturePhones.china;
let emulator: RunningEmulator;

/** The China site unless a test says otherwise: these cases were written when it was the emulator's default. */
async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  emulator = await startEmulator({ site: "china", ...options });
  return emulator;
}
afterEach(() => emulator.close());

/** Compared as a boolean so a failure never prints a phone number. */
function phoneIs(accountId: string, phone: string): boolean {
  return emulator.directory.phoneOf(accountId) === phone;
}

describe("binding a secure phone", () => {
  it("sends a code, binds with it, and HasSecureMobilePhone flips to true", async () => {
    const now = Date.now();
    await start({ clock: () => now });
    const client = clientFor(emulator);
    const master = clientFor(emulator, fixtureKeys.management, RESOURCE_DIRECTORY_MASTER_VERSION);
    const before = await call(master, "GetAccount", { AccountId: accounts.unbound });
    expect(before.Account.HasSecureMobilePhone).toBe(false);

    const sent = await call(client, SEND, { AccountId: accounts.unbound, SecureMobilePhone: china.valid });
    expect(sent.ExpirationDate).toBe(new Date(now + 15 * 60 * 1000).toISOString());
    const code = emulator.codes.latest(accounts.unbound, china.valid) ?? "";
    expect(code).toMatch(/^\d{6}$/);
    const bound = await call(client, BIND, {
      AccountId: accounts.unbound,
      SecureMobilePhone: china.valid,
      VerificationCode: code,
    });
    expect(Object.keys(bound)).toEqual(["RequestId"]);

    expect(phoneIs(accounts.unbound, china.valid)).toBe(true);
    const after = await call(master, "GetAccount", { AccountId: accounts.unbound });
    expect(after.Account.HasSecureMobilePhone).toBe(true);
    // Resource Manager's own GetAccount never says anything about phones.
    const plain = await call(client, "GetAccount", { AccountId: accounts.unbound });
    expect(plain.Account).not.toHaveProperty("HasSecureMobilePhone");
  });

  it("inherits the management account's phone on the China site, without a code", async () => {
    await start({ site: "china" });
    await call(clientFor(emulator), BIND, {
      AccountId: accounts.unbound,
      InheritSecureMobilePhoneFrom: "ManagementAccount",
      SecureMobilePhone: china.valid, // does not take effect
    });
    expect(phoneIs(accounts.unbound, china.management)).toBe(true);
    expect(emulator.directory.account(accounts.unbound)?.phoneInherited).toBe(true);
  });

  it("accepts only the latest unexpired code for exactly that account and phone", async () => {
    let now = Date.now();
    await start({ clock: () => now, codeTtlMs: 60_000 });
    const client = clientFor(emulator);
    const bind = (code: string, phone = china.valid) =>
      failureOf(call(client, BIND, { AccountId: accounts.unbound, SecureMobilePhone: phone, VerificationCode: code }));

    const first = await sendCode(emulator, client, accounts.unbound, china.valid);
    now += 61_000; // past the TTL, well inside the 15-minute timestamp window
    expect((await bind(first)).code).toBe("Invalid.VerificationCode");

    let second = await sendCode(emulator, client, accounts.unbound, china.valid);
    while (second === first) second = await sendCode(emulator, client, accounts.unbound, china.valid);
    expect((await bind(first)).code).toBe("Invalid.VerificationCode"); // replaced by the newer code
    expect((await bind(second, "86-13900009999")).code).toBe("Invalid.VerificationCode"); // other phone
    expect((await bind(second)).code).toBe("NO_ERROR");
  });

  describe("each error code of the vendor page, from a modelled state", () => {
    const cases: Array<
      [code: string, status: number, arrange: (e: RunningEmulator) => Record<string, string>, site?: "international"]
    > = [
      [
        "NotSupport.Site.Action",
        400,
        () => ({ AccountId: accounts.unbound, SecureMobilePhone: china.otherSite, VerificationCode: "123456" }),
      ],
      [
        "NotSupport.Site.Action",
        400,
        () => ({ AccountId: accounts.unbound, InheritSecureMobilePhoneFrom: "ManagementAccount" }),
        "international",
      ],
      [
        "NotSupport.AccountInAnotherResourceDirectory",
        409,
        () => ({ AccountId: accounts.foreign, SecureMobilePhone: china.valid }),
      ],
      ["Invalid.EnterpriseName", 409, () => ({ AccountId: accounts.noEnterpriseName, SecureMobilePhone: china.valid })],
      [
        "EnterpriseRealNameVerificationError",
        409,
        () => ({ AccountId: accounts.notRealNameVerified, SecureMobilePhone: china.valid }),
      ],
      [
        "EntityAlreadyExists.ResourceDirectory",
        409,
        () => ({ AccountId: accounts.ownsDirectory, SecureMobilePhone: china.valid }),
      ],
      [
        "Invalid.VerificationCode",
        409,
        () => ({ AccountId: accounts.unbound, SecureMobilePhone: china.valid, VerificationCode: "000000" }),
      ],
      ["AccountTypeMismatch", 409, () => ({ AccountId: accounts.invited, SecureMobilePhone: china.valid })],
      ["AccountSecureMobileAlreadyExists", 409, () => ({ AccountId: accounts.bound, SecureMobilePhone: china.valid })],
      [
        "AccountSecureMobileAlreadyExists",
        409,
        (e) => {
          e.directory.setPhoneOutOfBand(accounts.unbound, china.valid);
          return { AccountId: accounts.unbound, InheritSecureMobilePhoneFrom: "ManagementAccount" };
        },
      ],
    ];
    it.each(cases)("%s (%i)", async (code, status, arrange, site) => {
      await start({ site: site ?? "china" });
      expect(await failureOf(call(clientFor(emulator), BIND, arrange(emulator)))).toEqual({ code, httpStatus: status });
    });

    it("CallerIdentityError (409)", async () => {
      await start();
      const failure = await failureOf(
        call(clientFor(emulator, fixtureKeys.member), BIND, { AccountId: accounts.unbound }),
      );
      expect(failure).toEqual({ code: "CallerIdentityError", httpStatus: 409 });
    });
  });

  it("validates parameters first: missing, malformed, unknown account, missing phone", async () => {
    await start();
    const client = clientFor(emulator);
    const failures = await Promise.all([
      failureOf(call(client, BIND, { SecureMobilePhone: china.valid })),
      failureOf(call(client, BIND, { AccountId: "12345" })),
      failureOf(call(client, BIND, { AccountId: accounts.unknown })),
      failureOf(call(client, BIND, { AccountId: accounts.unbound })),
    ]);
    expect(failures).toEqual([
      { code: "MissingParameter.AccountId", httpStatus: 400 },
      { code: "InvalidParameter.AccountId", httpStatus: 400 },
      { code: "EntityNotExists.Account", httpStatus: 404 },
      { code: "MissingParameter.SecureMobilePhone", httpStatus: 400 },
    ]);
  });
});

describe("sending verification codes", () => {
  beforeEach(() => start({ site: "international", sendLimitPerAccount: 2 }));
  const intl = fixturePhones.international;
  const send = (accountId: string, phone: string) =>
    failureOf(call(clientFor(emulator), SEND, { AccountId: accountId, SecureMobilePhone: phone }));

  it("enforces the site's country code (409 InvalidParameter.MobileCountryCode)", async () => {
    expect(await send(accounts.unbound, intl.otherSite)).toEqual({
      code: "InvalidParameter.MobileCountryCode",
      httpStatus: 409,
    });
    expect((await send(accounts.unbound, "1 650 555")).code).toBe("InvalidParameter.MobileCountryCode");
    expect(emulator.codes.latest(accounts.unbound, intl.otherSite)).toBeUndefined();
  });

  it("caps sends per account per day", async () => {
    expect((await send(accounts.unbound, intl.valid)).code).toBe("NO_ERROR");
    expect((await send(accounts.unbound, intl.valid)).code).toBe("NO_ERROR");
    expect(await send(accounts.unbound, intl.valid)).toEqual({
      code: "SendValidateCodeExceedsLimitForAccount",
      httpStatus: 409,
    });
    expect((await send(accounts.bound, intl.valid)).code).toBe("NO_ERROR");
  });

  it("refuses accounts outside the directory or owning one", async () => {
    expect(await send(accounts.foreign, intl.valid)).toEqual({
      code: "NotSupport.AccountInAnotherResourceDirectory",
      httpStatus: 409,
    });
    expect(await send(accounts.ownsDirectory, intl.valid)).toEqual({
      code: "EntityAlreadyExists.ResourceDirectory",
      httpStatus: 409,
    });
    expect(await send(accounts.unknown, intl.valid)).toEqual({ code: "EntityNotExists.Account", httpStatus: 404 });
  });
});

describe("directory reads and account creation", () => {
  beforeEach(() => start());

  it("GetResourceDirectory names the management account MasterAccountId", async () => {
    const { ResourceDirectory: rd } = await call(clientFor(emulator), "GetResourceDirectory");
    expect(rd).toEqual({
      ResourceDirectoryId: fixtureDirectory.resourceDirectoryId,
      RootFolderId: fixtureDirectory.rootFolderId,
      MasterAccountId: accounts.management,
      MasterAccountName: fixtureDirectory.masterAccountName,
      CreateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  it("GetAccount answers the documented errors", async () => {
    const client = clientFor(emulator);
    expect(
      await Promise.all([
        failureOf(call(client, "GetAccount")),
        failureOf(call(client, "GetAccount", { AccountId: "abc" })),
        failureOf(call(client, "GetAccount", { AccountId: accounts.foreign })),
      ]),
    ).toEqual([
      { code: "MissingParameter.AccountId", httpStatus: 400 },
      { code: "InvalidParameter.AccountId", httpStatus: 400 },
      { code: "EntityNotExists.Account", httpStatus: 404 },
    ]);
  });

  it("CreateResourceAccount creates a bindable member with a unique display name", async () => {
    const client = clientFor(emulator);
    const { Account: created } = await call(client, "CreateResourceAccount", {
      DisplayName: "sandbox",
      AccountNamePrefix: "sandbox",
    });
    expect(created).toMatchObject({
      DisplayName: "sandbox",
      Type: "ResourceAccount",
      Status: "CreateSuccess",
      JoinMethod: "created",
      FolderId: fixtureDirectory.rootFolderId,
      ResourceDirectoryId: fixtureDirectory.resourceDirectoryId,
    });
    expect(created.AccountId).toMatch(/^\d{16}$/);
    expect(emulator.directory.account(created.AccountId)?.Type).toBe("ResourceAccount");
    expect(await failureOf(call(client, "CreateResourceAccount", { DisplayName: "sandbox" }))).toEqual({
      code: "EntityAlreadyExists.Account.DisplayName",
      httpStatus: 409,
    });
    expect(await failureOf(call(client, "CreateResourceAccount", { DisplayName: "x" }))).toEqual({
      code: "InvalidParameter.DisplayName",
      httpStatus: 400,
    });
  });

  it("ListAccounts pages through every member", async () => {
    for (let i = 0; i < 5; i += 1) emulator.directory.addResourceAccount({ displayName: `extra-${i}` });
    const total = emulator.directory.accounts().length;
    expect(total).toBe(12);
    const client = clientFor(emulator);
    const pages = await Promise.all(
      [1, 2, 3].map((n) => call(client, "ListAccounts", { PageNumber: String(n), PageSize: "5" })),
    );
    expect(pages.map((p) => [p.PageNumber, p.PageSize, p.TotalCount, p.Accounts.Account.length])).toEqual([
      [1, 5, total, 5],
      [2, 5, total, 5],
      [3, 5, total, 2],
    ]);
    const ids = pages.flatMap((p) => p.Accounts.Account.map((a: { AccountId: string }) => a.AccountId));
    expect(new Set(ids)).toEqual(new Set(emulator.directory.accounts().map((a) => a.AccountId)));
    expect(pages[0]?.Accounts.Account[0].Tags).toEqual({ Tag: [] });
    expect(await failureOf(call(client, "ListAccounts", { PageSize: "101" }))).toEqual({
      code: "InvalidParameter.PageSize",
      httpStatus: 400,
    });
  });
});
