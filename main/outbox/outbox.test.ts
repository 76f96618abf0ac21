import { existsSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentUpload, EmrConnector, NoteUpload, WriteResult } from '../emr/connector.js';
import { EmrError } from '../shared/errors.js';
import { AuditLog } from '../store/audit-log.js';
import { createAesGcmCipher, type SecretCipher } from '../store/cipher.js';
import { EntryStore } from './entry-store.js';
import { Outbox, type NoteRequest, type OutboxOptions } from './outbox.js';
import { OutboxEntrySchema, type OutboxEntry } from './outbox-entry.js';

const amelie = { id: 'p1', displayName: 'Tremblay, Amélie', familyName: 'Tremblay', givenNames: 'Amélie', identifiers: [{ label: 'MRN', value: 'MRN-1' }] };
const bob = { id: 'p2', displayName: 'Smith, Bob', familyName: 'Smith', givenNames: 'Bob', identifiers: [] };

/** A connector double: each call takes the next scripted answer. */
class ScriptedConnector {
  uploads: DocumentUpload[] = [];
  lookups = 0;
  uploadScript: Array<(u: DocumentUpload) => Promise<WriteResult>> = [];
  lookupScript: Array<WriteResult | null | 'unknown'> = [];
  notes: NoteUpload[] = [];
  noteLookups: NoteUpload[] = [];
  noteScript: Array<(n: NoteUpload) => Promise<WriteResult>> = [];
  noteLookupScript: Array<WriteResult | null | 'unknown'> = [];

  asConnector(): EmrConnector {
    return {
      uploadDocument: (u: DocumentUpload) => {
        this.uploads.push(u);
        const next = this.uploadScript.shift();
        return next ? next(u) : Promise.resolve({ emrId: `doc-${this.uploads.length}`, alreadyFiled: false });
      },
      findFiledDocument: async () => {
        this.lookups += 1;
        return this.lookupScript.shift() ?? null;
      },
      createNote: (n: NoteUpload) => {
        this.notes.push(n);
        const next = this.noteScript.shift();
        return next ? next(n) : Promise.resolve({ emrId: `note-${this.notes.length}`, alreadyFiled: false });
      },
      findFiledNote: async (n: NoteUpload) => {
        this.noteLookups.push(n);
        return this.noteLookupScript.shift() ?? null;
      },
    } as unknown as EmrConnector;
  }
}

const NOTE_TEXT = 'Patient reports improved sleep since the dose change; reviewed labs, continue plan.';
const PROGRESS_NOTE = { id: 'http://loinc.org|11506-3', label: 'Progress note' };

function noteRequest(changes: Partial<NoteRequest> = {}): NoteRequest {
  return { noteType: PROGRESS_NOTE, title: 'Follow-up', date: '2026-11-20', content: { kind: 'text', text: NOTE_TEXT }, idempotencyKey: randomUUID(), ...changes };
}

let dir: string;
let source: string;
let connector: ScriptedConnector;
let signedIn: boolean;
let outbox: Outbox;
let store: EntryStore;
/** A real AES-GCM cipher with a test key, as the app's own would seal the entries. */
let cipher: SecretCipher;

/** An entry as it is on disk right now, unsealed with the test key. */
async function storedEntry(id: string): Promise<OutboxEntry> {
  const raw = JSON.parse(await readFile(join(store.entriesDir, `${id}.json`), 'utf8')) as { sealed: string };
  return OutboxEntrySchema.parse(JSON.parse(cipher.decrypt(Buffer.from(raw.sealed, 'base64'))));
}

/** Every byte the outbox and the audit log hold on disk, as one buffer. */
async function everyByteOnDisk(): Promise<Buffer> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = names.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
  return Buffer.concat(await Promise.all(files.map((f) => readFile(f))));
}

function makeOutbox(options: Partial<OutboxOptions> = {}): Outbox {
  return new Outbox({
    store,
    audit: new AuditLog(join(dir, 'audit.jsonl')),
    profileId: 'demo',
    connectorKind: 'fhir',
    connector: () => connector.asConnector(),
    isSignedIn: () => signedIn,
    random: () => 0,
    ...options,
  });
}

/** Saves of the `sending` state take a while, as on a slow disk. */
class SlowSendingStore extends EntryStore {
  override async save(entry: OutboxEntry): Promise<void> {
    if (entry.state === 'sending') await new Promise((r) => setTimeout(r, 50));
    await super.save(entry);
  }
}

async function settle(predicate: () => boolean, timeoutMs = 4000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function request(title = 'Scan') {
  return { file: { path: source, name: 'scan.pdf', size: 8, mime: 'application/pdf', transferred: false }, title, date: '2026-11-20', target: { id: 't', label: 'Note' } };
}

const stateOf = (id: string) => outbox.summary().items.find((i) => i.id === id)?.state;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-'));
  cipher = createAesGcmCipher(randomBytes(32));
  store = new EntryStore(join(dir, 'outbox'), cipher);
  source = join(dir, 'scan.pdf');
  await writeFile(source, '%PDF-1.4');
  connector = new ScriptedConnector();
  signedIn = true;
  outbox = makeOutbox();
  await outbox.start();
});
afterEach(async () => {
  await outbox.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('Outbox', () => {
  it('writes the entry to disk, with its own copy of the file, before the first byte is sent', async () => {
    let onDiskAtSend: OutboxEntry | undefined;
    connector.uploadScript.push(async (u) => {
      onDiskAtSend = await storedEntry(outbox.summary().items[0]?.id ?? '');
      expect(existsSync(u.file.path)).toBe(true);
      return { emrId: 'doc-1', alreadyFiled: false };
    });
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    await rm(source); // deleting the original after the drop loses nothing
    await settle(() => stateOf(item!.id) === 'sent');
    expect(onDiskAtSend).toMatchObject({ state: 'sending', patient: { id: 'p1' }, file: { size: 8, mime: 'application/pdf' } });
    expect(onDiskAtSend?.kind === 'document' && onDiskAtSend.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    await settle(() => !existsSync(store.filePath(item!.id))); // the copy is removed once sent
  });

  it('gives each entry its own idempotency key, kept across retries: the same file filed twice on purpose is two documents', async () => {
    connector.uploadScript.push(async () => {
      throw new EmrError('transient', 'HTTP 503', { status: 503, retryAfterMs: 10 });
    });
    const [first] = await outbox.enqueueDocuments(amelie, [request('Scan')]);
    const [second] = await outbox.enqueueDocuments(amelie, [request('Scan, again')]);
    await settle(() => stateOf(first!.id) === 'sent' && stateOf(second!.id) === 'sent');
    const keys = connector.uploads.map((u) => u.idempotencyKey);
    expect(keys).toHaveLength(3);
    // The retry of the first replays its key; the second filing has a key of its own.
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(outbox.summary().items.map((i) => i.emrId).sort()).toEqual(['doc-2', 'doc-3']);
  });

  it('fails a stored-something-else mismatch at once, and a retry files it under a new key', async () => {
    connector.uploadScript.push(async () => {
      throw new EmrError('mismatch', 'sent 8 bytes, the EMR holds 12');
    });
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    await settle(() => stateOf(item!.id) === 'failed');
    expect(connector.uploads).toHaveLength(1);
    expect(outbox.summary().items[0]?.error?.kind).toBe('mismatch');
    await outbox.retry(item!.id);
    await settle(() => stateOf(item!.id) === 'sent');
    // The damaged copy under the first key must not be mistaken for this filing.
    expect(connector.lookups).toBe(0);
    expect(connector.uploads[1]?.idempotencyKey).not.toBe(connector.uploads[0]?.idempotencyKey);
  });

  it('does not retry a fault in ChartDrop itself', async () => {
    connector.uploadScript.push(async () => {
      throw new TypeError('Cannot read properties of undefined');
    });
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    await settle(() => stateOf(item!.id) === 'failed');
    expect(connector.uploads).toHaveLength(1);
    expect(outbox.summary().items[0]?.error).toEqual({ kind: 'internal', message: 'Unexpected TypeError in ChartDrop.' });
  });

  it('retries a rate-limited upload after Retry-After, checking first that the earlier attempt did not land', async () => {
    connector.uploadScript.push(async () => {
      throw new EmrError('rate-limited', 'Busy', { retryAfterMs: 30 });
    });
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    await settle(() => stateOf(item!.id) === 'sent');
    expect(connector.uploads).toHaveLength(2);
    expect(connector.lookups).toBe(1);
    expect(outbox.summary().items[0]?.attempts).toBe(2);
  });

  it('does not send again when the lookup finds the document already filed', async () => {
    connector.uploadScript.push(async () => {
      throw new EmrError('rate-limited', 'Busy', { retryAfterMs: 10 });
    });
    connector.lookupScript.push({ emrId: 'doc-existing', alreadyFiled: true });
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    await settle(() => stateOf(item!.id) === 'sent');
    expect(connector.uploads).toHaveLength(1);
    expect(outbox.summary().items[0]?.emrId).toBe('doc-existing');
  });

  it('marks an entry for review when the server cannot tell whether an earlier attempt landed', async () => {
    connector.uploadScript.push(async () => {
      throw new EmrError('transient', 'reset', { retryAfterMs: 10 });
    });
    connector.lookupScript.push('unknown');
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    await settle(() => stateOf(item!.id) === 'needs-review');
    expect(connector.uploads).toHaveLength(1);
  });

  it('fails at once on a validation error, with the reason', async () => {
    connector.uploadScript.push(async () => {
      throw new EmrError('validation', 'The EMR refused the request. Bad date.');
    });
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    await settle(() => stateOf(item!.id) === 'failed');
    expect(outbox.summary().items[0]).toMatchObject({ attempts: 1, error: { kind: 'validation', message: 'The EMR refused the request. Bad date.' } });
  });

  it('sends one patient’s documents in drop order while another patient’s go ahead', async () => {
    let release: () => void = () => undefined;
    connector.uploadScript.push(() => new Promise((resolve) => { release = () => resolve({ emrId: 'first', alreadyFiled: false }); }));
    const [first, second] = await outbox.enqueueDocuments(amelie, [request('one'), request('two')]);
    const [other] = await outbox.enqueueDocuments(bob, [request('bob')]);
    await settle(() => stateOf(other!.id) === 'sent' && connector.uploads.some((u) => u.title === 'one'));
    expect(stateOf(first!.id)).toBe('sending');
    expect(stateOf(second!.id)).toBe('queued');
    release();
    await settle(() => stateOf(second!.id) === 'sent');
    expect(connector.uploads.map((u) => u.title)).toEqual(['one', 'bob', 'two']);
  });

  it('pauses everything when the session has ended, without counting the attempt', async () => {
    signedIn = false;
    connector.uploadScript.push(async () => {
      throw new EmrError('auth', 'Signed out');
    });
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    await settle(() => outbox.summary().pausedReason === 'signed-out');
    expect(outbox.summary().items[0]).toMatchObject({ state: 'queued', attempts: 0 });
    signedIn = true;
    outbox.setPaused(false);
    await settle(() => stateOf(item!.id) === 'sent');
  });

  it('after a crash mid-send, verifies with the server instead of sending blindly', async () => {
    // Never answers until the process goes away: the "crash" happens here.
    connector.uploadScript.push((u) => new Promise((_resolve, reject) => {
      if (u.signal?.aborted) reject(new Error('aborted'));
      u.signal?.addEventListener('abort', () => reject(new Error('aborted')));
    }));
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    await settle(() => connector.uploads.length === 1);
    await outbox.dispose();
    connector.lookupScript.push({ emrId: 'landed', alreadyFiled: true });
    outbox = makeOutbox();
    await outbox.start();
    await settle(() => stateOf(item!.id) === 'sent');
    expect(connector.uploads).toHaveLength(1);
    expect(outbox.summary().items[0]?.emrId).toBe('landed');
    // The attempt cut short by the crash does not count towards giving up.
    expect(outbox.summary().items[0]?.attempts).toBe(1);
  });

  it('starts an entry once even when the queue is rescheduled while its sending state is still being saved', async () => {
    await outbox.dispose();
    store = new SlowSendingStore(join(dir, 'outbox'), cipher);
    outbox = makeOutbox();
    await outbox.start();
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    outbox.setPaused(false); // reschedules while the first send is saving `sending`
    await settle(() => stateOf(item!.id) === 'sent');
    expect(connector.uploads).toHaveLength(1);
  });

  it('keeps sent copies for the set number of days, then removes them after a later send or at start', async () => {
    await outbox.dispose();
    let now = new Date('2026-11-20T10:00:00Z');
    const keepTwoDays = { keepSentCopiesDays: 2, now: () => now };
    outbox = makeOutbox(keepTwoDays);
    await outbox.start();
    const [first] = await outbox.enqueueDocuments(amelie, [request('first')]);
    await settle(() => stateOf(first!.id) === 'sent');
    expect(existsSync(store.filePath(first!.id))).toBe(true);

    now = new Date('2026-11-22T10:00:01Z');
    const [second] = await outbox.enqueueDocuments(bob, [request('second')]);
    await settle(() => stateOf(second!.id) === 'sent' && !existsSync(store.filePath(first!.id)));
    expect(existsSync(store.filePath(second!.id))).toBe(true);

    await outbox.dispose();
    now = new Date('2026-11-24T10:00:01Z');
    outbox = makeOutbox(keepTwoDays);
    await outbox.start();
    expect(existsSync(store.filePath(second!.id))).toBe(false);
  });

  it('removes a copy left without an entry by a crash during the drop, and keeps copies still to be sent', async () => {
    outbox.setPaused(true);
    const [queued] = await outbox.enqueueDocuments(amelie, [request()]);
    await outbox.dispose();
    await writeFile(store.filePath('orphan'), 'half a copy');
    outbox = makeOutbox();
    outbox.setPaused(true);
    await outbox.start();
    expect(existsSync(store.filePath('orphan'))).toBe(false);
    expect(existsSync(store.filePath(queued!.id))).toBe(true);
  });

  it('cancels a queued item and removes its copy', async () => {
    outbox.setPaused(true);
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    const cancelled = await outbox.cancel(item!.id);
    expect(cancelled.state).toBe('cancelled');
    expect(existsSync(store.filePath(item!.id))).toBe(false);
  });

  it('moves an unreadable entry and its copy to quarantine and still starts the rest of the queue', async () => {
    outbox.setPaused(true);
    const [damaged, healthy] = await outbox.enqueueDocuments(amelie, [request('damaged'), request('healthy')]);
    await outbox.dispose();
    await writeFile(join(store.entriesDir, `${damaged!.id}.json`), '{"version": 1, "id": tor');
    outbox = makeOutbox();
    await outbox.start();
    await settle(() => stateOf(healthy!.id) === 'sent');
    expect(stateOf(damaged!.id)).toBeUndefined();
    expect(existsSync(join(store.quarantineDir, damaged!.id))).toBe(true);
    expect(existsSync(join(store.quarantineDir, `${damaged!.id}.json`))).toBe(true);
  });

  it('forgets finished entries, which name the patient, after a day; the audit log keeps the record', async () => {
    await outbox.dispose();
    let now = new Date('2026-11-20T10:00:00Z');
    outbox = makeOutbox({ now: () => now, currentUser: () => 'Dr. Test' });
    await outbox.start();
    const [filed] = await outbox.enqueueDocuments(amelie, [request()]);
    await settle(() => stateOf(filed!.id) === 'sent');
    await outbox.dispose();

    now = new Date('2026-11-20T18:00:00Z');
    outbox = makeOutbox({ now: () => now });
    await outbox.start();
    expect(stateOf(filed!.id)).toBe('sent');
    await outbox.dispose();

    now = new Date('2026-11-21T10:00:01Z');
    outbox = makeOutbox({ now: () => now });
    await outbox.start();
    expect(stateOf(filed!.id)).toBeUndefined();
    expect(existsSync(join(store.entriesDir, `${filed!.id}.json`))).toBe(false);
    const audit = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain(filed!.id);
    expect(audit).not.toContain('Amélie');
    expect(JSON.parse(audit.trim().split('\n')[0] ?? '{}')).toMatchObject({ action: 'document-filed', user: 'Dr. Test', patientId: 'p1' });
  });

  it('refuses to cancel an item a send has taken, even before its sending state is saved', async () => {
    await outbox.dispose();
    store = new SlowSendingStore(join(dir, 'outbox'), cipher);
    outbox = makeOutbox();
    await outbox.start();
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    expect(stateOf(item!.id)).toBe('queued'); // the slow save of `sending` is still under way
    await expect(outbox.cancel(item!.id)).rejects.toMatchObject({ kind: 'validation' });
    await settle(() => stateOf(item!.id) === 'sent');
    expect(connector.uploads).toHaveLength(1);
  });
});

describe('Outbox notes', () => {
  it('files a note from its durable entry: the patient’s ids, the type, the words and the key reach the connector once', async () => {
    const patient = { ...amelie, ids: { pid: '42' } };
    let onDiskAtSend: OutboxEntry | undefined;
    connector.noteScript.push(async () => {
      onDiskAtSend = await storedEntry(outbox.summary().items[0]?.id ?? '');
      return { emrId: 'note-1', alreadyFiled: false };
    });
    const note = noteRequest();
    const queued = await outbox.enqueueNote(patient, note);
    expect(queued).toMatchObject({ kind: 'note', state: 'queued', title: 'Follow-up', targetLabel: 'Progress note', sentBytes: 0 });
    expect(queued).not.toHaveProperty('fileName');
    expect(queued).not.toHaveProperty('size');
    await settle(() => stateOf(queued.id) === 'sent');

    expect(onDiskAtSend).toMatchObject({ kind: 'note', state: 'sending', ambiguous: true, patient: { id: 'p1', ids: { pid: '42' } }, noteType: PROGRESS_NOTE, content: note.content, idempotencyKey: note.idempotencyKey });
    expect(connector.notes).toHaveLength(1);
    expect(connector.notes[0]).toMatchObject({ patient: { id: 'p1', ids: { pid: '42' } }, typeId: PROGRESS_NOTE.id, title: 'Follow-up', date: '2026-11-20', content: note.content, idempotencyKey: note.idempotencyKey });
    expect(connector.uploads).toHaveLength(0);
    expect(outbox.summary().items[0]).toMatchObject({ kind: 'note', emrId: 'note-1', state: 'sent' });
  });

  it('records a filed note in the audit log by ids only: no words, no title, no patient name', async () => {
    await outbox.dispose();
    outbox = makeOutbox({ currentUser: () => 'Dr. Test' });
    await outbox.start();
    const queued = await outbox.enqueueNote(amelie, noteRequest({ title: 'Sleep follow-up' }));
    await settle(() => stateOf(queued.id) === 'sent');
    await outbox.dispose();
    const audit = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    expect(JSON.parse(audit.trim())).toEqual({ at: expect.any(String), action: 'note-filed', entryId: queued.id, profileId: 'demo', patientId: 'p1', emrId: 'note-1', user: 'Dr. Test' });
    for (const phi of [NOTE_TEXT, 'Sleep follow-up', 'Tremblay', 'Amélie']) expect(audit).not.toContain(phi);
  });

  it('queues a note once when the same key is sent twice, at once or after the first is on disk', async () => {
    outbox.setPaused(true);
    const note = noteRequest();
    const [first, doubleClick] = await Promise.all([outbox.enqueueNote(amelie, note), outbox.enqueueNote(amelie, note)]);
    const later = await outbox.enqueueNote(amelie, note);
    expect(doubleClick.id).toBe(first.id);
    expect(later.id).toBe(first.id);
    expect(outbox.summary().items).toHaveLength(1);
    expect(outbox.hasEntryWithKey(note.idempotencyKey)).toBe(true);
    outbox.setPaused(false);
    await settle(() => stateOf(first.id) === 'sent');
    expect(connector.notes).toHaveLength(1);
    // Still the same note once filed: a late repeat does not file it again.
    expect((await outbox.enqueueNote(amelie, note)).id).toBe(first.id);
    expect(connector.notes).toHaveLength(1);
  });

  it('files the same words under a new key as a second note', async () => {
    const first = await outbox.enqueueNote(amelie, noteRequest());
    const second = await outbox.enqueueNote(amelie, noteRequest());
    expect(second.id).not.toBe(first.id);
    await settle(() => stateOf(first.id) === 'sent' && stateOf(second.id) === 'sent');
    expect(connector.notes.map((n) => n.content)).toEqual([{ kind: 'text', text: NOTE_TEXT }, { kind: 'text', text: NOTE_TEXT }]);
    expect(new Set(connector.notes.map((n) => n.idempotencyKey)).size).toBe(2);
  });

  it('refuses a note key already queued for another patient', async () => {
    outbox.setPaused(true);
    const note = noteRequest();
    await outbox.enqueueNote(amelie, note);
    await expect(outbox.enqueueNote(bob, note)).rejects.toMatchObject({ kind: 'conflict' });
    expect(outbox.summary().items).toHaveLength(1);
  });

  it('queues a cancelled note’s key anew instead of answering with the cancelled entry', async () => {
    outbox.setPaused(true);
    const note = noteRequest();
    const cancelled = await outbox.enqueueNote(amelie, note);
    await outbox.cancel(cancelled.id);
    expect(outbox.hasEntryWithKey(note.idempotencyKey)).toBe(false);
    const again = await outbox.enqueueNote(amelie, note);
    expect(again.id).not.toBe(cancelled.id);
    expect(again.state).toBe('queued');
  });

  it('retries a note after a 503 with the same key, asking the EMR first whether it landed', async () => {
    connector.noteScript.push(async () => {
      throw new EmrError('transient', 'HTTP 503', { status: 503, retryAfterMs: 10 });
    });
    const note = noteRequest();
    const queued = await outbox.enqueueNote(amelie, note);
    await settle(() => stateOf(queued.id) === 'sent');
    expect(connector.notes.map((n) => n.idempotencyKey)).toEqual([note.idempotencyKey, note.idempotencyKey]);
    expect(connector.noteLookups.map((n) => n.idempotencyKey)).toEqual([note.idempotencyKey]);
    expect(outbox.summary().items[0]?.attempts).toBe(2);
  });

  it('does not send a note again when the lookup finds it filed, and audits it as already filed', async () => {
    connector.noteScript.push(async () => {
      throw new EmrError('unreachable', 'connection reset', { retryAfterMs: 10 });
    });
    connector.noteLookupScript.push({ emrId: 'note-landed', alreadyFiled: true });
    const queued = await outbox.enqueueNote(amelie, noteRequest());
    await settle(() => stateOf(queued.id) === 'sent');
    await outbox.dispose();
    expect(connector.notes).toHaveLength(1);
    expect(outbox.summary().items[0]?.emrId).toBe('note-landed');
    expect(await readFile(join(dir, 'audit.jsonl'), 'utf8')).toContain('"action":"note-already-filed"');
  });

  it('marks a note for review when the EMR cannot tell whether it landed', async () => {
    connector.noteScript.push(async () => {
      throw new EmrError('transient', 'timeout', { retryAfterMs: 10 });
    });
    connector.noteLookupScript.push('unknown');
    const queued = await outbox.enqueueNote(amelie, noteRequest());
    await settle(() => stateOf(queued.id) === 'needs-review');
    expect(connector.notes).toHaveLength(1);
  });

  it('holds notes while signed out without counting the attempt, and files them after signing in', async () => {
    signedIn = false;
    connector.noteScript.push(async () => {
      throw new EmrError('auth', 'Signed out');
    });
    const queued = await outbox.enqueueNote(amelie, noteRequest());
    await settle(() => outbox.summary().pausedReason === 'signed-out');
    expect(outbox.summary().items[0]).toMatchObject({ state: 'queued', attempts: 0 });
    signedIn = true;
    outbox.setPaused(false);
    await settle(() => stateOf(queued.id) === 'sent');
    expect(connector.notes).toHaveLength(2);
  });

  it('sends one patient’s document and note in the order they were queued', async () => {
    let release: () => void = () => undefined;
    connector.uploadScript.push(() => new Promise((resolve) => { release = () => resolve({ emrId: 'doc-1', alreadyFiled: false }); }));
    const [document] = await outbox.enqueueDocuments(amelie, [request()]);
    const note = await outbox.enqueueNote(amelie, noteRequest());
    const other = await outbox.enqueueNote(bob, noteRequest());
    await settle(() => stateOf(other.id) === 'sent');
    expect(stateOf(note.id)).toBe('queued');
    release();
    await settle(() => stateOf(note.id) === 'sent');
    expect(stateOf(document!.id)).toBe('sent');
  });

  it('after a crash mid-send, looks the note up before sending it again', async () => {
    connector.noteScript.push((n) => new Promise((_resolve, reject) => {
      n.signal?.addEventListener('abort', () => reject(new Error('aborted')));
    }));
    const queued = await outbox.enqueueNote(amelie, noteRequest());
    await settle(() => connector.notes.length === 1);
    await outbox.dispose();
    connector.noteLookupScript.push({ emrId: 'landed', alreadyFiled: true });
    outbox = makeOutbox();
    await outbox.start();
    await settle(() => stateOf(queued.id) === 'sent');
    expect(connector.notes).toHaveLength(1);
    expect(outbox.summary().items[0]).toMatchObject({ kind: 'note', emrId: 'landed', attempts: 1, targetLabel: 'Progress note' });
  });
});

describe('Outbox entries at rest', () => {
  /** A document entry exactly as a version without notes or sealing wrote it. */
  function legacyDocumentEntry(id: string, copy: string) {
    return {
      version: 1,
      id,
      kind: 'document',
      profileId: 'demo',
      connector: 'fhir',
      patient: { id: 'p1', displayName: 'Tremblay, Amélie', identifiers: [{ label: 'MRN', value: 'MRN-1' }] },
      target: { id: 't', label: 'Lab' },
      title: 'Legacy scan',
      date: '2026-11-20',
      file: { path: copy, name: 'legacy.pdf', size: 8, sha256: 'a'.repeat(64), sha1: 'b'.repeat(40), mime: 'application/pdf' },
      idempotencyKey: 'legacy-key',
      state: 'queued',
      attempts: 0,
      ambiguous: false,
      createdAt: '2026-11-20T09:00:00.000Z',
      updatedAt: '2026-11-20T09:00:00.000Z',
    };
  }

  it('keeps neither the note’s words, its title nor the patient’s name in any file on disk', async () => {
    outbox.setPaused(true);
    await outbox.enqueueNote(amelie, noteRequest({ title: 'Insomnia review' }));
    await outbox.enqueueDocuments(amelie, [request('Referral letter')]);
    const bytes = await everyByteOnDisk();
    expect(bytes.includes(Buffer.from(NOTE_TEXT.slice(0, 24), 'utf8'))).toBe(false);
    for (const phi of ['Insomnia review', 'Referral letter', 'Tremblay', 'Amélie', 'MRN-1']) expect(bytes.includes(Buffer.from(phi, 'utf8'))).toBe(false);
    // The same entries read back whole after a restart, with the same key.
    await outbox.dispose();
    outbox = makeOutbox();
    outbox.setPaused(true);
    await outbox.start();
    expect(outbox.summary().items.map((i) => [i.kind, i.title, i.patient.displayName])).toEqual([['note', 'Insomnia review', 'Tremblay, Amélie'], ['document', 'Referral letter', 'Tremblay, Amélie']]);
  });

  it('loads a plain document entry left by an earlier version, seals it at once, and files it', async () => {
    await outbox.dispose();
    const id = randomUUID();
    await writeFile(store.filePath(id), '%PDF-1.4');
    await writeFile(join(store.entriesDir, `${id}.json`), JSON.stringify(legacyDocumentEntry(id, store.filePath(id))));
    outbox = makeOutbox();
    outbox.setPaused(true);
    await outbox.start();
    expect(outbox.summary().items).toEqual([expect.objectContaining({ id, kind: 'document', title: 'Legacy scan', fileName: 'legacy.pdf', size: 8, targetLabel: 'Lab' })]);
    const raw = await readFile(join(store.entriesDir, `${id}.json`), 'utf8');
    expect(raw).not.toContain('Tremblay');
    expect(await storedEntry(id)).toMatchObject({ id, kind: 'document', idempotencyKey: 'legacy-key' });
    outbox.setPaused(false);
    await settle(() => stateOf(id) === 'sent');
    expect(connector.uploads.map((u) => [u.idempotencyKey, u.file.path])).toEqual([['legacy-key', store.filePath(id)]]);
  });

  it('writes plain entries without a cipher, as before', async () => {
    await outbox.dispose();
    store = new EntryStore(join(dir, 'outbox'), null);
    outbox = makeOutbox();
    outbox.setPaused(true);
    await outbox.start();
    const queued = await outbox.enqueueNote(amelie, noteRequest());
    const stored = OutboxEntrySchema.parse(JSON.parse(await readFile(join(store.entriesDir, `${queued.id}.json`), 'utf8')));
    expect(stored).toMatchObject({ kind: 'note', patient: { displayName: 'Tremblay, Amélie' }, content: { kind: 'text', text: NOTE_TEXT } });
  });

  it('sets aside, never deletes, an entry sealed under a key this run does not have, with its copy', async () => {
    outbox.setPaused(true);
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    const note = await outbox.enqueueNote(amelie, noteRequest());
    await outbox.dispose();
    store = new EntryStore(join(dir, 'outbox'), createAesGcmCipher(randomBytes(32)));
    outbox = makeOutbox();
    await outbox.start();
    expect(outbox.summary().items).toEqual([]);
    for (const name of [`${item!.id}.json`, item!.id, `${note.id}.json`]) expect(existsSync(join(store.quarantineDir, name))).toBe(true);
    expect(connector.uploads).toHaveLength(0);
    expect(connector.notes).toHaveLength(0);
  });
});
