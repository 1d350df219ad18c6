/**
 * The provider implementation, loaded by the serialized provider at call time
 * (`require("pulumi-alicloud-secure-phone/provider")`), and the client for tools such as the CLI.
 */
import { createDynamicProvider } from "./dynamicProvider";

/** One instance per process: the dynamic-provider host configures it once and reuses it. */
export const dynamicProvider = createDynamicProvider();

export { createDynamicProvider } from "./dynamicProvider";
export { BindingLifecycle } from "./lifecycle";
export { ResourceManagerClient } from "./client/resourceManager";
export { ResourceManagerError } from "./client/errors";
export { resolveSettings } from "./settings";
export { maskPhone, parsePhone } from "./rules/phone";
