import type { Outcome } from '../api/client';
import type { DraftView, ErrorView, NoteWriting } from '../api/types';
import { hasWords } from './noteWriting';

/** The draft calls for one patient; the patient is bound in here, never passed per call. */
export interface DraftIo {
  save(writing: NoteWriting, noteKey: string | undefined): Promise<Outcome<{ draft: DraftView | null; persistent: boolean }>>;
  discard(): Promise<Outcome<null>>;
}

export type DraftSaveReport =
  | { kind: 'saved'; updatedAt: string; persistent: boolean }
  /** Everything was erased, so there is no draft to keep any more. */
  | { kind: 'discarded' }
  /** main already holds this note in the outbox: the save came too late and changed nothing. */
  | { kind: 'already-sent' }
  | { kind: 'failed'; error: ErrorView };

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const AUTOSAVE_DELAY_MS = 600;

/** Every open composer's saver: signing out writes their last keystrokes first (main refuses saves after). */
const openSavers = new Set<DraftSaver>();

export function flushOpenDrafts(): Promise<void> {
  return Promise.all([...openSavers].map((saver) => saver.flush())).then(() => undefined);
}

/**
 * Autosave for one patient's composer. Keystrokes are coalesced behind a timer, and at most one
 * save is in flight, so a slow save can never land after a newer one. The note's key comes back
 * with the first save and goes with every later save and with the send, so main files the note once
 * however often Send is pressed.
 */
export class DraftSaver {
  readonly #io: DraftIo;
  readonly #report: (report: DraftSaveReport) => void;
  readonly #delayMs: number;
  readonly #timers: Timers;
  #timer: unknown = null;
  #pending: NoteWriting | null = null;
  #chain: Promise<void> = Promise.resolve();
  #noteKey: string | undefined;

  constructor(io: DraftIo, report: (report: DraftSaveReport) => void, options: { delayMs?: number; timers?: Timers; noteKey?: string } = {}) {
    this.#io = io;
    this.#report = report;
    this.#delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
    this.#timers = options.timers ?? browserTimers;
    this.#noteKey = options.noteKey;
  }

  get noteKey(): string | undefined {
    return this.#noteKey;
  }

  /** While its composer is on screen; `flushOpenDrafts` reaches only these. */
  open(): () => void {
    openSavers.add(this);
    return () => openSavers.delete(this);
  }

  /** A restored draft's key: the words on screen belong to that note. */
  adopt(noteKey: string): void {
    this.#noteKey = noteKey;
  }

  get hasPending(): boolean {
    return this.#pending !== null;
  }

  schedule(writing: NoteWriting): void {
    this.#pending = writing;
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = this.#timers.set(() => {
      this.#timer = null;
      void this.#writePending();
    }, this.#delayMs);
  }

  /** Writes what is pending now (the patient is changing, the composer is closing) and settles once all is written. */
  flush(): Promise<void> {
    this.#clearTimer();
    return this.#writePending();
  }

  /**
   * Drops what is pending and settles once the save in flight, if any, has answered: a send or a
   * discard that follows then knows the note's key and is not overtaken by an older save.
   */
  cancel(): Promise<void> {
    this.#clearTimer();
    this.#pending = null;
    return this.#chain;
  }

  /** The note was sent or discarded: the next words are a new note with a new key. */
  forget(): void {
    this.#noteKey = undefined;
  }

  #clearTimer(): void {
    if (this.#timer === null) return;
    this.#timers.clear(this.#timer);
    this.#timer = null;
  }

  #writePending(): Promise<void> {
    const writing = this.#pending;
    if (writing === null) return this.#chain;
    this.#pending = null;
    this.#chain = this.#chain.then(() => this.#write(writing));
    return this.#chain;
  }

  async #write(writing: NoteWriting): Promise<void> {
    if (!hasWords(writing)) {
      const outcome = await this.#io.discard();
      if (!outcome.ok) return this.#report({ kind: 'failed', error: outcome.error });
      this.#noteKey = undefined;
      return this.#report({ kind: 'discarded' });
    }
    const outcome = await this.#io.save(writing, this.#noteKey);
    if (!outcome.ok) return this.#report({ kind: 'failed', error: outcome.error });
    const { draft, persistent } = outcome.value;
    if (!draft) {
      // The words on screen now start a new note; the old key belongs to the one already queued.
      this.#noteKey = undefined;
      return this.#report({ kind: 'already-sent' });
    }
    this.#noteKey = draft.noteKey;
    this.#report({ kind: 'saved', updatedAt: draft.updatedAt, persistent });
  }
}
