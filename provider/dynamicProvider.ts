import { BindingLifecycle, LifecycleOptions, redactedError } from "./lifecycle";
import { BindingInputs, BindingOutputs, declaredBinding, isUnknown } from "./rules/inputs";
import { maskPhone, parsePhone } from "./rules/phone";

/**
 * The lifecycle in the shape of Pulumi's dynamic ResourceProvider, as the serialized loader calls it.
 * Adds what belongs to the Pulumi boundary: the masked number computed at check (so preview shows it),
 * and a last redaction of every error text (the dynamic-provider host prints errors with their stack).
 */
export interface DynamicConfigRequest {
  config: { get(key: string): string | undefined };
}

export function createDynamicProvider(options: LifecycleOptions = {}) {
  const lifecycle = new BindingLifecycle(options);
  const secretsOf = (...bags: Partial<BindingInputs>[]) =>
    bags.flatMap((bag) => [bag.secureMobilePhone, bag.verificationCode]).filter((v): v is string => typeof v === "string");
  const guarded = async <T>(secrets: string[], work: () => T | Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw redactedError(error, secrets);
    }
  };

  return {
    lifecycle,
    async configure(req: DynamicConfigRequest): Promise<void> {
      lifecycle.configure((key) => req.config.get(key));
    },
    async check(olds: BindingInputs, news: BindingInputs) {
      return guarded(secretsOf(olds, news), () => {
        const result = lifecycle.check(olds, news);
        return { ...result, inputs: withMaskedPhone(result.inputs) };
      });
    },
    async diff(id: string, olds: Partial<BindingOutputs>, news: BindingInputs) {
      return guarded(secretsOf(olds, news), () => lifecycle.diff(id, olds, news));
    },
    async create(inputs: BindingInputs) {
      return guarded(secretsOf(inputs), () => lifecycle.create(inputs));
    },
    async read(id: string, props: Partial<BindingOutputs>) {
      return guarded(secretsOf(props), () => lifecycle.read(id, props));
    },
    async update(id: string, olds: Partial<BindingOutputs>, news: BindingInputs) {
      return guarded(secretsOf(olds, news), () => lifecycle.update(id, olds, news));
    },
    async delete(id: string, props: Partial<BindingOutputs>) {
      return guarded(secretsOf(props), () => lifecycle.delete(id, props));
    },
  };
}

/**
 * The masked number as an input too: during preview a new resource's outputs are its inputs, so this is
 * what lets a reviewer see `1-650****0100` in a PR's preview instead of [secret]. diff ignores it.
 */
function withMaskedPhone(inputs: BindingInputs): BindingInputs {
  const binding = declaredBinding(inputs);
  const { maskedSecureMobilePhone: _derived, ...rest } = inputs as BindingInputs & { maskedSecureMobilePhone?: unknown };
  if (binding.kind === "phone" && !isUnknown(binding.phone) && parsePhone(binding.phone)) {
    return { ...rest, maskedSecureMobilePhone: maskPhone(binding.phone) } as BindingInputs;
  }
  return rest;
}
