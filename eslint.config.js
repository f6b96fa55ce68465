import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", ".react-router/", "node_modules/", "data/", "test-results/", "playwright-report/", "scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["error", "warn"] }],
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    // The command-line tool and the start-up banner talk to the operator on the console.
    files: ["src/cli/**", "src/server/runtime.ts", "scratch/**", "tests/**"],
    rules: { "no-console": "off" },
  },
  {
    // Domain rules stay free of frameworks and storage.
    files: ["src/domain/**"],
    ignores: ["src/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["react*", "hono*", "kysely*", "pg", "@electric-sql/*", "zod", "../services/*", "../persistence/*", "../web/*", "../api/*", "../server/*"] },
      ],
    },
  },
  {
    // Services do not know about HTTP or React.
    files: ["src/services/**"],
    rules: { "no-restricted-imports": ["error", { patterns: ["react*", "hono*", "@hono/*", "../web/*", "../api/*", "../server/*"] }] },
  },
);
