import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../main/core/app-core.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import type { AppCore } from '../../main/core/app-core-types.js';
import { createAesGcmCipher } from '../../main/store/cipher.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import type { ClinicProfile } from '../../main/profiles/clinic-profile.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { samplePdf } from '../support/documents.js';
import { FakeBrowser } from './auth-harness.js';

let north: Sandbox;
let south: Sandbox;
let dataDir: string;
let core: AppCore;
let activeId = 'north';
const key = randomBytes(32);

function clinic(sandbox: Sandbox, id: string, name: string): ClinicProfile {
  return { ...demoProfile(sandbox), id, name };
}

let profiles: ClinicProfile[];

async function openCore(): Promise<AppCore> {
  const browsers = new Map([
    [north.origin, new FakeBrowser(north, { login: 'physician' })],
    [south.origin, new FakeBrowser(south, { login: 'reception' })],
  ]);
  return createAppCore({
    // Electron's kind of file source: a path the preload resolved from a dropped File.
    shell: 'electron',
    version: 'test',
    dataDir,
    cipher: createAesGcmCipher(key),
    openExternal: (url) => browsers.get(new URL(url).origin)?.openExternal(url) ?? Promise.reject(new Error('unknown server')),
    profile: profiles.find((p) => p.id === activeId) ?? profiles[0]!,
    profiles: { list: () => profiles, setActive: (id) => void (activeId = id) },
    demo: false,
  });
}

async function until(predicate: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!(await predicate())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  [north, south] = await Promise.all([startSandbox(), startSandbox({ seed: 2 })]);
  dataDir = await mkdtemp(join(tmpdir(), 'clinics-'));
  profiles = [clinic(north, 'north', 'North Clinic'), clinic(south, 'south', 'South Clinic')];
  core = await openCore();
});
afterAll(async () => {
  await core?.dispose();
  await Promise.all([north?.close(), south?.close()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('several clinics in one app', () => {
  it('keeps each clinic’s sign-in, patient and outbox apart, and files a queued document in its own clinic after a switch', async () => {
    const h = createHandlers(core);
    expect(await h['profiles:list'](null)).toEqual([
      { id: 'north', name: 'North Clinic', kind: 'fhir', active: true },
      { id: 'south', name: 'South Clinic', kind: 'fhir', active: false },
    ]);
    expect((await h['auth:signIn'](null)).user?.displayName).toBe(north.users.find((u) => u.login === 'physician')?.displayName);

    const patient = north.fhir.seed.patients[3]!;
    await h['patients:select']({ patientId: patient.id });
    await h['outbox:setPaused']({ paused: true });
    const path = join(dataDir, 'scan.pdf');
    await writeFile(path, samplePdf('north only'));
    const dropped = await h['files:register']({ name: 'scan.pdf', source: { kind: 'path', path } });
    const [queued] = await h['outbox:enqueue']({
      patientId: patient.id,
      documents: [{ fileId: dropped.fileId, title: 'Scan', date: '2026-11-24', targetId: 'http://loinc.org|34109-9' }],
    });

    const switched: string[] = [];
    const stop = core.subscribe((name, payload) => {
      if (name === 'app:profileChanged') switched.push((payload as { profile: { id: string } }).profile.id);
    });
    expect((await h['profiles:switch']({ profileId: 'south' })).profile.name).toBe('South Clinic');
    stop();
    expect(switched).toEqual(['south']);
    expect(activeId).toBe('south');
    // "Open in EMR" links are allowed for the clinic now shown, not the one the app started with.
    expect(core.activeEmrBaseUrl()).toBe(south.fhirBaseUrl);
    expect((await h['auth:status'](null)).state).toBe('signed-out');
    expect(await h['patients:active'](null)).toBeNull();
    expect((await h['outbox:list'](null)).items).toEqual([]);
    expect((await h['auth:signIn'](null)).user?.displayName).toBe(south.users.find((u) => u.login === 'reception')?.displayName);

    // Back to North: its session, patient and queue were waiting; the queued file goes to North only.
    await h['profiles:switch']({ profileId: 'north' });
    expect((await h['auth:status'](null)).user?.displayName).toBe(north.users.find((u) => u.login === 'physician')?.displayName);
    expect((await h['patients:active'](null))?.id).toBe(patient.id);
    await h['outbox:setPaused']({ paused: false });
    await until(async () => (await h['outbox:list'](null)).items.some((i) => i.id === queued?.id && i.state === 'sent'));
    const filedNorth = (await north.fhir.search('DocumentReference', { patient: `Patient/${patient.id}` })).filter((d) => d.description === 'Scan');
    const filedSouth = (await south.fhir.search('DocumentReference', {})).filter((d) => d.description === 'Scan');
    expect(filedNorth).toHaveLength(1);
    expect(filedSouth).toHaveLength(0);
  });

  it('restores both clinics’ sessions from the encrypted vault after a restart, each with its own grant', async () => {
    await core.dispose();
    const vault = await readFile(join(dataDir, 'secrets.json'), 'utf8');
    expect(Object.keys(JSON.parse(vault) as object).sort()).toEqual(['profile:north:grant', 'profile:south:grant']);
    core = await openCore();
    expect((await createHandlers(core)['auth:status'](null)).state).toBe('signed-in');
    await createHandlers(core)['profiles:switch']({ profileId: 'south' });
    expect((await createHandlers(core)['auth:status'](null)).user?.displayName).toBe(south.users.find((u) => u.login === 'reception')?.displayName);
    await createHandlers(core)['auth:signOut'](null);
    await createHandlers(core)['profiles:switch']({ profileId: 'north' });
    expect((await createHandlers(core)['auth:status'](null)).state).toBe('signed-in');
  });

  it('keeps an audit log of sign-ins and filings with ids and staff names, never patient names', async () => {
    // Sign-in changes are recorded as they happen, without holding up the sign-out that caused them.
    await until(async () => (await readFile(join(dataDir, 'audit.jsonl'), 'utf8')).includes('"signed-out"'));
    const lines = (await readFile(join(dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'signed-in', profileId: 'north' }),
      expect.objectContaining({ action: 'signed-in', profileId: 'south' }),
      expect.objectContaining({ action: 'document-filed', profileId: 'north', patientId: north.fhir.seed.patients[3]!.id }),
      expect.objectContaining({ action: 'signed-out', profileId: 'south' }),
    ]));
    const patient = north.fhir.seed.patients[3]!;
    const text = JSON.stringify(lines);
    expect(text).not.toContain(patient.family);
    expect(text).not.toContain(patient.birthDate);
  });

  it('refuses to switch to a clinic that is not configured', async () => {
    await expect(createHandlers(core)['profiles:switch']({ profileId: 'west' })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
