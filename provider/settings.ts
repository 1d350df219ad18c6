/**
 * Where the provider's settings come from, resolved at call time (never captured into the serialized
 * provider): stack config first, then environment variables, then defaults. Pure: config and env are
 * passed in.
 */

import { SITES, Site } from "./rules/inputs";

/** Reads a stack config key by its full name (`namespace:key`); undefined when not set. */
export type ConfigReader = (key: string) => string | undefined;
export type Environment = Readonly<Record<string, string | undefined>>;

export const CONFIG_NAMESPACE = "alicloud-secure-phone";

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

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}

/** A setting with its source, so messages can say where a bad value came from. */
interface Setting {
  value: string;
  source: string;
}

function lookup(
  config: ConfigReader,
  env: Environment,
  configKey: string,
  envNames: readonly string[],
): Setting | undefined {
  const fromConfig = config(configKey);
  if (fromConfig !== undefined && fromConfig !== "") return { value: fromConfig, source: `stack config ${configKey}` };
  for (const name of envNames) {
    const fromEnv = env[name];
    if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: `environment variable ${name}` };
  }
  return undefined;
}

export function resolveSite(config: ConfigReader, env: Environment): Site {
  const setting = lookup(config, env, `${CONFIG_NAMESPACE}:site`, ["ALICLOUD_SECURE_PHONE_SITE"]);
  if (!setting) return "international";
  const site = setting.value.trim().toLowerCase();
  if (!(SITES as readonly string[]).includes(site)) {
    throw new SettingsError(
      `${setting.source} is "${setting.value}": expected "international" (alibabacloud.com) or "china" (aliyun.com).`,
    );
  }
  return site as Site;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** https:// anywhere; plain http:// only to this machine (the emulator), so keys never cross a network in clear. */
export function validateEndpoint(setting: Setting): string {
  let url: URL;
  try {
    url = new URL(setting.value);
  } catch {
    throw new SettingsError(`${setting.source} is not a URL: expected e.g. ${DEFAULT_ENDPOINT}.`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new SettingsError(
      `${setting.source} is ${url.protocol}//${url.host}: expected an https:// URL; plain http:// is allowed only for loopback hosts (127.0.0.1, ::1, localhost).`,
    );
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.username || url.password) {
    throw new SettingsError(
      `${setting.source} must be a bare origin such as ${DEFAULT_ENDPOINT}, without path, query or user info.`,
    );
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

function keyPairFrom(place: KeyPairSource, config: ConfigReader, env: Environment): CredentialSettings | undefined {
  const read = (name: string) => (place.from === "config" ? config(name) : env[name]) || undefined;
  const [id, secret, token] = [read(place.id), read(place.secret), read(place.token)];
  const source = `${place.from === "config" ? "stack config" : "environment"} ${place.id}/${place.secret}`;
  if (!id && !secret) {
    if (token)
      throw new SettingsError(
        `${place.token} is set without ${place.id} and ${place.secret}; an STS token needs its key pair.`,
      );
    return undefined;
  }
  if (!id || !secret) {
    throw new SettingsError(
      `${source}: only one half of the key pair is set; ${id ? place.secret : place.id} is missing. Set both, the secret as a secret (pulumi config set --secret ...).`,
    );
  }
  return { kind: "static", accessKeyId: id, accessKeySecret: secret, securityToken: token, source };
}

function profileFrom(place: ProfileSource, config: ConfigReader, env: Environment): CredentialSettings | undefined {
  const value = place.from === "config" ? config(place.name) : env[place.name];
  const source = `${place.from === "config" ? "stack config" : "environment variable"} ${place.name}`;
  return value ? { kind: "profile", profile: value, source } : undefined;
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

export interface ProviderSettings {
  site: Site;
  /** Resource Manager 2020-03-31. */
  endpoint: string;
  /** ResourceDirectoryMaster 2022-04-19 (GetAccount with HasSecureMobilePhone). */
  directoryEndpoint: string;
  credentials: CredentialSettings;
  /** Requests per second per action that the process's pace never exceeds (client/limiter.ts); unset: learnt. */
  maxRequestsPerSecond?: number;
}

export function resolveSettings(config: ConfigReader, env: Environment): ProviderSettings {
  const site = resolveSite(config, env);
  const endpoint = lookup(config, env, `${CONFIG_NAMESPACE}:endpoint`, ["ALICLOUD_SECURE_PHONE_ENDPOINT"]);
  const directoryEndpoint = lookup(config, env, `${CONFIG_NAMESPACE}:directoryEndpoint`, [
    "ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT",
  ]);
  return {
    site,
    endpoint: endpoint ? validateEndpoint(endpoint) : DEFAULT_ENDPOINT,
    directoryEndpoint: directoryEndpoint ? validateEndpoint(directoryEndpoint) : DEFAULT_DIRECTORY_ENDPOINTS[site],
    credentials: resolveCredentialSettings(config, env),
    ...maxRequestsPerSecondSetting(config, env),
  };
}

/** The recovery switch's names, as a user types them (the message at create prints the first). */
export const ADOPT_EXISTING_ENV = "ALICLOUD_SECURE_PHONE_ADOPT_EXISTING";
export const ADOPT_EXISTING_CONFIG = `${CONFIG_NAMESPACE}:adoptExisting`;

/**
 * The run-wide recovery switch: `adoptExisting: true` for every binding of this run that does not set
 * adoptExisting itself. It exists for the stack an interrupted run left behind (binds that went through
 * but never reached state), which must be recoverable without editing the program. Stack config first,
 * then the environment; only "true" or "false" (any case): a typo must not silently mean "off".
 */
export function resolveAdoptExisting(config: ConfigReader, env: Environment): boolean {
  const setting = lookup(config, env, ADOPT_EXISTING_CONFIG, [ADOPT_EXISTING_ENV]);
  if (!setting) return false;
  const value = setting.value.trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  throw new SettingsError(`${setting.source} is "${setting.value}": expected true or false.`);
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
  const setting = lookup(config, env, `${CONFIG_NAMESPACE}:maxRequestsPerSecond`, [
    "ALICLOUD_SECURE_PHONE_MAX_REQUESTS_PER_SECOND",
  ]);
  if (!setting) return {};
  const text = setting.value.trim();
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(value > 0 && value <= MAX_REQUESTS_PER_SECOND_LIMIT)) {
    throw new SettingsError(
      `${setting.source} is "${setting.value}": expected a number of requests per second per API action, greater than 0 and at most ${MAX_REQUESTS_PER_SECOND_LIMIT} (e.g. 10, or 0.5 for one call every 2 seconds); leave it unset to let the provider find the pace.`,
    );
  }
  return { maxRequestsPerSecond: value };
}
