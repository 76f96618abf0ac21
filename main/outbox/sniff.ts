import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

/** Enough of a file to tell a text file from binary data without reading it all. */
const TEXT_SNIFF_BYTES = 64 * 1024;

/**
 * The file's real type from its bytes, never its name (a "report.pdf" may be anything, and a
 * right-to-left override can make "…exe.pdf" read as a PDF). Null when unrecognised.
 */
export async function sniffMime(path: string): Promise<string | null> {
  const detected = await fileTypeFromFile(path);
  if (detected) return detected.mime;
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(TEXT_SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const { size } = await handle.stat();
    const bytes = head.subarray(0, bytesRead);
    // PDFs with bytes before `%PDF-` sniff as unknown, yet every reader opens them (shared/notes/documents.md).
    if (bytes.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
    return isUtf8Text(bytes, bytesRead >= size) ? 'text/plain' : null;
  } finally {
    await handle.close();
  }
}

/**
 * file-type never reports text (it has no magic number), so plain text is recognised here: the
 * head must be valid UTF-8 (ASCII included) with no NUL, which binary formats and UTF-16 always
 * contain. When the head is only part of the file it may end inside a character; that is allowed.
 */
export function isUtf8Text(head: Buffer, wholeFile: boolean): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(head, { stream: !wholeFile });
    return true;
  } catch {
    return false;
  }
}

/** Unicode bidi controls let a name display as something it is not; they never belong in a title. */
export function stripBidiControls(name: string): string {
  return name.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}
