/** The public shape of an account, as GetAccount / ListAccounts / CreateResourceAccount answer it. */
import type { Directory, MemberAccount } from "../directory";

/** Fields common to every answer. Internal state (phone, flags) never leaves the emulator this way. */
export function accountView(directory: Directory, account: MemberAccount): Record<string, unknown> {
  return {
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
}
