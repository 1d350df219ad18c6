/**
 * The member rule of the policy pack: which Resource Directory members a stack declares without a
 * SecureMobilePhoneBinding for them. Matched on property dependencies (the binding's `accountId` depends
 * on the member), never on values: at preview a new member's account ID is still unknown.
 */
import { BINDING_TYPES } from "../../provider/typeTokens";

/** The member types of the default config: @pulumi/alicloud's Account and the examples' stand-in. */
export const DEFAULT_MEMBER_TYPES: readonly string[] = [
  "alicloud:resourcemanager/account:Account",
  "pulumi-nodejs:dynamic/resourcemanager:ResourceAccount",
];

/** What the rule reads of a resource in the stack (a subset of @pulumi/policy's PolicyResource). */
export interface StackResource {
  type: string;
  urn: string;
  name: string;
  propertyDependencies: Record<string, readonly { urn: string }[]>;
}

export function isBinding(resource: { type: string }): boolean {
  return BINDING_TYPES.includes(resource.type);
}

/** The members (of `memberTypes`) that no binding's `accountId` depends on, in stack order. */
export function membersWithoutBinding(
  resources: readonly StackResource[],
  memberTypes: readonly string[],
): StackResource[] {
  const bound = new Set(
    resources
      .filter(isBinding)
      .flatMap((binding) => (binding.propertyDependencies.accountId ?? []).map((dependency) => dependency.urn)),
  );
  return resources.filter((resource) => memberTypes.includes(resource.type) && !bound.has(resource.urn));
}
