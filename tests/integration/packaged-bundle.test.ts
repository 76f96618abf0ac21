import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

let outDir: string;
let bundleDir: string;

// Built here, as `npm run build` builds what electron-builder packages: out/main may hold a
// development bundle (npm start, the Electron e2e test), which does carry the demo sandbox.
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'chartdrop-main-bundle-'));
  bundleDir = join(outDir, 'app');
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../../vite.main.config.ts', import.meta.url)), mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** Every package the Electron main bundle imports, by name (`@scope/name` or `name`). */
async function importedPackages(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const file of (await readdir(bundleDir)).filter((f) => f.endsWith('.js'))) {
    const code = await readFile(join(bundleDir, file), 'utf8');
    for (const [, specifier] of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"'./][^"']*)["']/g)) {
      const parts = specifier!.split('/');
      names.add(specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return names;
}

describe('the packaged Electron main bundle', () => {
  it('loads only production dependencies, Node built-ins and electron: no sandbox, no dev-only package', async () => {
    const allowed = new Set([...Object.keys(packageJson.dependencies), ...builtinModules, 'node:', 'electron']);
    const imported = [...(await importedPackages())].map((name) => name.replace(/^node:.*/, 'node:'));
    expect(imported.filter((name) => !allowed.has(name))).toEqual([]);
    expect(imported).toContain('electron');
    const chunks = await readdir(bundleDir);
    expect(chunks.filter((f) => /sandbox/i.test(f))).toEqual([]);
  });
});
