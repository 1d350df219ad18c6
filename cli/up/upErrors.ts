/**
 * Each binding's error, read from what `pulumi up` printed (its "Diagnostics:" section), so the summary can
 * say why a binding failed beside its member and masked number. The pulumi CLI has no event log to read
 * here (3.248 knows no --event-log outside its automation API), and on a terminal its output is its own:
 * this reads the output only when `up` runs with --codes-from - and pipes it through. Pure.
 *
 * The section reads, per resource: `  <type> (<name>):` then `    error: <message>` lines.
 */
// The escape character starts every colour code pulumi prints.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const HEADER = /^ {2}(\S+) \((.+)\):\s*$/;
const ERROR = /^ {4,}error: ?(.*)$/;

export function bindingErrors(output: string, urns: readonly string[]): Map<string, string> {
  const errors = new Map<string, string>();
  let inDiagnostics = false;
  let current: string | undefined;
  let awaitingText = false;
  for (const line of output.replace(ANSI, "").replace(/\r/g, "").split("\n")) {
    if (/^Diagnostics:\s*$/.test(line)) {
      inDiagnostics = true;
      continue;
    }
    if (!inDiagnostics) continue;
    if (/^\S/.test(line)) {
      // The next section (Resources:, Outputs:, Duration:) ends this one.
      inDiagnostics = false;
      current = undefined;
      continue;
    }
    const header = HEADER.exec(line);
    if (header) {
      const [, type, name] = header;
      current = urns.find((urn) => urn.endsWith(`${type}::${name}`));
      awaitingText = false;
      continue;
    }
    if (!current || errors.has(current)) continue;
    const error = ERROR.exec(line);
    const text = error ? error[1].trim() : awaitingText ? line.trim() : "";
    if (error && !text) awaitingText = true;
    else if (text) {
      errors.set(current, text);
      awaitingText = false;
    }
  }
  return errors;
}
