/**
 * `npm run soak [-- --n 200 --seed 1 --runs 1]`: the fault soak through the real pulumi CLI on the local
 * emulator (see devkit/soak.ts), printed as a markdown table. Exits 1 when a target is missed:
 * 0 failed resources, 0 double binds, state equal to the directory, a second up with 0 calls.
 */
import { commandLine, positiveInteger } from "../devkit/args";
import { ensurePulumiCli } from "../devkit/pulumiCli";
import { runSoak, soakTable, type SoakResult } from "../devkit/soak";

async function main(): Promise<void> {
  const { values } = commandLine("npm run soak -- [--n 200] [--seed 1] [--runs 1]", {
    n: { type: "string" },
    seed: { type: "string" },
    runs: { type: "string" },
  });
  const n = positiveInteger("--n", values.n, 200);
  const seed = positiveInteger("--seed", values.seed, 1);
  const runs = positiveInteger("--runs", values.runs, 1);
  const cli = ensurePulumiCli();

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
