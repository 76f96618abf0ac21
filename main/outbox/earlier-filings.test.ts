import { describe, expect, it } from 'vitest';
import { earlierFilings } from './earlier-filings.js';
import type { DocumentEntry } from './outbox-entry.js';


function entry(changes: Partial<DocumentEntry>): DocumentEntry {
  return {
    version: 1,
    id: 'e1',
    kind: 'document',
    profileId: 'demo',
    connector: 'fhir',
    patient: { id: 'p1', displayName: 'Garcia, Maria', identifiers: [] },
    target: { id: 't', label: 'Lab' },
    title: 'Lab results',
    date: '2026-11-20',
    file: { path: '/x', name: 'a.pdf', size: 1, sha256: 'a', sha1: 'b', mime: 'application/pdf' },
    idempotencyKey: 'k',
    state: 'sent',
    attempts: 1,
    ambiguous: false,
    createdAt: '2026-12-02T10:00:00.000Z',
    updatedAt: '2026-12-02T10:00:05.000Z',
    ...changes,
  };
}

describe('earlier filings of the same file', () => {
  it('shows one filing known to the outbox, the ledger and the EMR once, with its title', () => {
    const found = earlierFilings({
      entries: [entry({ emrId: 'doc-1', sentAt: '2026-12-02T10:00:05.000Z', droppedBy: 'Dr Ada Lovelace' })],
      ledger: [{ at: '2026-12-02T10:00:05.000Z', emrId: 'doc-1', user: 'Dr Ada Lovelace' }],
      server: [{ id: 'doc-1', title: 'Lab results', date: '2026-11-20' }],
    });
    expect(found).toEqual([{ status: 'filed', at: '2026-12-02T10:00:05.000Z', by: 'Dr Ada Lovelace', title: 'Lab results' }]);
  });

  it('takes the title of a filing the outbox has forgotten from the EMR', () => {
    const found = earlierFilings({ entries: [], ledger: [{ at: '2026-11-01T09:00:00.000Z', emrId: 'doc-7', user: 'Reception' }], server: [{ id: 'doc-7', title: 'Referral', date: '2026-10-30' }] });
    expect(found).toEqual([{ status: 'filed', at: '2026-11-01T09:00:00.000Z', by: 'Reception', title: 'Referral', documentDate: '2026-10-30' }]);
  });

  it('reports a copy filed elsewhere (only the EMR knows) and one still waiting here', () => {
    const found = earlierFilings({
      entries: [entry({ id: 'e2', state: 'queued', title: 'Scan 2' }), entry({ id: 'e3', state: 'cancelled' })],
      ledger: [],
      server: [{ id: 'doc-9', title: 'Faxed report' }],
    });
    expect(found).toEqual([
      { status: 'queued', at: '2026-12-02T10:00:00.000Z', title: 'Scan 2' },
      { status: 'filed', title: 'Faxed report' },
    ]);
  });
});
