/**
 * How the docs tests read Markdown: the prose outside code blocks, the anchors GitHub gives headings, and the
 * links. Shared by the repository's docs check (readme.test.ts) and the packed README's (packedReadme.test.ts).
 */

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
