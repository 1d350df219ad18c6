/**
 * The emulator is a kit of its own (issue 13 item 4): it ships in lib/emulator, so nothing in emulator/
 * may import from test/ or from a development dependency, and the package's bin and `./emulator` export
 * must name files the build makes.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const KIT = join(ROOT, "emulator");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  bin: Record<string, string>;
  exports: Record<string, { types: string; default: string }>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(spec: string): string {
  return spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");
}

describe("the emulator kit", () => {
  it("imports only itself, the package's own sources, Node and runtime dependencies", () => {
    const wrong: string[] = [];
    for (const file of sources(KIT)) {
      for (const [, spec] of readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)) {
        if (spec.startsWith(".")) {
          const target = relative(ROOT, resolve(dirname(file), spec));
          if (!/^(emulator|cli|provider)\//.test(target)) wrong.push(`${relative(ROOT, file)} -> ${target}`);
        } else if (!spec.startsWith("node:") && !(packageOf(spec) in manifest.dependencies)) {
          wrong.push(`${relative(ROOT, file)} -> ${spec}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("ships as a bin and the ./emulator export, and npm run emulator runs it from emulator/", () => {
    expect(manifest.bin["alicloud-secure-phone-emulator"]).toBe("lib/emulator/main.js");
    expect(manifest.exports["./emulator"]).toEqual({
      types: "./lib/emulator/index.d.ts",
      default: "./lib/emulator/index.js",
    });
    expect(manifest.scripts.emulator).toBe("tsx emulator/main.ts");
    expect(readFileSync(join(KIT, "main.ts"), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    for (const built of ["lib/emulator/main.js", "lib/emulator/index.js", "lib/emulator/index.d.ts"]) {
      expect(existsSync(join(ROOT, built)), `${built} (run npm run build)`).toBe(true);
    }
  });
});
