/**
 * A cancelled CI job, with the provider plugin: `pulumi up` is killed (SIGKILL, with its plugins) after the
 * service committed every bind but before any answer came back; `pulumi cancel` follows. The way back the
 * plugin offers: the next `up` names, per member, the `pulumi import` command that reads it into state
 * (the phone is there); after them, `up` records the declared numbers without a bind.
 */

import { spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureKeys, fixturePhones, startEmulator, type RunningEmulator } from "../../emulator";
import { sendCode } from "../support/emulator";
import {
  addVendingMembers,
  createPulumiProject,
  pluginStackConfig,
  vendingProgramConfig,
  type PulumiProject,
} from "./pulumiProject";
import { PLUGIN_BINDING_TYPE } from "../../provider/typeTokens";
import { engineDescribe, leakedSecrets } from "./support";

engineDescribe(
  "engine: recovering an interrupted `pulumi up` of plugin bindings",
  (cli) => {
    const phone = fixturePhones.china.valid;
    let ids: string[] = [];
    let emulator: RunningEmulator;
    let project: PulumiProject;
    let code: string;
    let importCommands: string[] = [];
    const secrets = () => ({ phone, code, secret: fixtureKeys.management.accessKeySecret });
    const binds = () => emulator.calls.entries.filter((c) => c.action === "BindSecureMobilePhone").length;
    const exported = async () => JSON.parse(await project.exportStackText()).deployment;

    beforeAll(async () => {
      // The service shows no number (an older deployment): the way back is import (shownPhone.test.ts: with one shown).
      emulator = await startEmulator({ site: "china", showPhone: "absent" });
      const members = addVendingMembers(emulator, 1510000000000321n);
      ids = [members.appDev, members.appProd, members.security];
      code = await sendCode(emulator, "china", members.security, phone);
      project = await createPulumiProject("yaml-account-vending", cli, { stackName: "interrupted" });
      await project.stack.setAllConfig({
        ...pluginStackConfig(emulator, "china"),
        ...vendingProgramConfig(members, phone),
        verificationCode: { value: code, secret: true },
      });
      emulator.calls.reset();
    }, 120_000);

    afterAll(async () => {
      killProcessesUnder(project?.dir);
      project?.dispose();
      await emulator?.close();
    });

    it("leaves pending creates when killed between the commits and their answers", async () => {
      // Every bind commits at once and answers only after two minutes: the kill lands in between.
      emulator.faults.inject({ action: "BindSecureMobilePhone", kind: "latency", delayMs: 120_000, times: ids.length });
      const up = spawn(
        project.command,
        ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", "interrupted"],
        {
          cwd: project.dir,
          env: project.environment,
          stdio: "ignore",
        },
      );
      await waitFor(() => ids.every((id) => emulator.directory.phoneOf(id) !== undefined), 60_000);
      up.kill("SIGKILL");
      killProcessesUnder(project.dir); // a cancelled job loses its whole process tree, the plugin too
      await new Promise((resolve) => up.once("exit", resolve));

      const cancelled = await project.cli(["cancel", "--yes"]);
      // The file backend holds no lock to release: cancel has nothing to do there, and says so.
      expect(cancelled.code === 0 || /not supported|no update/i.test(cancelled.stderr)).toBe(true);

      const pending = (await exported()).pending_operations as { type: string; resource: { urn: string } }[];
      expect(pending.map((p) => p.type)).toEqual(Array(ids.length).fill("creating"));
      expect(binds()).toBe(ids.length);
    }, 120_000);

    it("measures `refresh --import-pending-creates`: with CLI 3.248 it clears the pending creates without reading them", async () => {
      const pending = (await exported()).pending_operations as {
        resource: { urn: string; inputs: { accountId: string } };
      }[];
      const pairs = pending.flatMap((p) => [
        "--import-pending-creates",
        p.resource.urn,
        "--import-pending-creates",
        p.resource.inputs.accountId,
      ]);
      emulator.calls.reset();
      const refreshed = await project.cli(["refresh", "--yes", "--skip-preview", "--non-interactive", ...pairs]);
      expect(refreshed.code).toBe(0);
      // The CLI marks them "importing", and the journal keeps only pending creates: nothing reads the members.
      expect(emulator.calls.count()).toBe(0);
      expect((await exported()).pending_operations ?? []).toEqual([]);
      expect(leakedSecrets(refreshed.stdout + refreshed.stderr, secrets())).toEqual([]);
    }, 120_000);

    it("tells, at the next up, the exact `pulumi import` commands that take each bound member in, and binds nothing", async () => {
      emulator.calls.reset();
      const refused = await project.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
      expect(refused.code).not.toBe(0);
      const text = refused.stdout + refused.stderr;
      expect(text).toContain("AccountSecureMobileAlreadyExists");
      expect(text).toContain("interrupted");
      expect(binds()).toBe(0);
      expect(leakedSecrets(text, secrets())).toEqual([]);

      importCommands = [...new Set(text.match(/pulumi import [^`]+/g) ?? [])];
      expect(importCommands.sort()).toEqual(
        ["app-dev-phone", "app-prod-phone", "security-phone"].map(
          (name, i) =>
            `pulumi import ${PLUGIN_BINDING_TYPE} ${name} ${ids[i]} --protect=false --generate-code=false --yes`,
        ),
      );
    }, 120_000);

    it("converges after those commands: one read each, then an up that records the declared numbers without a bind", async () => {
      emulator.calls.reset();
      for (const command of importCommands) {
        const imported = await project.cli([...command.split(" ").slice(1), "--non-interactive"]);
        expect(imported.code).toBe(0);
      }
      expect(binds()).toBe(0);

      const up = await project.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
      expect(up.code).toBe(0);
      expect(binds()).toBe(0);
      const bindings = (
        (await exported()).resources as { type: string; id: string; outputs: Record<string, unknown> }[]
      ).filter((r) => r.type === PLUGIN_BINDING_TYPE);
      expect(bindings.map((b) => b.id).sort()).toEqual([...ids].sort());
      expect(bindings.find((b) => b.id === ids[2])!.outputs).toMatchObject({
        maskedSecureMobilePhone: "86-139****1234",
        adopted: true,
      });
      // Every member the emulator bound is in state, and bound once.
      expect(ids.every((id) => emulator.directory.phoneOf(id) !== undefined)).toBe(true);
      expect(leakedSecrets(up.stdout + up.stderr, secrets())).toEqual([]);

      emulator.calls.reset();
      const again = await project.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/4 unchanged/);
      expect(emulator.calls.count()).toBe(0);
    }, 120_000);
  },
  { languageHosts: ["pulumi-language-yaml"] },
);

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGKILL every process whose command line names the folder (the plugin and language host of a killed run). */
function killProcessesUnder(folder: string | undefined): void {
  if (folder) spawnSync("pkill", ["-KILL", "-f", folder]);
}
