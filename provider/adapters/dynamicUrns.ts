/**
 * What the dynamic-provider host of @pulumi/pulumi (cmd/dynamic-provider, 3.139 to 3.276) knows and does
 * not pass on to a dynamic provider: the URN of the resource a call is about, and the engine's address.
 * Without them a warning goes to the host's stderr, which the engine shows on the stack instead of on the
 * binding it concerns. This is the one module that works around that; where there is a public way, it
 * takes it:
 *
 * - check (public): the binding's class (sdk/nodejs/secureMobilePhoneBinding.ts) sends its own URN as the
 *   input URN_INPUT; the dynamic adapter takes it out before the lifecycle sees the inputs, so it never
 *   reaches state.
 * - the engine (the plugin protocol): the engine starts the host, like any provider, with its address as the
 *   first argument; the host keeps it to itself, so it is read from the host's arguments and handed to
 *   engineLog.ts, which talks to the engine over its published stubs.
 * - delete (no public way): the host passes delete the id and the outputs in state, and state holds no URN
 *   (storing one would put it in every binding's inputs and outputs; the engine tests keep it out); the
 *   program does not run at destroy. The host evaluates `req.getId()` as the argument of `provider.delete`,
 *   after it has loaded this package: DeleteRequest's getId is wrapped here to note the request's URN, and
 *   the adapter takes it at the start of delete, synchronously, before another request can run.
 *
 * Both workarounds stand on the host's shape, checked first from its source (hostShape): a host of another
 * shape gets neither, and its warnings still reach the stack, headed by the binding when its URN is known
 * (engineLog.ts) and naming the account always (messages.ts). test/adapters/dynamicUrns.test.ts runs the
 * check on the installed host, so CI fails the day the host changes. Nothing here runs outside the host
 * process (unit tests, the CLI, the plugin).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { connectToEngine, engineAddressFrom } from "./engineLog";

/** The input that carries the binding's URN to check: the contract's, shared with the SDK's class. */
export { URN_INPUT } from "../contract";

const HOST_MAIN = join("@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");
const WRAPPED = Symbol.for("pulumi-alicloud-secure-phone.deleteUrn");

/** What of the host's shape each workaround needs, as its compiled source says it. */
const SHAPE = {
  // It is run as `node index.js <engine address> ...`: its main takes the process's arguments.
  engineArgument: /\bmain\(process\.argv\.slice\(2\)\)/,
  // Its delete loads the provider (this package) first, then reads the request's id as delete's argument.
  deleteIdAfterLoad:
    /getProvider\(props, this\.config\);\s*if \(provider\.delete\) \{\s*(?:await|yield) provider\.delete\(req\.getId\(\), props\);/,
} as const;

export type HostShape = Record<keyof typeof SHAPE, boolean>;

let noted: { id: string; urn: string } | undefined;

/** True in the process of Pulumi's dynamic-provider host. */
export function inDynamicProviderHost(main: NodeJS.Module | undefined = require.main): boolean {
  return main?.filename.endsWith(HOST_MAIN) ?? false;
}

/** Which of the host's habits this source shows. */
export function hostShape(source: string): HostShape {
  return {
    engineArgument: SHAPE.engineArgument.test(source),
    deleteIdAfterLoad: SHAPE.deleteIdAfterLoad.test(source),
  };
}

/**
 * In the host process only, and for what its shape allows: send warnings to the engine, and note the URN
 * of each delete request. Returns the shape it found (undefined outside the host).
 */
export function attachToDynamicProviderHost(
  main: NodeJS.Module | undefined = require.main,
  args: string[] = process.argv.slice(2),
): HostShape | undefined {
  if (!main || !inDynamicProviderHost(main)) return undefined;
  let shape: HostShape = { engineArgument: false, deleteIdAfterLoad: false };
  try {
    shape = hostShape(readFileSync(main.filename, "utf8"));
    if (shape.engineArgument) connectToEngine(engineAddressFrom(args));
    if (shape.deleteIdAfterLoad) noteDeleteUrns(main);
  } catch {
    // Unreadable: a host of another shape. Warnings go to the stack, as the fallback says.
  }
  return shape;
}

/** The URN of the delete request for `id` the host is calling with now, if it was noted. */
export function takeDeleteUrn(id: string): string | undefined {
  const taken = noted;
  noted = undefined;
  return taken && taken.id === id ? taken.urn : undefined;
}

function noteDeleteUrns(main: NodeJS.Module): void {
  // The host's own copy of the published stubs, beside it in its package.
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
