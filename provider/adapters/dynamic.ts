/**
 * The adapter of the dynamic resource: the lifecycle in the shape of Pulumi's dynamic ResourceProvider, as
 * the serialized loader (sdk/nodejs/dynamicLoader.ts) calls it. Adds what belongs to the Pulumi boundary:
 * a last redaction of every error text (the dynamic-provider host prints errors with their stack).
 */
import { BindingInputs, BindingOutputs, UNKNOWN, normalizeDigits } from "../rules/inputs";
import { URN_INPUT, attachToDynamicProviderHost, takeDeleteUrn } from "./dynamicUrns";
import { AdapterOptions, lifecycleFor } from "./lifecycleFor";
import { withRedactedErrors as guarded } from "./redaction";

export interface DynamicConfigRequest {
  config: { get(key: string): string | undefined };
}

export function createDynamicProvider(options: AdapterOptions = {}) {
  const lifecycle = lifecycleFor(options);
  // Warnings on the binding, not on the stack (dynamicUrns.ts); nothing outside the host process.
  attachToDynamicProviderHost();
  // create is handed no URN and check's inputs carry none (they go to state): the URN each account's check
  // had, so the line about a binding taken in sits on that binding too. An account two bindings name has none.
  const urnsByAccount = new Map<string, string | undefined>();
  const noteUrn = (accountId: unknown, urn: string | undefined) => {
    const id = normalizeDigits(accountId);
    if (typeof id !== "string" || id === UNKNOWN || urn === undefined) return;
    urnsByAccount.set(id, urnsByAccount.has(id) && urnsByAccount.get(id) !== urn ? undefined : urn);
  };

  return {
    async configure(req: DynamicConfigRequest): Promise<void> {
      lifecycle.configure((key) => req.config.get(key));
    },
    async check(olds: BindingInputs, news: BindingInputs) {
      // The binding's own URN, sent by its class for this call only: never an input in state.
      const { [URN_INPUT]: urn, ...given } = news as BindingInputs & { [URN_INPUT]?: unknown };
      const known = typeof urn === "string" && urn !== UNKNOWN ? urn : undefined;
      noteUrn(given.accountId, known);
      return guarded([olds, given], () => lifecycle.check(olds, given, known));
    },
    async diff(id: string, olds: Partial<BindingOutputs>, news: BindingInputs) {
      return guarded([olds, news], () => lifecycle.diff(id, olds, news));
    },
    async create(inputs: BindingInputs) {
      const id = normalizeDigits(inputs.accountId);
      return guarded([inputs], () =>
        lifecycle.create(inputs, typeof id === "string" ? urnsByAccount.get(id) : undefined),
      );
    },
    async read(id: string, props: Partial<BindingOutputs>) {
      return guarded([props], () => lifecycle.read(id, props));
    },
    async update(id: string, olds: Partial<BindingOutputs>, news: BindingInputs) {
      return guarded([olds, news], () => lifecycle.update(id, olds, news));
    },
    async delete(id: string, props: Partial<BindingOutputs>) {
      const urn = takeDeleteUrn(id); // first, before any await: the request the host is calling with now
      return guarded([props], () => lifecycle.delete(id, props, urn));
    },
  };
}
