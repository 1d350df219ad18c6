/**
 * Where the provider's settings come from, resolved at call time (never captured into the serialized
 * provider): stack config first, then environment variables, then defaults, each value's source recorded so
 * that messages name it the way it was given. Which settings there are, and their environment variables, is
 * schema.json's (the contract); credentials are the client's (client/credentials.ts). Pure: config and env
 * are passed in.
 */

import { DEFAULT_DIRECTORY_ENDPOINTS, DEFAULT_ENDPOINT, MAX_REQUESTS_PER_SECOND_LIMIT, SITES, Site } from "./contract";
import { CredentialSettings, resolveCredentialSettings } from "./client/credentials";
import { ConfigReader, Environment, SettingsError, configSourceOf } from "./configSource";
import { SETTING_NAMES, SettingId, SettingSource } from "./surface";

export { CONFIG_NAMESPACE } from "./surface";
export { SettingsError, type ConfigReader, type Environment } from "./configSource";
export { DEFAULT_DIRECTORY_ENDPOINTS, DEFAULT_ENDPOINT, MAX_REQUESTS_PER_SECOND_LIMIT } from "./contract";

/**
 * Every setting under `alicloud-secure-phone:`: the provider plugin's config and an explicit provider's
 * arguments, as schema.json declares them.
 */
export { PROVIDER_CONFIG_KEYS, SECRET_PROVIDER_CONFIG_KEYS } from "./contract";

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
    return { value: fromConfig, source: configSourceOf(config, names.config) };
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
