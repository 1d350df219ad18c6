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
 * destroy). With a URN the engine shows the message on that resource rather than on the stack.
 */
export const pulumiLog: LifecycleLog = {
  warn: (message, urn) => toPulumiLog("warn", message, urn),
  info: (message, urn) => toPulumiLog("info", message, urn),
};

async function toPulumiLog(level: "warn" | "info", message: string, urn: string | undefined): Promise<void> {
  try {
    const pulumi = require("@pulumi/pulumi");
    await pulumi.log[level](message, urn ? resourceAt(pulumi, urn) : undefined);
  } catch {
    if (level === "warn") console.warn(message);
    else console.info(message);
  }
}

/**
 * What pulumi.log needs of a resource: its URN (it sends `await resource.urn` as the LogRequest's urn). A
 * provider has the URN of the resource a call is about, not the program's resource object.
 */
function resourceAt(pulumi: typeof import("@pulumi/pulumi"), urn: string) {
  return { urn: pulumi.output(urn) };
}
