import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic-file.js';
import type { SecretCipher } from '../store/cipher.js';
import { OutboxEntrySchema, type OutboxEntry } from './outbox-entry.js';

/**
 * A sealed entry on disk: still a JSON file, so that sealing an entry is one atomic replace of the
 * same name and a reader tells a sealed entry from a plain one (written before sealing, or without
 * a cipher) by its content, never by a guess at random ciphertext bytes.
 */
const SealedFileSchema = z.object({ sealed: z.string().min(1) }).strict();

/** The outbox on disk: `entries/<id>.json` written atomically, `files/<id>` the copied bytes. */
export class EntryStore {
  readonly entriesDir: string;
  readonly filesDir: string;
  /** Entry files that could not be read: kept, with their copies, for someone to look at. */
  readonly quarantineDir: string;
  readonly #cipher: SecretCipher | null;

  /**
   * An entry names a patient and a note entry holds the note's words, so with a cipher every entry
   * is sealed before it touches the disk. Without one (no OS encryption: the UI already says so)
   * entries stay plain JSON rather than living in memory as sign-ins do: an upload or a note that
   * vanished at a crash or a restart would be lost care, which weighs more than a plain file in the
   * user's own folder.
   */
  constructor(outboxDir: string, cipher: SecretCipher | null = null) {
    this.entriesDir = join(outboxDir, 'entries');
    this.filesDir = join(outboxDir, 'files');
    this.quarantineDir = join(outboxDir, 'quarantine');
    this.#cipher = cipher;
  }

  async init(): Promise<void> {
    await mkdir(this.entriesDir, { recursive: true, mode: 0o700 });
    await mkdir(this.filesDir, { recursive: true, mode: 0o700 });
  }

  filePath(id: string): string {
    return join(this.filesDir, id);
  }

  entryPath(id: string): string {
    return join(this.entriesDir, `${id}.json`);
  }

  async save(entry: OutboxEntry): Promise<void> {
    const json = JSON.stringify(entry);
    const data = this.#cipher ? JSON.stringify({ sealed: this.#cipher.encrypt(json).toString('base64') }) : json;
    await writeFileAtomic(this.entryPath(entry.id), data);
  }

  /**
   * Every readable entry, oldest first. Temp files from a crash mid-save never replaced a real
   * entry: they are removed. An entry that cannot be read (hand-edited, disk damage, a newer
   * version's format, sealed under a key this run does not have) must neither stop the queue nor
   * lose its document: it moves to `quarantine/` together with its copy. With a cipher, a plain
   * entry left from before is sealed at once instead of waiting for its next change: it names a
   * patient, and a finished one may not change again before it is forgotten.
   */
  async loadAll(): Promise<OutboxEntry[]> {
    const all = await readdir(this.entriesDir);
    for (const name of all.filter((n) => n.endsWith('.tmp'))) await rm(join(this.entriesDir, name), { force: true });
    const entries: OutboxEntry[] = [];
    for (const name of all.filter((n) => n.endsWith('.json'))) {
      const read = await this.#read(name);
      if (!read) {
        await this.#quarantine(name.slice(0, -'.json'.length));
        continue;
      }
      if (this.#cipher && !read.sealed) await this.save(read.entry);
      entries.push(read.entry);
    }
    return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async #read(name: string): Promise<{ entry: OutboxEntry; sealed: boolean } | undefined> {
    try {
      const stored: unknown = JSON.parse(await readFile(join(this.entriesDir, name), 'utf8'));
      const sealed = SealedFileSchema.safeParse(stored);
      if (sealed.success && !this.#cipher) return undefined;
      const plain: unknown = sealed.success && this.#cipher ? JSON.parse(this.#cipher.decrypt(Buffer.from(sealed.data.sealed, 'base64'))) : stored;
      const parsed = OutboxEntrySchema.safeParse(plain);
      return parsed.success ? { entry: parsed.data, sealed: sealed.success } : undefined;
    } catch {
      return undefined;
    }
  }

  async #quarantine(id: string): Promise<void> {
    await mkdir(this.quarantineDir, { recursive: true, mode: 0o700 });
    await rename(this.entryPath(id), join(this.quarantineDir, `${id}.json`));
    await rename(this.filePath(id), join(this.quarantineDir, id)).catch(() => undefined);
  }

  /** Forgets a finished entry: its file (which names the patient) and any copy left. */
  async remove(id: string): Promise<void> {
    await rm(this.entryPath(id), { force: true });
    await this.removeFile(id);
  }

  /** Ids of the entries whose copy is on disk. */
  async fileIds(): Promise<string[]> {
    return readdir(this.filesDir);
  }

  async removeFile(id: string): Promise<void> {
    await rm(this.filePath(id), { force: true });
  }
}
