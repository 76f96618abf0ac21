import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { DocumentReference } from '@medplum/fhirtypes';
import type { StoredFile } from '../connector.js';
import { ByteCounter, discard } from '../../shared/byte-counter.js';
import { EmrError } from '../../shared/errors.js';
import { isRecordId } from '../model.js';
import { jsonBinaryData } from './json-binary-data.js';

/**
 * "Filed" means the EMR holds exactly what was sent (issue 8: a proxy re-read a 50 KB PDF as UTF-8
 * text and the server stored 91 KB while the app said "Filed"). These checks read back what the
 * server answered and holds; any difference is a `mismatch`, which needs a person, not a retry.
 * Messages carry sizes and hash prefixes only, never a patient or a title.
 */

/** What the server holds for one Binary, as measured from its `GET Binary/{id}` answer. */
export interface StoredBinary {
  size: number;
  /** Hex SHA-256; absent when only the size was compared. */
  sha256?: string;
  /** Where the size came from: the answer's Content-Length, or bytes counted as they streamed by. */
  sizeFrom: 'content-length' | 'counted';
}

export interface MeasureOptions {
  file: Pick<StoredFile, 'size' | 'mime'>;
  /** Files up to this size are hashed; above it only the size is compared. */
  hashUpToBytes: number;
  /** Called now and then while bytes arrive, so the outbox's stall watchdog sees the read-back moving. */
  onActivity?: () => void;
}

const ACTIVITY_INTERVAL_MS = 1_000;

/**
 * Measures a `GET Binary/{id}` answer without keeping its bytes: raw content is hashed as it
 * streams; a JSON Binary (servers that ignore Accept) has its base64 `data` decoded as it streams.
 * Above the hash limit the raw answer's Content-Length is taken as the stored size and the body is
 * not read at all — the attachment's `size` in the DocumentReference is only what ChartDrop wrote
 * itself, so it would prove nothing about the stored bytes.
 */
export async function measureBinaryAnswer(response: Response, options: MeasureOptions): Promise<StoredBinary> {
  const json = isJsonBinary(response.headers.get('content-type'), options.file.mime);
  const declared = json ? undefined : declaredLength(response);
  const hashIt = options.file.size <= options.hashUpToBytes;
  if (declared !== undefined && (declared !== options.file.size || !hashIt)) {
    await response.body?.cancel();
    return { size: declared, sizeFrom: 'content-length' };
  }
  if (!response.body) return { size: 0, ...(hashIt ? { sha256: createHash('sha256').digest('hex') } : {}), sizeFrom: 'counted' };

  const raw = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  const hash = hashIt ? createHash('sha256') : undefined;
  let lastActivity = Date.now();
  const counter = new ByteCounter((chunk) => {
    hash?.update(chunk);
    if (options.onActivity && Date.now() - lastActivity >= ACTIVITY_INTERVAL_MS) {
      lastActivity = Date.now();
      options.onActivity();
    }
  });
  try {
    await pipeline(json ? jsonBinaryData(raw) : raw, counter, discard());
  } finally {
    raw.destroy();
  }
  return { size: counter.bytes, ...(hash ? { sha256: hash.digest('hex') } : {}), sizeFrom: 'counted' };
}

/** Throws `mismatch` when what the server holds is not the file that was sent. */
export function assertSameBytes(file: Pick<StoredFile, 'size' | 'sha256'>, stored: StoredBinary): void {
  if (stored.size === file.size && (stored.sha256 === undefined || stored.sha256 === file.sha256)) return;
  // The sent hash lets a person match the local copy; the stored one is known only when it was read.
  throw new EmrError('mismatch', `The EMR stored a different file: sent ${describe(file.size, file.sha256)}, the EMR holds ${describe(stored.size, stored.sha256)}.`);
}

export interface FiledExpectation {
  patientId: string;
  identifier: { system: string; value: string };
  file: Pick<StoredFile, 'size'>;
  baseUrl: string;
}

/**
 * Checks that a DocumentReference the server holds is this filing — our identifier, the patient
 * it was sent for, an attachment of the sent size — and returns the id of the Binary it points at.
 */
export function checkDocumentReference(doc: DocumentReference, want: FiledExpectation): string {
  if (doc.resourceType !== 'DocumentReference' || !doc.identifier?.some((i) => i.system === want.identifier.system && i.value === want.identifier.value)) {
    throw new EmrError('mismatch', 'The EMR answered with a record that is not this document.');
  }
  // A document in another chart is the worst filing error there is: never call it filed.
  if (relativeReference(doc.subject?.reference, want.baseUrl) !== `Patient/${want.patientId}`) {
    throw new EmrError('mismatch', 'The EMR holds this document in a different patient’s chart than the one it was sent for.');
  }
  const attachment = doc.content?.[0]?.attachment;
  const binaryId = /^Binary\/([A-Za-z0-9\-.]{1,64})$/.exec(relativeReference(attachment?.url, want.baseUrl) ?? '')?.[1];
  if (!binaryId || !isRecordId(binaryId) || (doc.content?.length ?? 0) !== 1) {
    throw new EmrError('mismatch', 'The EMR’s record of this document does not point at one file on this server, so ChartDrop cannot confirm what it holds.');
  }
  if (attachment?.size !== undefined && attachment.size !== want.file.size) {
    throw new EmrError('mismatch', `The EMR’s record of this document gives another size: sent ${describe(want.file.size)}, the record says ${describe(attachment.size)}.`);
  }
  return binaryId;
}

export interface NoteExpectation {
  patientId: string;
  identifier: { system: string; value: string };
  text: string;
  baseUrl: string;
}

/**
 * A note counts as filed once the record the server holds is ours, in this patient's chart, and
 * carries exactly the words sent (inline `data`, UTF-8): a server that trimmed or re-encoded them
 * has not filed this note.
 */
export function checkNoteReference(doc: DocumentReference, want: NoteExpectation): void {
  if (doc.resourceType !== 'DocumentReference' || !doc.identifier?.some((i) => i.system === want.identifier.system && i.value === want.identifier.value)) {
    throw new EmrError('mismatch', 'The EMR answered with a record that is not this note.');
  }
  if (relativeReference(doc.subject?.reference, want.baseUrl) !== `Patient/${want.patientId}`) {
    throw new EmrError('mismatch', 'The EMR holds this note in a different patient’s chart than the one it was written for.');
  }
  const data = doc.content?.length === 1 ? doc.content[0]?.attachment?.data : undefined;
  if (data === undefined || Buffer.from(data, 'base64').toString('utf8') !== want.text) {
    throw new EmrError('mismatch', 'The EMR stored this note with other words than were sent. Check the chart.');
  }
}

/** `Type/id` for a reference relative to or under `baseUrl`, without a version; anything else unchanged. */
function relativeReference(reference: string | undefined, baseUrl: string): string | undefined {
  if (!reference) return undefined;
  const base = `${baseUrl.replace(/\/+$/, '')}/`;
  const relative = reference.startsWith(base) ? reference.slice(base.length) : reference;
  return relative.replace(/\/_history\/[^/]+$/, '');
}

function isJsonBinary(contentType: string | null, sentMime: string): boolean {
  const type = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/fhir+json' || type === 'application/json+fhir') return true;
  // A JSON file sent as such comes back as itself; any other file answered as JSON is a Binary resource.
  return type === 'application/json' && sentMime.toLowerCase() !== 'application/json';
}

/** Content-Length is the stored size only when the body is not compressed on the way. */
function declaredLength(response: Response): number | undefined {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return undefined;
  const length = response.headers.get('content-length');
  return length && /^\d+$/.test(length) ? Number(length) : undefined;
}

function describe(size: number, sha256?: string): string {
  return `${size.toLocaleString('en-US')} bytes${sha256 ? ` sha256 ${sha256.slice(0, 12)}…` : ''}`;
}
