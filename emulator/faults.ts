/**
 * Fault injection: each fault applies to the next matching calls only (`times`, default
 * 1), first injected first served, one fault per call. Besides these counted faults, a
 * seeded random profile (`setRandom`) draws a fault for calls that no counted fault took:
 * the soak's mix of throttling, 5xx, lost answers, gateway pages and latency spikes.
 * `holdAfterCommit` executes the action, then keeps the answer of a call that succeeded
 * until the test releases it (HeldAnswers): a kill of the client lands between the commit
 * and its answer. A call that was refused is answered at once. The server consults it after
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
  | "dropAfterCommit"
  | "holdAfterCommit";

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

/** One kind of fault in a random profile: drawn for `rate` (0..1) of the matching calls. */
export interface RandomFaultRule {
  kind: Exclude<FaultKind, "holdAfterCommit">;
  rate: number;
  /** Only calls of this action; default any. */
  action?: string;
  code?: ThrottlingCode;
  status?: 500 | 502;
  /** latency: the delay is drawn between these, inclusive; default [1000, 1000]. */
  delayMs?: [number, number];
}

export interface RandomFaultProfile {
  /** The same seed draws the same sequence (the order of calls under a parallel client may still vary). */
  seed: number;
  rules: RandomFaultRule[];
}

/** mulberry32: a small seeded PRNG, good enough to spread faults evenly and repeatably. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
  private random: { profile: RandomFaultProfile; next: () => number } | undefined;

  /** Draws faults at random for calls no counted fault takes; undefined turns it off. */
  setRandom(profile: RandomFaultProfile | undefined): void {
    if (profile) {
      const total = new Map<string, number>();
      for (const rule of profile.rules) {
        if (!(rule.rate >= 0 && rule.rate <= 1)) throw new Error(`fault rate must be within 0..1: ${rule.rate}`);
        total.set(rule.action ?? "*", (total.get(rule.action ?? "*") ?? 0) + rule.rate);
      }
      // Rates of one action plus those for any action must leave room for calls without a fault.
      const any = total.get("*") ?? 0;
      for (const [action, sum] of total)
        if ((action === "*" ? sum : sum + any) > 1) throw new Error(`fault rates for ${action} add up to more than 1`);
    }
    this.random = profile ? { profile, next: seededRandom(profile.seed) } : undefined;
  }

  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`fault times must be a positive integer: ${times}`);
    this.pending.push({ spec: { ...spec }, remaining: times });
  }

  clear(): void {
    this.pending = [];
    this.random = undefined;
  }

  /** Faults still waiting to fire (sum of remaining times). */
  remaining(): number {
    return this.pending.reduce((sum, p) => sum + p.remaining, 0);
  }

  /** The fault for this call, if any, counting it as used. */
  take(action: string): ActiveFault | undefined {
    const match = this.pending.find((p) => p.spec.action === undefined || p.spec.action === action);
    if (!match) return this.draw(action);
    match.remaining -= 1;
    if (match.remaining === 0) this.pending = this.pending.filter((p) => p !== match);
    return {
      kind: match.spec.kind,
      code: match.spec.code ?? "Throttling.User",
      status: match.spec.status ?? 500,
      delayMs: match.spec.delayMs ?? 1000,
    };
  }

  private draw(action: string): ActiveFault | undefined {
    if (!this.random) return undefined;
    const { profile, next } = this.random;
    let roll = next();
    for (const rule of profile.rules) {
      if (rule.action !== undefined && rule.action !== action) continue;
      if (roll < rule.rate) {
        const [low, high] = rule.delayMs ?? [1000, 1000];
        return {
          kind: rule.kind,
          code: rule.code ?? "Throttling.User",
          status: rule.status ?? 500,
          delayMs: Math.round(low + next() * (high - low)),
        };
      }
      roll -= rule.rate;
    }
    return undefined;
  }
}
