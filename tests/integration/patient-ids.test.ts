import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../main/core/app-core-types.js';
import type { dispatch } from '../../main/ipc/dispatch.js';
import { startSignedInCore } from '../support/signed-in-core.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

let sandbox: Sandbox;
let dataDir: string;
let core: AppCore;
let invoke: (channel: string, input: unknown) => ReturnType<typeof dispatch>;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ core, dataDir, invoke } = await startSignedInCore(sandbox, 'patient-ids'));
});
afterAll(async () => {
  await core?.dispose();
  await sandbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('patient ids over IPC, against the sandbox over HTTP', () => {
  it('refuses dot segments, 1 MB, control, bidi and path ids, leaving the banner and the recent list as they were', async () => {
    const [first, second] = sandbox.fhir.seed.patients;
    for (const patient of [second!, first!]) expect(await invoke('patients:select', { patientId: patient.id })).toMatchObject({ ok: true });
    const active = await invoke('patients:active', null);
    const recent = await invoke('patients:recent', null);
    expect(active).toMatchObject({ ok: true, value: { id: first!.id } });
    const requestsBefore = sandbox.requests.entries.length;

    for (const patientId of ['.', '..', 'a'.repeat(1024 * 1024), `${first!.id}\u0000`, `${first!.id}\r\nX: 1`, `pt-\u202e1000`, `${second!.id}/_history`, '_search', '']) {
      const outcome = await invoke('patients:select', { patientId });
      expect(outcome, JSON.stringify(patientId.slice(0, 20))).toMatchObject({ ok: false, error: { kind: 'validation', field: 'patientId' } });
      expect(await invoke('documents:list', { patientId })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }

    expect(await invoke('patients:active', null)).toEqual(active);
    expect(await invoke('patients:recent', null)).toEqual(recent);
    // Refused at the boundary: none of them reached the EMR.
    expect(sandbox.requests.entries.length).toBe(requestsBefore);
  });

  it('still opens a patient whose id is valid but unknown as not-found, without changing the banner', async () => {
    const active = await invoke('patients:active', null);
    expect(await invoke('patients:select', { patientId: 'pt-9999999' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await invoke('patients:active', null)).toEqual(active);
  });
});
