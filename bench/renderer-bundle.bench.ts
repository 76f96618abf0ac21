import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printFigure } from './support/figures.js';

/**
 * Size of the built renderer's JavaScript (`npm run build:renderer`), uncompressed: the app's own
 * code and the pdf.js glue, without the pdf.js worker (`.mjs`), which loads only for thumbnails.
 */
const ASSETS = fileURLToPath(new URL('../out/renderer/assets/', import.meta.url));

const names = await readdir(ASSETS).catch(() => undefined);
if (!names) {
  process.stdout.write('renderer-bundle: out/renderer is not built; run npm run build:renderer first\n');
} else {
  let bytes = 0;
  for (const name of names.filter((n) => n.endsWith('.js'))) bytes += (await stat(join(ASSETS, name))).size;
  printFigure('renderer_bundle_kb', bytes / 1024, 'KB');
}
