/** parseUrn, the one URN parser: a resource's type and name, at the stack's top or nested. */

import { describe, expect, it } from "vitest";
import { parseUrn } from "../provider/urn";
import { PLUGIN_BINDING_TYPE } from "../provider/typeTokens";

describe("parseUrn", () => {
  it("reads the type and the name of a resource at the stack's top", () => {
    expect(parseUrn(`urn:pulumi:dev::vending::${PLUGIN_BINDING_TYPE}::member-phone`)).toEqual({
      type: PLUGIN_BINDING_TYPE,
      name: "member-phone",
      nested: false,
    });
  });

  it("reads the resource's own type under a parent, and says it is nested", () => {
    expect(parseUrn(`urn:pulumi:dev::vending::my:index:Vending$${PLUGIN_BINDING_TYPE}::member-phone`)).toEqual({
      type: PLUGIN_BINDING_TYPE,
      name: "member-phone",
      nested: true,
    });
  });

  it("has no type for text that is not a URN", () => {
    expect(parseUrn("not-a-urn").type).toBeUndefined();
  });
});
