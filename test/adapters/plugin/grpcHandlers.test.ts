/**
 * The plugin server's Configure, CheckConfig and Read handlers (grpcHandlers.ts), the three that answer
 * differently from @pulumi/pulumi/provider's server, called in-process with the gRPC request messages the
 * engine sends (the published stubs), against the emulator. The settings reach the provider only through
 * Configure: its environment is empty. serve.test.ts calls the whole service over gRPC.
 */

import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as messages from "@pulumi/pulumi/proto/provider_pb";
import { describe, expect, it } from "vitest";
import { Callback, pluginHandlers } from "../../../provider/adapters/plugin/grpcHandlers";
import { PluginProvider } from "../../../provider/adapters/plugin/pluginProvider";
import { UNKNOWN } from "../../../provider/rules/inputs";
import { PLUGIN_BINDING_TYPE } from "../../../provider/typeTokens";
import { fixtureAccounts } from "../../../emulator";
import { FAST_RETRIES, fixtureSecrets, useEmulator } from "../../support/emulator";
import { configureArgs } from "./configureArgs";

// The service shows no number here (an older deployment): the shown number has its own test below.
const emulator = useEmulator("china", { showPhone: "absent" });
const URN = `urn:pulumi:dev::vending::${PLUGIN_BINDING_TYPE}::member-phone`;

function server() {
  const provider = new PluginProvider("0.0.0-test", "{}", {
    env: () => ({}),
    client: { retryPolicy: FAST_RETRIES, timeoutMs: 1_000 },
    log: { warn: () => undefined, info: () => undefined },
  });
  return { handlers: pluginHandlers(provider) };
}

/** Calls a handler and resolves with what it called back with. */
function call(handler: (call: { request: unknown }, callback: Callback) => void, request: unknown) {
  return new Promise<{ error: any; response: any }>((resolve) =>
    handler({ request }, (error, response) => resolve({ error, response })),
  );
}

const struct = (bag: Record<string, unknown>) =>
  Struct.fromJavaScript(bag as Parameters<typeof Struct.fromJavaScript>[0]);

function configureRequest(args: Record<string, unknown>, variables: Record<string, string> = {}) {
  const request = new messages.ConfigureRequest();
  request.setArgs(struct(args));
  for (const [key, value] of Object.entries(variables)) request.getVariablesMap().set(key, value);
  return request;
}

function readRequest(id: string, properties?: Record<string, unknown>) {
  const request = new messages.ReadRequest();
  request.setId(id);
  request.setUrn(URN);
  if (properties) request.setProperties(struct(properties));
  return request;
}

const settings = () => configureArgs(emulator.current);

describe("the plugin server's Configure handler", () => {
  it("hands the provider its settings (secrets wrapped), and accepts secrets, resources and outputs", async () => {
    const { handlers } = server();
    const configured = await call(handlers.configure, configureRequest(settings()));
    expect(configured.error).toBeUndefined();
    expect(configured.response).toBeInstanceOf(messages.ConfigureResponse);
    // What @pulumi/pulumi/provider's server answered, and the engine relies on (secrets arrive wrapped).
    const accepts = configured.response as messages.ConfigureResponse;
    expect([accepts.getAcceptsecrets(), accepts.getAcceptresources(), accepts.getAcceptoutputs()]).toEqual([
      true,
      true,
      true,
    ]);
    // The settings are in use: a Read goes to the emulator with the configured key.
    const read = await call(handlers.read, readRequest(fixtureAccounts.bound));
    expect(read.error).toBeUndefined();
    expect(read.response.getId()).toBe(fixtureAccounts.bound);
    expect(emulator.current.calls.entries.map((c) => c.action)).toEqual(["GetAccount"]);
  });

  it("reads the settings from the variables of older engines when the arguments lack them", async () => {
    const { handlers } = server();
    const { site: _site, ...rest } = settings();
    // A bad site from the variables fails the call before any request is sent: proof it was read.
    await call(handlers.configure, configureRequest(rest, { "alicloud-secure-phone:config:site": "mars" }));
    const refused = await call(handlers.read, readRequest(fixtureAccounts.bound));
    expect(refused.error.details).toContain('alicloud-secure-phone:site is "mars"');
    expect(emulator.current.calls.count()).toBe(0);
    await call(handlers.configure, configureRequest(rest, { "alicloud-secure-phone:config:site": "china" }));
    const read = await call(handlers.read, readRequest(fixtureAccounts.bound));
    expect(read.error).toBeUndefined();
    expect(read.response.getId()).toBe(fixtureAccounts.bound);
  });
});

describe("the plugin server's CheckConfig handler", () => {
  const checkConfig = (news: Record<string, unknown>) => {
    const request = new messages.CheckRequest();
    request.setNews(struct(news));
    return call(server().handlers.checkConfig, request);
  };

  it("passes good settings, returning the inputs unchanged (secrets still wrapped)", async () => {
    const news = settings();
    const { error, response } = await checkConfig(news);
    expect(error).toBeUndefined();
    expect(response.getFailuresList()).toEqual([]);
    expect(response.getInputs().toJavaScript()).toEqual(news);
  });

  it("fails a bad setting with no property and a reason that names it, never a secret's value", async () => {
    const { response } = await checkConfig({ ...settings(), site: "mars" });
    const failures = response.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));
    const reason = expect.stringContaining('alicloud-secure-phone:site is "mars"');
    expect(failures).toEqual([{ property: "", reason }]);
    const [halfPair] = (await checkConfig({ accessKey: "LTAI5tHalfAPairOnly0002" })).response.getFailuresList();
    expect(halfPair.getReason()).toContain("alicloud-secure-phone:secretKey is missing");
    expect(halfPair.getReason()).not.toContain("LTAI5tHalfAPairOnly0002");
  });

  it("names an explicit provider's bad argument as the argument it is, and the default provider's as stack config", async () => {
    const providerUrn = (name: string) => `urn:pulumi:dev::bindings::pulumi:providers:alicloud-secure-phone::${name}`;
    const checkAs = async (name: string, news: Record<string, unknown>) => {
      const request = new messages.CheckRequest();
      request.setUrn(providerUrn(name));
      request.setNews(struct(news));
      const { response } = await call(server().handlers.checkConfig, request);
      return response.getFailuresList().map((f: any) => f.getReason() as string);
    };
    expect(await checkAs("landing-zone", { ...settings(), site: "mars" })).toEqual([
      'provider argument site is "mars": expected "international" (alibabacloud.com) or "china" (aliyun.com).',
    ]);
    const [halfPair] = await checkAs("landing-zone", { accessKey: "LTAI5tHalfAPairOnly0003" });
    expect(halfPair).toContain(
      "provider arguments accessKey/secretKey: only one half of the key pair is set; secretKey is missing. Set both, the secret as a secret.",
    );
    expect(halfPair).not.toContain("LTAI5tHalfAPairOnly0003");
    for (const name of ["default", "default_0_2_0"]) {
      expect(await checkAs(name, { ...settings(), site: "mars" })).toEqual([
        expect.stringContaining('stack config alicloud-secure-phone:site is "mars"'),
      ]);
    }
  });

  it("judges nothing while a setting is unknown (judged again when known)", async () => {
    const { response } = await checkConfig({ site: "mars", endpoint: UNKNOWN });
    expect(response.getFailuresList()).toEqual([]);
  });
});

describe("the plugin server's Read handler", () => {
  async function configured() {
    const { handlers } = server();
    await call(handlers.configure, configureRequest(settings()));
    return handlers;
  }

  it("imports with no properties sent: the id, the outputs and the inputs a program would declare", async () => {
    const { error, response } = await call((await configured()).read, readRequest(fixtureAccounts.bound));
    expect(error).toBeUndefined();
    expect(response.getId()).toBe(fixtureAccounts.bound);
    expect(response.getProperties().toJavaScript()).toEqual({ accountId: fixtureAccounts.bound, adopted: true });
    expect(response.getInputs().toJavaScript()).toEqual({ accountId: fixtureAccounts.bound, adoptExisting: true });
  });

  it("answers a member without a phone as gone: no id, no properties", async () => {
    const request = readRequest(fixtureAccounts.unbound, { accountId: fixtureAccounts.unbound, adopted: false });
    const { error, response } = await call((await configured()).read, request);
    expect(error).toBeUndefined();
    expect(response.getId()).toBe("");
    expect(response.getProperties()).toBeUndefined();
  });

  it("fails a refused import with the gRPC status UNKNOWN and the message, nothing secret in it", async () => {
    const { error, response } = await call((await configured()).read, readRequest(fixtureAccounts.unbound));
    expect(response).toBeUndefined();
    expect(error.code).toBe(grpc.status.UNKNOWN);
    const refusal = `import of account ${fixtureAccounts.unbound}: the member has no secure mobile phone`;
    expect(error.details).toContain(refusal);
    expect(error.message).toBe(error.details);
    for (const secret of fixtureSecrets()) expect(error.details).not.toContain(secret);
  });
});
