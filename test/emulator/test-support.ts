/**
 * Helpers shared by the emulator's tests: a real @alicloud/pop-core client pointed at
 * the emulator, and failure capture that keeps only code and status, so that an
 * assertion message can never carry a phone number, code or secret from pop-core's
 * error message (which embeds the URL) or the echoed string to sign.
 */
import { randomBytes } from "node:crypto";
import RPCClient from "@alicloud/pop-core";
import {
  RESOURCE_MANAGER_VERSION,
  type RunningEmulator,
  fixtureKeys,
  percentEncode,
  signRequest,
  authorizationHeaderV3,
  rfc3986,
  sha256Hex,
} from "../../emulator/internal";

export interface ClientKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export function clientFor(
  emulator: RunningEmulator,
  key: ClientKey = fixtureKeys.management,
  apiVersion: string = RESOURCE_MANAGER_VERSION,
): RPCClient {
  return new RPCClient({
    endpoint: emulator.url,
    apiVersion,
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    ...(key.securityToken === undefined ? {} : { securityToken: key.securityToken }),
  });
}

// Answers are checked field by field in tests; `any` keeps those reads short.
export type Body = Record<string, any>;

/** POST by default: with GET pop-core puts every parameter in the URL. */
export function call(
  client: RPCClient,
  action: string,
  params: Record<string, string> = {},
  options: { method?: "GET" | "POST"; timeout?: number | undefined } = {},
): Promise<Body> {
  return client.request<Body>(action, params, { method: options.method ?? "POST", ...options });
}

export interface Failure {
  /** The API code, a Node error code (ECONNRESET), or the error name (SyntaxError, RequestTimeoutError). */
  code: string | undefined;
  httpStatus: number | undefined;
  /** Only for tests that check the echoed string to sign without printing it. */
  readonly message: string;
}

/** The failure of `promise`, reduced to code and status; {code: "NO_ERROR"} if it succeeded. */
export async function failureOf(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    const e = error as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      entry?: { response?: { statusCode?: number } };
    };
    const failure = {
      code: typeof e.code === "string" ? e.code : typeof e.name === "string" ? e.name : undefined,
      httpStatus: e.entry?.response?.statusCode,
    } as Failure;
    // Not enumerable: vitest diffs show enumerable fields only.
    Object.defineProperty(failure, "message", { value: String(e.message ?? ""), enumerable: false });
    return failure;
  }
  return { code: "NO_ERROR", httpStatus: undefined, message: "" };
}

/** Sends the code and reads it back the only way there is (tests only). */
export async function sendCode(
  emulator: RunningEmulator,
  client: RPCClient,
  accountId: string,
  phone: string,
): Promise<string> {
  await call(client, "SendVerificationCodeForBindSecureMobilePhone", {
    AccountId: accountId,
    SecureMobilePhone: phone,
  });
  const code = emulator.codes.latest(accountId, phone);
  if (code === undefined) throw new Error("no code recorded");
  return code;
}

/** A signed request built by hand, as pop-core would build it, for replay and malformed-input tests. */
export function signedForm(
  params: Record<string, string>,
  key: ClientKey = fixtureKeys.management,
  method: "GET" | "POST" = "POST",
): string {
  const all: Record<string, string> = {
    Format: "JSON",
    Version: RESOURCE_MANAGER_VERSION,
    AccessKeyId: key.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: `nonce-${Math.random().toString(36).slice(2)}`,
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...params,
  };
  const signature = signRequest(method, all, key.accessKeySecret);
  return Object.entries({ ...all, Signature: signature })
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
}

export async function postForm(
  emulator: RunningEmulator,
  form: string,
): Promise<{ status: number; headers: Headers; body: Body }> {
  const response = await fetch(`${emulator.url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
}

export interface V3RequestOptions {
  action: string;
  version?: string;
  query?: Record<string, string>;
  /** A form body (then content-type is signed too). */
  form?: Record<string, string>;
  key?: ClientKey;
  /** Default: now. */
  date?: string;
  nonce?: string;
  accept?: string;
  /** Changes made after signing, to break one part of the request. */
  afterSigning?: (request: { url: URL; headers: Record<string, string>; body: string }) => void;
  /** Headers to leave out of SignedHeaders (they are still sent). */
  unsigned?: string[];
}

/** A request signed with ACS3-HMAC-SHA256 by hand, as @alicloud/openapi-core signs one, for the bad-signature cases. */
export async function fetchV3(
  emulator: RunningEmulator,
  options: V3RequestOptions,
): Promise<{ status: number; headers: Headers; text: string }> {
  const key: ClientKey = options.key ?? fixtureKeys.management;
  const url = new URL(`${emulator.url}/`);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  const body = options.form
    ? Object.entries(options.form)
        .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
        .join("&")
    : "";
  const headers: Record<string, string> = {
    host: url.host,
    "x-acs-action": options.action,
    "x-acs-version": options.version ?? RESOURCE_MANAGER_VERSION,
    "x-acs-date": options.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": options.nonce ?? randomBytes(16).toString("hex"),
    "x-acs-content-sha256": sha256Hex(body),
    accept: options.accept ?? "application/json",
    ...(options.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    ...(key.securityToken ? { "x-acs-security-token": key.securityToken } : {}),
  };
  const signedHeaders = Object.keys(headers).filter(
    (name) =>
      (name === "host" || name === "content-type" || name.startsWith("x-acs-")) &&
      !(options.unsigned ?? []).includes(name),
  );
  headers.authorization = authorizationHeaderV3(
    {
      method: "POST",
      path: "/",
      query: [...url.searchParams.entries()],
      headers,
      signedHeaders,
      hashedPayload: sha256Hex(body),
    },
    key.accessKeyId,
    key.accessKeySecret,
  );
  const request = { url, headers, body };
  options.afterSigning?.(request);
  const { host: _host, ...sent } = request.headers; // fetch sets Host from the URL
  const response = await fetch(request.url, {
    method: "POST",
    headers: sent,
    ...(request.body ? { body: request.body } : {}),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
