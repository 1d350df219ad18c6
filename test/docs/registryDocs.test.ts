/**
 * The Pulumi Registry's two pages of the package, docs/_index.md and docs/installation-configuration.md, are
 * written from the same sources as the README and the settings docs. These tests hold them to those sources,
 * so neither drifts: the examples are the README's (and `npm run release` runs each), the configuration is
 * docs/settings-and-credentials.md with its links made absolute, every setting of schema.json and every
 * environment variable the provider reads is named, and the versions and the Go module path are the ones a
 * release publishes.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { isAbsolute, linkTargets, repositoryLinkBroken, repositoryOf } from "./markdownLinks";
import { CREDENTIAL_LOOKUP_ORDER } from "../../provider/client/credentials";
import { SETTING_ENVIRONMENT } from "../../provider/contract";

const ROOT = resolve(__dirname, "../..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const manifest = JSON.parse(read("package.json"));
const REPOSITORY = repositoryOf(manifest);
const INDEX = read("docs/_index.md");
const INSTALL = read("docs/installation-configuration.md");
const README = read("README.md");

/** The Hugo front matter's fields (`key: value` lines between the opening `---` and the next). */
function frontMatter(text: string): Record<string, string> {
  const block = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!block) return {};
  return Object.fromEntries(
    block[1]
      .split("\n")
      .filter((line) => /^[a-z_]+:/.test(line))
      .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]),
  );
}

/** The code of the first block in `language` under a `## heading` of a Markdown text. */
function blockUnder(text: string, heading: string, language: string): string {
  const section = text.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? "";
  return new RegExp("^```" + language + "\\n([\\s\\S]*?)^```", "m").exec(section)?.[1] ?? "";
}

/** The code block of a language in _index.md's chooser (`{{% choosable language X %}}`). */
function choosable(language: string): string {
  const part = INDEX.split(`{{% choosable language ${language} %}}`)[1]?.split("{{% /choosable %}}")[0] ?? "";
  return /```[a-z]+\n([\s\S]*?)```/.exec(part)?.[1] ?? "";
}

/** A `## heading`'s text up to the next heading of that level. */
function section(text: string, heading: string, level = "##"): string {
  const start = text.indexOf(`\n${level} ${heading}\n`);
  if (start < 0) return "";
  const body = text.slice(start + heading.length + level.length + 3);
  const end = body.search(new RegExp(`^#{2,${level.length}} `, "m"));
  return (end < 0 ? body : body.slice(0, end)).trim();
}

/** Relative links of docs/ made absolute into the repository, as a page read off the repository needs them. */
function absoluteLinks(text: string): string {
  return text.replace(/\]\((?!https?:|#)([^)\s]+)\)/g, (_, target) => `](${REPOSITORY}/blob/main/docs/${target})`);
}

describe("the Registry's pages", () => {
  it.each([
    ["docs/_index.md", INDEX],
    ["docs/installation-configuration.md", INSTALL],
  ])("%s opens with the Registry's front matter", (_, text) => {
    const fields = frontMatter(text);
    expect(fields.title).toMatch(/^Alibaba Cloud secure phone/);
    expect(fields.meta_desc?.length).toBeGreaterThan(40);
    expect(fields.layout).toBe("package");
  });

  it("_index.md gives an example per language, the README's where it has one", () => {
    const languages = /\{\{< chooser language "([a-z,]+)" >\}\}/.exec(INDEX)?.[1].split(",");
    expect(languages).toEqual(["typescript", "python", "go", "yaml"]);
    expect(choosable("typescript")).toBe(blockUnder(README, "TypeScript", "ts"));
    expect(choosable("python")).toBe(blockUnder(README, "YAML, Python, Go", "python"));
    expect(choosable("yaml")).toContain(blockUnder(README, "YAML, Python, Go", "yaml"));
    const goModule = /^module (\S+)$/m.exec(read("sdk/go/go.mod"))![1];
    expect(choosable("go")).toContain(`"${goModule}/alicloudsecurephone/resourcemanager"`);
    for (const language of languages!) expect(choosable(language).length, language).toBeGreaterThan(100);
  });

  it("installation-configuration.md installs each language, `pulumi package add` included, at the release's version", () => {
    const installation = section(INSTALL, "Installation");
    const { version } = manifest;
    const goModule = /^module (\S+)$/m.exec(read("sdk/go/go.mod"))![1];
    const policy = JSON.parse(read("policy/package.json"));
    for (const text of [
      `npm install ${manifest.name}`,
      "pulumi package add node_modules/pulumi-alicloud-secure-phone/provider/cmd/pulumi-resource-alicloud-secure-phone",
      `alicloud-secure-phone: node_modules/pulumi-alicloud-secure-phone/provider/cmd/pulumi-resource-alicloud-secure-phone`,
      `pulumi plugin install resource alicloud-secure-phone ${version} --file pulumi-resource-alicloud-secure-phone-v${version}.tar.gz`,
      `pip install pulumi_alicloud_secure_phone==${version}`,
      `go get ${goModule}@v${version}`,
      `tag \`sdk/go/v${version}\``,
      `npm install --save-dev ${policy.name}`,
    ])
      expect(installation).toContain(text);
    for (const language of ["TypeScript", "Python", "Go", "YAML"]) expect(installation).toContain(language);
  });

  it("installation-configuration.md's configuration is docs/settings-and-credentials.md's, links made absolute", () => {
    const settings = read("docs/settings-and-credentials.md");
    expect(section(INSTALL, "Settings", "###")).toBe(absoluteLinks(section(settings, "Settings")));
    expect(section(INSTALL, "Credentials", "###")).toBe(absoluteLinks(section(settings, "Credentials")));
  });

  it("names every setting of schema.json and every environment variable the provider reads", () => {
    const configuration = section(INSTALL, "Configuration");
    const schema = JSON.parse(read("provider/cmd/pulumi-resource-alicloud-secure-phone/schema.json"));
    const keys = Object.keys(schema.config.variables);
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) expect(configuration).toMatch(new RegExp("`(alicloud-secure-phone:)?" + key + "`"));
    // Every variable the settings and the credentials read, from the tables the code walks (the provider's other
    // variables are its own handshake's).
    const variables = new Set<string>([
      ...Object.values(SETTING_ENVIRONMENT),
      ...CREDENTIAL_LOOKUP_ORDER.filter((place) => place.from === "env").flatMap((place) =>
        place.kind === "profile" ? [place.name] : [place.id, place.secret, place.token],
      ),
    ]);
    expect(variables.size).toBeGreaterThan(8);
    for (const variable of variables) expect(configuration, variable).toContain(variable);
  });

  it.each([
    ["docs/_index.md", INDEX],
    ["docs/installation-configuration.md", INSTALL],
    // The policy pack's package page on npm: packed from policy/ alone.
    ["policy/README.md", read("policy/README.md")],
  ])("%s links only absolutely into the repository, to what exists (it is served elsewhere)", (_, text) => {
    const targets = linkTargets(text);
    const relative = targets.filter((target) => !isAbsolute(target));
    expect(relative).toEqual([]);
    const broken = targets.flatMap((target) => {
      const reason = repositoryLinkBroken(target, REPOSITORY, ROOT);
      return reason ? [`(${target}) ${reason}`] : [];
    });
    expect(broken).toEqual([]);
  });
});

describe("the install pages agree", () => {
  const { version } = manifest;
  const goModule = /^module (\S+)$/m.exec(read("sdk/go/go.mod"))![1];
  const pages = ["docs/install.md", "docs/plugin-and-sdks.md", "docs/installation-configuration.md"];

  it.each(pages)("%s gives the same routes: npm, packages:, pulumi package add, the tarball, the SDKs", (page) => {
    const text = read(page);
    for (const route of [
      "npm install pulumi-alicloud-secure-phone",
      "packages:",
      "pulumi package add",
      `pulumi plugin install resource alicloud-secure-phone ${version} --file pulumi-resource-alicloud-secure-phone-v${version}.tar.gz`,
      "pip install pulumi_alicloud_secure_phone",
      `go get ${goModule}@v${version}`,
      `sdk/go/v${version}`,
    ])
      expect(text, route).toContain(route);
  });
});
