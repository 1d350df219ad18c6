/**
 * Runs `alicloud-secure-phone up` as an operator would, in a kit project (the engine tests', measure:vending's): the installed package's
 * CLI (what `npx alicloud-secure-phone` runs), either in a pseudo-terminal made by util-linux `script`
 * (the codes typed at no-echo prompts) or with `--codes-from -` (one answer per line on standard input).
 * At each code prompt it asks `answer` what to type for the member being asked, so a test can read the code
 * the emulator "sent" at that moment; at the prompt before a member's first send it types `send` (Enter
 * unless told otherwise: s skips the member before any SMS).
 */

import { spawn } from "node:child_process";
import { join } from "node:path";
import type { PulumiProject } from "./project";

export type Answer = (accountId: string, promptForThisAccount: number) => string;

export interface VendRun {
  exitCode: number;
  /** Everything the command and its pulumi children printed (a terminal's view in pty mode). */
  transcript: string;
  prompts: number;
  seconds: number;
  /** Seconds until the first prompt (the preview), and after the last answer (pulumi up, the summary). */
  secondsToFirstPrompt?: number;
  secondsAfterLastAnswer?: number;
}

const PROMPT = "Code from the SMS to";
const SEND_PROMPT = "Send a code to";
const MEMBER = /\(account (\d+),/g;

export function runVend(
  project: PulumiProject,
  mode: "pty" | "stdin",
  answer: Answer,
  options: {
    pulumiArgs?: string[];
    timeoutMs?: number;
    /** What to type before a member's first send: "" (Enter) by default, "s" to skip it. */
    send?: (accountId: string) => string;
    /** Without pulumi's --yes: what to type at its "perform this update?" prompt (a pseudo-terminal only). */
    confirm?: string;
  } = {},
): Promise<VendRun> {
  const cli = join(project.dir, "node_modules", "pulumi-alicloud-secure-phone", "lib", "cli", "main.js");
  const command = [
    process.execPath,
    cli,
    "up",
    ...(mode === "stdin" ? ["--codes-from", "-"] : []),
    "--",
    ...(options.confirm === undefined ? ["--yes"] : []),
    ...(options.pulumiArgs ?? []),
  ];
  const [program, args] =
    mode === "pty"
      ? ["script", ["-qfec", command.map(shellQuote).join(" "), "/dev/null"]]
      : [command[0], command.slice(1)];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: project.dir,
      env: { ...process.env, ...project.env, TERM: "xterm" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let transcript = "";
    let answered = 0;
    let sendsAnswered = 0;
    let confirmed = false;
    const enter = mode === "pty" ? "\r" : "\n";
    let firstPrompt: number | undefined;
    let lastAnswer: number | undefined;
    const perAccount = new Map<string, number>();
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`alicloud-secure-phone up did not finish in time; it printed:\n${transcript.slice(-3000)}`));
    }, options.timeoutMs ?? 240_000);
    const onOutput = (chunk: Buffer) => {
      transcript += chunk.toString();
      for (
        let at = nthIndex(transcript, SEND_PROMPT, sendsAnswered);
        at >= 0;
        at = nthIndex(transcript, SEND_PROMPT, sendsAnswered)
      ) {
        const accountId = [...transcript.slice(0, at).matchAll(MEMBER)].pop()?.[1] ?? "";
        sendsAnswered += 1;
        child.stdin.write(`${options.send?.(accountId) ?? ""}${enter}`);
      }
      if (options.confirm !== undefined && !confirmed && transcript.includes("perform this update?")) {
        confirmed = true;
        // pulumi's prompt reads keys once it is drawn: a moment later, as a person would.
        setTimeout(() => child.stdin.write(options.confirm!), 500);
      }
      for (let at = nthIndex(transcript, PROMPT, answered); at >= 0; at = nthIndex(transcript, PROMPT, answered)) {
        const accountId = [...transcript.slice(0, at).matchAll(MEMBER)].pop()?.[1] ?? "";
        const count = (perAccount.get(accountId) ?? 0) + 1;
        perAccount.set(accountId, count);
        answered += 1;
        firstPrompt ??= Date.now();
        lastAnswer = Date.now();
        child.stdin.write(`${answer(accountId, count)}${enter}`);
      }
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      const ended = Date.now();
      resolve({
        exitCode: code ?? -1,
        transcript,
        prompts: answered,
        seconds: (ended - started) / 1000,
        secondsToFirstPrompt: firstPrompt === undefined ? undefined : (firstPrompt - started) / 1000,
        secondsAfterLastAnswer: lastAnswer === undefined ? undefined : (ended - lastAnswer) / 1000,
      });
    });
  });
}

/** Index of the (n+1)-th occurrence of `needle`, or -1. */
function nthIndex(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i += 1) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
