/**
 * The plugin's gRPC server (serve.ts) over a real loopback connection, as the engine calls it: a client made
 * from the ResourceProvider service definition @pulumi/pulumi publishes, messages from its stubs, the
 * provider against the emulator. Pins what the engine relies on of every method the plugin answers, and
 * that the rest answer UNIMPLEMENTED (the engine carries on without them).
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as plugin from "@pulumi/pulumi/proto/plugin_pb";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as messages from "@pulumi/pulumi/proto/provider_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PluginProvider } from "../../../provider/adapters/plugin/pluginProvider";
import { type RunningServer, startServer } from "../../../provider/adapters/plugin/serve";
import { unwrapSecrets } from "../../../provider/adapters/plugin/wireSecrets";
import { PLUGIN_BINDING_TYPE } from "../../../provider/typeTokens";
import { fixturePhones } from "../../../emulator";
import { FAST_RETRIES, fixtureSecrets, newMemberWithCode, useEmulator } from "../../support/emulator";
import { configureArgs } from "./configureArgs";

const emulator = useEmulator("china", { showPhone: "absent" });
const URN = `urn:pulumi:dev::vending::${PLUGIN_BINDING_TYPE}::member-phone`;
const SCHEMA = JSON.stringify({ name: "alicloud-secure-phone", version: "0.0.0-test" });
const Client = grpc.makeGenericClientConstructor(ResourceProviderService, "ResourceProvider");

let server: RunningServer;
let client: InstanceType<typeof Client>;
let warnedAbout: (string | undefined)[] = [];

beforeAll(async () => {
  const provider = new PluginProvider("0.0.0-test", SCHEMA, {
    env: () => ({}),
    client: { retryPolicy: FAST_RETRIES, timeoutMs: 1_000 },
    log: { warn: (_message, urn) => void warnedAbout.push(urn), info: () => undefined },
  });
  server = await startServer(provider);
  client = new Client(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
});

afterAll(() => {
  client?.close();
  server?.stop();
});

/** One unary call by its grpc-js method name: the answer, or the error with its status. */
function rpc<T>(method: string, request: unknown): Promise<{ error?: grpc.ServiceError; response?: T }> {
  const call = (
    client as unknown as Record<string, (r: unknown, cb: (e: grpc.ServiceError | null, r: T) => void) => void>
  )[method].bind(client);
  return new Promise((resolve) => call(request, (error, response) => resolve(error ? { error } : { response })));
}

const struct = (bag: Record<string, unknown>) =>
  Struct.fromJavaScript(bag as Parameters<typeof Struct.fromJavaScript>[0]);

async function configure() {
  const args = configureArgs(emulator.current);
  return rpc<messages.ConfigureResponse>("configure", new messages.ConfigureRequest().setArgs(struct(args)));
}

describe("the plugin's gRPC server", () => {
  it("answers GetPluginInfo with the version and GetSchema with the schema (version 0 only)", async () => {
    const info = await rpc<plugin.PluginInfo>("getPluginInfo", new Empty());
    expect(info.response?.getVersion()).toBe("0.0.0-test");
    const schema = await rpc<messages.GetSchemaResponse>("getSchema", new messages.GetSchemaRequest());
    expect(schema.response?.getSchema()).toBe(SCHEMA);
    const later = await rpc("getSchema", new messages.GetSchemaRequest().setVersion(1));
    expect(later.error?.details).toBe("unsupported schema version 1");
  });

  it("accepts secrets, resources and outputs at Configure, and checks the settings at CheckConfig", async () => {
    const { response } = await configure();
    expect(response?.getAcceptsecrets()).toBe(true);
    expect(response?.getAcceptresources()).toBe(true);
    expect(response?.getAcceptoutputs()).toBe(true);
    const checked = await rpc<messages.CheckResponse>(
      "checkConfig",
      new messages.CheckRequest().setNews(struct({ site: "mars" })),
    );
    expect(checked.response?.getFailuresList().map((f) => f.getReason())).toEqual([
      expect.stringContaining('alicloud-secure-phone:site is "mars"'),
    ]);
  });

  it("binds through Check, Diff, Create, Read, Update and Delete, the phone and code secret on the wire", async () => {
    await configure();
    const phone = fixturePhones.china.valid;
    const { accountId, code } = await newMemberWithCode(emulator.current, "china", "serve-create", phone);
    const news = { accountId, secureMobilePhone: phone, verificationCode: code };

    const checked = await rpc<messages.CheckResponse>(
      "check",
      new messages.CheckRequest().setUrn(URN).setOlds(struct({})).setNews(struct(news)),
    );
    expect(checked.response?.getFailuresList()).toEqual([]);
    const inputs = checked.response!.getInputs()!.toJavaScript();
    expect(unwrapSecrets(inputs).secretNames).toEqual(new Set(["secureMobilePhone", "verificationCode"]));

    const created = await rpc<messages.CreateResponse>(
      "create",
      new messages.CreateRequest().setUrn(URN).setProperties(struct(inputs)),
    );
    expect(created.response?.getId()).toBe(accountId);
    const outs = created.response!.getProperties()!.toJavaScript();
    expect(unwrapSecrets(outs).values).toMatchObject({ accountId, maskedSecureMobilePhone: "86-139****1234" });
    expect(emulator.current.calls.entries.map((c) => c.action)).toContain("BindSecureMobilePhone");

    const same = await rpc<messages.DiffResponse>(
      "diff",
      new messages.DiffRequest().setId(accountId).setUrn(URN).setOlds(struct(outs)).setNews(struct(inputs)),
    );
    expect(same.response?.getChanges()).toBe(messages.DiffResponse.DiffChanges.DIFF_NONE);
    const other = { ...inputs, accountId: "1510000000000999" };
    const moved = await rpc<messages.DiffResponse>(
      "diff",
      new messages.DiffRequest().setId(accountId).setUrn(URN).setOlds(struct(outs)).setNews(struct(other)),
    );
    expect(moved.response?.getChanges()).toBe(messages.DiffResponse.DiffChanges.DIFF_SOME);
    expect(moved.response?.getReplacesList()).toContain("accountId");

    const read = await rpc<messages.ReadResponse>(
      "read",
      new messages.ReadRequest().setId(accountId).setUrn(URN).setProperties(struct(outs)),
    );
    expect(read.response?.getId()).toBe(accountId);

    const updated = await rpc<messages.UpdateResponse>(
      "update",
      new messages.UpdateRequest().setId(accountId).setUrn(URN).setOlds(struct(outs)).setNews(struct(inputs)),
    );
    expect(unwrapSecrets(updated.response!.getProperties()!.toJavaScript()).values).toMatchObject({ accountId });

    warnedAbout = [];
    const deleted = await rpc<Empty>(
      "delete",
      new messages.DeleteRequest().setId(accountId).setUrn(URN).setProperties(struct(outs)),
    );
    expect(deleted.error).toBeUndefined();
    expect(deleted.response).toBeInstanceOf(Empty);
    expect(warnedAbout).toEqual([URN]); // the number stays bound: said on the binding
  });

  it("fails a call with the gRPC status UNKNOWN and the redacted message, nothing secret in it", async () => {
    await configure();
    const other = `urn:pulumi:dev::vending::aws:s3/bucket:Bucket::b`;
    const secret = fixturePhones.china.valid;
    const { error } = await rpc(
      "create",
      new messages.CreateRequest().setUrn(other).setProperties(struct({ secureMobilePhone: secret })),
    );
    expect(error?.code).toBe(grpc.status.UNKNOWN);
    expect(error?.details).toContain("aws:s3/bucket:Bucket");
    for (const value of fixtureSecrets()) expect(error?.details).not.toContain(value);
  });

  it("answers Attach and Cancel, and UNIMPLEMENTED for what it does not serve", async () => {
    expect((await rpc("attach", new plugin.PluginAttach().setAddress(""))).response).toBeInstanceOf(Empty);
    expect((await rpc("cancel", new Empty())).response).toBeInstanceOf(Empty);
    const diffConfig = await rpc("diffConfig", new messages.DiffRequest());
    expect(diffConfig.error?.code).toBe(grpc.status.UNIMPLEMENTED);
    const invoke = await rpc("invoke", new messages.InvokeRequest().setTok("alicloud-secure-phone:index:nothing"));
    expect(invoke.error?.code).toBe(grpc.status.UNIMPLEMENTED);
  });
});
