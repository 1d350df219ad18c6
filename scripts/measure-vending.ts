/**
 * `npm run measure:vending [-- <members> [--pty] [--show]]`: vends N members (default 20) of examples/international-vending
 * on the emulator with `alicloud-secure-phone up --codes-from -`, answering each prompt with the code the
 * emulator sent, and prints the prompts, the API calls and the seconds it took (the CLI found or built as for the demo).
 * --pty types the codes at the no-echo prompts of a pseudo-terminal instead; --show prints what it showed.
 */
import { commandLine, positiveInteger } from "../devkit/args";
import { createPulumiProject } from "../devkit/project";
import { ensurePulumiCli } from "../devkit/pulumiCli";
import { emulatorStackConfig } from "../devkit/stackConfig";
import { runVend } from "../devkit/vendDriver";
import { startEmulator } from "../emulator";

async function main(): Promise<void> {
  const { values, positionals } = commandLine(
    "npm run measure:vending -- [<members>] [--pty] [--show]",
    {
      pty: { type: "boolean", default: false },
      show: { type: "boolean", default: false },
    },
    1,
  );
  const count = positiveInteger("<members>", positionals[0], 20);
  const cli = ensurePulumiCli();
  const phone = "1-6505550123";
  const emulator = await startEmulator({ site: "international" });
  const project = await createPulumiProject("international-vending", cli);
  try {
    const members = Array.from({ length: count }, (_, i) => ({
      name: `member${i + 1}`,
      accountId: emulator.directory.addResourceAccount({ displayName: `measure-${i + 1}` }).AccountId,
    }));
    await project.stack.setAllConfig({
      ...emulatorStackConfig(emulator, "international"),
      members: { value: JSON.stringify(members) },
      secureMobilePhone: { value: phone, secret: true },
    });
    emulator.calls.reset();
    const run = await runVend(
      project,
      values.pty ? "pty" : "stdin",
      (accountId) => emulator.codes.latest(accountId, phone)!,
      { timeoutMs: 600_000 },
    );
    const calls = new Map<string, number>();
    for (const call of emulator.calls.entries) calls.set(call.action, (calls.get(call.action) ?? 0) + 1);
    const bound = members.filter((m) => emulator.directory.phoneOf(m.accountId) === phone).length;
    console.log(`members: ${count}; bound: ${bound}; exit code: ${run.exitCode}`);
    console.log(`prompts: ${run.prompts}`);
    console.log(
      `API calls: ${[...calls].map(([action, n]) => `${action} ×${n}`).join(", ")} (${emulator.calls.count()} in all)`,
    );
    console.log(
      `seconds: ${run.seconds.toFixed(1)} in all: ${run.secondsToFirstPrompt?.toFixed(1)} to the first prompt (the preview), ` +
        `${run.secondsAfterLastAnswer?.toFixed(1)} after the last answer (pulumi up, stack export, summary), the rest sending and answering`,
    );
    if (run.exitCode !== 0 || bound !== count || values.show) {
      console.log(run.transcript);
      process.exitCode = 1;
    }
  } finally {
    project.dispose();
    await emulator.close();
  }
}

main().catch((error: Error) => {
  console.error(`measure-vending failed: ${error.message}`);
  process.exit(1);
});
