/**
 * The pulumi CLI run directly, as a shell or a CI job runs it, for what the Automation API cannot do:
 * send signals to the pulumi process. Always asynchronous: the emulator answers from this same process.
 */

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import type { PulumiProject } from "./pulumiProject";
import { auditText } from "../support/audit";

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
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>(
    (resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => {
        auditText(`pulumi ${args[0]} output`, output);
        resolve({ code, signal, output });
      });
    },
  );
  return { child, done };
}

/** `pulumi up` without prompts, as in CI. */
export const UP = ["up", "--yes", "--skip-preview", "--non-interactive"];

/**
 * SIGKILL for the whole job, as a CI runner or a container's end kills it: pulumi's process group and
 * every process it started. The engine starts each plugin (the dynamic-provider host among them) in a
 * process group of its own, so a group kill alone would leave the plugin running, and its calls in
 * flight would go on after the "kill".
 */
export function killJob(child: ChildProcess): number[] {
  const descendants = descendantsOf(child.pid!);
  process.kill(-child.pid!, "SIGKILL");
  for (const pid of descendants) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already with the group.
    }
  }
  return descendants;
}

function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const line of execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" }).split("\n")) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid && ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}
