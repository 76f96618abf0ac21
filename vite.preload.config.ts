import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * One preload source, two bundles (`--mode electron` | `--mode browser`):
 * - electron: CommonJS, one file, because a sandboxed preload cannot `require` its own modules;
 * - browser: an IIFE the browser shell injects with `addInitScript`, with `electron` aliased to the
 *   shim that carries the same calls over Playwright (DESIGN.md "Where Electron cannot run").
 */
export default defineConfig(({ mode }) => {
  const shell = mode === 'browser' ? 'browser' : 'electron';
  return {
    publicDir: false,
    logLevel: 'warn',
    define: { __CHARTDROP_SHELL__: JSON.stringify(shell) },
    resolve:
      shell === 'browser' ? { alias: { electron: fileURLToPath(new URL('./preload/browser-shim.ts', import.meta.url)) } } : {},
    build: {
      outDir: 'out/preload',
      emptyOutDir: false,
      minify: false,
      sourcemap: false,
      target: 'es2023',
      lib: {
        entry: fileURLToPath(new URL('./preload/preload.ts', import.meta.url)),
        formats: shell === 'browser' ? ['iife'] : ['cjs'],
        name: 'chartdropPreload',
        fileName: () => (shell === 'browser' ? 'preload.browser.js' : 'preload.cjs'),
      },
      rollupOptions: { external: shell === 'electron' ? ['electron'] : [] },
    },
  };
});
