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

/** check, in a preview: the binding will need the SMS code at `pulumi up`. */
export function pendingCodeWarning(accountId: string, phone: string): string {
  return (
    `${RESOURCE} for account ${accountId} (${maskPhone(phone)}) declares no verificationCode: ` +
    `pulumi up will need the SMS code sent to this number. To bind it, ${CODE_COMMANDS}.`
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
 * The member has a phone although this stack has no binding for it. Two causes look alike from here: a
 * phone bound outside the stack, or an earlier run of this stack that was interrupted (cancelled,
 * killed) after its bind went through and before the engine saved the result. Both recover the same
 * way, without editing the program: the run-wide switch. Only the masked number is named.
 */
export function alreadyBoundMessage(
  accountId: string,
  declared: string,
  requestId: string,
  refusedByResource: boolean,
): string {
  const intro =
    `${RESOURCE} for account ${accountId} (declared: ${declared}): AccountSecureMobileAlreadyExists: ` +
    "the member already has a secure mobile phone " +
    `(GetAccount shows HasSecureMobilePhone; RequestId: ${requestId}), and the service cannot change or unbind it. ` +
    "Either it was bound outside this stack, or an earlier run of this stack was interrupted (cancelled or " +
    "killed) after its bind went through and before the result was saved.";
  if (refusedByResource) {
    return (
      `${intro} This resource sets adoptExisting: false, so it is not taken into the stack; ` +
      "remove that, or remove the resource from the program."
    );
  }
  return (
    `${intro} To take the bound phone into the stack without another bind call, run: ${ADOPT_EXISTING_ENV}=true pulumi up ` +
    "(or set adoptExisting: true on this resource). " +
    "The service does not reveal the bound number, so the declared one is recorded."
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

/** create of a number with no code declared and none handed over. */
export function noVerificationCodeMessage(accountId: string, phone: string): string {
  return (
    `${RESOURCE} for account ${accountId}: no verificationCode, and ${NO_PHONE_YET}, so there is nothing to adopt. ` +
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

/** delete: there is no unbind. `bound` is describeBinding's text, or undefined for a number never declared. */
export function deleteWarning(accountId: string, bound: string | undefined): string {
  // An imported binding never declared its number (the service does not reveal it).
  const kept = bound ?? "a number this stack never declared";
  return (
    `${RESOURCE} for account ${accountId} was removed from the stack only: ` +
    `the member keeps its secure mobile phone (${kept}). Resource Manager has no operation to unbind or change it.`
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
