import { z } from 'zod';
import { ErrorViewSchema } from '../shared/errors.js';
import { EmrKindSchema, NoteContentSchema, NoteTypeSchema } from '../emr/model.js';
import { OutboxStateSchema, type OutboxItemView } from './outbox-view.js';

/**
 * What every queued write holds, whatever it writes. It carries everything needed to send it after
 * a restart — the patient it was queued for, never whoever is in the banner later.
 */
const EntryBaseSchema = z.object({
  version: z.literal(1),
  id: z.string(),
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
  title: z.string(),
  /** The day the write is about, `YYYY-MM-DD`. */
  date: z.string(),
  idempotencyKey: z.string(),
  /** The staff member who queued it; it may be sent later under someone else's sign-in. */
  droppedBy: z.string().optional(),
  state: OutboxStateSchema,
  attempts: z.number().int().nonnegative(),
  /** Set when an attempt may have reached the server: the next one must check before sending. */
  ambiguous: z.boolean(),
  lastError: ErrorViewSchema.optional(),
  nextAttemptAt: z.string().optional(),
  emrId: z.string().optional(),
  /** A link into the EMR for this record, where the server gives one. */
  emrUrl: z.string().optional(),
  alreadyFiled: z.boolean().optional(),
  /** When the EMR confirmed it; a document's kept copy expires counting from here. */
  sentAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The fields the outbox changes as an entry moves through its states; what it is never changes. */
export type EntryProgress = Partial<Omit<z.infer<typeof EntryBaseSchema>, 'version' | 'id' | 'profileId' | 'connector' | 'patient' | 'title' | 'date' | 'createdAt'>>;

export const DocumentEntrySchema = EntryBaseSchema.extend({
  kind: z.literal('document'),
  target: z.object({ id: z.string(), label: z.string() }),
  file: z.object({
    /** The outbox's own copy: the original may be moved or deleted after the drop. */
    path: z.string(),
    name: z.string(),
    size: z.number().int().nonnegative(),
    sha256: z.string(),
    sha1: z.string(),
    mime: z.string(),
  }),
});
export type DocumentEntry = z.infer<typeof DocumentEntrySchema>;

export const NoteEntrySchema = EntryBaseSchema.extend({
  kind: z.literal('note'),
  /** The label too, so the queue names the type after a restart without asking the server. */
  noteType: NoteTypeSchema,
  /** The note's words, as the connector's note shape wants them; the reason entries are sealed at rest. */
  content: NoteContentSchema,
});
export type NoteEntry = z.infer<typeof NoteEntrySchema>;

/**
 * One queued write, as stored on disk (one file each). Version 1 entries written before notes
 * existed are documents and parse unchanged.
 */
export const OutboxEntrySchema = z.discriminatedUnion('kind', [DocumentEntrySchema, NoteEntrySchema]);
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

export function entryView(entry: OutboxEntry): OutboxItemView {
  const { id, displayName, birthDate, identifiers } = entry.patient;
  const shared = {
    id: entry.id,
    state: entry.state,
    title: entry.title,
    patient: { id, displayName, ...(birthDate ? { birthDate } : {}), identifiers: identifiers.slice(0, 1) },
    attempts: entry.attempts,
    ...(entry.lastError ? { error: entry.lastError } : {}),
    ...(entry.emrId ? { emrId: entry.emrId } : {}),
    ...(entry.emrUrl ? { url: entry.emrUrl } : {}),
    ...(entry.nextAttemptAt ? { nextAttemptAt: entry.nextAttemptAt } : {}),
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
  // A note is one small JSON request: it has no file, no size and no progress to show.
  if (entry.kind === 'note') return { ...shared, kind: 'note', targetLabel: entry.noteType.label, sentBytes: 0 };
  return {
    ...shared,
    kind: 'document',
    fileName: entry.file.name,
    size: entry.file.size,
    sentBytes: entry.state === 'sent' ? entry.file.size : 0,
    targetLabel: entry.target.label,
  };
}
