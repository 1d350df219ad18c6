/**
 * Serves the plugin provider: its own gRPC server (@grpc/grpc-js) with the ResourceProvider service
 * definition @pulumi/pulumi publishes (`proto/provider_grpc_pb`) and our handlers (grpcHandlers.ts), as the
 * engine expects of any provider plugin:
 * - the engine starts it with its own address as the first argument: logs go there (engineLog.ts);
 * - it listens on 127.0.0.1 on a free port and prints that port, alone, as the first line of stdout;
 * - an error that escapes every handler is printed (the engine shows a plugin's stderr) and makes the exit
 *   code 1, as @pulumi/pulumi/provider's `main` did; the process ends when the engine stops it.
 * Nothing of @pulumi/pulumi's provider framework is used or patched: only the published contract.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { connectToEngine, engineAddressFrom } from "../engineLog";
import { pluginHandlers } from "./grpcHandlers";
import type { PluginProvider } from "./pluginProvider";

/** As @pulumi/pulumi's own servers allow: 400 MB (a schema or a state can be large). */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

export interface RunningServer {
  port: number;
  /** Stops at once, failing calls in flight. */
  stop(): void;
}

/** The plugin's gRPC server on a free loopback port. */
export async function startServer(provider: PluginProvider): Promise<RunningServer> {
  assertOneProtobufCopy();
  const server = new grpc.Server({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  });
  server.addService(ResourceProviderService, pluginHandlers(provider) as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { port, stop: () => server.forceShutdown() };
}

/** The plugin process: started by the engine with `args`, it serves until the engine stops it. */
export async function serve(provider: PluginProvider, args: string[]): Promise<void> {
  connectToEngine(engineAddressFrom(args));
  const uncaught = new Set<unknown>();
  const onUncaught = (error: unknown) => {
    if (uncaught.has(error)) return;
    uncaught.add(error);
    console.error((error as Error)?.stack ?? String(error));
  };
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
  process.on("exit", (code) => {
    if (code === 0 && uncaught.size > 0) process.exitCode = 1;
  });
  const { port } = await startServer(provider);
  // The engine reads the port from the first line; a string, so that Node does not colour it.
  console.log(String(port));
}

/**
 * The stubs check that an empty answer (Delete, Cancel, Attach) is an instance of google-protobuf's Empty
 * as they loaded it: this package and @pulumi/pulumi must share one copy (same version range, so npm
 * installs one). Said at start, rather than as a failed delete.
 */
function assertOneProtobufCopy(): void {
  try {
    ResourceProviderService.cancel.responseSerialize(new Empty());
  } catch {
    throw new Error(
      "google-protobuf is installed twice (one copy for @pulumi/pulumi, another for this package): " +
        "reinstall so that npm shares one (npm dedupe).",
    );
  }
}
