import { BindingLifecycle, LifecycleOptions, redactedError } from "./lifecycle";
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
  /** Runs a method; a failure leaves with the phone and code of its arguments scrubbed from its text. */
  const guarded = async <T>(bags: Partial<BindingInputs>[], work: () => T | Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw redactedError(
        error,
        bags.flatMap((bag) => [bag.secureMobilePhone, bag.verificationCode]).filter((v): v is string => typeof v === "string"),
      );
    }
  };

  return {
    async configure(req: DynamicConfigRequest): Promise<void> {
      lifecycle.configure((key) => req.config.get(key));
    },
    async check(olds: BindingInputs, news: BindingInputs) {
      return guarded([olds, news], async () => {
        const result = lifecycle.check(olds, news);
        if (result.failures.length === 0) await lifecycle.reportPending(olds, news);
        return result;
      });
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
