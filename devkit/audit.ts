/**
 * The hook through which a caller sees every text and secret the kit handles: the engine's output, stored
 * state, stack exports, the codes the soak reads. The tests hand in their secrets audit (test/support/audit.ts)
 * so that each such text is scanned for leaks; the demo, the scripts and the bench need none.
 */

export interface Audit {
  /** A text a user or a log would see, with where it came from (e.g. "stack export"). */
  text(source: string, text: string): void;
  /** Secrets by name, so the audit can look for them in every text. */
  secrets(secrets: Record<string, string | undefined>): void;
}

export const NO_AUDIT: Audit = { text: () => undefined, secrets: () => undefined };
