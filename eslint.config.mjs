// One linter for the TypeScript sources (typescript-eslint's recommended rules, type-aware where cheap), with
// prettier owning layout (eslint-config-prettier turns off every rule that would fight it). The generated
// SDKs and build output are not ours to lint.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["lib/**", "node_modules/**", "sdk/python/**", "sdk/go/**", "examples/**/node_modules/**", "**/*.js", "**/*.mjs", "*.mts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.mts"],
    languageOptions: { parserOptions: { project: "./tsconfig.test.json", tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Type-aware rules that catch real bugs at little cost: an unawaited promise loses its error.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  prettier,
);
