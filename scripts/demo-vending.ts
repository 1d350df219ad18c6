/**
 * `npm run demo:vending`: examples/international-vending on the local emulator, run by you: three members,
 * one number, no code in the program, and `alicloud-secure-phone up` asking you for each code. The emulator
 * plays the phone: each code it "sends" is shown here as the SMS would show it (emulator codes only; a real
 * code comes by SMS and is never printed). Needs a terminal; the pulumi CLI is found or built as for `npm run demo`.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { commandLine } from "../devkit/args";
import { createPulumiProject } from "../devkit/project";
import { ensurePulumiCli } from "../devkit/pulumiCli";
import { emulatorStackConfig } from "../devkit/stackConfig";
import { maskPhone } from "../provider/rules/phone";
import { startEmulator } from "../emulator";
import { smsLine } from "../emulator/standalone-output";

const PHONE = "1-6505550100";
const MEMBERS = ["app-dev", "app-staging", "app-prod"];

async function main(): Promise<void> {
  commandLine("npm run demo:vending (no flags)", {});
  if (!process.stdin.isTTY)
    throw new Error("run it in a terminal: it asks you for the codes (the engine test drives it without one).");
  const cli = ensurePulumiCli();
  const emulator = await startEmulator({
    site: "international",
    // The same SMS line as the standalone emulator prints (alicloud-secure-phone-emulator), in colour.
    onCodeSent: (sms) => process.stdout.write(`\n  \x1b[36m${smsLine(sms, 15)}\x1b[0m\n`),
  });
  const project = await createPulumiProject("international-vending", cli, { stackName: "demo" });
  try {
    const members = MEMBERS.map((name) => ({
      name,
      accountId: emulator.directory.addResourceAccount({ displayName: name }).AccountId,
    }));
    await project.stack.setAllConfig({
      ...emulatorStackConfig(emulator, "international"),
      members: { value: JSON.stringify(members) },
      secureMobilePhone: { value: PHONE, secret: true },
    });
    console.log(`Emulator (international site) at ${emulator.url}; stack "demo" in ${project.dir}.`);
    console.log(
      `Running \`npx alicloud-secure-phone up\` there. Type each code shown as an SMS (it is not echoed), r to send again, s to skip.\n`,
    );
    const command = join(project.dir, "node_modules", "pulumi-alicloud-secure-phone", "lib", "cli", "main.js");
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [command, "up"], {
        cwd: project.dir,
        env: { ...process.env, ...project.env },
        stdio: "inherit",
      });
      child.once("error", reject);
      child.once("close", (code) => resolve(code ?? 1));
    });
    const bound = members.filter((m) => emulator.directory.phoneOf(m.accountId) === PHONE).map((m) => m.name);
    console.log(
      `\nThe emulator's directory: ${bound.length} of ${members.length} members have ${maskPhone(PHONE)} bound${bound.length ? ` (${bound.join(", ")})` : ""}.`,
    );
    process.exitCode = exitCode;
  } finally {
    project.dispose();
    await emulator.close();
  }
}

main().catch((error: Error) => {
  console.error(`demo:vending failed: ${error.message}`);
  process.exit(1);
});
