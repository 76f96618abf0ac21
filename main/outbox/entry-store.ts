import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-file.js';
import { OutboxEntrySchema, type OutboxEntry } from './outbox-entry.js';

/** The outbox on disk: `entries/<id>.json` written atomically, `files/<id>` the copied bytes. */
export class EntryStore {
  readonly entriesDir: string;
  readonly filesDir: string;

  constructor(outboxDir: string) {
    this.entriesDir = join(outboxDir, 'entries');
    this.filesDir = join(outboxDir, 'files');
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
   * entry: they are removed.
   */
  async loadAll(): Promise<OutboxEntry[]> {
    const all = await readdir(this.entriesDir);
    for (const name of all.filter((n) => n.endsWith('.tmp'))) await rm(join(this.entriesDir, name), { force: true });
    const entries: OutboxEntry[] = [];
    for (const name of all.filter((n) => n.endsWith('.json'))) {
      const parsed = OutboxEntrySchema.safeParse(JSON.parse(await readFile(join(this.entriesDir, name), 'utf8')));
      if (parsed.success) entries.push(parsed.data);
    }
    return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Ids of the entries whose copy is on disk. */
  async fileIds(): Promise<string[]> {
    return readdir(this.filesDir);
  }

  async removeFile(id: string): Promise<void> {
    await rm(this.filePath(id), { force: true });
  }
}
