/**
 * The test ladder, as pulumi-provider-boilerplate climbs it, each rung runnable alone
 * (`npm test -- --project unit`):
 * - unit: pure rules (validation, diff, masking, messages, the handshake's encoding), no process, no socket;
 * - emulator: the client, the lifecycle, the adapters and the CLI against the Resource Manager emulator over
 *   HTTP, and the emulator's own tests;
 * - engine: the real `pulumi` CLI with its language hosts, against the emulator.
 * A test file's rung follows from what it starts, so a new file lands on the right one by itself: under
 * test/engine/ it is engine; a file that starts an emulator (or tests it) is emulator; the rest is unit.
 */
import { readFileSync, readdirSync } from "node:fs";
import { defineConfig } from "vitest/config";

const STARTS_AN_EMULATOR = /\b(useEmulator|startEmulator)\b|support\/emulator"/;

function testFiles(): string[] {
  return (readdirSync("test", { recursive: true }) as string[])
    .map((file) => `test/${file.split("\\").join("/")}`)
    .filter((file) => file.endsWith(".test.ts"));
}

const files = testFiles();
const engine = files.filter((file) => file.startsWith("test/engine/"));
const emulator = files.filter(
  (file) =>
    !engine.includes(file) &&
    (file.startsWith("test/emulator/") || STARTS_AN_EMULATOR.test(readFileSync(file, "utf8"))),
);
const unit = files.filter((file) => !engine.includes(file) && !emulator.includes(file));

export default defineConfig({
  test: {
    benchmark: { include: ["test/**/*.bench.ts"] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Engine tests start real pulumi processes; the machines have two cores.
    maxWorkers: 2,
    // The pace's memory between runs (provider/client/paceMemory.ts) off, here and in the engine's provider
    // processes, which inherit it: a test's pace must not start where another test's left it.
    env: { ALICLOUD_SECURE_PHONE_PACE_DIR: "off" },
    // The secrets audit: texts and secrets are recorded as the suites run, scanned once at the end.
    globalSetup: ["test/support/auditSetup.ts"],
    setupFiles: ["test/support/auditConsole.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: unit } },
      { extends: true, test: { name: "emulator", include: emulator } },
      { extends: true, test: { name: "engine", include: engine } },
    ],
  },
});
