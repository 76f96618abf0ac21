import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../main/core/app-core-types.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import type { dispatch } from '../../main/ipc/dispatch.js';
import { startSandbox, type PatientFact, type Sandbox } from '../../sandbox/index.js';
import { samplePdf } from '../support/documents.js';
import { startSignedInCore } from '../support/signed-in-core.js';

let sandbox: Sandbox;
let dataDir: string;
let core: AppCore;
let invoke: (channel: string, input: unknown) => ReturnType<typeof dispatch>;
let older: PatientFact;
let younger: PatientFact;

beforeAll(async () => {
  sandbox = await startSandbox();
  [older, younger] = sandbox.fhir.seed.sameNameDifferentBirthDatePairs[0]!;
  ({ core, dataDir, invoke } = await startSignedInCore(sandbox, 'file-binding'));
});
afterAll(async () => {
  await core?.dispose();
  await sandbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const documentType = 'http://loinc.org|11502-2';

async function dropFor(patient: PatientFact, name: string): Promise<string> {
  expect(await invoke('patients:select', { patientId: patient.id })).toMatchObject({ ok: true });
  const path = join(dataDir, name);
  await writeFile(path, samplePdf(`${name} ${Date.now()}`));
  const registered = await invoke('files:register', { name, source: { kind: 'path', path } });
  expect(registered).toMatchObject({ ok: true, value: { forPatientId: patient.id } });
  return (registered as { value: { fileId: string } }).value.fileId;
}

const enqueue = (patientId: string, fileId: string) =>
  invoke('outbox:enqueue', { patientId, documents: [{ fileId, title: 'Labs', date: '2026-11-20', targetId: documentType }] });

describe('a dropped file is bound to its patient in main, whatever the renderer asks', () => {
  it('refuses to file it for the patient now in the banner, and files it for the one it was dropped for', async () => {
    const fileId = await dropFor(older, 'older.pdf');
    expect(await invoke('patients:select', { patientId: younger.id })).toMatchObject({ ok: true });
    expect(await enqueue(younger.id, fileId)).toMatchObject({ ok: false, error: { kind: 'validation', field: 'patientId' } });
    // The refusal took nothing: the file can still be filed where it belongs.
    const filed = await enqueue(older.id, fileId);
    expect(filed).toMatchObject({ ok: true, value: [{ patient: { id: older.id, birthDate: older.birthDate } }] });
  });

  it('moves a file only to the patient in the banner, as its own request', async () => {
    const fileId = await dropFor(younger, 'younger.pdf');
    expect(await invoke('files:moveToPatient', { patientId: older.id, fileIds: [fileId] })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await invoke('patients:select', { patientId: older.id })).toMatchObject({ ok: true });
    expect(await invoke('files:moveToPatient', { patientId: older.id, fileIds: [fileId] })).toMatchObject({ ok: true, value: [{ fileId, forPatientId: older.id }] });
    expect(await enqueue(younger.id, fileId)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await enqueue(older.id, fileId)).toMatchObject({ ok: true });
  });

  it('registers nothing while no patient is in the banner', async () => {
    expect(await invoke('auth:signOut', null)).toMatchObject({ ok: true });
    expect(await invoke('outbox:list', null)).toMatchObject({ ok: true, value: { items: [], counts: { waiting: expect.any(Number) } } });
    expect((await createHandlers(core)['auth:signIn'](null)).state).toBe('signed-in');
    const path = join(dataDir, 'nobody.pdf');
    await writeFile(path, samplePdf('nobody'));
    expect(await invoke('files:register', { name: 'nobody.pdf', source: { kind: 'path', path } })).toMatchObject({ ok: false, error: { field: 'patientId' } });
  });
});
