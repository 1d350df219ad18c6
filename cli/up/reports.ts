import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PendingReport } from "../../provider/pendingReport";

/**
 * The listening end of provider/pendingReport.ts: a Unix socket in a fresh folder that mkdtemp creates
 * with mode 0700, so only this user's processes can connect. The reports stay in memory.
 */
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
