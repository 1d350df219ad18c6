/**
 * How the docs tests read Markdown: the prose outside code blocks, the anchors GitHub gives headings, and the
 * links. Shared by the repository's docs check (readme.test.ts), the packed README's (packedReadme.test.ts) and
 * the Registry pages' (registryDocs.test.ts).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, normalize } from "node:path";

/** The text outside fenced code blocks, line for line (code lines blanked), so links in code are not read. */
export function prose(text: string): string {
  let fenced = false;
  return text
    .split("\n")
    .map((line) => {
      if (/^\s*```/.test(line)) {
        fenced = !fenced;
        return "";
      }
      return fenced ? "" : line;
    })
    .join("\n");
}

/** GitHub's heading anchors: lower case, punctuation dropped (backticks too), spaces to hyphens. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of prose(text).split("\n")) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    anchors.add(
      heading[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-"),
    );
  }
  return anchors;
}

/** Every inline link target in the prose (`[text](target)`), absolute or relative, in order. */
export function linkTargets(text: string): string[] {
  return [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
}

/** Whether a link target is absolute (https:, mailto:, ...). */
export function isAbsolute(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

/**
 * What is wrong with an absolute link into the repository (`<repository>/blob/main/<path>` for a file,
 * `/tree/main/<path>` for a folder, with an optional #anchor), checked against the clone at `root`; undefined
 * when it resolves, or when it points elsewhere.
 */
export function repositoryLinkBroken(target: string, repository: string, root: string): string | undefined {
  const [path, anchor] = target.split("#", 2);
  if (!path.startsWith(`${repository}/`)) return undefined; // another site: not the package's to check
  const inRepository = /^\/(blob|tree)\/main\/(.+)$/.exec(path.slice(repository.length));
  if (!inRepository) return "is a repository link, but not to /blob/main/<path> or /tree/main/<path>";
  const file = join(root, normalize(inRepository[2]));
  if (!existsSync(file)) return `the repository has no ${inRepository[2]}`;
  if ((inRepository[1] === "tree") !== statSync(file).isDirectory())
    return `${inRepository[2]}: /blob/ is for files, /tree/ for folders`;
  if (anchor && file.endsWith(".md") && !anchorsOf(readFileSync(file, "utf8")).has(anchor))
    return `${inRepository[2]} has no heading for #${anchor}`;
  return undefined;
}

/** The repository's web address from a package.json (`git+https://…/owner/name.git`). */
export function repositoryOf(manifest: { repository?: { url?: string } }): string {
  return String(manifest.repository?.url ?? "")
    .replace(/^git\+/, "")
    .replace(/\.git$/, "");
}
