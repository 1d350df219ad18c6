/**
 * The emulator's own command-line parsing (node:util parseArgs), so the kit stands apart from the CLI it is
 * used to test: errors name the option that is wrong, never a value (a stray value may be a key or a number).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake on the command line: exit code 2 and a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** An option name is safe to repeat in an error only when it looks like one: letters and dashes. */
const NAME_SHAPE = /^--?[A-Za-z][A-Za-z-]{0,40}$/;

/** Parsed values by option name; `help` (`-h`, `--help`) is always taken. */
export function parseOptions(args: string[], options: OptionSpec): Record<string, string | boolean | undefined> {
  const spec: OptionSpec = { help: { type: "boolean", short: "h" }, ...options };
  let parsed;
  try {
    parsed = parseArgs({ args, options: spec, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    throw new UsageError(describeParseError(args, spec, (error as { code?: string }).code));
  }
  if (parsed.tokens.some((token) => token.kind === "option-terminator")) {
    throw new UsageError("the emulator takes no arguments after --.");
  }
  if (parsed.positionals.length > 0) {
    throw new UsageError("the command line has a value without an option name; give each value after its option.");
  }
  return parsed.values as Record<string, string | boolean | undefined>;
}

function describeParseError(args: string[], spec: OptionSpec, code: string | undefined): string {
  // Find the culprit from the tokens: parseArgs' own message may quote a value given inline (--port=…).
  const { tokens } = parseArgs({ args, options: spec, strict: false, allowPositionals: true, tokens: true });
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const unknown = tokens.find((token) => token.kind === "option" && !(token.name in spec));
    const rawName = unknown?.kind === "option" ? unknown.rawName : undefined;
    return rawName && NAME_SHAPE.test(rawName)
      ? `unknown option ${rawName}; see --help for the options.`
      : "the command line has an unknown option; see --help for the options.";
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
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
