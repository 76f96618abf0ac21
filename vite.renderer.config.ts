import { createReadStream } from 'node:fs';
import { cp, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * pdf.js fetches its wasm decoders (JPEG 2000 scans render blank without them), CMaps, standard
 * fonts and ICC profiles at run time (shared/notes/documents.md "Thumbnails"). They are served
 * from the renderer's own origin under `pdfjs/`, because the CSP allows nothing else.
 */
const PDFJS_RESOURCE_DIRS = ['wasm', 'cmaps', 'standard_fonts', 'iccs'] as const;
const PDFJS_PUBLIC_PATH = '/pdfjs/';

function pdfjsResources(): Plugin {
  let outDir = '';
  return {
    name: 'chartdrop-pdfjs-resources',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    configureServer(server) {
      server.middlewares.use(PDFJS_PUBLIC_PATH, (req, res, next) => {
        const relative = normalize(decodeURIComponent((req.url ?? '').split('?')[0] ?? ''));
        const file = join(pdfjsRoot, relative);
        const allowed = PDFJS_RESOURCE_DIRS.some((dir) => file.startsWith(join(pdfjsRoot, dir) + sep));
        if (!allowed) return next();
        stat(file).then(
          (info) => (info.isFile() ? createReadStream(file).pipe(res) : next()),
          () => next(),
        );
      });
    },
    async writeBundle() {
      await Promise.all(
        PDFJS_RESOURCE_DIRS.map((dir) => cp(join(pdfjsRoot, dir), join(outDir, 'pdfjs', dir), { recursive: true })),
      );
    },
  };
}

export default defineConfig({
  root: join(here, 'renderer'),
  // Relative asset URLs: the built renderer is loaded from app:// in Electron and from the
  // browser shell's http origin, never from a fixed path.
  base: './',
  plugins: [react(), pdfjsResources()],
  build: {
    outDir: join(here, 'out/renderer'),
    emptyOutDir: true,
  },
});
