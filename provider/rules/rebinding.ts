/**
 * The no-rebinding rule. Resource Manager sets a member's secure phone once: a second
 * BindSecureMobilePhone fails with AccountSecureMobileAlreadyExists and there is no unbind. A change of
 * the declared number can therefore never be applied; we refuse it as early as `pulumi preview`.
 */

import { DeclaredBinding, MANAGEMENT_ACCOUNT } from "./inputs";
import { maskPhone } from "./phone";

/**
 * Returns the reason to show, or undefined when the change is allowed. Unknown values are allowed: they
 * are judged again when they are known (at `update`).
 */
export function rebindingRefusal(bound: DeclaredBinding, declared: DeclaredBinding): string | undefined {
  if (bound.kind === "none" || bound.kind === "unknown" || declared.kind === "unknown") return undefined;
  if (sameBinding(bound, declared)) return undefined;
  const wayOut =
    bound.kind === "phone"
      ? `keep secureMobilePhone as it was (${maskPhone(bound.phone)}), or add ignoreChanges: ["secureMobilePhone"] to this resource's options`
      : `keep inheritSecureMobilePhoneFrom: "${MANAGEMENT_ACCOUNT}", or add ignoreChanges: ["secureMobilePhone", "inheritSecureMobilePhoneFrom"] to this resource's options`;
  return (
    `the secure mobile phone of this member is already bound and the service cannot change a bound phone ` +
    `(BindSecureMobilePhone sets it once; there is no unbind). Bound: ${describeBinding(bound)}; declared now: ${describeBinding(declared)}. ` +
    `To go on, ${wayOut}.`
  );
}

function sameBinding(a: DeclaredBinding, b: DeclaredBinding): boolean {
  if (a.kind === "phone" && b.kind === "phone") return a.phone === b.phone;
  if (a.kind === "inherit" && b.kind === "inherit") return a.from === b.from;
  return false;
}

/** A binding as messages show it: the masked number, the inheritance, or why there is none. */
export function describeBinding(binding: DeclaredBinding): string {
  switch (binding.kind) {
    case "phone":
      return maskPhone(binding.phone);
    case "inherit":
      return `inherited from ${binding.from}`;
    case "unknown":
      return "not known yet";
    case "none":
      return "no number";
  }
}
