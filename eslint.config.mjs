// The lint gate (`npm run lint`, first step of `npm test`): type-aware rules from
// typescript-eslint, the React hooks rules and Next's own rules. README "Lint and format" says why.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import stylistic from "@stylistic/eslint-plugin";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // Generated or build output only; everything written by hand is linted.
  { ignores: [".next/", "node_modules/", "db/migrations/meta/", "coverage/", "test-results/", "playwright-report/", ".data/", "next-env.d.ts"] },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // One TypeScript program per tsconfig, as the editor has it. The plain .mjs/.js files
        // (server start, PGlite owner, next.config) are outside tsconfig.json (allowJs is off),
        // so they get the default project: still typed enough to catch a floating promise.
        projectService: { allowDefaultProject: ["*.js", "*.mjs", "db/*.mjs", "lib/*.mjs", "lib/http/*.mjs", "scripts/*.mjs", "tests/*.mjs"], maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16 },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // The type gate is `tsc --noEmit` with strict on; these rules would add a second, stricter
      // one over `any` that the code uses deliberately at library seams (react-hook-form's
      // UseFormReturn<any>, JSON bodies in tests, the untyped .mjs start-up files). Typing all
      // of that is its own piece of work, not a lint gate's.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      // Flags String(x) where x is a JSON value from a jsonb column or form state that TypeScript
      // narrows to {}: scalars all, whose type is no better known than with no-unsafe-* above.
      "@typescript-eslint/no-base-to-string": "off",
      // An async function without await is how this code fulfils interfaces that expect a promise
      // (an operation's run, next-auth's callbacks, Next's headers()), and it turns a throw into
      // a rejection, which is what the callers handle.
      "@typescript-eslint/require-await": "off",
      // The house style names what a destructuring leaves out with a leading underscore.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
      // A promise-returning handler in a JSX attribute (onSubmit={form.handleSubmit(save)}) is
      // what React and react-hook-form expect; the promise-in-a-condition and the async callback
      // handed to setTimeout/setInterval/events stay errors.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
  {
    files: ["**/*.tsx"],
    languageOptions: { globals: { ...globals.browser } },
  },
  reactHooks.configs.flat["recommended-latest"],
  {
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
  // The format gate: the layout the code is written in, checked rather than rewritten (README
  // "Lint and format" says why not Prettier). Line length and indentation are left to the
  // writer: long one-line guards and aligned tables are deliberate.
  {
    plugins: { "@stylistic": stylistic },
    rules: {
      "@stylistic/quotes": ["error", "double", { avoidEscape: true, allowTemplateLiterals: "always" }],
      "@stylistic/jsx-quotes": ["error", "prefer-double"],
      "@stylistic/semi": ["error", "always"],
      "@stylistic/semi-spacing": "error",
      "@stylistic/member-delimiter-style": "error",
      "@stylistic/comma-dangle": ["error", "always-multiline"],
      "@stylistic/comma-spacing": "error",
      "@stylistic/key-spacing": "error",
      "@stylistic/keyword-spacing": "error",
      "@stylistic/space-infix-ops": "error",
      "@stylistic/space-before-blocks": "error",
      "@stylistic/space-in-parens": "error",
      "@stylistic/arrow-spacing": "error",
      "@stylistic/type-annotation-spacing": "error",
      "@stylistic/brace-style": ["error", "1tbs", { allowSingleLine: true }],
      "@stylistic/no-tabs": "error",
      "@stylistic/no-trailing-spaces": "error",
      "@stylistic/no-multiple-empty-lines": ["error", { max: 1 }],
      "@stylistic/eol-last": "error",
    },
  },
);
