import { redactedError } from "./lifecycle";
import { BindingInputs } from "./rules/inputs";

/**
 * What both adapters (dynamic resource, provider plugin) do at the Pulumi boundary: run a lifecycle method
 * and let a failure leave with the phone and code of its arguments scrubbed from its text, whatever
 * produced it (the hosts print errors, some with their stack).
 */
export async function withRedactedErrors<T>(bags: readonly Partial<BindingInputs>[], work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw redactedError(
      error,
      bags.flatMap((bag) => [bag.secureMobilePhone, bag.verificationCode]).filter((v): v is string => typeof v === "string"),
    );
  }
}
