/**
 * The shown number (issue 16): ResourceDirectoryMaster 2022-04-19 GetAccount carries `SecureMobilePhone`
 * beside HasSecureMobilePhone, as the emulator's showPhone setting says. Signed requests over HTTP, as a
 * client makes them. Full numbers are compared as booleans, so a failure never prints one.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  RESOURCE_DIRECTORY_MASTER_VERSION,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
  fixtureAccounts as accounts,
  fixtureKeys,
  fixturePhones,
  shownPhone,
} from "../../emulator/internal";
import { call, clientFor, sendCode, type Body } from "./test-support";

const intl = fixturePhones.international;
const china = fixturePhones.china;
let emulator: RunningEmulator;

async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  emulator = await startEmulator(options);
  return emulator;
}

async function directoryAccount(accountId: string): Promise<Body> {
  const master = clientFor(emulator, fixtureKeys.management, RESOURCE_DIRECTORY_MASTER_VERSION);
  return (await call(master, "GetAccount", { AccountId: accountId })).Account as Body;
}

describe("shown numbers: GetAccount 2022-04-19 SecureMobilePhone", () => {
  afterEach(() => emulator.close());

  it("masked (the default): console style, no dash, one * per hidden digit, unlike the provider's mask", async () => {
    await start({ site: "international" });
    expect(emulator.showPhone).toBe("masked");
    const bound = await directoryAccount(accounts.bound);
    expect(bound.HasSecureMobilePhone).toBe(true);
    // fixturePhones.international.bound is 1-6505550111.
    expect(bound.SecureMobilePhone).toBe("1650*****11");
    expect(bound.SecureMobilePhone).not.toMatch(/-/);
    // A member without a phone never carries the field.
    expect(await directoryAccount(accounts.unbound)).not.toHaveProperty("SecureMobilePhone");
  });

  it("full: <country>-<number>, also for a number bound through the API a moment ago", async () => {
    await start({ site: "international", showPhone: "full" });
    const client = clientFor(emulator);
    const code = await sendCode(emulator, client, accounts.unbound, intl.valid);
    const bind = { AccountId: accounts.unbound, SecureMobilePhone: intl.valid, VerificationCode: code };
    await call(client, "BindSecureMobilePhone", bind);
    expect((await directoryAccount(accounts.unbound)).SecureMobilePhone === intl.valid).toBe(true);
    expect((await directoryAccount(accounts.bound)).SecureMobilePhone === intl.bound).toBe(true);
    expect(await directoryAccount(accounts.notRealNameVerified)).not.toHaveProperty("SecureMobilePhone");
  });

  it("absent: the field is left out, as older deployments do; HasSecureMobilePhone still tells", async () => {
    await start({ site: "international", showPhone: "absent" });
    const bound = await directoryAccount(accounts.bound);
    expect(bound.HasSecureMobilePhone).toBe(true);
    expect(bound).not.toHaveProperty("SecureMobilePhone");
  });

  it("switches mode on the running emulator, call by call", async () => {
    await start({ site: "international" });
    emulator.setShowPhone("absent");
    expect(await directoryAccount(accounts.bound)).not.toHaveProperty("SecureMobilePhone");
    emulator.setShowPhone("full");
    expect((await directoryAccount(accounts.bound)).SecureMobilePhone === intl.bound).toBe(true);
    emulator.setShowPhone("masked");
    expect((await directoryAccount(accounts.bound)).SecureMobilePhone).toBe("1650*****11");
    expect(() => emulator.setShowPhone("partly" as never)).toThrow("showPhone must be one of absent, masked, full");
  });

  it("a member that inherited the management account's phone shows the management account's number", async () => {
    await start({ site: "china", showPhone: "full" });
    await call(clientFor(emulator), "BindSecureMobilePhone", {
      AccountId: accounts.unbound,
      InheritSecureMobilePhoneFrom: "ManagementAccount",
    });
    expect((await directoryAccount(accounts.unbound)).SecureMobilePhone === china.management).toBe(true);
    emulator.setShowPhone("masked");
    // fixturePhones.china.management is 86-13811112222.
    expect((await directoryAccount(accounts.unbound)).SecureMobilePhone).toBe("86138******22");
  });

  it("Resource Manager 2020-03-31 GetAccount and ListAccounts never show it, in any mode", async () => {
    await start({ site: "international", showPhone: "full" });
    const client = clientFor(emulator);
    const plain = await call(client, "GetAccount", { AccountId: accounts.bound, IncludeTags: "true" });
    expect(plain.Account).not.toHaveProperty("SecureMobilePhone");
    expect(plain.Account).not.toHaveProperty("HasSecureMobilePhone");
    const listed = await call(client, "ListAccounts", { PageSize: "100" });
    const members = listed.Accounts.Account as Body[];
    expect(members.length).toBeGreaterThan(1);
    expect(members.some((a) => "SecureMobilePhone" in a || "HasSecureMobilePhone" in a)).toBe(false);
  });
});

describe("shownPhone (the masking rule)", () => {
  it.each([
    ["ten digits", "1-6505550123", "1650*****23"],
    ["eleven digits", "86-13800138000", "86138******00"],
    ["seven digits", "44-7911123", "447****23"],
    ["five digits", "65-81234", "65***34"],
  ])("masks a number of %s deterministically (test names never carry a number)", (_length, phone, masked) => {
    expect(shownPhone(phone, "masked")).toBe(masked);
    expect(shownPhone(phone, "masked")).toBe(shownPhone(phone, "masked"));
    expect(shownPhone(phone, "masked")).toHaveLength(phone.length - 1);
    expect(shownPhone(phone, "absent")).toBeUndefined();
    expect(shownPhone(phone, "full") === phone).toBe(true);
  });
});
