/**
 * The real `pulumi` CLI, run as a child of this command in the stack's folder. What it prints to a pipe is
 * held in memory only and never written anywhere (config with --show-secrets holds the keys).
 */

import { spawn, type StdioOptions } from "node:child_process";

export interface PulumiRunner {
  /** `pulumi preview --json`: its JSON (also when the preview failed) and exit code. */
  preview(env: NodeJS.ProcessEnv): Promise<{ json: unknown; exitCode: number; stderr: string }>;
  /** `pulumi config --json --show-secrets`: the stack's config, secrets decrypted, in memory. */
  config(): Promise<Record<string, string | undefined>>;
  /**
   * `pulumi up ...`, its output on this terminal; the exit code. Not interactive, its output is also handed to
   * `onOutput` (in memory), so the summary can name each binding's error; on a terminal pulumi keeps it.
   */
  up(args: string[], env: NodeJS.ProcessEnv, interactive: boolean, onOutput?: (text: string) => void): Promise<number>;
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
      const result = await captured(["preview", "--json", "--non-interactive", ...stackArgs], env);
      let json: unknown;
      try {
        json = JSON.parse(result.stdout);
      } catch {
        json = undefined;
      }
      return { json, exitCode: result.exitCode, stderr: result.stderr };
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
    async up(args, env, interactive, onOutput) {
      const tee = !interactive && onOutput !== undefined;
      const stdio: StdioOptions = interactive
        ? "inherit"
        : ["ignore", tee ? "pipe" : "inherit", tee ? "pipe" : "inherit"];
      // Ctrl-C reaches pulumi too, which cancels cleanly; this process waits for it and still prints the summary.
      const ignore = () => undefined;
      process.on("SIGINT", ignore);
      try {
        const through = (stream: NodeJS.WriteStream) => (text: string) => {
          stream.write(text);
          onOutput!(text);
        };
        const forward = tee ? { stdout: through(process.stdout), stderr: through(process.stderr) } : undefined;
        return (await run(command, ["up", ...stackArgs, ...args], { cwd: options.cwd, env, stdio }, forward)).exitCode;
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

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; stdio: StdioOptions },
  /** Where each chunk goes as it comes, instead of being held (a child whose output the user sees). */
  forward?: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => (forward ? forward.stdout(chunk) : (stdout += chunk)));
    child.stderr?.on("data", (chunk: string) => (forward ? forward.stderr(chunk) : (stderr += chunk)));
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT" ? new Error(`\`${command}\` was not found on PATH: install the pulumi CLI.`) : error,
      ),
    );
    child.once("close", (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
