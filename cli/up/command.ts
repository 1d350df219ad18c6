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
  PENDING_REPORT_VARIABLE,
  encodeHandedOverCodes,
  listenForReports,
} from "../../provider/handshake";
import { resolveSettings } from "../../provider/settings";
import { UsageError } from "../args";
import { whyNotBindable } from "../bindable";
import { Answers, TerminalInput, lineAnswers, terminalAnswers } from "./answers";
import { collectCodes, Outcome } from "./collect";
import { EngineEvent, errorMessages, readUp, UpRun } from "./events";
import { CreatedBinding, NotVendable, PendingBinding, PreviewFindings, readPreview } from "./preview";
import { PulumiRunner, pulumiRunner } from "./pulumi";
import { InState, summarize } from "./summary";

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
  const terminal = Boolean(io.stdin.isTTY && typeof io.stdin.setRawMode === "function");
  const yes = options.pulumiArgs.some((arg) => arg === "--yes" || arg === "-y" || arg === "--yes=true");
  // Without a terminal and without --yes, pulumi up could not ask its own confirmation either: nothing could
  // go on. With --yes, a terminal is needed only once the preview shows a code to type.
  if (!fromStdin && !terminal && !yes) {
    throw new UsageError(
      "standard input is not a terminal, so the codes cannot be asked for: use --codes-from - to read one code per " +
        "line; and pulumi up cannot ask for its confirmation either: add `-- --yes`.",
      "up",
    );
  }
  if (fromStdin && !yes) {
    throw new UsageError(
      "with --codes-from -, pulumi up cannot ask for its confirmation on standard input: add `-- --yes`.",
      "up",
    );
  }
  const pulumi = io.pulumi ?? pulumiRunner({ cwd: io.cwd, stack: options.stack, env });

  const now = io.now ?? Date.now;
  let client: ResourceManagerClient | undefined;
  const lookUpClient = async () => {
    if (!client) {
      const config = await pulumi.config();
      // The same settings and credentials as the provider's: stack config first, then the environment.
      client = new ResourceManagerClient(resolveSettings((key) => config[key], env));
    }
    return client;
  };
  // Standard input is read by one reader for the whole run (lines typed ahead must survive between
  // rounds); the terminal is given back to `pulumi up` between rounds and taken again after.
  const lines = fromStdin ? lineAnswers(io.stdin, io.stdout) : undefined;
  const outcomes: Outcome[] = [];
  // Members GetAccount said cannot be bound (no code sent, left out of up), and those with a phone bound
  // already (no code sent; up takes them in or says why not), by URN, across rounds.
  const unbindable = new Map<string, NotVendable>();
  const hasPhone = new Set<string>();
  let notVendable: NotVendable[] = [];
  // Every binding a preview said up creates, by URN: the summary counts the ones up did not ask for too.
  const created = new Map<string, CreatedBinding>();
  // pulumi up's error for each binding, by URN, from its engine events.
  const failures = new Map<string, string>();
  let upRun: UpRun["ran"] = "not run";
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
      for (const binding of found.created) created.set(binding.urn, binding);
      // A member skipped (or failed, or found unbindable) in the first round is not asked again in the second.
      const decided = (urn: string) =>
        outcomes.some((o) => o.binding.urn === urn) || unbindable.has(urn) || hasPhone.has(urn);
      const toLookUp = found.pending.filter((binding) => !decided(binding.urn));
      if (round > 1 && toLookUp.length === 0) break;
      let toAsk = toLookUp.length === 0 ? [] : await lookUp(toLookUp, await lookUpClient(), out);
      for (const binding of found.pending) {
        // GetAccount said it has a phone: up can only take it in (or refuse it), whatever the preview showed.
        if (hasPhone.has(binding.urn)) created.set(binding.urn, { ...created.get(binding.urn)!, source: "adopt" });
      }
      if (toAsk.length > 0 && !fromStdin && !terminal) {
        const why = `${toAsk.length} binding(s) need an SMS code, and standard input is not a terminal, so the codes cannot be asked for: use --codes-from - to read one code per line`;
        if (round === 1) throw new UsageError(`${why}. No code was sent and nothing was changed.`, "up");
        // The first round's up has run: say so in the summary rather than stop without one.
        for (const { urn, name } of toAsk) unbindable.set(urn, { urn, name, reason: why, waitsForUp: false });
        toAsk = [];
      }
      notVendable = [...found.notVendable, ...found.pending.flatMap((b) => unbindable.get(b.urn) ?? [])];
      if (toAsk.length > 0) {
        const sender = await lookUpClient();
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
      const up = await upWithCodes(
        pulumi,
        options,
        env,
        outcomes,
        found,
        notVendable,
        hasPhone,
        terminal && !fromStdin,
        out,
      );
      exitCode = up.exitCode;
      const run = readUp(up.events);
      upRun = run.ran;
      const secrets = outcomes.map((o) => o.binding.secureMobilePhone);
      for (const urn of new Set([...found.created.map((b) => b.urn), ...found.pending.map((b) => b.urn)])) {
        const error = run.failures.get(urn);
        if (error === undefined) failures.delete(urn);
        else failures.set(urn, redact(error, secrets));
      }
      if (exitCode !== 0 || !notVendable.some((b) => b.waitsForUp) || round === 2) break;
      out("\nSome bindings waited for accounts that this up created: previewing again to ask for their codes.");
    }
  } finally {
    lines?.close();
  }

  const inState = new Map<string, InState>();
  try {
    for (const resource of await pulumi.resources())
      inState.set(resource.urn, { requestId: resource.outputs?.requestId, adopted: resource.outputs?.adopted });
  } catch (error) {
    out(`(Could not read the state for the summary: ${(error as Error).message})`);
  }
  // With --target, pulumi up leaves the bindings not targeted alone: only those it bound or failed are told.
  const targeted = options.pulumiArgs.some((arg) => arg === "--target" || arg === "-t" || arg.startsWith("--target="));
  const told = [...created.values()].filter((b) => !targeted || inState.has(b.urn) || failures.has(b.urn));
  const summary = summarize(outcomes, inState, notVendable, true, { created: told, failures, upRan: upRun });
  out("");
  for (const line of summary.lines) out(line);
  return exitCode !== 0 || summary.failed > 0 ? 1 : 0;

  /**
   * GetAccount for each pending member before any send (one call each): a member that cannot be bound gets
   * no SMS and is left out of up; one with a phone bound already gets none either and goes through up, which
   * takes it in or says why not. Returns the members to ask for.
   */
  async function lookUp(
    pending: readonly PendingBinding[],
    lookUpWith: ResourceManagerClient,
    say: (line: string) => void,
  ): Promise<PendingBinding[]> {
    const toAsk: PendingBinding[] = [];
    // The client's pace (provider/client/limiter.ts) waits on timers that do not keep a process alive, and
    // nothing else does yet here in a terminal (standard input is not read before the first prompt).
    const keepAlive = setInterval(() => undefined, 60_000);
    try {
      for (const binding of pending) toAsk.push(...(await lookUpOne(binding)));
    } finally {
      clearInterval(keepAlive);
    }
    return toAsk;

    async function lookUpOne(binding: PendingBinding): Promise<PendingBinding[]> {
      const why = whyNotBindable(await lookUpWith.getMemberPhoneStatus(binding.accountId));
      if (!why) return [binding];
      if (why.kind === "has a phone") {
        hasPhone.add(binding.urn);
        say(
          `Not asked: ${binding.name}: account ${binding.accountId} ${why.reason}; no code was sent: pulumi up ` +
            "takes it in if it is this number, or says why not.",
        );
        return [];
      }
      const reason = `account ${binding.accountId} ${why.reason}; no code was sent`;
      unbindable.set(binding.urn, { urn: binding.urn, name: binding.name, reason, waitsForUp: false });
      say(`Not asked: ${binding.name}: ${reason}.`);
      return [];
    }
  }
}

/** Runs the preview with the report socket open; undefined (after saying why) when the preview failed. */
async function findPending(
  pulumi: PulumiRunner,
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<PreviewFindings | undefined> {
  out("Previewing the stack to find the bindings that need an SMS code (nothing is changed)...");
  const listener = await listenForReports();
  let preview;
  try {
    preview = await pulumi.preview({ ...env, [PENDING_REPORT_VARIABLE]: listener.socketPath });
  } finally {
    await listener.close();
  }
  const reports = listener.reports();
  if (preview.exitCode !== 0 || !preview.events.some((e) => e.summaryEvent?.isPreview === true)) {
    out("The preview failed; nothing was sent. What it said:");
    for (const line of previewErrors(preview.events, preview.stderr))
      out(
        `  ${redact(
          line,
          reports.map((r) => r.secureMobilePhone),
        )}`,
      );
    return undefined;
  }
  const found = readPreview(preview.events, reports);
  for (const binding of found.notVendable) out(`Not asked now: ${binding.name}: ${binding.reason}.`);
  out(
    found.pending.length === 0
      ? "No binding needs a code now."
      : `${found.pending.length} binding(s) need a code; each member is looked up, then asked for here before its code is sent.`,
  );
  return found;
}

/**
 * `pulumi up` with the codes of this run so far, in the child's environment only. Bindings without a code
 * (skipped, failed, unbindable, or waiting for their account) are left out: they would fail at create; the
 * next round or run asks for them. A member with a phone bound already needs no code and goes through.
 */
async function upWithCodes(
  pulumi: PulumiRunner,
  options: UpOptions,
  env: NodeJS.ProcessEnv,
  outcomes: readonly Outcome[],
  found: PreviewFindings,
  notVendable: readonly NotVendable[],
  noCodeNeeded: ReadonlySet<string>,
  interactive: boolean,
  out: (line: string) => void,
): Promise<{ exitCode: number; events: EngineEvent[] }> {
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
  const left = new Set([
    ...found.pending.map((b) => b.urn).filter((urn) => !withCode.has(urn) && !noCodeNeeded.has(urn)),
    ...notVendable.map((b) => b.urn),
  ]);
  // --target and --exclude cannot be mixed: with a target, bindings without a code fail at create instead.
  const targeted = options.pulumiArgs.some((arg) => arg === "--target" || arg === "-t" || arg.startsWith("--target="));
  const excludes = targeted ? [] : [...left].flatMap((urn) => ["--exclude", urn]);
  if (excludes.length > 0) excludes.push("--exclude-dependents");
  out(
    `\nRunning pulumi up${codes.length > 0 ? ` with ${codes.length} code(s) handed to the provider in memory` : ""}...`,
  );
  const { [PENDING_REPORT_VARIABLE]: _report, ...upEnv } = env;
  return pulumi.up(
    [...excludes, ...options.pulumiArgs],
    { ...upEnv, [HANDED_OVER_CODES_VARIABLE]: encodeHandedOverCodes(codes) },
    interactive,
  );
}

/** The errors of a failed preview, from its events (the provider masks numbers in its messages); else stderr. */
function previewErrors(events: readonly EngineEvent[], stderr: string): string[] {
  const errors = errorMessages(events);
  return errors.length > 0 ? errors : stderr.trim().split("\n").filter(Boolean).slice(-5);
}
