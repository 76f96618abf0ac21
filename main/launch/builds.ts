import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const RENDERER_INDEX = repoFile('out/renderer/index.html');

async function viteBuild(config: string, mode?: string): Promise<void> {
  const configFile = repoFile(config);
  if (!existsSync(configFile)) throw new Error(`${config} is missing: this checkout cannot build ChartDrop.`);
  // Loaded on demand: only a development start builds anything.
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn', ...(mode ? { mode } : {}) });
}

/** A fresh checkout has no `out/renderer`: build it once rather than show a blank window. */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<void> {
  if (existsSync(RENDERER_INDEX)) return;
  log('The renderer is not built yet: building it now (npm run build:renderer)…');
  await viteBuild('vite.renderer.config.ts');
  if (!existsSync(RENDERER_INDEX)) throw new Error(`The renderer build did not produce ${RENDERER_INDEX}. Run "npm run build:renderer" and check its output.`);
}

/** Electron runs bundles, not TypeScript: the sandboxed preload and the main process are rebuilt on every start. */
export async function buildElectronBundles(): Promise<void> {
  await viteBuild('vite.preload.config.ts', 'electron');
  await viteBuild('vite.main.config.ts', 'development');
}
