/**
 * Command-line flags of the demo, the scripts and the bench, on node:util's parseArgs: an unknown flag or a
 * bad number fails with the command's usage, before anything starts.
 */

import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;
/** What parseArgs gives back for these flags: typed values, and the words that are not flags. */
export type CommandLine<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** Parses `argv` (the script's own arguments by default): only the declared flags, at most `maxPositionals` words. */
export function commandLine<const O extends Options>(
  usage: string,
  options: O,
  maxPositionals = 0,
  argv = process.argv.slice(2),
): CommandLine<O> {
  let parsed: CommandLine<O>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new Error(`${(error as Error).message}\nusage: ${usage}`, { cause: error });
  }
  if (parsed.positionals.length > maxPositionals)
    throw new Error(`unexpected argument "${parsed.positionals[maxPositionals]}"\nusage: ${usage}`);
  return parsed;
}

/** A flag's or positional's value as a positive integer, `fallback` when absent; else an error naming it. */
export function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${name} is "${value}": expected a positive integer (e.g. ${fallback})`);
  return number;
}
