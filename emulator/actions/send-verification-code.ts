/** Resource Manager 2020-03-31 SendVerificationCodeForBindSecureMobilePhone. */
import { invalidParameter, serviceError } from "../errors";
import { siteAcceptsPhone } from "../site";
import { requireAccountId, requireMemberToActOn } from "./member-lookup";
import type { ActionHandler } from "./types";

export const sendVerificationCodeForBindSecureMobilePhone: ActionHandler = (ctx, params) => {
  const accountId = requireAccountId(params);
  const phone = params.required("SecureMobilePhone");
  const account = requireMemberToActOn(ctx.directory, accountId);
  if (account.flags.ownsResourceDirectory) throw serviceError("EntityAlreadyExists.ResourceDirectory");
  // One code serves both a malformed number and one the site does not take (e.g. 86- abroad).
  if (!siteAcceptsPhone(ctx.directory.site, phone)) throw invalidParameter("MobileCountryCode");
  if (ctx.codes.sendsOnUtcDay(accountId, ctx.now) >= ctx.sendLimitPerAccount) {
    throw serviceError("SendValidateCodeExceedsLimitForAccount");
  }
  const { expiresAt } = ctx.codes.issue(accountId, phone, ctx.now, ctx.codeTtlMs);
  return { ExpirationDate: new Date(expiresAt).toISOString() };
};
