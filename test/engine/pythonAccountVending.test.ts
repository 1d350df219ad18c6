/** The Python account-vending example on the provider plugin, with the SDK generated from the schema. */

import { describePluginProgram } from "./pluginProgramSuite";

describePluginProgram("python-account-vending", {
  languageHosts: ["pulumi-language-python", "pulumi-language-python-exec"],
  setupTimeoutMs: 300_000,
});
