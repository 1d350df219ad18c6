/**
 * The vendor's official Python SDKs against the emulator (issue 21 item 4): alibabacloud_resourcemanager20200331
 * (2020-03-31) and alibabacloud_resourcedirectorymaster20220419 (2022-04-19), pinned, installed from PyPI into a
 * venv kept in the cache folder (built once, about 40 s; each later run only starts Python), in both signing modes,
 * through every action the emulator serves: a wrong code, a bind, a second bind, a wrong secret, an unknown key,
 * and each raw answer round-tripped through the SDK's model with nothing lost. When Python or PyPI is not there,
 * the tests skip and say why.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  RESOURCE_DIRECTORY_MASTER_VERSION as V2022,
  RESOURCE_MANAGER_VERSION as V2020,
  fixtureAccounts,
  fixtureKeys,
  fixturePhones,
  servedActions,
  shownPhone,
  type RunningEmulator,
} from "../../emulator/internal";
import { auditSecrets } from "../support/audit";
import { useEmulator } from "../support/emulator";

const PINS = ["alibabacloud_resourcemanager20200331==2.6.2", "alibabacloud_resourcedirectorymaster20220419==2.3.1"];
const SCRIPT = join(__dirname, "vendor-python", "vendor_sdk_calls.py");
const CACHE = join(
  process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"),
  "pulumi-alicloud-secure-phone",
  `vendor-python-sdks-${PINS.map((pin) => pin.split("==")[1]).join("-")}`,
);
const PYTHON = join(CACHE, "bin", "python");
/** Written last: a venv without it was cut short and is built again. */
const COMPLETE = join(CACHE, ".complete");

function run(
  command: string,
  args: string[],
  input?: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Asynchronous on purpose: the emulator answers from this same process.
    const child = spawn(command, args, { env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => resolve({ status: null, stdout, stderr: String(error) }));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
  });
}

/** Why the SDKs cannot run here, or undefined once the venv is ready. */
async function ensureVenv(): Promise<string | undefined> {
  if (existsSync(COMPLETE)) return undefined;
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  const venv = await run("python3", ["-m", "venv", CACHE]);
  if (venv.status !== 0) return `python3 -m venv failed (${venv.stderr.trim().split("\n").at(-1) ?? "no python3"})`;
  const pip = await run(join(CACHE, "bin", "pip"), ["install", "--quiet", ...PINS]);
  if (pip.status !== 0) return `pip install ${PINS.join(" ")} failed: ${pip.stderr.trim().split("\n").at(-1)}`;
  writeFileSync(COMPLETE, `${PINS.join("\n")}\n`);
  return undefined;
}

interface Call {
  version: string;
  action: string;
  params?: Record<string, string | number>;
  raw?: boolean;
  key?: { accessKeyId: string; accessKeySecret: string };
}
interface Result {
  code: string;
  status: number | null;
  body?: Record<string, any>;
  dropped?: string[];
}

async function pythonCalls(emulator: RunningEmulator, mode: "V3" | "v2", calls: Call[]): Promise<Result[]> {
  const input = JSON.stringify({ endpoint: new URL(emulator.url).host, mode, key: fixtureKeys.management, calls });
  const answer = await run(PYTHON, [SCRIPT], input);
  if (answer.status !== 0)
    throw new Error(`the Python SDK script failed (exit ${answer.status}): ${answer.stderr.slice(-400)}`);
  return JSON.parse(answer.stdout) as Result[];
}

const holder = useEmulator("international");
const phone = fixturePhones.international.valid;
let notHere: string | undefined;

beforeAll(async () => {
  notHere = await ensureVenv();
  if (notHere) console.warn(`official Python SDK tests skipped: ${notHere}`);
}, 300_000);

describe.each(["V3", "v2"] as const)("the official Python SDKs, signing %s", (mode) => {
  it("go through every action of both versions: a wrong code, a bind, a second bind, a wrong secret, an unknown key, and lose nothing of a raw answer in their models", async (context) => {
    if (notHere) context.skip();
    const emulator = holder.current;
    const a = emulator.directory.addResourceAccount({ displayName: `py-${mode}-2020` }).AccountId;
    const b = emulator.directory.addResourceAccount({ displayName: `py-${mode}-2022` }).AccountId;

    // Each raw answer goes through the SDK's model and back: a field the model lacks would be lost.
    const c = emulator.directory.addResourceAccount({ displayName: `py-${mode}-raw` }).AccountId;
    const raw: Call[] = [V2020, V2022].flatMap((version): Call[] => [
      { version, action: "GetAccount", params: { AccountId: fixtureAccounts.bound }, raw: true },
      { version, action: "ListAccounts", params: { PageSize: 100 }, raw: true },
      { version, action: "GetResourceDirectory", raw: true },
      { version, action: "CreateResourceAccount", params: { DisplayName: `py-${mode}-raw-${version}` }, raw: true },
      {
        version,
        action: "SendVerificationCodeForBindSecureMobilePhone",
        params: { AccountId: c, SecureMobilePhone: phone },
        raw: true,
      },
    ]);
    raw.push({ version: V2022, action: "ListAccounts", params: { MaxResults: 2 }, raw: true });
    const [sentA, sentB, ...rawResults] = await pythonCalls(emulator, mode, [
      {
        version: V2020,
        action: "SendVerificationCodeForBindSecureMobilePhone",
        params: { AccountId: a, SecureMobilePhone: phone },
      },
      {
        version: V2022,
        action: "SendVerificationCodeForBindSecureMobilePhone",
        params: { AccountId: b, SecureMobilePhone: phone },
      },
      ...raw,
    ]);
    expect([sentA!.code, sentB!.code]).toEqual(["OK", "OK"]);
    expect(rawResults.map((r) => r.code)).toEqual(raw.map(() => "OK"));
    expect(
      rawResults.flatMap((r, i) => (r.dropped ?? []).map((field) => `${raw[i]!.action}@${raw[i]!.version}: ${field}`)),
    ).toEqual([]);
    expect(sentA!.body!.ExpirationDate).toMatch(/Z$/);
    const codes = { [a]: emulator.codes.latest(a, phone)!, [b]: emulator.codes.latest(b, phone)! };
    auditSecrets({ [`code for ${a}`]: codes[a], [`code for ${b}`]: codes[b] });
    const wrong = (code: string) => code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const bind = (version: string, accountId: string, code: string): Call => ({
      version,
      action: "BindSecureMobilePhone",
      params: { AccountId: accountId, SecureMobilePhone: phone, VerificationCode: code },
    });

    const calls: Call[] = [
      bind(V2020, a, wrong(codes[a]!)),
      bind(V2020, a, codes[a]!),
      bind(V2020, a, codes[a]!),
      bind(V2022, b, wrong(codes[b]!)),
      bind(V2022, b, codes[b]!),
      bind(V2022, b, codes[b]!),
      { version: V2020, action: "GetAccount", params: { AccountId: a } },
      { version: V2022, action: "GetAccount", params: { AccountId: b } },
      { version: V2020, action: "ListAccounts", params: { PageNumber: 2, PageSize: 3 } },
      { version: V2022, action: "ListAccounts", params: { MaxResults: 3 } },
      { version: V2022, action: "ListAccounts", params: { QueryKeyword: `py-${mode}-2022` } },
      { version: V2020, action: "CreateResourceAccount", params: { DisplayName: `py-${mode}-created-2020` } },
      { version: V2022, action: "CreateResourceAccount", params: { DisplayName: `py-${mode}-created-2022` } },
      { version: V2020, action: "GetResourceDirectory" },
      { version: V2022, action: "GetResourceDirectory" },
      { version: V2020, action: "GetAccount", params: { AccountId: fixtureAccounts.unknown } },
      { version: V2020, action: "ListAccounts", params: { PageSize: 101 } },
      {
        version: V2020,
        action: "GetAccount",
        params: { AccountId: a },
        key: { ...fixtureKeys.management, accessKeySecret: "not-the-secret-0001" },
      },
      {
        version: V2022,
        action: "GetAccount",
        params: { AccountId: a },
        key: { accessKeyId: "LTAI5tNobodyKnowsThis01", accessKeySecret: "whatever" },
      },
    ];
    const results = await pythonCalls(emulator, mode, calls);
    expect(results.map((r) => `${r.code} ${r.status}`)).toEqual([
      "Invalid.VerificationCode 409",
      "OK 200",
      "AccountSecureMobileAlreadyExists 409",
      "Invalid.VerificationCode 409",
      "OK 200",
      "AccountSecureMobileAlreadyExists 409",
      ...Array<string>(9).fill("OK 200"),
      "EntityNotExists.Account 404",
      "InvalidParameter.PageSize 400",
      "SignatureDoesNotMatch 400",
      "InvalidAccessKeyId.NotFound 404",
    ]);
    const body = (i: number) => results[i]!.body!;
    expect(body(6).Account).not.toHaveProperty("HasSecureMobilePhone");
    expect(body(7).Account).toMatchObject({
      HasSecureMobilePhone: true,
      SecureMobilePhone: shownPhone(phone, "masked"),
    });
    expect([body(8).PageNumber, body(8).PageSize, body(8).Accounts.Account.length]).toEqual([2, 3, 3]);
    expect(body(9).NextToken).toEqual(expect.any(String));
    expect(body(10).Accounts.Account.map((x: { AccountId: string }) => x.AccountId)).toEqual([b]);
    expect(body(12).Account.Type).toBe("ResourceAccount");
    expect(body(14).ResourceDirectory.MasterAccountId).toBe(fixtureAccounts.management);

    // Every (version, action) the emulator serves went through, signed as the mode says.
    const served = servedActions().map(({ version, action }) => `${action}@${version}`);
    const reached = new Set(
      emulator.calls.entries.filter((c) => c.code === "OK").map((c) => `${c.action}@${c.version}`),
    );
    expect(served.filter((api) => !reached.has(api))).toEqual([]);
    expect(new Set(emulator.calls.entries.map((c) => c.signing))).toEqual(new Set([mode === "V3" ? "v3" : "v1"]));
  });
});
