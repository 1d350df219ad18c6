#!/usr/bin/env node
/**
 * pulumi-resource-alicloud-secure-phone: the provider plugin, for programs in any Pulumi language
 * (YAML, Python, Go, ...). The engine starts it with its own address as the first argument. The
 * schema beside this file is the one definition of the resource's shape.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PluginProvider } from "../../adapters/plugin/pluginProvider";
import { serve } from "../../adapters/plugin/serve";

// Compiled to lib/provider/cmd/<name>/main.js; the package root is four folders up. The schema is served
// from its place in the package, stamped with package.json's version as the SDK generator stamps it (a
// schema that supports packing must name its version).
const packageRoot = join(__dirname, "../../../..");
const { version } = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string };
const schemaFile = JSON.parse(
  readFileSync(join(packageRoot, "provider/cmd/pulumi-resource-alicloud-secure-phone/schema.json"), "utf8"),
);
const schema = JSON.stringify({ ...schemaFile, version });

serve(new PluginProvider(version, schema), process.argv.slice(2)).catch((error: Error) => {
  console.error(`pulumi-resource-alicloud-secure-phone: ${error.message}`);
  process.exit(1);
});
