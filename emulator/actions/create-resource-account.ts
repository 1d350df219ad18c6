/** Resource Manager 2020-03-31 CreateResourceAccount. */
import type { Tag } from "../directory";
import { invalidParameter, serviceError } from "../errors";
import type { RequestParams } from "../params";
import { accountView } from "./account-view";
import type { ActionHandler } from "./types";

/** chosen: 2-37 characters, letters, digits, '.', '-', '_', not starting with a symbol. */
const ACCOUNT_NAME_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]{1,36}$/;

export const createResourceAccount: ActionHandler = (ctx, params) => {
  const { directory } = ctx;
  const displayName = params.required("DisplayName");
  if (displayName.length < 2 || displayName.length > 50) throw invalidParameter("DisplayName");
  const folderId = params.get("ParentFolderId") ?? directory.rootFolderId;
  if (!directory.hasFolder(folderId)) throw serviceError("EntityNotExists.Folder");
  const prefix = params.get("AccountNamePrefix");
  if (prefix !== undefined && !ACCOUNT_NAME_PREFIX.test(prefix)) throw invalidParameter("AccountNamePrefix");
  if (directory.isDisplayNameTaken(displayName)) throw serviceError("EntityAlreadyExists.Account.DisplayName");

  const account = directory.addResourceAccount({
    displayName,
    folderId,
    tags: tagsOf(params),
    ...(prefix === undefined ? {} : { accountNamePrefix: prefix }),
  });
  return { Account: accountView(directory, account, "createResourceAccount") };
};

/** Tag.N.Key / Tag.N.Value pairs, in N order. */
function tagsOf(params: RequestParams): Tag[] {
  return params
    .namesMatching(/^Tag\.\d+\.Key$/)
    .map((name) => Number(name.split(".")[1]))
    .sort((a, b) => a - b)
    .map((n) => ({ Key: params.get(`Tag.${n}.Key`) ?? "", Value: params.get(`Tag.${n}.Value`) ?? "" }));
}
