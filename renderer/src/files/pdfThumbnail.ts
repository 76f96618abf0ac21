import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/**
 * First-page previews, drawn in the renderer from the dropped File's own bytes (main never renders
 * PDFs: shared/notes/documents.md "Thumbnails"). This module is loaded on demand so pdf.js stays
 * out of the start-up bundle.
 */

GlobalWorkerOptions.workerSrc = workerUrl;

/** Twice the displayed width, for high-density screens. */
const THUMBNAIL_WIDTH_PX = 112;
/** Reading a huge scan whole just for a preview would cost more memory than the preview is worth. */
const MAX_PREVIEW_BYTES = 100 * 1024 * 1024;

/** The resources the build copies next to index.html; absolute, because pdf.js fetches some from its worker. */
function resourceUrl(dir: string): string {
  return new URL(`pdfjs/${dir}/`, document.baseURI).href;
}

/** One preview at a time, so a drop of fifty PDFs never competes with the rest of the window. */
let previous: Promise<unknown> = Promise.resolve();

export function renderPdfThumbnail(file: File, signal: AbortSignal): Promise<Blob> {
  const turn = previous.then(() => renderFirstPage(file, signal));
  previous = turn.catch(() => undefined);
  return turn;
}

async function renderFirstPage(file: File, signal: AbortSignal): Promise<Blob> {
  signal.throwIfAborted();
  if (file.size > MAX_PREVIEW_BYTES) throw new RangeError('Too large to preview');
  const data = new Uint8Array(await file.arrayBuffer());
  signal.throwIfAborted();
  const loadingTask = getDocument({
    data,
    isEvalSupported: false,
    wasmUrl: resourceUrl('wasm'),
    cMapUrl: resourceUrl('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: resourceUrl('standard_fonts'),
    iccUrl: resourceUrl('iccs'),
  });
  try {
    const pdf = await loadingTask.promise;
    const page = await pdf.getPage(1);
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: THUMBNAIL_WIDTH_PX / unscaled.width });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    await page.render({ canvas, viewport }).promise;
    signal.throwIfAborted();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The preview could not be encoded');
    return blob;
  } finally {
    await loadingTask.destroy();
  }
}
