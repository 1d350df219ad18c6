/**
 * The provider plugin's explicit Provider resource for TypeScript programs (`plugin.Provider`): settings
 * passed to the plugin's bindings through `provider:` instead of stack config.
 */
import * as pulumi from "@pulumi/pulumi";
import { asSecret } from "./secureMobilePhoneBinding";

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
    super(
      "alicloud-secure-phone",
      name,
      {
        ...args,
        accessKey: asSecret(accessKey),
        secretKey: asSecret(secretKey),
        securityToken: asSecret(securityToken),
      },
      opts,
    );
  }
}
