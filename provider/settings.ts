/**
 * Where the provider's settings come from, resolved at call time (never captured into the serialized
 * provider): stack config first, then environment variables, then defaults. Which settings there are, and
 * their environment variables, is schema.json's (the contract); credentials are the client's
 * (client/credentials.ts). Pure: config and env are passed in.
 */

import { PACKAGE_NAME, SETTING_ENVIRONMENT } from "./contract";
import { CredentialSettings, resolveCredentialSettings } from "./client/credentials";
import { ConfigReader, Environment, SettingsError } from "./configSource";
import { SITES, Site } from "./rules/inputs";

export { SettingsError, type ConfigReader, type Environment } from "./configSource";

export const CONFIG_NAMESPACE = PACKAGE_NAME;

/**
 * Every setting under `alicloud-secure-phone:`: the provider plugin's config and an explicit provider's
 * arguments, as schema.json declares them.
 */
export { PROVIDER_CONFIG_KEYS, SECRET_PROVIDER_CONFIG_KEYS } from "./contract";
export const DEFAULT_ENDPOINT = "https://resourcemanager.aliyuncs.com";
export const DEFAULT_DIRECTORY_ENDPOINTS: Readonly<Record<Site, string>> = {
  china: "https://resourcedirectory.aliyuncs.com",
  international: "https://resourcedirectory-intl.aliyuncs.com",
};

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
  const setting = lookup(config, env, `${CONFIG_NAMESPACE}:site`, [SETTING_ENVIRONMENT.site]);
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
  const endpoint = lookup(config, env, `${CONFIG_NAMESPACE}:endpoint`, [SETTING_ENVIRONMENT.endpoint]);
  const directoryEndpoint = lookup(config, env, `${CONFIG_NAMESPACE}:directoryEndpoint`, [
    SETTING_ENVIRONMENT.directoryEndpoint,
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
export const ADOPT_EXISTING_ENV = SETTING_ENVIRONMENT.adoptExisting;
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
    SETTING_ENVIRONMENT.maxRequestsPerSecond,
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
