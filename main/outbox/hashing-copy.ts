import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ByteCounter, discard } from '../shared/byte-counter.js';

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
  const digest = digestingCounter();
  await pipeline(createReadStream(source, { highWaterMark: 1024 * 1024 }), digest.counter, createWriteStream(destination, { mode: 0o600, flush: true }));
  return digest.result();
}

/** The same digests without a copy, for a file that is only being looked at (the duplicate check). */
export async function hashFile(path: string): Promise<FileDigest> {
  const digest = digestingCounter();
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), digest.counter, discard());
  return digest.result();
}

function digestingCounter(): { counter: ByteCounter; result: () => FileDigest } {
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1');
  const counter = new ByteCounter((chunk) => {
    sha256.update(chunk);
    sha1.update(chunk);
  });
  return { counter, result: () => ({ size: counter.bytes, sha256: sha256.digest('hex'), sha1: sha1.digest('hex') }) };
}
