/**
 * Authentication of one request, in the order a POP gateway does it. Nothing of the
 * request is trusted (and no nonce is remembered) before the signature has passed.
 */
import type { AccessKey } from "./directory";
import { invalidParameter, serviceError, signatureDoesNotMatch } from "./errors";
import type { RequestParams } from "./params";
import { computeSignature, constantTimeEqual, stringToSign } from "./signature";

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

/** The caller's key, or throws the gateway's ServiceError. */
export function authenticate(
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

  // The token is how the real gateway finds an STS key's secret, so it is checked first.
  const token = params.get("SecurityToken");
  if (key.securityToken !== undefined) {
    if (token === undefined) throw serviceError("InvalidSecurityToken.Malformed");
    if (!constantTimeEqual(key.securityToken, token)) throw serviceError("InvalidSecurityToken.Mismatch");
    if (key.expiresAt !== undefined && now > key.expiresAt) throw serviceError("InvalidSecurityToken.Expired");
  } else if (token !== undefined) {
    // chosen: a token sent with a long-term key is a client bug (a stale STS session); refuse it.
    throw serviceError("InvalidSecurityToken.Mismatch");
  }

  const toSign = stringToSign(httpMethod, params.toRecord());
  if (!constantTimeEqual(computeSignature(toSign, key.accessKeySecret), signature)) {
    throw signatureDoesNotMatch(toSign);
  }

  if (!nonces.claim(accessKeyId, nonce, requestTime, now)) throw serviceError("SignatureNonceUsed");
  return key;
}
