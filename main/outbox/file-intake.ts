import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { IncomingMessage } from 'node:http';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteCounter } from '../shared/byte-counter.js';
import { EmrError, toErrorView, type ErrorView } from '../shared/errors.js';
import type { Capabilities } from '../emr/model.js';
import type { DroppedFile } from './dropped-file.js';
import { shortenFileName } from './file-name.js';
import { isEncryptedPdf } from './pdf-encryption.js';
import { sniffMime, stripBidiControls } from './sniff.js';

export interface RegisteredFile {
  path: string;
  name: string;
  size: number;
  mime: string;
  /** Bytes the browser shell posted: ours to delete once copied into the outbox. */
  transferred: boolean;
}

/** How a refusal names the types a clinic accepts, and the common ones it does not. */
const MIME_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'text/plain': 'plain text (.txt)',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'image/bmp': 'BMP',
  'application/x-msdownload': 'Windows program (.exe)',
  'application/zip': 'ZIP archives',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word documents',
};

export interface IntakeOptions {
  /** The clinic profile's `documents.allowEncryptedPdf`. */
  allowEncryptedPdf: boolean;
}

const DEFAULT_OPTIONS: IntakeOptions = { allowEncryptedPdf: false };

/**
 * Dropped files between the drop and the queue. Each gets an opaque id (the renderer never sees a
 * path) and is checked — empty, too large, unsupported type — before anything is sent.
 */
export class FileIntake {
  readonly #transfersDir: string;
  readonly #files = new Map<string, RegisteredFile>();
  readonly #transfers = new Map<string, string>();

  constructor(dataDir: string) {
    this.#transfersDir = join(dataDir, 'transfers');
  }

  /**
   * Streams bytes posted by the browser shell to a private temp file; returns the transfer id. A
   * file over `maxBytes` is cut off as soon as it passes the limit rather than written out first.
   */
  async receiveTransfer(body: Readable, maxBytes: number): Promise<string> {
    // A request that says up front it is too large is refused before a byte is read or written.
    const declared = body instanceof IncomingMessage ? Number(body.headers['content-length']) : Number.NaN;
    if (Number.isSafeInteger(declared) && declared > maxBytes) throw tooLarge(maxBytes, declared);
    await mkdir(this.#transfersDir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const path = join(this.#transfersDir, id);
    const limit = new ByteCounter((_chunk, received) => {
      if (received > maxBytes) throw tooLarge(maxBytes);
    });
    try {
      await pipeline(body, limit, createWriteStream(path, { mode: 0o600 }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    this.#transfers.set(id, path);
    return id;
  }

  async registerPath(path: string, name: string, capabilities: Capabilities, options: IntakeOptions = DEFAULT_OPTIONS): Promise<DroppedFile> {
    return this.#register(path, name, false, capabilities, options);
  }

  async registerTransfer(transferId: string, name: string, capabilities: Capabilities, options: IntakeOptions = DEFAULT_OPTIONS): Promise<DroppedFile> {
    const path = this.#transfers.get(transferId);
    if (!path) {
      return refused(displayName(name), 0, { kind: 'not-found', message: 'That file is no longer available. Drop it again.' });
    }
    this.#transfers.delete(transferId);
    return this.#register(path, name, true, capabilities, options);
  }

  has(fileId: string): boolean {
    return this.#files.has(fileId);
  }

  /** A registered file still waiting to be filed, without taking it (the duplicate check reads it). */
  peek(fileId: string): RegisteredFile | undefined {
    return this.#files.get(fileId);
  }

  /** Bytes posted before a crash or quit are no one's any more. */
  async start(): Promise<void> {
    await rm(this.#transfersDir, { recursive: true, force: true });
  }

  /** Hands the file over to the outbox; it is forgotten here. */
  take(fileId: string): RegisteredFile {
    const file = this.#files.get(fileId);
    if (!file) throw new EmrError('not-found', 'That file is no longer available. Drop it again.', { field: 'fileId' });
    this.#files.delete(fileId);
    return file;
  }

  async discard(file: RegisteredFile): Promise<void> {
    if (file.transferred) await rm(file.path, { force: true });
  }

  async dispose(): Promise<void> {
    await rm(this.#transfersDir, { recursive: true, force: true });
  }

  /** Always answers for the file, refused or not: one unreadable file never costs the rest of a drop. */
  async #register(path: string, rawName: string, transferred: boolean, capabilities: Capabilities, options: IntakeOptions): Promise<DroppedFile> {
    const name = displayName(rawName);
    let size = 0;
    try {
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) return refused(name, 0, { kind: 'not-found', message: 'This is a folder or the file could not be read.' });
      size = info.size;
      const mime = size > 0 ? await sniffMime(path) : null;
      const problem = await checkFile(path, size, mime, capabilities, options);
      if (problem || !mime) return refused(name, size, problem ?? unsupported(mime, capabilities));
      const fileId = randomUUID();
      this.#files.set(fileId, { path, name, size, mime, transferred });
      transferred = false;
      return { fileId, name, size, mime };
    } catch (error) {
      const view = toErrorView(error);
      return refused(name, size, view.kind === 'internal' ? { kind: 'not-found', message: 'The file could not be read.' } : view);
    } finally {
      // Posted bytes of a refused file are no one's: the renderer cannot use its id.
      if (transferred) await rm(path, { force: true });
    }
  }
}

/** Shown and sent as the file's name: no path, no bidi tricks, short enough for any file system. */
function displayName(rawName: string): string {
  return shortenFileName(stripBidiControls(basename(rawName)).trim() || 'Untitled');
}

function refused(name: string, size: number, problem: ErrorView): DroppedFile {
  return { fileId: randomUUID(), name, size, mime: null, problem };
}

function tooLarge(limitBytes: number, sizeBytes?: number): EmrError {
  const limit = Math.round(limitBytes / (1024 * 1024));
  return new EmrError('too-large', `This file is larger than the ${limit} MB this clinic accepts.`, {
    limitBytes,
    ...(sizeBytes === undefined ? {} : { sizeBytes }),
  });
}

function unsupported(mime: string | null, capabilities: Capabilities): ErrorView {
  const what = mime === null ? 'ChartDrop does not recognise this kind of file' : MIME_NAMES[mime] ? `${MIME_NAMES[mime]} files cannot be filed here` : `Files of type ${mime} cannot be filed here`;
  return { kind: 'unsupported', message: `${what}. This clinic accepts ${acceptedList(capabilities.acceptedMimeTypes)}.` };
}

/** Worded from the very list the check uses, so the message can never promise a type it refuses. */
export function acceptedList(mimeTypes: readonly string[]): string {
  const names = mimeTypes.map((m) => MIME_NAMES[m] ?? m);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

async function checkFile(path: string, size: number, mime: string | null, capabilities: Capabilities, options: IntakeOptions): Promise<ErrorView | undefined> {
  if (size === 0) return { kind: 'validation', message: 'This file is empty (0 bytes): there is nothing to file. Scan or save it again.' };
  if (size > capabilities.maxUploadBytes) return tooLarge(capabilities.maxUploadBytes, size).toView();
  if (!mime || !capabilities.acceptedMimeTypes.includes(mime)) return unsupported(mime, capabilities);
  if (mime === 'application/pdf' && !options.allowEncryptedPdf && (await isEncryptedPdf(path))) {
    return {
      kind: 'unsupported',
      message: 'This PDF is password-protected: no one could open it in the chart. Save an unprotected copy (print it to PDF) and add that.',
    };
  }
  return undefined;
}
