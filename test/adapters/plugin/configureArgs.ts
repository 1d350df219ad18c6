/**
 * The plugin's settings as the engine hands them to Configure (the provider's arguments, the keys wrapped as
 * secrets), pointed at an emulator: what the in-process tests of the plugin's server configure it with.
 */
import { fixtureKeys, type RunningEmulator } from "../../../emulator";
import { wrapSecrets } from "../../../provider/adapters/plugin/wireSecrets";

export function configureArgs(emulator: RunningEmulator, site: "china" | "international" = "china") {
  return wrapSecrets(
    {
      site,
      endpoint: emulator.url,
      directoryEndpoint: emulator.url,
      accessKey: fixtureKeys.management.accessKeyId,
      secretKey: fixtureKeys.management.accessKeySecret,
    },
    ["accessKey", "secretKey"],
  );
}
