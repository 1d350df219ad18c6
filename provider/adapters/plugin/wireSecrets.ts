/**
 * Secret values on the provider-plugin wire. The engine sends a secret as an object carrying Pulumi's
 * signature key (the plugin accepts secrets), and reads one back the same way. The lifecycle works on
 * plain values; these two functions are the whole of the translation, at the top level of a property
 * bag (the binding has no nested properties).
 */
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d"; // @pulumi/pulumi runtime/rpc specialSigKey
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270"; // runtime/rpc specialSecretSig

/** A property bag as the plugin protocol carries it (the binding has no nested properties). */
export type PropertyBag = Record<string, unknown>;

function isSecretValue(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as PropertyBag)[SIGNATURE_KEY] === SECRET_SIGNATURE;
}

/** Plain values, and the names of the properties that arrived secret. */
export function unwrapSecrets(bag: PropertyBag | undefined): { values: PropertyBag; secretNames: Set<string> } {
  const values: PropertyBag = {};
  const secretNames = new Set<string>();
  for (const [name, value] of Object.entries(bag ?? {})) {
    if (isSecretValue(value)) {
      secretNames.add(name);
      values[name] = value.value;
    } else {
      values[name] = value;
    }
  }
  return { values, secretNames };
}

/** The bag with the named properties (those present) marked secret. */
export function wrapSecrets(bag: PropertyBag, secretNames: Iterable<string>): PropertyBag {
  const wrapped: PropertyBag = { ...bag };
  for (const name of secretNames) {
    if (wrapped[name] !== undefined && !isSecretValue(wrapped[name])) {
      wrapped[name] = { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: wrapped[name] };
    }
  }
  return wrapped;
}
