import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`upload exceeds ${limit} bytes`);
  }
}

export interface StoredBytes {
  size: number;
  /** Hex SHA-256 of the bytes, computed while they streamed in. */
  sha256: string;
}

/** A file received but not yet attached to a Binary id. */
export interface ReceivedUpload extends StoredBytes {
  tempPath: string;
}

/**
 * Binary bytes on disk, one file per Binary id, in a private temp directory removed on close.
 * Uploads stream through a hash and a size check straight to disk: benchmarks send 1 GB files
 * and the sandbox must not buffer them.
 */
export class BinaryStore {
  private readonly stored = new Map<string, StoredBytes>();

  private constructor(private readonly directory: string) {}

  static async create(): Promise<BinaryStore> {
    return new BinaryStore(await mkdtemp(join(tmpdir(), 'chartdrop-sandbox-')));
  }

  async receive(source: Readable, limit: number): Promise<ReceivedUpload> {
    const tempPath = join(this.directory, `upload-${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > limit) {
          callback(new UploadTooLargeError(limit));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tempPath));
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, size, sha256: hash.digest('hex') };
  }

  async receiveBuffer(bytes: Buffer): Promise<ReceivedUpload> {
    const tempPath = join(this.directory, `upload-${randomUUID()}.part`);
    await pipeline([bytes], createWriteStream(tempPath));
    return { tempPath, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  /** Give a received file its Binary id. */
  async attach(id: string, upload: ReceivedUpload): Promise<void> {
    await rename(upload.tempPath, this.pathFor(id));
    this.stored.set(id, { size: upload.size, sha256: upload.sha256 });
  }

  async discard(upload: ReceivedUpload): Promise<void> {
    await rm(upload.tempPath, { force: true });
  }

  info(id: string): StoredBytes | undefined {
    return this.stored.get(id);
  }

  open(id: string): Readable {
    if (!this.stored.has(id)) throw new Error(`no bytes stored for Binary/${id}`);
    return createReadStream(this.pathFor(id));
  }

  async readAll(id: string): Promise<Buffer> {
    if (!this.stored.has(id)) throw new Error(`no bytes stored for Binary/${id}`);
    return readFile(this.pathFor(id));
  }

  async removeAll(): Promise<void> {
    this.stored.clear();
    await rm(this.directory, { recursive: true, force: true });
  }

  private pathFor(id: string): string {
    // Ids come from the repository (UUIDs), never from the request path unchecked.
    return join(this.directory, `${id.replace(/[^A-Za-z0-9.-]/g, '_')}.bin`);
  }
}
