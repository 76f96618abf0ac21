import { z } from 'zod';
import { ErrorViewSchema } from '../shared/errors.js';
import { EmrKindSchema } from '../emr/model.js';
import { OutboxStateSchema, type OutboxItemView } from './outbox-view.js';

/**
 * One queued write, as stored on disk (one JSON file each). It carries everything needed to send
 * it after a restart — the patient it was dropped for, never whoever is in the banner later.
 */
export const OutboxEntrySchema = z.object({
  version: z.literal(1),
  id: z.string(),
  kind: z.literal('document'),
  profileId: z.string(),
  connector: EmrKindSchema,
  patient: z.object({
    id: z.string(),
    /** The other ids the server needs for this write (`PatientRef.ids`), kept whole. */
    ids: z.record(z.string(), z.string()).optional(),
    displayName: z.string(),
    /** With the chart number, the second identifier every confirmation names (two patients can share a name). */
    birthDate: z.string().optional(),
    identifiers: z.array(z.object({ label: z.string(), value: z.string() })),
  }),
  target: z.object({ id: z.string(), label: z.string() }),
  title: z.string(),
  date: z.string(),
  file: z.object({
    /** The outbox's own copy: the original may be moved or deleted after the drop. */
    path: z.string(),
    name: z.string(),
    size: z.number().int().nonnegative(),
    sha256: z.string(),
    sha1: z.string(),
    mime: z.string(),
  }),
  idempotencyKey: z.string(),
  /** The staff member who dropped it; it may be sent later under someone else's sign-in. */
  droppedBy: z.string().optional(),
  state: OutboxStateSchema,
  attempts: z.number().int().nonnegative(),
  /** Set when an attempt may have reached the server: the next one must check before sending. */
  ambiguous: z.boolean(),
  lastError: ErrorViewSchema.optional(),
  nextAttemptAt: z.string().optional(),
  emrId: z.string().optional(),
  /** A link into the EMR for this document, where the server gives one. */
  emrUrl: z.string().optional(),
  alreadyFiled: z.boolean().optional(),
  /** When the EMR confirmed it; the kept copy of the file expires counting from here. */
  sentAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

export function entryView(entry: OutboxEntry, sentBytes = entry.state === 'sent' ? entry.file.size : 0): OutboxItemView {
  const { id, displayName, birthDate, identifiers } = entry.patient;
  return {
    id: entry.id,
    kind: entry.kind,
    state: entry.state,
    title: entry.title,
    fileName: entry.file.name,
    size: entry.file.size,
    sentBytes,
    patient: { id, displayName, ...(birthDate ? { birthDate } : {}), identifiers: identifiers.slice(0, 1) },
    targetLabel: entry.target.label,
    attempts: entry.attempts,
    ...(entry.lastError ? { error: entry.lastError } : {}),
    ...(entry.emrId ? { emrId: entry.emrId } : {}),
    ...(entry.emrUrl ? { url: entry.emrUrl } : {}),
    ...(entry.nextAttemptAt ? { nextAttemptAt: entry.nextAttemptAt } : {}),
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
}
