/**
 * `npm run bench`: what a user feels, measured through the real pulumi engine against the Resource Manager
 * emulator, with the package packed and installed in a fresh project. Prints markdown tables and writes
 * bench/results.json. Flags: `--large` adds N = 1000; `--reps <k>` (default 3) runs per kind and size;
 * `--sizes 50,200` replaces the sizes; `--kinds binding,plugin,noop` measures only those;
 * `--compare <checkout>` measures that checkout's package too, its kinds beside these in the same run (a
 * before and after, each against the same no-op). BENCH_PACKAGE_DIR=<checkout> measures another build.
 *
 * (a) engine overhead: preview, up and refresh of N resources of each kind, the kinds alternated in one
 *     run; medians, and each kind's ratio to the no-op dynamic resource (target ≤ 1.15), with the range of
 *     the ratio over the reps (each rep's kind against the same rep's no-op);
 * (b) API calls per step: preview, up, second up, refresh, destroy;
 * (c) state bytes per resource (target ≤ 4.5 KB for the binding);
 * (d) throttled vending: up of N = 200 bindings against a service (an emulator of its own) that allows
 *     R = 10 requests per second per action, twice: the first run, with no pace remembered, and a second
 *     that starts where the first left it (targets: no failure; ≤ 10% throttled answers; wall time ≤ 1.25 ×
 *     (N/R + the same up without a limit)); and, for information, the quota lowered to R on the service the
 *     other runs used, whose remembered pace is fast;
 * (e) start cost: a fresh provider process until it answers its first check.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg, totalmem, type as osType, release } from "node:os";
import { basename, join } from "node:path";
import { writeFileSync, mkdirSync } from "node:fs";
import { startEmulator, type RunningEmulator } from "../emulator";
import { commandLine, positiveInteger } from "../devkit/args";
import { ensurePulumiCli } from "../devkit/pulumiCli";
import { REPO_ROOT } from "../devkit/repository";
import { emulatorStackConfig, pluginStackConfig } from "../devkit/stackConfig";
import { BASELINE, KINDS, type ResourceKind } from "./kinds";
import { createBenchProject, type BenchProject } from "./project";
import { measureStartCost } from "./startCost";
import { median, range, ratio, ratioRange, seconds, table, verdict } from "./stats";
import { isThrottlingCode } from "../provider/client/errors";

const STEPS = ["preview", "up", "up again", "refresh", "destroy"] as const;
type Step = (typeof STEPS)[number];
const TIMED: readonly Step[] = ["preview", "up", "refresh"];
const THROTTLED = { members: 200, perSecond: 10 };
/** Issue 22's targets: each step's ratio to the no-op, and the throttled-vending bounds. */
const TARGETS = {
  overheadRatio: { preview: 1.15, up: 1.15, refresh: 1.2 } as Record<Step, number>,
  stateBytes: 4_500,
  throttledShare: 0.1,
  throttledWall: 1.25,
};

interface Options {
  sizes: number[];
  reps: number;
  kinds: string[];
  compare?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = commandLine(
    "npm run bench -- [--large] [--reps 3] [--sizes 50,200] [--kinds binding,plugin,noop] [--compare <checkout>]",
    {
      large: { type: "boolean", default: false },
      reps: { type: "string" },
      sizes: { type: "string" },
      kinds: { type: "string" },
      compare: { type: "string" },
    },
    0,
    argv,
  );
  const sizes = values.sizes?.split(",").map((size) => positiveInteger("--sizes", size, 1)) ?? [50, 200];
  if (values.large) sizes.push(1000);
  const kinds = values.kinds?.split(",") ?? KINDS.map((kind) => kind.name);
  const unknown = kinds.filter((name) => !KINDS.some((kind) => kind.name === name));
  if (unknown.length)
    throw new Error(`--kinds names ${unknown.join(", ")}: expected some of ${KINDS.map((k) => k.name).join(", ")}`);
  if (!kinds.includes(BASELINE)) kinds.push(BASELINE);
  return { sizes, reps: positiveInteger("--reps", values.reps, 3), kinds, compare: values.compare };
}

/** A kind as this run measures it: in the project of the package under test, or of the one compared with. */
type MeasuredKind = ResourceKind & { project: BenchProject };

interface Run {
  kind: string;
  n: number;
  rep: number;
  ms: Partial<Record<Step, number>>;
  calls: Partial<Record<Step, Record<string, number>>>;
  /** Mean bytes per resource of this kind in the state after up, as `pulumi stack export` prints it. */
  stateBytes?: number;
  /** The same as compact JSON. */
  compactStateBytes?: number;
  /** One resource's stored inputs (for the start-cost probe). */
  sampleInputs?: Record<string, unknown>;
}

/** One kind per program: state bytes, call counts and start cost depend on the program, not on stack config. */
function distinctPrograms(kinds: readonly ResourceKind[]): ResourceKind[] {
  return kinds.filter((kind, i) => kinds.findIndex((other) => other.program === kind.program) === i);
}

const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

function callCounts(emulator: RunningEmulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of emulator.calls.entries) {
    const key = isThrottlingCode(call.code) ? `${call.action} (throttled)` : call.action;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Fresh members of type ResourceAccount, bindable by inheritance, with no call in the log. */
function newMembers(emulator: RunningEmulator, n: number, tag: string): string[] {
  return Array.from(
    { length: n },
    (_, i) => emulator.directory.addResourceAccount({ displayName: `${tag}-${i}` }).AccountId,
  );
}

async function runKind(
  project: BenchProject,
  emulator: RunningEmulator,
  kind: ResourceKind,
  n: number,
  rep: number,
): Promise<Run> {
  const stackName = `${kind.name}-${n}-${rep}`;
  const stack = await project.stack(stackName);
  await stack.setAllConfig({
    // The dynamic resource reads alicloud:*, the plugin only its own keys: both, as a stack using both would.
    ...emulatorStackConfig(emulator, "china"),
    ...pluginStackConfig(emulator, "china"),
    kind: { value: kind.program },
    members: { value: JSON.stringify(newMembers(emulator, n, stackName)) },
    ...Object.fromEntries(Object.entries(kind.config ?? {}).map(([key, value]) => [key, { value }])),
  });
  const run: Run = { kind: kind.name, n, rep, ms: {}, calls: {} };
  const steps: Record<Step, () => Promise<unknown>> = {
    preview: () => stack.preview(),
    up: () => stack.up(),
    "up again": () => stack.up(),
    refresh: () => stack.refresh(),
    destroy: () => stack.destroy(),
  };
  for (const step of STEPS) {
    emulator.calls.reset();
    const [ms] = await timed(steps[step]);
    run.ms[step] = ms;
    run.calls[step] = callCounts(emulator);
    if (step === "up") {
      const resources = project.stateOf(stackName).resources.filter((r) => r.type === kind.type) as {
        inputs?: Record<string, unknown>;
      }[];
      run.stateBytes = resources.reduce((sum, r) => sum + exportedBytes(r), 0) / resources.length;
      run.compactStateBytes =
        resources.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0) / resources.length;
      run.sampleInputs = resources[0]?.inputs;
    }
  }
  await stack.workspace.removeStack(stackName);
  log(`${kind.name} N=${n} rep ${rep + 1}: ${TIMED.map((s) => `${s} ${seconds(run.ms[s]!)}`).join(", ")}`);
  return run;
}

/** Bytes one resource adds to `pulumi stack export` (4-space indent, at its depth in the document). */
function exportedBytes(resource: unknown): number {
  const document = (resources: unknown[]) =>
    Buffer.byteLength(JSON.stringify({ version: 3, deployment: { resources } }, null, 4));
  return document([resource, resource]) - document([resource]);
}

interface ThrottledRun {
  ms: number;
  calls: number;
  throttled: number;
  failed: boolean;
  bound: number;
}

async function throttledVending(project: BenchProject, emulator: RunningEmulator, tag: string): Promise<ThrottledRun> {
  const stackName = `throttled-${THROTTLED.members}-${tag}`;
  const stack = await project.stack(stackName);
  const members = newMembers(emulator, THROTTLED.members, stackName);
  await stack.setAllConfig({
    ...emulatorStackConfig(emulator, "china"),
    kind: { value: "binding" },
    members: { value: JSON.stringify(members) },
  });
  emulator.calls.reset();
  emulator.rateLimit.set({ "*": THROTTLED.perSecond });
  const [ms, failed] = await timed(() =>
    stack.up().then(
      () => false,
      () => true,
    ),
  );
  emulator.rateLimit.set({});
  const calls = emulator.calls.entries;
  const result = {
    ms,
    calls: calls.length,
    throttled: calls.filter((c) => isThrottlingCode(c.code)).length,
    failed,
    bound: members.filter((id) => emulator.directory.phoneOf(id) !== undefined).length,
  };
  await stack.destroy();
  await stack.workspace.removeStack(stackName);
  log(
    `throttled vending (${tag}): ${seconds(ms)}, ${result.throttled} of ${result.calls} calls throttled, ${result.bound} bound`,
  );
  return result;
}

function versionOf(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return (result.stdout ?? "").trim() || "unknown";
}

/** The throttled-vending runs: each with what it shows, and whether the targets apply to it. */
interface ThrottledCase {
  label: string;
  run: ThrottledRun;
  targeted: boolean;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const cli = ensurePulumiCli();
  log("packing the package and installing it in a fresh project");
  const project = await createBenchProject(cli);
  const kinds: MeasuredKind[] = KINDS.filter((kind) => options.kinds.includes(kind.name)).map((kind) => ({
    ...kind,
    project,
  }));
  let compared: BenchProject | undefined;
  if (options.compare) {
    log(`packing ${options.compare} too, to compare with`);
    compared = await createBenchProject(cli, options.compare);
    for (const kind of kinds.filter((k) => k.callsApi))
      kinds.push({
        ...kind,
        name: `${kind.name}-compared`,
        label: `${kind.label}, ${basename(options.compare)}`,
        project: compared,
      });
  }
  const emulator = await startEmulator({ site: "china" });
  const runs: Run[] = [];
  const throttled: ThrottledCase[] = [];
  const startCosts: Record<string, number[]> = {};
  const load: number[] = [loadavg()[0]!];
  try {
    for (const n of options.sizes) {
      for (let rep = 0; rep < options.reps; rep++) {
        // Alternate which kind goes first, so neither always meets a warmer machine.
        const order = rep % 2 === 0 ? kinds : [...kinds].reverse();
        for (const kind of order) runs.push(await runKind(kind.project, emulator, kind, n, rep));
        load.push(loadavg()[0]!);
      }
    }
    if (options.sizes.includes(THROTTLED.members) && options.kinds.includes("binding")) {
      // A service of its own (its own endpoint), whose quota is R: no pace remembered for it yet, then the one
      // the first run left.
      const limited = await startEmulator({ site: "china" });
      try {
        for (const [tag, label] of [
          ["first", "first run (no pace remembered)"],
          ["second", "second run (the pace the first left)"],
        ] as const)
          throttled.push({ label, run: await throttledVending(project, limited, tag), targeted: true });
      } finally {
        await limited.close();
      }
      // For information: the quota lowered to R on the service the runs above used, so the remembered pace is fast.
      const run = await throttledVending(project, emulator, "lowered");
      throttled.push({ label: "quota lowered since the last run (remembered pace fast)", run, targeted: false });
      load.push(loadavg()[0]!);
    }
    for (const kind of distinctPrograms(kinds.filter((k) => k.project === project))) {
      const sample = runs.find((r) => r.kind === kind.name && r.sampleInputs)?.sampleInputs;
      if (!sample) continue;
      startCosts[kind.name] = [];
      for (let i = 0; i < 5; i++) {
        const cost = await measureStartCost(
          project.dir,
          sample,
          { ALICLOUD_SECURE_PHONE_SITE: "china" },
          { process: kind.provider ?? "dynamic", type: kind.type },
        );
        startCosts[kind.name]!.push(cost.firstCheckMs);
      }
    }
  } finally {
    await emulator.close();
  }

  const versions = {
    node: process.version,
    pulumiCli: versionOf(join(cli.binDir, "pulumi"), ["version"]),
    pulumiSdk: project.versions.pulumiSdk,
    package: project.versions.package,
  };
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    loadAverage1m: { min: Math.min(...load), max: Math.max(...load), samples: load },
  };
  const report = render(options, kinds, runs, throttled, startCosts, versions, machine);
  process.stdout.write(report);
  mkdirSync(join(REPO_ROOT, "bench"), { recursive: true });
  writeFileSync(
    join(REPO_ROOT, "bench", "results.json"),
    `${JSON.stringify({ date: new Date().toISOString(), machine, versions, options, targets: TARGETS, throttledScenario: THROTTLED, runs, throttled, startCostMs: startCosts, markdown: report }, null, 2)}\n`,
  );
  project.dispose();
  compared?.dispose();
}

function render(
  options: Options,
  kinds: readonly ResourceKind[],
  runs: Run[],
  throttled: ThrottledCase[],
  startCosts: Record<string, number[]>,
  versions: Record<string, string>,
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    os: string;
    loadAverage1m: { min: number; max: number };
  },
): string {
  const of = (kind: string, n: number) => runs.filter((r) => r.kind === kind && r.n === n);
  const medianOf = (kind: string, n: number, step: Step) => median(of(kind, n).map((r) => r.ms[step]!));
  const out: string[] = [];
  out.push(
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}; ` +
      `Node ${versions.node}, pulumi CLI ${versions.pulumiCli}, @pulumi/pulumi ${versions.pulumiSdk}, pulumi-alicloud-secure-phone ${versions.package} (packed, installed in a fresh project); ` +
      `${options.reps} runs per kind and size, kinds alternated; load average (1 min) ${machine.loadAverage1m.min.toFixed(1)}–${machine.loadAverage1m.max.toFixed(1)} during the run.\n`,
  );

  out.push(
    "#### (a) Engine overhead: median wall time of the pulumi command (range), and ratio to the no-op dynamic resource (the ratio of the medians; its range over the reps, each rep against its own no-op)\n",
  );
  const overheadRows: string[][] = [];
  for (const n of options.sizes) {
    for (const step of TIMED) {
      const base = medianOf(BASELINE, n, step);
      for (const kind of kinds.filter((k) => k.name !== BASELINE)) {
        const value = medianOf(kind.name, n, step);
        const perRep = of(kind.name, n).map((r) => {
          const base = of(BASELINE, n).find((b) => b.rep === r.rep);
          return base ? r.ms[step]! / base.ms[step]! : NaN;
        });
        overheadRows.push([
          String(n),
          step,
          kind.label,
          `${seconds(value)} (${range(of(kind.name, n).map((r) => r.ms[step]!))})`,
          `${seconds(base)} (${range(of(BASELINE, n).map((r) => r.ms[step]!))})`,
          ratio(value, base),
          ratioRange(perRep),
          `≤ ${TARGETS.overheadRatio[step]}: ${verdict(value / base, TARGETS.overheadRatio[step])}`,
        ]);
      }
    }
  }
  out.push(table(["N", "step", "kind", "median", "no-op median", "ratio", "per rep", "target"], overheadRows), "");

  out.push("\n#### (b) API calls per step (first run of each size)\n");
  const callRows: string[][] = [];
  for (const kind of distinctPrograms(kinds).filter((k) => k.callsApi)) {
    for (const n of options.sizes) {
      const first = of(kind.name, n)[0];
      if (!first) continue;
      const cells = STEPS.map((step) => {
        const counts = first.calls[step] ?? {};
        const parts = Object.entries(counts).map(([action, count]) => `${action} ${count}`);
        return parts.length ? parts.join(", ") : "0";
      });
      callRows.push([kind.label, String(n), ...cells]);
    }
  }
  out.push(table(["kind", "N", ...STEPS], callRows), "");

  out.push("\n#### (c) State bytes per resource, as `pulumi stack export` prints it (and as compact JSON)\n");
  const stateRows = distinctPrograms(kinds).map((kind) => {
    const withBytes = runs.filter((r) => r.kind === kind.name && r.stateBytes !== undefined);
    const bytes = median(withBytes.map((r) => r.stateBytes!));
    const compact = median(withBytes.map((r) => r.compactStateBytes!));
    return [
      kind.label,
      `${Math.round(bytes)} B`,
      `${Math.round(compact)} B`,
      kind.name === BASELINE ? "–" : verdict(bytes, TARGETS.stateBytes),
    ];
  });
  out.push(table(["kind", "exported", "compact", `≤ ${TARGETS.stateBytes} B`], stateRows), "");

  out.push(
    `\n#### (d) Throttled vending: up of ${THROTTLED.members} bindings, the emulator allowing ${THROTTLED.perSecond} requests/s per action\n`,
  );
  if (throttled.length > 0) {
    const unlimited = medianOf("binding", THROTTLED.members, "up");
    const floor = (THROTTLED.members / THROTTLED.perSecond) * 1000 + unlimited;
    out.push(
      `Floor: N/R + the unlimited up = ${seconds((THROTTLED.members / THROTTLED.perSecond) * 1000)} + ${seconds(unlimited)} = ${seconds(floor)}.\n`,
    );
    out.push(
      table(
        ["run", "failures", "throttled answers (≤ 10%)", `wall time (≤ ${TARGETS.throttledWall} × floor)`],
        throttled.map(({ label, run, targeted }) => {
          const share = run.throttled / run.calls;
          const mark = (met: string) => (targeted ? met : "for information");
          return [
            label,
            run.failed ? `up failed (${run.bound} of ${THROTTLED.members} bound)` : `0 (${run.bound} bound)`,
            `${run.throttled} of ${run.calls} (${(share * 100).toFixed(1)}%): ${mark(verdict(share, TARGETS.throttledShare))}`,
            `${seconds(run.ms)}, ratio ${ratio(run.ms, floor)}: ${mark(verdict(run.ms / floor, TARGETS.throttledWall))}`,
          ];
        }),
      ),
      "",
    );
  } else out.push(`(not run: N = ${THROTTLED.members} is not among --sizes, or the binding kind is not measured)`, "");

  out.push("\n#### (e) Start cost: a fresh provider process until its first check is answered (median of 5)\n");
  const ms = (value: number) => `${Math.round(value)} ms`;
  out.push(
    table(
      ["kind", "median", "range"],
      distinctPrograms(kinds)
        .filter((k) => startCosts[k.name])
        .map((k) => [
          k.label,
          ms(median(startCosts[k.name]!)),
          `${ms(Math.min(...startCosts[k.name]!))}–${ms(Math.max(...startCosts[k.name]!))}`,
        ]),
    ),
    "",
  );
  return `${out.join("\n")}\n`;
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
