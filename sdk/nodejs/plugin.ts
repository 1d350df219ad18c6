/**
 * The `plugin` namespace of the package (`import { plugin } from "pulumi-alicloud-secure-phone"`): the
 * provider plugin's resource and its explicit Provider (type alicloud-secure-phone:resourcemanager:...).
 */
export { SecureMobilePhoneBinding } from "./pluginBinding";
export { Provider, type ProviderArgs } from "./pluginProvider";
export { PLUGIN_BINDING_TYPE as SECURE_MOBILE_PHONE_BINDING_PLUGIN_TYPE } from "../../provider/contract";
