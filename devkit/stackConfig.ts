/**
 * Stack config and emulator members for projects that run against the emulator: the provider's settings
 * as a user of the dynamic resource or of the plugin sets them, and the vending examples' members.
 */

import { fixtureKeys, type RunningEmulator, type Site } from "../emulator";

/** Stack config that points the provider at the emulator, the keys as secrets, as a user would set them. */
export function emulatorStackConfig(emulator: RunningEmulator, site: Site) {
  return {
    "alicloud-secure-phone:site": { value: site },
    "alicloud-secure-phone:endpoint": { value: emulator.url },
    "alicloud-secure-phone:directoryEndpoint": { value: emulator.url },
    "alicloud:accessKey": { value: fixtureKeys.management.accessKeyId, secret: true },
    "alicloud:secretKey": { value: fixtureKeys.management.accessKeySecret, secret: true },
  };
}

/** Stack config for the provider plugin, as a plugin user sets it: only its own keys reach a plugin (no alicloud:*). */
export function pluginStackConfig(emulator: RunningEmulator, site: Site) {
  return {
    "alicloud-secure-phone:site": { value: site },
    "alicloud-secure-phone:endpoint": { value: emulator.url },
    "alicloud-secure-phone:directoryEndpoint": { value: emulator.url },
    "alicloud-secure-phone:accessKey": { value: fixtureKeys.management.accessKeyId, secret: true },
    "alicloud-secure-phone:secretKey": { value: fixtureKeys.management.accessKeySecret, secret: true },
  };
}

export interface VendingMembers {
  appDev: string;
  appProd: string;
  security: string;
}

/**
 * The members the plugin account-vending examples (YAML, Python, Go) declare, added to the emulator's
 * directory with IDs from `firstId` on: below 2^53, since Pulumi hands digit-only config values to a YAML
 * program as numbers, exact only that far.
 */
export function addVendingMembers(emulator: RunningEmulator, firstId: bigint): VendingMembers {
  const [appDev, appProd, security] = ["app-dev", "app-prod", "security"].map(
    (displayName, i) =>
      emulator.directory.addResourceAccount({ accountId: String(firstId + BigInt(i)), displayName }).AccountId,
  );
  return { appDev, appProd, security };
}

/** Those examples' own config: the three members and the security team's number (the code is set apart). */
export function vendingProgramConfig(members: VendingMembers, phone: string) {
  return {
    appDevAccountId: { value: members.appDev },
    appProdAccountId: { value: members.appProd },
    securityAccountId: { value: members.security },
    securityTeamPhone: { value: phone, secret: true },
  };
}
