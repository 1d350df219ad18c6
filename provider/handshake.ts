/**
 * The handshake between `alicloud-secure-phone up` (the CLI) and the provider it runs under `pulumi`,
 * both ends in this one module. The protocol:
 *
 * 1. Preview. The CLI listens on a Unix socket in a fresh folder only its user can open (mkdtemp, mode
 *    0700) and runs `pulumi preview` with the socket's path in ALICLOUD_SECURE_PHONE_PENDING_REPORT.
 *    The provider's `check` sends each binding that will need a code one JSON line
 *    `{"accountId","secureMobilePhone"}`. The preview itself cannot tell the CLI: Pulumi writes every
 *    secret of a preview's events as "[secret]", with or without --show-secrets, and a diagnostic would carry
 *    the number through the engine (to Pulumi Cloud with a cloud backend).
 * 2. Join. The CLI joins the preview's engine events (URN, account ID, masked number) with the reports (the
 *    numbers), in cli/up/preview.ts. It then sends the codes and asks the operator for them.
 * 3. Up. The CLI runs `pulumi up` with the codes in ALICLOUD_SECURE_PHONE_VERIFICATION_CODES of the child's
 *    environment only (never the program, the config, the state or the disk): a JSON object
 *    `{ "<accountId>/<country code>-<number>": "<code>" }`, keyed by the number as well as the account so a
 *    code sent to one number can never bind another. A binding that declares no verificationCode takes the
 *    code handed over for exactly its account and number.
 *
 * Nothing is stored. The lifecycle sees only the HandshakePort (ports.ts) that `handshakeFromEnvironment`
 * gives it. Messages name the variables and the problem, never a value.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HandshakePort, PendingBindingReport } from "./ports";
import { ACCOUNT_ID_PATTERN, VERIFICATION_CODE_PATTERN } from "./rules/check";
import { parsePhone } from "./rules/phone";
import { Environment, SettingsError } from "./settings";

/** Names the socket of step 1 in the preview's environment. */
export const PENDING_REPORT_VARIABLE = "ALICLOUD_SECURE_PHONE_PENDING_REPORT";
/** Holds the codes of step 3 in the up's environment. */
export const HANDED_OVER_CODES_VARIABLE = "ALICLOUD_SECURE_PHONE_VERIFICATION_CODES";

export type PendingReport = PendingBindingReport;

// ---- Step 1, provider's end: sending a report.

/**
 * Sends one report and waits until it is delivered. Never fails: a stale or wrong socket must not fail a
 * preview (the command then finds nothing for this binding and says so).
 */
export function sendPendingReport(socketPath: string, report: PendingReport, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(timeoutMs, done);
    socket.once("error", done);
    socket.once("close", done);
    socket.end(`${JSON.stringify({ accountId: report.accountId, secureMobilePhone: report.secureMobilePhone })}\n`);
  });
}

// ---- Step 1, CLI's end: listening for reports. They stay in memory.

export interface ReportListener {
  socketPath: string;
  reports(): PendingReport[];
  close(): Promise<void>;
}

export async function listenForReports(): Promise<ReportListener> {
  const folder = mkdtempSync(join(tmpdir(), "alicloud-secure-phone-"));
  const socketPath = join(folder, "pending.sock");
  const received: PendingReport[] = [];
  const server = createServer((socket) => {
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => (text += chunk));
    socket.on("end", () => {
      for (const line of text.split("\n")) {
        if (!line.trim()) continue;
        try {
          const report = JSON.parse(line) as Partial<PendingReport>;
          if (typeof report.accountId === "string" && typeof report.secureMobilePhone === "string") {
            received.push({ accountId: report.accountId, secureMobilePhone: report.secureMobilePhone });
          }
        } catch {
          // Not a report: ignored (the preview's join then names the binding as not vendable).
        }
      }
      socket.end();
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    socketPath,
    reports: () => [...received],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(folder, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

// ---- Step 3: the handed-over codes, encoded by the CLI and parsed by the provider.

export interface HandedOverCode {
  accountId: string;
  secureMobilePhone: string;
  verificationCode: string;
}

export function handOverKey(accountId: string, secureMobilePhone: string): string {
  return `${accountId}/${secureMobilePhone}`;
}

/** The variable's value for a set of codes (what the CLI puts in the child's environment). */
export function encodeHandedOverCodes(codes: readonly HandedOverCode[]): string {
  return JSON.stringify(
    Object.fromEntries(codes.map((c) => [handOverKey(c.accountId, c.secureMobilePhone), c.verificationCode])),
  );
}

/** Codes by handOverKey; empty when the variable is unset. Throws a SettingsError, without values, when malformed. */
export function parseHandedOverCodes(text: string | undefined): ReadonlyMap<string, string> {
  if (text === undefined || text.trim() === "") return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed("it is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw malformed("it is not a JSON object");
  const codes = new Map<string, string>();
  for (const [key, code] of Object.entries(parsed)) {
    const slash = key.indexOf("/");
    const accountId = key.slice(0, slash);
    if (slash < 0 || !ACCOUNT_ID_PATTERN.test(accountId) || !parsePhone(key.slice(slash + 1))) {
      throw malformed("a key is not <account id>/<country code>-<number>");
    }
    if (typeof code !== "string" || !VERIFICATION_CODE_PATTERN.test(code)) {
      throw malformed(`the code for account ${accountId} is not 4 to 8 digits`);
    }
    codes.set(key, code);
  }
  return codes;
}

/** The code handed over for exactly this account and number, if any. Pure: the environment is passed in. */
export function handedOverCode(env: Environment, accountId: string, secureMobilePhone: string): string | undefined {
  return parseHandedOverCodes(env[HANDED_OVER_CODES_VARIABLE]).get(handOverKey(accountId, secureMobilePhone));
}

function malformed(problem: string): SettingsError {
  return new SettingsError(
    `environment variable ${HANDED_OVER_CODES_VARIABLE} is malformed: ${problem}. It is set by \`alicloud-secure-phone up\` ` +
      `and expected to be a JSON object {"<account id>/<country code>-<number>": "<code of 4 to 8 digits>"}; unset it to declare verificationCode instead.`,
  );
}

// ---- The provider's end as the lifecycle's port.

/** The port over an environment read at each call (the process's, in a Pulumi run). */
export function handshakeFromEnvironment(env: () => Environment): HandshakePort {
  return {
    async reportPending(report) {
      const socketPath = env()[PENDING_REPORT_VARIABLE];
      if (socketPath) await sendPendingReport(socketPath, report);
    },
    codeFor: (accountId, secureMobilePhone) => handedOverCode(env(), accountId, secureMobilePhone),
  };
}
