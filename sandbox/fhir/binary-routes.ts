import type { IncomingMessage, ServerResponse } from 'node:http';
import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { Binary } from '@medplum/fhirtypes';
import { BodyTooLargeError, readBody } from '../http/read-body.js';
import { UploadTooLargeError, type ReceivedUpload } from './binary-store.js';
import type { FhirContext } from './context.js';
import { versionHeaders, wantsMinimal } from './resource-headers.js';
import { outcome, sendFhirJson, sendOutcome } from './responses.js';

/** Bytes up to which `GET Binary/{id}` with a FHIR JSON Accept answers with inline base64. */
const INLINE_JSON_LIMIT_BYTES = 8 * 1024 * 1024;

function isFhirJson(contentType: string | undefined): boolean {
  return /^application\/fhir\+json\b/i.test(contentType ?? '');
}

function sendTooLarge(res: ServerResponse, limit: number): void {
  // The client may still be sending; closing the connection stops it (RFC 9110 §15.5.14).
  sendOutcome(res, 413, outcome('too-long', `Upload exceeds the server limit of ${limit} bytes`), { connection: 'close' });
}

/** A JSON Binary's base64 `data` goes to disk like a raw upload, so every Binary reads back the same way. */
async function receiveJsonBinary(ctx: FhirContext, req: IncomingMessage, res: ServerResponse): Promise<{ upload: ReceivedUpload; contentType: string } | undefined> {
  let resource: Binary;
  try {
    resource = JSON.parse((await readBody(req, ctx.maxUploadBytes)).toString('utf8')) as Binary;
    validateResource(resource);
  } catch (error) {
    if (error instanceof BodyTooLargeError) sendTooLarge(res, ctx.maxUploadBytes);
    else if (error instanceof OperationOutcomeError) sendOutcome(res, 400, error.outcome);
    else sendOutcome(res, 400, outcome('structure', 'Body is not a JSON Binary resource'));
    return undefined;
  }
  if (resource.resourceType !== 'Binary') {
    sendOutcome(res, 400, outcome('invalid', 'Expected a Binary resource', 'resourceType'));
    return undefined;
  }
  const upload = await ctx.binaries.receiveBuffer(Buffer.from(resource.data ?? '', 'base64'));
  return { upload, contentType: resource.contentType };
}

async function receiveRawBinary(ctx: FhirContext, req: IncomingMessage, res: ServerResponse): Promise<ReceivedUpload | undefined> {
  try {
    return await ctx.binaries.receive(req, ctx.maxUploadBytes);
  } catch (error) {
    if (error instanceof UploadTooLargeError) {
      sendTooLarge(res, ctx.maxUploadBytes);
      return undefined;
    }
    throw error;
  }
}

/** `POST Binary`: raw bytes with any Content-Type, streamed to disk, or a JSON Binary. */
export async function createBinary(ctx: FhirContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const declaredLength = Number(req.headers['content-length'] ?? '0');
  if (declaredLength > ctx.maxUploadBytes) {
    sendTooLarge(res, ctx.maxUploadBytes);
    return;
  }
  const requestType = req.headers['content-type'];
  let received: { upload: ReceivedUpload; contentType: string } | undefined;
  if (isFhirJson(requestType)) {
    received = await receiveJsonBinary(ctx, req, res);
  } else {
    const upload = await receiveRawBinary(ctx, req, res);
    received = upload && { upload, contentType: requestType ?? 'application/octet-stream' };
  }
  if (!received) return;

  const binary = await ctx.repo.createResource<Binary>({ resourceType: 'Binary', contentType: received.contentType });
  await ctx.binaries.attach(binary.id, received.upload);
  const headers = versionHeaders(ctx.fhirBaseUrl, binary, { location: true });
  if (wantsMinimal(req.headers.prefer)) {
    res.writeHead(201, { ...headers, 'content-length': '0' });
    res.end();
    return;
  }
  sendFhirJson(res, 201, binary, headers);
}

/** `GET Binary/{id}`: the bytes with their stored Content-Type, or inline JSON when asked and small. */
export async function readBinary(ctx: FhirContext, req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  const binary = await ctx.repo.readResource<Binary>('Binary', id).catch(() => undefined);
  const stored = ctx.binaries.info(id);
  if (!binary || !stored) {
    sendOutcome(res, 404, outcome('not-found', `Binary/${id} not found`));
    return;
  }
  const headers = versionHeaders(ctx.fhirBaseUrl, binary, { location: false });
  if (isFhirJson(req.headers.accept) && stored.size <= INLINE_JSON_LIMIT_BYTES) {
    sendFhirJson(res, 200, { ...binary, data: (await ctx.binaries.readAll(id)).toString('base64') }, headers);
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': binary.contentType, 'content-length': String(stored.size) });
  await new Promise<void>((resolve, reject) => {
    const bytes = ctx.binaries.open(id);
    bytes.on('error', reject);
    res.on('close', resolve);
    bytes.pipe(res);
  });
}
