/**
 * The preview join, in one pass over the preview's engine events: every binding `pulumi up` would create
 * (whatever gives its phone: a code asked for by `up`, a code declared in the program, inheritance or
 * adoption), and of those, the ones that need a code from `up` (pending) or cannot get one in this run (not
 * vendable). The events write every secret as "[secret]", so the numbers come from the reports the
 * provider's check sent over the handshake's socket (provider/handshake.ts). Pure: the caller runs the preview.
 */

import type { PendingReport } from "../../provider/handshake";
import { UNKNOWN, isSet } from "../../provider/rules/inputs";
import { maskPhone } from "../../provider/rules/phone";
import { BINDING_TYPES } from "../../provider/typeTokens";
import { parseUrn } from "../../provider/urn";
import { CREATING_OPS, EngineEvent, StepMetadata } from "./events";

/** A binding that `pulumi up` would create with a number and no code. */
export interface PendingBinding {
  urn: string;
  /** The resource's name in the program. */
  name: string;
  accountId: string;
  secureMobilePhone: string;
}

/** A binding that will need a code but cannot get one in this run, and why (no secret in the reason). */
export interface NotVendable {
  urn: string;
  name: string;
  reason: string;
  /** Its account ID (or number) comes from a resource that `pulumi up` creates: a preview after that up can ask. */
  waitsForUp: boolean;
}

/** A binding the preview says `pulumi up` creates, as the summary tells it. */
export interface CreatedBinding {
  urn: string;
  name: string;
  /** As the preview shows them; undefined when not known yet or not shown. */
  accountId?: string;
  maskedSecureMobilePhone?: string;
  /** Where its phone comes from: "code" (declared, or asked by `up`), "inherit" or "adopt". */
  source: "code" | "inherit" | "adopt";
}

export interface PreviewFindings {
  pending: PendingBinding[];
  notVendable: NotVendable[];
  created: CreatedBinding[];
}

/** A value the preview shows as it is: not unknown, not empty, not a secret. */
function known(value: unknown): string | undefined {
  return typeof value === "string" && ![UNKNOWN, "", "[secret]"].includes(value) ? value : undefined;
}

/** The step of each binding the preview creates, once per URN (a replacement has two steps). */
function creatingSteps(events: readonly EngineEvent[]): Map<string, StepMetadata> {
  const steps = new Map<string, StepMetadata>();
  for (const event of events) {
    const step = event.resourcePreEvent?.metadata;
    const type = step?.new?.type ?? step?.type;
    if (!step || !CREATING_OPS.has(String(step.op)) || typeof type !== "string" || !BINDING_TYPES.includes(type))
      continue;
    const urn = String(step.urn ?? "");
    if (!steps.has(urn)) steps.set(urn, step);
  }
  return steps;
}

/**
 * A binding is pending when a step creates it and a report has the same account and a number with the same
 * mask. One that seems to need a code but has no report is named, not asked for. Sorted by name: the order
 * of the prompts.
 */
export function readPreview(events: readonly EngineEvent[], reports: readonly PendingReport[]): PreviewFindings {
  if (!Array.isArray(events) || !events.some((event) => event.summaryEvent?.isPreview === true))
    throw new Error("the preview's events have no preview summary: they are not the events of `pulumi preview`.");
  const pending: PendingBinding[] = [];
  const notVendable: NotVendable[] = [];
  const created: CreatedBinding[] = [];
  for (const [urn, step] of creatingSteps(events)) {
    const { name } = parseUrn(urn);
    const inputs = step.new?.inputs ?? {};
    const { accountId, maskedSecureMobilePhone: masked } = inputs;
    created.push({
      urn,
      name,
      accountId: known(accountId),
      maskedSecureMobilePhone: known(masked),
      source: inputs.adoptExisting === true ? "adopt" : known(inputs.inheritSecureMobilePhoneFrom) ? "inherit" : "code",
    });
    // The provider reports only a binding that needs a code, with the inputs as it sees them: trust it over
    // the events, where a secret code shows as "[secret]" even when it is empty.
    const report = reports.find((r) => r.accountId === accountId && maskPhone(r.secureMobilePhone) === masked);
    if (report) {
      pending.push({ urn, name, accountId: report.accountId, secureMobilePhone: report.secureMobilePhone });
      continue;
    }
    const declaresNumberOnly =
      isSet(inputs.secureMobilePhone) &&
      !isSet(inputs.verificationCode) &&
      !isSet(inputs.inheritSecureMobilePhoneFrom) &&
      inputs.adoptExisting !== true;
    if (!declaresNumberOnly) continue;
    if (accountId === UNKNOWN || inputs.secureMobilePhone === UNKNOWN || inputs.adoptExisting === UNKNOWN) {
      notVendable.push({
        urn,
        name,
        reason:
          "its account ID or number is known only once `pulumi up` has created what it depends on (the member account)",
        waitsForUp: true,
      });
      continue;
    }
    notVendable.push({
      urn,
      name,
      reason:
        "the provider did not report its number during the preview (an installed pulumi-alicloud-secure-phone older than this command, or an account ID declared as a secret)",
      waitsForUp: false,
    });
  }
  // The engine reports steps as they finish, in no fixed order; the operator (and a script answering on
  // standard input) is asked in the order of the resources' names, numbers in them compared as numbers.
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en", { numeric: true });
  return { pending: pending.sort(byName), notVendable: notVendable.sort(byName), created };
}
