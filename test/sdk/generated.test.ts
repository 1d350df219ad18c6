/**
 * The checked-in Python and Go SDKs are what `npm run sdk:generate` makes of schema.json at package.json's
 * version: regenerating gives no diff. A change to the schema without regenerating fails here (and CI).
 */

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "secure-phone-sdkgen-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function filesUnder(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(folder, path), readFileSync(path, "utf8"));
    }
  };
  walk(folder);
  return files;
}

/**
 * The SDK files of the repository: those git keeps or would keep, not a local build's leftovers it ignores.
 * Outside a git work tree (a copy of the files, as CI's Node 22 leg runs in) every file is one.
 */
async function sdkFiles(language: string): Promise<Map<string, string>> {
  const folder = join(root, "sdk", language);
  const listed = await promisify(execFile)(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "--", `sdk/${language}`],
    { cwd: root },
  ).catch(() => undefined);
  if (!listed) return filesUnder(folder);
  return new Map(
    listed.stdout
      .split("\n")
      .filter(Boolean)
      .map((path) => [relative(folder, join(root, path)), readFileSync(join(root, path), "utf8")]),
  );
}

describe("the generated SDKs", () => {
  it("are exactly what the generator makes of schema.json, for Python and Go", async () => {
    await promisify(execFile)("bash", [join(root, "scripts/generate-sdks.sh"), scratch], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    for (const language of ["python", "go"]) {
      const fresh = filesUnder(join(scratch, language));
      const checkedIn = await sdkFiles(language);
      expect(fresh.size).toBeGreaterThan(5);
      expect([...checkedIn.keys()].sort()).toEqual([...fresh.keys()].sort());
      for (const [name, content] of fresh)
        expect(checkedIn.get(name), `sdk/${language}/${name} is stale: run npm run sdk:generate`).toBe(content);
    }
  }, 600_000);

  it("carry package.json's version, the one version of every artifact", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(readFileSync(join(root, "sdk/python/pyproject.toml"), "utf8")).toContain(`version = "${version}"`);
    for (const plugin of [
      "sdk/python/pulumi_alicloud_secure_phone/pulumi-plugin.json",
      "sdk/go/alicloudsecurephone/pulumi-plugin.json",
    ]) {
      expect(JSON.parse(readFileSync(join(root, plugin), "utf8"))).toEqual({
        resource: true,
        name: "alicloud-secure-phone",
        version,
      });
    }
  });
});
