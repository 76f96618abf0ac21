import { z } from 'zod';
import type { FiledDocument } from '../emr/model.js';

/** One time this workstation filed a file's bytes for a patient, as the audit log recorded it. */
export interface LedgerFiling {
  at: string;
  emrId?: string;
  user?: string;
}

/** What the duplicate check reads of an outbox entry holding the same bytes. */
export interface QueuedCopy {
  state: 'queued' | 'sending' | 'sent' | 'failed' | 'needs-review' | 'cancelled';
  title: string;
  createdAt: string;
  sentAt?: string;
  droppedBy?: string;
  emrId?: string;
}

/** One earlier filing of the same bytes for the same patient, as the duplicate warning shows it. */
export const EarlierFilingSchema = z.object({
  /** `filed`: the EMR has it; `queued`: still waiting in this workstation's uploads. */
  status: z.enum(['filed', 'queued']),
  /** When it was filed or dropped (an instant), or the document's own date when only the EMR knows it. */
  at: z.string().optional(),
  documentDate: z.string().optional(),
  /** The staff member who filed it from this workstation. */
  by: z.string().optional(),
  title: z.string().optional(),
});
export type EarlierFiling = z.infer<typeof EarlierFilingSchema>;

/**
 * Joins the three places that know a file was filed before: this workstation's outbox (titles,
 * still-queued items), its ledger (filings older than the outbox remembers) and the EMR's own
 * attachment hashes (filings from anywhere). One filing known to several appears once.
 */
export function earlierFilings(sources: { entries: readonly QueuedCopy[]; ledger: readonly LedgerFiling[]; server: readonly FiledDocument[] }): EarlierFiling[] {
  const serverById = new Map(sources.server.map((doc) => [doc.id, doc]));
  const used = new Set<string>();
  const result: EarlierFiling[] = [];
  for (const entry of sources.entries) {
    if (entry.state === 'cancelled') continue;
    if (entry.emrId) used.add(entry.emrId);
    result.push({
      status: entry.state === 'sent' ? 'filed' : 'queued',
      at: entry.sentAt ?? entry.createdAt,
      ...(entry.droppedBy ? { by: entry.droppedBy } : {}),
      title: entry.title,
    });
  }
  for (const filing of sources.ledger) {
    if (filing.emrId && used.has(filing.emrId)) continue;
    if (filing.emrId) used.add(filing.emrId);
    const doc = filing.emrId ? serverById.get(filing.emrId) : undefined;
    result.push({
      status: 'filed',
      at: filing.at,
      ...(filing.user ? { by: filing.user } : {}),
      ...(doc ? { title: doc.title } : {}),
      ...(doc?.date ? { documentDate: doc.date } : {}),
    });
  }
  for (const doc of sources.server) {
    if (used.has(doc.id)) continue;
    result.push({ status: 'filed', title: doc.title, ...(doc.date ? { documentDate: doc.date } : {}) });
  }
  return result;
}
