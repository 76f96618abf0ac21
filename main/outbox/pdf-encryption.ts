import { open, type FileHandle } from 'node:fs/promises';

/**
 * Whether a PDF is encrypted (ISO 32000-1 §7.6: an `/Encrypt` entry in the trailer, or in the
 * cross-reference stream's dictionary, which stands in for the trailer since PDF 1.5), found by
 * reading a few bounded chunks, never the whole file: a 1 GB scan costs the same as a letter.
 *
 * - Incremental updates append a new trailer that repeats every entry of the one before (§7.5.6),
 *   so the newest one, named by the last `startxref`, is the one that counts.
 * - In a linearized file the last `startxref` names the first-page cross-reference section near
 *   the head (Annex F), whose trailer carries `/Encrypt`; the main trailer at the end need not.
 * - A file with bytes before `%PDF-` has offsets counted from the header (readers accept it,
 *   shared/notes/documents.md "Sniffing"), so an offset is tried as written and from the header.
 * When the cross-reference chain cannot be followed (a damaged file), the last `trailer` keyword
 * in the tail and a cross-reference stream dictionary in the head or tail are read instead.
 * Only a dictionary's own top-level keys count: a page that merely says "/Encrypt" is no match.
 */
export async function isEncryptedPdf(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tail = await readAt(handle, Math.max(0, size - TAIL_BYTES), TAIL_BYTES);
    const head = await readAt(handle, 0, HEAD_BYTES);
    const headerOffset = Math.max(0, head.indexOf('%PDF-'));
    const fromChain = await trailerViaStartxref(handle, tail, headerOffset);
    if (fromChain !== undefined) return hasTopLevelKey(fromChain, 'Encrypt');
    const fallbacks = [lastTrailerDictionary(tail), xrefStreamDictionary(tail), xrefStreamDictionary(head)];
    return fallbacks.some((dictionary) => dictionary !== undefined && hasTopLevelKey(dictionary, 'Encrypt'));
  } finally {
    await handle.close();
  }
}

/** `startxref` must sit in the last 1024 bytes (§7.5.5); more allows for junk after `%%EOF`. */
const TAIL_BYTES = 64 * 1024;
/** A linearized file's first-page trailer lies within its first page's objects. */
const HEAD_BYTES = 64 * 1024;
/** Trailer and cross-reference stream dictionaries are small; this is far beyond any real one. */
const DICTIONARY_BYTES = 64 * 1024;
/** Each cross-reference table entry is exactly 20 bytes (§7.5.4), so a table can be stepped over. */
const XREF_ENTRY_BYTES = 20;
const MAX_SUBSECTIONS = 10_000;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function trailerViaStartxref(handle: FileHandle, tail: Buffer, headerOffset: number): Promise<Buffer | undefined> {
  const text = tail.toString('latin1');
  const matches = [...text.matchAll(/startxref\s+(\d+)/g)];
  const offset = Number(matches.at(-1)?.[1]);
  if (!Number.isSafeInteger(offset)) return undefined;
  const candidates = headerOffset > 0 ? [offset, offset + headerOffset] : [offset];
  for (const candidate of candidates) {
    const dictionary = await trailerAt(handle, candidate);
    if (dictionary !== undefined) return dictionary;
  }
  return undefined;
}

/** The trailer of the cross-reference section at `offset`: a classic table or a stream object. */
async function trailerAt(handle: FileHandle, offset: number): Promise<Buffer | undefined> {
  const start = await readAt(handle, offset, DICTIONARY_BYTES);
  const text = start.toString('latin1');
  if (/^\s*\d+\s+\d+\s+obj\b/.test(text)) {
    const open = start.indexOf('<<');
    return open < 0 ? undefined : dictionaryAt(start, open);
  }
  if (!/^\s*xref\b/.test(text)) return undefined;
  let position = offset + text.indexOf('xref') + 'xref'.length;
  for (let subsections = 0; subsections < MAX_SUBSECTIONS; subsections += 1) {
    const chunk = await readAt(handle, position, DICTIONARY_BYTES);
    const chunkText = chunk.toString('latin1');
    const subsection = /^\s*(\d+)\s+(\d+)[ \t]*\r?\n?/.exec(chunkText);
    if (subsection) {
      position += subsection[0].length + Number(subsection[2]) * XREF_ENTRY_BYTES;
      continue;
    }
    const trailer = /^\s*trailer\s*/.exec(chunkText);
    if (!trailer) return undefined;
    return chunk.subarray(trailer[0].length, trailer[0].length + 2).toString('latin1') === '<<'
      ? dictionaryAt(chunk, trailer[0].length)
      : undefined;
  }
  return undefined;
}

function lastTrailerDictionary(tail: Buffer): Buffer | undefined {
  const at = tail.lastIndexOf('trailer');
  if (at < 0) return undefined;
  const open = tail.indexOf('<<', at);
  return open < 0 ? undefined : dictionaryAt(tail, open);
}

function xrefStreamDictionary(chunk: Buffer): Buffer | undefined {
  const text = chunk.toString('latin1');
  for (const match of text.matchAll(/\/Type\s*\/XRef\b/g)) {
    // The dictionary holding this entry opens at one of the `<<` before it; the nearest that
    // encloses it and has it among its own keys is the stream's.
    let open = text.lastIndexOf('<<', match.index);
    for (let tries = 0; open >= 0 && tries < 64; tries += 1) {
      const dictionary = dictionaryAt(chunk, open);
      if (dictionary && open + dictionary.length > match.index && /\/Type\s*\/XRef\b/.test(topLevelText(dictionary))) return dictionary;
      open = open === 0 ? -1 : text.lastIndexOf('<<', open - 1);
    }
  }
  return undefined;
}

/** The bytes of the balanced `<< … >>` that opens at `open`, or undefined when it runs past the chunk. */
function dictionaryAt(chunk: Buffer, open: number): Buffer | undefined {
  let depth = 0;
  for (let i = open; i < chunk.length; i += 1) {
    const byte = chunk[i];
    if (byte === LT && chunk[i + 1] === LT) {
      depth += 1;
      i += 1;
    } else if (byte === GT && chunk[i + 1] === GT) {
      depth -= 1;
      i += 1;
      if (depth === 0) return chunk.subarray(open, i + 1);
    } else if (byte === LPAREN) {
      i = skipLiteralString(chunk, i);
    } else if (byte === LT) {
      i = skipUntil(chunk, i, GT);
    } else if (byte === PERCENT) {
      i = skipComment(chunk, i);
    }
  }
  return undefined;
}

/** The dictionary with its nested dictionaries, arrays and strings blanked out. */
function topLevelText(dictionary: Buffer): string {
  let out = '';
  let depth = 0;
  let arrays = 0;
  for (let i = 0; i < dictionary.length; i += 1) {
    const byte = dictionary[i] ?? 0;
    if (byte === LT && dictionary[i + 1] === LT) {
      depth += 1;
      i += 1;
      out += ' ';
    } else if (byte === GT && dictionary[i + 1] === GT) {
      depth -= 1;
      i += 1;
      out += ' ';
    } else if (byte === LPAREN) {
      i = skipLiteralString(dictionary, i);
      out += ' ';
    } else if (byte === LT) {
      i = skipUntil(dictionary, i, GT);
      out += ' ';
    } else if (byte === PERCENT) {
      i = skipComment(dictionary, i);
      out += ' ';
    } else if (byte === LBRACKET) {
      arrays += 1;
      out += ' ';
    } else if (byte === RBRACKET) {
      arrays = Math.max(0, arrays - 1);
      out += ' ';
    } else {
      out += depth === 1 && arrays === 0 ? String.fromCharCode(byte) : ' ';
    }
  }
  return out;
}

function hasTopLevelKey(dictionary: Buffer, key: string): boolean {
  // A name ends at whitespace or a delimiter (§7.2.2), so /EncryptMetadata is not /Encrypt.
  return new RegExp(`/${key}(?=[\\s/<>\\[\\]()%{}]|$)`).test(topLevelText(dictionary));
}

const LT = 0x3c;
const GT = 0x3e;
const LPAREN = 0x28;
const RPAREN = 0x29;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const PERCENT = 0x25;
const BACKSLASH = 0x5c;

/** Literal strings nest balanced parentheses and escape others with a backslash (§7.3.4.2). */
function skipLiteralString(chunk: Buffer, open: number): number {
  let depth = 0;
  for (let i = open; i < chunk.length; i += 1) {
    const byte = chunk[i];
    if (byte === BACKSLASH) i += 1;
    else if (byte === LPAREN) depth += 1;
    else if (byte === RPAREN) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return chunk.length;
}

function skipUntil(chunk: Buffer, from: number, byte: number): number {
  const at = chunk.indexOf(byte, from + 1);
  return at < 0 ? chunk.length : at;
}

function skipComment(chunk: Buffer, from: number): number {
  for (let i = from; i < chunk.length; i += 1) {
    if (chunk[i] === 0x0a || chunk[i] === 0x0d) return i;
  }
  return chunk.length;
}
