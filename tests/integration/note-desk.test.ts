import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../main/core/app-core-types.js';
import type { dispatch } from '../../main/ipc/dispatch.js';
import { startSandbox, type PatientFact, type Sandbox } from '../../sandbox/index.js';
import { startSignedInCore } from '../support/signed-in-core.js';

let sandbox: Sandbox;
let dataDir: string;
let core: AppCore;
let invoke: (channel: string, input: unknown) => ReturnType<typeof dispatch>;
let first: PatientFact;
let second: PatientFact;

beforeAll(async () => {
  sandbox = await startSandbox();
  [first, second] = sandbox.fhir.seed.sameNameDifferentBirthDatePairs[0]!;
  ({ core, dataDir, invoke } = await startSignedInCore(sandbox, 'note-desk'));
});
afterAll(async () => {
  await core?.dispose();
  await sandbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const PROGRESS_NOTE = 'http://loinc.org|11506-3';
const note = (text: string) => ({ noteTypeId: PROGRESS_NOTE, title: 'Follow-up', content: { kind: 'text', text } });
const value = <T>(outcome: Awaited<ReturnType<typeof dispatch>>): T => {
  if (!outcome.ok) throw new Error(`expected ok, got ${JSON.stringify(outcome.error)}`);
  return outcome.value as T;
};
const select = async (patient: PatientFact) => expect(await invoke('patients:select', { patientId: patient.id })).toMatchObject({ ok: true });

async function untilFiled(id: string): Promise<void> {
  await expect
    .poll(async () => value<{ items: { id: string; state: string }[] }>(await invoke('outbox:list', null)).items.find((i) => i.id === id)?.state, { timeout: 20_000, interval: 100 })
    .toBe('sent');
}

async function notesOf(patientId: string, text: string) {
  const docs = await sandbox.fhir.search('DocumentReference', { patient: patientId });
  return docs.filter((d) => Buffer.from(d.content[0]?.attachment.data ?? '', 'base64').toString('utf8') === text);
}

describe('encounter notes through the core, at the IPC boundary', () => {
  it('keeps a draft per patient, and a change of banner leaves each draft with its own patient', async () => {
    await select(first);
    const saved = value<{ draft: { noteKey: string } }>(await invoke('notes:saveDraft', { patientId: first.id, note: note('First patient’s draft — BP 120/80') }));
    await select(second);
    // The last keystrokes for the first patient may arrive after the banner changed: they stay theirs.
    value(await invoke('notes:saveDraft', { patientId: first.id, noteKey: saved.draft.noteKey, note: note('First patient’s draft — BP 122/80') }));
    expect(value(await invoke('notes:draft', { patientId: second.id }))).toBeNull();
    expect(value(await invoke('notes:draft', { patientId: first.id }))).toMatchObject({ noteKey: saved.draft.noteKey, content: { text: 'First patient’s draft — BP 122/80' } });
    const listed = value<{ drafts: { patientId: string; patientLabel: { name: string } }[] }>(await invoke('notes:drafts', null));
    expect(listed.drafts).toEqual([expect.objectContaining({ patientId: first.id, patientLabel: expect.objectContaining({ birthDate: first.birthDate }) })]);
  });

  it('sends a note only for the patient in the banner', async () => {
    await select(second);
    expect(await invoke('notes:send', { patientId: first.id, note: note('Not for the banner') })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'patientId' } });
  });

  it('refuses what the rules refuse, naming the field, before anything is queued', async () => {
    await select(first);
    expect(await invoke('notes:send', { patientId: first.id, note: note('   ') })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'text' } });
    expect(await invoke('notes:send', { patientId: first.id, note: { ...note('Words'), noteTypeId: 'http://loinc.org|0000-0' } })).toMatchObject({ ok: false, error: { field: 'noteTypeId' } });
  });

  it('queues a note once however often Send arrives, files exactly its words, and then forgets the draft', async () => {
    await select(first);
    const text = `Doing well — São Paulo trip “fine” ${Date.now()}`;
    const { draft } = value<{ draft: { noteKey: string } }>(await invoke('notes:saveDraft', { patientId: first.id, note: note(text) }));
    const sends = await Promise.all([1, 2, 3].map(() => invoke('notes:send', { patientId: first.id, noteKey: draft.noteKey, note: note(text) })));
    const ids = new Set(sends.map((s) => value<{ id: string }>(s).id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(value(await invoke('notes:draft', { patientId: first.id }))).toBeNull();
    // A save that arrives after the send (a debounce that fired late) does not bring the draft back.
    expect(value(await invoke('notes:saveDraft', { patientId: first.id, noteKey: draft.noteKey, note: note(text) }))).toMatchObject({ draft: null });
    await untilFiled(id!);
    const filed = await notesOf(first.id, text);
    expect(filed).toHaveLength(1);
    expect(filed[0]?.type?.coding?.[0]?.code).toBe('11506-3');
    expect(await notesOf(second.id, text)).toHaveLength(0);
  });

  it('files the same words written twice on purpose as two notes', async () => {
    await select(second);
    const text = `Called back, no answer ${Date.now()}`;
    const one = value<{ id: string }>(await invoke('notes:send', { patientId: second.id, note: note(text) }));
    const two = value<{ id: string }>(await invoke('notes:send', { patientId: second.id, note: note(text) }));
    expect(one.id).not.toBe(two.id);
    await untilFiled(one.id);
    await untilFiled(two.id);
    expect(await notesOf(second.id, text)).toHaveLength(2);
  });

  it('keeps no note text or patient name in plain text under the data folder', async () => {
    await select(first);
    const secret = `Plaintext probe ${Date.now()} – allergic to penicillin`;
    value(await invoke('notes:saveDraft', { patientId: first.id, note: note(secret) }));
    await core.notes.flush();
    const names = await readdir(dataDir, { recursive: true });
    for (const name of names) {
      const bytes = await readFile(join(dataDir, name)).catch(() => undefined);
      if (!bytes) continue;
      for (const needle of [secret, first.family]) {
        expect(bytes.includes(Buffer.from(needle, 'utf8')), `${name} holds "${needle}"`).toBe(false);
        expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${name} holds "${needle}" (UTF-16)`).toBe(false);
      }
    }
  });

  it('shows no drafts to a window nobody is signed in to', async () => {
    expect(await invoke('auth:signOut', null)).toMatchObject({ ok: true });
    expect(await invoke('notes:drafts', null)).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(await invoke('notes:draft', { patientId: first.id })).toMatchObject({ ok: false });
  });
});
