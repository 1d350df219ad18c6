import type { PendingReport } from "../../provider/pendingReport";
import { UNKNOWN, isSet } from "../../provider/rules/inputs";
import { maskPhone } from "../../provider/rules/phone";
import { BINDING_TYPES } from "../../provider/typeTokens";

/**
 * Which bindings `pulumi up` would create with a number and no code. Pure: the caller runs the preview.
 *
 * Two sources, joined: the JSON of `pulumi preview --json` says which resources a step creates, with their
 * URN, account ID and masked number, but every secret in it is "[secret]" (Pulumi masks secrets in JSON
 * output even with --show-secrets); the reports that `check` sent the command during that preview
 * (provider/pendingReport.ts) carry the numbers, for exactly the bindings that need a code. A binding is
 * pending when a step creates it (a new resource or the new half of a replacement) and a report has the
 * same account and a number with the same mask. One that seems to need a code but has no report is named,
 * not asked for. Sorted by name: the order of the prompts.
 */
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

export interface PreviewFindings {
  pending: PendingBinding[];
  notVendable: NotVendable[];
}

const CREATING_OPS = new Set(["create", "create-replacement", "replace"]);

interface PreviewStep {
  op?: unknown;
  urn?: unknown;
  newState?: { type?: unknown; inputs?: Record<string, unknown> };
}

export function pendingBindings(preview: unknown, reports: readonly PendingReport[]): PreviewFindings {
  const steps = (preview as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) throw new Error("the preview's JSON has no steps: it is not the output of `pulumi preview --json`.");
  const pending = new Map<string, PendingBinding>();
  const notVendable = new Map<string, NotVendable>();
  for (const step of steps as PreviewStep[]) {
    const type = step.newState?.type;
    if (!CREATING_OPS.has(String(step.op)) || typeof type !== "string" || !BINDING_TYPES.includes(type)) continue;
    const urn = String(step.urn ?? "");
    const name = urn.slice(urn.lastIndexOf("::") + 2);
    const inputs = step.newState?.inputs ?? {};
    const { accountId, maskedSecureMobilePhone: masked } = inputs;
    if (pending.has(urn) || notVendable.has(urn)) continue;
    // The provider reports only a binding that needs a code, with the inputs as it sees them: trust it over
    // the JSON, where a secret code shows as "[secret]" even when it is empty.
    const report = reports.find((r) => r.accountId === accountId && maskPhone(r.secureMobilePhone) === masked);
    if (report) {
      pending.set(urn, { urn, name, accountId: report.accountId, secureMobilePhone: report.secureMobilePhone });
      continue;
    }
    const declaresNumberOnly =
      isSet(inputs.secureMobilePhone) && !isSet(inputs.verificationCode) && !isSet(inputs.inheritSecureMobilePhoneFrom) && inputs.adoptExisting !== true;
    if (!declaresNumberOnly) continue;
    if (accountId === UNKNOWN || inputs.secureMobilePhone === UNKNOWN || inputs.adoptExisting === UNKNOWN) {
      notVendable.set(urn, {
        urn,
        name,
        reason: "its account ID or number is known only once `pulumi up` has created what it depends on (the member account)",
        waitsForUp: true,
      });
      continue;
    }
    notVendable.set(urn, {
      urn,
      name,
      reason:
        "the provider did not report its number during the preview (an installed pulumi-alicloud-secure-phone older than this command, or an account ID declared as a secret)",
      waitsForUp: false,
    });
  }
  // The preview lists steps as they finish, in no fixed order; the operator (and a script answering on
  // standard input) is asked in the order of the resources' names, numbers in them compared as numbers.
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en", { numeric: true });
  return { pending: [...pending.values()].sort(byName), notVendable: [...notVendable.values()].sort(byName) };
}

/** How a pending binding is shown to the operator: never the full number. */
export function describePending(binding: PendingBinding): string {
  return `${binding.name} (account ${binding.accountId}, ${maskPhone(binding.secureMobilePhone)})`;
}
