/**
 * A stand-in for `alicloud.resourcemanager.Account` so that this example runs on the local emulator
 * without the alicloud provider plugin: it calls CreateResourceAccount with the same settings and
 * credentials as SecureMobilePhoneBinding. In a real landing-zone stack use the alicloud provider's
 * resource and pass its `id` as `accountId`.
 */

import * as pulumi from "@pulumi/pulumi";

interface StandInProvider extends pulumi.dynamic.ResourceProvider {
  config?: { get(key: string): string | undefined };
}

const resourceAccountProvider: StandInProvider = {
  async configure(req) {
    this.config = req.config;
  },
  async create(inputs) {
    // Loaded when it runs, like the package's own provider: nothing of the client goes into state.
    const { clientFor } = require("pulumi-alicloud-secure-phone/provider");
    const config = this.config;
    const created = await clientFor((key: string) => config?.get(key)).createResourceAccount(inputs.displayName);
    return { id: created.accountId, outs: { accountId: created.accountId, displayName: inputs.displayName } };
  },
  async diff(_id, olds, news) {
    const replaces = olds.displayName !== news.displayName ? ["displayName"] : [];
    return { changes: replaces.length > 0, replaces };
  },
  async delete() {
    // The stand-in leaves the member in the directory (the alicloud provider's Account would delete it).
  },
};

export class ResourceAccount extends pulumi.dynamic.Resource {
  declare readonly accountId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;

  constructor(name: string, args: { displayName: pulumi.Input<string> }, opts?: pulumi.CustomResourceOptions) {
    super(
      resourceAccountProvider,
      name,
      { displayName: args.displayName, accountId: undefined },
      opts,
      "resourcemanager",
      "ResourceAccount",
    );
  }
}
