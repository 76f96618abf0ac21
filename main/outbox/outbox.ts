import { randomUUID } from 'node:crypto';
import type { EmrConnector, WriteResult } from '../emr/connector.js';
import { EmrError, isRetryable, toErrorView, type ErrorView } from '../shared/errors.js';
import type { EmrKind, NoteContent, NoteType, PatientSummary } from '../emr/model.js';
import type { OutboxItemView, OutboxListener, OutboxSummary } from './outbox-view.js';
import type { AuditLog } from '../store/audit-log.js';
import { DEFAULT_BASE_DELAY_MS, retryDelayMs } from './backoff.js';
import type { EntryStore } from './entry-store.js';
import { entryView, type DocumentEntry, type EntryProgress, type NoteEntry, type OutboxEntry } from './outbox-entry.js';
import { copyAndHash } from './hashing-copy.js';
import type { RegisteredFile } from './file-intake.js';
import { DAY_MS, purgeSentCopies } from './sent-copies.js';
import { auditRecord, storedPatient, writeAttempt } from './entry-writes.js';

export interface OutboxOptions {
  store: EntryStore;
  /** Told of every change; absent where nobody watches (a bench, a worker). */
  listener?: OutboxListener;
  audit: AuditLog;
  profileId: string;
  connectorKind: EmrKind;
  connector(): EmrConnector;
  /** True while the session can still get a token (after a 401 the session has already tried one refresh). */
  isSignedIn(): boolean;
  /** Who is signed in (a staff name, not PHI): recorded with each entry and in the audit log. */
  currentUser?(): string | undefined;
  concurrency?: number;
  /** An upload that makes no progress for this long is aborted and retried. */
  stallTimeoutMs?: number;
  /** Setting "keep sent copies N days": 0 (the default) removes the outbox's copy once the EMR has it. */
  keepSentCopiesDays?: number;
  /** First step of the exponential backoff; tests make it short. */
  retryBaseDelayMs?: number;
  now?: () => Date;
  random?: () => number;
}

export interface DocumentRequest {
  file: RegisteredFile;
  title: string;
  date: string;
  target: { id: string; label: string };
}

export interface NoteRequest {
  noteType: NoteType;
  title: string;
  /** The day the note is about, `YYYY-MM-DD`. */
  date: string;
  content: NoteContent;
  /**
   * Made once per note by whoever wrote it (the draft), never from its words: a repeated Send of
   * one note replays its key, a second note with the same words has a key of its own.
   */
  idempotencyKey: string;
}

/** Attempts after which a write that keeps failing transiently is handed to the user. */
const MAX_ATTEMPTS = 8;
const PROGRESS_INTERVAL_MS = 250;

/**
 * The durable queue every write goes through (DESIGN.md "Outbox"). An entry is on disk before the
 * first byte is sent; a retry after any attempt that may have reached the server first asks the
 * connector whether the write landed, so nothing is filed twice; writes for one patient go in
 * the order they were dropped.
 */
export class Outbox {
  readonly #options: Required<Omit<OutboxOptions, 'connector' | 'isSignedIn' | 'currentUser' | 'listener'>> & Pick<OutboxOptions, 'connector' | 'isSignedIn' | 'currentUser'>;
  readonly #listener: OutboxListener;
  readonly #entries = new Map<string, OutboxEntry>();
  readonly #inFlight = new Map<string, AbortController>();
  readonly #running = new Set<Promise<void>>();
  /** Notes being written to disk, by key: a double-click on Send must not race its own first save. */
  readonly #enqueuingNotes = new Map<string, Promise<OutboxItemView>>();
  #paused: { reason: 'user' | 'signed-out' } | undefined;
  #lastCreatedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #disposed = false;

  constructor(options: OutboxOptions) {
    this.#options = {
      concurrency: 2,
      stallTimeoutMs: 60_000,
      keepSentCopiesDays: 0,
      retryBaseDelayMs: DEFAULT_BASE_DELAY_MS,
      now: () => new Date(),
      random: Math.random,
      ...options,
    };
    this.#listener = options.listener ?? { changed() {}, progress() {}, paused() {} };
  }

  /** Loads what a previous run left. Entries caught mid-send are checked with the server before anything is re-sent. */
  async start(): Promise<void> {
    await this.#options.store.init();
    const forgetBefore = this.#options.now().getTime() - Math.max(1, this.#options.keepSentCopiesDays) * DAY_MS;
    for (const entry of await this.#options.store.loadAll()) {
      // Finished entries name a patient: keep them only while the queue still shows them (today,
      // or as long as their copies are kept). The audit log keeps the record, without names.
      if ((entry.state === 'sent' || entry.state === 'cancelled') && Date.parse(entry.updatedAt) < forgetBefore) {
        await this.#options.store.remove(entry.id);
        continue;
      }
      // An attempt the app did not live to finish says nothing about the server: it does not count
      // towards giving up, but the next one must first ask whether the write landed.
      const resumed = entry.state === 'sending' ? { ...entry, state: 'queued' as const, ambiguous: true, attempts: Math.max(0, entry.attempts - 1) } : entry;
      this.#entries.set(entry.id, resumed);
      if (resumed !== entry) await this.#options.store.save(resumed);
    }
    await this.#purgeSentCopies(true);
    this.#schedule();
  }

  summary(): OutboxSummary {
    const entries = [...this.#entries.values()];
    const count = (states: readonly OutboxEntry['state'][]) => entries.filter((e) => states.includes(e.state)).length;
    return {
      paused: this.#paused !== undefined,
      ...(this.#paused ? { pausedReason: this.#paused.reason } : {}),
      items: entries.map((e) => entryView(e)),
      counts: { waiting: count(['queued', 'sending']), filed: count(['sent']), needsAttention: count(['failed', 'needs-review']) },
    };
  }

  /** This workstation's entries holding these bytes for this patient: the duplicate warning's freshest source. */
  entriesWithContent(patientId: string, sha256: string): DocumentEntry[] {
    return [...this.#entries.values()].filter((e): e is DocumentEntry => e.kind === 'document' && e.patient.id === patientId && e.file.sha256 === sha256);
  }

  /** Whether a note with this key is queued or filed already: its draft then comes too late to change it. */
  hasEntryWithKey(idempotencyKey: string): boolean {
    return this.#enqueuingNotes.has(idempotencyKey) || this.#noteIdForKey(idempotencyKey) !== undefined;
  }

  /** "Clear filed": forgets finished entries now rather than after a day; the audit log keeps the record. */
  async clearFinished(): Promise<OutboxSummary> {
    for (const entry of [...this.#entries.values()]) {
      if (entry.state !== 'sent' && entry.state !== 'cancelled') continue;
      await this.#options.store.remove(entry.id);
      this.#entries.delete(entry.id);
    }
    return this.summary();
  }

  async enqueueDocuments(patient: PatientSummary, requests: readonly DocumentRequest[]): Promise<OutboxItemView[]> {
    const views: OutboxItemView[] = [];
    for (const request of requests) {
      const id = randomUUID();
      const copy = this.#options.store.filePath(id);
      // The outbox keeps its own copy: a hard link would share the inode with a scanner folder
      // that rewrites files in place, and fails across volumes anyway.
      const digest = await copyAndHash(request.file.path, copy);
      const now = this.#creationTime();
      const entry: DocumentEntry = {
        version: 1,
        id,
        kind: 'document',
        profileId: this.#options.profileId,
        connector: this.#options.connectorKind,
        patient: storedPatient(patient),
        target: request.target,
        title: request.title,
        date: request.date,
        file: { path: copy, name: request.file.name, size: digest.size, sha256: digest.sha256, sha1: digest.sha1, mime: request.file.mime },
        // Made once for this entry and saved with it before the first byte: every retry and restart
        // replays the same key, while a deliberate second filing of the same file is a new entry
        // with its own key (DESIGN.md "Outbox").
        idempotencyKey: randomUUID(),
        ...this.#queuedBy(),
        state: 'queued',
        attempts: 0,
        ambiguous: false,
        createdAt: now,
        updatedAt: now,
      };
      views.push(await this.#add(entry));
    }
    this.#schedule();
    return views;
  }

  /**
   * Queues a note, on disk before anything is sent. The same key again while its note is still in
   * the outbox (queued, sending, filed or failed) is the same note sent twice — a double-click, a
   * retried IPC call — and gets the entry already there; a cancelled note's key may be queued anew.
   */
  async enqueueNote(patient: PatientSummary, note: NoteRequest): Promise<OutboxItemView> {
    // Everything up to the map's set runs before any await, so a second call always sees the first.
    const pending = this.#enqueuingNotes.get(note.idempotencyKey);
    if (pending) return this.#sameNote((await pending).id, patient);
    const existing = this.#noteIdForKey(note.idempotencyKey);
    if (existing !== undefined) return this.#sameNote(existing, patient);
    const enqueuing = this.#addNote(patient, note).finally(() => this.#enqueuingNotes.delete(note.idempotencyKey));
    this.#enqueuingNotes.set(note.idempotencyKey, enqueuing);
    return enqueuing;
  }

  async #addNote(patient: PatientSummary, note: NoteRequest): Promise<OutboxItemView> {
    const now = this.#creationTime();
    const entry: NoteEntry = {
      version: 1,
      id: randomUUID(),
      kind: 'note',
      profileId: this.#options.profileId,
      connector: this.#options.connectorKind,
      patient: storedPatient(patient),
      noteType: { id: note.noteType.id, label: note.noteType.label },
      title: note.title,
      date: note.date,
      content: note.content,
      idempotencyKey: note.idempotencyKey,
      ...this.#queuedBy(),
      state: 'queued',
      attempts: 0,
      ambiguous: false,
      createdAt: now,
      updatedAt: now,
    };
    const view = await this.#add(entry);
    this.#schedule();
    return view;
  }

  /** A key names one note for one patient: the same key for another patient is a caller's bug, not a note to file. */
  #sameNote(id: string, patient: PatientSummary): OutboxItemView {
    const entry = this.#get(id);
    if (entry.patient.id !== patient.id) throw new EmrError('conflict', 'This note is already queued for another patient.');
    return entryView(entry);
  }

  #noteIdForKey(idempotencyKey: string): string | undefined {
    for (const entry of this.#entries.values()) {
      if (entry.kind === 'note' && entry.idempotencyKey === idempotencyKey && entry.state !== 'cancelled') return entry.id;
    }
    return undefined;
  }

  #queuedBy(): { droppedBy?: string } {
    const user = this.#options.currentUser?.();
    return user ? { droppedBy: user } : {};
  }

  /** Durable first: only an entry already on disk is shown or scheduled. */
  async #add(entry: OutboxEntry): Promise<OutboxItemView> {
    await this.#options.store.save(entry);
    this.#entries.set(entry.id, entry);
    const view = entryView(entry);
    this.#listener.changed(view);
    return view;
  }

  async retry(id: string): Promise<OutboxItemView> {
    const entry = this.#get(id);
    if (entry.state !== 'failed' && entry.state !== 'needs-review') throw new EmrError('validation', 'Only failed items can be retried.');
    // After a mismatch the EMR holds a damaged copy under this entry's key: a replay of the key
    // would find it and call it filed, so the retry is a new filing with a key of its own.
    const fresh = entry.lastError?.kind === 'mismatch' ? { idempotencyKey: randomUUID(), ambiguous: false } : {};
    const updated = await this.#update(entry, { state: 'queued', nextAttemptAt: undefined, lastError: undefined, attempts: 0, ...fresh });
    this.#schedule();
    return entryView(updated);
  }

  async cancel(id: string): Promise<OutboxItemView> {
    const entry = this.#get(id);
    // A send that has taken the entry may not have saved `sending` yet; it owns the entry now.
    if (this.#inFlight.has(id)) throw new EmrError('validation', 'This item is being sent and cannot be cancelled now.');
    if (entry.state !== 'queued' && entry.state !== 'failed' && entry.state !== 'needs-review') {
      throw new EmrError('validation', entry.state === 'sending' ? 'This item is being sent and cannot be cancelled now.' : 'This item is finished.');
    }
    const updated = await this.#update(entry, { state: 'cancelled', nextAttemptAt: undefined });
    await this.#options.store.removeFile(id);
    return entryView(updated);
  }

  setPaused(paused: boolean, reason: 'user' | 'signed-out' = 'user'): OutboxSummary {
    this.#paused = paused ? { reason } : undefined;
    this.#listener.paused({ paused, ...(paused ? { pausedReason: reason } : {}) });
    if (!paused) this.#schedule();
    return this.summary();
  }

  /** Stops sending; anything in flight stays `sending` on disk and is verified on the next start. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    clearTimeout(this.#timer);
    for (const abort of this.#inFlight.values()) abort.abort();
    await Promise.allSettled([...this.#running]);
  }

  /** Strictly increasing, so that a restart, which orders entries by it, keeps one patient's drop order. */
  #creationTime(): string {
    this.#lastCreatedAt = Math.max(this.#options.now().getTime(), this.#lastCreatedAt + 1);
    return new Date(this.#lastCreatedAt).toISOString();
  }

  #get(id: string): OutboxEntry {
    const entry = this.#entries.get(id);
    if (!entry) throw new EmrError('not-found', 'That upload is no longer in the queue.');
    return entry;
  }

  async #update(entry: OutboxEntry, changes: EntryProgress): Promise<OutboxEntry> {
    // Merge onto the latest state, not the caller's possibly stale copy.
    const current = this.#entries.get(entry.id) ?? entry;
    const updated: OutboxEntry = { ...current, ...changes, updatedAt: this.#options.now().toISOString() };
    for (const key of Object.keys(changes) as (keyof EntryProgress)[]) {
      if (changes[key] === undefined) delete updated[key];
    }
    await this.#options.store.save(updated);
    this.#entries.set(updated.id, updated);
    this.#listener.changed(entryView(updated));
    return updated;
  }

  /** Picks what may start now: oldest first, one patient's writes strictly in order. */
  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#disposed || this.#paused) return;
    const now = this.#options.now().getTime();
    const blockedPatients = new Set<string>();
    let wakeAt = Number.POSITIVE_INFINITY;
    for (const entry of this.#entries.values()) {
      // An entry is in flight from the moment #send takes it, before its `sending` state is saved.
      const inFlight = entry.state === 'sending' || this.#inFlight.has(entry.id);
      if (inFlight) blockedPatients.add(entry.patient.id);
      if (entry.state !== 'queued' || inFlight) continue;
      const due = entry.nextAttemptAt ? Date.parse(entry.nextAttemptAt) : 0;
      if (blockedPatients.has(entry.patient.id)) continue;
      blockedPatients.add(entry.patient.id);
      if (due > now) {
        wakeAt = Math.min(wakeAt, due);
        continue;
      }
      if (this.#inFlight.size >= this.#options.concurrency) break;
      const sending = this.#send(entry).finally(() => this.#running.delete(sending));
      this.#running.add(sending);
    }
    if (wakeAt !== Number.POSITIVE_INFINITY) this.#timer = setTimeout(() => this.#schedule(), Math.max(0, wakeAt - now));
  }

  async #send(queued: OutboxEntry): Promise<void> {
    const abort = new AbortController();
    this.#inFlight.set(queued.id, abort);
    let entry = queued;
    try {
      const mayHaveLanded = entry.ambiguous;
      // Marked ambiguous in the same durable write as `sending`: from here on bytes may leave, and
      // a lost answer could mean the server stored the document.
      entry = await this.#update(entry, { state: 'sending', attempts: entry.attempts + 1, nextAttemptAt: undefined, ambiguous: true });
      const write = writeAttempt(entry, this.#options.connector(), abort, {
        stallTimeoutMs: this.#options.stallTimeoutMs,
        progressIntervalMs: PROGRESS_INTERVAL_MS,
        report: (progress) => this.#listener.progress(progress),
      });
      if (mayHaveLanded) {
        const found = await write.find();
        if (found === 'unknown') {
          await this.#update(entry, {
            state: 'needs-review',
            lastError: { kind: 'conflict', message: 'ChartDrop cannot tell whether an earlier attempt reached the EMR. Check the chart, then retry or cancel.' },
          });
          return;
        }
        if (found) return await this.#finish(entry, found);
      }
      // dispose() may have aborted while the entry was being saved: send nothing then.
      abort.signal.throwIfAborted();
      await this.#finish(entry, await write.send());
    } catch (error) {
      if (!this.#disposed) await this.#fail(entry, toErrorView(error));
    } finally {
      this.#inFlight.delete(queued.id);
      this.#schedule();
    }
  }

  async #finish(entry: OutboxEntry, result: WriteResult): Promise<void> {
    await this.#update(entry, {
      state: 'sent',
      emrId: result.emrId,
      ...(result.url ? { emrUrl: result.url } : {}),
      alreadyFiled: result.alreadyFiled,
      ambiguous: false,
      lastError: undefined,
      sentAt: this.#options.now().toISOString(),
    });
    // The write is filed and recorded as sent: housekeeping that fails from here on must not
    // send it back to the queue (a re-send would only be caught by the idempotency check).
    await Promise.allSettled([this.#purgeSentCopies(false), this.#options.audit.record(auditRecord(entry, result))]);
  }

  #purgeSentCopies(removeOrphans: boolean): Promise<void> {
    return purgeSentCopies(this.#options.store, this.#entries, { keepDays: this.#options.keepSentCopiesDays, removeOrphans }, this.#options.now());
  }

  async #fail(entry: OutboxEntry, error: ErrorView): Promise<void> {
    if (error.kind === 'auth' && !this.#options.isSignedIn()) {
      // Nothing can be sent until the user signs in again; this attempt does not count.
      await this.#update(entry, { state: 'queued', lastError: error, attempts: Math.max(0, entry.attempts - 1) });
      this.setPaused(true, 'signed-out');
      return;
    }
    // A 401 while still signed in means the session has just refreshed: retry with the new token.
    const retryable = isRetryable(error.kind) || error.kind === 'auth';
    if (retryable && entry.attempts < MAX_ATTEMPTS) {
      const delay = retryDelayMs(entry.attempts, error.retryAfterMs, this.#options.random, this.#options.retryBaseDelayMs);
      await this.#update(entry, { state: 'queued', lastError: error, nextAttemptAt: new Date(this.#options.now().getTime() + delay).toISOString() });
      return;
    }
    await this.#update(entry, { state: entry.ambiguous && error.kind === 'conflict' ? 'needs-review' : 'failed', lastError: error });
  }
}
