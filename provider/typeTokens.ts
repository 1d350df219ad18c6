/**
 * The type tokens of a SecureMobilePhoneBinding in a Pulumi program: the dynamic resource of the Node SDK,
 * and the resource of the provider plugin (for YAML, Python and Go programs). Tools that look for bindings
 * in a preview or a state (`alicloud-secure-phone up`) look for all of them.
 */
export const DYNAMIC_BINDING_TYPE = "pulumi-nodejs:dynamic/resourcemanager:SecureMobilePhoneBinding";
export const PLUGIN_BINDING_TYPE = "alicloud-secure-phone:resourcemanager:SecureMobilePhoneBinding";
export const BINDING_TYPES: readonly string[] = [DYNAMIC_BINDING_TYPE, PLUGIN_BINDING_TYPE];
