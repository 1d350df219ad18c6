/**
 * `npm run demo`: the account-vending example end to end on the local emulator, as a user would see it:
 * preview, up, an attempted rebind (refused at preview), refresh and destroy, with the API calls each
 * step made. No cloud account needed; the pulumi CLI is found or built by devkit/pulumiCli.ts.
 */
import { commandLine } from "../devkit/args";
import { createPulumiProject } from "../devkit/project";
import { ensurePulumiCli } from "../devkit/pulumiCli";
import { emulatorStackConfig } from "../devkit/stackConfig";
import { startEmulator, type RunningEmulator } from "../emulator";

const MEMBERS = ["app-dev", "app-staging", "app-prod"];

function heading(text: string): void {
  console.log(`\n\x1b[1m== ${text}\x1b[0m`);
}

function callSummary(emulator: RunningEmulator): string {
  const counts = new Map<string, number>();
  for (const call of emulator.calls.entries) counts.set(call.action, (counts.get(call.action) ?? 0) + 1);
  emulator.calls.reset();
  return counts.size === 0 ? "none" : [...counts].map(([action, n]) => `${action} ×${n}`).join(", ");
}

async function main(): Promise<void> {
  commandLine("npm run demo (no flags)", {});
  const cli = ensurePulumiCli();
  const emulator = await startEmulator({ site: "china" });
  const project = await createPulumiProject("account-vending", cli, { stackName: "demo" });
  const print = (text: string) => process.stdout.write(text);
  let failed = false;
  try {
    heading(`Resource Manager emulator (China site) at ${emulator.url}; stack in ${project.dir}`);
    await project.stack.setAllConfig({
      ...emulatorStackConfig(emulator, "china"),
      members: { value: JSON.stringify(MEMBERS) },
    });

    heading("pulumi preview: the account ids are not known yet; nothing is called");
    await project.stack.preview({ onOutput: print, diff: true });
    console.log(`API calls: ${callSummary(emulator)}`);

    heading("pulumi up: vend the members, each inherits the management account's secure phone");
    await project.stack.up({ onOutput: print });
    console.log(`API calls: ${callSummary(emulator)}`);

    heading("attempted rebind: the program now asks for a number of the members' own; preview refuses it");
    await project.stack.setAllConfig({
      secureMobilePhone: { value: "86-13912345678", secret: true },
      verificationCode: { value: "640213", secret: true },
    });
    const refused = await project.stack.preview({ onOutput: print }).then(
      () => false,
      () => true,
    );
    await project.stack.removeAllConfig(["secureMobilePhone", "verificationCode"]);
    console.log(refused ? "Refused at preview, as it must be." : "UNEXPECTED: the rebind was not refused.");
    console.log(`API calls: ${callSummary(emulator)}`);
    failed ||= !refused;

    heading("pulumi refresh: reads each member's HasSecureMobilePhone; nothing changes");
    await project.stack.refresh({ onOutput: print });
    console.log(`API calls: ${callSummary(emulator)}`);

    heading("pulumi destroy: there is no unbind; the bindings leave the stack with a warning");
    await project.stack.destroy({ onOutput: print });
    console.log(`API calls: ${callSummary(emulator)}`);
  } finally {
    project.dispose();
    await emulator.close();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});
