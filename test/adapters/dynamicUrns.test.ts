/**
 * The dynamic adapter's URNs (provider/adapters/dynamicUrns.ts): the URN a binding's class sends reaches the
 * log with its warning and never the lifecycle or state; a delete's URN is taken once, for its own id only.
 */
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDynamicProvider } from "../../provider/adapters/dynamic";
import {
  URN_INPUT,
  attachToDynamicProviderHost,
  inDynamicProviderHost,
  takeDeleteUrn,
} from "../../provider/adapters/dynamicUrns";
import { UNKNOWN, type BindingInputs } from "../../provider/rules/inputs";

const URN = "urn:pulumi:dev::proj::test:index:Team$pulumi-nodejs:dynamic/resourcemanager:SecureMobilePhoneBinding::p";
const ACCOUNT = "1510000000000101";
const PHONE = "1-6505550123";

/** A binding's inputs as its class sends them: with its URN. */
const sentWith = (urn: string) => ({ accountId: ACCOUNT, secureMobilePhone: PHONE, [URN_INPUT]: urn }) as BindingInputs;

/** The dynamic adapter with a log that records which URN each warning was given. */
function adapter() {
  const warned: (string | undefined)[] = [];
  const dynamic = createDynamicProvider({
    env: () => ({
      ALICLOUD_SECURE_PHONE_SITE: "international",
      ALICLOUD_ACCESS_KEY_ID: "a",
      ALICLOUD_ACCESS_KEY_SECRET: "b",
    }),
    log: { warn: (_message, urn) => void warned.push(urn), info: () => undefined },
  });
  void dynamic.configure({ config: { get: () => undefined } });
  return { dynamic, warned };
}

describe("the dynamic adapter and the binding's URN", () => {
  it("hands check's warning the URN the binding sent, and keeps that input out of the checked inputs", async () => {
    const { dynamic, warned } = adapter();
    const { inputs, failures } = await dynamic.check({}, sentWith(URN));
    expect(failures).toEqual([]);
    expect(inputs).not.toHaveProperty(URN_INPUT);
    expect(warned).toEqual([URN]);
  });

  it("warns without a URN when none (or an unknown one) came", async () => {
    const { dynamic, warned } = adapter();
    await dynamic.check({}, { accountId: ACCOUNT, secureMobilePhone: PHONE });
    await dynamic.check({}, sentWith(UNKNOWN));
    expect(warned).toEqual([undefined, undefined]);
  });

  it("is not in the dynamic-provider host here, and attaches nothing", () => {
    expect(inDynamicProviderHost()).toBe(false);
    const host = { filename: "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js" } as NodeJS.Module;
    expect(inDynamicProviderHost(host)).toBe(true);
  });

  it("in the host, takes the URN of the delete request being made, for that id only and once", async () => {
    const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
    const filename = join(pulumiDir, "cmd", "dynamic-provider", "index.js");
    const host = { filename, require } as unknown as NodeJS.Module;
    // No engine address in the arguments: this process's pulumi.log stays as it is.
    attachToDynamicProviderHost(host, []);
    attachToDynamicProviderHost(host, []); // once only, however often the package is loaded

    const { DeleteRequest } = require("@pulumi/pulumi/proto/provider_pb");
    const request = new DeleteRequest();
    request.setId(ACCOUNT);
    request.setUrn(URN);
    // As the host calls it: provider.delete(req.getId(), props).
    const { dynamic, warned } = adapter();
    await dynamic.delete(request.getId(), { accountId: ACCOUNT, secureMobilePhone: PHONE });
    expect(warned).toEqual([URN]);

    expect(request.getId()).toBe(ACCOUNT);
    expect(takeDeleteUrn("1510000000000999")).toBeUndefined();
    expect(takeDeleteUrn(ACCOUNT)).toBeUndefined();
  });
});
