// The benchmark's program: N resources of one kind (stack config `kind`), one per member id in config
// `members`. Plain JavaScript so that TypeScript compilation, the same for every kind, does not pad the
// times the kinds are compared by.
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
const kind = config.require("kind");
const members = config.requireObject("members");

// A dynamic resource that does nothing: what the engine costs per resource, the floor a binding is
// measured against. Serialized by Pulumi as a user's own dynamic provider would be.
const noopProvider = {
  async create(inputs) {
    return { id: inputs.accountId, outs: inputs };
  },
};

for (const accountId of members) {
  switch (kind) {
    case "binding": {
      const { SecureMobilePhoneBinding } = require("pulumi-alicloud-secure-phone");
      new SecureMobilePhoneBinding(`m-${accountId}`, { accountId, inheritSecureMobilePhoneFrom: "ManagementAccount" });
      break;
    }
    case "noop":
      new pulumi.dynamic.Resource(noopProvider, `m-${accountId}`, { accountId }, {}, "bench", "Noop");
      break;
    case "noop-shaped": {
      // The no-op with the binding's property bag (config `properties`, `secretOutputs`: bench/kinds.ts).
      const props = { accountId, inheritSecureMobilePhoneFrom: "ManagementAccount" };
      for (const name of config.requireObject("properties")) if (!(name in props)) props[name] = undefined;
      props.__urn = `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::bench:NoopShaped::m-${accountId}`;
      const additionalSecretOutputs = config.requireObject("secretOutputs");
      new pulumi.dynamic.Resource(
        noopProvider,
        `m-${accountId}`,
        props,
        { additionalSecretOutputs },
        "bench",
        "NoopShaped",
      );
      break;
    }
    case "plugin": {
      // The provider plugin's resource, served by pulumi-resource-alicloud-secure-phone (Pulumi.yaml's path).
      const { plugin } = require("pulumi-alicloud-secure-phone");
      new plugin.SecureMobilePhoneBinding(`m-${accountId}`, {
        accountId,
        inheritSecureMobilePhoneFrom: "ManagementAccount",
      });
      break;
    }
    // Another kind: a case here, and an entry in KINDS (bench/kinds.ts).
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}
