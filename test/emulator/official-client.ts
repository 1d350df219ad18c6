/**
 * The vendor's official Node client (`@alicloud/resourcemanager20200331` on `@alicloud/openapi-core`) pointed at
 * the emulator, in either signing mode, and the checks its tests share: a failure reduced to code and status
 * (its message may echo the string to sign), and whether a raw answer is named and typed as the SDK's model.
 */
import { $OpenApiUtil } from "@alicloud/openapi-core";
import Client from "@alicloud/resourcemanager20200331";
import type { RunningEmulator } from "../../emulator/internal";

/** How the client signs: ACS3-HMAC-SHA256 (its default) or the RPC signature V1 (`signatureAlgorithm: "v2"`). */
export type SigningMode = "V3" | "v2";

export interface OfficialKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export function officialClient(emulator: RunningEmulator, mode: SigningMode, key: OfficialKey): Client {
  return new Client(
    new $OpenApiUtil.Config({
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
      ...(key.securityToken ? { securityToken: key.securityToken } : {}),
      // The client takes a host, and https unless told otherwise.
      endpoint: new URL(emulator.url).host,
      protocol: "http",
      ...(mode === "v2" ? { signatureAlgorithm: "v2" } : {}),
    }),
  );
}

// The client's runtime options are @darabonba/typescript's class; callApi reads only their fields.
const NO_RUNTIME_OPTIONS = {} as Parameters<Client["callApi"]>[2];

/**
 * Any action at any version through the client's own generic call (what its typed methods call), returning the
 * raw answer: how 2022-04-19 (which has no Node package) is reached, and how answers are checked field by field.
 */
export async function callRaw(
  client: Client,
  version: string,
  action: string,
  query: Record<string, string> = {},
): Promise<Record<string, any>> {
  const params = new $OpenApiUtil.Params({
    action,
    version,
    protocol: "HTTPS",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const answer = await client.callApi(params, new $OpenApiUtil.OpenApiRequest({ query }), NO_RUNTIME_OPTIONS);
  return answer.body as Record<string, any>;
}

export interface Outcome {
  code: string;
  httpStatus: number | undefined;
}

/** "OK", or the error's code and HTTP status; never its message. */
export async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  try {
    await promise;
    return { code: "OK", httpStatus: 200 };
  } catch (error) {
    const e = error as { code?: unknown; statusCode?: unknown; name?: unknown };
    return {
      code: typeof e.code === "string" ? e.code : String(e.name),
      httpStatus: typeof e.statusCode === "number" ? e.statusCode : undefined,
    };
  }
}

/** A Tea model class as its static methods describe it: wire names and types by property. */
export interface ModelShape {
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}

/** A model with fields added: how a 2022-04-19 answer is described from the 2020-03-31 model plus its own fields. */
export function extendModel(
  model: ModelShape,
  names: Record<string, string>,
  types: Record<string, unknown>,
): ModelShape {
  return { names: () => ({ ...model.names(), ...names }), types: () => ({ ...model.types(), ...types }) };
}

/** Where a raw answer leaves the model: a field the model does not name, or a value not of the model's type. */
export function modelProblems(raw: unknown, model: ModelShape, path = "body"): string[] {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return [`${path}: not an object`];
  const types = model.types();
  const byWire = new Map(Object.entries(model.names()).map(([property, wire]) => [wire, types[property]]));
  return Object.entries(raw).flatMap(([field, value]) =>
    byWire.has(field)
      ? typeProblems(value, byWire.get(field), `${path}.${field}`)
      : [`${path}.${field}: the model has no such field`],
  );
}

function typeProblems(value: unknown, type: unknown, path: string): string[] {
  if (type === "string" || type === "number" || type === "boolean") {
    return typeof value === type ? [] : [`${path}: ${typeof value}, the model says ${type}`];
  }
  if (typeof type === "function") return modelProblems(value, type as unknown as ModelShape, path);
  if (typeof type === "object" && type !== null && (type as { type?: string }).type === "array") {
    if (!Array.isArray(value)) return [`${path}: not a list`];
    return value.flatMap((item, i) => typeProblems(item, (type as { itemType: unknown }).itemType, `${path}[${i}]`));
  }
  return []; // maps and `any`: nothing to check
}
