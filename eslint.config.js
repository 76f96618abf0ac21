// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronOnly = {
  paths: [
    { name: 'electron', message: 'Only main/app/ and preload/ may import electron: everything else runs in plain Node.' },
    { name: 'electron-store', message: 'electron-store imports electron; plain-Node code uses conf.' },
  ],
};

/** Services sit below the IPC layer and the shells (DESIGN.md "Data flow"): they never reach up. */
const servicesStayBelow = {
  patterns: [
    { group: ['**/ipc/**', '../ipc/*', '**/app/**', '**/browser-shell/**', '**/launch/**', '**/core/**', '**/app-core.js'], message: 'Services (auth, outbox, store, emr) never import the IPC layer, the core or a shell: they publish through their own listeners.' },
    { group: ['**/profiles/**'], message: 'Clinic profiles are put together from the services’ own settings: a service reads the slice it is handed (e.g. FhirProfile), never the whole profile module.' },
  ],
};
const noSandbox = {
  group: ['**/sandbox/**'],
  message: 'The sandbox is a dev-only EMR: only main/launch/demo-sandbox.ts may load it, for demo mode.',
};

/**
 * Where code runs is visible and enforced (STYLE.md): only main/app/ and preload/ may import
 * Electron, and the renderer imports no Node built-ins and no runtime code from main/. Imports
 * flow one way (shells → IPC → core → services → HTTP), with no cycles.
 */
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      // A variable read by a closure before the one assignment that follows is legitimate.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['store'] }],
    },
  },
  {
    files: ['main/**/*.ts', 'sandbox/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    ignores: ['main/app/**'],
    rules: { 'no-restricted-imports': ['error', electronOnly] },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/**/*.test.ts', 'main/launch/demo-sandbox.ts', 'main/app/**', 'main/auth/**', 'main/outbox/**', 'main/store/**', 'main/emr/**', 'main/notes/**'],
    rules: { 'no-restricted-imports': ['error', { ...electronOnly, patterns: [noSandbox] }] },
  },
  {
    files: ['main/app/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noSandbox] }] },
  },
  {
    files: ['main/auth/**/*.ts', 'main/outbox/**/*.ts', 'main/emr/**/*.ts', 'main/notes/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { ...electronOnly, patterns: [...servicesStayBelow.patterns, noSandbox] }] },
  },
  {
    // The store is the bottom of the services: encrypted files, atomic writes, the audit log.
    files: ['main/store/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...electronOnly, patterns: [...servicesStayBelow.patterns, noSandbox, { group: ['**/emr/**', '**/outbox/**', '**/auth/**', '**/notes/**'], message: 'The store knows no service above it: it keeps bytes, not their domain types.' }] },
      ],
    },
  },
  {
    // Code both sides run stays pure: no imports of main/, renderer/ or any runtime.
    files: ['common/**/*.ts'],
    ignores: ['common/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: [{ group: ['../*', '**/main/**', '**/renderer/**'], message: 'common/ is pure code for both main and the renderer: it imports nothing from either.' }] }] },
  },
  {
    // One registry maps an EMR kind to its family (main/profiles/emr-registry.ts); nothing else asks which EMR it is talking to.
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'common/**/*.ts'],
    ignores: ['**/*.test.ts', 'main/emr/**', 'main/profiles/emr-registry.ts', 'main/launch/demo-sandbox.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "BinaryExpression[operator=/^[!=]==?$/] > Literal[value=/^(fhir|openemr|accuro)$/]", message: 'Do not branch on the EMR kind: put what differs in its folder under main/emr/ and reach it through the registry or the capabilities.' },
        { selector: "SwitchCase > Literal[value=/^(fhir|openemr|accuro)$/]", message: 'Do not branch on the EMR kind: put what differs in its folder under main/emr/ and reach it through the registry or the capabilities.' },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'common/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // import-x must parse each imported file itself to follow the graph.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'preload/tsconfig.json', 'renderer/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node built-ins.' })), ...electronOnly.paths],
          patterns: [{ group: ['**/main/**'], allowTypeImports: true, message: 'The renderer reaches main only through window.chartdrop; type imports are fine.' }],
        },
      ],
    },
  },
);
