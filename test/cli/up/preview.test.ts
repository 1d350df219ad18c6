/**
 * The preview join: which bindings of the preview's engine events need a code from `up`, matched with the masked
 * numbers the provider's check reported, and in what order they are asked for; and every binding it creates.
 */

import { describe, expect, it } from "vitest";
import type { PendingReport } from "../../../provider/handshake";
import { readPreview } from "../../../cli/up/preview";
import { UNKNOWN } from "../../../provider/rules/inputs";
import { BINDING_TYPES, DYNAMIC_BINDING_TYPE, PLUGIN_BINDING_TYPE } from "../../../provider/typeTokens";
import { SERVED_TYPES } from "../../../provider/adapters/plugin/pluginProvider";
import { SECURE_MOBILE_PHONE_BINDING_PLUGIN_TYPE } from "../../../sdk/nodejs/plugin";
import { SECURE_MOBILE_PHONE_BINDING_TYPE } from "../../../sdk/nodejs/secureMobilePhoneBinding";
import { previewEvents, type Step } from "./engineEvents";

/** The preview's steps and what readPreview finds pending in their engine events. */
function pendingBindings(preview: { steps: Step[] }, reports: readonly PendingReport[]) {
  const { pending, notVendable } = readPreview(previewEvents(preview.steps), reports);
  return { pending, notVendable };
}

/** The inputs as CLI 3.248's engine events show them: secrets as "[secret]", the masked number from check. */
const PHONE = "1-6505550123";
const urn = (name: string, type = DYNAMIC_BINDING_TYPE) => `urn:pulumi:dev::vending::${type}::${name}`;

function step(name: string, inputs: Record<string, unknown>, options: { op?: string; type?: string } = {}): Step {
  const type = options.type ?? DYNAMIC_BINDING_TYPE;
  return {
    op: options.op ?? "create",
    urn: urn(name, type),
    newState: { type, inputs: { __provider: "exports.handler = ...", ...inputs } },
  };
}
const numberOnly = (accountId: string) => ({
  accountId,
  secureMobilePhone: "[secret]",
  maskedSecureMobilePhone: "1-650****0123",
});
const report = (accountId: string, secureMobilePhone = PHONE) => ({ accountId, secureMobilePhone });

describe("pendingBindings", () => {
  it("finds each binding created with a number and no code, with the number its check reported", () => {
    const preview = {
      steps: [
        {
          op: "create",
          urn: "urn:pulumi:dev::vending::pulumi:pulumi:Stack::vending-dev",
          newState: { type: "pulumi:pulumi:Stack" },
        },
        step("app-dev-phone", numberOnly("1510000000000101")),
        step("app-prod-phone", numberOnly("1510000000000102"), { type: PLUGIN_BINDING_TYPE }),
      ],
    };
    expect(pendingBindings(preview, [report("1510000000000102"), report("1510000000000101")])).toEqual({
      pending: [
        { urn: urn("app-dev-phone"), name: "app-dev-phone", accountId: "1510000000000101", secureMobilePhone: PHONE },
        {
          urn: urn("app-prod-phone", PLUGIN_BINDING_TYPE),
          name: "app-prod-phone",
          accountId: "1510000000000102",
          secureMobilePhone: PHONE,
        },
      ],
      notVendable: [],
    });
  });

  it("includes the new half of a replacement (another member), once", () => {
    const preview = {
      steps: [
        step("member-phone", numberOnly("1510000000000201"), { op: "create-replacement" }),
        step("member-phone", numberOnly("1510000000000201"), { op: "replace" }),
      ],
    };
    expect(pendingBindings(preview, [report("1510000000000201")]).pending.map((p) => p.name)).toEqual(["member-phone"]);
  });

  it("leaves out, without a report, bindings that need no code: a declared code, inheritance, adoption, or no change", () => {
    const preview = {
      steps: [
        step("with-code", { ...numberOnly("1510000000000301"), verificationCode: "[secret]" }),
        step("inherits", { accountId: "1510000000000302", inheritSecureMobilePhoneFrom: "ManagementAccount" }),
        step("adopts", { ...numberOnly("1510000000000303"), adoptExisting: true }),
        step("unchanged", numberOnly("1510000000000304"), { op: "same" }),
        step("other-type", numberOnly("1510000000000305"), { type: "pulumi-nodejs:dynamic:Other" }),
      ],
    };
    // The provider reports none of the first three; a report for a step that creates nothing, or for another type, is ignored.
    const reports = ["304", "305"].map((n) => report(`1510000000000${n}`));
    expect(pendingBindings(preview, reports)).toEqual({ pending: [], notVendable: [] });
  });

  it("trusts the provider's report over the JSON, where an empty secret code also shows as [secret]", () => {
    const preview = {
      steps: [
        step(
          "security-phone",
          { ...numberOnly("1510000000000313"), verificationCode: "[secret]" },
          { type: PLUGIN_BINDING_TYPE },
        ),
      ],
    };
    expect(pendingBindings(preview, [report("1510000000000313")]).pending.map((p) => p.name)).toEqual([
      "security-phone",
    ]);
  });

  it("names, without vending them, bindings whose account is not known yet or whose number was not reported", () => {
    const preview = {
      steps: [
        step("new-account-phone", { accountId: UNKNOWN, secureMobilePhone: "[secret]" }),
        step("unreported", numberOnly("1510000000000401")),
      ],
    };
    const { pending, notVendable } = pendingBindings(preview, []);
    expect(pending).toEqual([]);
    expect(notVendable.map((b) => b.name)).toEqual(["new-account-phone", "unreported"]);
    expect(notVendable[0].reason).toContain("known only once `pulumi up` has created what it depends on");
    expect(notVendable[1].reason).toContain("did not report its number");
    expect(notVendable.map((b) => b.waitsForUp)).toEqual([true, false]);
  });

  it("joins on account and mask: a report of another number for the account does not match", () => {
    const preview = { steps: [step("member-phone", numberOnly("1510000000000501"))] };
    const { pending, notVendable } = pendingBindings(preview, [report("1510000000000501", "1-6505550999")]);
    expect(pending).toEqual([]);
    expect(notVendable).toHaveLength(1);
  });

  it("asks in the order of the resources' names, numbers compared as numbers", () => {
    const names = ["member10-phone", "member2-phone", "member1-phone"];
    const preview = { steps: names.map((name, i) => step(name, numberOnly(`151000000000060${i}`))) };
    const reports = names.map((_, i) => report(`151000000000060${i}`));
    expect(pendingBindings(preview, reports).pending.map((p) => p.name)).toEqual([
      "member1-phone",
      "member2-phone",
      "member10-phone",
    ]);
  });

  it("refuses events that are not a preview's", () => {
    expect(() => readPreview([{ summaryEvent: { isPreview: false } }], [])).toThrow(
      "they are not the events of `pulumi preview`",
    );
  });

  it("lists every binding it creates in the same pass, with where its phone comes from", () => {
    const events = previewEvents([
      step("asked", numberOnly("1510000000000701")),
      step("declared", { ...numberOnly("1510000000000702"), verificationCode: "[secret]" }),
      step("inherits", { accountId: "1510000000000703", inheritSecureMobilePhoneFrom: "ManagementAccount" }),
      step("adopts", { accountId: UNKNOWN, adoptExisting: true }),
      step("unchanged", numberOnly("1510000000000704"), { op: "same" }),
    ]);
    expect(readPreview(events, [report("1510000000000701")]).created).toEqual([
      {
        urn: urn("asked"),
        name: "asked",
        accountId: "1510000000000701",
        maskedSecureMobilePhone: "1-650****0123",
        source: "code",
      },
      {
        urn: urn("declared"),
        name: "declared",
        accountId: "1510000000000702",
        maskedSecureMobilePhone: "1-650****0123",
        source: "code",
      },
      {
        urn: urn("inherits"),
        name: "inherits",
        accountId: "1510000000000703",
        maskedSecureMobilePhone: undefined,
        source: "inherit",
      },
      { urn: urn("adopts"), name: "adopts", accountId: undefined, maskedSecureMobilePhone: undefined, source: "adopt" },
    ]);
  });

  it("knows the type tokens of the dynamic resource and of the plugin", () => {
    expect(BINDING_TYPES).toEqual([SECURE_MOBILE_PHONE_BINDING_TYPE, SECURE_MOBILE_PHONE_BINDING_PLUGIN_TYPE]);
    expect(SERVED_TYPES).toEqual([PLUGIN_BINDING_TYPE]);
  });
});
