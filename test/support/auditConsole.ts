import { auditText } from "./audit";

/**
 * Vitest setup file: whatever a test prints (the test log) goes to the secrets audit too. Wraps the
 * console methods of each worker; the text still reaches vitest as before.
 */
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
