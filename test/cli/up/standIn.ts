/**
 * What the tests' stand-ins for the pulumi CLI share: the stack config that points `up`'s lookups and sends at
 * the emulator (as `pulumi config --show-secrets` would give it), and a wait for what the emulator did.
 */

import { fixtureKeys, type RunningEmulator } from "../../../emulator";

export function emulatorStackConfig(emulator: RunningEmulator): Record<string, string> {
  return {
    "alicloud-secure-phone:site": "international",
    "alicloud-secure-phone:endpoint": emulator.url,
    "alicloud-secure-phone:directoryEndpoint": emulator.url,
    "alicloud:accessKey": fixtureKeys.management.accessKeyId,
    "alicloud:secretKey": fixtureKeys.management.accessKeySecret,
  };
}

/** Polls `read` until it gives a value (e.g. the code the emulator sent), for up to two seconds. */
export async function waitFor<T>(read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("timed out waiting");
}
