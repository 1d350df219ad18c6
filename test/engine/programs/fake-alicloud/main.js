/**
 * A stand-in for the alicloud provider plugin in the policy pack's engine tests: it knows one resource,
 * alicloud:resourcemanager/account:Account (displayName in, an account ID as its id), so that programs in
 * TypeScript, YAML and Python can declare members with the real type token without the real plugin,
 * which these machines cannot download. It calls nothing: a create makes up an ID.
 */
const { main } = require("@pulumi/pulumi/provider");

const ACCOUNT = "alicloud:resourcemanager/account:Account";
const schema = {
  name: "alicloud",
  version: "3.0.0",
  resources: {
    [ACCOUNT]: {
      inputProperties: { displayName: { type: "string" } },
      requiredInputs: ["displayName"],
      properties: { displayName: { type: "string" } },
      required: ["displayName"],
    },
  },
};
let next = 1510000000009001;

main(
  {
    version: "3.0.0",
    schema: JSON.stringify(schema),
    async check(_urn, _olds, news) {
      return { inputs: news };
    },
    async diff(_id, olds, news) {
      const replaces = olds.displayName !== news.displayName ? ["displayName"] : [];
      return { changes: replaces.length > 0, replaces };
    },
    async create(_urn, inputs) {
      return { id: String(next++), outs: { displayName: inputs.displayName } };
    },
    async delete() {},
  },
  process.argv.slice(2),
);
