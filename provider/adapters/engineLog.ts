/**
 * Warnings and notes to the Pulumi engine, attached to the resource they concern, over the engine's own
 * gRPC service as @pulumi/pulumi publishes its stubs (`proto/engine_grpc_pb`: Log, with a LogRequest that
 * carries the resource's URN). Both adapters log through it. pulumi.log is not used: it finds the engine
 * through @pulumi/pulumi's process-wide settings, which the dynamic-provider host never fills, and it takes
 * a resource object where a provider only has a URN.
 *
 * The engine's address is the first argument the engine starts every provider process with (the plugin
 * protocol): the plugin reads its own (serve.ts); in the dynamic-provider host, dynamicUrns.ts reads the
 * host's. Without an address (unit tests, the CLI, a host of another shape) a message goes to stderr,
 * which the engine shows on the stack, headed by the binding it concerns when its URN is known.
 */
import * as grpc from "@grpc/grpc-js";
import { parseUrn } from "../urn";
import type { LifecycleLog } from "../ports";

type Level = "warn" | "info";

interface EngineConnection {
  send(level: Level, message: string, urn: string): Promise<void>;
}

let engine: EngineConnection | undefined;
/** Messages go out one after another, in the order they were logged (as pulumi.log keeps them). */
let lastSent: Promise<void> = Promise.resolve();

/**
 * The engine's address among a provider process's arguments: the first that is not one of the logging
 * flags the engine may put before it (`--logtostderr`, `-v=N`, `--tracing <endpoint>`).
 */
export function engineAddressFrom(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--logtostderr" || arg.startsWith("-v=")) continue;
    if (arg === "--tracing") {
      i += 1;
      continue;
    }
    return arg;
  }
  return undefined;
}

/** Sends this process's messages to the engine at `address` from now on (the first address wins). */
export function connectToEngine(address: string | undefined): void {
  if (!address || engine) return;
  engine = engineConnection(address);
}

/** The lifecycle's log in a Pulumi run: resolves once the engine has the message (or stderr, without one). */
export const engineLog: LifecycleLog = {
  warn: (message, urn) => logged("warn", message, urn),
  info: (message, urn) => logged("info", message, urn),
};

function logged(level: Level, message: string, urn: string | undefined): Promise<void> {
  const connection = engine;
  if (!connection) {
    toStderr(level, message, urn);
    return Promise.resolve();
  }
  const sent = lastSent.then(() =>
    connection.send(level, message, urn ?? "").catch(() => {
      // Undelivered (the engine is going away): the message is not lost, it goes where it would without one.
      toStderr(level, message, urn);
    }),
  );
  lastSent = sent;
  return sent;
}

/** Without the engine: the message on stderr, headed by the binding it concerns as the engine heads one. */
function toStderr(level: Level, message: string, urn: string | undefined): void {
  const about = urn ? parseUrn(urn) : undefined;
  const head = about?.name ? `${about.type} (${about.name}): ` : "";
  // As pulumi.log without an engine: warnings to stderr, notes to stdout.
  if (level === "warn") console.warn(`warning: ${head}${message}`);
  else console.log(`info: ${head}${message}`);
}

function engineConnection(address: string): EngineConnection {
  // Loaded when a run gives an address: a process that never logs to an engine never loads the stubs.
  const { EngineService } = require("@pulumi/pulumi/proto/engine_grpc_pb");
  const { LogRequest, LogSeverity } = require("@pulumi/pulumi/proto/engine_pb");
  // The client is made here from the published service definition, so that it and its credentials come from
  // one copy of grpc-js.
  const Client = grpc.makeGenericClientConstructor(EngineService, "Engine");
  let client: InstanceType<typeof Client> | undefined;
  return {
    send(level, message, urn) {
      client ??= new Client(address, grpc.credentials.createInsecure());
      const request = new LogRequest();
      request.setSeverity(level === "warn" ? LogSeverity.WARNING : LogSeverity.INFO);
      request.setMessage(message);
      request.setUrn(urn);
      request.setEphemeral(false);
      return new Promise<void>((resolve, reject) =>
        (client as unknown as Record<string, (r: unknown, cb: (e: unknown) => void) => void>).log(request, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    },
  };
}
