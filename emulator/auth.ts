/**
 * Authentication of one request, in the order a POP gateway does it, for both signatures the service takes:
 * V1 (HMAC-SHA1 over the parameters, pop-core and the SDKs' `v2` mode) and V3 (ACS3-HMAC-SHA256 over the
 * canonical request, the current SDKs' default). Nothing of the request is trusted (and no nonce is
 * remembered) before the signature has passed.
 */
import type { AccessKey } from "./directory";
import { invalidParameter, serviceError, signatureDoesNotMatch } from "./errors";
import type { RequestParams } from "./params";
import type { IncomingCall } from "./request";
import { computeSignature, constantTimeEqual, stringToSign } from "./signature";
import {
  V3_ALGORITHM,
  canonicalRequestV3,
  computeSignatureV3,
  parseAuthorization,
  sha256Hex,
  stringToSignV3,
} from "./signature-v3";

/** How far a request's Timestamp may be from the service clock, either way. */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;

const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

export interface KeyStore {
  key(accessKeyId: string): AccessKey | undefined;
}

/**
 * Nonces seen within the timestamp window. A nonce only needs remembering while a
 * request carrying it could still pass the timestamp check, so entries are dropped
 * once their Timestamp has left the window.
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  /** False if the nonce was already used by this key; otherwise remembers it. */
  claim(accessKeyId: string, nonce: string, requestTime: number, now: number): boolean {
    for (const [entry, time] of this.seen) {
      if (time + TIMESTAMP_WINDOW_MS < now) this.seen.delete(entry);
    }
    const entry = `${accessKeyId}\u0000${nonce}`;
    if (this.seen.has(entry)) return false;
    this.seen.set(entry, requestTime);
    return true;
  }
}

/** Parses `YYYY-MM-DDThh:mm:ssZ` strictly (no milliseconds, no offsets, real calendar dates). */
export function parseTimestamp(value: string): number | undefined {
  const m = TIMESTAMP_PATTERN.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  const roundTrips =
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day &&
    d.getUTCHours() === hour &&
    d.getUTCMinutes() === minute &&
    d.getUTCSeconds() === second;
  return roundTrips ? ms : undefined;
}

/** The caller's key, or throws the gateway's ServiceError; the signature the request carries decides how. */
export function authenticate(call: IncomingCall, keys: KeyStore, nonces: NonceCache, now: number): AccessKey {
  return call.signing === "v3"
    ? authenticateV3(call, keys, nonces, now)
    : authenticateV1(call.method, call.params, keys, nonces, now);
}

/** The V1 (RPC, HMAC-SHA1) check: every common parameter in the query or form. */
export function authenticateV1(
  httpMethod: string,
  params: RequestParams,
  keys: KeyStore,
  nonces: NonceCache,
  now: number,
): AccessKey {
  const accessKeyId = params.required("AccessKeyId");
  const signature = params.required("Signature");
  const signatureMethod = params.required("SignatureMethod");
  const signatureVersion = params.required("SignatureVersion");
  const nonce = params.required("SignatureNonce");
  const timestamp = params.required("Timestamp");

  if (signatureMethod !== "HMAC-SHA1") throw invalidParameter("SignatureMethod");
  if (signatureVersion !== "1.0") throw invalidParameter("SignatureVersion");

  const requestTime = parseTimestamp(timestamp);
  if (requestTime === undefined) throw serviceError("InvalidTimeStamp.Format");
  if (Math.abs(requestTime - now) > TIMESTAMP_WINDOW_MS) throw serviceError("InvalidTimeStamp.Expired");

  const key = keys.key(accessKeyId);
  if (!key) throw serviceError("InvalidAccessKeyId.NotFound");

  checkSecurityToken(key, params.get("SecurityToken"), now);

  const toSign = stringToSign(httpMethod, params.toRecord());
  if (!constantTimeEqual(computeSignature(toSign, key.accessKeySecret), signature)) {
    throw signatureDoesNotMatch(toSign);
  }

  if (!nonces.claim(accessKeyId, nonce, requestTime, now)) throw serviceError("SignatureNonceUsed");
  return key;
}

/** The headers every V3 request carries and signs (besides `content-type` and any other `x-acs-*` it sends). */
const V3_REQUIRED_HEADERS = [
  "host",
  "x-acs-action",
  "x-acs-version",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-content-sha256",
] as const;

/**
 * The V3 check: the Authorization header, the signed headers, the date within the window, the key (and its
 * STS token in `x-acs-security-token`), the signature over the canonical request with the body's real hash,
 * then the nonce.
 */
export function authenticateV3(call: IncomingCall, keys: KeyStore, nonces: NonceCache, now: number): AccessKey {
  const header = (name: string): string | undefined => {
    const value = call.headers[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  // chosen: no Authorization, one not of the documented shape, another algorithm, or a common header present
  // but left out of SignedHeaders are all IncompleteSignature, the gateway's "does not conform" answer.
  const authorization = header("authorization");
  if (authorization === undefined) throw serviceError("IncompleteSignature");
  const parsed = parseAuthorization(authorization);
  if (!parsed || parsed.algorithm !== V3_ALGORITHM) throw serviceError("IncompleteSignature");
  const signed = new Set(parsed.signedHeaders);
  for (const name of V3_REQUIRED_HEADERS) {
    if (header(name) === undefined || !signed.has(name)) throw serviceError("IncompleteSignature");
  }
  for (const name of Object.keys(call.headers)) {
    if ((name.startsWith("x-acs-") || name === "content-type") && !signed.has(name)) {
      throw serviceError("IncompleteSignature");
    }
  }
  for (const name of signed) if (call.headers[name] === undefined) throw serviceError("IncompleteSignature");

  const requestTime = parseTimestamp(header("x-acs-date") ?? "");
  if (requestTime === undefined) throw serviceError("InvalidTimeStamp.Format");
  if (Math.abs(requestTime - now) > TIMESTAMP_WINDOW_MS) throw serviceError("InvalidTimeStamp.Expired");

  const key = keys.key(parsed.credential);
  if (!key) throw serviceError("InvalidAccessKeyId.NotFound");
  checkSecurityToken(key, header("x-acs-security-token"), now);

  // The payload line is the hash of the body received, so a body changed on the way (or an
  // x-acs-content-sha256 that does not describe it) fails as a signature mismatch.
  const parts = {
    method: call.method,
    path: call.path,
    query: call.query,
    headers: call.headers,
    signedHeaders: parsed.signedHeaders,
    hashedPayload: sha256Hex(call.body),
  };
  const toSign = stringToSignV3(canonicalRequestV3(parts));
  const matches = (candidate: string): boolean =>
    constantTimeEqual(computeSignatureV3(candidate, key.accessKeySecret), parsed.signature.toLowerCase());
  // The vendor's page encodes query keys, the SDK does not: either is taken.
  if (!matches(toSign) && !matches(stringToSignV3(canonicalRequestV3({ ...parts, encodeQueryKeys: false })))) {
    throw signatureDoesNotMatch(toSign);
  }

  if (!nonces.claim(key.accessKeyId, header("x-acs-signature-nonce") ?? "", requestTime, now)) {
    throw serviceError("SignatureNonceUsed");
  }
  return key;
}

/** The STS token check both signatures share: the token is how the real gateway finds an STS key's secret. */
function checkSecurityToken(key: AccessKey, token: string | undefined, now: number): void {
  if (key.securityToken !== undefined) {
    if (token === undefined) throw serviceError("InvalidSecurityToken.Malformed");
    if (!constantTimeEqual(key.securityToken, token)) throw serviceError("InvalidSecurityToken.Mismatch");
    if (key.expiresAt !== undefined && now > key.expiresAt) throw serviceError("InvalidSecurityToken.Expired");
  } else if (token !== undefined) {
    // chosen: a token sent with a long-term key is a client bug (a stale STS session); refuse it.
    throw serviceError("InvalidSecurityToken.Mismatch");
  }
}
