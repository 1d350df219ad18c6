import { withRedactedErrors } from "./guard";
import { BindingLifecycle, LifecycleOptions } from "./lifecycle";
import { BindingInputs, BindingOutputs } from "./rules/inputs";

/**
 * The lifecycle in the shape of Pulumi's dynamic ResourceProvider, as the serialized loader calls it.
 * Adds what belongs to the Pulumi boundary: a last redaction of every error text (the dynamic-provider
 * host prints errors with their stack).
 */
export interface DynamicConfigRequest {
  config: { get(key: string): string | undefined };
}

export function createDynamicProvider(options: LifecycleOptions = {}) {
  const lifecycle = new BindingLifecycle(options);
  const guarded = withRedactedErrors;

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
