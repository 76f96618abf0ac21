import type { AuditLine, AuditLog } from '../store/audit-log.js';
import type { LedgerFiling } from './earlier-filings.js';

function keyOf(profileId: string, patientId: string, sha256: string): string {
  return `${profileId}\n${patientId}\n${sha256}`;
}

/**
 * What this workstation has filed, per clinic, patient and SHA-256: the duplicate warning's local
 * half (DESIGN.md "Outbox"). It is an index over the audit log, which already records every filing
 * with ids and hashes only, so nothing with PHI is written twice. Read once, on first use; kept
 * current from the log's own notifications.
 */
export class FilingLedger {
  readonly #audit: AuditLog;
  #index: Promise<Map<string, LedgerFiling[]>> | undefined;
  readonly #pending: AuditLine[] = [];

  constructor(audit: AuditLog) {
    this.#audit = audit;
    // Lines recorded before the index is built are held and folded in once it is.
    audit.onRecord((line) => {
      if (this.#index) void this.#index.then((index) => add(index, line));
      else this.#pending.push(line);
    });
  }

  async filingsOf(profileId: string, patientId: string, sha256: string): Promise<LedgerFiling[]> {
    this.#index ??= this.#audit.read().then((lines) => {
      const index = new Map<string, LedgerFiling[]>();
      for (const line of [...lines, ...this.#pending]) add(index, line);
      this.#pending.length = 0;
      return index;
    });
    return [...((await this.#index).get(keyOf(profileId, patientId, sha256)) ?? [])];
  }
}

function add(index: Map<string, LedgerFiling[]>, line: AuditLine): void {
  if (line.action !== 'document-filed' || !line.patientId || !line.sha256) return;
  const key = keyOf(line.profileId, line.patientId, line.sha256);
  const filing: LedgerFiling = { at: line.at, ...(line.emrId ? { emrId: line.emrId } : {}), ...(line.user ? { user: line.user } : {}) };
  const list = index.get(key) ?? [];
  // A line can reach the index twice (recorded while the file was being read): once is enough.
  if (!list.some((f) => f.at === filing.at && f.emrId === filing.emrId)) list.push(filing);
  index.set(key, list);
}
