/**
 * The seeded resource directory and credentials every test and `npm run emulator`
 * start from. All values are fake; secrets live here only, so that nothing needs to
 * print them.
 */
import { Directory, type AccessKey } from "./directory";
import type { Site } from "./site";

export const fixtureDirectory = {
  resourceDirectoryId: "rd-k3Emu9",
  rootFolderId: "r-Emu7Qx",
  masterAccountName: "landing-zone-admin@example.com",
} as const;

/** Account ids (16 digits) and what each one is for. */
export const fixtureAccounts = {
  /** The management account (MasterAccountId); a CloudAccount member with its own secure phone. */
  management: "1510000000000001",
  /** ResourceAccount with no phone: the happy path. */
  unbound: "1510000000000101",
  /** ResourceAccount that already has a phone → AccountSecureMobileAlreadyExists. */
  bound: "1510000000000102",
  /** Invited CloudAccount → AccountTypeMismatch. */
  invited: "1510000000000103",
  /** ResourceAccount failing enterprise real-name verification → EnterpriseRealNameVerificationError. */
  notRealNameVerified: "1510000000000104",
  /** ResourceAccount without an enterprise name → Invalid.EnterpriseName. */
  noEnterpriseName: "1510000000000105",
  /** ResourceAccount that has enabled a directory of its own → EntityAlreadyExists.ResourceDirectory. */
  ownsDirectory: "1510000000000106",
  /** An account of another resource directory → NotSupport.AccountInAnotherResourceDirectory. */
  foreign: "1520000000000201",
  /** Well-formed but exists nowhere → EntityNotExists.Account. */
  unknown: "1599999999999999",
} as const;

/** What each fixture member is for, as a standalone emulator's member table says it. */
export const fixtureRoles: Readonly<Record<string, string>> = {
  [fixtureAccounts.unbound]: "bindable",
  [fixtureAccounts.bound]: "bound already",
  [fixtureAccounts.invited]: "invited: cannot be bound",
  [fixtureAccounts.notRealNameVerified]: "fails real-name verification",
  [fixtureAccounts.noEnterpriseName]: "no enterprise name",
  [fixtureAccounts.ownsDirectory]: "has a directory of its own",
};

/** Access keys registered in the seeded directory. */
export const fixtureKeys = {
  /** Long-term key of a RAM user in the management account. */
  management: {
    accessKeyId: "LTAI5tEmuManagement00001",
    accessKeySecret: "emuManagementSecretNotReal0001",
    accountId: fixtureAccounts.management,
  },
  /** STS key of a RAM role in the management account; must come with its token. */
  managementSts: {
    accessKeyId: "STS.NTEmuManagementRole0001",
    accessKeySecret: "emuStsSecretNotReal0001",
    securityToken: "CAISemuSecurityTokenNotReal0001",
    accountId: fixtureAccounts.management,
  },
  /** STS key of a RAM role in the management account whose token expired → InvalidSecurityToken.Expired. */
  expiredSts: {
    accessKeyId: "STS.NTEmuExpiredRole00001",
    accessKeySecret: "emuExpiredStsSecretNotReal0001",
    securityToken: "CAISemuExpiredTokenNotReal0001",
    accountId: fixtureAccounts.management,
    expiresAt: Date.UTC(2026, 0, 1),
  },
  /** Long-term key of a member account (not the management account) → CallerIdentityError. */
  member: {
    accessKeyId: "LTAI5tEmuMember000000001",
    accessKeySecret: "emuMemberSecretNotReal0001",
    accountId: fixtureAccounts.unbound,
  },
} as const satisfies Record<string, AccessKey>;

/** Phone numbers per site: `valid` passes the site rule, `otherSite` fails it. */
export const fixturePhones: Record<Site, { management: string; bound: string; valid: string; otherSite: string }> = {
  china: { management: "86-13811112222", bound: "86-13700001111", valid: "86-13900001234", otherSite: "1-6505550123" },
  international: {
    management: "1-6505550177",
    bound: "1-6505550111",
    valid: "1-6505550123",
    otherSite: "86-13900001234",
  },
};

export function seedDirectory(site: Site, clock: () => number): Directory {
  const phones = fixturePhones[site];
  const directory = new Directory({
    site,
    ...fixtureDirectory,
    masterAccountId: fixtureAccounts.management,
    managementPhone: phones.management,
    clock,
  });
  const a = fixtureAccounts;
  directory.addResourceAccount({
    accountId: a.unbound,
    displayName: "workload-prod",
    accountNamePrefix: "workload-prod",
  });
  directory.addResourceAccount({ accountId: a.bound, displayName: "log-archive", secureMobilePhone: phones.bound });
  directory.addCloudAccount({ accountId: a.invited, displayName: "legacy-invited" });
  directory.addResourceAccount({
    accountId: a.notRealNameVerified,
    displayName: "unverified",
    flags: { realNameVerified: false },
  });
  directory.addResourceAccount({
    accountId: a.noEnterpriseName,
    displayName: "no-enterprise",
    flags: { enterpriseNameMissing: true },
  });
  directory.addResourceAccount({
    accountId: a.ownsDirectory,
    displayName: "own-directory",
    flags: { ownsResourceDirectory: true },
  });
  directory.registerForeignAccount(a.foreign);
  for (const key of Object.values(fixtureKeys)) directory.registerKey(key);
  return directory;
}
