import { useEffect, useState } from 'react';

/** Formats Chromium decodes itself; TIFF faxes and HEIC photos are not among them. */
const BROWSER_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);

interface ThumbnailProps {
  file: File;
  /** The type main sniffed from the bytes: the file's name and its browser type may lie. */
  mime: string | null;
}

function previewSource(file: File, mime: string | null, signal: AbortSignal): Promise<Blob> | null {
  if (mime && BROWSER_IMAGE_TYPES.has(mime)) return Promise.resolve(file);
  if (mime === 'application/pdf') return import('./pdfThumbnail').then(({ renderPdfThumbnail }) => renderPdfThumbnail(file, signal));
  return null;
}

/** A preview is a nicety: it loads on its own, and any failure just leaves the generic icon. */
export function Thumbnail({ file, mime }: ThumbnailProps) {
  const [url, setUrl] = useState<string | null>(null);
  const [broken, setBroken] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    previewSource(file, mime, controller.signal)
      ?.then((blob) => {
        if (controller.signal.aborted) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => setBroken(true));
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [file, mime]);

  if (url && !broken) {
    return <img className="thumbnail" src={url} alt="" decoding="async" onError={() => setBroken(true)} />;
  }
  return (
    <svg className="thumbnail thumbnail-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M6 2h8l5 5v15H6z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M14 2v5h5M9 12h7M9 15h7M9 18h5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
