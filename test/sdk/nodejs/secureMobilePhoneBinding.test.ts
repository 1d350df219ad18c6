/**
 * What the dynamic binding's class registers, through Pulumi's own mocks (pulumi.runtime.setMocks): its own
 * URN for check, equal to the URN the engine gives it at the top of a stack and under a component; and its
 * property bag: every output, an input that is no output only when given. The engine tests show the same
 * through the real CLI (bindingOnItsResource: warnings on their binding); this pins the bag. Uses the built
 * package (npm test builds first).
 */

import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BINDING_OUTPUTS, DYNAMIC_BINDING_TYPE, URN_INPUT } from "../../../provider/contract";

const requireFromRoot = createRequire(join(resolve(__dirname, "../../.."), "package.json"));
const registered = new Map<string, Record<string, unknown>>();
// The built package, loaded as a user's program loads it.
let pulumi: any, SecureMobilePhoneBinding: any;

beforeAll(async () => {
  pulumi = requireFromRoot("@pulumi/pulumi");
  await pulumi.runtime.setMocks(
    {
      newResource: (args: { inputs: Record<string, unknown>; name: string }) => {
        registered.set(args.name, args.inputs);
        return { id: args.name, state: args.inputs };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    true,
  );
  ({ SecureMobilePhoneBinding } = requireFromRoot("./lib/sdk/nodejs/index.js"));
});

const settled = (output: { apply(f: (value: unknown) => void): unknown }) =>
  new Promise<unknown>((done) => output.apply(done));
const inherited = (accountId: string) => ({ accountId, inheritSecureMobilePhoneFrom: "ManagementAccount" });

describe("SecureMobilePhoneBinding (dynamic) registers", () => {
  it("its own URN for check, the one the engine gives it, at the top of the stack and under a component", async () => {
    const top = new SecureMobilePhoneBinding("top-phone", inherited("1510000000000101"));
    const team = new pulumi.ComponentResource("test:index:Team", "team", {});
    const child = new SecureMobilePhoneBinding("team-phone", inherited("1510000000000102"), { parent: team });
    expect(await settled(top.urn)).toBe(`urn:pulumi:stack::project::${DYNAMIC_BINDING_TYPE}::top-phone`);
    await settled(child.urn);
    expect(registered.get("top-phone")![URN_INPUT]).toBe(await settled(top.urn));
    expect(registered.get("team-phone")![URN_INPUT]).toBe(await settled(child.urn));
    expect(await settled(child.urn)).toContain("test:index:Team$");
  });

  it("every output, and an input that is no output only when given", async () => {
    const plain = new SecureMobilePhoneBinding("plain", inherited("1510000000000103"));
    const adopting = new SecureMobilePhoneBinding("adopting", {
      ...inherited("1510000000000104"),
      adoptExisting: true,
    });
    await Promise.all([settled(plain.urn), settled(adopting.urn)]);
    for (const output of BINDING_OUTPUTS) expect(pulumi.Output.isInstance(plain[output])).toBe(true);
    expect(plain).not.toHaveProperty("adoptExisting");
    expect(plain).not.toHaveProperty("verificationCode");
    expect(registered.get("plain")).not.toHaveProperty("adoptExisting");
    expect(registered.get("adopting")).toHaveProperty("adoptExisting", true);
  });
});
