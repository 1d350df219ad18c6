/**
 * The type tokens of a SecureMobilePhoneBinding in a Pulumi program: the dynamic resource of the Node SDK,
 * and the resource of the provider plugin (for YAML, Python and Go programs), both from the contract
 * (schema.json). Tools that look for bindings in a preview or a state (`alicloud-secure-phone up`) look for
 * all of them.
 */
import { DYNAMIC_BINDING_TYPE, PLUGIN_BINDING_TYPE } from "./contract";

export { DYNAMIC_BINDING_TYPE, PLUGIN_BINDING_TYPE };
export const BINDING_TYPES: readonly string[] = [DYNAMIC_BINDING_TYPE, PLUGIN_BINDING_TYPE];
