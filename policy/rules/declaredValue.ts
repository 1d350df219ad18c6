/**
 * How a policy reads a binding's secret inputs. @pulumi/policy 1.21 hands a validation the secret values
 * unwrapped (plain strings), a remediation the same values wrapped in its `Secret` class ({ value }), and
 * an older or other SDK may pass the wire form ({ <sig key>: <secret sig>, value }). Every form is read
 * the same way here, so that a rule never mistakes a secret for "not declared", and never prints it.
 */
import { runtime } from "@pulumi/pulumi";

/** The plain value of a property: a string, or undefined when it is absent or not text. */
export function plainText(value: unknown): string | undefined {
  let current = value;
  // A secret of a secret does not happen on the wire, but a wrapped wire form might: unwrap a few levels.
  for (let depth = 0; depth < 3 && typeof current === "object" && current !== null; depth++) {
    const record = current as Record<string, unknown>;
    if (
      runtime.isRpcSecret(record) || // the wire form, by Pulumi's own signature
      (Object.keys(record).length === 1 && "value" in record) ||
      isSecretClass(record)
    ) {
      current = record.value;
    } else {
      return undefined;
    }
  }
  if (typeof current === "number") return String(current);
  return typeof current === "string" ? current : undefined;
}

/** @pulumi/policy's Secret class: an object whose constructor is named Secret, holding `value`. */
function isSecretClass(record: Record<string, unknown>): boolean {
  return "value" in record && (record as object).constructor?.name === "Secret";
}
