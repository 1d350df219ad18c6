import { connect } from "node:net";

/**
 * How `alicloud-secure-phone up` learns which numbers to send codes to. The preview it runs cannot tell
 * it: Pulumi writes every secret of a preview's JSON as "[secret]", with or without --show-secrets, and a
 * diagnostic would carry the number through the engine (to Pulumi Cloud with a cloud backend). So the
 * command listens on a Unix socket in a folder only its user can open, names it in this variable of the
 * preview's environment, and `check` sends it each binding that will need a code: one JSON line
 * `{"accountId","secureMobilePhone"}`. Nothing is stored; the socket carries it from process to process.
 */
export const PENDING_REPORT_VARIABLE = "ALICLOUD_SECURE_PHONE_PENDING_REPORT";

export interface PendingReport {
  accountId: string;
  secureMobilePhone: string;
}

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
