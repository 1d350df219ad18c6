/**
 * The secrets audit: every phone, code, key and token a test uses, and every text a user or a log
 * would see (engine output, state exports, stored state, emulator request logs, test console output),
 * recorded as the suites run. The global setup (auditSetup.ts) scans all texts for all secrets once the
 * run ends and prints `secrets audit: N texts, M bytes scanned, K leaks`.
 *
 * Vitest runs test files in worker processes, so the records go to files in one folder per run (named by
 * SECURE_PHONE_AUDIT_DIR, which the global setup sets before any worker starts). Outside such a run
 * (a script, a single file run without the setup) recording is a no-op.
 */

import { appendFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Audit } from "../../devkit/audit";
import { shownPhone } from "../../emulator/phone-display";

export const AUDIT_DIR_VARIABLE = "SECURE_PHONE_AUDIT_DIR";

function auditDir(): string | undefined {
  const dir = process.env[AUDIT_DIR_VARIABLE];
  if (!dir) return undefined;
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Secrets by name, e.g. { phone: "1-6505550123", code: "482913" }. Empty values are ignored. */
export function auditSecrets(secrets: Record<string, string | undefined>): void {
  const dir = auditDir();
  if (!dir) return;
  const lines = Object.entries(secrets)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].length >= 4)
    .map(([name, value]) => JSON.stringify({ name, value }))
    .join("\n");
  if (lines) appendFileSync(join(dir, `secrets.${process.pid}.jsonl`), `${lines}\n`, { mode: 0o600 });
}

/**
 * The numbers the service shows for bound phones (GetAccount's SecureMobilePhone), as the emulator shows
 * them in each mode: full and masked forms alike are secrets, so the audit looks for both. `phones` by name.
 */
export function auditShownNumbers(phones: Record<string, string | undefined>): void {
  auditSecrets(
    Object.fromEntries(
      Object.entries(phones).flatMap(([name, phone]) =>
        phone
          ? [
              [`${name} as the service shows it (full)`, shownPhone(phone, "full")],
              [`${name} as the service shows it (masked)`, shownPhone(phone, "masked")],
            ]
          : [],
      ),
    ),
  );
}

/** A text produced by the suites, with where it came from (e.g. "engine output", "stack export"). */
export function auditText(source: string, text: string): void {
  const dir = auditDir();
  if (!dir || !text) return;
  appendFileSync(join(dir, `texts.${process.pid}.jsonl`), `${JSON.stringify({ source, text })}\n`, { mode: 0o600 });
}

/** The audit as the development kit takes it (devkit/audit.ts): its projects, the soak. */
export const testAudit: Audit = { text: auditText, secrets: auditSecrets };

/**
 * Which of the named secrets a text holds, by name only: a failing assertion must not print the secret
 * it found (test output is text too). Both the text and the secrets go to the audit.
 */
export function leakedSecrets(
  text: string,
  secrets: Record<string, string>,
  options: { audit?: boolean } = {},
): string[] {
  // Property tests check thousands of generated values against their own texts: they opt out, or the
  // audit's scan (every text against every secret) would grow with their square.
  if (options.audit !== false) {
    auditSecrets(secrets);
    auditText(`asserted text (${callerOf()})`, text);
  }
  // All-digit values as the audit finds them, whole: redaction leaves a code that sits inside an account ID.
  const holds = (value: string) => (/^[0-9]+$/.test(value) ? secretMatcher(value)(text) : text.includes(value));
  return Object.entries(secrets)
    .filter(([, value]) => value && holds(value))
    .map(([name]) => name);
}

/** How the audit finds a secret: all-digit values only as a whole number (a code inside an account ID is no leak). */
export function secretMatcher(value: string): (text: string) => boolean {
  if (/^[0-9]+$/.test(value)) {
    const pattern = new RegExp(`(?<![0-9])${value}(?![0-9])`);
    return (text) => pattern.test(text);
  }
  // A phone also as its bare digits (16505550123), the way a message might spell it back.
  const phone = /^([1-9][0-9]{0,2})-([0-9]{4,14})$/.exec(value);
  if (phone) {
    const spelled = new RegExp(`(?<![0-9])\\+?${phone[1]}[ -]?${phone[2]}(?![0-9])`);
    const subscriber = phone[2].length >= 7 ? new RegExp(`(?<![0-9])${phone[2]}(?![0-9])`) : undefined;
    return (text) => spelled.test(text) || (subscriber?.test(text) ?? false);
  }
  return (text) => text.includes(value);
}

/** file:line of the test that asserted, so that a leak the audit finds names where the text came from. */
function callerOf(): string {
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  const frame = frames.find(
    (line) => /\/test\//.test(line) && !/\/test\/(support\/audit|engine\/support)\.ts/.test(line),
  );
  const match = frame?.match(/(test\/[^\s:()]+):(\d+)/);
  return match ? `${match[1]}:${match[2]}` : "unknown";
}
