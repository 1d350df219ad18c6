/**
 * The engine's events, as `pulumi preview` and `pulumi up` write them with `--event-log` (one JSON object a
 * line; the same objects the Automation API hands `onEvent`): the few fields `up` reads, and what a run's
 * events say about each binding. `up` reads these instead of what pulumi prints for people, so it knows a
 * binding's error and outcome on a terminal as well as through a pipe. Pure.
 */

/** A step as the engine describes it: secrets are `[secret]` (or an object whose `ciphertext` is `[secret]`). */
export interface StepMetadata {
  op?: string;
  urn?: string;
  type?: string;
  new?: { type?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
}

/** The subset of an engine event (`EngineEvent` of `@pulumi/pulumi/automation`) that `up` reads. */
export interface EngineEvent {
  resourcePreEvent?: { metadata?: StepMetadata; planning?: boolean };
  resOutputsEvent?: { metadata?: StepMetadata; planning?: boolean };
  resOpFailedEvent?: { metadata?: StepMetadata };
  diagnosticEvent?: { urn?: string; message?: string; severity?: string };
  summaryEvent?: { isPreview?: boolean; result?: string };
  cancelEvent?: object;
}

/** The steps that create a resource: a new one, or the new half of a replacement. The one list of them. */
export const CREATING_OPS: ReadonlySet<string> = new Set(["create", "create-replacement", "replace"]);

/**
 * A diagnostic's text without the engine's colour directives (`<{%fg 3%}>`, `<{%reset%}>`): the event log
 * keeps them when pulumi's own output is coloured (a terminal), and `--color never` would take the colour
 * from the operator's screen too.
 */
export function plainMessage(message: string): string {
  return message.replace(/<\{%[^%]*%\}>/g, "").trim();
}

/** The errors of a run not tied to a binding's own failure: for a failed preview, as pulumi would show them. */
export function errorMessages(events: readonly EngineEvent[]): string[] {
  return events.flatMap(({ diagnosticEvent: d }) =>
    d?.severity === "error" && d.message ? [plainMessage(d.message)] : [],
  );
}

/** How `pulumi up` ended, read from its events. */
export interface UpRun {
  /**
   * "updated": the update ran (whatever became of each binding); "not confirmed": its preview succeeded and the
   * update never started (the operator declined or pressed Ctrl-C at pulumi's own "perform this update?"
   * prompt); "not run": neither (e.g. its preview failed, or pulumi did not start).
   */
  ran: "updated" | "not confirmed" | "not run";
  /** Each resource's first error, by URN, colour directives removed (the provider masks numbers in them). */
  failures: Map<string, string>;
}

export function readUp(events: readonly EngineEvent[]): UpRun {
  const failures = new Map<string, string>();
  for (const { diagnosticEvent: d } of events) {
    if (d?.severity !== "error" || !d.urn || !d.message || failures.has(d.urn)) continue;
    const text = plainMessage(d.message);
    if (text) failures.set(d.urn, text);
  }
  const summaries = events.flatMap(({ summaryEvent }) => (summaryEvent ? [summaryEvent] : []));
  const ran = summaries.some((s) => s.isPreview === false)
    ? "updated"
    : summaries.some((s) => s.isPreview === true && s.result === "succeeded")
      ? "not confirmed"
      : "not run";
  return { ran, failures };
}
