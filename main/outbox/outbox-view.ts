import { z } from 'zod';
import { ErrorViewSchema } from '../shared/errors.js';
import { PatientSummarySchema } from '../emr/model.js';

/**
 * What the outbox shows of itself. The outbox owns these shapes; the IPC contract reuses them as
 * output schemas, so whatever is not declared here is stripped before it reaches the renderer.
 */

export const OutboxStateSchema = z.enum(['queued', 'sending', 'sent', 'failed', 'needs-review', 'cancelled']);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

export const OutboxItemViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['document', 'note']),
  state: OutboxStateSchema,
  title: z.string(),
  /** A document's; a note has no file name and no size. */
  fileName: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  /** Bytes of the document sent so far; a note is one small request and stays at 0. */
  sentBytes: z.number().int().nonnegative(),
  /** Who it is for: name, birth date and chart number, so two patients of one name never read alike. */
  patient: PatientSummarySchema.pick({ id: true, displayName: true, birthDate: true, identifiers: true }),
  /** Where a document is filed (its folder or type); for a note, its note type. */
  targetLabel: z.string(),
  attempts: z.number().int().nonnegative(),
  error: ErrorViewSchema.optional(),
  emrId: z.string().optional(),
  url: z.string().optional(),
  nextAttemptAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OutboxItemView = z.infer<typeof OutboxItemViewSchema>;

export const OutboxCountsSchema = z.object({
  waiting: z.number().int().nonnegative(),
  filed: z.number().int().nonnegative(),
  needsAttention: z.number().int().nonnegative(),
});
export type OutboxCounts = z.infer<typeof OutboxCountsSchema>;

export const OutboxSummarySchema = z.object({
  paused: z.boolean(),
  pausedReason: z.enum(['user', 'signed-out']).optional(),
  /** Empty while nobody is signed in: items name patients, and a signed-out screen shows counts only. */
  items: z.array(OutboxItemViewSchema),
  counts: OutboxCountsSchema,
});
export type OutboxSummary = z.infer<typeof OutboxSummarySchema>;

export const OutboxPauseSchema = z.object({ paused: z.boolean(), pausedReason: z.enum(['user', 'signed-out']).optional() });
export type OutboxPause = z.infer<typeof OutboxPauseSchema>;

export const OutboxProgressSchema = z.object({ id: z.string(), sentBytes: z.number().int().nonnegative(), totalBytes: z.number().int().nonnegative() });
export type OutboxProgress = z.infer<typeof OutboxProgressSchema>;

/** How the outbox tells whoever hosts it about changes; it knows nothing of IPC or windows. */
export interface OutboxListener {
  changed(item: OutboxItemView): void;
  progress(progress: OutboxProgress): void;
  paused(pause: OutboxPause): void;
}
