import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-file.js';
import { OutboxEntrySchema, type OutboxEntry } from './outbox-entry.js';

/** The outbox on disk: `entries/<id>.json` written atomically, `files/<id>` the copied bytes. */
export class EntryStore {
  readonly entriesDir: string;
  readonly filesDir: string;
  /** Entry files that could not be read: kept, with their copies, for someone to look at. */
  readonly quarantineDir: string;

  constructor(outboxDir: string) {
    this.entriesDir = join(outboxDir, 'entries');
    this.filesDir = join(outboxDir, 'files');
    this.quarantineDir = join(outboxDir, 'quarantine');
  }

  async init(): Promise<void> {
    await mkdir(this.entriesDir, { recursive: true, mode: 0o700 });
    await mkdir(this.filesDir, { recursive: true, mode: 0o700 });
  }

  filePath(id: string): string {
    return join(this.filesDir, id);
  }

  async save(entry: OutboxEntry): Promise<void> {
    await writeFileAtomic(join(this.entriesDir, `${entry.id}.json`), JSON.stringify(entry));
  }

  /**
   * Every readable entry, oldest first. Temp files from a crash mid-save never replaced a real
   * entry: they are removed. An entry that cannot be read (hand-edited, disk damage, a newer
   * version's format) must neither stop the queue nor lose its document: it moves to
   * `quarantine/` together with its copy.
   */
  async loadAll(): Promise<OutboxEntry[]> {
    const all = await readdir(this.entriesDir);
    for (const name of all.filter((n) => n.endsWith('.tmp'))) await rm(join(this.entriesDir, name), { force: true });
    const entries: OutboxEntry[] = [];
    for (const name of all.filter((n) => n.endsWith('.json'))) {
      const entry = await this.#read(name);
      if (entry) entries.push(entry);
      else await this.#quarantine(name.slice(0, -'.json'.length));
    }
    return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async #read(name: string): Promise<OutboxEntry | undefined> {
    try {
      const parsed = OutboxEntrySchema.safeParse(JSON.parse(await readFile(join(this.entriesDir, name), 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async #quarantine(id: string): Promise<void> {
    await mkdir(this.quarantineDir, { recursive: true, mode: 0o700 });
    await rename(join(this.entriesDir, `${id}.json`), join(this.quarantineDir, `${id}.json`));
    await rename(this.filePath(id), join(this.quarantineDir, id)).catch(() => undefined);
  }

  /** Forgets a finished entry: its JSON (which names the patient) and any copy left. */
  async remove(id: string): Promise<void> {
    await rm(join(this.entriesDir, `${id}.json`), { force: true });
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
