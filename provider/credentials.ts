/**
 * Credentials: the source of the keys each call signs with (the vendor's chain), and the error when none can be had
 * (its words, like every setting's, are in settings.ts, for each surface).
 */

import type { CredentialsSource } from "./client/rpc";
import { CredentialSettings, credentialsDescription, credentialsLookupText, noCredentialsText } from "./settings";
import { PROGRAM, Surface } from "./surface";

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
 * Where credentials are looked up, in order, as a program reads them (credentialsLookupFor says it for any surface);
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
