/**
 * Fault injection: each fault applies to the next matching calls only (`times`, default
 * 1), first injected first served, one fault per call. The server consults it after
 * authentication and caller authorization succeed, as a real gateway authenticates
 * before flow control and before forwarding to a backend. Throttling included: real
 * flow control is per caller, so it needs the authenticated caller.
 */

export type FaultKind =
  | "throttling"
  | "serviceUnavailable"
  | "http5xx"
  | "nonJson"
  | "gatewayJson"
  | "latency"
  | "dropBeforeCommit"
  | "dropAfterCommit";

export type ThrottlingCode = "Throttling" | "Throttling.User" | "Throttling.Api";

export interface FaultSpec {
  /** Action name to match (any version); default: any action. */
  action?: string;
  kind: FaultKind;
  /** How many matching calls it applies to; default 1. */
  times?: number;
  /** throttling: the code answered; default "Throttling.User". */
  code?: ThrottlingCode;
  /** http5xx: 500 or 502; default 500. */
  status?: 500 | 502;
  /** latency: delay before answering; default 1000. */
  delayMs?: number;
}

/** A fault taken for one call, options resolved. */
export interface ActiveFault {
  kind: FaultKind;
  code: ThrottlingCode;
  status: 500 | 502;
  delayMs: number;
}

interface PendingFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultInjector {
  private pending: PendingFault[] = [];

  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`fault times must be a positive integer: ${times}`);
    this.pending.push({ spec: { ...spec }, remaining: times });
  }

  clear(): void {
    this.pending = [];
  }

  /** Faults still waiting to fire (sum of remaining times). */
  remaining(): number {
    return this.pending.reduce((sum, p) => sum + p.remaining, 0);
  }

  /** The fault for this call, if any, counting it as used. */
  take(action: string): ActiveFault | undefined {
    const match = this.pending.find((p) => p.spec.action === undefined || p.spec.action === action);
    if (!match) return undefined;
    match.remaining -= 1;
    if (match.remaining === 0) this.pending = this.pending.filter((p) => p !== match);
    return {
      kind: match.spec.kind,
      code: match.spec.code ?? "Throttling.User",
      status: match.spec.status ?? 500,
      delayMs: match.spec.delayMs ?? 1000,
    };
  }
}
