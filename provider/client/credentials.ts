/**
 * Credentials, the one module that knows them: where keys may be set (stack config, the environment, a
 * profile, the vendor's default chain) in the order they are looked up, which place wins, the sentence every
 * message about credentials names, the source of the keys each call signs with (the vendor's chain), and the
 * error when none can be had. settings.ts asks it which source wins; rpc.ts signs with what it gives.
 */

import { PACKAGE_NAME as CONFIG_NAMESPACE } from "../contract";
import { ConfigReader, Environment, SettingsError } from "../configSource";

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

/** No credentials could be had: not a service failure, never retried. */
export class CredentialsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CredentialsUnavailableError";
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
        throw new CredentialsUnavailableError(
          `No Alibaba Cloud credentials from ${description}. Set alicloud:accessKey and alicloud:secretKey (as a secret) in stack config, ` +
            "or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a profile (alicloud:profile / ALICLOUD_PROFILE, ~/.aliyun/config.json, ~/.alibabacloud/credentials), " +
            `or run where OIDC or an ECS RAM role provides them. ${CREDENTIALS_LOOKUP}`,
        );
      }
      return {
        accessKeyId: keys.accessKeyId,
        accessKeySecret: keys.accessKeySecret,
        securityToken: keys.securityToken || undefined,
      };
    },
  };
}
