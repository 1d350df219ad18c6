/** GetAccount in both products: Resource Manager 2020-03-31 and ResourceDirectoryMaster 2022-04-19. */
import type { Directory, MemberAccount } from "../directory";
import { shownPhone } from "../phone-display";
import { accountView } from "./account-view";
import { requireAccountId, requireMember } from "./member-lookup";
import type { ActionHandler } from "./types";

/** Resource Manager 2020-03-31: no phone information at all; Tags only with IncludeTags=true. */
export const getAccount: ActionHandler = (ctx, params) => {
  const account = requireMember(ctx.directory, requireAccountId(params));
  const includeTags = params.get("IncludeTags") === "true";
  return {
    Account: { ...accountView(ctx.directory, account, "getAccount"), ...(includeTags ? { Tags: account.Tags } : {}) },
  };
};

/**
 * ResourceDirectoryMaster 2022-04-19: the only read that tells whether a member has a secure phone, and
 * (undocumented, per the show-phone setting) which one: `SecureMobilePhone` only on a member that has one.
 */
export const getAccountWithPhoneStatus: ActionHandler = (ctx, params) => {
  const account = requireMember(ctx.directory, requireAccountId(params));
  const bound = boundNumber(ctx.directory, account);
  const shown = bound === undefined ? undefined : shownPhone(bound, ctx.showPhone);
  return {
    Account: {
      ...accountView(ctx.directory, account, "getAccount"),
      Tags: account.Tags,
      HasSecureMobilePhone: bound !== undefined,
      ...(shown === undefined ? {} : { SecureMobilePhone: shown }),
    },
  };
};

/**
 * The number a member's phone reaches. A member that inherited the management account's phone shows the
 * management account's number: the emulator's assumption, since the real service does not document it.
 */
function boundNumber(directory: Directory, account: MemberAccount): string | undefined {
  if (account.secureMobilePhone === undefined) return undefined;
  return account.phoneInherited ? directory.managementPhone : account.secureMobilePhone;
}
