/**
 * `npm run soak [-- --n 200 --seed 1 --runs 1]`: the fault soak through the real pulumi CLI on the local
 * emulator (see test/engine/soak.ts), printed as a markdown table. Exits 1 when a target is missed:
 * 0 failed resources, 0 double binds, state equal to the directory, a second up with 0 calls.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../test/engine/pulumiProject";
import { runSoak, soakTable, type SoakResult } from "../test/engine/soak";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const n = option("n", 200);
  const seed = option("seed", 1);
  const runs = option("runs", 1);
  const found = spawnSync("bash", [join(REPO_ROOT, "scripts", "ensure-pulumi.sh")], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (found.status !== 0) throw new Error("could not find or build the pulumi CLI (see above)");
  const cli = { binDir: found.stdout.trim().split("\n").pop()! };

  const results: SoakResult[] = [];
  for (let run = 0; run < runs; run++) {
    console.error(`soak: up of ${n} bindings under faults, seed ${seed + run} ...`);
    results.push(await runSoak(cli, n, seed + run));
  }
  console.log(
    `\nFault soak: throttling 20% of calls, 5xx 5%, answers dropped after a committed bind 5% of binds, gateway pages 3%, latency spikes 3% (1.5-4 s); the real retry policy.\n`,
  );
  console.log(soakTable(results));
  const missed = results.filter(
    (r) => r.failedResources || r.doubleBinds || r.stateVersusDirectory || r.secondUpCalls !== 0,
  );
  for (const r of missed) for (const line of r.errors) console.log(`  ${line}`);
  if (missed.length > 0) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(`soak failed: ${error.message}`);
  process.exit(1);
});
