/**
 * What both adapters hand the lifecycle: the engine's log (engineLog.ts; the adapters are the only code that
 * talks to the engine) and the CLI handshake over the environment the settings come from.
 */
import { handshakeFromEnvironment } from "../handshake";
import { BindingLifecycle, LifecycleOptions } from "../lifecycle";
import type { LifecycleLog } from "../ports";
import { engineLog } from "./engineLog";

export interface AdapterOptions extends LifecycleOptions {
  /**
   * Where warnings go; the engine by default. Its messages resolve once the engine has them: a provider
   * process may be stopped right after its last call, and a log line still on its way is lost (seen with the
   * plugin at destroy). With a URN the engine shows the message on that resource rather than on the stack.
   */
  log?: LifecycleLog;
}

export function lifecycleFor(options: AdapterOptions = {}): BindingLifecycle {
  const env = options.env ?? (() => process.env);
  return new BindingLifecycle({ log: options.log ?? engineLog, handshake: handshakeFromEnvironment(env) }, options);
}
