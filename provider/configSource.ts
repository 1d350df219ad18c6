/**
 * Where a setting is read from (a stack config reader, the environment), and the error a bad setting raises as
 * data (which setting, where its value came from, what is wrong) with its words for each surface: what both
 * settings.ts and the client's credentials (client/credentials.ts) read, below either of them, so neither
 * imports the other's module back.
 */

import { DEFAULT_ENDPOINT, MAX_REQUESTS_PER_SECOND_LIMIT } from "./contract";
import { PROGRAM, SettingSource, Surface, describeSource } from "./surface";

/** Reads a stack config key by its full name (`namespace:key`); undefined when not set. */
export type ConfigReader = ((key: string) => string | undefined) & {
  /**
   * True for a key whose value is an explicit provider resource's argument rather than stack config (the plugin's
   * Configure says which), so that a message names the value the way it was given.
   */
  isArgument?: (key: string) => boolean;
};
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * What is wrong with a setting, as data: which setting, where its value came from (named the way it was given),
 * and what is wrong; settingProblemText says it on a surface.
 */
export type SettingProblem =
  | { kind: "value"; setting: "site" | "adoptExisting" | "maxRequestsPerSecond"; source: SettingSource; value: string }
  | { kind: "endpoint"; fault: "notUrl" | "notHttps" | "notOrigin"; source: SettingSource; shown?: string }
  | { kind: "tokenWithoutKeyPair"; pair: KeyPairNames }
  | { kind: "halfKeyPair"; pair: KeyPairNames; missing: SettingSource };

/** A key pair's three settings, each named the way it was (or would be) given. */
export interface KeyPairNames {
  id: SettingSource;
  secret: SettingSource;
  token: SettingSource;
}

/** A setting that cannot be used: refused at preview, before any call. Its message is the program's words. */
export class SettingsError extends Error {
  /** The problem, when the error has one to render (the handshake's variable says its text as it is). */
  readonly problem?: SettingProblem;

  constructor(problem: SettingProblem | string) {
    super(typeof problem === "string" ? problem : settingProblemText(problem, PROGRAM));
    this.name = "SettingsError";
    if (typeof problem !== "string") this.problem = problem;
  }

  render(surface: Surface): string {
    return this.problem ? settingProblemText(this.problem, surface) : this.message;
  }
}

/** A setting's problem as `surface` says it. */
export function settingProblemText(problem: SettingProblem, surface: Surface): string {
  switch (problem.kind) {
    case "value": {
      const given = `${describeSource(problem.source)} is "${problem.value}"`;
      switch (problem.setting) {
        case "site":
          return `${given}: expected "international" (alibabacloud.com) or "china" (aliyun.com).`;
        case "adoptExisting":
          return `${given}: expected true or false.`;
        case "maxRequestsPerSecond":
          return `${given}: expected a number of requests per second per API action, greater than 0 and at most ${MAX_REQUESTS_PER_SECOND_LIMIT} (e.g. 10, or 0.5 for one call every 2 seconds); leave it unset to let the provider find the pace.`;
      }
      break;
    }
    case "endpoint": {
      const source = describeSource(problem.source);
      switch (problem.fault) {
        case "notUrl":
          return `${source} is not a URL: expected e.g. ${DEFAULT_ENDPOINT}.`;
        case "notHttps":
          return `${source} is ${problem.shown}: expected an https:// URL; plain http:// is allowed only for loopback hosts (127.0.0.1, ::1, localhost).`;
        case "notOrigin":
          return `${source} must be a bare origin such as ${DEFAULT_ENDPOINT}, without path, query or user info.`;
      }
      break;
    }
    case "tokenWithoutKeyPair": {
      const { id, secret, token } = problem.pair;
      return `${token.name} is set without ${id.name} and ${secret.name}; an STS token needs its key pair.`;
    }
    case "halfKeyPair": {
      // Stack config is advice only where it is read (send-code and status read the environment alone), and not
      // for a provider resource's arguments, which the program sets.
      const remedy =
        problem.pair.id.from === "argument"
          ? "Set both, the secret as a secret."
          : surface.reads.includes("config")
            ? "Set both, the secret as a secret (pulumi config set --secret ...)."
            : "Set both.";
      return `${keyPairName(problem.pair)}: only one half of the key pair is set; ${problem.missing.name} is missing. ${remedy}`;
    }
  }
}

/** A stack config key, or an explicit provider's argument when the reader says the value is one. */
export function configSourceOf(config: ConfigReader, key: string): SettingSource {
  return config.isArgument?.(key)
    ? { from: "argument", name: key.slice(key.indexOf(":") + 1) }
    : { from: "config", name: key };
}

/** "environment ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET": a pair named the way it was given. */
export function keyPairName({ id, secret }: KeyPairNames): string {
  const where = { config: "stack config", argument: "provider arguments", env: "environment" }[id.from];
  return `${where} ${id.name}/${secret.name}`;
}
