import { dirname } from "node:path";
import { UNKNOWN } from "../rules/inputs";
import { configReaderFrom } from "./config";
import { SecureMobilePhoneProvider } from "./provider";

/**
 * Serves the provider with @pulumi/pulumi's provider framework (`provider.main`), filling the three
 * places where its server (3.248 to 3.276) does not do what a plugin needs:
 * - Configure: it answers by itself and drops the settings; we read them first.
 * - CheckConfig: unimplemented; we check the settings, so a bad one fails at preview.
 * - Read: it crashes when the engine sends no properties (`pulumi import`), and turns "gone" into an
 *   empty resource instead of a missing one; we answer Read ourselves.
 * Everything else (Check, Diff, Create, Update, Delete, GetSchema, the gRPC server) is the framework's.
 * The handlers are swapped in when the framework registers its service, the one point it exposes.
 */
export async function serve(provider: SecureMobilePhoneProvider, args: string[]): Promise<void> {
  // pulumi.log (the delete warning) finds the engine through this variable; the engine passes its address
  // as an argument, parsed the framework's way.
  const engineAddress = require("@pulumi/pulumi/provider/internals").parseArgs(args)?.engineAddress;
  if (engineAddress) process.env.PULUMI_NODEJS_ENGINE ??= engineAddress;
  const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
  const fromPulumi = (name: string) => require(require.resolve(name, { paths: [pulumiDir] }));
  const grpc = fromPulumi("@grpc/grpc-js");
  const wire: Wire = { grpc, provider: require("@pulumi/pulumi/proto/provider_pb"), struct: fromPulumi("google-protobuf/google/protobuf/struct_pb") };

  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (this: unknown, service: unknown, handlers: Record<string, Function>) {
    grpc.Server.prototype.addService = addService;
    // The framework's handlers are methods of its server object: keep them reachable (and their `this`) through
    // the prototype, and put ours in front.
    return addService.call(this, service, Object.assign(Object.create(handlers), pluginHandlers(provider, handlers, wire)));
  };
  await require("@pulumi/pulumi/provider").main(provider, args);
}

type Call = { request: any };
/** The framework's own gRPC and protobuf modules, so messages are of the classes its server sends. */
type Wire = { grpc: any; provider: any; struct: any };
type Callback = (error: unknown, response?: unknown) => void;

function pluginHandlers(provider: SecureMobilePhoneProvider, framework: Record<string, Function>, wire: Wire) {
  const settingsOf = (request: any) => configReaderFrom(request.getArgs()?.toJavaScript(), new Map(request.getVariablesMap().entries()));
  return {
    configure(call: Call, callback: Callback) {
      provider.configure(settingsOf(call.request));
      framework.configure(call, callback); // accepts secrets, resources and outputs
    },
    checkConfig(call: Call, callback: Callback) {
      const news = call.request.getNews();
      const values = news?.toJavaScript() ?? {};
      const failures = provider.checkConfig(configReaderFrom(values, new Map()), JSON.stringify(values).includes(UNKNOWN));
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
