/**
 * The provider plugin's explicit Provider resource for TypeScript programs (`plugin.Provider`): settings
 * passed to the plugin's bindings through `provider:` instead of stack config.
 */
import * as pulumi from "@pulumi/pulumi";
import { PACKAGE_NAME, SECRET_PROVIDER_CONFIG_KEYS } from "../../provider/contract";
import { asSecret } from "./secureMobilePhoneBinding";
import type { ProviderArgs } from "./shape.generated";

/** Settings of an explicit provider, as schema.json declares them (shape.generated.ts). */
export type { ProviderArgs };

export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
    const props: pulumi.Inputs = { ...args };
    // The keys schema.json marks secret travel as secrets, whatever the program passed.
    for (const key of SECRET_PROVIDER_CONFIG_KEYS) props[key] = asSecret(args[key]);
    super(PACKAGE_NAME, name, props, opts);
  }
}
