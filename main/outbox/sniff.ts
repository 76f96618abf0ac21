import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

/**
 * The file's real type from its bytes, never its name (a "report.pdf" may be anything, and a
 * right-to-left override can make "…exe.pdf" read as a PDF). Null when unrecognised.
 */
export async function sniffMime(path: string): Promise<string | null> {
  const detected = await fileTypeFromFile(path);
  if (detected) return detected.mime;
  // PDFs with bytes before `%PDF-` sniff as unknown, yet every reader opens them (shared/notes/documents.md).
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).includes('%PDF-') ? 'application/pdf' : null;
  } finally {
    await handle.close();
  }
}

/** Unicode bidi controls let a name display as something it is not; they never belong in a title. */
export function stripBidiControls(name: string): string {
  return name.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}
