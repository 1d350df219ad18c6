/**
 * The texts the binding's lifecycle and adapters say, beside the error table (client/errors.ts) whose
 * guidance some of them quote, so a message is found where its code is and changed in one place. Pure
 * functions of their parameters: no I/O, no settings read. Numbers are only ever shown masked.
 */
import { guidanceSentence } from "./client/errors";
import { CODE_COMMANDS, CheckFailure } from "./rules/check";
import { maskPhone } from "./rules/phone";
import { ADOPT_EXISTING_ENV } from "./settings";

const RESOURCE = "SecureMobilePhoneBinding";
const NO_PHONE_YET = "the member has no secure mobile phone yet (HasSecureMobilePhone is false)";

/** create, and check through check.ts: the inputs are wrong; no call was made. */
export function invalidInputMessage(failures: readonly CheckFailure[]): string {
  return `${RESOURCE}: invalid input, nothing was called:\n${failures.map(describeFailure).join("\n")}`;
}

function describeFailure(failure: CheckFailure): string {
  return failure.property ? `${failure.property}: ${failure.reason}` : failure.reason;
}

/**
 * The member a message is about: `account <id>`, or, while the ID is still an output of another resource
 * (a member created in the same run, at preview), says so instead of printing Pulumi's unknown-value
 * placeholder as if it were an ID.
 */
function accountPhrase(accountId: string | undefined): string {
  return accountId === undefined
    ? "an account not known yet (its ID is the output of a resource this run creates or changes)"
    : `account ${accountId}`;
}

/**
 * check, in a preview: the binding will need the SMS code at `pulumi up`. A preview makes no call, so it cannot
 * know whether the member has a phone already; the warning names every outcome create can reach:
 * - under adoption (the switch or the resource's adoptExisting), the member's phone is taken in if it has one;
 * - otherwise a member that already has this number, shown by GetAccount, is taken in with no code (what a plain
 *   `up` after `pulumi destroy` meets), unless the resource refuses adoption itself (`adoptExisting: false`);
 * - the code is named as needed only for a member with no phone: one with another phone, or one not shown, is
 *   refused at up with its own way in, and no code would help it.
 * `accountId` is undefined while it is not known yet.
 */
export function pendingCodeWarning(
  accountId: string | undefined,
  phone: string,
  adoptIfBound = false,
  refusesAdoption = false,
): string {
  const head = `${RESOURCE} for ${accountPhrase(accountId)} (${maskPhone(phone)}) declares no verificationCode: `;
  if (adoptIfBound) {
    return (
      `${head}adoption is on, so pulumi up takes the member's phone into the stack without a bind call if it has ` +
      "one already (unless the service shows another number); if it has none, pulumi up will need the SMS code " +
      `sent to this number. To bind it then, ${CODE_COMMANDS}.`
    );
  }
  const needed = `${head}pulumi up will need the SMS code sent to this number if the member has no phone yet`;
  if (refusesAdoption) return `${needed}. To bind it, ${CODE_COMMANDS}.`;
  return (
    `${needed}; if it already has this number bound and GetAccount shows it (as after a \`pulumi destroy\`), ` +
    `pulumi up takes it into the stack without a code or a bind call. To bind it, ${CODE_COMMANDS}.`
  );
}

/**
 * check, in a preview of a new accountId: the engine replaces the binding, and the delete half of that only
 * forgets. Said at preview, where the reviewer decides, not only at the delete during up. `was` is
 * describeBinding's text of the binding in state, or undefined for a number never declared (an import).
 */
export function replacementWarning(previous: string, next: string, was: string | undefined): string {
  return (
    `${RESOURCE} for account ${previous}: accountId changes to ${next}, so pulumi up replaces this binding: ` +
    "the new member gets a binding of its own, and " +
    `the old one is only removed from the stack: account ${previous} keeps its secure mobile phone (${was ?? "a number this stack never declared"}), ` +
    "because Resource Manager has no operation to unbind or change it."
  );
}

/** create: GetAccount says the member does not exist (EntityNotExists.Account). */
export function memberMissingMessage(accountId: string, requestId: string | undefined): string {
  return (
    `${RESOURCE} for account ${accountId}: ${guidanceSentence("EntityNotExists.Account")} ` +
    `(GetAccount RequestId: ${requestId ?? "none"})`
  );
}

/**
 * The member has a phone although this stack has no binding for it, and the service does not show which
 * number (or shows it in a form that cannot be compared). Three causes look alike from here: a phone bound
 * outside the stack, this stack's own earlier `pulumi destroy` (which leaves the phone bound), or an
 * earlier run of this stack that was interrupted (cancelled, killed) after its bind went through and before
 * the engine saved the result. All recover the same way, without editing the program: the run-wide switch.
 * Only the masked number is named.
 */
export function alreadyBoundMessage(
  accountId: string,
  declared: string,
  requestId: string,
  refusedByResource: boolean,
  shownButNotComparable = false,
): string {
  const intro =
    `${RESOURCE} for account ${accountId} (declared: ${declared}): AccountSecureMobileAlreadyExists: ` +
    "the member already has a secure mobile phone " +
    `(GetAccount shows HasSecureMobilePhone; RequestId: ${requestId}), and the service cannot change or unbind it. ` +
    "Either it was bound outside this stack, or this stack bound it before a `pulumi destroy` (destroy leaves " +
    "the phone bound), or an earlier run of this stack was interrupted (cancelled or killed) after its bind " +
    "went through and before the result was saved.";
  if (refusedByResource) {
    return (
      `${intro} This resource sets adoptExisting: false, so it is not taken into the stack; ` +
      "remove that, or remove the resource from the program."
    );
  }
  const unseen = shownButNotComparable
    ? "The service shows the bound number in a form that cannot be compared with the declared one, " +
      "so the declared one is recorded."
    : "The service does not show the bound number, so the declared one is recorded.";
  return (
    `${intro} To take the bound phone into the stack without another bind call, run: ${ADOPT_EXISTING_ENV}=true pulumi up ` +
    `(or set adoptExisting: true on this resource). ${unseen}`
  );
}

/**
 * The service shows the member's bound number, and it is not the declared one: it can never be changed, so
 * neither a bind nor adoption can make the declared binding true. `shown` comes from displayShownPhone
 * (rules/shownPhone.ts), `declared` from maskPhone. `when` says whether create met it, or the state holds it
 * from a refresh or an import (then the preview stops at diff, before any call).
 */
export function shownMismatchMessage(
  accountId: string,
  shown: string,
  declared: string,
  when: "create" | "state",
): string {
  const seen = when === "create" ? "GetAccount shows" : "the last refresh or import recorded that the service shows";
  const wayOut =
    when === "create"
      ? "declare the number that is bound, or remove this resource from the program"
      : "declare the number that is bound, or remove this resource from the program (the member keeps its phone; " +
        "the binding only leaves the stack)";
  return (
    `${RESOURCE} for account ${accountId}: the secure mobile phone of this member is already bound and the service ` +
    "cannot change a bound phone (BindSecureMobilePhone sets it once; there is no unbind). " +
    `Bound (${seen}): ${shown}; declared: ${declared}. No bind call was made. To go on, ${wayOut}.`
  );
}

/** create: the service shows the declared number bound already, so the binding is taken in with no bind call. */
export function adoptedShownMessage(accountId: string, declared: string): string {
  return (
    `${RESOURCE} for account ${accountId}: the member already has ${declared} bound (GetAccount shows it), ` +
    "so it is taken into the stack as adopted, without a bind call."
  );
}

/** create with adoptExisting only, for a member that has no phone: nothing to adopt, nothing to bind. */
export function nothingToAdoptMessage(accountId: string): string {
  return (
    `${RESOURCE} for account ${accountId}: ${NO_PHONE_YET}, so there is nothing to adopt, ` +
    "and no number is declared to bind. " +
    "Declare secureMobilePhone (with a verification code) or inheritSecureMobilePhoneFrom."
  );
}

/**
 * create of a number with no code declared and none handed over. Adoption is named only to a user who asked
 * for it (the switch or adoptExisting): to anyone else "nothing to adopt" answers a question never asked.
 */
export function noVerificationCodeMessage(accountId: string, phone: string, adoptAsked: boolean): string {
  const nothing = adoptAsked ? `${NO_PHONE_YET}, so there is nothing to adopt` : NO_PHONE_YET;
  return (
    `${RESOURCE} for account ${accountId}: no verificationCode, and ${nothing}. ` +
    `To bind ${maskPhone(phone)}, ${CODE_COMMANDS}.`
  );
}

/** Import refused: the id is not an account ID (`reason` from check.ts says how). */
export function importBadIdMessage(reason: string): string {
  return `${RESOURCE} import: the id must be the member's account ID; it ${reason}`;
}

/** Import refused: GetAccount says the member does not exist. */
export function importMemberMissingMessage(accountId: string, requestId: string | undefined): string {
  return (
    `${RESOURCE} import of account ${accountId}: ${guidanceSentence("EntityNotExists.Account")} ` +
    `(GetAccount RequestId: ${requestId ?? "none"})`
  );
}

/** Import refused: the member has no phone, so there is no binding to take into the stack. */
export function importNothingBoundMessage(accountId: string, requestId: string | undefined): string {
  return (
    `${RESOURCE} import of account ${accountId}: the member has no secure mobile phone (HasSecureMobilePhone is false), ` +
    "so there is no binding to import. Declare the binding with secureMobilePhone (and a verification code) " +
    `or inheritSecureMobilePhoneFrom, and run pulumi up to bind one. (GetAccount RequestId: ${requestId})`
  );
}

/** update: a rebinding (`refusal` from rules/rebinding.ts) reached the update. */
export function rebindingRefusedMessage(accountId: string, refusal: string): string {
  return `${RESOURCE} for account ${accountId}: ${refusal}`;
}

/** How a forgotten binding comes back into a stack: what delete knows of it from state. */
export interface WayBack {
  /** The service showed the bound number (a refresh, an import or the create recorded it). */
  shown: boolean;
  /** The binding declares inheritance, which is never matched against a shown number. */
  inherited: boolean;
}

/**
 * delete: there is no unbind. `bound` is describeBinding's text, or undefined for a number never declared.
 * It names the way back, since a member that keeps its phone can only ever be taken in, never bound again.
 */
export function deleteWarning(accountId: string, bound: string | undefined, wayBack: WayBack): string {
  // An imported binding may never have declared its number.
  const kept = bound ?? "a number this stack never declared";
  const back =
    wayBack.shown && !wayBack.inherited && bound !== undefined
      ? "To take it into a stack again, declare the same number and run a plain `pulumi up`: the service shows the " +
        "bound number, so it is matched and taken in without a bind call."
      : `To take it into a stack again, run \`${ADOPT_EXISTING_ENV}=true pulumi up\` (or set adoptExisting: true on ` +
        "the resource), or, with the provider plugin, `pulumi import` it by its account ID.";
  return (
    `${RESOURCE} for account ${accountId} was removed from the stack only: ` +
    `the member keeps its secure mobile phone (${kept}). ` +
    `Resource Manager has no operation to unbind or change it. ${back}`
  );
}

/**
 * What a plugin binding has that a dynamic one lacks: `pulumi import`, which takes the bound member into
 * state with one read and no bind, whatever bound it (another tool, or an earlier run of this stack that
 * was interrupted after its bind went through). The next `up` records the declared number, without a call.
 */
export function importCommandHint(type: string, name: string, accountId: string, nested: boolean): string {
  const parent = nested ? " (with --parent <URN of its parent>, as it sits in a component)" : "";
  const command = `pulumi import ${type} ${name} ${accountId} --protect=false --generate-code=false --yes`;
  return (
    "To take this member's binding into the stack as it is " +
    "(also the way back after an interrupted `pulumi up` of this stack), " +
    `run \`${command}\`${parent}, then \`pulumi up\`.`
  );
}

/** The plugin was asked about a type it does not serve: a bug of the caller, said plainly. */
export function unknownTypeMessage(type: string | undefined, served: readonly string[]): string {
  return `alicloud-secure-phone: unknown resource type ${type}; this provider serves ${served.join(", ")}`;
}
