/**
 * Stack config and emulator members for projects that run against the emulator: the provider's settings
 * as a user of the dynamic resource or of the plugin sets them, and the vending examples' members.
 */

import { fixtureKeys, type RunningEmulator, type Site } from "../emulator";

/**
 * Stack config that points the provider at the emulator, the keys as secrets under `keys:` (`alicloud:accessKey`
 * and the rest for the dynamic resource, which reads the alicloud provider's; the plugin's own namespace for the
 * plugin, since only its own keys reach it).
 */
function stackConfigFor(emulator: RunningEmulator, site: Site, keys: "alicloud" | "alicloud-secure-phone") {
  return {
    "alicloud-secure-phone:site": { value: site },
    "alicloud-secure-phone:endpoint": { value: emulator.url },
    "alicloud-secure-phone:directoryEndpoint": { value: emulator.url },
    [`${keys}:accessKey`]: { value: fixtureKeys.management.accessKeyId, secret: true },
    [`${keys}:secretKey`]: { value: fixtureKeys.management.accessKeySecret, secret: true },
  };
}

/** Stack config that points the provider at the emulator, the keys as secrets, as a user would set them. */
export function emulatorStackConfig(emulator: RunningEmulator, site: Site) {
  return stackConfigFor(emulator, site, "alicloud");
}

/** Stack config for the provider plugin, as a plugin user sets it: only its own keys reach a plugin (no alicloud:*). */
export function pluginStackConfig(emulator: RunningEmulator, site: Site) {
  return stackConfigFor(emulator, site, "alicloud-secure-phone");
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
