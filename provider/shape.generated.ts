/**
 * The resource's shape and the provider's settings as schema.json declares them (see contract.ts).
 * Generated from schema.json by `npm run generate:contract` (scripts/renderContract.ts): do not edit;
 * test/contract.test.ts fails when it differs from the schema.
 */

/** The provider's name, and the namespace of its stack config. */
export const PACKAGE_NAME = "alicloud-secure-phone";
/** The binding's type token as the provider plugin serves it. */
export const PLUGIN_BINDING_TYPE = "alicloud-secure-phone:resourcemanager:SecureMobilePhoneBinding";
/** The same resource as the Node SDK's dynamic resource (pulumi-nodejs:dynamic/<module>:<name>). */
export const DYNAMIC_BINDING_TYPE = "pulumi-nodejs:dynamic/resourcemanager:SecureMobilePhoneBinding";

/** The binding's inputs, in the schema's order. */
// prettier-ignore
export const BINDING_INPUTS = ["accountId", "secureMobilePhone", "verificationCode", "inheritSecureMobilePhoneFrom", "adoptExisting"] as const;
export const BINDING_REQUIRED_INPUTS = ["accountId"] as const;
export const BINDING_SECRET_INPUTS = ["secureMobilePhone", "verificationCode"] as const;
/** The binding's outputs, in the schema's order. */
// prettier-ignore
export const BINDING_OUTPUTS = ["accountId", "secureMobilePhone", "maskedSecureMobilePhone", "inheritSecureMobilePhoneFrom", "boundSecureMobilePhone", "requestId", "adopted"] as const;
export const BINDING_REQUIRED_OUTPUTS = ["accountId", "adopted"] as const;
export const BINDING_SECRET_OUTPUTS = ["secureMobilePhone", "boundSecureMobilePhone"] as const;

/** Every setting under `alicloud-secure-phone:`: the plugin's config and an explicit provider's arguments. */
// prettier-ignore
export const PROVIDER_CONFIG_KEYS = ["site", "endpoint", "directoryEndpoint", "accessKey", "secretKey", "securityToken", "profile", "maxRequestsPerSecond", "adoptExisting"] as const;
export const SECRET_PROVIDER_CONFIG_KEYS = ["accessKey", "secretKey", "securityToken"] as const;
export type ProviderConfigKey = (typeof PROVIDER_CONFIG_KEYS)[number];
/** The environment variable of each setting that has one (its description says `Environment: NAME.`). */
export const SETTING_ENVIRONMENT = {
  site: "ALICLOUD_SECURE_PHONE_SITE",
  endpoint: "ALICLOUD_SECURE_PHONE_ENDPOINT",
  directoryEndpoint: "ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT",
  maxRequestsPerSecond: "ALICLOUD_SECURE_PHONE_MAX_REQUESTS_PER_SECOND",
  adoptExisting: "ALICLOUD_SECURE_PHONE_ADOPT_EXISTING",
} as const satisfies Partial<Record<ProviderConfigKey, string>>;

/** The binding's inputs as a provider is handed them: any value, until rules/check.ts has judged it. */
export interface BindingInputFields {
  accountId?: unknown;
  secureMobilePhone?: unknown;
  verificationCode?: unknown;
  inheritSecureMobilePhoneFrom?: unknown;
  adoptExisting?: unknown;
}

/** The binding's inputs once judged (rules/check.ts parses them into this, with UNKNOWN for unknowns). */
export interface BindingInputValues {
  accountId: string;
  secureMobilePhone?: string;
  verificationCode?: string;
  inheritSecureMobilePhoneFrom?: string;
  adoptExisting?: boolean;
}

/** The binding's outputs, secrets unwrapped (documented in sdk/nodejs/shape.generated.ts). */
export interface BindingOutputFields {
  accountId: string;
  secureMobilePhone?: string;
  maskedSecureMobilePhone?: string;
  inheritSecureMobilePhoneFrom?: string;
  boundSecureMobilePhone?: string;
  requestId?: string;
  adopted: boolean;
}
