/**
 * A plugin gets its settings from Configure, not from the program's stack config: this reads them through the same
 * ConfigReader the dynamic resource gets.
 */

import { CONFIG_NAMESPACE, ConfigReader } from "../../settings";
import { unwrapSecrets } from "./wireSecrets";

/**
 * The provider's settings as Configure hands them to a plugin: `args` (the provider resource's inputs,
 * typed by the schema, secrets wrapped: stack config `alicloud-secure-phone:*` for the default provider,
 * the arguments of an explicit one) and, from older engines, `variables` (`<ns>:config:<key>` strings).
 * Read through the same ConfigReader the dynamic resource gets, under `alicloud-secure-phone:<key>`.
 */
export function configReaderFrom(
  args: Record<string, unknown> | undefined,
  variables: ReadonlyMap<string, string>,
): ConfigReader {
  const { values } = unwrapSecrets(args);
  const prefix = `${CONFIG_NAMESPACE}:`;
  return (key) => {
    if (!key.startsWith(prefix)) return undefined; // a plugin never receives other namespaces
    const name = key.slice(prefix.length);
    const value = values[name];
    if (value !== undefined && value !== null && value !== "")
      return typeof value === "string" ? value : JSON.stringify(value);
    return variables.get(`${CONFIG_NAMESPACE}:config:${name}`) ?? variables.get(key);
  };
}
