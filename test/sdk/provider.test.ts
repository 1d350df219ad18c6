import { execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePhones } from "../emulator";
import { emulatorEnv, fixtureSecrets, newMemberWithCode, useEmulator } from "../support/emulator";

/**
 * The round trip Pulumi makes: serialize the provider object into `__provider` text, then, in another
 * process whose working directory is the program's folder, load that text the way the dynamic-provider
 * host does (require-from-string) and call it. Uses the built package (npm test builds first).
 */
const root = resolve(__dirname, "../..");
const requireFromRoot = createRequire(join(root, "package.json"));
const emulator = useEmulator("international");
let providerText = "";
let programDir = "";

beforeAll(async () => {
  // Secrets in the environment while serializing: none of them may end up in the text.
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "roundTripSecretMustNotLeak";
  const pulumi = requireFromRoot("@pulumi/pulumi");
  const { secureMobilePhoneBindingProvider } = requireFromRoot("./lib/sdk/provider.js");
  const serialized = await pulumi.runtime.serializeFunction(() => secureMobilePhoneBindingProvider, { allowSecrets: true });
  providerText = serialized.text;
  delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;

  // A program folder with the package installed, as `npm install pulumi-alicloud-secure-phone` leaves it.
  programDir = mkdtempSync(join(tmpdir(), "secure-phone-program-"));
  mkdirSync(join(programDir, "node_modules"));
  symlinkSync(root, join(programDir, "node_modules", "pulumi-alicloud-secure-phone"), "dir");
});

afterAll(() => rmSync(programDir, { recursive: true, force: true }));

describe("the serialized provider (__provider)", () => {
  it("is small and holds no implementation, settings or secret", () => {
    expect(providerText.length).toBeLessThan(4_096);
    expect(providerText).toContain('require("pulumi-alicloud-secure-phone/provider")');
    for (const secret of ["roundTripSecretMustNotLeak", ...fixtureSecrets()]) expect(providerText).not.toContain(secret);
    expect(providerText).not.toMatch(/RPCClient|resourcemanager\.aliyuncs|accessKey/i);
  });

  it("is the same text every time, so an upgrade changes nothing in it", async () => {
    const pulumi = requireFromRoot("@pulumi/pulumi");
    const { secureMobilePhoneBindingProvider } = requireFromRoot("./lib/sdk/provider.js");
    const again = await pulumi.runtime.serializeFunction(() => secureMobilePhoneBindingProvider, { allowSecrets: true });
    expect(again.text).toBe(providerText);
  });

  it("loads back in another process from the program folder and binds against the emulator", async () => {
    const phone = fixturePhones.international.valid;
    const env = emulatorEnv(emulator.current, "international");
    const { accountId, code } = await newMemberWithCode(emulator.current, "international", "round-trip", phone);

    writeFileSync(join(programDir, "provider.txt"), providerText);
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
      env: { PATH: process.env.PATH, ...env, NEWS: JSON.stringify({ accountId, secureMobilePhone: phone, verificationCode: code }) },
    });
    const result = JSON.parse(stdout);

    expect(result.failures).toEqual([]);
    expect(result.id).toBe(accountId);
    expect(result.outs).toMatchObject({ accountId, maskedSecureMobilePhone: "1-650****0123", adopted: false });
    expect(result.outs).not.toHaveProperty("verificationCode");
    expect(emulator.current.calls.entries.map((c) => `${c.method} ${c.action}`)).toEqual(["POST GetAccount", "POST BindSecureMobilePhone"]);
  });
});
