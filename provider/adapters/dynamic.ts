/**
 * The adapter of the dynamic resource: the lifecycle in the shape of Pulumi's dynamic ResourceProvider, as
 * the serialized loader (sdk/nodejs/dynamicLoader.ts) calls it. Adds what belongs to the Pulumi boundary:
 * a last redaction of every error text (the dynamic-provider host prints errors with their stack).
 */
import { BindingInputs, BindingOutputs } from "../rules/inputs";
import { AdapterOptions, lifecycleFor } from "./lifecycleFor";
import { withRedactedErrors as guarded } from "./redaction";

export interface DynamicConfigRequest {
  config: { get(key: string): string | undefined };
}

export function createDynamicProvider(options: AdapterOptions = {}) {
  const lifecycle = lifecycleFor(options);

  return {
    async configure(req: DynamicConfigRequest): Promise<void> {
      lifecycle.configure((key) => req.config.get(key));
    },
    async check(olds: BindingInputs, news: BindingInputs) {
      return guarded([olds, news], () => lifecycle.check(olds, news));
    },
    async diff(id: string, olds: Partial<BindingOutputs>, news: BindingInputs) {
      return guarded([olds, news], () => lifecycle.diff(id, olds, news));
    },
    async create(inputs: BindingInputs) {
      return guarded([inputs], () => lifecycle.create(inputs));
    },
    async read(id: string, props: Partial<BindingOutputs>) {
      return guarded([props], () => lifecycle.read(id, props));
    },
    async update(id: string, olds: Partial<BindingOutputs>, news: BindingInputs) {
      return guarded([olds, news], () => lifecycle.update(id, olds, news));
    },
    async delete(id: string, props: Partial<BindingOutputs>) {
      return guarded([props], () => lifecycle.delete(id, props));
    },
  };
}
