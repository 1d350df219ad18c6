/**
 * What a standalone emulator tells its user: the members to bind, the environment to use, and each SMS
 * it "sends", and that it has stopped. The terminal it runs in plays the members' phone: a code is shown there
 * (an emulator code is worthless anywhere else), the number masked in the CLI's pattern, so the two can be
 * matched up. The
 * secret key goes only to the env file (mode 0600), never to the terminal.
 */
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import type { AccessKey, Directory, MemberAccount } from "./directory";
import { fixtureRoles } from "./fixtures";
import { maskForSms } from "./masking";
import type { Site } from "./site";

/** The variables the provider and the alicloud-secure-phone CLI read, pointed at this emulator. */
export function environmentFor(url: string, site: Site, key: AccessKey): Record<string, string> {
  return {
    ALICLOUD_SECURE_PHONE_SITE: site,
    ALICLOUD_SECURE_PHONE_ENDPOINT: url,
    ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT: url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
  };
}

/** Writes `export NAME='value'` lines readable by the owner only (also when the file existed before). */
export function writeEnvFile(path: string, env: Record<string, string>): void {
  const text = Object.entries(env)
    .map(([name, value]) => `export ${name}='${value.replace(/'/g, "'\\''")}'`)
    .join("\n");
  writeFileSync(path, `# alicloud-secure-phone-emulator: the environment for this emulator (fake keys)\n${text}\n`, {
    mode: 0o600,
  });
  chmodSync(path, 0o600);
}

/** What `source <path>` exports from a file writeEnvFile wrote: for a program (or test) that runs no shell. */
export function readEnvFile(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const match = /^export ([A-Z_]+)='(.*)'$/.exec(line);
    if (match) env[match[1]] = match[2].replace(/'\\''/g, "'");
  }
  return env;
}

/** The banner: where it listens, the members, and what to export (the secret only by the env file). */
export function banner(options: {
  url: string;
  site: Site;
  directory: Directory;
  seeded: readonly MemberAccount[];
  env: Record<string, string>;
  envFile: string;
  showPhone: string;
}): string {
  const { directory, env } = options;
  const members = directory.accounts().filter((a) => a.AccountId !== directory.masterAccountId);
  const seededIds = new Set(options.seeded.map((a) => a.AccountId));
  const rows = members.map((a) =>
    [
      a.AccountId,
      a.Type.padEnd(15),
      (a.secureMobilePhone === undefined ? "no phone" : "has a phone").padEnd(11),
      seededIds.has(a.AccountId) ? a.DisplayName : `${a.DisplayName} (fixture: ${fixtureRoles[a.AccountId] ?? "-"})`,
    ].join("  "),
  );
  const shown = Object.entries(env).filter(([name]) => name !== "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  return [
    `Resource Manager emulator (${options.site} site) listening on ${options.url}`,
    `  serves Version 2020-03-31 (ResourceManager) and 2022-04-19 (ResourceDirectoryMaster) at that URL;`,
    `  GetAccount shows bound numbers: ${options.showPhone}`,
    ``,
    `Members (management account ${directory.masterAccountId}, ${directory.masterAccountName}):`,
    `  account ID         type             phone        display name`,
    ...rows.map((row) => `  ${row}`),
    ``,
    `Environment for the provider and the alicloud-secure-phone CLI:`,
    ...shown.map(([name, value]) => `  export ${name}=${value}`),
    `  ALIBABA_CLOUD_ACCESS_KEY_SECRET is not shown; all ${Object.keys(env).length} are in this file (mode 0600):`,
    `  source ${shellWord(options.envFile)}`,
    ``,
    `Verification codes the emulator sends appear below, as the phone would show them. Ctrl-C to stop.`,
  ].join("\n");
}

/** One SMS as it arrives on the member's phone (this terminal). */
export function smsLine(sms: { accountId: string; phone: string; code: string }, expiresInMinutes: number): string {
  return (
    `[SMS to ${maskForSms(sms.phone)} for account ${sms.accountId}] ` +
    `Your Alibaba Cloud verification code is ${sms.code} (valid ${expiresInMinutes} minutes).`
  );
}

function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

/** What a busy port is told: which one, and the two ways out. */
export function portInUseMessage(port: number): string {
  return `port ${port} on 127.0.0.1 is in use (another emulator?); stop that one, or give --port <n> for another port, or --port 0 for any free one.`;
}

/** The last line a stopped emulator prints: what stopped it, and that nothing was kept. */
export function stoppedLine(signal: string, envFile: string): string {
  const how = signal === "SIGINT" ? "Ctrl-C" : signal;
  const removed = envFile ? `, and ${shellWord(envFile)} was removed` : "";
  return `Emulator stopped (${how}); its directory and codes are gone${removed}.`;
}
