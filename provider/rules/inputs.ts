/**
 * The shape of a SecureMobilePhoneBinding as the dynamic-provider host hands it to us: plain values,
 * secrets already unwrapped, unknown values (computed during preview) as a sentinel string.
 */

import { BindingInputFields, BindingInputValues, BindingOutputFields, PROVIDER_KEY } from "../contract";

export { MANAGEMENT_ACCOUNT, PROVIDER_KEY, SITES, type Site } from "../contract";

/** What Pulumi passes for a value that is not known yet (e.g. an account id from an account created in the same run). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export type Unknown = typeof UNKNOWN;

/**
 * The inputs as a provider is handed them (schema.json's input properties, any value), and the serialized
 * provider a dynamic binding carries beside them.
 */
export interface BindingInputs extends BindingInputFields {
  [PROVIDER_KEY]?: unknown;
}

/**
 * The inputs parsed (rules/check.ts: parseBinding, once check has judged them; bindingOf for inputs judged
 * before): text where the schema says string, a boolean where it says boolean, or UNKNOWN during a preview.
 */
export type Binding = { [Name in keyof BindingInputValues]: BindingInputValues[Name] | Unknown };

/** The outputs (schema.json's properties), and the serialized provider of a dynamic binding. */
export interface BindingOutputs extends BindingOutputFields {
  [PROVIDER_KEY]?: unknown;
}

export function isUnknown(value: unknown): value is Unknown {
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

/**
 * The typed view of inputs that check has judged already (those the engine hands diff and update): each
 * value of the type the schema gives it, or unknown, or absent; a set value of another type (which check
 * refuses) reads as absent. Inputs not judged yet go through parseBinding (rules/check.ts) instead.
 */
export function bindingOf(inputs: BindingInputs): Binding {
  const given = normalizeInputs(inputs);
  const { adoptExisting } = given;
  return {
    accountId: text(given.accountId) ?? "",
    secureMobilePhone: text(given.secureMobilePhone),
    verificationCode: text(given.verificationCode),
    inheritSecureMobilePhoneFrom: text(given.inheritSecureMobilePhoneFrom),
    adoptExisting: typeof adoptExisting === "boolean" || isUnknown(adoptExisting) ? adoptExisting : undefined,
  };
}

/** Set text (the unknown sentinel included), else undefined. */
function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
