import { fileURLToPath } from 'node:url';

const PRELOAD_CONFIG = fileURLToPath(new URL('../../vite.preload.config.ts', import.meta.url));

let bundle: Promise<string> | undefined;

/**
 * The real preload, bundled for the browser (electron aliased to the shim). Built in memory from
 * source once per process, so the shell never runs a stale preload left in `out/` by an older build.
 */
export function browserPreloadBundle(): Promise<string> {
  bundle ??= buildBundle().catch((error: unknown) => {
    // A failed build (a syntax error mid-edit) is retried by the next launch, not remembered.
    bundle = undefined;
    throw error;
  });
  return bundle;
}

async function buildBundle(): Promise<string> {
  // Loaded on demand: vite is a build tool, needed only by this development shell.
  const { build } = await import('vite');
  const result = await build({ configFile: PRELOAD_CONFIG, mode: 'browser', build: { write: false } });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    const chunk = output.output.find((item) => item.type === 'chunk' && item.isEntry);
    if (chunk?.type === 'chunk') return chunk.code;
  }
  throw new Error('The preload build produced no entry chunk.');
}
