import { ResourceManagerClient, ClientOptions } from "./client/resourceManager";
import { ResourceManagerError, guidanceSentence } from "./client/errors";
import { redact } from "./client/redact";
import { checkBinding, CheckFailure } from "./rules/check";
import { diffBinding, BindingDiff } from "./rules/diff";
import { BindingInputs, BindingOutputs, PROVIDER_KEY, declaredBinding, isSet } from "./rules/inputs";
import { maskPhone } from "./rules/phone";
import { rebindingRefusal, describe } from "./rules/rebinding";
import { ConfigReader, Environment, maxRequestsPerSecondSetting, resolveSettings, resolveSite } from "./settings";

/**
 * The dynamic provider's methods. The serialized provider (sdk/provider.ts) forwards to an instance of
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
  check(olds: BindingInputs, news: BindingInputs): { inputs: BindingInputs; failures: CheckFailure[] } {
    const { maskedSecureMobilePhone: _derived, ...declared } = news as BindingInputs & { maskedSecureMobilePhone?: unknown };
    const binding = declaredBinding(declared);
    const inputs = binding.kind === "phone" ? { ...declared, maskedSecureMobilePhone: maskPhone(binding.phone) } : declared;
    let site;
    try {
      site = resolveSite(this.config, this.env());
      // A bad pace setting fails the preview, not the up after it.
      maxRequestsPerSecondSetting(this.config, this.env());
    } catch (error) {
      return { inputs, failures: [{ property: "", reason: (error as Error).message }] };
    }
    return { inputs, failures: checkBinding(olds, news, site) };
  }

  diff(_id: string, olds: Partial<BindingOutputs>, news: BindingInputs): BindingDiff {
    return diffBinding(olds, news);
  }

  async create(inputs: BindingInputs): Promise<CreateResult> {
    const settings = resolveSettings(this.config, this.env());
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
      if (inputs.adoptExisting === true) return { id: accountId, outs: outputsFor(inputs, { adopted: true }) };
      throw new Error(
        `SecureMobilePhoneBinding for account ${accountId}: AccountSecureMobileAlreadyExists: ${guidanceSentence("AccountSecureMobileAlreadyExists")} ` +
          `(GetAccount shows HasSecureMobilePhone; RequestId: ${status.requestId})`,
      );
    }
    if (binding.kind === "phone" && !isSet(inputs.verificationCode)) {
      throw new Error(
        `SecureMobilePhoneBinding for account ${accountId}: the member has no secure mobile phone yet (HasSecureMobilePhone is false), so there is nothing to adopt. ` +
          "Send a verification code with `npx alicloud-secure-phone send-code` and set verificationCode to bind it.",
      );
    }

    const result = await client.bindSecureMobilePhone({
      accountId,
      secureMobilePhone: binding.kind === "phone" ? binding.phone : undefined,
      verificationCode: binding.kind === "phone" ? (inputs.verificationCode as string) : undefined,
      inheritSecureMobilePhoneFrom: binding.kind === "inherit" ? binding.from : undefined,
    });
    return { id: accountId, outs: outputsFor(inputs, { adopted: false, requestId: result.requestId }) };
  }

  /** Refresh: a member that is gone, or has no phone any more, reads as gone (empty id). */
  async read(id: string, props: Partial<BindingOutputs>): Promise<{ id?: string; props?: Partial<BindingOutputs> }> {
    const status = await this.client().getMemberPhoneStatus(id);
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
    const bound = describe(declaredBinding(props));
    this.warn(
      `SecureMobilePhoneBinding for account ${id} was removed from the stack only: the member keeps its secure mobile phone (${bound}). ` +
        "Resource Manager has no operation to unbind or change it.",
    );
  }

  private client(settings = resolveSettings(this.config, this.env())): ResourceManagerClient {
    return new ResourceManagerClient(settings, this.options.client);
  }

  private env(): Environment {
    return this.options.env ? this.options.env() : process.env;
  }

  private warn(message: string): void {
    if (this.options.warn) return this.options.warn(message);
    try {
      require("@pulumi/pulumi").log.warn(message);
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
