/** GetAccount in both products: Resource Manager 2020-03-31 and ResourceDirectoryMaster 2022-04-19. */
import { accountView } from "./account-view";
import { requireAccountId, requireMember } from "./member-lookup";
import type { ActionHandler } from "./types";

/** Resource Manager 2020-03-31: no phone information at all; Tags only with IncludeTags=true. */
export const getAccount: ActionHandler = (ctx, params) => {
  const account = requireMember(ctx.directory, requireAccountId(params));
  const includeTags = params.get("IncludeTags") === "true";
  return { Account: { ...accountView(ctx.directory, account), ...(includeTags ? { Tags: account.Tags } : {}) } };
};

/** ResourceDirectoryMaster 2022-04-19: the only read that tells whether a member has a secure phone. */
export const getAccountWithPhoneStatus: ActionHandler = (ctx, params) => {
  const account = requireMember(ctx.directory, requireAccountId(params));
  return {
    Account: {
      ...accountView(ctx.directory, account),
      Tags: account.Tags,
      HasSecureMobilePhone: account.secureMobilePhone !== undefined,
    },
  };
};
