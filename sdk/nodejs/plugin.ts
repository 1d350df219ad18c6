import * as pulumi from "@pulumi/pulumi";
import { PLUGIN_BINDING_TYPE } from "../../provider/typeTokens";
import { BindingResource, asSecret, type SecureMobilePhoneBindingArgs } from "./secureMobilePhoneBinding";

/**
 * The provider plugin's resource for TypeScript programs: `import { plugin } from
 * "pulumi-alicloud-secure-phone"`. Same arguments and outputs as the dynamic resource (schema.json
 * declares them, a test keeps the two equal), served by `pulumi-resource-alicloud-secure-phone`. Use it to
 * import bindings, to pass settings through an explicit Provider, or to move a stack onto the plugin
 * (aliases: [{ type: SECURE_MOBILE_PHONE_BINDING_TYPE }]).
 */
export const SECURE_MOBILE_PHONE_BINDING_PLUGIN_TYPE = PLUGIN_BINDING_TYPE;

export class SecureMobilePhoneBinding extends BindingResource {
  constructor(name: string, args: SecureMobilePhoneBindingArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      SECURE_MOBILE_PHONE_BINDING_PLUGIN_TYPE,
      name,
      BindingResource.properties(args),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["secureMobilePhone"] }),
    );
  }
}

/** Settings of an explicit provider: the same keys as `alicloud-secure-phone:*` stack config. */
export interface ProviderArgs {
  site?: pulumi.Input<"international" | "china">;
  endpoint?: pulumi.Input<string>;
  directoryEndpoint?: pulumi.Input<string>;
  accessKey?: pulumi.Input<string>;
  secretKey?: pulumi.Input<string>;
  securityToken?: pulumi.Input<string>;
  profile?: pulumi.Input<string>;
  maxRequestsPerSecond?: pulumi.Input<number>;
  adoptExisting?: pulumi.Input<boolean>;
}

export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
    const { accessKey, secretKey, securityToken } = args;
    super("alicloud-secure-phone", name, { ...args, accessKey: asSecret(accessKey), secretKey: asSecret(secretKey), securityToken: asSecret(securityToken) }, opts);
  }
}
