/**
 * Credentials, the one module that knows them: where keys may be set (stack config, the environment, a
 * profile, the vendor's default chain) in the order they are looked up, which place wins, the sentence every
 * message about credentials names, the source of the keys each call signs with (the vendor's chain), and the
 * error when none can be had. settings.ts asks it which source wins; rpc.ts signs with what it gives.
 */

import { PACKAGE_NAME as CONFIG_NAMESPACE } from "../contract";
import { ConfigReader, Environment, SettingsError, configSourceOf, keyPairName } from "../configSource";
import { PROGRAM, SettingSource, Surface, describeSource } from "../surface";

/** Where the keys of each call come from; rpc.ts asks it on every request. */
export interface CredentialsSource {
  getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }>;
  /** Which source the keys come from (a setting's name, never a value), named when the service refuses them. */
  description?: string;
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
  const named = (name: string): SettingSource =>
    place.from === "config" ? configSourceOf(config, name) : { from: "env", name };
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

function profileFrom(place: ProfileSource, config: ConfigReader, env: Environment): CredentialSettings | undefined {
  const value = place.from === "config" ? config(place.name) : env[place.name];
  const source: SettingSource = place.from === "config" ? configSourceOf(config, place.name) : place;
  return value ? { kind: "profile", profile: value, source: describeSource(source) } : undefined;
}

/**
 * The first place of CREDENTIAL_LOOKUP_ORDER that is set wins; none: the default chain. Only which source
 * wins is decided here; credentialsSourceFor turns it into a provider.
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

/**
 * Turns the winning credential source into something pop-core can ask for keys on every request, using
 * @alicloud/credentials (the vendor's chain) rather than reading profiles or metadata ourselves.
 */
export function credentialsSourceFor(settings: CredentialSettings): CredentialsSource {
  // Loaded on first use: check and diff (every preview) never need it.
  const credentials = require("@alicloud/credentials");
  switch (settings.kind) {
    case "static":
      return fromVendorProvider(
        settings.securityToken
          ? credentials.StaticSTSCredentialsProvider.builder()
              .withAccessKeyId(settings.accessKeyId)
              .withAccessKeySecret(settings.accessKeySecret)
              .withSecurityToken(settings.securityToken)
              .build()
          : credentials.StaticAKCredentialsProvider.builder()
              .withAccessKeyId(settings.accessKeyId)
              .withAccessKeySecret(settings.accessKeySecret)
              .build(),
        credentialsDescription(settings),
      );
    case "profile":
      // The aliyun CLI's ~/.aliyun/config.json, as alicloud:profile means for the alicloud provider.
      return fromVendorProvider(
        credentials.CLIProfileCredentialsProvider.builder().withProfileName(settings.profile).build(),
        credentialsDescription(settings),
      );
    case "default-chain":
      return fromVendorProvider(
        credentials.DefaultCredentialsProvider.builder().build(),
        credentialsDescription(settings),
      );
  }
}

/**
 * Where credentials are looked up, in order: named in every message about credentials;
 * generated from the table the code walks.
 */
export const CREDENTIALS_LOOKUP = credentialsLookupText();

/** No credentials could be had from `tried` (a source's name, never a value): not a service failure, never retried. */
export class CredentialsUnavailableError extends Error {
  constructor(readonly tried: string) {
    super(noCredentialsText(tried, PROGRAM));
    this.name = "CredentialsUnavailableError";
  }

  render(surface: Surface): string {
    return noCredentialsText(this.tried, surface);
  }
}

interface VendorProvider {
  getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }>;
}

function fromVendorProvider(provider: VendorProvider, description: string): CredentialsSource {
  return {
    description,
    async getCredentials() {
      let keys;
      try {
        keys = await provider.getCredentials();
      } catch {
        // The vendor's messages can hold what it read (a malformed profile file, a credentials URI's answer):
        // never pass them on. Say what we tried and where keys can be set.
        throw new CredentialsUnavailableError(description);
      }
      return {
        accessKeyId: keys.accessKeyId,
        accessKeySecret: keys.accessKeySecret,
        securityToken: keys.securityToken || undefined,
      };
    },
  };
}
