import type { CredentialsSource } from "./client/rpc";
import { CredentialSettings } from "./settings";

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
        settings.source,
      );
    case "profile":
      // The aliyun CLI's ~/.aliyun/config.json, as alicloud:profile means for the alicloud provider.
      return fromVendorProvider(
        credentials.CLIProfileCredentialsProvider.builder().withProfileName(settings.profile).build(),
        `profile "${settings.profile}" (${settings.source}) in ~/.aliyun/config.json`,
      );
    case "default-chain":
      return fromVendorProvider(credentials.DefaultCredentialsProvider.builder().build(), "the default credential chain");
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
            "or run where OIDC or an ECS RAM role provides them.",
        );
      }
      return { accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret, securityToken: keys.securityToken || undefined };
    },
  };
}
