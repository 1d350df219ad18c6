import * as pulumi from "@pulumi/pulumi";
import type { SecureMobilePhoneBindingArgs } from "./secureMobilePhoneBinding";

/**
 * The provider plugin's resource for TypeScript programs: `import { plugin } from
 * "pulumi-alicloud-secure-phone"`. Same arguments and outputs as the dynamic resource (schema.json
 * declares them, a test keeps the two equal), served by `pulumi-resource-alicloud-secure-phone`. Use it to
 * import bindings, to pass settings through an explicit Provider, or to move a stack onto the plugin
 * (aliases: [{ type: SECURE_MOBILE_PHONE_BINDING_TYPE }]).
 */
export const SECURE_MOBILE_PHONE_BINDING_PLUGIN_TYPE = "alicloud-secure-phone:resourcemanager:SecureMobilePhoneBinding";

export class SecureMobilePhoneBinding extends pulumi.CustomResource {
  declare readonly accountId: pulumi.Output<string>;
  /** Secret; absent for an imported binding (the service does not reveal a bound number). */
  declare readonly secureMobilePhone: pulumi.Output<string | undefined>;
  declare readonly maskedSecureMobilePhone: pulumi.Output<string | undefined>;
  declare readonly inheritSecureMobilePhoneFrom: pulumi.Output<string | undefined>;
  declare readonly requestId: pulumi.Output<string | undefined>;
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: SecureMobilePhoneBindingArgs, opts?: pulumi.CustomResourceOptions) {
    const props: pulumi.Inputs = {
      accountId: args.accountId,
      secureMobilePhone: args.secureMobilePhone === undefined ? undefined : pulumi.secret(args.secureMobilePhone),
      verificationCode: args.verificationCode === undefined ? undefined : pulumi.secret(args.verificationCode),
      inheritSecureMobilePhoneFrom: args.inheritSecureMobilePhoneFrom,
      adoptExisting: args.adoptExisting,
      maskedSecureMobilePhone: undefined,
      requestId: undefined,
      adopted: undefined,
    };
    super(SECURE_MOBILE_PHONE_BINDING_PLUGIN_TYPE, name, props, pulumi.mergeOptions(opts, { additionalSecretOutputs: ["secureMobilePhone"] }));
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
    const secret = (value: pulumi.Input<string> | undefined) => (value === undefined ? undefined : pulumi.secret(value));
    super(
      "alicloud-secure-phone",
      name,
      { ...args, accessKey: secret(args.accessKey), secretKey: secret(args.secretKey), securityToken: secret(args.securityToken) },
      opts,
    );
  }
}
