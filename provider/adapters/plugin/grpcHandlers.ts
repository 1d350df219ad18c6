/**
 * The plugin's ResourceProvider gRPC service: one handler per method the engine calls, on the request and
 * response messages @pulumi/pulumi publishes as generated stubs (`proto/provider_pb`, `proto/plugin_pb`), the
 * contract itself, translated to and from the PluginProvider's calls. serve.ts puts them behind a gRPC server.
 *
 * What the engine gets, method by method, is what @pulumi/pulumi/provider's server (3.139 to 3.276) gave it,
 * with three answers of our own: Configure hands the provider its settings (the framework's dropped them),
 * CheckConfig checks them (it was unimplemented), and Read takes a call without properties (`pulumi import`)
 * and says "gone" with no id (the framework crashed on the first and returned an empty resource for the
 * second). Methods without a handler (DiffConfig, Invoke, Construct, Call, Handshake, ...) answer
 * UNIMPLEMENTED, as they did, and the engine carries on without them.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as plugin from "@pulumi/pulumi/proto/plugin_pb";
import * as messages from "@pulumi/pulumi/proto/provider_pb";
import { UNKNOWN } from "../../rules/inputs";
import { connectToEngine } from "../engineLog";
import { configReaderFrom, isExplicitProvider } from "./config";
import type { PluginProvider } from "./pluginProvider";
import type { PropertyBag } from "./wireSecrets";

export type Callback = (error: unknown, response?: unknown) => void;
/** One method's handler, as grpc-js calls it: the request message in, one answer to the callback. */
export type Handler = (call: { request: any }, callback: Callback) => void;

/** The handlers of the ResourceProvider service, by grpc-js's method names. */
export function pluginHandlers(provider: PluginProvider): Record<string, Handler> {
  return {
    getPluginInfo: answer(() => new plugin.PluginInfo().setVersion(provider.version)),

    getSchema: answer((request: messages.GetSchemaRequest) => {
      if (request.getVersion() !== 0) throw new Error(`unsupported schema version ${request.getVersion()}`);
      return new messages.GetSchemaResponse().setSchema(provider.schema);
    }),

    configure: answer((request: messages.ConfigureRequest) => {
      provider.configure(
        configReaderFrom(plain(request.getArgs()), new Map(request.getVariablesMap().entries()), explicit(request)),
      );
      // Secrets arrive wrapped and are sent back wrapped (wireSecrets.ts).
      return new messages.ConfigureResponse().setAcceptsecrets(true).setAcceptresources(true).setAcceptoutputs(true);
    }),

    checkConfig: answer((request: messages.CheckRequest) => {
      const news = request.getNews();
      const values = plain(news);
      const failures = provider.checkConfig(
        configReaderFrom(values, new Map(), explicit(request)),
        JSON.stringify(values).includes(UNKNOWN),
      );
      const response = new messages.CheckResponse();
      response.setInputs(news); // unchanged: secrets stay wrapped
      response.setFailuresList(failures.map(checkFailure));
      return response;
    }),

    check: answer(
      async (request: messages.CheckRequest) => {
        const news = plain(request.getNews());
        const result = await provider.check(request.getUrn(), plain(request.getOlds()), news);
        const response = new messages.CheckResponse();
        response.setInputs(struct(result.inputs ?? news));
        response.setFailuresList((result.failures ?? []).map(checkFailure));
        return response;
      },
      { printStack: true },
    ),

    diff: answer(
      async (request: messages.DiffRequest) => {
        const urn = request.getUrn();
        const result = await provider.diff(request.getId(), urn, plain(request.getOlds()), plain(request.getNews()));
        const { DiffChanges } = messages.DiffResponse;
        const response = new messages.DiffResponse();
        response.setChanges(
          result.changes === true
            ? DiffChanges.DIFF_SOME
            : result.changes === false
              ? DiffChanges.DIFF_NONE
              : DiffChanges.DIFF_UNKNOWN,
        );
        if (result.replaces?.length) response.setReplacesList(result.replaces);
        if (result.deleteBeforeReplace) response.setDeletebeforereplace(true);
        return response;
      },
      { printStack: true },
    ),

    create: answer(async (request: messages.CreateRequest) => {
      const result = await provider.create(request.getUrn(), plain(request.getProperties()));
      return new messages.CreateResponse().setId(result.id).setProperties(struct(result.outs));
    }),

    read: answer(async (request: messages.ReadRequest) => {
      // `pulumi import` sends no properties.
      const properties = request.getProperties();
      const result = await provider.read(request.getId(), request.getUrn(), properties && plain(properties));
      const response = new messages.ReadResponse();
      // No id and no properties is how a plugin says the resource is gone.
      if (result.id) {
        response.setId(result.id);
        response.setProperties(struct(result.props ?? {}));
        if (result.inputs) response.setInputs(struct(result.inputs));
      }
      return response;
    }),

    update: answer(async (request: messages.UpdateRequest) => {
      const urn = request.getUrn();
      const result = await provider.update(request.getId(), urn, plain(request.getOlds()), plain(request.getNews()));
      return new messages.UpdateResponse().setProperties(struct(result.outs));
    }),

    delete: answer(
      async (request: messages.DeleteRequest) => {
        await provider.delete(request.getId(), request.getUrn(), plain(request.getProperties()));
        return new Empty();
      },
      { printStack: true },
    ),

    // The engine's address, when it attaches to a plugin it did not start (a debugger's): logs go there.
    attach: answer((request: plugin.PluginAttach) => {
      connectToEngine(request.getAddress());
      return new Empty();
    }),

    // Nothing to stop: every call ends by itself within the client's timeouts.
    cancel: answer(() => new Empty()),
  };
}

/**
 * A handler from a function of the request: its result is the answer, its error the gRPC status UNKNOWN
 * with the (already redacted) message. `printStack` keeps, for the methods where the framework did it,
 * the error with its stack on stderr, which the engine shows.
 */
function answer<Request>(
  respond: (request: Request) => unknown,
  { printStack = false }: { printStack?: boolean } = {},
): Handler {
  return (call, callback) => {
    new Promise((resolve) => resolve(respond(call.request as Request))).then(
      (response) => callback(undefined, response),
      (error: Error) => {
        if (printStack) console.error(`${error}: ${error.stack}`);
        callback({ code: grpc.status.UNKNOWN, details: error.message, message: error.message });
      },
    );
  };
}

/** A Struct's properties as plain JavaScript (secrets still wrapped); nothing sent is an empty bag. */
function plain(properties: Struct | undefined): PropertyBag {
  return (properties?.toJavaScript() ?? {}) as PropertyBag;
}

function struct(bag: PropertyBag): Struct {
  return Struct.fromJavaScript(bag as Parameters<typeof Struct.fromJavaScript>[0]);
}

/**
 * Whether the request configures an explicit provider resource (its settings are its arguments) rather than the
 * default provider (stack config). The name and URN are newer fields of the request: an engine without them
 * configures the default provider.
 */
function explicit(request: object): boolean {
  // Typed loosely: @pulumi/pulumi's stubs before the fields (the peer range's floor) do not declare them.
  const named = request as { getName?(): string | undefined; getUrn?(): string | undefined };
  return isExplicitProvider(named.getName?.(), named.getUrn?.());
}

function checkFailure(failure: { property: string; reason: string }): messages.CheckFailure {
  return new messages.CheckFailure().setProperty(failure.property).setReason(failure.reason);
}
