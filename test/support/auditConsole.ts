/**
 * Vitest setup file: whatever a test prints (the test log) and every line of every emulator's request log
 * go to the secrets audit too. Wraps the console methods and CallLog.record of each worker; both work as
 * before.
 */

import { CallLog, formatCallRecord } from "../../emulator/call-log";
import { auditText } from "./audit";

for (const method of ["log", "info", "warn", "error", "debug"] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    auditText("test log", args.map((arg) => (typeof arg === "string" ? arg : safeString(arg))).join(" "));
    original(...args);
  };
}

function safeString(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ""}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const record = CallLog.prototype.record;
CallLog.prototype.record = function (this: CallLog, entry) {
  auditText("emulator request log", formatCallRecord(entry));
  return record.call(this, entry);
};
