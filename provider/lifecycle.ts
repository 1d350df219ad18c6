import { ResourceManagerClient, ClientOptions } from "./client/resourceManager";
import { ResourceManagerError, guidanceSentence } from "./client/errors";
import { redact } from "./client/redact";
import { CODE_COMMANDS, checkAccountId, checkBinding, codeNeededAtUp, CheckFailure } from "./rules/check";
import { handedOverCode } from "./handedOverCodes";
import { PENDING_REPORT_VARIABLE, sendPendingReport } from "./pendingReport";
import { diffBinding, BindingDiff } from "./rules/diff";
import { BindingInputs, BindingOutputs, PROVIDER_KEY, declaredBinding, isSet, isUnknown, normalizeInputs } from "./rules/inputs";
import { maskPhone } from "./rules/phone";
import { rebindingRefusal, describe } from "./rules/rebinding";
import { ADOPT_EXISTING_ENV, ConfigReader, Environment, resolveRunSettings, resolveSettings } from "./settings";

/**
 * The dynamic provider's methods. The serialized provider (sdk/nodejs/provider.ts) forwards to an instance of
 * this, loaded from the installed package at call time, so the code that runs is always the installed
 * one and the state carries no implementation.
 */
export interface LifecycleOptions {
  /** Environment to read settings from; the process environment, read at each call, by default. */
  env?: () => Environment;
  client?: ClientOptions;
  /** Where the delete warning goes; pulumi.log.warn in a Pulumi run. */
  warn?: (message: string) => void;
}

export interface CreateResult {
  id: string;
  outs: BindingOutputs;
}

/** A member that has a phone already, met at create: an adapter may add the way in that its kind of resource has. */
export class MemberAlreadyBoundError extends Error {
  constructor(
    readonly accountId: string,
    message: string,
  ) {
    super(message);
    this.name = "MemberAlreadyBoundError";
  }
}

export interface ReadResult {
  id?: string;
  props?: Partial<BindingOutputs>;
  /** Only on import: the inputs a program would declare for what was found. */
  inputs?: BindingInputs;
}

export class BindingLifecycle {
  private config: ConfigReader = () => undefined;

  constructor(private readonly options: LifecycleOptions = {}) {}

  /** Stack config (all namespaces) from the engine; only read here, never stored in state. */
  configure(config: ConfigReader): void {
    this.config = config;
  }

  /**
   * Also adds the masked number to the inputs: during preview a new resource's outputs are its inputs, so
   * this is what lets a reviewer see `1-650****0100` in a PR's preview instead of [secret]. diff ignores it.
   */
  async check(olds: BindingInputs, news: BindingInputs): Promise<{ inputs: BindingInputs; failures: CheckFailure[] }> {
    const { maskedSecureMobilePhone: _derived, ...given } = news as BindingInputs & { maskedSecureMobilePhone?: unknown };
    const declared = normalizeInputs(given);
    const binding = declaredBinding(declared);
    const inputs = binding.kind === "phone" ? { ...declared, maskedSecureMobilePhone: maskPhone(binding.phone) } : declared;
    let site;
    try {
      // Every setting, not only the site: a bad one fails the preview, not the up after it.
      site = resolveRunSettings(this.config, this.env()).settings.site;
    } catch (error) {
      return { inputs, failures: [{ property: "", reason: (error as Error).message }] };
    }
    const failures = checkBinding(olds, declared, site);
    if (failures.length === 0 && binding.kind === "phone" && codeNeededAtUp(olds, declared) && !this.codeHandedOver(declared.accountId, binding.phone)) {
      // A dynamic provider's check cannot return a warning; a log line reaches the preview's output.
      void this.warn(
        `SecureMobilePhoneBinding for account ${String(declared.accountId)} (${maskPhone(binding.phone)}) declares no verificationCode: ` +
          `pulumi up will need the SMS code sent to this number. To bind it, ${CODE_COMMANDS}.`,
      );
    }
    // During `alicloud-secure-phone up`'s own preview: tell it the number of a binding that needs a code.
    if (failures.length === 0) await this.reportPending(olds, declared);
    return { inputs, failures };
  }

  /**
   * After a check that passed: when `alicloud-secure-phone up` runs this preview (its socket named in the environment),
   * tell it the account and number of a binding that will need a code. See pendingReport.ts.
   */
  private async reportPending(olds: BindingInputs, news: BindingInputs): Promise<void> {
    const socketPath = this.env()[PENDING_REPORT_VARIABLE];
    const binding = declaredBinding(news);
    const accountKnown = typeof news.accountId === "string" && !isUnknown(news.accountId);
    if (!socketPath || binding.kind !== "phone" || !accountKnown || !codeNeededAtUp(olds, news)) return;
    await sendPendingReport(socketPath, { accountId: news.accountId as string, secureMobilePhone: binding.phone });
  }

  diff(_id: string, olds: Partial<BindingOutputs>, news: BindingInputs): BindingDiff {
    return diffBinding(olds, news);
  }

  async create(given: BindingInputs): Promise<CreateResult> {
    const inputs = normalizeInputs(given);
    // The run-wide recovery switch too, read before any call so that a mistyped value fails at once.
    const { settings, adoptExisting: adoptAll } = resolveRunSettings(this.config, this.env());
    // check ran already in a Pulumi run; again here so a direct caller can never reach the API with bad input.
    const failures = checkBinding({}, inputs, settings.site);
    if (failures.length > 0) {
      throw new Error(`SecureMobilePhoneBinding: invalid input, nothing was called:\n${failures.map(describeFailure).join("\n")}`);
    }

    const accountId = inputs.accountId as string;
    const binding = declaredBinding(inputs);
    const client = this.client(settings);

    // Ask first: it tells a member bound outside this stack from our own bind whose answer is lost later.
    const status = await client.getMemberPhoneStatus(accountId);
    if (!status.exists) {
      throw new Error(
        `SecureMobilePhoneBinding for account ${accountId}: ${guidanceSentence("EntityNotExists.Account")} (GetAccount RequestId: ${status.requestId ?? "none"})`,
      );
    }
    if (status.hasSecureMobilePhone) {
      // Adopted: the service confirms a phone is bound; it does not tell which, so the declared one is recorded.
      // The resource's own adoptExisting (true or false) wins over the run-wide switch.
      const adopt = typeof inputs.adoptExisting === "boolean" ? inputs.adoptExisting : adoptAll;
      if (adopt) return { id: accountId, outs: outputsFor(inputs, { adopted: true }) };
      throw new MemberAlreadyBoundError(accountId, alreadyBoundMessage(accountId, describe(binding), status.requestId, inputs.adoptExisting === false));
    }
    if (binding.kind === "none") {
      // Only adoptExisting passes check without a number or inheritance, and there is nothing to adopt.
      throw new Error(
        `SecureMobilePhoneBinding for account ${accountId}: the member has no secure mobile phone yet (HasSecureMobilePhone is false), so there is nothing to adopt, ` +
          "and no number is declared to bind. Declare secureMobilePhone (with a verification code) or inheritSecureMobilePhoneFrom.",
      );
    }
    // A declared code first; else the one `alicloud-secure-phone up` handed over for this account and number.
    const code =
      binding.kind !== "phone"
        ? undefined
        : isSet(inputs.verificationCode)
          ? (inputs.verificationCode as string)
          : handedOverCode(this.env(), accountId, binding.phone);
    if (binding.kind === "phone" && code === undefined) {
      throw new Error(
        `SecureMobilePhoneBinding for account ${accountId}: no verificationCode, and the member has no secure mobile phone yet (HasSecureMobilePhone is false), so there is nothing to adopt. ` +
          `To bind ${maskPhone(binding.phone)}, ${CODE_COMMANDS}.`,
      );
    }

    const result = await client.bindSecureMobilePhone({
      accountId,
      secureMobilePhone: binding.kind === "phone" ? binding.phone : undefined,
      verificationCode: code,
      inheritSecureMobilePhoneFrom: binding.kind === "inherit" ? binding.from : undefined,
    });
    return { id: accountId, outs: outputsFor(inputs, { adopted: false, requestId: result.requestId }) };
  }

  /**
   * Refresh: a member that is gone, or has no phone any more, reads as gone (empty id); the stored inputs
   * stay as they are (no `inputs` returned), so secret inputs are kept.
   *
   * Import (`pulumi import`, the `import` option, `refresh --import-pending-creates`): no state yet. A
   * member with a phone becomes an adopted binding whose number is undeclared (the service never reveals
   * it); anything else is an error naming the member, never an empty read.
   */
  async read(id: string, props: Partial<BindingOutputs>): Promise<ReadResult> {
    const importing = !isSet(props.accountId);
    if (importing) {
      const [invalid] = checkAccountId(id);
      if (invalid) throw new Error(`SecureMobilePhoneBinding import: the id must be the member's account ID; it ${invalid.reason}`);
    }
    const status = await this.client().getMemberPhoneStatus(id);
    if (importing) {
      if (!status.exists) {
        throw new Error(`SecureMobilePhoneBinding import of account ${id}: ${guidanceSentence("EntityNotExists.Account")} (GetAccount RequestId: ${status.requestId ?? "none"})`);
      }
      if (!status.hasSecureMobilePhone) {
        throw new Error(
          `SecureMobilePhoneBinding import of account ${id}: the member has no secure mobile phone (HasSecureMobilePhone is false), so there is no binding to import. ` +
            `Declare the binding with secureMobilePhone (and a verification code) or inheritSecureMobilePhoneFrom, and run pulumi up to bind one. (GetAccount RequestId: ${status.requestId})`,
        );
      }
      return { id, props: { accountId: id, adopted: true }, inputs: { accountId: id, adoptExisting: true } };
    }
    if (!status.exists || !status.hasSecureMobilePhone) return {};
    const { [PROVIDER_KEY]: _provider, ...outputs } = props;
    return { id, props: outputs };
  }

  /**
   * diff reports a change only for a new number or inheritance (refused at check already), or for a value
   * that was unknown at preview and is known now: refuse a rebinding, otherwise keep the binding as it is.
   */
  async update(id: string, olds: Partial<BindingOutputs>, news: BindingInputs): Promise<{ outs: BindingOutputs }> {
    const refusal = rebindingRefusal(declaredBinding(olds), declaredBinding(news));
    if (refusal) throw new Error(`SecureMobilePhoneBinding for account ${id}: ${refusal}`);
    return { outs: outputsFor(news, { adopted: olds.adopted === true, requestId: olds.requestId }) };
  }

  /** There is no unbind: forget the binding and say so. */
  async delete(id: string, props: Partial<BindingOutputs>): Promise<void> {
    const binding = declaredBinding(props);
    // An imported binding never declared its number (the service does not reveal it).
    const bound = binding.kind === "none" ? "a number this stack never declared" : describe(binding);
    await this.warn(
      `SecureMobilePhoneBinding for account ${id} was removed from the stack only: the member keeps its secure mobile phone (${bound}). ` +
        "Resource Manager has no operation to unbind or change it.",
    );
  }

  private client(settings = resolveSettings(this.config, this.env())): ResourceManagerClient {
    return new ResourceManagerClient(settings, this.options.client);
  }

  /** What is wrong with these settings (the plugin's CheckConfig), judged as check and create judge them; undefined when nothing. */
  settingsProblem(config: ConfigReader): string | undefined {
    try {
      resolveRunSettings(config, this.env());
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** Whether `alicloud-secure-phone up` handed a code over for this binding; a malformed variable counts as none here (create says what is wrong). */
  private codeHandedOver(accountId: unknown, phone: string): boolean {
    try {
      return typeof accountId === "string" && handedOverCode(this.env(), accountId, phone) !== undefined;
    } catch {
      return false;
    }
  }

  private env(): Environment {
    return this.options.env ? this.options.env() : process.env;
  }

  /**
   * Resolves once the engine has the message: a provider process may be stopped right after its last call,
   * and a log line still on its way is lost (seen with the plugin at destroy).
   */
  private async warn(message: string): Promise<void> {
    if (this.options.warn) return this.options.warn(message);
    try {
      await require("@pulumi/pulumi").log.warn(message);
    } catch {
      console.warn(message);
    }
  }
}

function outputsFor(inputs: BindingInputs, extra: { adopted: boolean; requestId?: string }): BindingOutputs {
  const binding = declaredBinding(inputs);
  const outputs: BindingOutputs = { accountId: inputs.accountId as string, adopted: extra.adopted };
  if (binding.kind === "phone") {
    outputs.secureMobilePhone = binding.phone;
    outputs.maskedSecureMobilePhone = maskPhone(binding.phone);
  }
  if (binding.kind === "inherit") outputs.inheritSecureMobilePhoneFrom = binding.from;
  if (extra.requestId) outputs.requestId = extra.requestId;
  return outputs;
}

/**
 * The member has a phone although this stack has no binding for it. Two causes look alike from here: a
 * phone bound outside the stack, or an earlier run of this stack that was interrupted (cancelled,
 * killed) after its bind went through and before the engine saved the result. Both recover the same
 * way, without editing the program: the run-wide switch. Only the masked number is named.
 */
export function alreadyBoundMessage(accountId: string, declared: string, requestId: string, refusedByResource: boolean): string {
  const intro =
    `SecureMobilePhoneBinding for account ${accountId} (declared: ${declared}): AccountSecureMobileAlreadyExists: ` +
    `the member already has a secure mobile phone (GetAccount shows HasSecureMobilePhone; RequestId: ${requestId}), and the service cannot change or unbind it. ` +
    "Either it was bound outside this stack, or an earlier run of this stack was interrupted (cancelled or killed) after its bind went through and before the result was saved.";
  if (refusedByResource) {
    return `${intro} This resource sets adoptExisting: false, so it is not taken into the stack; remove that, or remove the resource from the program.`;
  }
  return (
    `${intro} To take the bound phone into the stack without another bind call, run: ${ADOPT_EXISTING_ENV}=true pulumi up ` +
    "(or set adoptExisting: true on this resource). The service does not reveal the bound number, so the declared one is recorded."
  );
}

function describeFailure(failure: CheckFailure): string {
  return failure.property ? `${failure.property}: ${failure.reason}` : failure.reason;
}

/** Errors leave the provider with their text redacted once more, whatever produced them. */
export function redactedError(error: unknown, secrets: readonly (string | undefined)[]): Error {
  // Some libraries throw plain objects with a message (pop-core's SyntaxError); keep that message.
  const message = (error as { message?: unknown } | undefined)?.message;
  const clean = new Error(redact(typeof message === "string" ? message : String(error), secrets));
  if (error instanceof ResourceManagerError) clean.name = error.name;
  return clean;
}
