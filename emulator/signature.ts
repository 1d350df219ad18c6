/**
 * Alibaba Cloud RPC signature, version 1 (HMAC-SHA1), as @alicloud/pop-core computes it.
 * Pure functions: no I/O, no clock.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type SignableParams = Readonly<Record<string, string>>;

/**
 * RFC 3986 percent-encoding of UTF-8: only A-Z a-z 0-9 - _ . ~ stay literal, hex is
 * uppercase, space is %20. encodeURIComponent already does all that except that it
 * leaves ! ' ( ) * literal, which the signature scheme encodes.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Byte order of the UTF-8 names, as the reference specifies (same as code-unit order for ASCII). */
function byUtf8Bytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Every parameter but `Signature`, sorted by name, encoded, joined as k=v&k=v. */
export function canonicalQuery(params: SignableParams): string {
  return Object.keys(params)
    .filter((name) => name !== "Signature")
    .sort(byUtf8Bytes)
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? "")}`)
    .join("&");
}

/** `METHOD&%2F&encode(canonical query)`. */
export function stringToSign(method: string, params: SignableParams): string {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

/** base64(HMAC-SHA1(key = secret + "&", stringToSign)). */
export function computeSignature(toSign: string, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(toSign, "utf8").digest("base64");
}

/** Signature of a whole request: what a client puts in the `Signature` parameter. */
export function signRequest(method: string, params: SignableParams, accessKeySecret: string): string {
  return computeSignature(stringToSign(method, params), accessKeySecret);
}

/**
 * Constant-time comparison of secrets (signatures, tokens, codes), so response timing does not reveal how
 * much of a forged value was right.
 */
export function constantTimeEqual(expected: string, presented: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(presented, "utf8");
  if (a.length !== b.length) {
    timingSafeEqual(a, a); // spend comparable time either way
    return false;
  }
  return timingSafeEqual(a, b);
}
