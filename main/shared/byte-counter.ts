import { Transform, Writable, type TransformCallback } from 'node:stream';

/** Sees each chunk and the running total including it; what it throws fails the stream. */
export type ChunkObserver = (chunk: Buffer, bytesSoFar: number) => void;

/**
 * The one place bytes are counted as they stream by: upload progress, hashing while copying, the
 * size limit on a transfer, the size of a read-back. A pass-through, so it sits in a `pipeline`
 * and keeps its backpressure; an observer that throws stops the chunk before it is passed on
 * (a file over the limit is cut off there, never written out first).
 */
export class ByteCounter extends Transform {
  #bytes = 0;
  readonly #observe: ChunkObserver | undefined;

  constructor(observe?: ChunkObserver) {
    super();
    this.#observe = observe;
  }

  /** Bytes that have gone through so far. */
  get bytes(): number {
    return this.#bytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#bytes += chunk.length;
    try {
      this.#observe?.(chunk, this.#bytes);
    } catch (error) {
      callback(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    callback(null, chunk);
  }
}

/** The end of a pipeline whose bytes are only counted or hashed, never kept. */
export function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}
