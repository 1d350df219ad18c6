import { describe, expect, it } from "vitest";
import { DYNAMIC_BINDING_TYPE, PLUGIN_BINDING_TYPE } from "../../provider/typeTokens";
import { plainText } from "../../policy/rules/declaredValue";
import { DEFAULT_MEMBER_TYPES, membersWithoutBinding, type StackResource } from "../../policy/rules/members";

const ACCOUNT = "alicloud:resourcemanager/account:Account";
const STAND_IN = "pulumi-nodejs:dynamic/resourcemanager:ResourceAccount";
const resource = (type: string, name: string, accountIdFrom: string[] = []): StackResource => ({
  type,
  name,
  urn: `urn:pulumi:dev::lz::${type}::${name}`,
  propertyDependencies: accountIdFrom.length ? { accountId: accountIdFrom.map((from) => ({ urn: from })) } : {},
});

describe("members without a binding", () => {
  it("counts a binding of either type token whose accountId depends on the member, by URN only", () => {
    const a = resource(ACCOUNT, "a");
    const b = resource(STAND_IN, "b");
    const c = resource(ACCOUNT, "c");
    const other = resource("random:index/randomId:RandomId", "d");
    const resources = [
      a,
      b,
      c,
      other,
      resource(DYNAMIC_BINDING_TYPE, "a-phone", [a.urn]),
      resource(PLUGIN_BINDING_TYPE, "b-phone", [b.urn]),
    ];
    expect(membersWithoutBinding(resources, DEFAULT_MEMBER_TYPES).map((m) => m.name)).toEqual(["c"]);
  });

  it("does not count a dependency through another property, or from a resource that is no binding", () => {
    const a = resource(ACCOUNT, "a");
    const byName = {
      ...resource(DYNAMIC_BINDING_TYPE, "a-phone"),
      propertyDependencies: { secureMobilePhone: [{ urn: a.urn }] },
    };
    const notBinding = resource("pulumi-nodejs:dynamic:Resource", "x", [a.urn]);
    expect(membersWithoutBinding([a, byName, notBinding], DEFAULT_MEMBER_TYPES).map((m) => m.name)).toEqual(["a"]);
  });

  it("takes members of the configured types only", () => {
    const own = resource("acme:landing:Member", "m");
    expect(membersWithoutBinding([own, resource(ACCOUNT, "a")], ["acme:landing:Member"]).map((m) => m.name)).toEqual([
      "m",
    ]);
  });
});

describe("declared values", () => {
  it("reads a secret unwrapped, as @pulumi/policy's Secret, or in the wire form", () => {
    class Secret {
      constructor(public value: unknown) {}
    }
    const wire = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "86-13900001234" };
    for (const value of ["86-13900001234", new Secret("86-13900001234"), wire, { value: "86-13900001234" }]) {
      expect(plainText(value)).toBe("86-13900001234");
    }
    expect(plainText(undefined)).toBeUndefined();
    expect(plainText({ other: "x" })).toBeUndefined();
    expect(plainText(15100)).toBe("15100");
  });
});
