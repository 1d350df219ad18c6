// One linter for the TypeScript sources (typescript-eslint's recommended rules, type-aware where cheap), with
// prettier owning layout (eslint-config-prettier turns off every rule that would fight it). The generated
// SDKs and build output are not ours to lint.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "lib/**",
      "node_modules/**",
      "sdk/python/**",
      "sdk/go/**",
      "examples/**/node_modules/**",
      "**/*.js",
      "**/*.mjs",
      "*.mts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.mts"],
    languageOptions: { parserOptions: { project: "./tsconfig.test.json", tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Type-aware rules that catch real bugs at little cost: an unawaited promise loses its error.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // require() is how this package loads lazily on purpose: @pulumi/pulumi only at the Pulumi boundary (the
      // lifecycle never loads it), the installed provider at call time (the serialized loader), and the
      // vendor's CommonJS libraries that ship no types. Anything else is an import.
      "@typescript-eslint/no-require-imports": [
        "error",
        { allow: ["^@pulumi/pulumi", "^@alicloud/", "^pulumi-alicloud-secure-phone/provider$", "^js-yaml$"] },
      ],
    },
  },
  {
    // The plugin's gRPC wire objects come from generated JavaScript with no types.
    files: ["provider/adapters/plugin/grpcHandlers.ts", "test/adapters/plugin/grpcHandlers.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Tests read state and answers as the engine and the service print them: JSON of any shape.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  prettier,
);
