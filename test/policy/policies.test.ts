/**
 * The policy pack's three policies (approved-secure-phone, binding-is-protected, member-has-secure-phone) as its
 * server calls them, and the pack's folder as it ships.
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResourceValidation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskPhone, parsePhone } from "../../provider/rules/phone";
import { DYNAMIC_BINDING_TYPE, PLUGIN_BINDING_TYPE } from "../../provider/typeTokens";
import { approvedSecurePhone } from "../../policy/policies/approvedSecurePhone";
import { bindingIsProtected } from "../../policy/policies/bindingIsProtected";
import { memberHasSecurePhone } from "../../policy/policies/memberHasSecurePhone";
import { leakedSecrets } from "../support/audit";

/** The three policies as the pack's server calls them, with the arguments it builds (the parts they read). */
function validate(
  policy: typeof approvedSecurePhone | typeof bindingIsProtected,
  resource: object,
  config: object = {},
): string[] {
  const messages: string[] = [];
  const args = {
    type: PLUGIN_BINDING_TYPE,
    name: "b-phone",
    props: {},
    opts: { protect: false },
    getConfig: () => config,
    ...resource,
  };
  const validation = policy.validateResource as ResourceValidation;
  void validation(args as unknown as ResourceValidationArgs, (message) => messages.push(message));
  return messages;
}

const phones = fc
  .tuple(fc.constantFrom("1", "44", "86"), fc.array(fc.constantFrom(..."0123456789"), { minLength: 7, maxLength: 11 }))
  .map(([cc, d]) => `${cc}-${d.join("")}`)
  .filter((phone) => parsePhone(phone) !== undefined);

describe("approved-secure-phone", () => {
  it("reports an unapproved number masked, the secret unwrapped or wrapped, never whole", () => {
    class Secret {
      constructor(public value: unknown) {}
    }
    fc.assert(
      fc.property(phones, fc.boolean(), (phone, wrapped) => {
        fc.pre(!phone.startsWith("44-77111000"));
        const secureMobilePhone = wrapped ? new Secret(phone) : phone;
        const [message, ...rest] = validate(
          approvedSecurePhone,
          { props: { secureMobilePhone } },
          { allowedPhones: ["44-77111000**"] },
        );
        return (
          rest.length === 0 &&
          message!.includes(maskPhone(phone)) &&
          leakedSecrets(message!, { phone }, { audit: false }).length === 0 &&
          !message!.includes(phone.split("-")[1]!)
        );
      }),
    );
  });

  it("says that the preview's mask given as a pattern is a mask, and how a pattern is written (issue 24, point 5)", () => {
    const binding = { name: "security-phone", props: { secureMobilePhone: "1-6505550100" } };
    const [message, ...rest] = validate(approvedSecurePhone, binding, {
      allowedPhones: ["44-77111000**", "1-650****0100"],
    });
    expect(rest).toEqual([]);
    expect(message).toContain("declares secureMobilePhone 1-650****0100, which fits none of the 2 approved patterns");
    expect(message).toContain(
      "allowedPhones[1] is this number's mask as a preview shows it, not a pattern: a mask always shows four `*` " +
        "whatever the number's length, while a pattern has one `*` for each digit it leaves open and the number's " +
        "other digits as they are, e.g. 44-77111000** (ten digits after the country code, the last two open).",
    );
    expect(leakedSecrets(message!, { phone: "1-6505550100" }, { audit: false })).toEqual([]);
    // A pattern written as the message says fits; another number's mask is not this number's.
    expect(validate(approvedSecurePhone, binding, { allowedPhones: ["1-650***0100"] })).toEqual([]);
    const other = validate(approvedSecurePhone, binding, { allowedPhones: ["1-650****0199"] });
    expect(other).toHaveLength(1);
    expect(other[0]).not.toContain("mask");
  });

  it("passes approved numbers, any number without allowedPhones, inheritance unless not allowed", () => {
    const team = { props: { secureMobilePhone: "44-7711100012" } };
    const inherits = { props: { inheritSecureMobilePhoneFrom: "ManagementAccount" } };
    expect(validate(approvedSecurePhone, team, { allowedPhones: ["44-77111000**"] })).toEqual([]);
    expect(validate(approvedSecurePhone, { props: { secureMobilePhone: "86-13512345678" } })).toEqual([]);
    expect(validate(approvedSecurePhone, inherits, { allowedPhones: ["44-77111000**"] })).toEqual([]);
    expect(validate(approvedSecurePhone, inherits, { allowInheritance: false })).toEqual([
      expect.stringContaining("binding 'b-phone' inherits the management account's phone"),
    ]);
    expect(validate(approvedSecurePhone, { type: "aws:s3/bucket:Bucket", ...team }, { allowedPhones: [] })).toEqual([]);
  });

  it("names a malformed pattern by its place, not its value", () => {
    const messages = validate(
      approvedSecurePhone,
      { props: { secureMobilePhone: "44-7711100012" } },
      { allowedPhones: ["44-77111000**", "86 13512345678"] },
    );
    expect(messages).toEqual([expect.stringContaining("allowedPhones[1] is not a number with `*` for any digit")]);
    expect(messages.join("\n")).not.toContain("13512345678");
  });
});

describe("binding-is-protected", () => {
  it("reports a binding of either type without protect, unless named in retainedBindings", () => {
    expect(validate(bindingIsProtected, { opts: { protect: true } })).toEqual([]);
    expect(validate(bindingIsProtected, { type: DYNAMIC_BINDING_TYPE })).toEqual([
      expect.stringContaining("binding 'b-phone' is not protected"),
    ]);
    expect(validate(bindingIsProtected, {}, { retainedBindings: ["b-phone"] })).toEqual([]);
    expect(validate(bindingIsProtected, { type: "alicloud:resourcemanager/account:Account" })).toEqual([]);
  });
});

describe("member-has-secure-phone", () => {
  it("reports each member without a binding by name and URN, reading no property value", () => {
    const member = (name: string) => ({
      type: "alicloud:resourcemanager/account:Account",
      name,
      urn: `urn:${name}`,
      propertyDependencies: {},
    });
    // Properties that throw on access, as @pulumi/policy's proxy does for values unknown at preview.
    const unknown = new Proxy(
      {},
      {
        get: () => {
          throw new Error("unknown at preview");
        },
      },
    );
    const a = { ...member("a"), props: unknown };
    const b = { ...member("b"), props: unknown };
    const binding = {
      type: DYNAMIC_BINDING_TYPE,
      name: "a-phone",
      urn: "urn:a-phone",
      props: unknown,
      propertyDependencies: { accountId: [a] },
    };
    const reports: [string, string | undefined][] = [];
    const args = { resources: [a, b, binding], getConfig: () => ({}) };
    void memberHasSecurePhone.validateStack(args as unknown as StackValidationArgs, (message, urn) =>
      reports.push([message, urn]),
    );
    expect(reports).toEqual([
      [
        expect.stringContaining(
          "member 'b' (alicloud:resourcemanager/account:Account) has no SecureMobilePhoneBinding",
        ),
        "urn:b",
      ],
    ]);
  });
});

describe("the pack's folder", () => {
  const root = join(__dirname, "../..");
  const read = (file: string) => readFileSync(join(root, file), "utf8");

  it("is a nodejs policy pack published as its own package, at the main package's version, shipped compiled", () => {
    const pack = JSON.parse(read("policy/package.json"));
    const manifest = JSON.parse(read("package.json"));
    expect(read("policy/PulumiPolicy.yaml")).toMatch(/^runtime: nodejs$/m);
    expect(pack.name).toBe("pulumi-alicloud-secure-phone-policy");
    expect(pack.version).toBe(manifest.version);
    // The pack's package brings @pulumi/policy, at the version the tests run (the main package's devDependency);
    // the main package neither depends on it nor ships the pack.
    expect(pack.dependencies["@pulumi/policy"]).toBe(manifest.devDependencies["@pulumi/policy"]);
    expect(manifest.dependencies["@pulumi/policy"]).toBeUndefined();
    expect(manifest.files.filter((file: string) => file.startsWith("policy"))).toEqual([]);
    expect(pack.files).toEqual(["PulumiPolicy.yaml", "bin/"]);
    expect(pack.repository.directory).toBe("policy");
    expect(pack.repository.url).toBe(manifest.repository.url);
    // Built by `npm run build` (the tests' pretest), into the folder itself: `pulumi policy publish` packs it alone.
    expect(pack.main).toBe("bin/policy/index.js");
    if (existsSync(join(root, "policy", pack.main)))
      expect(read(join("policy", pack.main))).toContain("new policy_1.PolicyPack");
  });
});
