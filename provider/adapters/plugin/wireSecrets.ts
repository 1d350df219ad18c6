/**
 * Secret values on the provider-plugin wire. The engine sends a secret as an object carrying Pulumi's
 * signature key (the plugin accepts secrets), and reads one back the same way. The lifecycle works on
 * plain values; these two functions are the whole of the translation, at the top level of a property
 * bag (the binding has no nested properties). The signature is @pulumi/pulumi's, through the helpers and
 * constants `pulumi.runtime` exports for it, imported from the module `pulumi.runtime` re-exports them from
 * (runtime/rpc, as @pulumi/policy imports it): the SDK's index loads 777 modules (npm's arborist, sigstore,
 * TypeScript) where this one loads 186, which made every start of the plugin 0.6 s slower (measured).
 */
import * as runtime from "@pulumi/pulumi/runtime/rpc";

/** A property bag as the plugin protocol carries it (the binding has no nested properties). */
export type PropertyBag = Record<string, unknown>;

/** Plain values, and the names of the properties that arrived secret. */
export function unwrapSecrets(bag: PropertyBag | undefined): { values: PropertyBag; secretNames: Set<string> } {
  const values: PropertyBag = {};
  const secretNames = new Set<string>();
  for (const [name, value] of Object.entries(bag ?? {})) {
    if (runtime.isRpcSecret(value)) secretNames.add(name);
    values[name] = runtime.unwrapRpcSecret(value);
  }
  return { values, secretNames };
}

/** The bag with the named properties (those present) marked secret. */
export function wrapSecrets(bag: PropertyBag, secretNames: Iterable<string>): PropertyBag {
  const wrapped: PropertyBag = { ...bag };
  for (const name of secretNames) {
    if (wrapped[name] !== undefined && !runtime.isRpcSecret(wrapped[name])) {
      wrapped[name] = { [runtime.specialSigKey]: runtime.specialSecretSig, value: wrapped[name] };
    }
  }
  return wrapped;
}
