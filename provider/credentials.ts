/**
 * Credentials: the source of the keys each call signs with (the vendor's chain), the lookup order every message about
 * credentials names, how a source is named, and the error when none can be had.
 */

import type { CredentialsSource } from "./client/rpc";
import { CredentialSettings, credentialsLookupText } from "./settings";

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
