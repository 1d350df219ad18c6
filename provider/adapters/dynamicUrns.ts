/**
 * What the dynamic-provider host of @pulumi/pulumi (cmd/dynamic-provider, 3.248) knows and does not pass
 * on to a dynamic provider: the URN of the resource a call is about, and the engine's address. Without
 * them a warning is printed to the host's stderr (pulumi.log's fallback), which the engine shows on the
 * stack (`pulumi:pulumi:Stack (…) warning: [runtime] …`) instead of on the binding it concerns.
 *
 * - check: the binding's class (sdk/nodejs/secureMobilePhoneBinding.ts) sends its own URN as the input
 *   URN_INPUT; the dynamic adapter takes it out before the lifecycle sees the inputs, so it never reaches
 *   state. (The host's CheckRequest has the URN, but the host loads this package inside the first call, too
 *   late for that call.)
 * - delete: state holds no URN, and the program does not run at destroy. The host evaluates
 *   `req.getId()` as the argument of `provider.delete`, after it has loaded this package: DeleteRequest's
 *   getId is wrapped here to note the request's URN, and the adapter takes it at the start of delete,
 *   synchronously, before another request can run.
 * - the engine: the host never keeps the address it is started with; it is set where pulumi.log looks for
 *   it, parsed the framework's way (as the plugin's serve.ts does).
 * Nothing here runs outside the host process (unit tests, the CLI, the plugin).
 */
import { dirname, join } from "node:path";

/** The input that carries the binding's URN to check: the contract's, shared with the SDK's class. */
export { URN_INPUT } from "../contract";

const HOST_MAIN = join("@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");
const WRAPPED = Symbol.for("pulumi-alicloud-secure-phone.deleteUrn");

let noted: { id: string; urn: string } | undefined;

/** True in the process of Pulumi's dynamic-provider host. */
export function inDynamicProviderHost(main: NodeJS.Module | undefined = require.main): boolean {
  return main?.filename.endsWith(HOST_MAIN) ?? false;
}

/** In the host process only: point pulumi.log at the engine, and note the URN of each delete request. */
export function attachToDynamicProviderHost(
  main: NodeJS.Module | undefined = require.main,
  args: string[] = process.argv.slice(2),
): void {
  if (!main || !inDynamicProviderHost(main)) return;
  try {
    connectLogToEngine(main, args);
    noteDeleteUrns(main);
  } catch {
    // A host of another shape: warnings go to the stack as before.
  }
}

/** The URN of the delete request for `id` the host is calling with now, if it was noted. */
export function takeDeleteUrn(id: string): string | undefined {
  const taken = noted;
  noted = undefined;
  return taken && taken.id === id ? taken.urn : undefined;
}

function connectLogToEngine(main: NodeJS.Module, args: string[]): void {
  const pulumiDir = join(dirname(main.filename), "..", "..");
  const address = main.require(join(pulumiDir, "provider", "internals")).parseArgs(args)?.engineAddress;
  if (!address) return;
  process.env.PULUMI_NODEJS_ENGINE ??= address;
  // The settings may have been read already (they are read once): set the address there too.
  const { settings } = main.require(join(pulumiDir, "runtime", "state")).getStore();
  settings.options.engineAddr ||= address;
}

function noteDeleteUrns(main: NodeJS.Module): void {
  const proto = main.require(join(dirname(main.filename), "..", "..", "proto", "provider_pb"));
  const request = proto.DeleteRequest.prototype;
  if (request[WRAPPED]) return;
  const getId = request.getId;
  request.getId = function (this: { getUrn(): string }) {
    const id = getId.call(this);
    noted = { id, urn: this.getUrn() };
    return id;
  };
  request[WRAPPED] = true;
}
