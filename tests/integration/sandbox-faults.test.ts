import type { Bundle, Patient } from '@medplum/fhirtypes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { signInForTests } from '../../sandbox/sign-in-for-tests.js';

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ patientCount: 40 });
  token = (await signInForTests(sandbox, { scope: 'openid user/*.cruds' })).accessToken;
});
afterEach(() => {
  sandbox.faults.clear();
  sandbox.requests.clear();
});
afterAll(() => sandbox.close());

function postPatient(family: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${sandbox.fhirBaseUrl}/Patient`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Patient', name: [{ family }] }),
    ...(signal ? { signal } : {}),
  });
}

async function patientsNamed(family: string): Promise<number> {
  return (await sandbox.fhir.search('Patient', { family })).length;
}

describe('sandbox fault injection', () => {
  it.each([
    ['status-500', 500],
    ['status-503', 503],
  ] as const)('%s answers %i with an OperationOutcome and stores nothing', async (kind, status) => {
    sandbox.faults.add({ method: 'POST', path: '/fhir/R4/Patient', kind, times: 1, retryAfterSeconds: 3 });
    const response = await postPatient(`Fault${status}`);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    expect(await patientsNamed(`Fault${status}`)).toBe(0);
    const again = await postPatient(`Fault${status}`);
    expect(again.status).toBe(201);
  });

  it('rate-limit answers 429 with Retry-After', async () => {
    sandbox.faults.add({ path: '/fhir/R4/Patient', kind: 'rate-limit', times: 1, retryAfterSeconds: 7 });
    const response = await fetch(`${sandbox.fhirBaseUrl}/Patient`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('reset-before drops the connection and stores nothing', async () => {
    sandbox.faults.add({ method: 'POST', path: '/fhir/R4/Patient', kind: 'reset-before', times: 1 });
    await expect(postPatient('ResetBefore')).rejects.toThrow();
    expect(await patientsNamed('ResetBefore')).toBe(0);
    expect(sandbox.requests.entries.at(-1)).toMatchObject({ method: 'POST', path: '/fhir/R4/Patient', status: 0, fault: 'reset-before' });
  });

  it('reset-after stores the resource, then drops the connection instead of answering', async () => {
    sandbox.faults.add({ method: 'POST', path: '/fhir/R4/Patient', kind: 'reset-after', times: 1 });
    await expect(postPatient('CommitThenDrop')).rejects.toThrow();
    expect(await patientsNamed('CommitThenDrop')).toBe(1);
    expect(sandbox.requests.entries.at(-1)).toMatchObject({ status: 201, fault: 'reset-after' });
  });

  it('hang without hangMs never answers until the client gives up', async () => {
    sandbox.faults.add({ path: '/fhir/R4/Patient', kind: 'hang', times: 1 });
    const started = Date.now();
    await expect(postPatient('Hung', AbortSignal.timeout(300))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await patientsNamed('Hung')).toBe(0);
  });

  it('hang with hangMs answers late but normally', async () => {
    sandbox.faults.add({ path: '/fhir/R4/Patient', kind: 'hang', times: 1, hangMs: 200 });
    const started = Date.now();
    const response = await postPatient('Late');
    expect(response.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('probability rules are rolled on the seeded RNG; unmatched paths are untouched; injected counts', async () => {
    const before = sandbox.faults.injected;
    sandbox.faults.add({ path: /\/Patient\?name=/, kind: 'status-500', probability: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      statuses.push((await fetch(`${sandbox.fhirBaseUrl}/Patient?name=x`, { headers: { authorization: `Bearer ${token}` } })).status);
    }
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(sandbox.faults.injected - before).toBe(statuses.filter((s) => s === 500).length);
    expect((await fetch(`${sandbox.fhirBaseUrl}/metadata`)).status).toBe(200);
  });
});

describe('sandbox request log', () => {
  it('records method, path and status, never query strings or tokens', async () => {
    const bundle = (await (await fetch(`${sandbox.fhirBaseUrl}/Patient?name=secret-name`, { headers: { authorization: `Bearer ${token}` } })).json()) as Bundle<Patient>;
    expect(bundle.resourceType).toBe('Bundle');
    expect(sandbox.requests.entries).toEqual([{ method: 'GET', path: '/fhir/R4/Patient', status: 200 }]);
    expect(JSON.stringify(sandbox.requests.entries)).not.toContain(token);
  });
});
