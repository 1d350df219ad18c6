/**
 * `npm run emulator -- --port 8787 --site china`: runs the emulator until Ctrl-C.
 * Prints the URL and the management AccessKeyId, never a secret.
 */
import { fixtureKeys } from "./fixtures";
import { startEmulator } from "./emulator";
import { isSite, type Site } from "./site";

function parseArgs(argv: readonly string[]): { port: number; site: Site } {
  let port = 8787;
  let site: Site = "china";
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = (argv[i] ?? "").split("=", 2);
    const value = inline ?? argv[++i];
    if (flag === "--port" && value !== undefined && /^\d{1,5}$/.test(value) && Number(value) <= 65535) {
      port = Number(value);
    } else if (flag === "--site" && value !== undefined && isSite(value)) {
      site = value;
    } else {
      throw new Error(`usage: npm run emulator -- [--port 8787] [--site china|international] (bad: ${flag})`);
    }
  }
  return { port, site };
}

async function main(): Promise<void> {
  const { port, site } = parseArgs(process.argv.slice(2));
  const emulator = await startEmulator({ port, site });
  const lines = [
    `Resource Manager emulator (${site} site) listening on ${emulator.url}`,
    `  serves Version 2020-03-31 (ResourceManager) and 2022-04-19 (ResourceDirectoryMaster) at that URL`,
    `  management AccessKeyId: ${fixtureKeys.management.accessKeyId}`,
    `  its AccessKeySecret is not printed: fixtureKeys.management.accessKeySecret in test/emulator/fixtures.ts`,
    `Ctrl-C to stop.`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);

  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
