// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronOnly = {
  paths: [
    { name: 'electron', message: 'Only main/app/ and preload/ may import electron: everything else runs in plain Node.' },
    { name: 'electron-store', message: 'electron-store imports electron; plain-Node code uses conf.' },
  ],
};

/**
 * Where code runs is visible and enforced (STYLE.md): only main/app/ and preload/ may import
 * Electron, and the renderer imports no Node built-ins and no runtime code from main/.
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
