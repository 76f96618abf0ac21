import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentUpload } from '../../main/emr/connector.js';
import { FhirConnector } from '../../main/emr/fhir/fhir-connector.js';
import { createEmrHttp } from '../../main/emr/http.js';
import { localDate } from '../../main/shared/dates.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { signInForTests } from '../../sandbox/sign-in-for-tests.js';
import { samplePdf, sha256 } from '../support/documents.js';

let sandbox: Sandbox;
let dir: string;
let connector: FhirConnector;
let fhirUser: string | undefined;

async function connectorAs(scope?: string): Promise<FhirConnector> {
  const { accessToken, tokens } = await signInForTests(sandbox, scope ? { scope } : {});
  const claims = tokens.claims();
  fhirUser = typeof claims?.['fhirUser'] === 'string' ? claims['fhirUser'] : undefined;
  const profile = demoProfile(sandbox);
  return new FhirConnector({
    profile,
    http: createEmrHttp({
      prefixUrl: profile.baseUrl,
      tokens: { accessToken: async () => accessToken, afterUnauthorized: async () => accessToken },
    }),
    grantedScope: () => tokens.scope ?? '',
    fhirUser: () => fhirUser,
  });
}

async function uploadOf(marker: string, patientId: string): Promise<DocumentUpload> {
  const bytes = samplePdf(marker);
  const path = join(dir, `${marker}.pdf`);
  await writeFile(path, bytes);
  return {
    patient: { id: patientId },
    targetId: 'http://loinc.org|57133-1',
    title: `Referral ${marker}`,
    date: '2026-11-02',
    file: { path, name: `${marker}.pdf`, size: bytes.length, sha256: sha256(bytes), sha1: createHash('sha1').update(bytes).digest('hex'), mime: 'application/pdf' },
    idempotencyKey: sha256(Buffer.from(`${patientId}:${marker}`)),
  };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = await mkdtemp(join(tmpdir(), 'fhir-connector-'));
  connector = await connectorAs();
});
afterAll(async () => {
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('FHIR connector against the sandbox', () => {
  it('derives capabilities from /metadata and the granted scopes', async () => {
    expect(await connector.capabilities()).toMatchObject({
      uploadDocument: true,
      appointments: true,
      idempotency: 'conditional-create',
      patientSearch: { byName: true, byBirthDate: true, byIdentifier: true },
    });
    const readOnly = await connectorAs('openid fhirUser offline_access user/Patient.rs user/DocumentReference.rs');
    expect((await readOnly.capabilities()).uploadDocument).toBe(false);
  });

  it('finds patients by name (apostrophes and accents), "family, given", birth date and chart number', async () => {
    const { seed } = sandbox.fhir;
    const apostrophe = seed.apostropheNames[0]!;
    expect((await connector.searchPatients({ name: apostrophe.family })).map((p) => p.id)).toContain(apostrophe.id);
    const accented = seed.accentedNames[0]!;
    expect((await connector.searchPatients({ name: `${accented.family}, ${accented.given}` })).map((p) => p.id)).toContain(accented.id);
    const [a, b] = seed.sameBirthDatePairs[0]!;
    const sameDay = (await connector.searchPatients({ birthDate: a.birthDate })).map((p) => p.id);
    expect(sameDay).toEqual(expect.arrayContaining([a.id, b.id]));
    const byMrn = await connector.searchPatients({ identifier: a.mrn });
    expect(byMrn.map((p) => p.id)).toEqual([a.id]);
    expect(byMrn[0]?.identifiers[0]).toEqual({ label: 'MRN', value: a.mrn });
  });

  it('lists today’s appointments with their patients, in time order', async () => {
    const appointments = await connector.todaysAppointments();
    expect(appointments.length).toBe(sandbox.fhir.seed.appointmentsToday.length);
    expect(appointments.every((a) => a.start.startsWith(localDate(new Date())))).toBe(true);
    expect([...appointments].map((a) => a.start)).toEqual(appointments.map((a) => a.start).sort());
  });

  it('files a document once: a replay of the same write returns the existing record', async () => {
    const patient = sandbox.fhir.seed.patients[10]!;
    const upload = await uploadOf('replay', patient.id);
    expect(await connector.findFiledDocument(upload)).toBeNull();
    const first = await connector.uploadDocument(upload);
    expect(first.alreadyFiled).toBe(false);
    const replay = await connector.uploadDocument(upload);
    expect(replay).toEqual({ emrId: first.emrId, alreadyFiled: true });
    expect(await connector.findFiledDocument(upload)).toEqual({ emrId: first.emrId, alreadyFiled: true });

    const listed = await connector.listDocuments(patient.id);
    expect(listed.filter((d) => d.id === first.emrId)).toEqual([
      expect.objectContaining({ title: 'Referral replay', date: '2026-11-02', typeLabel: 'Referral note', contentType: 'application/pdf' }),
    ]);
    const stored = await sandbox.fhir.read('DocumentReference', first.emrId);
    expect(stored?.author).toEqual([{ reference: `Practitioner/${sandbox.users[0]?.practitionerId}` }]);
  });

  it('refuses an unknown document type before sending anything', async () => {
    const upload = await uploadOf('badtype', sandbox.fhir.seed.patients[11]!.id);
    await expect(connector.uploadDocument({ ...upload, targetId: 'http://loinc.org|0000-0' })).rejects.toMatchObject({ kind: 'validation', field: 'targetId' });
  });

  it('writes a quick note as a signed plain-text DocumentReference, idempotently', async () => {
    const patient = sandbox.fhir.seed.patients[12]!;
    const text = 'Patient doing well — BP 120/80.';
    const note = { patient: { id: patient.id }, typeId: 'http://loinc.org|11506-3', title: 'Follow-up', content: { kind: 'text' as const, text }, date: '2026-11-02', idempotencyKey: 'note-1' };
    const first = await connector.createNote(note);
    expect(await connector.createNote(note)).toEqual({ emrId: first.emrId, alreadyFiled: true });
    const stored = await sandbox.fhir.read('DocumentReference', first.emrId);
    expect(stored?.docStatus).toBe('final');
    const attachment = stored?.content[0]?.attachment;
    expect(Buffer.from(attachment?.data ?? '', 'base64').toString('utf8')).toBe(text);
    expect(await connector.findFiledNote(note)).toEqual({ emrId: first.emrId, alreadyFiled: true });
    expect(await connector.findFiledNote({ ...note, idempotencyKey: 'note-never-sent' })).toBeNull();
  });

  it('refuses to upload, before sending any bytes, when the granted scopes do not allow writing', async () => {
    const readOnly = await connectorAs('openid fhirUser user/Patient.rs user/DocumentReference.rs user/Binary.rs');
    const upload = await uploadOf('forbidden', sandbox.fhir.seed.patients[13]!.id);
    const before = sandbox.requests.entries.filter((e) => e.method === 'POST').length;
    await expect(readOnly.uploadDocument(upload)).rejects.toMatchObject({ kind: 'unsupported' });
    expect(sandbox.requests.entries.filter((e) => e.method === 'POST').length).toBe(before);
  });
});
