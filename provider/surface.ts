/**
 * Who a message speaks to, and in whose words. An error is data: what failed, which setting and where its value
 * came from, the remedy. Each surface renders that data in its own vocabulary, naming only what it reads:
 * - a program (the dynamic resource, the plugin, and `alicloud-secure-phone up`, which runs one) names stack
 *   config keys and the resource's properties, then the environment;
 * - `send-code` and `status` read flags and the environment only, so they name those and nothing else.
 * A setting that was given is named the way it was given, on every surface. This module is the vocabulary;
 * the sentences are built from it where each error is defined, never by rewording another surface's text.
 * Pure data: it imports only the contract (schema.json's names), so every layer may use it.
 */

import { PACKAGE_NAME, SETTING_ENVIRONMENT } from "./contract";

export const CONFIG_NAMESPACE = PACKAGE_NAME;

/**
 * Each provider setting by its stack config key and its environment variable, as schema.json declares them
 * (docs/settings-and-credentials.md).
 */
export const SETTING_NAMES = {
  site: { config: `${CONFIG_NAMESPACE}:site`, env: SETTING_ENVIRONMENT.site },
  endpoint: { config: `${CONFIG_NAMESPACE}:endpoint`, env: SETTING_ENVIRONMENT.endpoint },
  directoryEndpoint: { config: `${CONFIG_NAMESPACE}:directoryEndpoint`, env: SETTING_ENVIRONMENT.directoryEndpoint },
  maxRequestsPerSecond: {
    config: `${CONFIG_NAMESPACE}:maxRequestsPerSecond`,
    env: SETTING_ENVIRONMENT.maxRequestsPerSecond,
  },
  adoptExisting: { config: `${CONFIG_NAMESPACE}:adoptExisting`, env: SETTING_ENVIRONMENT.adoptExisting },
} as const;
export type SettingId = keyof typeof SETTING_NAMES;

/**
 * Where a setting's value came from: a stack config key (a program's, or a default provider plugin's), an explicit
 * provider resource's argument, or an environment variable. (The values a command line takes from flags, the
 * account ID and the number, are named by its vocabulary: `--account-id`, `--phone`.)
 */
export interface SettingSource {
  from: "config" | "argument" | "env";
  /**
   * The key, argument or variable as the user wrote it: `alicloud-secure-phone:site`, `site` (of
   * `new Provider(..., { site })`), `ALICLOUD_SECURE_PHONE_SITE`.
   */
  name: string;
}

/** "stack config alicloud-secure-phone:site", "provider argument site", "environment variable ALICLOUD_SECURE_PHONE_SITE". */
export function describeSource(source: SettingSource): string {
  switch (source.from) {
    case "config":
      return `stack config ${source.name}`;
    case "argument":
      return `provider argument ${source.name}`;
    case "env":
      return `environment variable ${source.name}`;
  }
}

/** The words one surface uses for the things messages name. */
export interface Surface {
  readonly name: "program" | "commandLine";
  /** The places it reads settings and credentials from. */
  readonly reads: readonly ("config" | "env")[];
  /** A setting it was not given, by the place it reads first. */
  readonly settings: Readonly<Record<SettingId, string>>;
  /** The member's account ID and the number to bind. */
  readonly accountId: string;
  readonly phone: string;
  /** How a binding inherits the management account's phone, where the surface can (China site only). */
  readonly inheritance?: string;
  /** Where keys can be set, as remedies name them. */
  readonly credentials: {
    /** Where a key pair can be set (the message when none is found). */
    keyPair: string;
    /** Where a profile name can be set. */
    profile: string;
    /** Any of the places, briefly. */
    anywhere: string;
    accessKeyId: string;
    secret: string;
    token: string;
  };
  /** The opening of the lookup order's sentence (settings.ts generates the rest from what the surface reads). */
  readonly lookupIntro: string;
}

/** A program's words: the resource's properties, stack config keys first, then the environment. */
export const PROGRAM: Surface = {
  name: "program",
  reads: ["config", "env"],
  settings: {
    site: SETTING_NAMES.site.config,
    endpoint: SETTING_NAMES.endpoint.config,
    directoryEndpoint: SETTING_NAMES.directoryEndpoint.config,
    maxRequestsPerSecond: SETTING_NAMES.maxRequestsPerSecond.config,
    adoptExisting: SETTING_NAMES.adoptExisting.config,
  },
  accountId: "accountId",
  phone: "secureMobilePhone",
  inheritance: 'inheritSecureMobilePhoneFrom: "ManagementAccount"',
  credentials: {
    keyPair:
      "alicloud:accessKey and alicloud:secretKey (as a secret) in stack config, or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    profile: "alicloud:profile / ALICLOUD_PROFILE",
    anywhere: "alicloud:accessKey/secretKey, ALIBABA_CLOUD_* variables, or a profile",
    accessKeyId: "alicloud:accessKey, ALIBABA_CLOUD_ACCESS_KEY_ID or the profile",
    secret: "alicloud:secretKey, ALIBABA_CLOUD_ACCESS_KEY_SECRET or the profile",
    token: "alicloud:securityToken, ALIBABA_CLOUD_SECURITY_TOKEN",
  },
  lookupIntro: "Credentials are looked up in this order: ",
};

/** `send-code` and `status`: their flags and the environment, never stack config (they read none). */
export const COMMAND_LINE: Surface = {
  name: "commandLine",
  reads: ["env"],
  settings: {
    site: SETTING_NAMES.site.env,
    endpoint: SETTING_NAMES.endpoint.env,
    directoryEndpoint: SETTING_NAMES.directoryEndpoint.env,
    maxRequestsPerSecond: SETTING_NAMES.maxRequestsPerSecond.env,
    adoptExisting: SETTING_NAMES.adoptExisting.env,
  },
  accountId: "--account-id",
  phone: "--phone",
  credentials: {
    keyPair: "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    profile: "ALICLOUD_PROFILE",
    anywhere: "ALIBABA_CLOUD_* variables, or ALICLOUD_PROFILE",
    accessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID or ALICLOUD_PROFILE",
    secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET or ALICLOUD_PROFILE",
    token: "ALIBABA_CLOUD_SECURITY_TOKEN",
  },
  lookupIntro: "Credentials are looked up in this order (send-code and status read no stack config): ",
};

/**
 * A setting as a surface names it: the way it was given, else by the place the surface reads first. A key or a
 * variable names itself; a provider's argument is said to be one (`site` alone could be anything).
 */
export function settingName(surface: Surface, id: SettingId, given?: SettingSource): string {
  if (!given) return surface.settings[id];
  return given.from === "argument" ? describeSource(given) : given.name;
}

/** An error that carries its structure, so any surface can say it; its message is the program's rendering. */
export interface Renderable {
  render(surface: Surface): string;
}

function isRenderable(error: unknown): error is Error & Renderable {
  return error instanceof Error && typeof (error as Partial<Renderable>).render === "function";
}

/**
 * The error, its message rendered for `surface` from its structure (its class and fields kept). An error without
 * structure (a bug, a usage error) is said as it is.
 */
export function renderedFor<T>(error: T, surface: Surface): T {
  if (isRenderable(error)) error.message = error.render(surface);
  return error;
}
