/**
 * The public shape of an account, as GetAccount / ListAccounts / CreateResourceAccount answer it: each answer
 * carries the fields its official SDK model names (the Node and Python models of both versions), no others.
 */
import type { Directory, MemberAccount } from "../directory";

type AccountField =
  | "AccountId"
  | "AccountName"
  | "DisplayName"
  | "Type"
  | "Status"
  | "FolderId"
  | "ResourceDirectoryId"
  | "ResourceDirectoryPath"
  | "JoinMethod"
  | "JoinTime"
  | "ModifyTime"
  | "Location";

/** Which fields each answer's model has, by where the account appears. */
const FIELDS = {
  getAccount: [
    "AccountId",
    "AccountName",
    "DisplayName",
    "Type",
    "Status",
    "FolderId",
    "ResourceDirectoryId",
    "ResourceDirectoryPath",
    "JoinMethod",
    "JoinTime",
    "ModifyTime",
    "Location",
  ],
  // 2020-03-31's model has no AccountName in ListAccounts; 2022-04-19's has.
  listAccounts2020: [
    "AccountId",
    "DisplayName",
    "Type",
    "Status",
    "FolderId",
    "ResourceDirectoryId",
    "ResourceDirectoryPath",
    "JoinMethod",
    "JoinTime",
    "ModifyTime",
  ],
  listAccounts2022: [
    "AccountId",
    "AccountName",
    "DisplayName",
    "Type",
    "Status",
    "FolderId",
    "ResourceDirectoryId",
    "ResourceDirectoryPath",
    "JoinMethod",
    "JoinTime",
    "ModifyTime",
  ],
  createResourceAccount: [
    "AccountId",
    "AccountName",
    "DisplayName",
    "Type",
    "Status",
    "FolderId",
    "ResourceDirectoryId",
    "JoinMethod",
    "JoinTime",
    "ModifyTime",
  ],
} as const satisfies Record<string, readonly AccountField[]>;

export type AccountAnswer = keyof typeof FIELDS;

/** The account as `answer` shows it. Internal state (phone, flags) never leaves the emulator this way. */
export function accountView(
  directory: Directory,
  account: MemberAccount,
  answer: AccountAnswer,
): Record<string, unknown> {
  const all: Record<AccountField, string> = {
    AccountId: account.AccountId,
    AccountName: account.AccountName,
    DisplayName: account.DisplayName,
    Type: account.Type,
    Status: account.Status,
    FolderId: account.FolderId,
    ResourceDirectoryId: directory.resourceDirectoryId,
    ResourceDirectoryPath: account.ResourceDirectoryPath,
    JoinMethod: account.JoinMethod,
    JoinTime: account.JoinTime,
    ModifyTime: account.ModifyTime,
    Location: "root",
  };
  return Object.fromEntries(FIELDS[answer].map((field) => [field, all[field]]));
}
