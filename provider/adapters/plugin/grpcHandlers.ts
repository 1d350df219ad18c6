/**
 * The plugin server's own gRPC handlers: Configure, CheckConfig and Read, the three that
 * @pulumi/pulumi/provider's server does not do as a plugin needs (serve.ts says why and swaps them in).
 * Each takes the framework's request message and answers with its response classes.
 */
import { dirname } from "node:path";
import { UNKNOWN } from "../../rules/inputs";
import { configReaderFrom, isExplicitProvider } from "./config";
import type { PluginProvider } from "./pluginProvider";

export type Call = { request: any };
/** The framework's own gRPC and protobuf modules, so messages are of the classes its server sends. */
export type Wire = { grpc: any; provider: any; struct: any };
export type Callback = (error: unknown, response?: unknown) => void;
/** One of the framework server's handlers, as grpc-js calls it. */
export type Handler = (call: Call, callback: Callback) => void;

/** The modules of the @pulumi/pulumi installed beside this package, resolved from its folder. */
export function frameworkWire(): Wire {
  const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
  // Resolved from @pulumi/pulumi's own folder, so its server and ours share one copy of each module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fromPulumi = (name: string) => require(require.resolve(name, { paths: [pulumiDir] }));
  return {
    grpc: fromPulumi("@grpc/grpc-js"),
    provider: require("@pulumi/pulumi/proto/provider_pb"),
    struct: fromPulumi("google-protobuf/google/protobuf/struct_pb"),
  };
}

export function pluginHandlers(provider: PluginProvider, framework: Record<string, Handler>, wire: Wire) {
  const settingsOf = (request: any) =>
    configReaderFrom(
      request.getArgs()?.toJavaScript(),
      new Map(request.getVariablesMap().entries()),
      isExplicitProvider(request.getName?.(), request.getUrn?.()),
    );
  return {
    configure(call: Call, callback: Callback) {
      provider.configure(settingsOf(call.request));
      framework.configure(call, callback); // accepts secrets, resources and outputs
    },
    checkConfig(call: Call, callback: Callback) {
      const news = call.request.getNews();
      const values = news?.toJavaScript() ?? {};
      const failures = provider.checkConfig(
        configReaderFrom(values, new Map(), isExplicitProvider(call.request.getName?.(), call.request.getUrn?.())),
        JSON.stringify(values).includes(UNKNOWN),
      );
      const response = new wire.provider.CheckResponse();
      response.setInputs(news); // unchanged: secrets stay wrapped
      response.setFailuresList(
        failures.map((failure) => {
          const item = new wire.provider.CheckFailure();
          item.setProperty(failure.property);
          item.setReason(failure.reason);
          return item;
        }),
      );
      callback(undefined, response);
    },
    read(call: Call, callback: Callback) {
      const request = call.request;
      provider.read(request.getId(), request.getUrn(), request.getProperties()?.toJavaScript()).then(
        (result) => {
          const response = new wire.provider.ReadResponse();
          // No id and no properties is how a plugin says the resource is gone.
          if (result.id) {
            response.setId(result.id);
            response.setProperties(wire.struct.Struct.fromJavaScript(result.props ?? {}));
            if (result.inputs) response.setInputs(wire.struct.Struct.fromJavaScript(result.inputs));
          }
          callback(undefined, response);
        },
        (error: Error) => callback({ code: wire.grpc.status.UNKNOWN, details: error.message, message: error.message }),
      );
    },
  };
}
