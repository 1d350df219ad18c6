/**
 * One request as the service reads it, whichever client sent it: pop-core and the SDKs' `v2` mode put the
 * action and version in the query or form (signature V1); the current SDKs put them in `x-acs-action` and
 * `x-acs-version` headers and sign with ACS3-HMAC-SHA256 (V3). Parameters come from the query and the form
 * body; the answer is JSON or XML, by `Format` or else by `Accept`.
 */
import type { IncomingHttpHeaders } from "node:http";
import { invalidParameter } from "./errors";
import { RequestParams } from "./params";

export type Signing = "v1" | "v3";
export type AnswerFormat = "JSON" | "XML";

export interface IncomingCall {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The URL's query, as sent (V3 signs it). */
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
  /** Query and form body merged (V1 signs them). */
  readonly params: RequestParams;
  readonly signing: Signing;
  /** "" when absent. */
  readonly action: string;
  readonly version: string;
}

export function readCall(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: Buffer): IncomingCall {
  const url = new URL(rawUrl, "http://emulator.invalid");
  const isForm = (headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
  const params = RequestParams.parse(url.search, method === "POST" && isForm ? body.toString("utf8") : "");
  const signing = signingOf(headers, params);
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  // V3 names the API in headers; a V1 request names it in its signed parameters (the SDKs' v2 mode sends both).
  const action = signing === "v3" ? header("x-acs-action") : (params.get("Action") ?? header("x-acs-action"));
  const version = signing === "v3" ? header("x-acs-version") : (params.get("Version") ?? header("x-acs-version"));
  return {
    method,
    path: url.pathname,
    headers,
    query: [...url.searchParams.entries()],
    body,
    params,
    signing,
    action: action ?? "",
    version: version ?? "",
  };
}

/**
 * V3 when the request carries an Authorization header, or names its API in headers and carries no V1
 * signature (an unsigned V3 request, refused as such); V1 otherwise.
 */
function signingOf(headers: IncomingHttpHeaders, params: RequestParams): Signing {
  if (headers.authorization !== undefined) return "v3";
  if (headers["x-acs-action"] !== undefined && params.get("Signature") === undefined) return "v3";
  return "v1";
}

/** `Format` (JSON or XML, any case) wins; else an Accept that asks for XML; else JSON. */
export function answerFormat(call: IncomingCall): AnswerFormat {
  const format = call.params.get("Format");
  if (format !== undefined) {
    const upper = format.toUpperCase();
    if (upper === "JSON" || upper === "XML") return upper;
    throw invalidParameter("Format");
  }
  const accept = (call.headers.accept ?? "").toLowerCase();
  return /\bxml\b/.test(accept) && !/\bjson\b/.test(accept) ? "XML" : "JSON";
}
