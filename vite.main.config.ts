import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoPath = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Electron's main process: `main/app/electron-main.ts` and the plain-Node core it starts, bundled
 * to `out/main/app/electron-main.js` (package.json `main`). Packages stay external: electron-builder
 * ships production dependencies in the asar, and `electron` is provided by the runtime.
 * `build/tray/` (the tray icon) is copied next to the bundle.
 */
export default defineConfig(({ mode }) => ({
  // `npm start` builds with --mode development and gets demo mode; `npm run build` (what is
  // packaged) does not: see main/app/build-flags.d.ts.
  define: { __CHARTDROP_DEMO__: JSON.stringify(mode === 'development') },
  publicDir: repoPath('./build/tray'),
  logLevel: 'warn',
  build: {
    ssr: repoPath('./main/app/electron-main.ts'),
    outDir: 'out/main',
    emptyOutDir: true,
    copyPublicDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: (id) => id === 'electron' || id.startsWith('node:') || builtinModules.includes(id) || !/^[./]|^[A-Za-z]:[\\/]/.test(id),
      output: { format: 'es', entryFileNames: 'app/electron-main.js', chunkFileNames: 'app/[name]-[hash].js' },
    },
  },
}));
