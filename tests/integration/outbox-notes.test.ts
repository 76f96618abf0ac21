import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PatientSummary } from '../../main/emr/model.js';
import type { NoteRequest } from '../../main/outbox/outbox.js';
import type { Sandbox } from '../../sandbox/index.js';
import { signInForTests } from '../../sandbox/sign-in-for-tests.js';
import { OutboxRig, patientCursor, useOutboxSandbox } from '../support/outbox-rig.js';
import { filedNotes, untilTokenRefused } from '../support/outbox-server-checks.js';
import { TestSession } from '../support/outbox-session.js';

const DOCUMENT_REFERENCE = '/fhir/R4/DocumentReference';
const PROGRESS_NOTE = { id: 'http://loinc.org|11506-3', label: 'Progress note' };

/** A note of its own words each time, so a match on the server can only be this note. */
function note(marker: string, changes: Partial<NoteRequest> = {}): NoteRequest {
  return {
    noteType: PROGRESS_NOTE,
    title: `Follow-up ${marker}`,
    date: '2026-11-20',
    content: { kind: 'text', text: `Seen for ${marker} (${randomUUID()}).\nBP 128/82 — continue “current” plan; review in 2 weeks.` },
    idempotencyKey: randomUUID(),
    ...changes,
  };
}

function textOf(request: NoteRequest): string {
  if (request.content.kind !== 'text') throw new Error('the FHIR sandbox takes one text');
  return request.content.text;
}

/** The patient's progress notes on the server holding exactly this text. */
async function progressNotesWith(sandbox: Sandbox, patient: PatientSummary, text: string) {
  return (await filedNotes(sandbox, patient.id)).filter((n) => n.type === PROGRESS_NOTE.id && n.text === text);
}

describe('notes through the outbox over real HTTP', () => {
  let sandbox: Sandbox;
  let session: TestSession;
  let rig: OutboxRig;
  const nextPatient = patientCursor(() => sandbox);
  const posts = () => sandbox.requests.entries.filter((r) => r.method === 'POST' && r.path === DOCUMENT_REFERENCE);

  useOutboxSandbox({ patientCount: 20 }, (s, t) => {
    sandbox = s;
    session = t!;
  }, () => rig);

  it('files a note as one text/plain DocumentReference of its LOINC type, with exactly its words', async () => {
    rig = await OutboxRig.start(sandbox, session);
    const patient = nextPatient();
    const request = note('plain filing');
    const queued = await rig.outbox.enqueueNote(patient, request);
    const sent = await rig.untilState(queued.id, 'sent');
    expect(sent).toMatchObject({ kind: 'note', title: request.title, targetLabel: 'Progress note', attempts: 1 });
    const onServer = await filedNotes(sandbox, patient.id);
    expect(onServer).toEqual([{ id: sent.emrId, type: PROGRESS_NOTE.id, text: textOf(request), contentType: 'text/plain; charset=utf-8', identifier: request.idempotencyKey }]);
  });

  it('files a note exactly once through two injected 500s, replaying its key', async () => {
    rig = await OutboxRig.start(sandbox, session);
    sandbox.faults.add({ method: 'POST', path: DOCUMENT_REFERENCE, kind: 'status-500', times: 2 });
    const patient = nextPatient();
    const request = note('five hundred');
    const queued = await rig.outbox.enqueueNote(patient, request);
    const sent = await rig.untilState(queued.id, 'sent');
    expect(sent.attempts).toBe(3);
    expect(posts().map((r) => r.status)).toEqual([500, 500, 201]);
    const filed = await progressNotesWith(sandbox, patient, textOf(request));
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ id: sent.emrId, identifier: request.idempotencyKey });
  });

  it('files a note exactly once when the server stores it and the answer is lost, finding it instead of sending again', async () => {
    rig = await OutboxRig.start(sandbox, session);
    sandbox.faults.add({ method: 'POST', path: DOCUMENT_REFERENCE, kind: 'reset-after', times: 1 });
    const patient = nextPatient();
    const request = note('commit then drop');
    const queued = await rig.outbox.enqueueNote(patient, request);
    const sent = await rig.untilState(queued.id, 'sent');
    // One POST only: the retry asked the server by the note's key and found it.
    expect(posts().map((r) => r.status)).toEqual([201]);
    expect(sent.attempts).toBe(2);
    const onServer = await filedNotes(sandbox, patient.id);
    expect(onServer).toHaveLength(1);
    expect(onServer[0]).toMatchObject({ id: sent.emrId, type: PROGRESS_NOTE.id, text: textOf(request), identifier: request.idempotencyKey });
  });

  it('files one note for a double-clicked Send, and a second note for the same words under a new key', async () => {
    rig = await OutboxRig.start(sandbox, session, { startPaused: true });
    const patient = nextPatient();
    const first = note('written twice');
    const [queued, doubleClick] = await Promise.all([rig.outbox.enqueueNote(patient, first), rig.outbox.enqueueNote(patient, first)]);
    const again = await rig.outbox.enqueueNote(patient, { ...first, idempotencyKey: randomUUID() });
    expect(doubleClick.id).toBe(queued.id);
    expect(again.id).not.toBe(queued.id);
    rig.outbox.setPaused(false);
    const sent = [await rig.untilState(queued.id, 'sent'), await rig.untilState(again.id, 'sent')];
    const filed = await progressNotesWith(sandbox, patient, textOf(first));
    expect(filed.map((n) => n.id).sort()).toEqual(sent.map((s) => s.emrId).sort());
    expect(filed).toHaveLength(2);
    expect(posts()).toHaveLength(2);
  });
});

describe('notes through the outbox when the session ends', () => {
  const TOKEN_TTL_SECONDS = 2;
  let sandbox: Sandbox;
  let rig: OutboxRig;
  const nextPatient = patientCursor(() => sandbox);

  useOutboxSandbox({ patientCount: 5, accessTokenTtlSeconds: TOKEN_TTL_SECONDS, signIn: false }, (s) => {
    sandbox = s;
  }, () => rig);

  it('holds a note as signed out, losing nothing, and files it once after signing in again', async () => {
    const session = new TestSession(await signInForTests(sandbox, { login: 'reception' }));
    rig = await OutboxRig.start(sandbox, session);
    await sandbox.revokeGrants('reception');
    await untilTokenRefused(sandbox, await session.accessToken(), (TOKEN_TTL_SECONDS + 5) * 1000);
    const patient = nextPatient();
    const request = note('signed out');
    const queued = await rig.outbox.enqueueNote(patient, request);
    await rig.until(() => rig.outbox.summary().pausedReason === 'signed-out');
    expect(session.signedIn).toBe(false);
    expect(rig.item(queued.id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await filedNotes(sandbox, patient.id)).toEqual([]);

    session.signInAgain(await signInForTests(sandbox, { login: 'reception' }));
    rig.outbox.setPaused(false);
    const sent = await rig.untilState(queued.id, 'sent');
    const filed = await progressNotesWith(sandbox, patient, textOf(request));
    expect(filed).toHaveLength(1);
    expect(filed[0]?.id).toBe(sent.emrId);
  });
});
