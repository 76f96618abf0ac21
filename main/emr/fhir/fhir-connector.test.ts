import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapabilityStatement, DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClinicProfileSchema } from '../../profiles/clinic-profile.js';
import type { DocumentUpload } from '../connector.js';
import { createEmrHttp } from '../http.js';
import { FhirConnector } from './fhir-connector.js';

/**
 * Servers unlike the sandbox, for the checks made after an upload: an empty 201 (Epic, Cerner,
 * shared/api/fhir.md §3.4), a JSON Binary whatever the Accept, and a server that files the record
 * somewhere other than asked.
 */
interface ServerBehaviour {
  emptyCreateBody: boolean;
  binaryAsJson: boolean;
  tamper: (doc: DocumentReference) => DocumentReference;
}

const METADATA: CapabilityStatement = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  date: '2025-01-01',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  rest: [
    {
      mode: 'server',
      resource: [
        { type: 'DocumentReference', interaction: [{ code: 'create' }, { code: 'read' }, { code: 'search-type' }], conditionalCreate: true, searchParam: [{ name: 'identifier', type: 'token' }] },
        { type: 'Binary', interaction: [{ code: 'create' }, { code: 'read' }] },
      ],
    },
  ],
};

let server: Server;
let base: string;
let dir: string;
let behaviour: ServerBehaviour;
let binary: Buffer | undefined;
let documentReference: DocumentReference | undefined;
let acceptOfBinaryRead: string | undefined;

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fhir-connector-unit-'));
  server = createServer((req, res) => {
    void (async () => {
      const route = `${req.method} ${req.url}`;
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
        res.end(value === undefined ? '' : JSON.stringify(value));
      };
      if (route === 'GET /fhir/metadata') return json(200, METADATA);
      if (route.startsWith('GET /fhir/Patient?')) {
        const patient = (id: string | undefined) => ({ resource: { resourceType: 'Patient', ...(id === undefined ? {} : { id }), name: [{ family: 'Garcia', given: ['Maria'] }] } });
        return json(200, { resourceType: 'Bundle', type: 'searchset', entry: [patient('p1'), patient('.'), patient('a/b'), patient(undefined), patient('x'.repeat(65))] });
      }
      if (route === 'POST /fhir/Binary') {
        binary = await body(req);
        return json(201, undefined, { location: `${base}/Binary/b1/_history/1` });
      }
      if (route === 'GET /fhir/Binary/b1' && binary) {
        acceptOfBinaryRead = req.headers.accept;
        if (behaviour.binaryAsJson) return json(200, { resourceType: 'Binary', id: 'b1', contentType: 'application/pdf', data: binary.toString('base64') });
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(binary.length) });
        return res.end(binary);
      }
      if (route === 'POST /fhir/DocumentReference') {
        documentReference = behaviour.tamper({ ...(JSON.parse((await body(req)).toString('utf8')) as DocumentReference), id: 'd1' });
        return json(201, behaviour.emptyCreateBody ? undefined : documentReference, { location: `${base}/DocumentReference/d1/_history/1` });
      }
      if (route === 'GET /fhir/DocumentReference/d1' && documentReference) return json(200, documentReference);
      json(404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
});
beforeEach(() => {
  behaviour = { emptyCreateBody: false, binaryAsJson: false, tamper: (doc) => doc };
  binary = undefined;
  documentReference = undefined;
  acceptOfBinaryRead = undefined;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

function connector(): FhirConnector {
  return new FhirConnector({
    profile: ClinicProfileSchema.parse({ id: 'unit', name: 'Unit clinic', kind: 'fhir', baseUrl: base, clientId: 'chartdrop' }),
    http: createEmrHttp({ prefixUrl: base, tokens: { accessToken: async () => 't', afterUnauthorized: async () => 't' } }),
    grantedScope: () => 'user/DocumentReference.crs user/Binary.cr',
    fhirUser: () => undefined,
  });
}

async function upload(): Promise<DocumentUpload> {
  const content = randomBytes(3000);
  const path = join(dir, 'scan.pdf');
  await writeFile(path, content);
  return {
    patient: { id: 'p1' },
    targetId: 'http://loinc.org|34109-9',
    title: 'Scan',
    date: '2026-11-02',
    file: { path, name: 'scan.pdf', size: content.length, sha256: createHash('sha256').update(content).digest('hex'), sha1: createHash('sha1').update(content).digest('hex'), mime: 'application/pdf' },
    idempotencyKey: 'k1',
  };
}

describe('FhirConnector checks what the server filed', () => {
  it('asks for the Binary in the file’s own type and files once it matches', async () => {
    expect(await connector().uploadDocument(await upload())).toEqual({ emrId: 'd1', alreadyFiled: false });
    expect(acceptOfBinaryRead).toBe('application/pdf');
  });

  it('verifies a Binary answered as FHIR JSON whatever the Accept', async () => {
    behaviour.binaryAsJson = true;
    expect(await connector().uploadDocument(await upload())).toEqual({ emrId: 'd1', alreadyFiled: false });
  });

  it('reads the record back after an empty 201 and finds it filed for another patient', async () => {
    behaviour = { ...behaviour, emptyCreateBody: true, tamper: (doc) => ({ ...doc, subject: { reference: 'Patient/p2' } }) };
    await expect(connector().uploadDocument(await upload())).rejects.toMatchObject({ kind: 'mismatch', message: expect.stringMatching(/different patient/) });
  });

  it('is a mismatch when the new record points at another Binary than the one uploaded', async () => {
    behaviour.tamper = (doc) => ({ ...doc, content: [{ attachment: { ...doc.content[0]?.attachment, url: 'Binary/b2' } }] });
    await expect(connector().uploadDocument(await upload())).rejects.toMatchObject({ kind: 'mismatch', message: expect.stringMatching(/other than the one just uploaded/) });
  });
});

describe('FhirConnector patient search', () => {
  it('leaves out records whose id could not be opened, instead of listing rows that would be refused', async () => {
    const found = await connector().searchPatients({ name: 'garcia' });
    expect(found.map((p) => p.id)).toEqual(['p1']);
  });
});
