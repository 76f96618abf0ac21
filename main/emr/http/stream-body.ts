import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { FormDataEncoder } from 'form-data-encoder';

/**
 * What a streamed upload sends. Both kinds are read from disk afresh for each attempt, so a
 * request refused with a 401 before its body was read can be sent again with a fresh token.
 * - `file`: the file itself is the body (FHIR `POST Binary`).
 * - `multipart`: a `multipart/form-data` body (OpenEMR and Accuro documents). Put files in the
 *   form as `fs.openAsBlob(path, { type })`: such a Blob is read only as it is sent.
 */
export type StreamBody =
  | { kind: 'file'; path: string; contentType: string; /** Defaults to the file's size on disk. */ size?: number }
  | { kind: 'multipart'; form: FormData };

export interface OpenedBody {
  stream: Readable;
  length: number;
  headers: { 'content-type': string; 'content-length': string };
}

/** Large reads keep the upload near curl's speed; one chunk in flight is all the memory it takes. */
const FILE_CHUNK_BYTES = 1024 * 1024;

export async function openBody(body: StreamBody): Promise<OpenedBody> {
  if (body.kind === 'file') {
    const length = body.size ?? (await stat(body.path)).size;
    return {
      stream: createReadStream(body.path, { highWaterMark: FILE_CHUNK_BYTES }),
      length,
      headers: { 'content-type': body.contentType, 'content-length': String(length) },
    };
  }
  return multipartBody(body.form);
}

/**
 * Sent with its length, computed up front from the parts' sizes, never chunked: OpenEMR reads the
 * file from PHP's `$_FILES` (shared/api/openemr.md §4.3), and PHP behind FastCGI does not take a
 * chunked request body in many server set-ups.
 */
function multipartBody(form: FormData): OpenedBody {
  const encoder = new FormDataEncoder(form);
  const length = encoder.contentLength === undefined ? Number.NaN : Number(encoder.contentLength);
  // Node's FormData holds only strings and Blobs, whose sizes are known: this would be a bug.
  if (!Number.isSafeInteger(length)) throw new TypeError('A multipart body without a known length.');
  return {
    stream: Readable.from(encoder.encode(), { objectMode: false }),
    length,
    headers: { 'content-type': encoder.contentType, 'content-length': String(length) },
  };
}
