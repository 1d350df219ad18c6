/**
 * The README as npm ships it: a user reads it on the registry's page, in node_modules or in the unpacked
 * tarball, where no docs/ or examples/ folder sits beside it. This test packs the package (`npm pack`, as a
 * release does), reads README.md out of the tarball and checks that every link resolves there: a link to the
 * repository (package.json's `repository`, `/blob/main/<path>` or `/tree/main/<path>`) names a file or folder
 * the repository has at that path (and a heading for its #anchor), a relative link a file the tarball ships,
 * an #anchor a heading of the README itself. It also checks the packed manifest names the repository.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, normalize, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorsOf, isAbsolute, linkTargets, repositoryLinkBroken, repositoryOf } from "./markdownLinks";

const ROOT = resolve(__dirname, "../..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
/** The repository's web address, from package.json (`git+https://…/owner/name.git`). */
const REPOSITORY = repositoryOf(manifest);

describe("the packed README (npm pack)", () => {
  let scratch: string;
  let shipped: Set<string>;
  let readme: string;
  let packedManifest: Record<string, unknown>;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "secure-phone-packed-readme-"));
    // --ignore-scripts: no build (prepack); the README and the manifest do not depend on lib/.
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      }),
    )[0] as { filename: string; files: { path: string }[] };
    shipped = new Set(packed.files.map((file) => file.path));
    execFileSync("tar", [
      "-xzf",
      join(scratch, packed.filename),
      "-C",
      scratch,
      "package/README.md",
      "package/package.json",
    ]);
    readme = readFileSync(join(scratch, "package", "README.md"), "utf8");
    packedManifest = JSON.parse(readFileSync(join(scratch, "package", "package.json"), "utf8"));
  }, 60_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("names the repository, its homepage and where to report bugs", () => {
    expect(REPOSITORY).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(packedManifest.repository).toEqual({ type: "git", url: `git+${REPOSITORY}.git` });
    expect(packedManifest.homepage).toBe(`${REPOSITORY}#readme`);
    expect(packedManifest.bugs).toEqual({ url: `${REPOSITORY}/issues` });
    expect(packedManifest.keywords).toEqual(expect.arrayContaining(["pulumi", "alicloud", "resource-directory"]));
    // The policy pack is a package of its own: the main one neither ships it nor depends on @pulumi/policy.
    expect(Object.keys(packedManifest.dependencies as object)).not.toContain("@pulumi/policy");
    expect([...shipped].filter((path) => path.startsWith("policy/"))).toEqual([]);
  });

  it("has links, and every one resolves where the packed README is read", () => {
    const targets = linkTargets(readme);
    expect(targets.length).toBeGreaterThan(20);
    const broken = targets.flatMap((target) => {
      const reason = brokenBecause(target);
      return reason ? [`(${target}) ${reason}`] : [];
    });
    expect(broken).toEqual([]);
  });

  /** What is wrong with a link of the packed README, or undefined when it resolves. */
  function brokenBecause(target: string): string | undefined {
    const [path, anchor] = target.split("#", 2);
    if (path === "") return anchorsOf(readme).has(anchor) ? undefined : `the README has no heading for #${anchor}`;
    if (isAbsolute(path)) return repositoryLinkBroken(target, REPOSITORY, ROOT);
    // Relative: resolved against the unpacked package, so only what the tarball ships.
    const packed = normalize(path);
    if (!shipped.has(packed)) return `the tarball does not ship ${packed}`;
    if (anchor && packed.endsWith(".md") && !anchorsOf(readFileSync(join(ROOT, packed), "utf8")).has(anchor))
      return `${packed} has no heading for #${anchor}`;
    return undefined;
  }
});
