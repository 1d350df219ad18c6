/** Resource Manager 2020-03-31 ListAccounts: paged, lists wrapped XML-style (Accounts.Account[], Tags.Tag[]). */
import { invalidParameter } from "../errors";
import type { RequestParams } from "../params";
import { accountView } from "./account-view";
import type { ActionHandler } from "./types";

export const listAccounts: ActionHandler = (ctx, params) => {
  const pageNumber = integerParam(params, "PageNumber", 1, 1, Number.MAX_SAFE_INTEGER);
  const pageSize = integerParam(params, "PageSize", 10, 1, 100);
  const all = ctx.directory.accounts();
  const page = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return {
    PageNumber: pageNumber,
    PageSize: pageSize,
    TotalCount: all.length,
    Accounts: {
      Account: page.map((a) => ({ ...accountView(ctx.directory, a), Tags: { Tag: a.Tags } })),
    },
  };
};

function integerParam(params: RequestParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === undefined) return fallback;
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw invalidParameter(name);
  return value;
}
