/**
 * What schema.json, the one definition of the resource's shape, gives the TypeScript code: the property
 * lists, which are secret, the provider's settings and their environment variables, and the SDK's argument
 * and output types. Rendered here as source text; `npm run generate:contract` writes it
 * (scripts/generate-contract.ts), and test/contract.test.ts fails when the committed files differ from it.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as prettier from "prettier";

export const REPO = resolve(__dirname, "..");
export const SCHEMA_FILE = "provider/cmd/pulumi-resource-alicloud-secure-phone/schema.json";
/** The files this renders, relative to the repository. */
export const PROVIDER_SHAPE_FILE = "provider/shape.generated.ts";
export const SDK_SHAPE_FILE = "sdk/nodejs/shape.generated.ts";

interface PropertySpec {
  type: "string" | "number" | "boolean";
  secret?: boolean;
  description?: string;
}
type Properties = Record<string, PropertySpec>;

export interface Schema {
  name: string;
  config: { variables: Properties };
  provider: { inputProperties: Properties };
  resources: Record<
    string,
    { properties: Properties; required?: string[]; inputProperties: Properties; requiredInputs?: string[] }
  >;
}

/**
 * Where TypeScript accepts fewer values than the schema's `string`: the values the rules accept
 * (provider/contract.ts). The schema carries no enum for them on purpose: one would change the generated
 * Python and Go SDKs' types. A property named here that the schema lacks fails the render.
 */
const NARROWED: Readonly<Record<string, string>> = {
  "SecureMobilePhoneBindingArgs.inheritSecureMobilePhoneFrom": "typeof MANAGEMENT_ACCOUNT",
  "ProviderArgs.site": "Site",
};

/** How a config variable's description names its environment variable: `Environment: NAME.` */
const ENVIRONMENT_NOTE = /Environment: ([A-Z][A-Z0-9_]*)\./g;

export function readSchema(): Schema {
  return JSON.parse(readFileSync(join(REPO, SCHEMA_FILE), "utf8"));
}

/** The two generated files, formatted as the repository formats TypeScript: path → text. */
export async function renderContract(schema: Schema): Promise<Record<string, string>> {
  const files = { [PROVIDER_SHAPE_FILE]: providerShape(schema), [SDK_SHAPE_FILE]: sdkShape(schema) };
  const argsOf: Record<string, Properties> = {
    SecureMobilePhoneBindingArgs: binding(schema).resource.inputProperties,
    ProviderArgs: schema.provider.inputProperties,
  };
  const missing = Object.keys(NARROWED).filter((key) => {
    const [owner, name] = key.split(".") as [string, string];
    return !argsOf[owner]?.[name];
  });
  if (missing.length > 0) throw new Error(`schema.json has no property ${missing.join(", ")}`);
  const formatted: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    const options = (await prettier.resolveConfig(join(REPO, path))) ?? {};
    formatted[path] = await prettier.format(text, { ...options, filepath: join(REPO, path) });
  }
  return formatted;
}

/** The one resource of the schema: its type token and its spec. */
function binding(schema: Schema) {
  const tokens = Object.keys(schema.resources);
  if (tokens.length !== 1) throw new Error(`schema.json declares ${tokens.length} resources; the contract knows one`);
  const token = tokens[0]!;
  return { token, resource: schema.resources[token]! };
}

const HEADER = (what: string) =>
  `/**\n * ${what}\n * Generated from schema.json by \`npm run generate:contract\` (scripts/renderContract.ts): do not edit;\n` +
  ` * test/contract.test.ts fails when it differs from the schema.\n */\n`;

/**
 * A list of names, on one line: prettier would put one name a line, and the lists would read as repeats of
 * each other (the `duplicates` check).
 */
function constList(name: string, names: readonly string[]): string {
  const line = `export const ${name} = [${names.map((each) => JSON.stringify(each)).join(", ")}] as const;\n`;
  return line.length > 121 ? `// prettier-ignore\n${line}` : line;
}
const secretsOf = (properties: Properties) =>
  Object.entries(properties)
    .filter(([, spec]) => spec.secret)
    .map(([name]) => name);
/** A property's description as a doc comment, wrapped at the repository's width. */
function doc(spec: PropertySpec): string {
  if (!spec.description) return "";
  const lines: string[] = [];
  for (const paragraph of spec.description.replace(/\*\//g, "*\\/").split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      if (line && line.length + word.length + 1 > DOC_WIDTH) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return `  /**\n${lines.map((line) => (line ? `   * ${line}\n` : "   *\n")).join("")}   */\n`;
}
const DOC_WIDTH = 110;

function providerShape(schema: Schema): string {
  const { token, resource } = binding(schema);
  const settings = schema.config.variables;
  const settingNames = Object.keys(settings);
  if (JSON.stringify(settingNames) !== JSON.stringify(Object.keys(schema.provider.inputProperties))) {
    throw new Error("schema.json: config.variables and provider.inputProperties must name the same settings");
  }
  const environment = Object.entries(settings).flatMap(([name, spec]) =>
    [...(spec.description ?? "").matchAll(ENVIRONMENT_NOTE)].map((match) => `  ${name}: "${match[1]}",\n`),
  );
  const fields = (properties: Properties, required: readonly string[], type: (spec: PropertySpec) => string) =>
    Object.entries(properties)
      .map(([name, spec]) => `  ${name}${required.includes(name) ? "" : "?"}: ${type(spec)};\n`)
      .join("");
  const required = resource.required ?? [];
  return (
    HEADER("The resource's shape and the provider's settings as schema.json declares them (see contract.ts).") +
    `\n/** The provider's name, and the namespace of its stack config. */\n` +
    `export const PACKAGE_NAME = ${JSON.stringify(schema.name)};\n` +
    `/** The binding's type token as the provider plugin serves it. */\n` +
    `export const PLUGIN_BINDING_TYPE = ${JSON.stringify(token)};\n` +
    `/** The same resource as the Node SDK's dynamic resource (pulumi-nodejs:dynamic/<module>:<name>). */\n` +
    `export const DYNAMIC_BINDING_TYPE = ${JSON.stringify(`pulumi-nodejs:dynamic/${token.slice(schema.name.length + 1)}`)};\n\n` +
    `/** The binding's inputs, in the schema's order. */\n` +
    constList("BINDING_INPUTS", Object.keys(resource.inputProperties)) +
    constList("BINDING_REQUIRED_INPUTS", resource.requiredInputs ?? []) +
    constList("BINDING_SECRET_INPUTS", secretsOf(resource.inputProperties)) +
    `/** The binding's outputs, in the schema's order. */\n` +
    constList("BINDING_OUTPUTS", Object.keys(resource.properties)) +
    constList("BINDING_REQUIRED_OUTPUTS", required) +
    constList("BINDING_SECRET_OUTPUTS", secretsOf(resource.properties)) +
    "\n" +
    `/** Every setting under \`${schema.name}:\`: the plugin's config and an explicit provider's arguments. */\n` +
    constList("PROVIDER_CONFIG_KEYS", settingNames) +
    constList("SECRET_PROVIDER_CONFIG_KEYS", secretsOf(settings)) +
    `export type ProviderConfigKey = (typeof PROVIDER_CONFIG_KEYS)[number];\n` +
    `/** The environment variable of each setting that has one (its description says \`Environment: NAME.\`). */\n` +
    `export const SETTING_ENVIRONMENT = {\n${environment.join("")}} as const satisfies Partial<Record<ProviderConfigKey, string>>;\n\n` +
    `/** The binding's inputs as a provider is handed them: any value, until rules/check.ts has judged it. */\n` +
    `export interface BindingInputFields {\n${fields(resource.inputProperties, [], () => "unknown")}}\n\n` +
    `/** The binding's inputs once judged (rules/check.ts parses them into this, with UNKNOWN for unknowns). */\n` +
    `export interface BindingInputValues {\n${fields(resource.inputProperties, resource.requiredInputs ?? [], (spec) => spec.type)}}\n\n` +
    `/** The binding's outputs, secrets unwrapped (documented in sdk/nodejs/shape.generated.ts). */\n` +
    `export interface BindingOutputFields {\n${fields(resource.properties, required, (spec) => spec.type)}}\n`
  );
}

function sdkShape(schema: Schema): string {
  const { resource } = binding(schema);
  const input = (owner: string) => (name: string, spec: PropertySpec) =>
    `pulumi.Input<${NARROWED[`${owner}.${name}`] ?? spec.type}>`;
  const fields = (
    properties: Properties,
    required: readonly string[],
    type: (name: string, spec: PropertySpec) => string,
    prefix = "",
  ) =>
    Object.entries(properties)
      .map(
        ([name, spec]) =>
          `${doc(spec)}  ${prefix}${name}${required.includes(name) || prefix ? "" : "?"}: ${type(name, spec)};\n`,
      )
      .join("");
  const required = resource.required ?? [];
  const output = (name: string, spec: PropertySpec) =>
    `pulumi.Output<${spec.type}${required.includes(name) ? "" : " | undefined"}>`;
  return (
    HEADER("The TypeScript shapes of the binding classes and the plugin's explicit Provider, from schema.json.") +
    `import * as pulumi from "@pulumi/pulumi";\n` +
    `import type { MANAGEMENT_ACCOUNT, Site } from "../../provider/contract";\n\n` +
    `/** The arguments of a SecureMobilePhoneBinding, the dynamic resource's and the plugin's alike. */\n` +
    `export interface SecureMobilePhoneBindingArgs {\n${fields(resource.inputProperties, resource.requiredInputs ?? [], input("SecureMobilePhoneBindingArgs"))}}\n\n` +
    `/** The outputs both binding classes declare. */\n` +
    `export abstract class BindingOutputProperties extends pulumi.CustomResource {\n${fields(resource.properties, required, output, "declare readonly ")}}\n\n` +
    `/** Settings of an explicit provider: the same keys as \`${schema.name}:*\` stack config. */\n` +
    `export interface ProviderArgs {\n${fields(schema.provider.inputProperties, [], input("ProviderArgs"))}}\n`
  );
}
