/**
 * Vitest global setup: opens the secrets audit for this run (see audit.ts) before any worker starts, and
 * when the run ends scans every recorded text for every recorded secret. Prints one line with the figures;
 * a leak fails the run, named by source and secret name, never by value.
 */

import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtureKeys, fixturePhones } from "../../emulator";
import { AUDIT_DIR_VARIABLE, auditSecrets, secretMatcher } from "./audit";

export default function setup(): () => void {
  // Each rung of the ladder (vitest project) runs the global setup; the first one opens the audit for all.
  if (process.env[AUDIT_DIR_VARIABLE]) return () => {};
  const dir = mkdtempSync(join(tmpdir(), "secure-phone-audit-"));
  process.env[AUDIT_DIR_VARIABLE] = dir;
  // The fixtures' keys, tokens and numbers are used by every suite, registered once here.
  for (const [name, key] of Object.entries(fixtureKeys)) {
    auditSecrets({
      [`${name} AccessKeyId`]: key.accessKeyId,
      [`${name} AccessKeySecret`]: key.accessKeySecret,
      [`${name} SecurityToken`]: "securityToken" in key ? key.securityToken : undefined,
    });
  }
  for (const [site, phones] of Object.entries(fixturePhones)) {
    auditSecrets(Object.fromEntries(Object.entries(phones).map(([name, phone]) => [`${site} ${name} phone`, phone])));
  }

  return () => {
    try {
      const result = scanAudit(dir);
      const line = `secrets audit: ${result.texts} texts, ${result.bytes} bytes scanned for ${result.secrets} secrets, ${result.leaks.length} leaks`;
      console.log(line);
      if (result.leaks.length > 0) {
        // Vitest reports a teardown error but keeps its exit code: a leak must fail the run.
        process.exitCode = 1;
        throw new Error(
          `${line}:\n${result.leaks.map((leak) => `  ${leak.secret} in ${leak.source}`).join("\n")}\n` +
            "(SECURE_PHONE_AUDIT_CONTEXT=1 prints the text before each find, the secret shown by its name)",
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      delete process.env[AUDIT_DIR_VARIABLE];
    }
  };
}

export interface AuditResult {
  texts: number;
  bytes: number;
  secrets: number;
  /** By name and source only. */
  leaks: { secret: string; source: string }[];
}

export function scanAudit(dir: string): AuditResult {
  const read = (prefix: string) =>
    readdirSync(dir)
      .filter((file) => file.startsWith(prefix))
      .flatMap((file) =>
        readFileSync(join(dir, file), "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line)),
      );
  const secrets = new Map<string, string>();
  for (const { name, value } of read("secrets.") as { name: string; value: string }[])
    secrets.set(value, secrets.get(value) ?? name);
  const matchers = [...secrets].map(([value, name]) => ({ name, value, found: secretMatcher(value) }));
  const texts = read("texts.") as { source: string; text: string }[];
  const leaks = new Map<string, { secret: string; source: string }>();
  let bytes = 0;
  for (const { source, text } of texts) {
    bytes += Buffer.byteLength(text);
    for (const { name, value, found } of matchers) {
      if (!found(text)) continue;
      leaks.set(`${name}\u0000${source}`, { secret: name, source });
      // SECURE_PHONE_AUDIT_CONTEXT=1: where in the text, the secret itself shown only as its name.
      if (process.env.SECURE_PHONE_AUDIT_CONTEXT) {
        const at = text.indexOf(value.replace(/^\+/, "").split("-").pop()!);
        console.log(
          `  ${name} in ${source}: ...${text.slice(Math.max(0, at - 80), at).replace(/\s+/g, " ")}«${name}»...`,
        );
      }
    }
  }
  return { texts: texts.length, bytes, secrets: secrets.size, leaks: [...leaks.values()] };
}
