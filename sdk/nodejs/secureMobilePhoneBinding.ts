/**
 * The SecureMobilePhoneBinding resource for Node.js programs, a dynamic resource, and the inputs and outputs both
 * binding classes share.
 */

import * as pulumi from "@pulumi/pulumi";
import {
  BINDING_INPUTS,
  BINDING_OUTPUTS,
  BINDING_SECRET_INPUTS,
  BINDING_SECRET_OUTPUTS,
  DYNAMIC_BINDING_TYPE,
  URN_INPUT,
  WRITE_ONLY_INPUTS,
} from "../../provider/contract";
import { PROVIDER_TEXT } from "./dynamicLoader";
import { BindingOutputProperties, type SecureMobilePhoneBindingArgs } from "./shape.generated";

/** The arguments, as schema.json declares them (shape.generated.ts). */
export type { SecureMobilePhoneBindingArgs };

/** The dynamic binding's type token (the contract's), under its public name. */
export { DYNAMIC_BINDING_TYPE as SECURE_MOBILE_PHONE_BINDING_TYPE } from "../../provider/contract";

/**
 * What both binding classes (this dynamic one and the plugin's, ./plugin) declare: the outputs, and the
 * property bag they register, both as schema.json declares them.
 */
export abstract class BindingResource extends BindingOutputProperties {
  constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
    // The Node SDK puts every property it registers on the object, and fills one the provider does not
    // return with its input: `export const b = binding` would make the code a stack output ([secret] in
    // `pulumi stack output`, its plaintext with --show-secrets, encrypted in the state's stack outputs).
    // The code is write-only: it is no output of the provider, and so none of the object either; nor is the
    // binding's own URN, sent to check only.
    for (const writeOnly of [...WRITE_ONLY_INPUTS, URN_INPUT]) delete (this as Record<string, unknown>)[writeOnly];
  }

  /**
   * The inputs, secret ones as secrets, and every output declared so that it exists on the object. An
   * input that is no output and was not given (the code, adoptExisting) is left out: it would send nothing,
   * and each property a resource registers costs the program about a quarter of a millisecond of
   * @pulumi/pulumi's bookkeeping (four promises, each with its stack trace), 50 ms a preview of 200.
   */
  protected static properties(args: SecureMobilePhoneBindingArgs): pulumi.Inputs {
    const props: pulumi.Inputs = {};
    for (const name of BINDING_INPUTS) {
      const value = args[name];
      if (value === undefined && !(BINDING_OUTPUTS as readonly string[]).includes(name)) continue;
      props[name] = (BINDING_SECRET_INPUTS as readonly string[]).includes(name) ? asSecret(value) : value;
    }
    for (const name of BINDING_OUTPUTS) if (!(name in props)) props[name] = undefined;
    return props;
  }

  /** The outputs schema.json marks secret, and with `inputs` the secret inputs too (additionalSecretOutputs). */
  protected static secretOutputs(inputs: boolean): string[] {
    return [...new Set([...(inputs ? BINDING_SECRET_INPUTS : []), ...BINDING_SECRET_OUTPUTS])];
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
        additionalSecretOutputs: BindingResource.secretOutputs(true),
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
  // A child of the stack (most bindings): the URN is known now, and a plain string costs the program no
  // promise to await. Under a parent it is known when the parent's is.
  if (!opts?.parent) return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${DYNAMIC_BINDING_TYPE}::${name}`;
  const urn = pulumi.createUrn(name, DYNAMIC_BINDING_TYPE, opts.parent);
  return new Promise<string>((resolve) => urn.apply(resolve));
}

export function asSecret<T>(value: pulumi.Input<T> | undefined): pulumi.Output<pulumi.Unwrap<T>> | undefined {
  return value === undefined ? undefined : pulumi.secret(value);
}
