/**
 * Command-line parsing with node:util's parseArgs, and errors that name what is wrong without the values:
 * a stray or misplaced argument may be a phone number, a code or a key.
 */

import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to show with the error, if any. */
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  /** Arguments after `--` (only when the command takes them). */
  passThrough: string[];
}

/** Every command takes these. */
const COMMON: OptionSpec = { help: { type: "boolean", short: "h" } };

/** An option name is safe to repeat in an error only when it looks like one: letters and dashes. */
const NAME_SHAPE = /^--?[A-Za-z][A-Za-z-]{0,40}$/;

export function parseCommandLine(
  args: string[],
  options: OptionSpec,
  command: string,
  takesPassThrough = false,
): ParsedArgs {
  const spec = { ...COMMON, ...options };
  let parsed;
  try {
    parsed = parseArgs({ args, options: spec, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    throw new UsageError(describeParseError(args, spec, (error as { code?: string }).code), command);
  }
  const terminator = parsed.tokens.findIndex((token) => token.kind === "option-terminator");
  const beforeTerminator = terminator < 0 ? parsed.tokens : parsed.tokens.slice(0, terminator);
  if (beforeTerminator.some((token) => token.kind === "positional")) {
    throw new UsageError(
      `the command line has a value without an option name; give each value after its option${takesPassThrough ? ", and pulumi's arguments after --" : ""}.`,
      command,
    );
  }
  if (terminator >= 0 && !takesPassThrough) throw new UsageError(`${command} takes no arguments after --.`, command);
  const passThrough = terminator < 0 ? [] : args.slice(args.indexOf("--") + 1);
  return { values: parsed.values as ParsedArgs["values"], passThrough };
}

function describeParseError(args: string[], spec: OptionSpec, code: string | undefined): string {
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    // Find the culprit ourselves: parseArgs' own message may quote a value given inline (--phon=1-650...).
    const { tokens } = parseArgs({ args, options: spec, strict: false, allowPositionals: true, tokens: true });
    const unknown = tokens.find((token) => token.kind === "option" && !(token.name in spec));
    const rawName = unknown?.kind === "option" ? unknown.rawName : undefined;
    return rawName && NAME_SHAPE.test(rawName)
      ? `unknown option ${rawName}; see --help for the options.`
      : "the command line has an unknown option; see --help for the options.";
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const { tokens } = parseArgs({ args, options: spec, strict: false, allowPositionals: true, tokens: true });
    const bad = tokens.find(
      (token) =>
        token.kind === "option" &&
        token.name in spec &&
        (spec[token.name].type === "string") === (token.value === undefined),
    );
    if (bad?.kind === "option") {
      return spec[bad.name].type === "string"
        ? `option --${bad.name} needs a value, e.g. --${bad.name} <value>.`
        : `option --${bad.name} takes no value.`;
    }
  }
  return "the command line has an option without its value; give each value after its option.";
}
