import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object Pulumi serializes into the `__provider` property of every binding in state.
 *
 * It holds no logic and no settings: each method loads the installed package's implementation when it
 * runs. So refresh and destroy run the installed code (not the code stored in state), the text stays
 * under 3 KB (2.6 KB) and is the same from release to release (no spurious diffs after an upgrade), and no
 * credential can be captured into state. The module name is resolved by the dynamic-provider host from
 * the program's folder, where the package is installed.
 */
function implementation(): Required<pulumi.dynamic.ResourceProvider> {
  return require("pulumi-alicloud-secure-phone/provider").dynamicProvider;
}

export const secureMobilePhoneBindingProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => implementation().configure(req),
  check: (olds, news) => implementation().check(olds, news),
  diff: (id, olds, news) => implementation().diff(id, olds, news),
  create: (inputs) => implementation().create(inputs),
  read: (id, props) => implementation().read(id, props),
  update: (id, olds, news) => implementation().update(id, olds, news),
  delete: (id, props) => implementation().delete(id, props),
};
