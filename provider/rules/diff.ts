/**
 * `diff`: what a change of inputs means for a binding. Pure; runs during preview.
 * - a new accountId is another member: replace (the old binding stays on the old member, see delete);
 * - a new phone or inheritance is an update, which `update` refuses (no rebinding);
 * - a new verification code alone, `adoptExisting` and the `__provider` text are no change: the code is
 *   spent once bound, and the provider text changes with every package release.
 */

import { BindingInputs, BindingOutputs, isSet, isUnknown } from "./inputs";

export interface BindingDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

const UPDATABLE_PROPERTIES = ["secureMobilePhone", "inheritSecureMobilePhoneFrom"] as const;

export function diffBinding(olds: Partial<BindingOutputs>, news: BindingInputs): BindingDiff {
  const replaces = differs(olds.accountId, news.accountId) ? ["accountId"] : [];
  const updates = UPDATABLE_PROPERTIES.filter((name) => differs(olds[name], news[name]));
  return { changes: replaces.length > 0 || updates.length > 0, replaces, deleteBeforeReplace: false };
}

/** Absent, null and "" all mean "not set" for these string properties. */
function differs(old: unknown, next: unknown): boolean {
  if (isUnknown(next)) return true;
  return (isSet(old) ? old : undefined) !== (isSet(next) ? next : undefined);
}
