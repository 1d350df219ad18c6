#!/usr/bin/env node
/**
 * `alicloud-secure-phone-emulator` (`npm run emulator --` in a clone): the emulator as a program of its own,
 * enough to follow the quick start offline. Seeds the directory, writes the environment file, prints the
 * members and every code it sends, and runs until Ctrl-C. Options: see command-line.ts (`--help`).
 */
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { UsageError } from "./args";
import { COMMAND, USAGE, parseEmulatorCommand, type EmulatorCommand } from "./command-line";
import { startEmulator } from "./emulator";
import { fixtureKeys } from "./fixtures";
import { generatedMembers, parseMembersFile, seedMembers, type MemberSpec } from "./members";
import { banner, environmentFor, portInUseMessage, smsLine, stoppedLine, writeEnvFile } from "./standalone-output";

const CODE_TTL_MS = 15 * 60 * 1000;

function memberSpecs(command: EmulatorCommand): MemberSpec[] {
  if (command.membersFile === undefined) return generatedMembers(command.members);
  let text: string;
  try {
    text = readFileSync(command.membersFile, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "an error";
    throw new UsageError(`--members-file could not be read (${code}); give the path of a JSON file.`);
  }
  try {
    return parseMembersFile(text, command.site);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function main(argv: string[]): Promise<void> {
  const command = parseEmulatorCommand(argv);
  if (command.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const specs = memberSpecs(command);
  const emulator = await startEmulator({
    port: command.port,
    site: command.site,
    showPhone: command.showPhone,
    codeTtlMs: CODE_TTL_MS,
    onCodeSent: (sms) => process.stdout.write(`${smsLine(sms, CODE_TTL_MS / 60_000)}\n`),
  }).catch((error: unknown) => {
    // Node's own text (`listen EADDRINUSE: address already in use`) names neither the way out nor --port 0.
    if ((error as { code?: string }).code === "EADDRINUSE") throw new PortInUse(command.port);
    throw error;
  });
  let envFile = "";
  // Set before the banner says "Ctrl-C to stop": a stop that follows the banner at once must find them.
  // The file holds only the emulator's fake key, but it names a port that is about to be free.
  const stop = (signal: NodeJS.Signals): void => {
    if (envFile) rmSync(envFile, { force: true });
    emulator.close().then(
      () => {
        process.stdout.write(`${stoppedLine(signal, envFile)}\n`);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const seeded = (() => {
      try {
        return seedMembers(emulator.directory, specs);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    })();
    const port = new URL(emulator.url).port;
    envFile = resolve(command.envFile ?? join(tmpdir(), `alicloud-secure-phone-emulator-${port}.env`));
    const env = environmentFor(emulator.url, command.site, fixtureKeys.management);
    writeEnvFile(envFile, env);
    const { url, directory } = emulator;
    const text = banner({ url, site: command.site, directory, seeded, env, envFile, showPhone: command.showPhone });
    process.stdout.write(`${text}\n`);
  } catch (error) {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await emulator.close();
    throw error;
  }
}

/** The port asked for is taken: exit 1 with the remedy, not Node's bare EADDRINUSE. */
class PortInUse extends Error {
  constructor(port: number) {
    super(portInUseMessage(port));
    this.name = "PortInUse";
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${COMMAND}: ${message}\n`);
    if (error instanceof UsageError) process.stderr.write(`(${COMMAND} --help lists the options)\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
