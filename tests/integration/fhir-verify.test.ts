import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentUpload } from '../../main/emr/connector.js';
import { FhirClient } from '../../main/emr/fhir/fhir-client.js';
import { FhirConnector } from '../../main/emr/fhir/fhir-connector.js';
import { measureBinaryAnswer } from '../../main/emr/fhir/fhir-verify.js';
import { createEmrHttp, type EmrHttp } from '../../main/emr/http.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { signInForTests } from '../../sandbox/sign-in-for-tests.js';
import { sha256 } from '../support/documents.js';

/**
 * Issue 8, "What must hold" 5: "Filed" means the EMR holds exactly what was sent. The sandbox's
 * `corrupt-body` fault plays the proxy seen in the field, which re-read a PDF as UTF-8 text.
 */

const BINARY = '/fhir/R4/Binary';
const IDENTIFIER_SYSTEM = 'urn:chartdrop:document';

let sandbox: Sandbox;
let dir: string;
let http: EmrHttp;
let scope: string;
let fhirUser: string | undefined;

function connectorWith(verifyHashUpToBytes?: number): FhirConnector {
  const profile = demoProfile(sandbox);
  return new FhirConnector({
    profile: verifyHashUpToBytes === undefined ? profile : { ...profile, fhir: { ...profile.fhir, verifyHashUpToBytes } },
    http,
    grantedScope: () => scope,
    fhirUser: () => fhirUser,
  });
}

/** A PDF as scanners write them: a binary comment line and compressed streams, so not UTF-8 text. */
async function scanOf(patientId: string, bytes = 50_000): Promise<DocumentUpload> {
  const content = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(bytes), Buffer.from('\n%%EOF\n')]);
  const name = `${randomUUID()}.pdf`;
  const path = join(dir, name);
  await writeFile(path, content);
  return {
    patient: { id: patientId },
    targetId: 'http://loinc.org|57133-1',
    title: 'Referral from Dr. Example',
    date: '2026-11-02',
    file: { path, name, size: content.length, sha256: sha256(content), sha1: createHash('sha1').update(content).digest('hex'), mime: 'application/pdf' },
    idempotencyKey: randomUUID(),
  };
}

async function documentsWithKey(key: string) {
  return sandbox.fhir.search('DocumentReference', { identifier: `${IDENTIFIER_SYSTEM}|${key}` });
}

/** What an earlier ChartDrop, which did not read back, left in the chart after filing through the proxy. */
async function fileUnverified(upload: DocumentUpload, options: { corrupt: boolean; patientId?: string }): Promise<string> {
  if (options.corrupt) sandbox.faults.add({ method: 'POST', path: BINARY, kind: 'corrupt-body', times: 1 });
  const binaryId = await new FhirClient(http, sandbox.fhirBaseUrl).createBinary(upload.file.path, upload.file.mime, upload.file.size, {});
  const doc = await sandbox.fhir.create({
    resourceType: 'DocumentReference',
    identifier: [{ system: IDENTIFIER_SYSTEM, value: upload.idempotencyKey }],
    status: 'current',
    subject: { reference: `Patient/${options.patientId ?? upload.patient.id}` },
    content: [{ attachment: { contentType: upload.file.mime, url: `Binary/${binaryId}`, size: upload.file.size } }],
  });
  return doc.id;
}

function patient(index: number): string {
  return sandbox.fhir.seed.patients[index]!.id;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = await mkdtemp(join(tmpdir(), 'fhir-verify-'));
  const { accessToken, tokens } = await signInForTests(sandbox);
  const claims = tokens.claims();
  fhirUser = typeof claims?.['fhirUser'] === 'string' ? claims['fhirUser'] : undefined;
  scope = tokens.scope ?? '';
  http = createEmrHttp({ prefixUrl: sandbox.fhirBaseUrl, tokens: { accessToken: async () => accessToken, afterUnauthorized: async () => accessToken } });
});
afterEach(() => {
  sandbox.faults.clear();
  sandbox.requests.clear();
});
afterAll(async () => {
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('corrupt-body sandbox fault', () => {
  it('stores a binary upload re-encoded as UTF-8 text, larger and with another hash', async () => {
    const upload = await scanOf(patient(20));
    sandbox.faults.add({ method: 'POST', path: BINARY, kind: 'corrupt-body', times: 1 });
    const id = await new FhirClient(http, sandbox.fhirBaseUrl).createBinary(upload.file.path, upload.file.mime, upload.file.size, {});
    const stored = await sandbox.fhir.binaryInfo(id);
    expect(stored?.size).toBeGreaterThan(upload.file.size * 1.5);
    expect(stored?.sha256).not.toBe(upload.file.sha256);
    const clean = await new FhirClient(http, sandbox.fhirBaseUrl).createBinary(upload.file.path, upload.file.mime, upload.file.size, {});
    expect(await sandbox.fhir.binaryInfo(clean)).toMatchObject({ size: upload.file.size, sha256: upload.file.sha256 });
  });
});

describe('FHIR upload verification against the sandbox', () => {
  it('files a document once the Binary read back has the sent SHA-256', async () => {
    const upload = await scanOf(patient(21));
    const result = await connectorWith().uploadDocument(upload);
    expect(result.alreadyFiled).toBe(false);
    expect(sandbox.requests.entries.filter((e) => e.method === 'GET' && e.path.startsWith(`${BINARY}/`))).toHaveLength(1);
    expect(await connectorWith().findFiledDocument(upload)).toEqual({ emrId: result.emrId, alreadyFiled: true });
  });

  it('throws mismatch when the stored body differs, before any DocumentReference reaches the chart', async () => {
    const upload = await scanOf(patient(22));
    sandbox.faults.add({ method: 'POST', path: BINARY, kind: 'corrupt-body', times: 1 });
    const failure = connectorWith().uploadDocument(upload);
    await expect(failure).rejects.toMatchObject({ kind: 'mismatch' });
    const message = await failure.catch((error: Error) => error.message);
    // Sizes differ (U+FFFD is 3 bytes), so the answer's Content-Length settles it without a download.
    expect(message).toMatch(new RegExp(`sent ${upload.file.size.toLocaleString('en-US')} bytes sha256 ${upload.file.sha256.slice(0, 12)}…, the EMR holds \\d{2,3},\\d{3} bytes\\. Nothing was added to the chart\\.$`));
    // No PHI in what the outbox stores and the UI shows.
    expect(message).not.toContain(upload.patient.id);
    expect(message).not.toContain(upload.title);
    expect(await documentsWithKey(upload.idempotencyKey)).toEqual([]);
    expect(await connectorWith().findFiledDocument(upload)).toBeNull();
  });

  it('findFiledDocument reports a found document whose bytes differ as a mismatch, not as filed', async () => {
    const upload = await scanOf(patient(23));
    await fileUnverified(upload, { corrupt: true });
    await expect(connectorWith().findFiledDocument(upload)).rejects.toMatchObject({ kind: 'mismatch', message: expect.stringMatching(/the EMR holds/) });
  });

  it('a replay that matches an earlier, damaged record is a mismatch too', async () => {
    const upload = await scanOf(patient(24));
    await fileUnverified(upload, { corrupt: true });
    await expect(connectorWith().uploadDocument(upload)).rejects.toMatchObject({ kind: 'mismatch', message: expect.stringMatching(/the EMR holds/) });
  });

  it('a replay that matches an earlier, intact record is already filed', async () => {
    const upload = await scanOf(patient(25));
    const earlier = await fileUnverified(upload, { corrupt: false });
    expect(await connectorWith().uploadDocument(upload)).toEqual({ emrId: earlier, alreadyFiled: true });
  });

  it('a document under this key in another patient’s chart is a mismatch, found or replayed', async () => {
    const upload = await scanOf(patient(26));
    await fileUnverified(upload, { corrupt: false, patientId: patient(27) });
    await expect(connectorWith().findFiledDocument(upload)).rejects.toMatchObject({ kind: 'mismatch', message: expect.stringMatching(/different patient/) });
    await expect(connectorWith().uploadDocument(upload)).rejects.toMatchObject({ kind: 'mismatch', message: expect.stringMatching(/different patient/) });
  });

  it('a found document whose Binary the EMR no longer holds is a mismatch', async () => {
    const upload = await scanOf(patient(31));
    await sandbox.fhir.create({
      resourceType: 'DocumentReference',
      identifier: [{ system: IDENTIFIER_SYSTEM, value: upload.idempotencyKey }],
      status: 'current',
      subject: { reference: `Patient/${upload.patient.id}` },
      content: [{ attachment: { contentType: upload.file.mime, url: `Binary/${randomUUID()}` } }],
    });
    await expect(connectorWith().findFiledDocument(upload)).rejects.toMatchObject({ kind: 'mismatch', message: expect.stringMatching(/holds no file/) });
  });

  it('above the hash limit compares the stored size the server reports', async () => {
    const upload = await scanOf(patient(28));
    const bySize = connectorWith(1024);
    expect((await bySize.uploadDocument(upload)).alreadyFiled).toBe(false);

    const damaged = await scanOf(patient(29));
    sandbox.faults.add({ method: 'POST', path: BINARY, kind: 'corrupt-body', times: 1 });
    await expect(bySize.uploadDocument(damaged)).rejects.toMatchObject({
      kind: 'mismatch',
      message: expect.stringMatching(new RegExp(`sent ${damaged.file.size.toLocaleString('en-US')} bytes sha256 [0-9a-f]{12}…, the EMR holds [\\d,]+ bytes\\. Nothing was added to the chart\\.$`)),
    });
  });

  it('reads a JSON Binary answer (a server ignoring Accept) by decoding its base64 as it streams', async () => {
    const upload = await scanOf(patient(30));
    const client = new FhirClient(http, sandbox.fhirBaseUrl);
    const id = await client.createBinary(upload.file.path, upload.file.mime, upload.file.size, {});
    const answer = await client.readBinary(id, 'application/fhir+json');
    expect(answer.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(await measureBinaryAnswer(answer, { file: upload.file, hashUpToBytes: 20 * 1024 * 1024 })).toEqual({
      size: upload.file.size,
      sha256: upload.file.sha256,
      sizeFrom: 'counted',
    });
  });
});
