/**
 * Redaction at the Pulumi boundary, the one place both adapters (dynamic resource, provider plugin) use:
 * a lifecycle method runs, and a failure leaves with the phone and code of its arguments scrubbed from its
 * text, whatever produced it (the hosts print errors, some with their stack). The rule of what is secret
 * in a text is client/redact.ts; this module only applies it to what crosses the boundary.
 */
import { ResourceManagerError } from "../client/errors";
import { redact } from "../client/redact";
import { ALWAYS_SECRET } from "../contract";

export async function withRedactedErrors<T>(bags: readonly object[], work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw redactedError(error, secretsOf(bags));
  }
}

/**
 * The values of these property bags that must never appear in a message: those of every property
 * schema.json marks secret (the phone, the code, the shown number).
 */
function secretsOf(bags: readonly object[]): string[] {
  return bags
    .flatMap((bag) => Object.entries(bag).filter(([name]) => ALWAYS_SECRET.includes(name)))
    .map(([, value]: [string, unknown]) => value)
    .filter((v): v is string => typeof v === "string");
}

/** The error's text redacted once more; a service error keeps its name. */
function redactedError(error: unknown, secrets: readonly (string | undefined)[]): Error {
  // Some libraries throw plain objects with a message (pop-core's SyntaxError); keep that message.
  const message = (error as { message?: unknown } | undefined)?.message;
  const clean = new Error(redact(typeof message === "string" ? message : String(error), secrets));
  if (error instanceof ResourceManagerError) clean.name = error.name;
  return clean;
}
