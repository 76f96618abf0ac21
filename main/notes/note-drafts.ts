import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-file.js';
import type { SecretCipher } from '../store/cipher.js';
import { NoteDraftSchema, type NoteDraft, type NoteDraftInput, type NoteDraftSummary } from './note-schemas.js';

/** One draft's file and where its writes stand: at most one write in flight, and the latest state wins. */
interface Slot {
  fileId: string;
  /** null once discarded: the next write removes the file. */
  draft: NoteDraft | null;
  version: number;
  written: number;
  running: Promise<void> | null;
}

const DRAFT_SUFFIX = '.draft';

/**
 * Encounter-note drafts per clinic profile and patient, encrypted at rest with the same cipher as
 * the secrets (issue 11 item 2). On disk: `note-drafts/<random id>.draft`, each the ciphertext of
 * one draft, whose profile and patient ids are inside it. The name is random rather than an HMAC
 * of the patient id because the cipher (safeStorage) offers no keyed hash and a key of our own would
 * be one more secret to keep; and there is no separate index because every draft is decrypted at
 * load anyway (the "drafts" list needs them all), while an index would be a second file to keep in
 * step with the drafts through a crash. With no cipher the drafts live in memory only.
 */
export class NoteDrafts {
  readonly #dir: string;
  readonly #unreadableDir: string;
  readonly #cipher: SecretCipher | null;
  readonly #now: () => Date;
  readonly #slots = new Map<string, Slot>();
  readonly #setAside: string[] = [];
  #loading: Promise<void> | undefined;

  constructor(dataDir: string, cipher: SecretCipher | null, options: { now?: () => Date } = {}) {
    this.#dir = join(dataDir, 'note-drafts');
    this.#unreadableDir = join(this.#dir, 'unreadable');
    this.#cipher = cipher;
    this.#now = options.now ?? (() => new Date());
  }

  /** false: drafts last until quit, and the composer says so. */
  get persistent(): boolean {
    return this.#cipher !== null;
  }

  /** Files that could not be read at load, moved to `note-drafts/unreadable/` for someone to look at. */
  get setAside(): readonly string[] {
    return [...this.#setAside];
  }

  /** Once, and shared: a save arriving mid-load must find the draft it continues, not start a second one. */
  load(): Promise<void> {
    this.#loading ??= this.#readAll();
    return this.#loading;
  }

  async get(profileId: string, patientId: string): Promise<NoteDraft | undefined> {
    await this.load();
    const draft = this.#slots.get(slotKey(profileId, patientId))?.draft;
    return draft ? structuredClone(draft) : undefined;
  }

  /** The profile's drafts, newest first. */
  async list(profileId: string): Promise<NoteDraftSummary[]> {
    await this.load();
    return [...this.#slots.values()]
      .flatMap((slot) => (slot.draft?.profileId === profileId ? [slot.draft] : []))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map(({ patientId, patientLabel, noteTypeId, title, updatedAt }) => structuredClone({ patientId, patientLabel, noteTypeId, title, updatedAt }));
  }

  /**
   * Keeps the draft at once and writes it behind: safe on every keystroke, since a save that
   * arrives while a write is in flight only replaces what the next write will hold. Resolves with
   * the draft once it, or a later version of it, is on disk.
   */
  async save(input: NoteDraftInput): Promise<NoteDraft> {
    await this.load();
    const key = slotKey(input.profileId, input.patientId);
    const slot = this.#slots.get(key) ?? this.#newSlot(key);
    const draft = NoteDraftSchema.parse({
      ...input,
      idempotencyKey: slot.draft?.idempotencyKey ?? randomUUID(),
      updatedAt: this.#now().toISOString(),
    });
    slot.draft = draft;
    await this.#persist(slot);
    return structuredClone(draft);
  }

  /** Forgets the draft (discarded, or its note is in the outbox): resolves once its file is gone. */
  async discard(profileId: string, patientId: string): Promise<void> {
    await this.load();
    const slot = this.#slots.get(slotKey(profileId, patientId));
    if (!slot?.draft) return;
    slot.draft = null;
    await this.#persist(slot);
  }

  /** For quit: resolves once every draft is on disk as last saved, retrying a write that failed. */
  async flush(): Promise<void> {
    await this.load();
    const behind = [...this.#slots.values()].filter((slot) => slot.written < slot.version);
    await Promise.all(behind.map((slot) => this.#drain(slot)));
  }

  #newSlot(key: string): Slot {
    const slot: Slot = { fileId: randomUUID(), draft: null, version: 0, written: 0, running: null };
    this.#slots.set(key, slot);
    return slot;
  }

  #persist(slot: Slot): Promise<void> {
    slot.version += 1;
    if (!this.#cipher) {
      slot.written = slot.version;
      return Promise.resolve();
    }
    return this.#drain(slot);
  }

  /** The one writer of a slot's file: it loops until the file holds the latest state. */
  #drain(slot: Slot): Promise<void> {
    const cipher = this.#cipher;
    if (!cipher) return Promise.resolve();
    slot.running ??= (async () => {
      const file = join(this.#dir, `${slot.fileId}${DRAFT_SUFFIX}`);
      while (slot.written < slot.version) {
        await mkdir(this.#dir, { recursive: true, mode: 0o700 });
        // Taken together, after the last await: the write holds the newest draft and records its version.
        const { version, draft } = slot;
        if (draft) await writeFileAtomic(file, cipher.encrypt(JSON.stringify(draft)));
        else await rm(file, { force: true });
        slot.written = version;
      }
    })().finally(() => {
      slot.running = null;
    });
    return slot.running;
  }

  async #readAll(): Promise<void> {
    const cipher = this.#cipher;
    // Without a cipher nothing was written by this run, and what an earlier run wrote cannot be read.
    if (!cipher) return;
    const names = await readdir(this.#dir).catch(() => [] as string[]);
    // A temp file from a crash mid-write never replaced its draft: the draft before it is still there.
    for (const name of names.filter((n) => n.endsWith('.tmp'))) await rm(join(this.#dir, name), { force: true });
    for (const name of names.filter((n) => n.endsWith(DRAFT_SUFFIX))) {
      const draft = await this.#read(cipher, name);
      if (!draft) {
        await this.#setAsideFile(name);
        continue;
      }
      const key = slotKey(draft.profileId, draft.patientId);
      const known = this.#slots.get(key);
      // Two files for one patient cannot come from one writer; keep the newer and set the other aside, unread by the UI but not lost.
      if (known?.draft && known.draft.updatedAt >= draft.updatedAt) {
        await this.#setAsideFile(name);
        continue;
      }
      if (known) await this.#setAsideFile(`${known.fileId}${DRAFT_SUFFIX}`);
      this.#slots.set(key, { fileId: name.slice(0, -DRAFT_SUFFIX.length), draft, version: 0, written: 0, running: null });
    }
  }

  async #read(cipher: SecretCipher, name: string): Promise<NoteDraft | undefined> {
    try {
      const parsed = NoteDraftSchema.safeParse(JSON.parse(cipher.decrypt(await readFile(join(this.#dir, name)))));
      return parsed.success ? parsed.data : undefined;
    } catch {
      // Wrong key (a new OS keyring, a copied profile), a damaged file or a newer format.
      return undefined;
    }
  }

  /** Unlike a secret, a draft that fails to decrypt is someone's unsent words: it is moved aside, never deleted. */
  async #setAsideFile(name: string): Promise<void> {
    await mkdir(this.#unreadableDir, { recursive: true, mode: 0o700 });
    const target = join(this.#unreadableDir, `${name.slice(0, -DRAFT_SUFFIX.length)}.${this.#now().getTime()}${DRAFT_SUFFIX}`);
    await rename(join(this.#dir, name), target);
    this.#setAside.push(target);
  }
}

function slotKey(profileId: string, patientId: string): string {
  return JSON.stringify([profileId, patientId]);
}
