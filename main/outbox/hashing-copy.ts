import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FileDigest {
  size: number;
  sha256: string;
  sha1: string;
}

/**
 * Copies `source` to `destination` in one streamed pass, hashing as the bytes go by: memory stays
 * flat whatever the file size, and the hash is of exactly the bytes that will be uploaded.
 */
export async function copyAndHash(source: string, destination: string): Promise<FileDigest> {
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sha256.update(chunk);
      sha1.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(createReadStream(source, { highWaterMark: 1024 * 1024 }), tap, createWriteStream(destination, { mode: 0o600, flush: true }));
  return { size, sha256: sha256.digest('hex'), sha1: sha1.digest('hex') };
}

/** The same digests without a copy, for a file that is only being looked at (the duplicate check). */
export async function hashFile(path: string): Promise<FileDigest> {
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    sha256.update(chunk);
    sha1.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: sha256.digest('hex'), sha1: sha1.digest('hex') };
}
