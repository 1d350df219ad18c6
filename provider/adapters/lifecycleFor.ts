/**
 * What both adapters hand the lifecycle: Pulumi's log (the adapters are the only code that loads
 * @pulumi/pulumi at run time) and the CLI handshake over the environment the settings come from.
 */
import { handshakeFromEnvironment } from "../handshake";
import { BindingLifecycle, LifecycleOptions } from "../lifecycle";
import type { LifecycleLog } from "../ports";

export interface AdapterOptions extends LifecycleOptions {
  /** Where warnings go; pulumi.log by default. */
  log?: LifecycleLog;
}

export function lifecycleFor(options: AdapterOptions = {}): BindingLifecycle {
  const env = options.env ?? (() => process.env);
  return new BindingLifecycle({ log: options.log ?? pulumiLog, handshake: handshakeFromEnvironment(env) }, options);
}

/**
 * pulumi.log, loaded at the first message. Resolves once the engine has the message: a provider process may
 * be stopped right after its last call, and a log line still on its way is lost (seen with the plugin at
 * destroy). The URN is not passed on yet: Pulumi's log takes a resource object, which a provider has not.
 */
export const pulumiLog: LifecycleLog = {
  warn: (message) => toPulumiLog("warn", message),
  info: (message) => toPulumiLog("info", message),
};

async function toPulumiLog(level: "warn" | "info", message: string): Promise<void> {
  try {
    await require("@pulumi/pulumi").log[level](message);
  } catch {
    if (level === "warn") console.warn(message);
    else console.info(message);
  }
}
