/**
 * The binding's lifecycle: check, diff, create, read, update and delete, the same for both adapters
 * (adapters/dynamic.ts for the dynamic resource, adapters/plugin/ for the provider plugin). It makes the
 * calls and applies the rules; it knows neither Pulumi nor the CLI: the adapters hand it a log and the
 * CLI handshake (ports.ts). Its texts are in messages.ts.
 */
import { ResourceManagerClient, ClientOptions } from "./client/resourceManager";
import { checkAccountId, codeNeededAtUp, CheckFailure, parseBinding } from "./rules/check";
import { diffBinding, BindingDiff } from "./rules/diff";
import {
  Binding,
  BindingInputs,
  BindingOutputs,
  PROVIDER_KEY,
  bindingOf,
  declaredBinding,
  isSet,
  isUnknown,
  normalizeInputs,
} from "./rules/inputs";
import { maskPhone } from "./rules/phone";
import { rebindingRefusal, describeBinding } from "./rules/rebinding";
import { displayShownPhone, matchShownPhone, ShownPhoneMatch } from "./rules/shownPhone";
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
  /** Where the pending-code and delete warnings go; the engine's Log service in a Pulumi run (adapters/engineLog.ts). */
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
  /** Account IDs this process has checked: what tells a preview's or up's diff from a refresh's (see diff). */
  private readonly checked = new Set<string>();
  /** The pending-code warnings this process has given (see firstWarning). */
  private readonly warned = new Set<string>();
  /** The client of the current settings (see client()). */
  private cachedClient: { key: string; client: ResourceManagerClient } | undefined;

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
    news: BindingInputs & { maskedSecureMobilePhone?: unknown },
    urn?: string,
  ): Promise<{ inputs: BindingInputs; failures: CheckFailure[] }> {
    // The masked number is check's own addition (see above): judged anew from the number, never taken as given.
    const { maskedSecureMobilePhone: _derived, ...given } = news;
    const declared = normalizeInputs(given);
    if (typeof declared.accountId === "string" && !isUnknown(declared.accountId)) this.checked.add(declared.accountId);
    const binding = declaredBinding(declared);
    const inputs =
      binding.kind === "phone" ? { ...declared, maskedSecureMobilePhone: maskPhone(binding.phone) } : declared;
    let site;
    let sources;
    let adoptAll;
    try {
      // Every setting, not only the site: a bad one fails the preview, not the up after it.
      ({
        settings: { site, sources },
        adoptExisting: adoptAll,
      } = resolveRunSettings(this.config, this.env()));
    } catch (error) {
      return { inputs, failures: [{ property: "", reason: messageOf(error) }] };
    }
    const parsed = parseBinding(olds, declared, site, sources?.site);
    if (!parsed.binding) return { inputs, failures: parsed.failures };
    const { accountId } = parsed.binding;
    if (binding.kind === "phone" && codeNeededAtUp(olds, declared) && !this.codeHandedOver(accountId, binding.phone)) {
      // A dynamic provider's check cannot return a warning; a log line reaches the preview's output.
      const adopt = adoptionAsked(parsed.binding, adoptAll);
      const known = isUnknown(accountId) ? undefined : accountId;
      if (this.firstWarning(urn, known, binding.phone)) {
        const refuses = parsed.binding.adoptExisting === false;
        void this.ports.log.warn(messages.pendingCodeWarning(known, binding.phone, adopt, refuses), urn);
      }
    }
    this.warnOfReplacement(normalizeInputs(olds), declared, urn);
    // During `alicloud-secure-phone up`'s own preview: tell it the number of a binding that needs a code.
    await this.reportPending(olds, declared, accountId);
    return { inputs, failures: [] };
  }

  /**
   * The engine checks a replacement twice, the second time with no old inputs: one pending-code warning per
   * binding and process. Without a URN (a program's own dynamic resource sends none) every check warns.
   */
  private firstWarning(urn: string | undefined, accountId: string | undefined, phone: string): boolean {
    if (urn === undefined) return true;
    const key = JSON.stringify([urn, accountId, phone]);
    if (this.warned.has(key)) return false;
    this.warned.add(key);
    return true;
  }

  /**
   * A new accountId for a binding in state is a replacement, whose delete only forgets: say so at preview,
   * where the reviewer decides (the first check of a replacement is handed the old inputs, the second none).
   * An accountId not known yet may be the same member: nothing is said until it is known.
   */
  private warnOfReplacement(olds: BindingInputs, news: BindingInputs, urn: string | undefined): void {
    const [previous, next] = [olds.accountId, news.accountId];
    if (typeof previous !== "string" || !isSet(previous) || isUnknown(previous)) return;
    if (typeof next !== "string" || !isSet(next) || isUnknown(next) || next === previous) return;
    const was = declaredBinding(olds);
    void this.ports.log.warn(
      messages.replacementWarning(previous, next, was.kind === "none" ? undefined : describeBinding(was)),
      urn,
    );
  }

  /**
   * After a check that passed: tell `alicloud-secure-phone up`, when it runs this preview, the account and
   * number of a binding that will need a code (the port does nothing otherwise). See handshake.ts.
   */
  private async reportPending(olds: BindingInputs, news: BindingInputs, accountId: string): Promise<void> {
    const binding = declaredBinding(news);
    if (binding.kind !== "phone" || isUnknown(accountId) || !codeNeededAtUp(olds, news)) return;
    await this.ports.handshake.reportPending({ accountId, secureMobilePhone: binding.phone });
  }

  /**
   * Also the place where a shown number recorded by a refresh or an import meets the declared one: a number
   * that does not match stops the preview here, before any call (check is not handed the old outputs).
   * The engine calls diff after each read of a refresh too (CLI 3.248, to show drift), and a refusal there
   * would fail the refresh, so the number found would never reach state. A preview or an up checks every
   * binding before it diffs it, a refresh never does: only a binding this process has checked is refused.
   */
  diff(id: string, olds: Partial<BindingOutputs>, news: BindingInputs): BindingDiff {
    const declared = declaredBinding(news);
    const shown = olds.boundSecureMobilePhone;
    if (typeof shown === "string" && shown && declared.kind === "phone" && sameMember(olds, normalizeInputs(news))) {
      const verdict = matchShownPhone(shown, declared.phone);
      if (verdict === "mismatch" && this.checked.has(id)) {
        const display = displayShownPhone(shown, declared.phone);
        throw new Error(messages.shownMismatchMessage(id, display, maskPhone(declared.phone), "state"));
      }
      // An imported binding never declared its number: the shown one matching the declared is no change.
      if (verdict === "match" && declaredBinding(olds).kind === "none") {
        return diffBinding({ ...olds, secureMobilePhone: declared.phone }, news);
      }
    }
    return diffBinding(olds, news);
  }

  /** `urn`, when the adapter knows it, is where the one line about a binding taken in goes. */
  async create(given: BindingInputs, urn?: string): Promise<BindingCreated> {
    // The run-wide recovery switch too, read before any call so that a mistyped value fails at once.
    const { settings, adoptExisting: adoptAll } = resolveRunSettings(this.config, this.env());
    // check ran already in a Pulumi run; again here so a direct caller can never reach the API with bad input.
    const parsed = parseBinding({}, normalizeInputs(given), settings.site, settings.sources?.site);
    if (!parsed.binding) {
      throw new Error(messages.invalidInputMessage(parsed.failures));
    }

    const inputs = parsed.binding;
    const accountId = inputs.accountId;
    const binding = declaredBinding(inputs);
    const client = this.client(settings);

    // Ask first: it tells a member bound outside this stack from our own bind whose answer is lost later.
    const status = await client.getMemberPhoneStatus(accountId);
    if (!status.exists) throw new Error(messages.memberMissingMessage(accountId, status.requestId));
    // The resource's own adoptExisting (true or false) wins over the run-wide switch.
    const adopt = adoptionAsked(inputs, adoptAll);
    if (status.hasSecureMobilePhone) {
      const shown = status.shownSecureMobilePhone;
      // Inheritance is never compared: what the service shows for an inherited phone is not documented.
      const verdict: ShownPhoneMatch =
        binding.kind === "phone" && shown ? matchShownPhone(shown, binding.phone) : "cannot tell";
      if (binding.kind === "phone" && shown && verdict === "mismatch") {
        // Neither a bind nor adoption can make the declared number true: it can never be changed.
        const display = displayShownPhone(shown, binding.phone);
        throw new Error(messages.shownMismatchMessage(accountId, display, maskPhone(binding.phone), "create"));
      }
      // Shown and matching: the desired state holds already (unless this resource refuses adoption itself).
      if (binding.kind === "phone" && verdict === "match" && inputs.adoptExisting !== false) {
        await this.ports.log.info(messages.adoptedShownMessage(accountId, maskPhone(binding.phone)), urn);
        return { id: accountId, outs: outputsFor(inputs, { adopted: true, bound: shown }) };
      }
      // Adopted by request: the service confirms a phone is bound; it does not tell (or not comparably) which,
      // so the declared one is recorded.
      const recorded = binding.kind === "inherit" ? undefined : shown;
      if (adopt) return { id: accountId, outs: outputsFor(inputs, { adopted: true, bound: recorded }) };
      const refused = inputs.adoptExisting === false;
      const uncomparable = binding.kind === "phone" && shown !== undefined;
      throw new MemberAlreadyBoundError(
        accountId,
        messages.alreadyBoundMessage(accountId, describeBinding(binding), status.requestId, refused, uncomparable),
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
        : (inputs.verificationCode ?? this.ports.handshake.codeFor(accountId, binding.phone));
    if (binding.kind === "phone" && code === undefined) {
      throw new Error(messages.noVerificationCodeMessage(accountId, binding.phone, adopt === true));
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
   * Both record the number the service shows (boundSecureMobilePhone, a secret), or drop an old record when
   * it shows none any more: diff compares it with the declared number.
   *
   * Import (`pulumi import`, the `import` option, `refresh --import-pending-creates`): no state yet. A
   * member with a phone becomes an adopted binding whose number is undeclared (the service shows it masked,
   * if at all); anything else is an error naming the member, never an empty read.
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
      const props = { accountId: id, adopted: true, ...shownOf(status.shownSecureMobilePhone) };
      return { id, props, inputs: { accountId: id, adoptExisting: true } };
    }
    if (!status.exists || !status.hasSecureMobilePhone) return {};
    const { [PROVIDER_KEY]: _provider, boundSecureMobilePhone: _before, ...outputs } = props;
    return { id, props: { ...outputs, ...shownOf(status.shownSecureMobilePhone) } };
  }

  /**
   * diff reports a change only for a new number or inheritance (refused at check already), or for a value
   * that was unknown at preview and is known now: refuse a rebinding, otherwise keep the binding as it is.
   */
  async update(id: string, olds: Partial<BindingOutputs>, news: BindingInputs): Promise<{ outs: BindingOutputs }> {
    const refusal = rebindingRefusal(declaredBinding(olds), declaredBinding(news));
    if (refusal) throw new Error(messages.rebindingRefusedMessage(id, refusal));
    const bound = olds.boundSecureMobilePhone;
    return { outs: outputsFor(bindingOf(news), { adopted: olds.adopted === true, requestId: olds.requestId, bound }) };
  }

  /** There is no unbind: forget the binding and say so. */
  async delete(id: string, props: Partial<BindingOutputs>, urn?: string): Promise<void> {
    const binding = declaredBinding(props);
    const bound = binding.kind === "none" ? undefined : describeBinding(binding);
    const shown = props.boundSecureMobilePhone;
    const matched =
      binding.kind === "phone" && typeof shown === "string" && matchShownPhone(shown, binding.phone) === "match";
    const wayBack = { shown: matched, inherited: binding.kind === "inherit" };
    await this.ports.log.warn(messages.deleteWarning(id, bound, wayBack), urn);
  }

  /**
   * One client while the settings stay the same: its HTTP agents keep their connections alive across the
   * bindings of a run (a client per call opened a connection per call, a fifth of the provider's CPU at up).
   */
  private client(settings = resolveSettings(this.config, this.env())): ResourceManagerClient {
    const key = JSON.stringify(settings);
    if (this.cachedClient?.key !== key)
      this.cachedClient = { key, client: new ResourceManagerClient(settings, this.options.client) };
    return this.cachedClient.client;
  }

  /** What is wrong with these settings (the plugin's CheckConfig), judged as check and create judge them; undefined when nothing. */
  settingsProblem(config: ConfigReader): string | undefined {
    try {
      resolveRunSettings(config, this.env());
      return undefined;
    } catch (error) {
      return messageOf(error);
    }
  }

  /** Whether `alicloud-secure-phone up` handed a code over for this binding; a malformed variable counts as none here (create says what is wrong). */
  private codeHandedOver(accountId: string, phone: string): boolean {
    try {
      return this.ports.handshake.codeFor(accountId, phone) !== undefined;
    } catch {
      return false;
    }
  }

  private env(): Environment {
    return this.options.env ? this.options.env() : process.env;
  }
}

function outputsFor(inputs: Binding, extra: { adopted: boolean; requestId?: string; bound?: string }): BindingOutputs {
  const binding = declaredBinding(inputs);
  const outputs: BindingOutputs = { accountId: inputs.accountId, adopted: extra.adopted };
  if (binding.kind === "phone") {
    outputs.secureMobilePhone = binding.phone;
    outputs.maskedSecureMobilePhone = maskPhone(binding.phone);
  }
  if (binding.kind === "inherit") outputs.inheritSecureMobilePhoneFrom = binding.from;
  if (extra.requestId) outputs.requestId = extra.requestId;
  if (extra.bound) outputs.boundSecureMobilePhone = extra.bound;
  return outputs;
}

/** Whether adoption is asked for: the resource's own adoptExisting (true or false) wins over the run-wide switch. */
function adoptionAsked(inputs: Binding, runWide: boolean): boolean {
  return typeof inputs.adoptExisting === "boolean" ? inputs.adoptExisting : runWide;
}

function shownOf(shown: string | undefined): Pick<BindingOutputs, "boundSecureMobilePhone"> {
  return shown ? { boundSecureMobilePhone: shown } : {};
}

/** The old outputs and the new inputs name the same member (a new accountId is a replacement, judged anew). */
function sameMember(olds: Partial<BindingOutputs>, news: BindingInputs): boolean {
  return !isUnknown(news.accountId) && (!isSet(news.accountId) || news.accountId === olds.accountId);
}

/** An error's message; a thrown value that is not an Error, as text. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
