#!/usr/bin/env node
/**
 * `alicloud-secure-phone`: the steps around a binding that are not resources. See USAGE.
 * Arguments are parsed with node:util's parseArgs (cli/args.ts); errors name the option, never a value.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { OptionSpec, UsageError, parseCommandLine } from "./args";
import { OneShotIo, STATUS_NOT_A_MEMBER, sendCodeCommand, statusCommand } from "./sendCode";
import { UpIo, upCommand } from "./up/command";

export { UsageError } from "./args";

const SETTINGS = `Settings and credentials: for up, as the provider reads them (stack config alicloud:accessKey/secretKey/
securityToken/profile and alicloud-secure-phone:*, then the environment); for send-code and status, the
environment only: ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET (or ALICLOUD_ACCESS_KEY/SECRET_KEY, ALICLOUD_PROFILE,
the @alicloud/credentials chain), ALICLOUD_SECURE_PHONE_SITE, ALICLOUD_SECURE_PHONE_ENDPOINT,
ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT.`;

const COMMAND_USAGE: Record<string, string> = {
  up: `alicloud-secure-phone up [--codes-from -] [--stack <name>] [-- <pulumi up arguments>]
  In a stack's folder, instead of pulumi up. Previews the stack, and for each binding that would be created
  with a number and no code: looks the member up (no SMS for one that cannot be bound), shows the member and
  the masked number, asks before sending (s skips it, no SMS spent), sends the SMS code and asks for it
  (typed without echo; r sends again, s skips the member). Then runs pulumi up, handing the codes to
  the provider through its environment only (never the disk, the config or the state), and prints what was
  bound, skipped and failed, with the RequestIds. Codes that would expire before up are sent again.
  --codes-from -   read the answers from standard input, one per line, in the order asked (needs -- --yes);
                   without a terminal and with -- --yes, up needs it only when a code must be typed
  --stack <name>   the stack to use (default: the selected one)`,
  "send-code": `alicloud-secure-phone send-code --account-id <member account id> --phone <country code>-<number> [--config-key verificationCode]
  Looks the member up, then sends one code, for a program that declares verificationCode itself; prints the
  next command. No code is sent to a member that has a phone, is not a ResourceAccount or is not a member.`,
  status: `alicloud-secure-phone status --account-id <member account id>
  Tells whether a member has a secure mobile phone, and whether one can be bound (only to a ResourceAccount).
  Exit status: 0 for a member of the directory, ${STATUS_NOT_A_MEMBER} when the account is not a member of it, 1 when
  the call failed, 2 for a usage error.`,
};

/** Where a command's own --help points for the settings, instead of repeating the paragraph. */
const SETTINGS_POINTER: Record<string, string> = {
  up: "Settings and credentials: as the provider reads them (stack config, then the environment)",
  "send-code": "Settings and credentials: from the environment only",
  status: "Settings and credentials: from the environment only",
};

const USAGE = `usage: alicloud-secure-phone <command> [options]    (--help after a command for its own usage)

${Object.values(COMMAND_USAGE).join("\n\n")}

alicloud-secure-phone --version

${SETTINGS}`;

const COMMAND_OPTIONS: Record<string, OptionSpec> = {
  up: { "codes-from": { type: "string" }, stack: { type: "string" } },
  "send-code": {
    "account-id": { type: "string" },
    phone: { type: "string" },
    "config-key": { type: "string", default: "verificationCode" },
  },
  status: { "account-id": { type: "string" } },
};

export type CliIo = Partial<Omit<UpIo, "out" | "env">> &
  Pick<OneShotIo, "client"> & { out: (line: string) => void; env: NodeJS.ProcessEnv };

export async function main(argv: string[], io: CliIo = { out: console.log, env: process.env }): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError("a command is required.");
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return 0;
  }
  if (command === "--version" || command === "-v") {
    // A script that passes more may have meant something else: say so rather than print and succeed.
    if (rest.length > 0) throw new UsageError(`${command} takes no arguments.`);
    io.out(packageVersion());
    return 0;
  }
  if (!(command in COMMAND_OPTIONS)) {
    const safe = /^-{0,2}[A-Za-z][A-Za-z-]{0,40}$/.test(command); // else it may be a value: not repeated
    if (command.startsWith("-"))
      throw new UsageError(
        safe ? `unknown option ${command}; a command comes first.` : "unknown option; a command comes first.",
      );
    throw new UsageError(safe ? `unknown command "${command}".` : "unknown command.");
  }
  const { values, passThrough } = parseCommandLine(rest, COMMAND_OPTIONS[command], command, command === "up");
  if (values.help) {
    io.out(
      `usage: ${COMMAND_USAGE[command]}\n\n${SETTINGS_POINTER[command]}; ` +
        "see `alicloud-secure-phone --help` or docs/settings-and-credentials.md.",
    );
    return 0;
  }
  const text = (name: string) => values[name] as string | undefined;
  switch (command) {
    case "status":
      return statusCommand({ accountId: text("account-id") }, io);
    case "send-code":
      return sendCodeCommand(
        { accountId: text("account-id"), phone: text("phone"), configKey: text("config-key")! },
        io,
      );
    default:
      return upCommand(
        { codesFrom: text("codes-from"), stack: text("stack"), pulumiArgs: passThrough },
        { cwd: process.cwd(), stdin: process.stdin, stdout: process.stdout, ...io },
      );
  }
}

/** The version in the package's package.json: two folders up from lib/cli/, one from cli/ in the sources. */
function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (parsed.name === "pulumi-alicloud-secure-phone") return parsed.version ?? "unknown";
    }
  }
  return "unknown";
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`alicloud-secure-phone: ${error.message}`);
      if (error instanceof UsageError) {
        console.error(`\nusage: ${error.command ? COMMAND_USAGE[error.command] : USAGE.replace(/^usage: /, "")}`);
      }
      process.exit(error instanceof UsageError ? 2 : error.name === "Interrupted" ? 130 : 1);
    },
  );
}
