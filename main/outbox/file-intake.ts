import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EmrError, type ErrorView } from '../emr/errors.js';
import type { Capabilities } from '../emr/model.js';
import type { DroppedFile } from '../ipc/contract.js';
import { sniffMime, stripBidiControls } from './sniff.js';

export interface RegisteredFile {
  path: string;
  name: string;
  size: number;
  mime: string;
  /** Bytes the browser shell posted: ours to delete once copied into the outbox. */
  transferred: boolean;
}

const MIME_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG photo',
  'image/png': 'PNG image',
  'image/tiff': 'TIFF scan or fax',
  'text/plain': 'text file',
};

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
    await mkdir(this.#transfersDir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const path = join(this.#transfersDir, id);
    let received = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(received > maxBytes ? tooLarge(maxBytes) : null, chunk);
      },
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

  async registerPath(path: string, name: string, capabilities: Capabilities): Promise<DroppedFile> {
    return this.#register(path, name, false, capabilities);
  }

  async registerTransfer(transferId: string, name: string, capabilities: Capabilities): Promise<DroppedFile> {
    const path = this.#transfers.get(transferId);
    if (!path) throw new EmrError('not-found', 'That file is no longer available. Drop it again.');
    this.#transfers.delete(transferId);
    return this.#register(path, name, true, capabilities);
  }

  has(fileId: string): boolean {
    return this.#files.has(fileId);
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

  async #register(path: string, rawName: string, transferred: boolean, capabilities: Capabilities): Promise<DroppedFile> {
    const name = stripBidiControls(basename(rawName)).trim() || 'Untitled';
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) {
      return { fileId: randomUUID(), name, size: 0, mime: null, problem: { kind: 'not-found', message: 'This is a folder or the file could not be read.' } };
    }
    const mime = info.size > 0 ? await sniffMime(path) : null;
    const problem = checkFile(info.size, mime, capabilities);
    const fileId = randomUUID();
    if (problem) {
      if (transferred) await rm(path, { force: true });
    } else if (mime) {
      this.#files.set(fileId, { path, name, size: info.size, mime, transferred });
    }
    return { fileId, name, size: info.size, mime, ...(problem ? { problem } : {}) };
  }
}

function tooLarge(maxBytes: number): EmrError {
  const limit = Math.round(maxBytes / (1024 * 1024));
  return new EmrError('validation', `This file is larger than the ${limit} MB the EMR accepts. Split it or scan at a lower resolution.`);
}

function checkFile(size: number, mime: string | null, capabilities: Capabilities): ErrorView | undefined {
  if (size === 0) return { kind: 'validation', message: 'This file is empty. Scan or save it again.' };
  if (size > capabilities.maxUploadBytes) return tooLarge(capabilities.maxUploadBytes).toView();
  if (!mime || !capabilities.acceptedMimeTypes.includes(mime)) {
    const accepted = capabilities.acceptedMimeTypes.map((m) => MIME_NAMES[m] ?? m).join(', ');
    return { kind: 'unsupported', message: `This kind of file cannot be filed. The EMR accepts: ${accepted}.` };
  }
  return undefined;
}
