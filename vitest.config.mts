import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    benchmark: { include: ["test/**/*.bench.ts"] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Engine tests start real pulumi processes; the machines have two cores.
    maxWorkers: 2,
    // The secrets audit: texts and secrets are recorded as the suites run, scanned once at the end.
    globalSetup: ["test/support/auditSetup.ts"],
    setupFiles: ["test/support/auditConsole.ts"],
  },
});
