import { createHash, randomBytes } from 'node:crypto';
import type { Bundle, DocumentReference, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MRN_SYSTEM, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { signInForTests } from '../../sandbox/sign-in-for-tests.js';

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ maxUploadBytes: 1024 * 1024 });
  token = (await signInForTests(sandbox)).accessToken;
});
afterAll(() => sandbox.close());

function fhirFetch(path: string, init: RequestInit = {}, bearer = token): Promise<Response> {
  const url = path.startsWith('http') ? path : `${sandbox.fhirBaseUrl}/${path}`;
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${bearer}`);
  if (!headers.has('accept')) headers.set('accept', 'application/fhir+json');
  return fetch(url, { ...init, headers });
}

async function searchPatients(query: string): Promise<Bundle<Patient>> {
  const response = await fhirFetch(`Patient?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Bundle<Patient>;
}

function documentReference(patientId: string, identifierValue: string, attachment: DocumentReference['content'][number]['attachment']): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    identifier: [{ system: 'urn:chartdrop:test', value: identifierValue }],
    status: 'current',
    type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] },
    subject: { reference: `Patient/${patientId}` },
    date: '2025-03-01T14:05:00-05:00',
    content: [{ attachment }],
  };
}

describe('sandbox FHIR authorization', () => {
  it('answers 401 with WWW-Authenticate without a token and with a forged one', async () => {
    const missing = await fetch(`${sandbox.fhirBaseUrl}/Patient`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    expect(((await missing.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');

    const [header, payload] = token.split('.');
    const forged = await fhirFetch('Patient', {}, `${header}.${payload}.${Buffer.from('not a signature').toString('base64url')}`);
    expect(forged.status).toBe(401);
  });

  it('answers 401 once the access token has expired', async () => {
    const shortLived = await startSandbox({ accessTokenTtlSeconds: 1, patientCount: 20 });
    try {
      const { accessToken } = await signInForTests(shortLived);
      const fresh = await fetch(`${shortLived.fhirBaseUrl}/Patient`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(fresh.status).toBe(200);
      // Waits for the server's own clock to pass the token's expiry, not for a fixed time.
      const read = () => fetch(`${shortLived.fhirBaseUrl}/Patient`, { headers: { authorization: `Bearer ${accessToken}` } });
      await expect.poll(async () => (await read()).status, { timeout: 10_000, interval: 200 }).toBe(401);
      const expired = await read();
      expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
    } finally {
      await shortLived.close();
    }
  });

  it('answers 403 forbidden when the granted scopes do not cover the interaction', async () => {
    const readOnly = (await signInForTests(sandbox, { scope: 'openid user/Patient.rs' })).accessToken;
    const response = await fhirFetch('DocumentReference?patient=pt-0001', {}, readOnly);
    expect(response.status).toBe(403);
    expect(((await response.json()) as OperationOutcome).issue[0]?.code).toBe('forbidden');
    const create = await fhirFetch('Patient', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: '{"resourceType":"Patient"}' }, readOnly);
    expect(create.status).toBe(403);
  });
});

describe('sandbox patient search', () => {
  it('finds patients by name, with accents and apostrophes', async () => {
    const accented = await searchPatients(`name=${encodeURIComponent('Müller')}`);
    expect(accented.entry?.map((e) => e.resource?.name?.[0]?.given?.[0])).toContain('Zoë');

    const [obrien] = sandbox.fhir.seed.apostropheNames;
    const apostrophe = await searchPatients(`family=${encodeURIComponent("O'Brien")}`);
    expect(apostrophe.entry?.map((e) => e.resource?.id)).toContain(obrien?.id);
  });

  it('finds same-birth-date patients by birthdate and tells same-name patients apart by it', async () => {
    const [pair] = sandbox.fhir.seed.sameBirthDatePairs;
    const byDate = await searchPatients(`birthdate=${pair?.[0].birthDate}`);
    expect(byDate.entry?.map((e) => e.resource?.id)).toEqual(expect.arrayContaining([pair?.[0].id, pair?.[1].id]));

    const [namesake] = sandbox.fhir.seed.sameNameDifferentBirthDatePairs;
    const byName = await searchPatients(`family=${encodeURIComponent(namesake?.[0].family ?? '')}&given=${encodeURIComponent(namesake?.[0].given ?? '')}&birthdate=${namesake?.[1].birthDate}`);
    expect(byName.entry?.map((e) => e.resource?.id)).toEqual([namesake?.[1].id]);
  });

  it('finds a patient by MRN with and without the identifier system', async () => {
    const patient = sandbox.fhir.seed.patients[122];
    for (const query of [`identifier=${patient?.mrn}`, `identifier=${encodeURIComponent(`${MRN_SYSTEM}|${patient?.mrn}`)}`]) {
      const bundle = await searchPatients(query);
      expect(bundle.entry?.map((e) => e.resource?.id)).toEqual([patient?.id]);
    }
    expect(patient?.mrn).toBe('MRN-000123');
  });

  it('pages by 20 by default with next links followed verbatim to the end', async () => {
    let next: string | undefined = `${sandbox.fhirBaseUrl}/Patient`;
    const seen = new Set<string>();
    let pages = 0;
    while (next) {
      const response = await fhirFetch(next);
      const bundle = (await response.json()) as Bundle<Patient>;
      if (pages === 0) expect(bundle.entry).toHaveLength(20);
      for (const entry of bundle.entry ?? []) seen.add(entry.resource?.id ?? '');
      next = bundle.link?.find((link) => link.relation === 'next')?.url;
      pages += 1;
    }
    expect(seen.size).toBe(240);
    expect(pages).toBe(12);
    const counted = (await (await fhirFetch('Patient?_count=100')).json()) as Bundle;
    expect(counted.entry).toHaveLength(100);
  });

  it('accepts patient=<bare id> as well as patient=Patient/<id>', async () => {
    const [visit] = sandbox.fhir.seed.encountersToday;
    for (const patient of [visit?.patientId, `Patient/${visit?.patientId}`]) {
      const bundle = (await (await fhirFetch(`Encounter?patient=${patient}`)).json()) as Bundle;
      expect(bundle.entry?.map((e) => e.resource?.id)).toContain(visit?.resourceId);
    }
  });

  it('answers 404 OperationOutcome for an unknown id', async () => {
    const response = await fhirFetch('Patient/does-not-exist');
    expect(response.status).toBe(404);
    expect(((await response.json()) as OperationOutcome).issue[0]?.code).toBe('not-found');
  });
});

describe('sandbox documents', () => {
  it('conditional create: 201 with Location and ETag, then 200 with the same id', async () => {
    const body = JSON.stringify(documentReference('pt-0002', 'cond-1', { contentType: 'text/plain', data: Buffer.from('hello').toString('base64') }));
    const headers = { 'content-type': 'application/fhir+json', 'if-none-exist': 'identifier=urn:chartdrop:test|cond-1' };
    const first = await fhirFetch('DocumentReference', { method: 'POST', headers, body });
    expect(first.status).toBe(201);
    const created = (await first.json()) as DocumentReference;
    expect(first.headers.get('location')).toBe(`${sandbox.fhirBaseUrl}/DocumentReference/${created.id}/_history/${created.meta?.versionId}`);
    expect(first.headers.get('etag')).toBe(`W/"${created.meta?.versionId}"`);

    const second = await fhirFetch('DocumentReference', { method: 'POST', headers, body });
    expect(second.status).toBe(200);
    expect(((await second.json()) as DocumentReference).id).toBe(created.id);
    expect(await sandbox.fhir.search('DocumentReference', { identifier: 'urn:chartdrop:test|cond-1' })).toHaveLength(1);
  });

  it('honours Prefer: return=minimal with an empty body', async () => {
    const body = JSON.stringify(documentReference('pt-0002', 'minimal-1', { contentType: 'text/plain', data: 'aGk=' }));
    const response = await fhirFetch('DocumentReference', { method: 'POST', headers: { 'content-type': 'application/fhir+json', prefer: 'return=minimal' }, body });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('');
    expect(response.headers.get('location')).toMatch(/\/DocumentReference\/[^/]+\/_history\//);
  });

  it('refuses a malformed DocumentReference with 400 and the offending expression', async () => {
    const bad = { ...documentReference('pt-0002', 'bad-1', { contentType: 'text/plain', data: 'aGk=' }), date: '2025-03-01' };
    const response = await fhirFetch('DocumentReference', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(bad) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as OperationOutcome).issue[0]?.expression?.[0]).toContain('date');
  });

  it('stores raw Binary bytes streamed, reads them back identical, and links them from a DocumentReference', async () => {
    const bytes = randomBytes(300_000);
    const upload = await fhirFetch('Binary', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: bytes });
    expect(upload.status).toBe(201);
    const binary = (await upload.json()) as { id: string; contentType: string };
    expect(binary.contentType).toBe('application/pdf');

    const download = await fhirFetch(`Binary/${binary.id}`, { headers: { accept: '*/*' } });
    expect(download.headers.get('content-type')).toBe('application/pdf');
    const roundTrip = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(roundTrip).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await sandbox.fhir.binaryInfo(binary.id))?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    const asJson = (await (await fhirFetch(`Binary/${binary.id}`)).json()) as { data: string };
    expect(Buffer.from(asJson.data, 'base64').equals(bytes)).toBe(true);

    const doc = documentReference('pt-0003', 'bin-1', { contentType: 'application/pdf', url: `Binary/${binary.id}` });
    const created = await fhirFetch('DocumentReference', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(doc) });
    expect(created.status).toBe(201);
  });

  it('answers 413 above maxUploadBytes, up front and mid-stream', async () => {
    const tooBig = randomBytes(1024 * 1024 + 1);
    const declared = await fhirFetch('Binary', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: tooBig });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');

    const chunks = [randomBytes(600_000), randomBytes(600_000)];
    const streamed = await fhirFetch('Binary', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk) controller.enqueue(chunk);
          else controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => error);
    if (streamed instanceof Response) expect(streamed.status).toBe(413);
    else expect(streamed).toBeInstanceOf(Error);
  });
});
