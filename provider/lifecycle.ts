/**
 * The binding's lifecycle: check, diff, create, read, update and delete, the same for both adapters
 * (adapters/dynamic.ts for the dynamic resource, adapters/plugin/ for the provider plugin). It makes the
 * calls and applies the rules; it knows neither Pulumi nor the CLI: the adapters hand it a log and the
 * CLI handshake (ports.ts). Its texts are in messages.ts.
 */
import { ResourceManagerClient, ClientOptions } from "./client/resourceManager";
import { checkAccountId, checkBinding, codeNeededAtUp, CheckFailure } from "./rules/check";
import { diffBinding, BindingDiff } from "./rules/diff";
import { BindingInputs, BindingOutputs, PROVIDER_KEY, declaredBinding, isSet, isUnknown, normalizeInputs } from "./rules/inputs";
import { maskPhone } from "./rules/phone";
import { rebindingRefusal, describeBinding } from "./rules/rebinding";
import { ConfigReader, Environment, resolveRunSettings, resolveSettings } from "./settings";
import type { HandshakePort, LifecycleLog } from "./ports";
import * as messages from "./messages";

export interface LifecycleOptions {
  /** Environment to read settings from; the process environment, read at each call, by default. */
  env?: () => Environment;
  client?: ClientOptions;
}

/** What the adapters hand the lifecycle besides its options. */
export interface LifecyclePorts {
  /** Where the pending-code and delete warnings go; pulumi.log in a Pulumi run. */
  log: LifecycleLog;
  /** `alicloud-secure-phone up`'s side of the run: reports of pending bindings, handed-over codes. */
  handshake: HandshakePort;
}

/** What create made: the binding's id (the account ID) and its outputs. */
export interface BindingCreated {
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

/** What read found: no id when the binding is gone. */
export interface BindingRead {
  id?: string;
  props?: Partial<BindingOutputs>;
  /** Only on import: the inputs a program would declare for what was found. */
  inputs?: BindingInputs;
}

export class BindingLifecycle {
  private config: ConfigReader = () => undefined;

  constructor(
    private readonly ports: LifecyclePorts,
    private readonly options: LifecycleOptions = {},
  ) {}

  /** Stack config (all namespaces) from the engine; only read here, never stored in state. */
  configure(config: ConfigReader): void {
    this.config = config;
  }

  /**
   * Also adds the masked number to the inputs: during preview a new resource's outputs are its inputs, so
   * this is what lets a reviewer see `1-650****0100` in a PR's preview instead of [secret]. diff ignores it.
   */
  async check(
    olds: BindingInputs,
    news: BindingInputs,
    urn?: string,
  ): Promise<{ inputs: BindingInputs; failures: CheckFailure[] }> {
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
      void this.ports.log.warn(messages.pendingCodeWarning(String(declared.accountId), binding.phone), urn);
    }
    // During `alicloud-secure-phone up`'s own preview: tell it the number of a binding that needs a code.
    if (failures.length === 0) await this.reportPending(olds, declared);
    return { inputs, failures };
  }

  /**
   * After a check that passed: tell `alicloud-secure-phone up`, when it runs this preview, the account and
   * number of a binding that will need a code (the port does nothing otherwise). See handshake.ts.
   */
  private async reportPending(olds: BindingInputs, news: BindingInputs): Promise<void> {
    const binding = declaredBinding(news);
    const accountKnown = typeof news.accountId === "string" && !isUnknown(news.accountId);
    if (binding.kind !== "phone" || !accountKnown || !codeNeededAtUp(olds, news)) return;
    await this.ports.handshake.reportPending({ accountId: news.accountId as string, secureMobilePhone: binding.phone });
  }

  diff(_id: string, olds: Partial<BindingOutputs>, news: BindingInputs): BindingDiff {
    return diffBinding(olds, news);
  }

  async create(given: BindingInputs): Promise<BindingCreated> {
    const inputs = normalizeInputs(given);
    // The run-wide recovery switch too, read before any call so that a mistyped value fails at once.
    const { settings, adoptExisting: adoptAll } = resolveRunSettings(this.config, this.env());
    // check ran already in a Pulumi run; again here so a direct caller can never reach the API with bad input.
    const failures = checkBinding({}, inputs, settings.site);
    if (failures.length > 0) {
      throw new Error(messages.invalidInputMessage(failures));
    }

    const accountId = inputs.accountId as string;
    const binding = declaredBinding(inputs);
    const client = this.client(settings);

    // Ask first: it tells a member bound outside this stack from our own bind whose answer is lost later.
    const status = await client.getMemberPhoneStatus(accountId);
    if (!status.exists) throw new Error(messages.memberMissingMessage(accountId, status.requestId));
    if (status.hasSecureMobilePhone) {
      // Adopted: the service confirms a phone is bound; it does not tell which, so the declared one is recorded.
      // The resource's own adoptExisting (true or false) wins over the run-wide switch.
      const adopt = typeof inputs.adoptExisting === "boolean" ? inputs.adoptExisting : adoptAll;
      if (adopt) return { id: accountId, outs: outputsFor(inputs, { adopted: true }) };
      const refused = inputs.adoptExisting === false;
      throw new MemberAlreadyBoundError(
        accountId,
        messages.alreadyBoundMessage(accountId, describeBinding(binding), status.requestId, refused),
      );
    }
    if (binding.kind === "none") {
      // Only adoptExisting passes check without a number or inheritance, and there is nothing to adopt.
      throw new Error(messages.nothingToAdoptMessage(accountId));
    }
    // A declared code first; else the one `alicloud-secure-phone up` handed over for this account and number.
    const code =
      binding.kind !== "phone"
        ? undefined
        : isSet(inputs.verificationCode)
          ? (inputs.verificationCode as string)
          : this.ports.handshake.codeFor(accountId, binding.phone);
    if (binding.kind === "phone" && code === undefined) {
      throw new Error(messages.noVerificationCodeMessage(accountId, binding.phone));
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
  async read(id: string, props: Partial<BindingOutputs>): Promise<BindingRead> {
    const importing = !isSet(props.accountId);
    if (importing) {
      const [invalid] = checkAccountId(id);
      if (invalid) throw new Error(messages.importBadIdMessage(invalid.reason));
    }
    const status = await this.client().getMemberPhoneStatus(id);
    if (importing) {
      if (!status.exists) throw new Error(messages.importMemberMissingMessage(id, status.requestId));
      if (!status.hasSecureMobilePhone) throw new Error(messages.importNothingBoundMessage(id, status.requestId));
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
    if (refusal) throw new Error(messages.rebindingRefusedMessage(id, refusal));
    return { outs: outputsFor(news, { adopted: olds.adopted === true, requestId: olds.requestId }) };
  }

  /** There is no unbind: forget the binding and say so. */
  async delete(id: string, props: Partial<BindingOutputs>, urn?: string): Promise<void> {
    const binding = declaredBinding(props);
    const bound = binding.kind === "none" ? undefined : describeBinding(binding);
    await this.ports.log.warn(messages.deleteWarning(id, bound), urn);
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
      return typeof accountId === "string" && this.ports.handshake.codeFor(accountId, phone) !== undefined;
    } catch {
      return false;
    }
  }

  private env(): Environment {
    return this.options.env ? this.options.env() : process.env;
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

