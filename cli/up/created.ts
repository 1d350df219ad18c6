import { UNKNOWN } from "../../provider/rules/inputs";
import { BINDING_TYPES } from "../../provider/typeTokens";
import { parseUrn } from "../../provider/urn";

/**
 * Every binding a preview says `pulumi up` creates, whatever gives its phone: a code asked for by `up`, a
 * code declared in the program, inheritance, or adoption. The summary counts and lists them all (it once
 * counted only the ones `up` asked for: "1 bound" when two were). Pure: the caller runs the preview.
 */
export interface CreatedBinding {
  urn: string;
  name: string;
  /** As the preview shows them; undefined when not known yet or not shown. */
  accountId?: string;
  maskedSecureMobilePhone?: string;
  /** Where its phone comes from: "code" (declared, or asked by `up`), "inherit" or "adopt". */
  source: "code" | "inherit" | "adopt";
}

/** The steps that create a resource (as cli/up/pending.ts counts them): a new one, or the new half of a replacement. */
const CREATING_OPS = new Set(["create", "create-replacement", "replace"]);

export function createdBindings(preview: unknown): CreatedBinding[] {
  const steps = (preview as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return [];
  const created = new Map<string, CreatedBinding>();
  type Step = { op?: unknown; urn?: unknown; newState?: { type?: unknown; inputs?: Record<string, unknown> } };
  for (const step of steps as Step[]) {
    const type = step.newState?.type;
    if (!CREATING_OPS.has(String(step.op)) || typeof type !== "string" || !BINDING_TYPES.includes(type)) continue;
    const urn = String(step.urn ?? "");
    const inputs = step.newState?.inputs ?? {};
    const known = (value: unknown) =>
      typeof value === "string" && ![UNKNOWN, "", "[secret]"].includes(value) ? value : undefined;
    created.set(urn, {
      urn,
      name: parseUrn(urn).name,
      accountId: known(inputs.accountId),
      maskedSecureMobilePhone: known(inputs.maskedSecureMobilePhone),
      source: inputs.adoptExisting === true ? "adopt" : known(inputs.inheritSecureMobilePhoneFrom) ? "inherit" : "code",
    });
  }
  return [...created.values()];
}
