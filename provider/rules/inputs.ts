/**
 * The shape of a SecureMobilePhoneBinding as the dynamic-provider host hands it to us: plain values,
 * secrets already unwrapped, unknown values (computed during preview) as a sentinel string.
 */

/** The only value `InheritSecureMobilePhoneFrom` takes. */
export const MANAGEMENT_ACCOUNT = "ManagementAccount";

/** What Pulumi passes for a value that is not known yet (e.g. an account id from an account created in the same run). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The serialized provider rides along in every resource's inputs and outputs. */
export const PROVIDER_KEY = "__provider";

export type Site = "international" | "china";
export const SITES: readonly Site[] = ["international", "china"];

export interface BindingInputs {
  accountId?: unknown;
  secureMobilePhone?: unknown;
  verificationCode?: unknown;
  inheritSecureMobilePhoneFrom?: unknown;
  /** Take a member whose phone was bound outside this stack into state, once the service confirms it. */
  adoptExisting?: unknown;
  [PROVIDER_KEY]?: unknown;
}

export interface BindingOutputs {
  accountId: string;
  secureMobilePhone?: string;
  maskedSecureMobilePhone?: string;
  inheritSecureMobilePhoneFrom?: string;
  /**
   * The bound number as ResourceDirectoryMaster GetAccount shows it (in full or masked, the service's choice),
   * recorded by create, refresh and import when the service shows one. A secret. diff compares it with the
   * declared number (rules/shownPhone.ts).
   */
  boundSecureMobilePhone?: string;
  /** RequestId of the BindSecureMobilePhone call; absent when the binding was adopted. */
  requestId?: string;
  /**
   * True when this stack made no bind call: the member already had the phone, and it was taken in because
   * the service shows the declared number, or by adoptExisting (or the switch), or by import.
   */
  adopted: boolean;
  [PROVIDER_KEY]?: unknown;
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Present and known: a value we can judge. Unknown values never fail a check. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** Which binding the inputs declare: a concrete phone, inheritance, or nothing. */
export type DeclaredBinding =
  { kind: "phone"; phone: string } | { kind: "inherit"; from: string } | { kind: "unknown" } | { kind: "none" };

export function declaredBinding(inputs: BindingInputs): DeclaredBinding {
  const { secureMobilePhone: phone, inheritSecureMobilePhoneFrom: from } = inputs;
  if (isUnknown(phone) || isUnknown(from)) return { kind: "unknown" };
  if (isSet(phone) && typeof phone === "string") return { kind: "phone", phone };
  if (isSet(from) && typeof from === "string") return { kind: "inherit", from };
  return { kind: "none" };
}

/**
 * Digits given as a number are taken as their digits when that is exact. Pulumi hands a YAML program
 * every stack config value that reads as a canonical integer (no leading zero) as a number, `--type
 * string` and `--secret` alike; so a safe integer is exactly the text that was set (an account ID, or a
 * code: one with a leading zero stays text). Anything else is left for check to judge.
 */
export function normalizeDigits(value: unknown): unknown {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
}

/** The inputs with accountId and verificationCode as text where they came as exact numbers. */
export function normalizeInputs<T extends BindingInputs>(inputs: T): T {
  const normalized = { ...inputs };
  for (const name of ["accountId", "verificationCode"] as const) {
    if (name in normalized) normalized[name] = normalizeDigits(normalized[name]);
  }
  return normalized;
}
