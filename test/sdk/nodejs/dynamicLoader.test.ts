/**
 * The round trip Pulumi makes: the `__provider` text a binding stores (the constant PROVIDER_TEXT, and
 * the exported provider object as Pulumi serializes it for a program's own dynamic.Resource), loaded in
 * another process whose working directory is the program's folder the way the dynamic-provider host
 * does (require-from-string), then called. Uses the built package (npm test builds first).
 */

import { execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePhones } from "../../../emulator";
import { emulatorEnv, fixtureSecrets, newMemberWithCode, useEmulator } from "../../support/emulator";

const root = resolve(__dirname, "../../..");
const requireFromRoot = createRequire(join(root, "package.json"));
const emulator = useEmulator("international");
let providerText = "";
let storedText = "";
let programDir = "";

beforeAll(async () => {
  // Secrets in the environment while serializing: none of them may end up in the text.
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "roundTripSecretMustNotLeak";
  const pulumi = requireFromRoot("@pulumi/pulumi");
  const { secureMobilePhoneBindingProvider } = requireFromRoot("./lib/sdk/nodejs/dynamicLoader.js");
  const serialized = await pulumi.runtime.serializeFunction(() => secureMobilePhoneBindingProvider, {
    allowSecrets: true,
  });
  providerText = serialized.text;
  storedText = requireFromRoot("./lib/sdk/nodejs/dynamicLoader.js").PROVIDER_TEXT;
  delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;

  // A program folder with the package installed, as `npm install pulumi-alicloud-secure-phone` leaves it.
  programDir = mkdtempSync(join(tmpdir(), "secure-phone-program-"));
  mkdirSync(join(programDir, "node_modules"));
  symlinkSync(root, join(programDir, "node_modules", "pulumi-alicloud-secure-phone"), "dir");
});

afterAll(() => rmSync(programDir, { recursive: true, force: true }));

describe("the __provider text of SecureMobilePhoneBinding", () => {
  it("is a loader of under 100 bytes: the installed package's provider, no logic, settings or secret", () => {
    expect(storedText).toBe(
      'exports.handler = () => require("pulumi-alicloud-secure-phone/provider").dynamicProvider;\n',
    );
    expect(storedText.length).toBeLessThan(100);
  });

  it("is what a binding declares as __provider, whatever the environment holds", async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "roundTripSecretMustNotLeak";
    const pulumi = requireFromRoot("@pulumi/pulumi");
    const registered: Record<string, unknown>[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource: (args: { inputs: Record<string, unknown>; name: string }) => {
          registered.push(args.inputs);
          return { id: args.name, state: args.inputs };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      true,
    );
    const { SecureMobilePhoneBinding } = requireFromRoot("./lib/sdk/nodejs/index.js");
    const binding = new SecureMobilePhoneBinding("b", {
      accountId: "1510000000000101",
      inheritSecureMobilePhoneFrom: "ManagementAccount",
    });
    await new Promise<void>((done) => binding.urn.apply(() => done()));
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    expect(registered).toHaveLength(1);
    expect(registered[0]!.__provider).toBe(storedText);
    expect(binding.constructor.name).toBe("SecureMobilePhoneBinding");
  });
});

describe("the serialized provider object (secureMobilePhoneBindingProvider)", () => {
  it("is small and holds no implementation, settings or secret", () => {
    expect(providerText.length).toBeLessThan(4_096);
    expect(providerText).toContain('require("pulumi-alicloud-secure-phone/provider")');
    for (const secret of ["roundTripSecretMustNotLeak", ...fixtureSecrets()])
      expect(providerText).not.toContain(secret);
    expect(providerText).not.toMatch(/RPCClient|resourcemanager\.aliyuncs|accessKey/i);
  });

  it("is the same text every time, so an upgrade changes nothing in it", async () => {
    const pulumi = requireFromRoot("@pulumi/pulumi");
    const { secureMobilePhoneBindingProvider } = requireFromRoot("./lib/sdk/nodejs/dynamicLoader.js");
    const again = await pulumi.runtime.serializeFunction(() => secureMobilePhoneBindingProvider, {
      allowSecrets: true,
    });
    expect(again.text).toBe(providerText);
  });

  it.each([
    ["the stored __provider text", () => storedText],
    ["the serialized provider object", () => providerText],
  ])("%s loads back in another process from the program folder and binds against the emulator", async (_name, text) => {
    const phone = fixturePhones.international.valid;
    const env = emulatorEnv(emulator.current, "international");
    const { accountId, code } = await newMemberWithCode(emulator.current, "international", "round-trip", phone);

    writeFileSync(join(programDir, "provider.txt"), text());
    const host = `
      const fs = require("fs");
      const requireFromString = require(${JSON.stringify(requireFromRoot.resolve("require-from-string"))});
      const provider = requireFromString(fs.readFileSync("provider.txt", "utf8")).handler();
      (async () => {
        await provider.configure({ config: { get: () => undefined } });
        const news = JSON.parse(process.env.NEWS);
        const checked = await provider.check({}, news);
        const created = await provider.create(checked.inputs);
        process.stdout.write(JSON.stringify({ failures: checked.failures, id: created.id, outs: created.outs }));
      })().catch((e) => { process.stderr.write(String(e.message)); process.exit(1); });`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", host], {
      cwd: programDir,
      env: {
        PATH: process.env.PATH,
        ...env,
        NEWS: JSON.stringify({ accountId, secureMobilePhone: phone, verificationCode: code }),
      },
    });
    const result = JSON.parse(stdout);

    expect(result.failures).toEqual([]);
    expect(result.id).toBe(accountId);
    expect(result.outs).toMatchObject({ accountId, maskedSecureMobilePhone: "1-650****0123", adopted: false });
    expect(result.outs).not.toHaveProperty("verificationCode");
    expect(emulator.current.calls.entries.map((c) => `${c.method} ${c.action}`)).toEqual([
      "POST GetAccount",
      "POST BindSecureMobilePhone",
    ]);
  });
});
