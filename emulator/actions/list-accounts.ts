/**
 * ListAccounts in both versions: paged (`PageNumber`, `PageSize` up to 100), lists wrapped XML-style
 * (Accounts.Account[], Tags.Tag[]). ResourceDirectoryMaster 2022-04-19 also takes `QueryKeyword` (a fuzzy match
 * on the display name, account name or ID) and token paging (`MaxResults` up to 100, `NextToken`); Resource
 * Manager 2020-03-31 has none of those three and ignores them, as the service ignores parameters an API lacks.
 */
import type { MemberAccount } from "../directory";
import { invalidParameter } from "../errors";
import type { RequestParams } from "../params";
import { accountView, type AccountAnswer } from "./account-view";
import type { ActionHandler } from "./types";

const MAX_PAGE = 100;

export function listAccountsHandler(version: "2020-03-31" | "2022-04-19"): ActionHandler {
  const withTokens = version === "2022-04-19";
  const view: AccountAnswer = withTokens ? "listAccounts2022" : "listAccounts2020";
  return (ctx, params) => {
    const keyword = withTokens ? params.get("QueryKeyword")?.toLowerCase() : undefined;
    const all = ctx.directory
      .accounts()
      .filter((a) => keyword === undefined || matches(a, keyword))
      .map((a) => ({ ...accountView(ctx.directory, a, view), Tags: { Tag: a.Tags } }));

    const maxResults = withTokens ? params.get("MaxResults") : undefined;
    const nextToken = withTokens ? params.get("NextToken") : undefined;
    if (maxResults !== undefined || nextToken !== undefined) {
      // Token paging: the token is where the next page starts (chosen: opaque base64url of the offset).
      const size = integerParam(params, "MaxResults", 10, 1, MAX_PAGE);
      const start = nextToken === undefined ? 0 : offsetOf(nextToken, all.length);
      const end = start + size;
      return {
        TotalCount: all.length,
        ...(end < all.length ? { NextToken: tokenFor(end) } : {}),
        Accounts: { Account: all.slice(start, end) },
      };
    }

    const pageNumber = integerParam(params, "PageNumber", 1, 1, Number.MAX_SAFE_INTEGER);
    const pageSize = integerParam(params, "PageSize", 10, 1, MAX_PAGE);
    return {
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: all.length,
      Accounts: { Account: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize) },
    };
  };
}

function matches(account: MemberAccount, keyword: string): boolean {
  return [account.DisplayName, account.AccountName, account.AccountId].some((field) =>
    field.toLowerCase().includes(keyword),
  );
}

function tokenFor(offset: number): string {
  return Buffer.from(`accounts:${offset}`, "utf8").toString("base64url");
}

function offsetOf(token: string, total: number): number {
  const match = /^accounts:(\d{1,9})$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  const offset = match ? Number(match[1]) : NaN;
  if (!(offset > 0 && offset <= total)) throw invalidParameter("NextToken");
  return offset;
}

function integerParam(params: RequestParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === undefined) return fallback;
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw invalidParameter(name);
  return value;
}
