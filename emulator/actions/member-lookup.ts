/** The AccountId checks every account operation starts with, in the service's order. */
import { ACCOUNT_ID_PATTERN, type Directory, type MemberAccount } from "../directory";
import { invalidParameter, serviceError } from "../errors";
import type { RequestParams } from "../params";

/** MissingParameter.AccountId (400), then InvalidParameter.AccountId (400) unless 16 digits. */
export function requireAccountId(params: RequestParams): string {
  const accountId = params.required("AccountId");
  if (!ACCOUNT_ID_PATTERN.test(accountId)) throw invalidParameter("AccountId");
  return accountId;
}

/**
 * For operations that act on a member (send code, bind): an account known to live
 * elsewhere is 409 NotSupport.AccountInAnotherResourceDirectory; otherwise an absent
 * one is 404 EntityNotExists.Account.
 */
export function requireMemberToActOn(directory: Directory, accountId: string): MemberAccount {
  if (directory.isForeign(accountId)) throw serviceError("NotSupport.AccountInAnotherResourceDirectory");
  return requireMember(directory, accountId);
}

/** For reads: anything not in this directory is 404 EntityNotExists.Account. */
export function requireMember(directory: Directory, accountId: string): MemberAccount {
  const account = directory.account(accountId);
  if (!account) throw serviceError("EntityNotExists.Account");
  return account;
}
