/**
 * The layers of provider/ don't reach sideways (issue 20): no module of provider/ imports itself back
 * through others (an import-graph walk over the source text, type-only imports included), and the Node
 * SDK imports from provider/ only the contract (provider/contract.ts). Pure file reading.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..");

function typeScriptFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every relative module a file names: import and export ... from, import type, and require(). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

function relativeImports(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => match[1]!);
}

/** The file a relative specifier names (x.ts or x/index.ts), relative to the root; undefined outside .ts. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = join(dirname(join(ROOT, from)), specifier);
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
    if (existsSync(candidate)) return relative(ROOT, candidate).split("\\").join("/");
  }
  return undefined;
}

/** The import graph of the files under `folder`: file → the files of that folder it imports. */
function importGraph(folder: string): Map<string, string[]> {
  const files = typeScriptFiles(folder);
  return new Map(
    files.map((file) => [
      file,
      relativeImports(readFileSync(join(ROOT, file), "utf8"))
        .map((specifier) => resolveImport(file, specifier))
        .filter((target): target is string => target !== undefined && files.includes(target)),
    ]),
  );
}

/** Every cycle found by a depth-first walk, each as the path that closes it (a → b → a). */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe("layers", () => {
  const graph = importGraph("provider");

  it("walks the provider's modules and their imports", () => {
    expect(graph.size).toBeGreaterThan(30);
    expect(graph.get("provider/client/rpc.ts")).toContain("provider/client/credentials.ts");
    expect(graph.get("provider/settings.ts")).toContain("provider/client/credentials.ts");
  });

  it("finds a cycle where there is one, and reads every form of import", () => {
    const cycle = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(cyclesOf(cycle)).toEqual([["a", "b", "c", "a"]]);
    expect(
      cyclesOf(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
    const text = `import { x } from "./x";\nimport type { Y } from "../y";\nexport * from "./z";\nconst w = require("./w");\nimport "node:fs";`;
    expect(relativeImports(text)).toEqual(["./x", "../y", "./z", "./w"]);
  });

  it("has no import cycle in provider/", () => {
    const cycles = cyclesOf(graph).map((cycle) => cycle.join(" → "));
    expect(cycles, `import cycles:\n  ${cycles.join("\n  ")}`).toEqual([]);
  });

  it("credentials live in one module of the client", () => {
    const credentialModules = typeScriptFiles("provider").filter((file) =>
      /export (const|function|class) (CREDENTIAL_LOOKUP_ORDER|resolveCredentialSettings|credentialsSourceFor|CredentialsUnavailableError)\b/.test(
        readFileSync(join(ROOT, file), "utf8"),
      ),
    );
    expect(credentialModules).toEqual(["provider/client/credentials.ts"]);
  });

  it("the Node SDK imports from provider/ only the contract", () => {
    const reached = typeScriptFiles("sdk/nodejs").flatMap((file) =>
      relativeImports(readFileSync(join(ROOT, file), "utf8"))
        .map((specifier) => resolveImport(file, specifier))
        .filter((target): target is string => target?.startsWith("provider/") ?? false),
    );
    expect(reached.length).toBeGreaterThan(0);
    expect([...new Set(reached)]).toEqual(["provider/contract.ts"]);
  });
});
