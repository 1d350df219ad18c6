/**
 * The dynamic adapter's URNs (provider/adapters/dynamicUrns.ts): the URN a binding's class sends reaches the
 * log with its warning and never the lifecycle or state; a delete's URN is taken once, for its own id only.
 * And the shape test: the installed dynamic-provider host (@pulumi/pulumi/cmd/dynamic-provider) still has
 * the shape the module's two workarounds stand on. It fails the day a release of @pulumi/pulumi changes it
 * (CI runs it at the lowest and the newest version of the peer range): then read the host again, and take
 * the public way if the host now passes the URN or the engine's address on.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDynamicProvider } from "../../provider/adapters/dynamic";
import {
  URN_INPUT,
  attachToDynamicProviderHost,
  hostShape,
  inDynamicProviderHost,
  takeDeleteUrn,
} from "../../provider/adapters/dynamicUrns";
import { engineAddressFrom, engineLog } from "../../provider/adapters/engineLog";
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
    // No engine address in the arguments: this process's log stays on stderr (engineLog.ts).
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

describe("the dynamic-provider host's shape", () => {
  const hostFile = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");

  it("is the one the workarounds stand on, in the installed @pulumi/pulumi", () => {
    const version = require("@pulumi/pulumi/package.json").version;
    // The engine's address is the host's first argument, and delete reads the request's id after loading us.
    expect({ version, ...hostShape(readFileSync(hostFile, "utf8")) }).toEqual({
      version,
      engineArgument: true,
      deleteIdAfterLoad: true,
    });
  });

  it("is told apart from a host that reads the id first or takes its address elsewhere", () => {
    const source = readFileSync(hostFile, "utf8");
    const idFirst = source.replace("provider.delete(req.getId(), props)", "provider.delete(id, props)");
    expect(hostShape(idFirst).deleteIdAfterLoad).toBe(false);
    const noArgs = source.replace("main(process.argv.slice(2))", "main(parseFlags())");
    expect(hostShape(noArgs).engineArgument).toBe(false);
  });

  it("finds the engine's address among the arguments as the engine passes them", () => {
    expect(engineAddressFrom(["127.0.0.1:4321"])).toBe("127.0.0.1:4321");
    expect(engineAddressFrom(["--logtostderr", "-v=9", "--tracing", "file:/t.json", "127.0.0.1:4321"])).toBe(
      "127.0.0.1:4321",
    );
    expect(engineAddressFrom([])).toBeUndefined();
  });
});

describe("a host of another shape (the fallback)", () => {
  afterEach(() => vi.restoreAllMocks());

  /** A host file at the host's path, whose source shows neither habit. */
  function otherHost() {
    const dir = join(
      mkdtempSync(join(tmpdir(), "host-")),
      "node_modules",
      "@pulumi",
      "pulumi",
      "cmd",
      "dynamic-provider",
    );
    mkdirSync(dir, { recursive: true });
    const filename = join(dir, "index.js");
    writeFileSync(filename, "serve(parseFlags());\n");
    return {
      filename,
      require: () => {
        throw new Error("nothing of this host is loaded");
      },
    } as unknown as NodeJS.Module;
  }

  it("gets neither workaround, and the delete warning still reaches the stack naming the binding", async () => {
    const host = otherHost();
    expect(inDynamicProviderHost(host)).toBe(true);
    expect(attachToDynamicProviderHost(host, ["127.0.0.1:4321"])).toEqual({
      engineArgument: false,
      deleteIdAfterLoad: false,
    });
    const printed: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((line: string) => void printed.push(line));
    // No engine, no URN: the lifecycle's own log, which writes to stderr; the engine shows that on the stack.
    const dynamic = createDynamicProvider({
      env: () => ({
        ALICLOUD_SECURE_PHONE_SITE: "international",
        ALICLOUD_ACCESS_KEY_ID: "a",
        ALICLOUD_ACCESS_KEY_SECRET: "b",
      }),
    });
    await dynamic.delete(ACCOUNT, {
      accountId: ACCOUNT,
      secureMobilePhone: PHONE,
      maskedSecureMobilePhone: "1-650****0123",
    });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(new RegExp(`^warning: SecureMobilePhoneBinding for account ${ACCOUNT} `));
    expect(printed[0]).not.toContain(PHONE);
  });

  it("heads a warning with its binding when the URN is known but the engine is not", async () => {
    const printed: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((line: string) => void printed.push(line));
    await engineLog.warn("the number stays bound", URN);
    expect(printed).toEqual([
      "warning: pulumi-nodejs:dynamic/resourcemanager:SecureMobilePhoneBinding (p): the number stays bound",
    ]);
  });
});
