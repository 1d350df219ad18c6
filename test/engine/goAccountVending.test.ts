import { describePluginProgram } from "./pluginProgramSuite";

/**
 * The Go account-vending example on the provider plugin, with the SDK generated from the schema. The
 * first `go build` of a Pulumi program takes minutes on two cores (done in setup, with the Go host's own
 * flags); Go's build cache keeps later ones short.
 */
describePluginProgram("go-account-vending", { languageHosts: ["pulumi-language-go"], setupTimeoutMs: 600_000 });
