/**
 * The package's `./provider` entry (package.json `exports`): what the dynamic loader that every binding
 * stores in state loads at call time (`require("pulumi-alicloud-secure-phone/provider").dynamicProvider`,
 * sdk/nodejs/dynamicLoader.ts), so its name and that export must stay; and the client for tools such as
 * the CLI.
 */
import { ResourceManagerClient } from "./client/resourceManager";
import { createDynamicProvider } from "./adapters/dynamic";
import { ConfigReader, resolveSettings } from "./settings";

/** One instance per process: the dynamic-provider host configures it once and reuses it. */
export const dynamicProvider = createDynamicProvider();

export { createDynamicProvider } from "./adapters/dynamic";
export { BindingLifecycle } from "./lifecycle";
export { ResourceManagerClient };
export { ResourceManagerError } from "./client/errors";
export { resolveSettings } from "./settings";
export { maskPhone, parsePhone } from "./rules/phone";

/** A client with the provider's settings and credentials, from stack config (when given) and the environment. */
export function clientFor(
  config: ConfigReader = () => undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResourceManagerClient {
  return new ResourceManagerClient(resolveSettings(config, env));
}
