import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One line of the local audit log. Ids and hashes only: no patient names, dates of birth or contents. */
export interface AuditRecord {
  action: 'document-filed' | 'document-already-filed' | 'signed-in' | 'signed-out';
  entryId?: string;
  profileId: string;
  patientId?: string;
  emrId?: string;
  size?: number;
  sha256?: string;
  user?: string;
}

/** Append-only JSON lines: a crash can at worst tear the last line, which readers skip. */
export class AuditLog {
  readonly #path: string;
  #writes: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
  }

  record(record: AuditRecord, at: Date = new Date()): Promise<void> {
    const line = `${JSON.stringify({ at: at.toISOString(), ...record })}\n`;
    const write = this.#writes
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(this.#path), { recursive: true, mode: 0o700 });
        await appendFile(this.#path, line, { mode: 0o600 });
      });
    this.#writes = write;
    return write;
  }

  async read(): Promise<(AuditRecord & { at: string })[]> {
    const text = await readFile(this.#path, 'utf8').catch(() => '');
    return text.split('\n').flatMap((line) => {
      try {
        return line ? [JSON.parse(line) as AuditRecord & { at: string }] : [];
      } catch {
        return [];
      }
    });
  }
}
