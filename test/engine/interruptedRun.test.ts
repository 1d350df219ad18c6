/**
 * `pulumi up` of 20 bindings interrupted while every bind has committed in the service but no answer has
 * come back (the emulator holds the answers back: holdAfterCommit), run with the real CLI as a shell or a
 * CI job runs it. --parallel 20 puts all 20 binds in flight at once, whatever the number of cores, so the
 * interruption always lands between the commit and the answer of each of them.
 */

import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureKeys, fixturePhones, startEmulator, type RunningEmulator } from "../../emulator";
import { UP, killJob, runPulumi } from "./cli";
import { createPulumiProject, emulatorStackConfig, type PulumiProject } from "./pulumiProject";
import { engineDescribe, leakedSecrets } from "./support";

const N = 20;
const SWITCH = { ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "true" };

engineDescribe("engine: an interrupted up of 20 bindings", (cli) => {
  let emulator: RunningEmulator;
  const secrets = {
    managementPhone: fixturePhones.china.management,
    accessKeyId: fixtureKeys.management.accessKeyId,
    accessKeySecret: fixtureKeys.management.accessKeySecret,
  };

  beforeAll(async () => {
    emulator = await startEmulator({ site: "china" });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  /** A project binding N new members, and the up that is being interrupted, once every bind is held. */
  async function upUntilEveryBindIsHeld(stackName: string) {
    const accountIds = Array.from(
      { length: N },
      (_, i) => emulator.directory.addResourceAccount({ displayName: `${stackName}-${i}` }).AccountId,
    );
    const project = await createPulumiProject("many-bindings", cli, { stackName });
    await project.stack.setAllConfig({
      ...emulatorStackConfig(emulator, "china"),
      accountIds: { value: JSON.stringify(accountIds) },
    });
    const firstCall = emulator.calls.entries.length;
    const heldBefore = emulator.held.count;
    emulator.faults.inject({ action: "BindSecureMobilePhone", kind: "holdAfterCommit", times: N });
    const run = runPulumi(project, [...UP, "--parallel", String(N)]);
    await emulator.held.waitFor(heldBefore + N, 120_000);
    return { project, accountIds, run, firstCall };
  }

  /** Calls from `from` on, as "Action:code". */
  const callsSince = (from: number) => emulator.calls.entries.slice(from).map((c) => `${c.action}:${c.code}`);

  async function stateOf(project: PulumiProject) {
    const { deployment } = JSON.parse(await project.exportStackText());
    const bindings = (deployment.resources ?? []).filter((r: { type: string }) =>
      r.type.endsWith(":SecureMobilePhoneBinding"),
    );
    return {
      boundInState: bindings.map((b: { id: string }) => b.id).sort() as string[],
      adopted: bindings.filter((b: { outputs: { adopted?: boolean } }) => b.outputs.adopted === true).length,
      pendingCreates: (deployment.pending_operations ?? []).filter((op: { type: string }) => op.type === "creating")
        .length,
    };
  }

  /** The targets: every member bound once, each in state, nothing pending, and an up that calls nothing. */
  async function expectConverged(project: PulumiProject, accountIds: string[], firstCall: number) {
    const state = await stateOf(project);
    const boundInDirectory = accountIds
      .filter((id) => emulator.directory.phoneOf(id) === fixturePhones.china.management)
      .sort();
    expect(boundInDirectory).toEqual([...accountIds].sort());
    expect(boundInDirectory.filter((id) => !state.boundInState.includes(id))).toEqual([]); // bound but missing from state
    expect(state.pendingCreates).toBe(0);
    expect(callsSince(firstCall).filter((call) => call === "BindSecureMobilePhone:OK")).toHaveLength(N); // 0 double binds

    const mark = emulator.calls.entries.length;
    const again = await runPulumi(project, UP).done;
    expect(again.code).toBe(0);
    expect(callsSince(mark)).toEqual([]);
    expect(leakedSecrets(again.output, secrets)).toEqual([]);
    return state;
  }

  it.each([
    ["the pulumi process", "sigint", 1],
    ["the whole process group (Ctrl-C in a terminal)", "sigint-group", -1],
  ])(
    "SIGINT to %s: the graceful cancel lets the binds in flight finish and record; nothing else to do",
    async (_to, stackName, sign) => {
      const { project, accountIds, run, firstCall } = await upUntilEveryBindIsHeld(stackName);
      try {
        process.kill(sign * run.child.pid!, "SIGINT");
        // The engine takes the interrupt first, then the answers arrive: it waits for operations in flight.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        emulator.held.release();
        const interrupted = await run.done;
        expect(interrupted.code).not.toBe(0);
        expect(interrupted.output).toContain("^C received; cancelling");
        expect(interrupted.output).toContain("update canceled");
        expect(leakedSecrets(interrupted.output, secrets)).toEqual([]);

        const state = await expectConverged(project, accountIds, firstCall);
        expect(state.adopted).toBe(0);
      } finally {
        project.dispose();
      }
    },
    300_000,
  );

  it("SIGKILL of the job, then pulumi cancel, then one up with the switch: adopted, converged (pending creates cleared by refresh)", async () => {
    const { project, accountIds, run, firstCall } = await upUntilEveryBindIsHeld("sigkill");
    try {
      // The whole job, as a CI runner ends it: pulumi, the language host and the provider plugin, which the
      // engine starts in a process group of its own (measured: a group kill alone leaves it running).
      expect(killJob(run.child).length).toBeGreaterThanOrEqual(2);
      const killed = await run.done;
      expect(killed.signal).toBe("SIGKILL");
      emulator.held.release(); // to sockets nobody reads any more
      expect(await stateOf(project)).toEqual({ boundInState: [], adopted: 0, pendingCreates: N });

      // The file backend keeps the dead run's lock: every command fails until `pulumi cancel` removes it.
      let mark = emulator.calls.entries.length;
      const locked = await runPulumi(project, UP).done;
      expect(locked.code).not.toBe(0);
      expect(locked.output).toContain("pulumi cancel");
      const cancel = await runPulumi(project, ["cancel", "--yes"]).done;
      expect(cancel.code).toBe(0);
      expect(cancel.output).toContain("has been canceled");
      expect((await stateOf(project)).pendingCreates).toBe(N); // cancel only unlocks

      // Without the switch: each binding fails, with both causes, the one command, and nothing bound twice.
      const refused = await runPulumi(project, UP).done;
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain("interrupted");
      // How many fail before the engine stops starting new creates depends on timing; none binds.
      expect(refused.output.match(/an earlier run of this stack was interrupted/g)?.length).toBeGreaterThanOrEqual(1);
      expect(refused.output).toContain("run: ALICLOUD_SECURE_PHONE_ADOPT_EXISTING=true pulumi up");
      expect(callsSince(mark).filter((call) => call.startsWith("BindSecureMobilePhone"))).toEqual([]);
      expect(leakedSecrets(refused.output + locked.output + cancel.output, secrets)).toEqual([]);

      // The recovering command, exactly as printed.
      mark = emulator.calls.entries.length;
      const recovered = await runPulumi(project, UP, SWITCH).done;
      expect(recovered.code).toBe(0);
      expect(callsSince(mark)).toEqual(Array(N).fill("GetAccount:OK"));
      expect(leakedSecrets(recovered.output, secrets)).toEqual([]);
      // Measured: the engine keeps the dead run's pending creates in state after a successful up (it warns
      // about them on every run) until a refresh clears them; non-interactively that needs the flag.
      expect(await stateOf(project)).toEqual({ boundInState: [...accountIds].sort(), adopted: N, pendingCreates: N });
      expect(recovered.output).toContain("pending operations from previous deployment");
      mark = emulator.calls.entries.length;
      const cleared = await runPulumi(project, [
        "refresh",
        "--clear-pending-creates",
        "--yes",
        "--skip-preview",
        "--non-interactive",
      ]).done;
      expect(cleared.code).toBe(0);
      expect(callsSince(mark)).toEqual(Array(N).fill("GetAccount:OK")); // refresh reads each binding

      const state = await expectConverged(project, accountIds, firstCall);
      expect(state.adopted).toBe(N);
    } finally {
      project.dispose();
    }
  }, 400_000);
});
