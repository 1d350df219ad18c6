/**
 * Serves the plugin provider with @pulumi/pulumi's provider framework (`provider.main`), filling the three
 * places where its server (3.248 to 3.276) does not do what a plugin needs:
 * - Configure: it answers by itself and drops the settings; we read them first.
 * - CheckConfig: unimplemented; we check the settings, so a bad one fails at preview.
 * - Read: it crashes when the engine sends no properties (`pulumi import`), and turns "gone" into an
 *   empty resource instead of a missing one; we answer Read ourselves.
 * Everything else (Check, Diff, Create, Update, Delete, GetSchema, the gRPC server) is the framework's.
 * The handlers (grpcHandlers.ts) are swapped in when the framework registers its service, the one point it
 * exposes.
 */

import { type Handler, frameworkWire, pluginHandlers } from "./grpcHandlers";
import { PluginProvider } from "./pluginProvider";

export async function serve(provider: PluginProvider, args: string[]): Promise<void> {
  // pulumi.log (the delete warning) finds the engine through this variable; the engine passes its address
  // as an argument, parsed the framework's way.
  const engineAddress = require("@pulumi/pulumi/provider/internals").parseArgs(args)?.engineAddress;
  if (engineAddress) process.env.PULUMI_NODEJS_ENGINE ??= engineAddress;
  const wire = frameworkWire();
  const grpc = wire.grpc;

  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (this: unknown, service: unknown, handlers: Record<string, Handler>) {
    grpc.Server.prototype.addService = addService;
    // The framework's handlers are methods of its server object: keep them reachable (and their `this`) through
    // the prototype, and put ours in front.
    return addService.call(
      this,
      service,
      Object.assign(Object.create(handlers), pluginHandlers(provider, handlers, wire)),
    );
  };
  await require("@pulumi/pulumi/provider").main(provider, args);
}
