/**
 * Resource Manager 2020-03-31 BindSecureMobilePhone. Checks run in the order a real
 * service would: parameters, the account, its state, the site, then the code. The
 * "already bound" check precedes the code check, which is why a retried bind whose
 * first answer was lost comes back as AccountSecureMobileAlreadyExists.
 */
import { invalidParameter, missingParameter, serviceError } from "../errors";
import { isWellFormedPhone, siteAcceptsPhone, siteAllowsInheritance } from "../site";
import { requireAccountId, requireMemberToActOn } from "./member-lookup";
import type { ActionHandler } from "./types";

const INHERIT_FROM_MANAGEMENT = "ManagementAccount";

export const bindSecureMobilePhone: ActionHandler = (ctx, params) => {
  const { directory } = ctx;
  const accountId = requireAccountId(params);
  const account = requireMemberToActOn(directory, accountId);

  if (account.flags.ownsResourceDirectory) throw serviceError("EntityAlreadyExists.ResourceDirectory");
  if (account.flags.realNameVerified === false) throw serviceError("EnterpriseRealNameVerificationError");
  if (account.flags.enterpriseNameMissing) throw serviceError("Invalid.EnterpriseName");
  if (account.Type !== "ResourceAccount" || account.Status !== "CreateSuccess")
    throw serviceError("AccountTypeMismatch");
  if (account.secureMobilePhone !== undefined) throw serviceError("AccountSecureMobileAlreadyExists");

  const inheritFrom = params.get("InheritSecureMobilePhoneFrom");
  if (inheritFrom !== undefined) {
    // chosen: any other value is 400 InvalidParameter.InheritSecureMobilePhoneFrom.
    if (inheritFrom !== INHERIT_FROM_MANAGEMENT) throw invalidParameter("InheritSecureMobilePhoneFrom");
    if (!siteAllowsInheritance(directory.site)) throw serviceError("NotSupport.Site.Action");
    // SecureMobilePhone "does not take effect" and no code is needed.
    directory.bindSecureMobilePhone(accountId, directory.managementPhone, true);
    return {};
  }

  const phone = params.get("SecureMobilePhone");
  if (phone === undefined) throw missingParameter("SecureMobilePhone");
  // chosen: a malformed number is 400 InvalidParameter.SecureMobilePhone (the seed is silent).
  if (!isWellFormedPhone(phone)) throw invalidParameter("SecureMobilePhone");
  if (!siteAcceptsPhone(directory.site, phone)) throw serviceError("NotSupport.Site.Action");

  // chosen: a missing code is the same 409 as a wrong one (the parameter is optional
  // only because inheritance needs none).
  const code = params.get("VerificationCode");
  if (code === undefined || !ctx.codes.redeem(accountId, phone, code, ctx.now)) {
    throw serviceError("Invalid.VerificationCode");
  }
  directory.bindSecureMobilePhone(accountId, phone, false);
  return {};
};
