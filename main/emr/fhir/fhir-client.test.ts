import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmrError } from '../../shared/errors.js';
import { createEmrHttp } from '../http.js';
import { FhirClient } from './fhir-client.js';

/** What a misbehaving server (or a proxy in front of it) answers to each read. */
const ANSWERS: Record<string, unknown> = {
  '/fhir/Patient/pt-1': { resourceType: 'Patient', id: 'pt-1', name: [{ family: 'Chen' }] },
  '/fhir/Patient/pt-2': { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'Patient', id: 'pt-9' } }] },
  '/fhir/Patient/pt-3': { resourceType: 'Patient', id: 'pt-9', name: [{ family: 'Somebody else' }] },
  '/fhir/Patient/pt-4': { resourceType: 'Practitioner', id: 'pt-4' },
  '/fhir/Patient/pt-5': { resourceType: 'Patient' },
  '/fhir/Patient/pt-6': 42,
};

let server: Server;
const requested: string[] = [];
let client: FhirClient;

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    const answer = ANSWERS[req.url ?? ''];
    res.writeHead(answer === undefined ? 404 : 200, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify(answer ?? { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  const http = createEmrHttp({ prefixUrl: base, tokens: { accessToken: async () => 't', afterUnauthorized: async () => 't' } });
  client = new FhirClient(http, base);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function kindOfFailure(id: string): Promise<string | undefined> {
  try {
    await client.read<Patient>('Patient', id);
    return undefined;
  } catch (error) {
    return error instanceof EmrError ? error.kind : `not an EmrError: ${String(error)}`;
  }
}

describe('FhirClient.read', () => {
  it('returns the resource asked for', async () => {
    expect((await client.read<Patient>('Patient', 'pt-1')).name?.[0]?.family).toBe('Chen');
  });

  it('refuses a Bundle, another record, another type, a record without an id and a non-resource', async () => {
    for (const id of ['pt-2', 'pt-3', 'pt-4', 'pt-5', 'pt-6']) expect(await kindOfFailure(id), id).toBe('unsupported');
  });

  it('never sends an id that could change the path', async () => {
    requested.length = 0;
    for (const id of ['.', '..', '', 'pt-1/_history', 'a'.repeat(1024 * 1024), 'pt-1\u0000', 'pt-\u202e1']) {
      expect(await kindOfFailure(id)).toBe('validation');
    }
    expect(requested).toEqual([]);
  });
});
