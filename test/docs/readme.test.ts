/**
 * The README is the first thing a user reads, and docs/ holds the rest: these tests keep the README short
 * and opening with the two commands a new user runs, and keep every relative link (and its #anchor) in the
 * README, CONTRIBUTING.md and docs/*.md pointing at something that exists, so a moved page or a renamed
 * heading fails here instead of in front of a user.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { anchorsOf, isAbsolute, linkTargets } from "./markdownLinks";

const ROOT = resolve(__dirname, "../..");
const README = join(ROOT, "README.md");
const MAX_README_LINES = 150;

const DOC_FILES = [
  README,
  join(ROOT, "CONTRIBUTING.md"),
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(ROOT, "docs", name)),
];

interface Link {
  file: string;
  target: string;
}

function relativeLinks(file: string): Link[] {
  return linkTargets(readFileSync(file, "utf8"))
    .filter((target) => !isAbsolute(target)) // https:, mailto:
    .map((target) => ({ file, target }));
}

/** What is wrong with a link, or undefined when it resolves. */
function brokenBecause({ file, target }: Link): string | undefined {
  const [path, anchor] = target.split("#", 2);
  const resolved = path === "" ? file : resolve(dirname(file), path);
  const fromRoot = relative(ROOT, resolved);
  if (!existsSync(resolved)) return `${fromRoot} does not exist`;
  if (anchor && resolved.endsWith(".md") && !anchorsOf(readFileSync(resolved, "utf8")).has(anchor)) {
    return `${fromRoot} has no heading for #${anchor}`;
  }
  return undefined;
}

describe("README", () => {
  const text = readFileSync(README, "utf8");

  it(`is at most ${MAX_README_LINES} lines`, () => {
    expect(text.trimEnd().split("\n").length).toBeLessThanOrEqual(MAX_README_LINES);
  });

  it("opens with the two commands: the main job on the emulator, and the tests", () => {
    const lines = text.split("\n");
    // The title, then at once the first code block.
    expect(lines[0]).toMatch(/^# /);
    const firstBlock = /^#[^\n]*\n+```sh\n([\s\S]*?)\n```/.exec(text);
    expect(firstBlock, "the README's first block after the title is a sh code block").not.toBeNull();
    const commands = firstBlock![1].split("\n").map((line) => line.replace(/#.*$/, "").trim());
    expect(commands).toContain("npm ci && npm run demo");
    expect(commands).toContain("npm test");
  });

  it("runs scripts that package.json has", () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts);
    for (const [, script] of text.matchAll(/npm run ([a-z:]+)/g)) expect(scripts).toContain(script);
  });
});

describe("user docs", () => {
  it("do not speak of the machines they were measured on", () => {
    const userDocs = DOC_FILES.filter((file) => file !== join(ROOT, "CONTRIBUTING.md"));
    for (const file of userDocs) {
      const text = readFileSync(file, "utf8");
      expect(text, relative(ROOT, file)).not.toMatch(/measured here|these machines|the machines'|trying it here/i);
    }
  });
});

describe("relative links in README.md, CONTRIBUTING.md and docs/", () => {
  const links = DOC_FILES.flatMap(relativeLinks);

  it("are found (the check reads something)", () => {
    expect(links.length).toBeGreaterThan(20);
  });

  it("point at files and headings that exist", () => {
    const broken = links.flatMap((link) => {
      const reason = brokenBecause(link);
      return reason ? [`${relative(ROOT, link.file)}: (${link.target}) ${reason}`] : [];
    });
    expect(broken).toEqual([]);
  });
});
