/**
 * Tooling is product code that the tests use, never the other way round (issue 20): no module outside
 * test/ imports from test/, and the development kit (devkit/) stays out of the published package: not in
 * package.json's files, not compiled into lib/ (tsconfig.json), not imported by anything that is.
 * Pure file reading.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
/** Every folder of TypeScript outside test/ (examples included: a user copies them). */
const OUTSIDE_TEST = ["provider", "cli", "sdk/nodejs", "emulator", "policy", "bench", "scripts", "devkit", "examples"];

function typeScriptFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.name === "node_modules" || entry.name === "lib" || entry.name === "bin") return [];
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Relative module specifiers of imports, re-exports, require() and import(), resolved to repository paths. */
export function importedPaths(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/\bfrom\s+["']([^"']+)["']/g),
    ...text.matchAll(/\bimport\s+["']([^"']+)["']/g),
    ...text.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) =>
      relative(ROOT, resolve(ROOT, dirname(file), specifier))
        .split("\\")
        .join("/"),
    );
}

const inFolder = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

describe("layering", () => {
  const files = OUTSIDE_TEST.flatMap(typeScriptFiles);

  it("finds the modules it checks", () => {
    expect(files).toContain("scripts/demo.ts");
    expect(files).toContain("bench/run.ts");
    expect(files).toContain("devkit/project.ts");
  });

  it("reads every kind of import", () => {
    const text = `import { a } from "../test/a";\nexport { b } from "./b";\nimport "../c";\nconst d = require("../test/d");\nawait import("../e");`;
    expect(importedPaths("scripts/x.ts", text)).toEqual(["test/a", "scripts/b", "c", "test/d", "e"]);
  });

  it("no module outside test/ imports from test/", () => {
    const offending = files.flatMap((file) =>
      importedPaths(file, readFileSync(join(ROOT, file), "utf8"))
        .filter((path) => inFolder(path, "test"))
        .map((path) => `${file} → ${path}`),
    );
    expect(offending, `these import test code:\n  ${offending.join("\n  ")}`).toEqual([]);
  });

  it("the published package neither ships nor compiles devkit/, and no shipped module imports it", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest.files.filter((entry: string) => inFolder(entry.replace(/\/$/, ""), "devkit"))).toEqual([]);
    const tsconfig = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8"));
    const compiled = (tsconfig.include as string[]).map((pattern) => pattern.replace(/\/\*\*\/\*\.ts$/, ""));
    expect(compiled).toContain("provider");
    expect(compiled.filter((folder) => inFolder(folder, "devkit") || folder.includes("*"))).toEqual([]);
    const offending = compiled.flatMap(typeScriptFiles).flatMap((file) =>
      importedPaths(file, readFileSync(join(ROOT, file), "utf8"))
        .filter(
          (path) =>
            inFolder(path, "devkit") || inFolder(path, "test") || inFolder(path, "scripts") || inFolder(path, "bench"),
        )
        .map((path) => `${file} → ${path}`),
    );
    expect(offending, `shipped modules import tooling:\n  ${offending.join("\n  ")}`).toEqual([]);
  });
});
