/**
 * The provider implementation, loaded by the serialized provider at call time
 * (`require("pulumi-alicloud-secure-phone/provider")`), and the client for tools such as the CLI.
 */
import { ResourceManagerClient } from "./client/resourceManager";
import { createDynamicProvider } from "./dynamicProvider";
import { ConfigReader, resolveSettings } from "./settings";

/** One instance per process: the dynamic-provider host configures it once and reuses it. */
export const dynamicProvider = createDynamicProvider();

export { createDynamicProvider } from "./dynamicProvider";
export { BindingLifecycle } from "./lifecycle";
export { ResourceManagerClient };
export { ResourceManagerError } from "./client/errors";
export { resolveSettings } from "./settings";
export { maskPhone, parsePhone } from "./rules/phone";

/** A client with the provider's settings and credentials, from stack config (when given) and the environment. */
export function clientFor(config: ConfigReader = () => undefined, env: NodeJS.ProcessEnv = process.env): ResourceManagerClient {
  return new ResourceManagerClient(resolveSettings(config, env));
}
