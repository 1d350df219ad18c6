/**
 * Where the provider's settings come from, resolved at call time (never captured into the serialized
 * provider): stack config first, then environment variables, then defaults. Pure: config and env are
 * passed in.
 */

import { SITES, Site } from "./rules/inputs";
import { CONFIG_NAMESPACE, PROGRAM, SETTING_NAMES, SettingId, SettingSource, Surface, describeSource } from "./surface";

export { CONFIG_NAMESPACE } from "./surface";

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
 * Every setting under `alicloud-secure-phone:`: the provider plugin's config and an explicit provider's
 * arguments (schema.json declares the same list; a test keeps them equal).
 */
export const PROVIDER_CONFIG_KEYS = [
  "site",
  "endpoint",
  "directoryEndpoint",
  "accessKey",
  "secretKey",
  "securityToken",
  "profile",
  "maxRequestsPerSecond",
  "adoptExisting",
] as const;
export const SECRET_PROVIDER_CONFIG_KEYS: readonly (typeof PROVIDER_CONFIG_KEYS)[number][] = [
  "accessKey",
  "secretKey",
  "securityToken",
];
export const DEFAULT_ENDPOINT = "https://resourcemanager.aliyuncs.com";
export const DEFAULT_DIRECTORY_ENDPOINTS: Readonly<Record<Site, string>> = {
  china: "https://resourcedirectory.aliyuncs.com",
  international: "https://resourcedirectory-intl.aliyuncs.com",
};

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

/** A setting with its source, so messages can say where a bad value came from. */
interface Setting {
  value: string;
  source: SettingSource;
}

/** Stack config first, then the environment; the source is recorded so the value is named the way it was given. */
function lookup(config: ConfigReader, env: Environment, id: SettingId): Setting | undefined {
  const names = SETTING_NAMES[id];
  const fromConfig = config(names.config);
  if (fromConfig !== undefined && fromConfig !== "")
    return { value: fromConfig, source: configSource(config, names.config) };
  const fromEnv = env[names.env];
  if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: { from: "env", name: names.env } };
  return undefined;
}

export function resolveSite(config: ConfigReader, env: Environment): Site {
  return siteSetting(config, env).site;
}

function siteSetting(config: ConfigReader, env: Environment): { site: Site; source?: SettingSource } {
  const setting = lookup(config, env, "site");
  if (!setting) return { site: "international" };
  const site = setting.value.trim().toLowerCase();
  if (!(SITES as readonly string[]).includes(site)) {
    throw new SettingsError({ kind: "value", setting: "site", source: setting.source, value: setting.value });
  }
  return { site: site as Site, source: setting.source };
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** https:// anywhere; plain http:// only to this machine (the emulator), so keys never cross a network in clear. */
export function validateEndpoint(setting: Setting): string {
  let url: URL;
  try {
    url = new URL(setting.value);
  } catch {
    throw new SettingsError({ kind: "endpoint", fault: "notUrl", source: setting.source });
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new SettingsError({
      kind: "endpoint",
      fault: "notHttps",
      source: setting.source,
      shown: `${url.protocol}//${url.host}`,
    });
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.username || url.password) {
    throw new SettingsError({ kind: "endpoint", fault: "notOrigin", source: setting.source });
  }
  return url.origin;
}

export type CredentialSettings =
  | { kind: "static"; accessKeyId: string; accessKeySecret: string; securityToken?: string; source: string }
  | { kind: "profile"; profile: string; source: string }
  | { kind: "default-chain" };

/** Where a key pair and its STS token may be: stack config keys or environment variable names. */
interface KeyPairSource {
  kind: "keyPair";
  from: "config" | "env";
  id: string;
  secret: string;
  token: string;
}

/** Where a profile name (of ~/.aliyun/config.json) may be: a stack config key or an environment variable. */
interface ProfileSource {
  kind: "profile";
  from: "config" | "env";
  name: string;
}

export type CredentialSource = KeyPairSource | ProfileSource;

/**
 * Credentials in the order landing-zone stacks already keep them: the stack's own config first (this
 * provider's keys and profile, the only ones a provider plugin receives, since the engine passes a plugin
 * its own namespace; then the alicloud provider's, which only the dynamic resource sees), then the
 * environment, then the @alicloud/credentials default chain (CREDENTIALS_DEFAULT_CHAIN). The one list:
 * resolveCredentialSettings walks it and credentialsLookupText describes it.
 */
export const CREDENTIAL_LOOKUP_ORDER: readonly CredentialSource[] = [
  {
    kind: "keyPair",
    from: "config",
    id: `${CONFIG_NAMESPACE}:accessKey`,
    secret: `${CONFIG_NAMESPACE}:secretKey`,
    token: `${CONFIG_NAMESPACE}:securityToken`,
  },
  { kind: "profile", from: "config", name: `${CONFIG_NAMESPACE}:profile` },
  {
    kind: "keyPair",
    from: "config",
    id: "alicloud:accessKey",
    secret: "alicloud:secretKey",
    token: "alicloud:securityToken",
  },
  { kind: "profile", from: "config", name: "alicloud:profile" },
  {
    kind: "keyPair",
    from: "env",
    id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    token: "ALIBABA_CLOUD_SECURITY_TOKEN",
  },
  {
    kind: "keyPair",
    from: "env",
    id: "ALICLOUD_ACCESS_KEY",
    secret: "ALICLOUD_SECRET_KEY",
    token: "ALICLOUD_SECURITY_TOKEN",
  },
  { kind: "profile", from: "env", name: "ALICLOUD_PROFILE" },
];

/** What the vendor's default chain looks at when no place of CREDENTIAL_LOOKUP_ORDER is set. */
export const CREDENTIALS_DEFAULT_CHAIN =
  "~/.aliyun/config.json, ~/.alibabacloud/credentials, OIDC role, ECS RAM role, credentials URI";

/** A stack config key, or an explicit provider's argument when the reader says the value is one. */
function configSource(config: ConfigReader, key: string): SettingSource {
  return config.isArgument?.(key)
    ? { from: "argument", name: key.slice(key.indexOf(":") + 1) }
    : { from: "config", name: key };
}

function keyPairFrom(place: KeyPairSource, config: ConfigReader, env: Environment): CredentialSettings | undefined {
  const read = (name: string) => (place.from === "config" ? config(name) : env[name]) || undefined;
  const [id, secret, token] = [read(place.id), read(place.secret), read(place.token)];
  const named = (name: string): SettingSource =>
    place.from === "config" ? configSource(config, name) : { from: "env", name };
  const pair = { id: named(place.id), secret: named(place.secret), token: named(place.token) };
  if (!id && !secret) {
    if (token) throw new SettingsError({ kind: "tokenWithoutKeyPair", pair });
    return undefined;
  }
  if (!id || !secret) {
    throw new SettingsError({ kind: "halfKeyPair", pair, missing: id ? pair.secret : pair.id });
  }
  return { kind: "static", accessKeyId: id, accessKeySecret: secret, securityToken: token, source: keyPairName(pair) };
}

/** "environment ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET": a pair named the way it was given. */
function keyPairName({ id, secret }: KeyPairNames): string {
  const where = { config: "stack config", argument: "provider arguments", env: "environment" }[id.from];
  return `${where} ${id.name}/${secret.name}`;
}

function profileFrom(place: ProfileSource, config: ConfigReader, env: Environment): CredentialSettings | undefined {
  const value = place.from === "config" ? config(place.name) : env[place.name];
  const source: SettingSource = place.from === "config" ? configSource(config, place.name) : place;
  return value ? { kind: "profile", profile: value, source: describeSource(source) } : undefined;
}

/**
 * The first place of CREDENTIAL_LOOKUP_ORDER that is set wins; none: the default chain. Only which source
 * wins is decided here; credentials.ts turns it into a provider.
 */
export function resolveCredentialSettings(config: ConfigReader, env: Environment): CredentialSettings {
  for (const place of CREDENTIAL_LOOKUP_ORDER) {
    const found = place.kind === "keyPair" ? keyPairFrom(place, config, env) : profileFrom(place, config, env);
    if (found) return found;
  }
  return { kind: "default-chain" };
}

/**
 * The lookup order as one sentence, generated from CREDENTIAL_LOOKUP_ORDER
 * (named in every message about credentials).
 */
export function credentialsLookupText(
  order: readonly CredentialSource[] = CREDENTIAL_LOOKUP_ORDER,
  intro = "Credentials are looked up in this order: ",
): string {
  const named = (place: CredentialSource) =>
    place.kind === "profile" ? place.name : `${place.id}/${place.secret} (+ ${place.token})`;
  const inConfig = order.filter((place) => place.from === "config").map(named);
  const inEnv = order.filter((place) => place.from === "env").map(named);
  const places = [
    ...(inConfig.length > 0 ? [`stack config ${inConfig.join(", then ")}`] : []),
    `environment ${inEnv.join(", ")}`,
  ];
  return `${intro}${places.join("; ")}; then the default chain (${CREDENTIALS_DEFAULT_CHAIN}).`;
}

/** The lookup order as `surface` says it: only the places it reads. */
export function credentialsLookupFor(surface: Surface): string {
  return credentialsLookupText(
    CREDENTIAL_LOOKUP_ORDER.filter((place) => surface.reads.includes(place.from)),
    surface.lookupIntro,
  );
}

/** Says which source gave the credentials a call used (never a value from it). */
export function credentialsDescription(settings: CredentialSettings): string {
  switch (settings.kind) {
    case "static":
      return settings.source;
    case "profile":
      return `profile "${settings.profile}" (${settings.source}) in ~/.aliyun/config.json`;
    case "default-chain":
      return "the default credential chain";
  }
}

/**
 * No keys could be had from `tried` (credentialsDescription's text): what was tried, where keys can be set on this
 * surface, and the lookup order it reads.
 */
export function noCredentialsText(tried: string, surface: Surface): string {
  return (
    `No Alibaba Cloud credentials from ${tried}. Set ${surface.credentials.keyPair}, ` +
    `or a profile (${surface.credentials.profile}, ~/.aliyun/config.json, ~/.alibabacloud/credentials), ` +
    `or run where OIDC or an ECS RAM role provides them. ${credentialsLookupFor(surface)}`
  );
}

export interface ProviderSettings {
  site: Site;
  /** Resource Manager 2020-03-31. */
  endpoint: string;
  /** ResourceDirectoryMaster 2022-04-19 (GetAccount with HasSecureMobilePhone). */
  directoryEndpoint: string;
  credentials: CredentialSettings;
  /** Requests per second per action that the process's pace never exceeds (client/limiter.ts); unset: learnt. */
  maxRequestsPerSecond?: number;
  /** Where each setting that was given came from (absent: the default), so messages name it as it was given. */
  sources?: Partial<Record<"site" | "endpoint" | "directoryEndpoint", SettingSource>>;
}

export function resolveSettings(config: ConfigReader, env: Environment): ProviderSettings {
  const { site, source: siteSource } = siteSetting(config, env);
  const endpoint = lookup(config, env, "endpoint");
  const directoryEndpoint = lookup(config, env, "directoryEndpoint");
  const sources = Object.fromEntries(
    Object.entries({
      site: siteSource,
      endpoint: endpoint?.source,
      directoryEndpoint: directoryEndpoint?.source,
    }).filter(([, source]) => source !== undefined),
  );
  return {
    site,
    endpoint: endpoint ? validateEndpoint(endpoint) : DEFAULT_ENDPOINT,
    directoryEndpoint: directoryEndpoint ? validateEndpoint(directoryEndpoint) : DEFAULT_DIRECTORY_ENDPOINTS[site],
    credentials: resolveCredentialSettings(config, env),
    ...maxRequestsPerSecondSetting(config, env),
    ...(Object.keys(sources).length > 0 ? { sources } : {}),
  };
}

/** The recovery switch's names, as a user types them (the message at create prints the first). */
export const ADOPT_EXISTING_ENV = SETTING_NAMES.adoptExisting.env;
export const ADOPT_EXISTING_CONFIG = SETTING_NAMES.adoptExisting.config;

/**
 * The run-wide recovery switch: `adoptExisting: true` for every binding of this run that does not set
 * adoptExisting itself. It exists for the stack an interrupted run left behind (binds that went through
 * but never reached state), which must be recoverable without editing the program. Stack config first,
 * then the environment; only "true" or "false" (any case): a typo must not silently mean "off".
 */
export function resolveAdoptExisting(config: ConfigReader, env: Environment): boolean {
  const setting = lookup(config, env, "adoptExisting");
  if (!setting) return false;
  const value = setting.value.trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  throw new SettingsError({ kind: "value", setting: "adoptExisting", source: setting.source, value: setting.value });
}

/**
 * Every setting a run reads: the provider's settings and the recovery switch. Resolving them all at once is
 * how a bad one, wherever it is read later, fails at preview and before any call.
 */
export function resolveRunSettings(
  config: ConfigReader,
  env: Environment,
): { settings: ProviderSettings; adoptExisting: boolean } {
  return { settings: resolveSettings(config, env), adoptExisting: resolveAdoptExisting(config, env) };
}

/** Far above any API quota: a larger value is a typo, not a quota. */
export const MAX_REQUESTS_PER_SECOND_LIMIT = 10_000;

/**
 * `alicloud-secure-phone:maxRequestsPerSecond`: for users who know their API quota, the pace per action
 * never exceeds it and starts there. A positive number; fractions allowed (0.5 = one call every 2 s).
 */
export function maxRequestsPerSecondSetting(config: ConfigReader, env: Environment): { maxRequestsPerSecond?: number } {
  const setting = lookup(config, env, "maxRequestsPerSecond");
  if (!setting) return {};
  const text = setting.value.trim();
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(value > 0 && value <= MAX_REQUESTS_PER_SECOND_LIMIT)) {
    throw new SettingsError({
      kind: "value",
      setting: "maxRequestsPerSecond",
      source: setting.source,
      value: setting.value,
    });
  }
  return { maxRequestsPerSecond: value };
}
