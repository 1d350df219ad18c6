/**
 * Alibaba Cloud signature V3 (ACS3-HMAC-SHA256), as the vendor's "V3 request structure and signature" page
 * describes it and @alicloud/openapi-core computes it: the canonical request, its string to sign and the
 * Authorization header. Pure functions: no I/O, no clock. The emulator verifies with them; its tests sign
 * hand-made requests with them.
 */
import { createHash, createHmac } from "node:crypto";

export const V3_ALGORITHM = "ACS3-HMAC-SHA256";

/** hex(SHA-256) of a payload: the `x-acs-content-sha256` header and the canonical request's last line. */
export function sha256Hex(payload: string | Buffer): string {
  return createHash("sha256").update(payload).digest("hex");
}

/** RFC 3986: encodeURIComponent with `! ' ( ) *` escaped too, as the SDK's `encode`. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The query part of the canonical request: `key=value` sorted by key, joined by `&`. The vendor's page encodes
 * keys and values; the SDK encodes values only. For this API's parameter names (letters, digits, dots) the two
 * agree, and the verifier tries both where they differ.
 */
export function canonicalQueryV3(query: ReadonlyArray<readonly [string, string]>, encodeKeys = true): string {
  return [...query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${encodeKeys ? rfc3986(key) : key}=${rfc3986(value)}`)
    .join("&");
}

export type HeaderValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** `name:trimmed value\n` for each signed header (lowercase names, sorted); a header given twice is joined by `,`. */
export function canonicalHeadersV3(headers: HeaderValues, signedHeaders: readonly string[]): string {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return [...signedHeaders]
    .sort()
    .map((name) => {
      const value = lower.get(name);
      const values = value === undefined ? [] : typeof value === "string" ? [value] : [...value];
      return `${name}:${values
        .map((v) => v.trim())
        .sort()
        .join(",")}\n`;
    })
    .join("");
}

export interface CanonicalRequestParts {
  method: string;
  /** `/` for RPC. */
  path: string;
  query: ReadonlyArray<readonly [string, string]>;
  headers: HeaderValues;
  /** Lowercase names, as the Authorization header lists them. */
  signedHeaders: readonly string[];
  /** hex SHA-256 of the body. */
  hashedPayload: string;
  encodeQueryKeys?: boolean;
}

export function canonicalRequestV3(parts: CanonicalRequestParts): string {
  const signed = [...parts.signedHeaders].sort();
  return [
    parts.method.toUpperCase(),
    parts.path,
    canonicalQueryV3(parts.query, parts.encodeQueryKeys ?? true),
    canonicalHeadersV3(parts.headers, signed),
    signed.join(";"),
    parts.hashedPayload,
  ].join("\n");
}

/** `ACS3-HMAC-SHA256\n` + hex(SHA-256(canonical request)). */
export function stringToSignV3(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** hex(HMAC-SHA256(secret, string to sign)); unlike V1, no `&` is appended to the secret. */
export function computeSignatureV3(toSign: string, accessKeySecret: string): string {
  return createHmac("sha256", accessKeySecret).update(toSign, "utf8").digest("hex");
}

export interface Authorization {
  algorithm: string;
  credential: string;
  signedHeaders: string[];
  signature: string;
}

/**
 * `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`, or undefined when it does not have
 * that shape (any algorithm is parsed, so the caller can say which one it refuses).
 */
export function parseAuthorization(header: string): Authorization | undefined {
  const match = /^\s*(\S+)\s+(.*)$/.exec(header);
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const part of match[2].split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaders || !signature) return undefined;
  return {
    algorithm: match[1],
    credential,
    signedHeaders: signedHeaders.split(";").map((name) => name.trim().toLowerCase()),
    signature,
  };
}

/** The Authorization header a client sends for these parts: what the official SDK computes. */
export function authorizationHeaderV3(parts: CanonicalRequestParts, accessKeyId: string, secret: string): string {
  const signature = computeSignatureV3(stringToSignV3(canonicalRequestV3(parts)), secret);
  const signed = [...parts.signedHeaders].sort().join(";");
  return `${V3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signed},Signature=${signature}`;
}
