/**
 * The fault soak: `pulumi up` of N bindings through the real CLI while the emulator answers a seeded
 * random share of calls with faults, then a second `up`. Shared by the engine test (small N) and
 * `npm run soak` (N = 200). A quarter of the members bind a number of their own with an SMS code, the
 * rest inherit the management account's (China site).
 */

import { fixtureKeys, startEmulator, type RandomFaultProfile } from "../emulator";
import { ResourceManagerClient } from "../provider/client/resourceManager";
import { maskPhone } from "../provider/rules/phone";
import { NO_AUDIT, type Audit } from "./audit";
import { createPulumiProject } from "./project";
import type { PulumiCli } from "./pulumiCli";
import { emulatorStackConfig } from "./stackConfig";

export const SOAK_FAULTS: Omit<RandomFaultProfile, "seed"> = {
  rules: [
    // Throttling on 20% of calls, both codes the service uses.
    { kind: "throttling", rate: 0.1, code: "Throttling.User" },
    { kind: "throttling", rate: 0.1, code: "Throttling" },
    // 5xx on 5%.
    { kind: "http5xx", rate: 0.02, status: 500 },
    { kind: "http5xx", rate: 0.01, status: 502 },
    { kind: "serviceUnavailable", rate: 0.02 },
    // Answers dropped after the bind committed, on 5% of binds.
    { kind: "dropAfterCommit", rate: 0.05, action: "BindSecureMobilePhone" },
    // Gateway pages: an HTML 502 and a JSON page without Code or RequestId.
    { kind: "nonJson", rate: 0.02 },
    { kind: "gatewayJson", rate: 0.01 },
    // Latency spikes, executed first, answered late (under the client's 10 s timeout).
    { kind: "latency", rate: 0.03, delayMs: [1_500, 4_000] },
  ],
};

export interface SoakResult {
  n: number;
  seed: number;
  upSeconds: number;
  failedResources: number;
  doubleBinds: number;
  /** Members bound in the directory whose binding is missing from state, or differs from it. */
  stateVersusDirectory: number;
  secondUpCalls: number;
  calls: number;
  faults: Record<string, number>;
  /** The first lines of the up's errors, when there were any (no secret: the output is redacted). */
  errors: string[];
}

/** `audit` sees the codes the soak reads and every text it keeps (the engine tests hand in theirs). */
export async function runSoak(cli: PulumiCli, n: number, seed: number, audit: Audit = NO_AUDIT): Promise<SoakResult> {
  const emulator = await startEmulator({ site: "china" });
  const project = await createPulumiProject("many-bindings", cli, { stackName: `soak${n}`, audit });
  try {
    const accountIds = Array.from(
      { length: n },
      (_, i) => emulator.directory.addResourceAccount({ displayName: `soak-${i}` }).AccountId,
    );
    // The send-code step a user runs first (no vitest here: `npm run soak` runs this as a script).
    const client = new ResourceManagerClient({
      site: "china",
      endpoint: emulator.url,
      directoryEndpoint: emulator.url,
      credentials: { kind: "static", ...fixtureKeys.management, source: "soak" },
    });
    const sendCode = async (accountId: string, phone: string) => {
      await client.sendVerificationCode(accountId, phone);
      const code = emulator.codes.latest(accountId, phone)!;
      audit.secrets({ [`soak code for ${accountId}`]: code, [`soak phone for ${accountId}`]: phone });
      return code;
    };
    const phones: Record<string, { phone: string; code: string }> = {};
    for (const [i, accountId] of accountIds.entries()) {
      if (i % 4 !== 0) continue;
      const phone = `86-139${String(10_000_000 + i).slice(-8)}`;
      phones[accountId] = { phone, code: await sendCode(accountId, phone) };
    }
    await project.stack.setAllConfig({
      ...emulatorStackConfig(emulator, "china"),
      accountIds: { value: JSON.stringify(accountIds) },
      phoneAccountIds: { value: JSON.stringify(Object.keys(phones)) },
      phones: { value: JSON.stringify(phones), secret: true },
    });
    emulator.calls.reset();
    // One of each kind first, so that even a small N meets every kind; then the seeded random share.
    for (const spec of [
      { kind: "nonJson" },
      { kind: "gatewayJson" },
      { kind: "http5xx", status: 502 },
      { kind: "throttling", code: "Throttling.Api" },
      { kind: "latency", delayMs: 3_000 },
      { kind: "dropAfterCommit", action: "BindSecureMobilePhone" },
    ] as const) {
      emulator.faults.inject(spec);
    }
    emulator.faults.setRandom({ seed, ...SOAK_FAULTS });

    const started = Date.now();
    const up = await outputOf((onOutput) => project.stack.up({ onOutput }), audit);
    const upSeconds = (Date.now() - started) / 1000;
    const upCalls = emulator.calls.entries;

    const { deployment } = JSON.parse(await project.exportStackText());
    const bindings = (deployment.resources ?? []).filter((r: { type: string }) =>
      r.type.endsWith(":SecureMobilePhoneBinding"),
    ) as {
      id: string;
      outputs: { maskedSecureMobilePhone?: string; inheritSecureMobilePhoneFrom?: string };
    }[];
    const inState = new Map(bindings.map((binding) => [binding.id, binding.outputs]));
    const stateVersusDirectory = accountIds.filter((id) => {
      const bound = emulator.directory.account(id);
      const outputs = inState.get(id);
      if (!bound?.secureMobilePhone) return outputs !== undefined; // in state but not bound
      if (!outputs) return true; // bound but missing from state
      return bound.phoneInherited
        ? outputs.inheritSecureMobilePhoneFrom !== "ManagementAccount"
        : outputs.maskedSecureMobilePhone !== maskPhone(bound.secureMobilePhone);
    }).length;

    const faults: Record<string, number> = {};
    for (const call of upCalls) if (call.fault) faults[call.fault] = (faults[call.fault] ?? 0) + 1;

    // Faults stay on: a converged stack makes no call for them to hit.
    emulator.calls.reset();
    const second = await outputOf((onOutput) => project.stack.up({ onOutput }), audit);
    const secondUpCalls = emulator.calls.count();

    return {
      n,
      seed,
      upSeconds,
      failedResources: n - accountIds.filter((id) => inState.has(id)).length,
      doubleBinds: countDoubleBinds(upCalls, accountIds, emulator),
      stateVersusDirectory,
      secondUpCalls: second.error ? -1 : secondUpCalls,
      calls: upCalls.length,
      faults,
      errors: up.error
        ? up.output
            .split("\n")
            .filter((line) => /error:/.test(line))
            .slice(0, 10)
        : [],
    };
  } finally {
    project.dispose();
    await emulator.close();
  }
}

/**
 * Committed binds beyond one per bound member. A committed bind is one the log records as OK, whether its
 * answer arrived, came late or was dropped (the log keeps the outcome of the action). The emulator, like
 * the service, refuses a second bind of a bound member, so a double bind would show here as a second
 * committed call, never as a second number.
 */
function countDoubleBinds(
  calls: readonly { action: string; code: string }[],
  accountIds: string[],
  emulator: { directory: { account(id: string): { secureMobilePhone?: string } | undefined } },
): number {
  const committed = calls.filter((call) => call.action === "BindSecureMobilePhone" && call.code === "OK").length;
  const bound = accountIds.filter((id) => emulator.directory.account(id)?.secureMobilePhone !== undefined).length;
  return committed - bound;
}

export function soakTable(results: SoakResult[]): string {
  const rows = [
    "| N | seed | up (s) | calls | faults injected | failed resources | double binds | state ≠ directory | 2nd up calls |",
    "|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ...results
      .map((r) =>
        [
          r.n,
          r.seed,
          r.upSeconds.toFixed(1),
          r.calls,
          Object.entries(r.faults)
            .sort()
            .map(([kind, count]) => `${kind} ${count}`)
            .join(", "),
          r.failedResources,
          r.doubleBinds,
          r.stateVersusDirectory,
          r.secondUpCalls,
        ].join(" | "),
      )
      .map((row) => `| ${row} |`),
  ];
  return rows.join("\n");
}

/** Runs an engine command, keeping what it printed (also for the audit); no vitest here, scripts use it too. */
async function outputOf<T>(
  run: (onOutput: (text: string) => void) => Promise<T>,
  audit: Audit,
): Promise<{ result?: T; error?: Error; output: string }> {
  let output = "";
  try {
    const result = await run((text) => (output += text));
    return { result, output };
  } catch (error) {
    output += `\n${(error as Error).message}`;
    return { error: error as Error, output };
  } finally {
    audit.text("engine output", output);
  }
}
