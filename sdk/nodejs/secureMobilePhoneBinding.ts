/**
 * The SecureMobilePhoneBinding resource for Node.js programs, a dynamic resource, and the inputs and outputs both
 * binding classes share.
 */

import * as pulumi from "@pulumi/pulumi";
import { URN_INPUT } from "../../provider/adapters/dynamicUrns";
import { DYNAMIC_BINDING_TYPE } from "../../provider/typeTokens";
import { PROVIDER_TEXT } from "./dynamicLoader";

export interface SecureMobilePhoneBindingArgs {
  /** The Alibaba Cloud account ID of the member (type ResourceAccount), as a string of digits. */
  accountId: pulumi.Input<string>;
  /**
   * The number to bind, `<country code>-<number>` (e.g. `1-6505550100`). Stored as a secret. Once bound it
   * can never change: a different value fails at preview. Set this or `inheritSecureMobilePhoneFrom`.
   */
  secureMobilePhone?: pulumi.Input<string>;
  /**
   * The SMS code from `alicloud-secure-phone send-code` for this account and number. Write-only: used by
   * the bind, stored only as a secret input, never an output; changing it later is no change. Leave it out
   * and run `npx alicloud-secure-phone up` instead of `pulumi up`: it asks for the code and hands it over
   * for that `up` only.
   */
  verificationCode?: pulumi.Input<string>;
  /** `"ManagementAccount"`: the member inherits the management account's phone (China site only). */
  inheritSecureMobilePhoneFrom?: pulumi.Input<"ManagementAccount">;
  /**
   * Take a member whose phone is already bound (AccountSecureMobileAlreadyExists) into the stack. The
   * provider confirms with GetAccount (HasSecureMobilePhone) and makes no bind call. The service does
   * not reveal the bound number, so the declared one is recorded as given. When not set, the run-wide switch
   * decides (ALICLOUD_SECURE_PHONE_ADOPT_EXISTING / alicloud-secure-phone:adoptExisting, off by default);
   * true or false here wins over it.
   */
  adoptExisting?: pulumi.Input<boolean>;
}

/** Inputs that are never outputs, of the provider or of the resource object (see BindingResource's constructor). */
const WRITE_ONLY_INPUTS = ["verificationCode", URN_INPUT];

/** The dynamic binding's type token (typeTokens.ts), under its public name. */
export { DYNAMIC_BINDING_TYPE as SECURE_MOBILE_PHONE_BINDING_TYPE } from "../../provider/typeTokens";

/**
 * What both binding classes (this dynamic one and the plugin's, ./plugin) declare: the outputs, and the
 * property bag they register (schema.json defines both; a test keeps them equal).
 */
export abstract class BindingResource extends pulumi.CustomResource {
  declare readonly accountId: pulumi.Output<string>;
  /** Secret. */
  declare readonly secureMobilePhone: pulumi.Output<string | undefined>;
  /** e.g. `1-650****0100`: safe to show in logs and PR diffs. */
  declare readonly maskedSecureMobilePhone: pulumi.Output<string | undefined>;
  declare readonly inheritSecureMobilePhoneFrom: pulumi.Output<string | undefined>;
  /**
   * Secret. The bound number as the service's GetAccount shows it, in full or masked (its choice), when it
   * shows one: recorded at create, refresh and import, and compared with the declared number.
   */
  declare readonly boundSecureMobilePhone: pulumi.Output<string | undefined>;
  /** RequestId of the BindSecureMobilePhone call (absent when adopted). */
  declare readonly requestId: pulumi.Output<string | undefined>;
  /** True when this stack made no bind call: the member had the phone already and it was taken in. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
    // The Node SDK puts every property it registers on the object, and fills one the provider does not
    // return with its input: `export const b = binding` would make the code a stack output ([secret] in
    // `pulumi stack output`, its plaintext with --show-secrets, encrypted in the state's stack outputs).
    // The code is write-only: it is no output of the provider, and so none of the object either.
    for (const writeOnly of WRITE_ONLY_INPUTS) delete (this as Record<string, unknown>)[writeOnly];
  }

  protected static properties(args: SecureMobilePhoneBindingArgs): pulumi.Inputs {
    return {
      accountId: args.accountId,
      secureMobilePhone: asSecret(args.secureMobilePhone),
      verificationCode: asSecret(args.verificationCode),
      inheritSecureMobilePhoneFrom: args.inheritSecureMobilePhoneFrom,
      adoptExisting: args.adoptExisting,
      // Output-only properties: declared so the outputs exist on the resource.
      maskedSecureMobilePhone: undefined,
      boundSecureMobilePhone: undefined,
      requestId: undefined,
      adopted: undefined,
    };
  }
}

/**
 * The secure mobile phone of a Resource Directory member (Resource Manager BindSecureMobilePhone).
 * Its id is the member's account ID. Deleting it removes it from the stack only: the service has no unbind.
 *
 * A dynamic resource: what `pulumi.dynamic.Resource` does (the `pulumi-nodejs:dynamic/...` type token and
 * the `__provider` property), done here with the constant loader text of ./dynamicLoader instead of Pulumi's
 * serialization of a provider object.
 */
export class SecureMobilePhoneBinding extends BindingResource {
  constructor(name: string, args: SecureMobilePhoneBindingArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      DYNAMIC_BINDING_TYPE,
      name,
      { ...BindingResource.properties(args), __provider: PROVIDER_TEXT, [URN_INPUT]: ownUrn(name, opts) },
      pulumi.mergeOptions(opts, {
        additionalSecretOutputs: ["secureMobilePhone", "verificationCode", "boundSecureMobilePhone"],
      }),
    );
  }
}

/**
 * The URN the engine gives this binding, for its check: the dynamic-provider host passes a provider no URN,
 * and a warning logged without one shows on the stack instead of on the binding (adapters/dynamicUrns.ts).
 * Without the parent as a dependency: depending on a component waits for all its children, this one too.
 */
function ownUrn(name: string, opts: pulumi.CustomResourceOptions | undefined): pulumi.Input<string> {
  const urn = pulumi.createUrn(name, DYNAMIC_BINDING_TYPE, opts?.parent);
  return new Promise<string>((resolve) => urn.apply(resolve));
}

export function asSecret(value: pulumi.Input<string> | undefined): pulumi.Output<string> | undefined {
  return value === undefined ? undefined : pulumi.secret(value);
}
