/** Every API call the emulator received, for asserting how a client behaved (retries, methods). */
import type { FaultKind } from "./faults";
import type { Signing } from "./request";

export interface CallRecord {
  readonly action: string;
  readonly version: string;
  readonly method: "GET" | "POST";
  /** The AccessKeyId the request claimed ("" if none), authenticated or not. */
  readonly accessKeyId: string;
  /** Which signature the request carried: V1 (parameters) or V3 (ACS3-HMAC-SHA256 headers). */
  readonly signing?: Signing;
  /** The AccountId parameter, when the call had one (not a secret): for counting calls per member. */
  readonly accountId?: string;
  /**
   * "OK", or the error code answered. For a non-JSON answer: "NonJsonAnswer"; for a gateway's JSON
   * page without Code: "GatewayJsonAnswer". For a
   * dropped connection: "ConnectionDropped" when nothing ran (dropBeforeCommit), else
   * the outcome of the action that did run (dropAfterCommit).
   */
  readonly code: string;
  /** HTTP status answered; 0 when the connection was destroyed without an answer. */
  readonly httpStatus: number;
  /** The injected fault that shaped this call, if any. */
  readonly fault?: FaultKind;
}

export class CallLog {
  private records: CallRecord[] = [];

  record(entry: CallRecord): void {
    this.records.push(entry);
  }

  get entries(): readonly CallRecord[] {
    return [...this.records];
  }

  /** Calls of `action` (any version), or all calls; only those for `accountId` when given. */
  count(action?: string, accountId?: string): number {
    return this.records.filter(
      (r) => (action === undefined || r.action === action) && (accountId === undefined || r.accountId === accountId),
    ).length;
  }

  reset(): void {
    this.records = [];
  }
}

/**
 * One line of the emulator's request log, as an operator would read it: the AccessKeyId masked (a key is
 * a secret too), no parameter values at all (the record holds none).
 */
export function formatCallRecord(entry: CallRecord): string {
  const key = entry.accessKeyId ? `${entry.accessKeyId.slice(0, 4)}****${entry.accessKeyId.slice(-2)}` : "-";
  return `${entry.method} ${entry.action}@${entry.version} key=${key} -> ${entry.code} ${entry.httpStatus}${entry.fault ? ` fault=${entry.fault}` : ""}`;
}
