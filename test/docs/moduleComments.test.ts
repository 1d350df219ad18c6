/**
 * Every TypeScript module opens with a comment saying why it exists (issue 13), so a reader learns what a
 * file is for before its imports, and a module's description is never mistaken for the doc of the first
 * declaration under it. A file that opens with code fails here, named. Pure file reading.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const FOLDERS = ["provider", "cli", "sdk/nodejs", "emulator", "policy", "bench", "scripts", "devkit", "test"];
/** Not this project's modules: installed or built code, the generated SDKs, and the engine's programs (the kit's, the tests'). */
const SKIPPED = [
  "node_modules",
  "lib",
  "sdk/python",
  "sdk/go",
  "policy/bin",
  "test/engine/programs",
  "devkit/programs",
];

function isSkipped(path: string): boolean {
  return SKIPPED.some((skipped) => path === skipped || path.startsWith(`${skipped}/`) || path.endsWith(`/${skipped}`));
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.name === "node_modules" || isSkipped(path)) return [];
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.isFile() && entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The first line that is not blank, after a `#!` line if there is one. */
function firstLine(text: string): string {
  const lines = text.split("\n");
  if (lines[0]?.startsWith("#!")) lines.shift();
  return lines.find((line) => line.trim() !== "") ?? "";
}

const opensWithComment = (line: string) => /^\s*(\/\*\*|\/\*|\/\/)/.test(line);

describe("module comments", () => {
  const files = FOLDERS.flatMap(typeScriptFiles);

  it("finds the modules it checks", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("provider/rules/check.ts");
    expect(files).not.toContain("devkit/programs/many-bindings/index.ts");
    expect(files).not.toContain("test/engine/programs/shown-bindings/index.ts");
    expect(files).toContain("devkit/project.ts");
  });

  it("every module opens with a comment saying why it exists, above its imports", () => {
    const offending = files.filter((file) => !opensWithComment(firstLine(readFileSync(join(ROOT, file), "utf8"))));
    expect(offending, `these files open with code, not a module comment:\n  ${offending.join("\n  ")}`).toEqual([]);
  });

  it("tells a module comment from code", () => {
    expect(opensWithComment(firstLine("#!/usr/bin/env node\n\n/** Why. */\nimport x from 'x';"))).toBe(true);
    expect(opensWithComment(firstLine("\n// Why.\nconst x = 1;"))).toBe(true);
    expect(opensWithComment(firstLine('import { x } from "x";\n\n/** Why. */'))).toBe(false);
    expect(opensWithComment(firstLine(""))).toBe(false);
  });
});
