/**
 * The provider plugin's resource for TypeScript programs: `import { plugin } from
 * "pulumi-alicloud-secure-phone"`. Same arguments and outputs as the dynamic resource (schema.json
 * declares them, a test keeps the two equal), served by `pulumi-resource-alicloud-secure-phone`. Use it to
 * import bindings, to pass settings through an explicit Provider, or to move a stack onto the plugin
 * (aliases: [{ type: SECURE_MOBILE_PHONE_BINDING_TYPE }]).
 */
import * as pulumi from "@pulumi/pulumi";
import { PLUGIN_BINDING_TYPE } from "../../provider/contract";
import { BindingResource, type SecureMobilePhoneBindingArgs } from "./secureMobilePhoneBinding";

export class SecureMobilePhoneBinding extends BindingResource {
  constructor(name: string, args: SecureMobilePhoneBindingArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      PLUGIN_BINDING_TYPE,
      name,
      BindingResource.properties(args),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: BindingResource.secretOutputs(false) }),
    );
  }
}
