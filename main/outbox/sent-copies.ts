import type { EntryStore } from './entry-store.js';
import type { OutboxEntry } from './outbox-entry.js';

export const DAY_MS = 24 * 60 * 60_000;

export interface SentCopyPolicy {
  /** "Keep sent copies N days": 0 removes a copy as soon as the EMR confirms it. */
  keepDays: number;
  /**
   * Also remove copies no entry owns: a crash between copying a dropped file and saving its entry
   * leaves one behind. Only safe while nothing is being enqueued (at start).
   */
  removeOrphans: boolean;
}

/**
 * Removes the outbox's copies that are no longer needed. Copies of entries still to be sent (queued,
 * sending, failed, needs review) are always kept: a retry needs the bytes. Works from the files
 * actually present, so its cost follows the copies kept, not the history of sent entries.
 */
export async function purgeSentCopies(store: EntryStore, entries: ReadonlyMap<string, OutboxEntry>, policy: SentCopyPolicy, now: Date): Promise<void> {
  const cutoff = now.getTime() - policy.keepDays * DAY_MS;
  for (const id of await store.fileIds()) {
    const entry = entries.get(id);
    const expired = entry?.state === 'sent' && Date.parse(entry.sentAt ?? entry.updatedAt) <= cutoff;
    const orphan = entry === undefined && policy.removeOrphans;
    if (expired || orphan || entry?.state === 'cancelled') await store.removeFile(id);
  }
}
