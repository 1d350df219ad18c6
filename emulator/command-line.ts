/**
 * The emulator's command line (`alicloud-secure-phone-emulator`, `npm run emulator --`), parsed by the kit's
 * own parser (args.ts, node:util parseArgs). Pure: arguments in, settings or a UsageError out; reading the
 * members file is main.ts's job.
 */
import { UsageError, parseOptions, type OptionSpec } from "./args";
import { SHOW_PHONE_MODES, isShowPhone, type ShowPhone } from "./phone-display";
import { isSite, type Site } from "./site";

export const COMMAND = "alicloud-secure-phone-emulator";

/** More would only make the printed table unreadable; a members file can add any number. */
export const MAX_GENERATED_MEMBERS = 1000;

export const DEFAULT_PORT = 8787;

export const USAGE = `usage: ${COMMAND} [options]        (npm run emulator -- [options] in a clone)
  A local, in-memory Alibaba Cloud Resource Manager for the secure-phone APIs, on 127.0.0.1: test vending
  programs and the alicloud-secure-phone CLI offline. Prints the seeded members, the environment to use,
  and each verification code it "sends", as the SMS would show it. Ctrl-C stops it; nothing is kept.
  --port <n>                     port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one, as when
                                 ${DEFAULT_PORT} is taken)
  --site china|international     which site's rules to play (default international, as the provider)
  --members <n>                  seed n ResourceAccount members without a phone besides the fixtures
                                 (default 0, at most ${MAX_GENERATED_MEMBERS})
  --members-file <file>          seed the members a JSON list names instead: display names, or objects
                                 {"displayName", "accountId"?, "type"?: "ResourceAccount"|"CloudAccount",
                                  "secureMobilePhone"?: "<country code>-<number>"}
  --show-phone absent|masked|full
                                 how GetAccount (2022-04-19) shows a bound number in SecureMobilePhone
                                 (default masked, e.g. 44770*****23; absent leaves the field out)
  --env-out <path>               where to write the environment, mode 0600, secret included
                                 (default: a file in the system's temporary folder, named by the port)
  --help                         this text`;

export interface EmulatorCommand {
  help: boolean;
  port: number;
  site: Site;
  /** Members to generate (0 when a members file is given). */
  members: number;
  membersFile?: string;
  showPhone: ShowPhone;
  envFile?: string;
}

const OPTIONS: OptionSpec = {
  port: { type: "string" },
  site: { type: "string" },
  members: { type: "string" },
  "members-file": { type: "string" },
  "show-phone": { type: "string" },
  "env-out": { type: "string" },
};

export function parseEmulatorCommand(args: string[]): EmulatorCommand {
  const values = parseOptions(args, OPTIONS);
  const text = (name: string) => values[name] as string | undefined;
  const command: EmulatorCommand = {
    help: values.help === true,
    port: DEFAULT_PORT,
    site: "international",
    members: 0,
    showPhone: "masked",
  };
  if (command.help) return command;

  const port = text("port");
  if (port !== undefined) command.port = wholeNumber(port, "--port", 0, 65535);
  const site = text("site");
  if (site !== undefined) {
    if (!isSite(site)) throw new UsageError("--site must be china or international.");
    command.site = site;
  }
  const members = text("members");
  const membersFile = text("members-file");
  if (members !== undefined && membersFile !== undefined) {
    throw new UsageError("--members and --members-file exclude each other; give one of them.");
  }
  if (members !== undefined) command.members = wholeNumber(members, "--members", 0, MAX_GENERATED_MEMBERS);
  if (membersFile !== undefined) {
    if (!membersFile) throw new UsageError("--members-file needs the path of a JSON file.");
    command.membersFile = membersFile;
  }
  const showPhone = text("show-phone");
  if (showPhone !== undefined) {
    if (!isShowPhone(showPhone)) {
      throw new UsageError(`--show-phone must be one of ${SHOW_PHONE_MODES.join(", ")}.`);
    }
    command.showPhone = showPhone;
  }
  // Not --env-file: Node 20 takes that for its own option even after the script's name, and exits.
  const envFile = text("env-out");
  if (envFile !== undefined) {
    if (!envFile) throw new UsageError("--env-out needs a path.");
    command.envFile = envFile;
  }
  return command;
}

function wholeNumber(value: string, option: string, min: number, max: number): number {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`${option} must be a whole number from ${min} to ${max}.`);
  return n;
}
