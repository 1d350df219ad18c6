/**
 * A plugin gets its settings from Configure, not from the program's stack config: this reads them through the same
 * ConfigReader the dynamic resource gets.
 */

import { CONFIG_NAMESPACE, ConfigReader } from "../../settings";
import { parseUrn } from "../../urn";
import { unwrapSecrets } from "./wireSecrets";

/**
 * The provider's settings as Configure hands them to a plugin: `args` (the provider resource's inputs,
 * typed by the schema, secrets wrapped: stack config `alicloud-secure-phone:*` for the default provider,
 * the arguments of an explicit one) and, from older engines, `variables` (`<ns>:config:<key>` strings).
 * Read through the same ConfigReader the dynamic resource gets, under `alicloud-secure-phone:<key>`. For an
 * `explicit` provider the arguments are its own, not stack config, and the reader says so, so that a bad one is
 * named as the argument it is.
 */
export function configReaderFrom(
  args: Record<string, unknown> | undefined,
  variables: ReadonlyMap<string, string>,
  explicit = false,
): ConfigReader {
  const { values } = unwrapSecrets(args);
  const prefix = `${CONFIG_NAMESPACE}:`;
  const argument = (key: string) => {
    const value = key.startsWith(prefix) ? values[key.slice(prefix.length)] : undefined;
    return value !== undefined && value !== null && value !== "" ? value : undefined;
  };
  const variable = (key: string) =>
    variables.get(`${CONFIG_NAMESPACE}:config:${key.slice(prefix.length)}`) ?? variables.get(key);
  const reader: ConfigReader = (key) => {
    if (!key.startsWith(prefix)) return undefined; // a plugin never receives other namespaces
    const value = argument(key);
    if (value !== undefined) return typeof value === "string" ? value : JSON.stringify(value);
    return variable(key);
  };
  // An explicit provider's setting is an argument unless an older engine's variables gave it: a missing one (the
  // other half of a key pair) is named as the argument that would give it.
  reader.isArgument = (key) => explicit && (argument(key) !== undefined || variable(key) === undefined);
  return reader;
}

/**
 * Whether a provider the engine configures is an explicit provider resource of the program, from its name (the
 * request's, else its URN's): the engine names a default provider `default` or `default_<version>`. An engine that
 * sends neither is taken to configure the default provider, from stack config.
 */
export function isExplicitProvider(name: string | undefined, urn: string | undefined): boolean {
  const providerName = name || (urn ? parseUrn(urn).name : "");
  return providerName !== "" && !/^default(_|$)/.test(providerName);
}
