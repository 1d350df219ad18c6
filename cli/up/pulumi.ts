/**
 * The real `pulumi` CLI, run as a child of this command in the stack's folder. What `up` learns of a run it
 * reads from the engine's events, which pulumi writes with `--event-log` (the flag the Automation API runs
 * the CLI with, shown by PULUMI_DEBUG_COMMANDS as the Automation API sets it): never from what pulumi prints
 * for people. `pulumi up` itself stays attached to the terminal, so the operator sees pulumi's own output
 * and answers its own confirmation. The event log lives in a fresh folder only this user can open (the
 * engine writes secrets in it as "[secret]") and is removed when read. What pulumi prints to a pipe
 * (config with --show-secrets holds the keys) is held in memory only.
 */

import { spawn, type StdioOptions } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EngineEvent } from "./events";

export interface PulumiRunner {
  /** `pulumi preview`: its engine events (also when the preview failed), exit code and what it wrote to stderr. */
  preview(env: NodeJS.ProcessEnv): Promise<{ events: EngineEvent[]; exitCode: number; stderr: string }>;
  /** `pulumi config --json --show-secrets`: the stack's config, secrets decrypted, in memory. */
  config(): Promise<Record<string, string | undefined>>;
  /**
   * `pulumi up ...`, its output on this terminal (attached to it when `interactive`, so pulumi asks its own
   * confirmation); its exit code and engine events.
   */
  up(
    args: string[],
    env: NodeJS.ProcessEnv,
    interactive: boolean,
  ): Promise<{ exitCode: number; events: EngineEvent[] }>;
  /** `pulumi stack export` (secrets stay encrypted): the deployment's resources. */
  resources(): Promise<{ urn: string; type: string; outputs?: Record<string, unknown> }[]>;
}

export function pulumiRunner(options: {
  command?: string;
  cwd: string;
  stack?: string;
  env: NodeJS.ProcessEnv;
}): PulumiRunner {
  const command = options.command ?? "pulumi";
  const stackArgs = options.stack ? ["--stack", options.stack] : [];
  const captured = (args: string[], env = options.env) =>
    run(command, args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  return {
    async preview(env) {
      return withEventLog(env, async (logArgs, logEnv) => {
        const result = await captured(["preview", "--non-interactive", ...stackArgs, ...logArgs], logEnv);
        return { exitCode: result.exitCode, stderr: result.stderr };
      });
    },
    async config() {
      const result = await captured(["config", "--json", "--show-secrets", ...stackArgs]);
      if (result.exitCode !== 0)
        throw new Error(`\`pulumi config\` failed (exit ${result.exitCode}): ${firstLine(result.stderr)}`);
      const entries = JSON.parse(result.stdout) as Record<string, { value?: unknown }>;
      return Object.fromEntries(
        Object.entries(entries).map(([key, entry]) => [key, typeof entry.value === "string" ? entry.value : undefined]),
      );
    },
    async up(args, env, interactive) {
      // Standard input stays ours without a terminal (--codes-from - reads it); the output is pulumi's own.
      const stdio: StdioOptions = interactive ? "inherit" : ["ignore", "inherit", "inherit"];
      // Ctrl-C reaches pulumi too, which cancels cleanly; this process waits for it and still prints the summary.
      const ignore = () => undefined;
      process.on("SIGINT", ignore);
      try {
        return await withEventLog(env, async (logArgs, logEnv) => {
          const result = await run(command, ["up", ...stackArgs, ...logArgs, ...args], {
            cwd: options.cwd,
            env: logEnv,
            stdio,
          });
          return { exitCode: result.exitCode };
        });
      } finally {
        process.off("SIGINT", ignore);
      }
    },
    async resources() {
      const result = await captured(["stack", "export", ...stackArgs]);
      if (result.exitCode !== 0)
        throw new Error(`\`pulumi stack export\` failed (exit ${result.exitCode}): ${firstLine(result.stderr)}`);
      return (JSON.parse(result.stdout).deployment?.resources ?? []) as {
        urn: string;
        type: string;
        outputs?: Record<string, unknown>;
      }[];
    },
  };
}

/** Runs a pulumi command with an event log, and reads the log's events once it has exited. */
async function withEventLog<T extends object>(
  env: NodeJS.ProcessEnv,
  command: (logArgs: string[], env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T & { events: EngineEvent[] }> {
  const folder = mkdtempSync(join(tmpdir(), "alicloud-secure-phone-events-"));
  const log = join(folder, "events.jsonl");
  try {
    const result = await command(["--event-log", log], { ...env, PULUMI_DEBUG_COMMANDS: "true" });
    return { ...result, events: readEvents(log) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One event a line; none when pulumi wrote no log (it failed before its engine started). */
function readEvents(path: string): EngineEvent[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  return text.split("\n").flatMap((line) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as EngineEvent];
    } catch {
      return []; // a line cut short by a killed pulumi
    }
  });
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; stdio: StdioOptions },
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.on("data", (chunk: string) => (stderr += chunk));
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT" ? new Error(`\`${command}\` was not found on PATH: install the pulumi CLI.`) : error,
      ),
    );
    child.once("close", (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
