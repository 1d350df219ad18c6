/**
 * schema.json is the one definition of the resource's shape for every language; the TypeScript types are
 * generated from it (scripts/renderContract.ts; test/contract.test.ts keeps the files current). These tests
 * read both (the types through the TypeScript compiler) and fail on any difference: a property, whether it
 * is required, its type, or whether it is secret.
 */

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PROVIDER_CONFIG_KEYS, SECRET_PROVIDER_CONFIG_KEYS } from "../../provider/settings";
import { PLUGIN_BINDING_TYPE as BINDING_TYPE } from "../../provider/typeTokens";

const root = resolve(__dirname, "../..");
const schema = JSON.parse(
  readFileSync(join(root, "provider/cmd/pulumi-resource-alicloud-secure-phone/schema.json"), "utf8"),
);
const resource = schema.resources[BINDING_TYPE];

type Shape = Record<string, { type: string; required: boolean }>;

const program = ts.createProgram([join(root, "sdk/nodejs/index.ts"), join(root, "provider/rules/inputs.ts")], {
  strict: true,
  skipLibCheck: true,
});

/** An interface's or a class's properties: name, required, and the type with Input/Output/undefined peeled off. */
function shapeOf(file: string, name: string): Shape {
  const source = program.getSourceFile(join(root, file))!;
  const declaration = source.statements.find(
    (node): node is ts.InterfaceDeclaration | ts.ClassDeclaration =>
      (ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) && node.name?.text === name,
  )!;
  const shape: Shape = {};
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member) && !ts.isPropertyDeclaration(member)) continue;
    // A computed name is [PROVIDER_KEY], the dynamic provider's own property, not part of the schema.
    if (!ts.isIdentifier(member.name)) continue;
    const property = member.name.text;
    const text = member.type!.getText(source);
    const inner = /^pulumi\.(?:Input|Output)<(.+)>$/.exec(text)?.[1] ?? text;
    const optional = !!member.questionToken || /\|\s*undefined/.test(inner);
    const base = inner.replace(/\s*\|\s*undefined/, "").trim();
    shape[property] = {
      type: ["boolean", "number"].includes(base) ? base : base === "unknown" ? "any" : "string",
      required: !optional,
    };
  }
  return shape;
}

function shapeOfSchema(properties: Record<string, { type: string }>, required: string[]): Shape {
  return Object.fromEntries(
    Object.entries(properties).map(([name, p]) => [name, { type: p.type, required: required.includes(name) }]),
  );
}

const secretNames = (properties: Record<string, { secret?: boolean }>) =>
  Object.entries(properties)
    .filter(([, p]) => p.secret)
    .map(([name]) => name)
    .sort();

describe("schema.json and the TypeScript types agree", () => {
  it("on the inputs: SecureMobilePhoneBindingArgs, for the dynamic resource and the plugin's class alike", () => {
    expect(shapeOf("sdk/nodejs/shape.generated.ts", "SecureMobilePhoneBindingArgs")).toEqual(
      shapeOfSchema(resource.inputProperties, resource.requiredInputs),
    );
  });

  it("on the outputs: BindingOutputs, and the properties the resource classes declare", () => {
    const outputs = shapeOfSchema(resource.properties, resource.required);
    // BindingOutputs (provider/rules/inputs.ts) extends these fields by the dynamic provider's own property only.
    expect(shapeOf("provider/shape.generated.ts", "BindingOutputFields")).toEqual(outputs);
    // Both classes (dynamic and plugin) declare them through this base class of BindingResource.
    expect(shapeOf("sdk/nodejs/shape.generated.ts", "BindingOutputProperties")).toEqual(outputs);
  });

  it("on the inputs the lifecycle reads (BindingInputs)", () => {
    // BindingInputs (provider/rules/inputs.ts) extends these fields by the dynamic provider's own property only.
    expect(Object.keys(shapeOf("provider/shape.generated.ts", "BindingInputFields")).sort()).toEqual(
      Object.keys(resource.inputProperties).sort(),
    );
  });

  it("on which properties are secret: the number, the code and the shown number, never the masked number", () => {
    expect(secretNames(resource.inputProperties)).toEqual(["secureMobilePhone", "verificationCode"]);
    expect(secretNames(resource.properties)).toEqual(["boundSecureMobilePhone", "secureMobilePhone"]);
  });

  it("on the provider's settings: stack config keys, explicit Provider arguments, and the secret ones", () => {
    expect(Object.keys(schema.config.variables).sort()).toEqual([...PROVIDER_CONFIG_KEYS].sort());
    expect(Object.keys(schema.provider.inputProperties).sort()).toEqual([...PROVIDER_CONFIG_KEYS].sort());
    expect(Object.keys(shapeOf("sdk/nodejs/shape.generated.ts", "ProviderArgs")).sort()).toEqual(
      [...PROVIDER_CONFIG_KEYS].sort(),
    );
    expect(secretNames(schema.config.variables)).toEqual([...SECRET_PROVIDER_CONFIG_KEYS].sort());
    expect(secretNames(schema.provider.inputProperties)).toEqual([...SECRET_PROVIDER_CONFIG_KEYS].sort());
  });
});
