/**
 * The emulator is a kit of its own (issue 13 item 4, issue 21 item 5): it ships in lib/emulator, so nothing in
 * emulator/ may import from test/ or from a development dependency, nor from provider/ or cli/ (an emulator that
 * shares its rules with its client cannot catch that client's mistakes); the package's bin and `./emulator` export
 * must name files the build makes, and that entry exports only what docs/emulator.md documents.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskPhone } from "../../provider/rules/phone";
import { maskForSms } from "../../emulator/internal";

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
  it("imports only itself, Node and runtime dependencies: nothing of provider/, cli/ or test/", () => {
    const wrong: string[] = [];
    for (const file of sources(KIT)) {
      for (const [, spec] of readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)) {
        if (spec.startsWith(".")) {
          const target = relative(ROOT, resolve(dirname(file), spec));
          if (!/^emulator\//.test(target)) wrong.push(`${relative(ROOT, file)} -> ${target}`);
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

describe("the published entry, pulumi-alicloud-secure-phone/emulator", () => {
  /** What a user's tests need, each documented in docs/emulator.md: start, members, the fake key, codes, shown numbers. */
  const PUBLIC = [
    "SHOW_PHONE_MODES",
    "environmentFor",
    "fixtureAccounts",
    "fixtureKeys",
    "fixturePhones",
    "shownPhone",
    "startEmulator",
  ];

  it("exports only the documented names; the internal barrel is not a package export", async () => {
    const entry = (await import(join(ROOT, "lib", "emulator", "index.js"))) as Record<string, unknown>;
    expect(
      Object.keys(entry)
        .filter((name) => name !== "__esModule" && name !== "default")
        .sort(),
    ).toEqual(PUBLIC);
    expect(Object.keys(manifest.exports).filter((path) => path.includes("emulator"))).toEqual(["./emulator"]);
    const docs = readFileSync(join(ROOT, "docs", "emulator.md"), "utf8");
    const running = readFileSync(join(KIT, "emulator.ts"), "utf8");
    for (const name of PUBLIC) expect(docs, `docs/emulator.md names ${name}`).toContain(name);
    // The running emulator's members and fault switches, as the docs list them.
    for (const member of [
      "url",
      "directory",
      "codes",
      "calls",
      "faults",
      "held",
      "rateLimit",
      "setShowPhone",
      "close",
    ]) {
      expect(running).toMatch(new RegExp(`\\b${member}\\b`));
      expect(docs, `docs/emulator.md names ${member}`).toContain(`\`${member}`);
    }
  });
});

describe("the kit's own rules", () => {
  it("masks a number in its SMS lines in the pattern the CLI prints, by a rule of its own", () => {
    const phone = fc
      .tuple(fc.integer({ min: 1, max: 999 }), fc.stringMatching(/^\d{4,12}$/))
      .map(([country, number]) => `${country}-${number}`);
    fc.assert(fc.property(phone, (p) => maskForSms(p) === maskPhone(p)));
    expect(maskForSms("1-6505550100")).toBe("1-650****0100");
    expect(maskForSms("not a number")).toBe("<hidden: not a valid number>");
  });
});
