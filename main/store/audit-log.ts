import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One line of the local audit log. Ids and hashes only: no patient names, dates of birth or contents. */
export interface AuditRecord {
  action: 'document-filed' | 'document-already-filed' | 'note-filed' | 'note-already-filed' | 'signed-in' | 'signed-out';
  entryId?: string;
  profileId: string;
  patientId?: string;
  emrId?: string;
  size?: number;
  sha256?: string;
  user?: string;
}

/** Append-only JSON lines: a crash can at worst tear the last line, which readers skip. */
export type AuditLine = AuditRecord & { at: string };

export class AuditLog {
  readonly #path: string;
  readonly #listeners = new Set<(line: AuditLine) => void>();
  #writes: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
  }

  /** Told of every line as it is recorded, so readers can keep an index instead of re-reading the file. */
  onRecord(listener: (line: AuditLine) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  record(record: AuditRecord, at: Date = new Date()): Promise<void> {
    const entry: AuditLine = { at: at.toISOString(), ...record };
    for (const listener of this.#listeners) listener(entry);
    const line = `${JSON.stringify(entry)}\n`;
    const write = this.#writes
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(this.#path), { recursive: true, mode: 0o700 });
        await appendFile(this.#path, line, { mode: 0o600 });
      });
    this.#writes = write;
    return write;
  }

  /** Resolves once every line recorded so far is on disk: dispose() waits on it at quit. */
  async flush(): Promise<void> {
    await this.#writes.catch(() => undefined);
  }

  async read(): Promise<AuditLine[]> {
    const text = await readFile(this.#path, 'utf8').catch(() => '');
    return text.split('\n').flatMap((line) => {
      try {
        return line ? [JSON.parse(line) as AuditLine] : [];
      } catch {
        return [];
      }
    });
  }
}
