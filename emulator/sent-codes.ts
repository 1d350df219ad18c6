/**
 * Verification codes "sent by SMS". Only tests can read them (latest(), all()), and a demo that plays the
 * phone (the onSend listener); they never travel over HTTP.
 */
import { randomInt } from "node:crypto";
import { constantTimeEqual } from "./signature";

interface IssuedCode {
  code: string;
  expiresAt: number;
  consumed: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the phone would show: the emulator's stand-in for an SMS, for demos (`npm run demo:vending`). */
export type SmsListener = (sms: { accountId: string; phone: string; code: string }) => void;

export class SentCodes {
  constructor(private readonly onSend?: SmsListener) {}

  /** Latest code per (account, phone): a newer send replaces the older code. */
  private readonly latestByTarget = new Map<string, IssuedCode>();
  /** Send times per account, for the daily cap. */
  private readonly sendTimes = new Map<string, number[]>();
  /** Every code ever issued, newest last. */
  private readonly issued: string[] = [];

  /** Issues a fresh 6-digit code for exactly (account, phone), valid until now + ttlMs. */
  issue(accountId: string, phone: string, now: number, ttlMs: number): { expiresAt: number } {
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const expiresAt = now + ttlMs;
    this.latestByTarget.set(target(accountId, phone), { code, expiresAt, consumed: false });
    this.issued.push(code);
    this.onSend?.({ accountId, phone, code });
    this.sendTimes.set(accountId, [...(this.sendTimes.get(accountId) ?? []), now]);
    return { expiresAt };
  }

  /** Sends to the account during the UTC day containing `now`. */
  sendsOnUtcDay(accountId: string, now: number): number {
    const day = Math.floor(now / DAY_MS);
    return (this.sendTimes.get(accountId) ?? []).filter((t) => Math.floor(t / DAY_MS) === day).length;
  }

  /**
   * True and consumes the code when `code` is the latest code sent for exactly
   * (account, phone), unexpired and unused.
   */
  redeem(accountId: string, phone: string, code: string, now: number): boolean {
    const issued = this.latestByTarget.get(target(accountId, phone));
    if (!issued || issued.consumed || now > issued.expiresAt) return false;
    if (!constantTimeEqual(issued.code, code)) return false;
    issued.consumed = true;
    return true;
  }

  /** Tests only: every code sent so far, replaced, expired and used ones too, for asserting that none leaks. */
  all(): readonly string[] {
    return [...this.issued];
  }

  /** Tests only: the last code sent for (account, phone), even if expired or used. */
  latest(accountId: string, phone: string): string | undefined {
    return this.latestByTarget.get(target(accountId, phone))?.code;
  }
}

function target(accountId: string, phone: string): string {
  return `${accountId}\u0000${phone}`;
}
