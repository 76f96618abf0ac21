import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentUpload, EmrConnector, WriteResult } from '../emr/connector.js';
import { EmrError } from '../shared/errors.js';
import { AuditLog } from '../store/audit-log.js';
import { EntryStore } from './entry-store.js';
import { Outbox, type OutboxOptions } from './outbox.js';
import type { OutboxEntry } from './outbox-entry.js';

const amelie = { id: 'p1', displayName: 'Tremblay, Amélie', familyName: 'Tremblay', givenNames: 'Amélie', identifiers: [{ label: 'MRN', value: 'MRN-1' }] };
const bob = { id: 'p2', displayName: 'Smith, Bob', familyName: 'Smith', givenNames: 'Bob', identifiers: [] };

/** A connector double: each call takes the next scripted answer. */
class ScriptedConnector {
  uploads: DocumentUpload[] = [];
  lookups = 0;
  uploadScript: Array<(u: DocumentUpload) => Promise<WriteResult>> = [];
  lookupScript: Array<WriteResult | null | 'unknown'> = [];

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
    } as unknown as EmrConnector;
  }
}

let dir: string;
let source: string;
let connector: ScriptedConnector;
let signedIn: boolean;
let outbox: Outbox;
let store: EntryStore;

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
  store = new EntryStore(join(dir, 'outbox'));
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
      onDiskAtSend = JSON.parse(await readFile(join(store.entriesDir, `${outbox.summary().items[0]?.id}.json`), 'utf8')) as OutboxEntry;
      expect(existsSync(u.file.path)).toBe(true);
      return { emrId: 'doc-1', alreadyFiled: false };
    });
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    await rm(source); // deleting the original after the drop loses nothing
    await settle(() => stateOf(item!.id) === 'sent');
    expect(onDiskAtSend).toMatchObject({ state: 'sending', patient: { id: 'p1' }, file: { size: 8, mime: 'application/pdf' } });
    expect(onDiskAtSend?.file.sha256).toMatch(/^[0-9a-f]{64}$/);
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
    store = new SlowSendingStore(join(dir, 'outbox'));
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
    store = new SlowSendingStore(join(dir, 'outbox'));
    outbox = makeOutbox();
    await outbox.start();
    const [item] = await outbox.enqueueDocuments(amelie, [request()]);
    expect(stateOf(item!.id)).toBe('queued'); // the slow save of `sending` is still under way
    await expect(outbox.cancel(item!.id)).rejects.toMatchObject({ kind: 'validation' });
    await settle(() => stateOf(item!.id) === 'sent');
    expect(connector.uploads).toHaveLength(1);
  });
});
