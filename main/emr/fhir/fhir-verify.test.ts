import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { DocumentReference } from '@medplum/fhirtypes';
import { describe, expect, it, vi } from 'vitest';
import { assertSameBytes, checkDocumentReference, measureBinaryAnswer, type FiledExpectation } from './fhir-verify.js';

const BASE = 'https://emr.example/fhir/R4';
const bytes = randomBytes(4096);
const file = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), mime: 'application/pdf' };

/** A body that counts how often it is pulled, to prove what was (not) downloaded. */
function countingBody(content: Buffer): { body: ReadableStream<Uint8Array>; pulls: () => number } {
  let pulls = 0;
  let sent = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls += 1;
        if (sent) controller.close();
        else controller.enqueue(new Uint8Array(content));
        sent = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulls: () => pulls };
}

describe('measureBinaryAnswer', () => {
  it('hashes raw content up to the limit', async () => {
    const answer = new Response(bytes, { headers: { 'content-type': 'application/pdf', 'content-length': String(bytes.length) } });
    expect(await measureBinaryAnswer(answer, { file, hashUpToBytes: bytes.length })).toEqual({ size: file.size, sha256: file.sha256, sizeFrom: 'counted' });
  });

  it('above the limit takes the size from Content-Length without reading the body', async () => {
    const { body, pulls } = countingBody(bytes);
    const answer = new Response(body, { headers: { 'content-type': 'application/pdf', 'content-length': String(bytes.length) } });
    expect(await measureBinaryAnswer(answer, { file, hashUpToBytes: bytes.length - 1 })).toEqual({ size: file.size, sizeFrom: 'content-length' });
    expect(pulls()).toBe(0);
  });

  it('does not download a file whose declared length already differs', async () => {
    const { body, pulls } = countingBody(bytes);
    const answer = new Response(body, { headers: { 'content-type': 'application/pdf', 'content-length': String(bytes.length + 7) } });
    expect(await measureBinaryAnswer(answer, { file, hashUpToBytes: 1e9 })).toEqual({ size: bytes.length + 7, sizeFrom: 'content-length' });
    expect(pulls()).toBe(0);
  });

  it('counts the bytes when a compressed answer’s Content-Length is not the stored size', async () => {
    const zipped = gzipSync(bytes);
    const answer = new Response(new Uint8Array(zipped), { headers: { 'content-type': 'application/pdf', 'content-encoding': 'gzip', 'content-length': String(zipped.length) } });
    // A Response built by hand is not decompressed the way fetch does: the counted figure is the body's own.
    expect(await measureBinaryAnswer(answer, { file, hashUpToBytes: 0 })).toEqual({ size: zipped.length, sizeFrom: 'counted' });
  });

  it('decodes a JSON Binary answer, whatever the file type was', async () => {
    const json = JSON.stringify({ resourceType: 'Binary', contentType: 'application/pdf', data: bytes.toString('base64') });
    const answer = new Response(json, { headers: { 'content-type': 'application/fhir+json; charset=utf-8', 'content-length': String(json.length) } });
    expect(await measureBinaryAnswer(answer, { file, hashUpToBytes: 1e9 })).toEqual({ size: file.size, sha256: file.sha256, sizeFrom: 'counted' });
  });

  it('tells the stall watchdog the read-back is moving', async () => {
    let beats = 0;
    // The clock moves on by more than the beat interval before the bytes arrive: an injected
    // clock, not a wait.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const slow = new ReadableStream<Uint8Array>({
        pull(controller) {
          vi.setSystemTime(Date.now() + 1_100);
          controller.enqueue(new Uint8Array(bytes));
          controller.close();
        },
      });
      await measureBinaryAnswer(new Response(slow, { headers: { 'content-type': 'application/pdf' } }), { file, hashUpToBytes: 1e9, onActivity: () => (beats += 1) });
    } finally {
      vi.useRealTimers();
    }
    expect(beats).toBe(1);
  });
});

describe('assertSameBytes', () => {
  it('accepts the same size and hash, and the same size when only sizes were compared', () => {
    expect(() => assertSameBytes(file, { size: file.size, sha256: file.sha256, sizeFrom: 'counted' })).not.toThrow();
    expect(() => assertSameBytes(file, { size: file.size, sizeFrom: 'content-length' })).not.toThrow();
  });

  it('names both sizes and hashes when the bytes differ at the same size', () => {
    const other = 'f'.repeat(64);
    expect(() => assertSameBytes(file, { size: file.size, sha256: other, sizeFrom: 'counted' })).toThrow(
      expect.objectContaining({ kind: 'mismatch', message: `The EMR stored a different file: sent 4,096 bytes sha256 ${file.sha256.slice(0, 12)}…, the EMR holds 4,096 bytes sha256 ffffffffffff….` }),
    );
  });
});

describe('checkDocumentReference', () => {
  const want: FiledExpectation = { patientId: 'p1', identifier: { system: 'urn:chartdrop:document', value: 'k1' }, file, baseUrl: BASE };
  const doc: DocumentReference = {
    resourceType: 'DocumentReference',
    id: 'd1',
    status: 'current',
    identifier: [{ system: 'urn:chartdrop:document', value: 'k1' }],
    subject: { reference: 'Patient/p1' },
    content: [{ attachment: { url: 'Binary/b1', size: file.size } }],
  };

  it('returns the Binary id, for relative, absolute and versioned references alike', () => {
    expect(checkDocumentReference(doc, want)).toBe('b1');
    const absolute = { ...doc, subject: { reference: `${BASE}/Patient/p1/_history/3` }, content: [{ attachment: { url: `${BASE}/Binary/b1` } }] };
    expect(checkDocumentReference(absolute, want)).toBe('b1');
  });

  it.each([
    ['another patient', { subject: { reference: 'Patient/p2' } }, /different patient/],
    ['no subject', { subject: undefined }, /different patient/],
    ['another identifier', { identifier: [{ system: 'urn:chartdrop:document', value: 'k2' }] }, /not this document/],
    ['a Binary on another server', { content: [{ attachment: { url: 'https://elsewhere.example/fhir/Binary/b1' } }] }, /does not point at one file/],
    ['inline data instead of a Binary', { content: [{ attachment: { data: 'AAAA' } }] }, /does not point at one file/],
    ['a dot segment for a Binary id', { content: [{ attachment: { url: 'Binary/..' } }] }, /does not point at one file/],
    ['two attachments', { content: [{ attachment: { url: 'Binary/b1' } }, { attachment: { url: 'Binary/b2' } }] }, /does not point at one file/],
    ['another attachment size', { content: [{ attachment: { url: 'Binary/b1', size: 91_002 } }] }, /sent 4,096 bytes, the record says 91,002 bytes/],
  ] as const)('is a mismatch for %s', (_label, change, message) => {
    expect(() => checkDocumentReference({ ...doc, ...change } as DocumentReference, want)).toThrow(expect.objectContaining({ kind: 'mismatch', message: expect.stringMatching(message) }));
  });
});
