/**
 * `npm run measure:policy [-- <bindings> [<runs>]]`: the cost of the policy pack in a pull request's preview.
 * Previews devkit/programs/many-bindings with N bindings (default 200; half bind an own number, half
 * inherit) on the emulator, `runs` times (default 3) without the pack and as often with it
 * (`--policy-pack` from the installed package, all three policies on, no violation), alternating, and
 * prints each time, the ranges and the ratio of the medians. Needs language hosts at the CLI's version (the
 * pack needs a Node host with RunPlugin).
 */
import { commandLine, positiveInteger } from "../devkit/args";
import { policyPackDir, writePolicyConfig } from "../devkit/policyPack";
import { createPulumiProject } from "../devkit/project";
import { ensurePulumiCli } from "../devkit/pulumiCli";
import { emulatorStackConfig } from "../devkit/stackConfig";
import { startEmulator } from "../emulator";

async function main(): Promise<void> {
  const { positionals } = commandLine("npm run measure:policy -- [<bindings> [<runs>]]", {}, 2);
  const count = positiveInteger("<bindings>", positionals[0], 200);
  const runs = positiveInteger("<runs>", positionals[1], 3);
  const cli = ensurePulumiCli();
  const emulator = await startEmulator({ site: "china" });
  const project = await createPulumiProject("many-bindings", cli);
  try {
    const accountIds = Array.from({ length: count }, (_, i) => String(1510000000100000n + BigInt(i)));
    const own = accountIds.filter((_, i) => i % 2 === 0);
    const phones = Object.fromEntries(
      own.map((id, i) => [id, { phone: `86-1390000${String(1000 + i).padStart(4, "0")}`, code: "482913" }]),
    );
    await project.stack.setAllConfig({
      ...emulatorStackConfig(emulator, "china"),
      accountIds: { value: JSON.stringify(accountIds) },
      phoneAccountIds: { value: JSON.stringify(own) },
      phones: { value: JSON.stringify(phones), secret: true },
    });
    // Every policy runs and none reports: the numbers are approved, the (unprotected) bindings listed as retained.
    const config = writePolicyConfig(project, {
      "approved-secure-phone": { allowedPhones: ["86-1390000****"] },
      "binding-is-protected": { retainedBindings: accountIds.map((id) => `phone-${id}`) },
    });
    const seconds: Record<"without" | "with", number[]> = { without: [], with: [] };
    // One unmeasured preview first: the TypeScript compile cache and the plugins warm up.
    await project.stack.preview();
    for (let run = 0; run < runs; run++) {
      for (const kind of ["without", "with"] as const) {
        const started = process.hrtime.bigint();
        const result = await project.stack.preview(
          kind === "with" ? { policyPacks: [policyPackDir(project)], policyPackConfigs: [config] } : {},
        );
        const took = Number(process.hrtime.bigint() - started) / 1e9;
        if (result.changeSummary.create !== count + 1)
          throw new Error(`preview planned ${JSON.stringify(result.changeSummary)}`);
        if (kind === "with" && /\[(mandatory|advisory)\]/.test(result.stdout))
          throw new Error("the pack reported a violation");
        seconds[kind].push(took);
        console.log(`run ${run + 1}, ${kind} the pack: ${took.toFixed(1)} s`);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const range = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)} s`;
    console.log(`bindings: ${count}; runs: ${runs} each; API calls: ${emulator.calls.count()}`);
    console.log(`without the pack: ${range(seconds.without)} (median ${median(seconds.without).toFixed(1)} s)`);
    console.log(`with the pack: ${range(seconds.with)} (median ${median(seconds.with).toFixed(1)} s)`);
    console.log(`ratio of the medians: ${(median(seconds.with) / median(seconds.without)).toFixed(2)}`);
  } finally {
    project.dispose();
    await emulator.close();
  }
}

main().catch((error: Error) => {
  console.error(`measure-policy-pack failed: ${error.message}`);
  process.exit(1);
});
