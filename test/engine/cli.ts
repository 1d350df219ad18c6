import { spawn, type ChildProcess } from "node:child_process";
import type { PulumiProject } from "./pulumiProject";
import { auditText } from "../support/audit";

/**
 * The pulumi CLI run directly, as a shell or a CI job runs it, for what the Automation API cannot do:
 * send signals to the pulumi process. Always asynchronous: the emulator answers from this same process.
 */
export interface CliRun {
  child: ChildProcess;
  /** Exit code (null when killed by a signal), the signal, and stdout + stderr interleaved. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

export function runPulumi(project: PulumiProject, args: string[], env: Record<string, string> = {}): CliRun {
  // Its own process group, as a job's shell would give it: a group kill reaches pulumi, the language
  // host and the dynamic-provider plugin, as a CI runner's does.
  const child = spawn(project.command, [...args, "--stack", project.stackName], {
    cwd: project.dir,
    env: { ...project.environment, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      auditText(`pulumi ${args[0]} output`, output);
      resolve({ code, signal, output });
    });
  });
  return { child, done };
}

/** `pulumi up` without prompts, as in CI. */
export const UP = ["up", "--yes", "--skip-preview", "--non-interactive"];
