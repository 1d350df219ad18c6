/**
 * binding-is-protected (advisory): a binding carries `protect`. Removing a binding from the stack never
 * unbinds the phone (the service has no unbind), so a removal in a pull request is almost always a mistake.
 *
 * `retainOnDelete` would do as well, but the analyzer interface of the engine (CLI 3.248, @pulumi/policy
 * 1.21) does not pass it to policy packs: a binding that carries it instead is named in `retainedBindings`.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isBinding } from "../rules/members";

export const BINDING_IS_PROTECTED = "binding-is-protected";

export interface BindingIsProtectedConfig {
  retainedBindings?: string[];
}

export const bindingIsProtected: ResourceValidationPolicy = {
  name: BINDING_IS_PROTECTED,
  description: "A SecureMobilePhoneBinding carries protect (or retainOnDelete): removing it never unbinds.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      retainedBindings: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          "Names of bindings that carry retainOnDelete instead of protect (policy packs cannot see retainOnDelete).",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (!isBinding(args) || args.opts.protect) return;
    if ((args.getConfig<BindingIsProtectedConfig>().retainedBindings ?? []).includes(args.name)) return;
    reportViolation(
      `binding '${args.name}' is not protected: removing it from the stack never unbinds the phone (the service ` +
        "has no unbind), so a removal is almost always a mistake. Set the resource option protect: true, or " +
        "retainOnDelete: true and list the binding's name in this policy's config retainedBindings.",
    );
  },
};
