/**
 * Engine events as `pulumi preview` and `pulumi up` write them with --event-log (CLI 3.248), for the stand-ins
 * of the pulumi CLI in these tests: a step's resourcePreEvent, a binding's error, a run's summary.
 */

import type { EngineEvent } from "../../../cli/up/events";
import { DYNAMIC_BINDING_TYPE } from "../../../provider/typeTokens";

/** A dynamic binding's URN in the stand-in stack the CLI tests' events describe. */
export const bindingUrn = (name: string) => `urn:pulumi:dev::vending::${DYNAMIC_BINDING_TYPE}::${name}`;

export interface Step {
  op?: string;
  urn: string;
  newState: { type: string; inputs?: Record<string, unknown> };
}

/** The events of a preview that plans these steps and succeeds. */
export function previewEvents(steps: readonly Step[]): EngineEvent[] {
  return [
    ...steps.map((step) => stepEvent(step)),
    { summaryEvent: { isPreview: true, result: "succeeded" } },
    { cancelEvent: {} },
  ];
}

export function stepEvent(step: Step, planning = true): EngineEvent {
  return {
    resourcePreEvent: {
      metadata: { op: step.op ?? "create", urn: step.urn, type: step.newState.type, new: step.newState },
      planning,
    },
  };
}

/** A resource's error as the engine reports it, in colour as on a terminal. */
export function errorEvent(urn: string, message: string): EngineEvent {
  return { diagnosticEvent: { urn, message: `<{%reset%}>${message}<{%reset%}>\n`, severity: "error" } };
}

/** The end of `pulumi up`: an update that ran, or one stopped at pulumi's own confirmation prompt. */
export function upEnd(ran: "updated" | "not confirmed", result = "succeeded"): EngineEvent[] {
  return ran === "updated"
    ? [{ summaryEvent: { isPreview: false, result } }, { cancelEvent: {} }]
    : [{ summaryEvent: { isPreview: true, result: "succeeded" } }, { cancelEvent: {} }];
}
