/**
 * `alicloud-secure-phone up [--codes-from -] [--stack <name>] [-- <pulumi up arguments>]`, in a stack's
 * folder: preview, then for each binding that needs a code send it and ask for it, then `pulumi up` with
 * the codes handed to the provider through the child's environment only, then a summary.
 */

import type { Readable, Writable } from "node:stream";
import { ResourceManagerClient } from "../../provider/client/resourceManager";
import { redact } from "../../provider/client/redact";
import {
  HANDED_OVER_CODES_VARIABLE,
  NotVendable,
  PENDING_REPORT_VARIABLE,
  PreviewFindings,
  encodeHandedOverCodes,
  listenForReports,
  pendingBindings,
} from "../../provider/handshake";
import { resolveSettings } from "../../provider/settings";
import { UsageError } from "../args";
import { Answers, TerminalInput, lineAnswers, terminalAnswers } from "./answers";
import { collectCodes, Outcome } from "./collect";
import { CreatedBinding, createdBindings } from "./created";
import { PulumiRunner, pulumiRunner } from "./pulumi";
import { summarize } from "./summary";
import { bindingErrors } from "./upErrors";

export interface UpOptions {
  codesFrom?: string;
  stack?: string;
  /** Arguments for `pulumi up`, given after `--`. */
  pulumiArgs: string[];
}

export interface UpIo {
  out: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** A terminal (isTTY, setRawMode) unless --codes-from - is given. */
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable;
  now?: () => number;
  /** Tests may pass another runner; by default the `pulumi` on PATH. */
  pulumi?: PulumiRunner;
}

export async function upCommand(options: UpOptions, io: UpIo): Promise<number> {
  const { out, env } = io;
  if (options.codesFrom !== undefined && options.codesFrom !== "-") {
    // A file of codes would put them on disk, which this command exists to avoid.
    throw new UsageError("--codes-from takes only - (standard input); codes are never read from a file.", "up");
  }
  const fromStdin = options.codesFrom === "-";
  if (!fromStdin && !(io.stdin.isTTY && typeof io.stdin.setRawMode === "function")) {
    throw new UsageError(
      "standard input is not a terminal, so the codes cannot be asked for: use --codes-from - to read one code per line.",
      "up",
    );
  }
  if (fromStdin && !options.pulumiArgs.some((arg) => arg === "--yes" || arg === "-y" || arg === "--yes=true")) {
    throw new UsageError(
      "with --codes-from -, pulumi up cannot ask for its confirmation on standard input: add `-- --yes`.",
      "up",
    );
  }
  const pulumi = io.pulumi ?? pulumiRunner({ cwd: io.cwd, stack: options.stack, env });

  const now = io.now ?? Date.now;
  let client: ResourceManagerClient | undefined;
  // Standard input is read by one reader for the whole run (lines typed ahead must survive between
  // rounds); the terminal is given back to `pulumi up` between rounds and taken again after.
  const lines = fromStdin ? lineAnswers(io.stdin, io.stdout) : undefined;
  const outcomes: Outcome[] = [];
  let notVendable: NotVendable[] = [];
  // Every binding a preview said up creates, by URN: the summary counts the ones up did not ask for too.
  const created = new Map<string, CreatedBinding>();
  // pulumi up's error for each binding, by URN, from its output when it is piped through (--codes-from -).
  const failures = new Map<string, string>();
  let exitCode = 0;
  try {
    // Two rounds at most: bindings of accounts this `up` creates get their account IDs from it, so a second
    // preview can ask for their codes.
    for (let round = 1; round <= 2; round += 1) {
      const found = await findPending(pulumi, env, out);
      if (!found) {
        if (round === 1) return 1;
        exitCode = 1;
        break;
      }
      notVendable = found.notVendable;
      for (const binding of found.created) created.set(binding.urn, binding);
      // A member skipped (or failed) in the first round is not asked again in the second; it stays left out.
      const toAsk = found.pending.filter((binding) => !outcomes.some((o) => o.binding.urn === binding.urn));
      if (round > 1 && toAsk.length === 0) break;
      if (toAsk.length > 0) {
        if (!client) {
          const config = await pulumi.config();
          // The same settings and credentials as the provider's: stack config first, then the environment.
          client = new ResourceManagerClient(resolveSettings((key) => config[key], env));
        }
        const sender = client;
        const answers: Answers = lines ?? terminalAnswers(io.stdin as TerminalInput, io.stdout);
        try {
          outcomes.push(
            ...(await collectCodes(toAsk, {
              send: (accountId, phone) => sender.sendVerificationCode(accountId, phone),
              answers,
              out,
              now,
            })),
          );
        } finally {
          if (!lines) answers.close();
        }
      }
      let printed = "";
      exitCode = await upWithCodes(pulumi, options, env, outcomes, found, !fromStdin, out, (text) => (printed += text));
      const secrets = outcomes.map((o) => o.binding.secureMobilePhone);
      const errors = bindingErrors(printed, [...found.created.map((b) => b.urn), ...found.pending.map((b) => b.urn)]);
      for (const urn of new Set([...found.created.map((b) => b.urn), ...found.pending.map((b) => b.urn)])) {
        const error = errors.get(urn);
        if (error === undefined) failures.delete(urn);
        else failures.set(urn, redact(error, secrets));
      }
      if (exitCode !== 0 || !notVendable.some((b) => b.waitsForUp) || round === 2) break;
      out("\nSome bindings waited for accounts that this up created: previewing again to ask for their codes.");
    }
  } finally {
    lines?.close();
  }

  const inState = new Map<string, { requestId?: unknown }>();
  try {
    for (const resource of await pulumi.resources())
      inState.set(resource.urn, { requestId: resource.outputs?.requestId });
  } catch (error) {
    out(`(Could not read the state for the summary: ${(error as Error).message})`);
  }
  // With --target, pulumi up leaves the bindings not targeted alone: only those it bound or failed are told.
  const targeted = options.pulumiArgs.some((arg) => arg === "--target" || arg === "-t" || arg.startsWith("--target="));
  const told = [...created.values()].filter((b) => !targeted || inState.has(b.urn) || failures.has(b.urn));
  const summary = summarize(outcomes, inState, notVendable, true, { created: told, failures });
  out("");
  for (const line of summary.lines) out(line);
  return exitCode !== 0 || summary.failed > 0 ? 1 : 0;
}

/** Runs the preview with the report socket open; undefined (after saying why) when the preview failed. */
async function findPending(
  pulumi: PulumiRunner,
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<(PreviewFindings & { created: CreatedBinding[] }) | undefined> {
  out("Previewing the stack to find the bindings that need an SMS code (nothing is changed)...");
  const listener = await listenForReports();
  let preview;
  try {
    preview = await pulumi.preview({ ...env, [PENDING_REPORT_VARIABLE]: listener.socketPath });
  } finally {
    await listener.close();
  }
  const reports = listener.reports();
  if (preview.exitCode !== 0 || preview.json === undefined) {
    out("The preview failed; nothing was sent. What it said:");
    for (const line of previewErrors(preview.json, preview.stderr))
      out(
        `  ${redact(
          line,
          reports.map((r) => r.secureMobilePhone),
        )}`,
      );
    return undefined;
  }
  const found = pendingBindings(preview.json, reports);
  for (const binding of found.notVendable) out(`Not asked now: ${binding.name}: ${binding.reason}.`);
  out(
    found.pending.length === 0
      ? "No binding needs a code now."
      : `${found.pending.length} binding(s) need a code; each is sent to its number, then asked for here.`,
  );
  return { ...found, created: createdBindings(preview.json) };
}

/**
 * `pulumi up` with the codes of this run so far, in the child's environment only. Bindings without a code
 * (skipped, failed, or waiting for their account) are left out: they would fail at create; the next round
 * or run asks for them.
 */
async function upWithCodes(
  pulumi: PulumiRunner,
  options: UpOptions,
  env: NodeJS.ProcessEnv,
  outcomes: readonly Outcome[],
  found: PreviewFindings,
  interactive: boolean,
  out: (line: string) => void,
  onOutput: (text: string) => void,
): Promise<number> {
  const codes = outcomes.flatMap((o) =>
    o.kind === "code"
      ? [
          {
            accountId: o.binding.accountId,
            secureMobilePhone: o.binding.secureMobilePhone,
            verificationCode: o.verificationCode,
          },
        ]
      : [],
  );
  const withCode = new Set(outcomes.filter((o) => o.kind === "code").map((o) => o.binding.urn));
  const left = [
    ...found.pending.map((b) => b.urn).filter((urn) => !withCode.has(urn)),
    ...found.notVendable.map((b) => b.urn),
  ];
  // --target and --exclude cannot be mixed: with a target, bindings without a code fail at create instead.
  const targeted = options.pulumiArgs.some((arg) => arg === "--target" || arg === "-t" || arg.startsWith("--target="));
  const excludes = targeted ? [] : left.flatMap((urn) => ["--exclude", urn]);
  if (excludes.length > 0) excludes.push("--exclude-dependents");
  out(
    `\nRunning pulumi up${codes.length > 0 ? ` with ${codes.length} code(s) handed to the provider in memory` : ""}...`,
  );
  const { [PENDING_REPORT_VARIABLE]: _report, ...upEnv } = env;
  return pulumi.up(
    [...excludes, ...options.pulumiArgs],
    { ...upEnv, [HANDED_OVER_CODES_VARIABLE]: encodeHandedOverCodes(codes) },
    interactive,
    onOutput,
  );
}

/** The errors of a failed preview, as `pulumi preview` would show them (the provider masks numbers in its messages). */
function previewErrors(json: unknown, stderr: string): string[] {
  const diagnostics =
    (json as { diagnostics?: { severity?: string; message?: string }[] } | undefined)?.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === "error" && d.message).map((d) => d.message!.trim());
  return errors.length > 0 ? errors : stderr.trim().split("\n").filter(Boolean).slice(-5);
}
