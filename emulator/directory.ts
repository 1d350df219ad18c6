/**
 * The state of one resource directory: its management account, members, accounts of
 * other directories, and the access keys allowed to call. Pure data and methods, no
 * HTTP: tests arrange scenarios and assert outcomes through it, the action handlers
 * read and change it.
 */
import { randomInt } from "node:crypto";
import type { Site } from "./site";

export type AccountType = "ResourceAccount" | "CloudAccount";
export type AccountStatus = "CreateSuccess" | "InviteSuccess";
export type JoinMethod = "created" | "invited";

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** Conditions of an account the vendor checks and the emulator cannot derive otherwise. */
export interface AccountFlags {
  /** false → EnterpriseRealNameVerificationError. Default true. */
  realNameVerified?: boolean;
  /** true → Invalid.EnterpriseName. */
  enterpriseNameMissing?: boolean;
  /** true → EntityAlreadyExists.ResourceDirectory (the account has enabled a directory of its own). */
  ownsResourceDirectory?: boolean;
}

export interface MemberAccount {
  AccountId: string;
  AccountName: string;
  DisplayName: string;
  Type: AccountType;
  Status: AccountStatus;
  FolderId: string;
  JoinMethod: JoinMethod;
  JoinTime: string;
  ModifyTime: string;
  ResourceDirectoryPath: string;
  Tags: Tag[];
  secureMobilePhone?: string;
  phoneInherited?: boolean;
  flags: AccountFlags;
}

/** What a scenario gives to add a member; everything but the display name has a default. */
export interface NewAccount {
  displayName: string;
  accountId?: string;
  folderId?: string;
  accountNamePrefix?: string;
  tags?: Tag[];
  secureMobilePhone?: string;
  flags?: AccountFlags;
}

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** The account the key belongs to (a RAM user or role in it). */
  accountId: string;
  /** STS keys (AccessKeyId starting with "STS.") must come with exactly this token. */
  securityToken?: string;
  /** STS keys: ms epoch after which the token is refused with InvalidSecurityToken.Expired. */
  expiresAt?: number;
}

export interface DirectoryInit {
  site: Site;
  resourceDirectoryId: string;
  rootFolderId: string;
  masterAccountId: string;
  masterAccountName: string;
  managementPhone: string;
  clock: () => number;
}

export const ACCOUNT_ID_PATTERN = /^\d{16}$/;

export class Directory {
  readonly site: Site;
  readonly resourceDirectoryId: string;
  readonly rootFolderId: string;
  readonly masterAccountId: string;
  readonly masterAccountName: string;
  readonly createTime: string;
  private readonly clock: () => number;
  private readonly members = new Map<string, MemberAccount>();
  private readonly foreignAccounts = new Set<string>();
  private readonly keys = new Map<string, AccessKey>();

  constructor(init: DirectoryInit) {
    this.site = init.site;
    this.resourceDirectoryId = init.resourceDirectoryId;
    this.rootFolderId = init.rootFolderId;
    this.masterAccountId = init.masterAccountId;
    this.masterAccountName = init.masterAccountName;
    this.clock = init.clock;
    this.createTime = this.now();
    // The management account is itself a member (a CloudAccount), as ListAccounts shows it.
    this.insert({
      accountId: init.masterAccountId,
      displayName: init.masterAccountName,
      type: "CloudAccount",
      status: "CreateSuccess",
      joinMethod: "created",
      accountName: init.masterAccountName,
      secureMobilePhone: init.managementPhone,
    });
  }

  /** The management account's own secure phone: what `InheritSecureMobilePhoneFrom=ManagementAccount` copies. */
  get managementPhone(): string {
    return this.members.get(this.masterAccountId)?.secureMobilePhone ?? "";
  }

  // --- arranging scenarios ---

  addResourceAccount(spec: NewAccount): MemberAccount {
    const prefix = spec.accountNamePrefix ?? `member-${randomInt(1e6, 1e7)}`;
    return this.insert({
      ...spec,
      type: "ResourceAccount",
      status: "CreateSuccess",
      joinMethod: "created",
      accountName: `${prefix}@${this.resourceDirectoryId}.aliyunid.com`,
    });
  }

  /** An ordinary Alibaba Cloud account invited into the directory: never bindable. */
  addCloudAccount(spec: NewAccount): MemberAccount {
    return this.insert({
      ...spec,
      type: "CloudAccount",
      status: "InviteSuccess",
      joinMethod: "invited",
      accountName: `${spec.accountNamePrefix ?? spec.displayName}@aliyun.com`,
    });
  }

  /** The member was deleted out of band (console, another tool). */
  removeAccount(accountId: string): void {
    this.mustFind(accountId);
    if (accountId === this.masterAccountId) throw new Error("cannot remove the management account");
    this.members.delete(accountId);
  }

  /** A phone bound out of band (console, another tool). */
  setPhoneOutOfBand(accountId: string, phone: string): void {
    this.bindSecureMobilePhone(accountId, phone, false);
  }

  /** An account that exists but not in this directory (a standalone account or another directory's member). */
  registerForeignAccount(accountId: string): void {
    if (this.members.has(accountId)) throw new Error(`${accountId} is a member of this directory`);
    this.foreignAccounts.add(accountId);
  }

  setFlags(accountId: string, flags: AccountFlags): void {
    const account = this.mustFind(accountId);
    account.flags = { ...account.flags, ...flags };
  }

  registerKey(key: AccessKey): void {
    this.keys.set(key.accessKeyId, { ...key });
  }

  // --- asserting outcomes (copies, so a test cannot change state by accident) ---

  account(accountId: string): MemberAccount | undefined {
    const found = this.members.get(accountId);
    return found ? structuredClone(found) : undefined;
  }

  phoneOf(accountId: string): string | undefined {
    return this.members.get(accountId)?.secureMobilePhone;
  }

  accounts(): MemberAccount[] {
    return [...this.members.values()].map((a) => structuredClone(a));
  }

  // --- used by the action handlers ---

  key(accessKeyId: string): AccessKey | undefined {
    return this.keys.get(accessKeyId);
  }

  isForeign(accountId: string): boolean {
    return this.foreignAccounts.has(accountId);
  }

  hasFolder(folderId: string): boolean {
    return folderId === this.rootFolderId;
  }

  isDisplayNameTaken(displayName: string): boolean {
    return [...this.members.values()].some((a) => a.DisplayName === displayName);
  }

  bindSecureMobilePhone(accountId: string, phone: string, inherited: boolean): void {
    const account = this.mustFind(accountId);
    account.secureMobilePhone = phone;
    account.phoneInherited = inherited;
    account.ModifyTime = this.now();
  }

  private insert(
    spec: NewAccount & { type: AccountType; status: AccountStatus; joinMethod: JoinMethod; accountName: string },
  ): MemberAccount {
    const accountId = spec.accountId ?? this.newAccountId();
    if (!ACCOUNT_ID_PATTERN.test(accountId)) throw new Error(`account id must be 16 digits: ${accountId}`);
    if (this.members.has(accountId) || this.foreignAccounts.has(accountId)) {
      throw new Error(`account ${accountId} already exists`);
    }
    const folderId = spec.folderId ?? this.rootFolderId;
    const now = this.now();
    const account: MemberAccount = {
      AccountId: accountId,
      AccountName: spec.accountName,
      DisplayName: spec.displayName,
      Type: spec.type,
      Status: spec.status,
      FolderId: folderId,
      JoinMethod: spec.joinMethod,
      JoinTime: now,
      ModifyTime: now,
      ResourceDirectoryPath: `${this.resourceDirectoryId}/${this.rootFolderId}/${accountId}`,
      Tags: [...(spec.tags ?? [])],
      ...(spec.secureMobilePhone === undefined
        ? {}
        : { secureMobilePhone: spec.secureMobilePhone, phoneInherited: false }),
      flags: { ...spec.flags },
    };
    this.members.set(accountId, account);
    return structuredClone(account);
  }

  private mustFind(accountId: string): MemberAccount {
    const account = this.members.get(accountId);
    if (!account) throw new Error(`no member ${accountId} in ${this.resourceDirectoryId}`);
    return account;
  }

  private newAccountId(): string {
    for (;;) {
      const id = `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, "0")}${String(randomInt(0, 1e6)).padStart(6, "0")}`;
      if (!this.members.has(id) && !this.foreignAccounts.has(id)) return id;
    }
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }
}
