/**
 * `npm run bench:profile [-- --kind binding --n 200 --steps preview,up,refresh]`: where a step's time goes,
 * on the bench's project (the package packed and installed, the emulator). For each step: the wall time of
 * the pulumi command, the engine's timings as its events arrive (the Automation API's onEvent: until the
 * first resource starts, until the last one ends, until the summary), and the CPU profile of each Node
 * process the step started (V8's profiler, started by cpuProfilePreload.js through NODE_OPTIONS, which the
 * engine's provider processes inherit), the provider's top functions by self time first. BENCH_PACKAGE_DIR profiles another build.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import type { automation } from "@pulumi/pulumi";
import { join } from "node:path";
import { commandLine, positiveInteger } from "../devkit/args";
import { ensurePulumiCli } from "../devkit/pulumiCli";
import { emulatorStackConfig, pluginStackConfig } from "../devkit/stackConfig";
import { startEmulator } from "../emulator";
import { KINDS } from "./kinds";
import { createBenchProject } from "./project";
import { summarizeProfile, type ProfileSummary } from "./cpuProfile";

const STEPS = ["preview", "up", "refresh"] as const;
type Step = (typeof STEPS)[number];

async function main(): Promise<void> {
  const usage =
    "npm run bench:profile -- [--kind binding|plugin|noop|...] [--n 200] [--steps preview,up,refresh] [--top 15]";
  const { values } = commandLine(usage, {
    kind: { type: "string", default: "binding" },
    n: { type: "string" },
    steps: { type: "string", default: STEPS.join(",") },
    top: { type: "string" },
  });
  const kind = KINDS.find((k) => k.name === values.kind);
  if (!kind) throw new Error(`--kind is "${values.kind}": expected one of ${KINDS.map((k) => k.name).join(", ")}`);
  const n = positiveInteger("--n", values.n, 200);
  const top = positiveInteger("--top", values.top, 15);
  const steps = values.steps.split(",") as Step[];
  const unknown = steps.filter((step) => !STEPS.includes(step));
  if (unknown.length) throw new Error(`--steps names ${unknown.join(", ")}: expected some of ${STEPS.join(", ")}`);

  const cli = ensurePulumiCli();
  const project = await createBenchProject(cli);
  const emulator = await startEmulator({ site: "china" });
  try {
    const stack = await project.stack(`profile-${kind.name}-${n}`);
    const members = Array.from(
      { length: n },
      (_, i) => emulator.directory.addResourceAccount({ displayName: `profile-${i}` }).AccountId,
    );
    await stack.setAllConfig({
      ...emulatorStackConfig(emulator, "china"),
      ...pluginStackConfig(emulator, "china"),
      kind: { value: kind.program },
      members: { value: JSON.stringify(members) },
      ...Object.fromEntries(Object.entries(kind.config ?? {}).map(([key, value]) => [key, { value }])),
    });
    // Preview and up must run in order (refresh needs what up made); each is profiled when asked for.
    for (const step of STEPS) {
      const profiled = steps.includes(step);
      const dir = join(project.dir, "..", "profiles", step);
      mkdirSync(dir, { recursive: true });
      const workspace = stack.workspace as automation.LocalWorkspace;
      if (profiled) {
        workspace.envVars.NODE_OPTIONS = `--require ${join(__dirname, "cpuProfilePreload.js")}`;
        workspace.envVars.CPU_PROFILE_DIR = dir;
      }
      emulator.calls.reset();
      const started = performance.now();
      const at: Record<string, number> = {};
      const onEvent = (event: automation.EngineEvent) => {
        const now = performance.now() - started;
        if (event.resourcePreEvent) at.firstResource ??= now;
        if (event.resOutputsEvent) at.lastResource = now;
        if (event.summaryEvent) at.summary = now;
      };
      if (step === "preview") await stack.preview({ onEvent });
      else if (step === "up") await stack.up({ onEvent });
      else await stack.refresh({ onEvent });
      const wall = performance.now() - started;
      delete workspace.envVars.NODE_OPTIONS;
      delete workspace.envVars.CPU_PROFILE_DIR;
      if (!profiled) continue;
      const ms = (value: number | undefined) => (value === undefined ? "–" : `${(value / 1000).toFixed(2)} s`);
      console.log(
        `\n## ${kind.name}, N=${n}, ${step}: ${ms(wall)} wall; engine events: first resource at ${ms(at.firstResource)}, ` +
          `last resource done at ${ms(at.lastResource)}, summary at ${ms(at.summary)}; API calls ${emulator.calls.count()}`,
      );
      const profiles = readdirSync(dir)
        .filter((file) => file.endsWith(".cpuprofile"))
        .map((file) => summarizeProfile(JSON.parse(readFileSync(join(dir, file), "utf8"))))
        .sort((a, b) => Number(b.isProvider) - Number(a.isProvider) || b.busyMs - a.busyMs);
      if (profiles.length === 0) console.log("(no CPU profile written: the processes did not exit normally)");
      for (const profile of profiles) print(profile, top);
    }
    await stack.destroy();
  } finally {
    await emulator.close();
    project.dispose();
  }
}

function print(profile: ProfileSummary, top: number): void {
  console.log(
    `\n### ${profile.isProvider ? "provider process" : "other Node process (the program)"}: ` +
      `${Math.round(profile.wallMs)} ms profiled, ${Math.round(profile.busyMs)} ms on CPU (not idle)`,
  );
  console.log(
    `by package: ${profile.byPackage
      .slice(0, 8)
      .map(([name, ms]) => `${name} ${Math.round(ms)} ms`)
      .join(", ")}`,
  );
  console.log("| self ms | function | where |\n| ---: | --- | --- |");
  for (const entry of profile.top.slice(0, top))
    console.log(`| ${entry.selfMs.toFixed(1)} | ${entry.functionName} | ${entry.where} |`);
}

main().catch((error: Error) => {
  console.error(`bench:profile failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
