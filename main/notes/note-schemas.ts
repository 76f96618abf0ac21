import { z } from 'zod';
import { NoteContentSchema } from '../emr/model.js';

/**
 * The shapes of encounter notes that cross IPC: drafts, templates and the composer's note. Schema
 * only, so the contract (and through it the preload and the renderer's types) reaches no further
 * into main than this.
 */

/** Bounds for what crosses IPC; the connector's own, usually tighter, rules are checked on send. */
const MAX_FIELD = 200_000;

/** A note as the composer holds it. */
export const NoteWritingSchema = z.object({
  noteTypeId: z.string().max(256),
  title: z.string().max(1_000),
  content: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('text'), text: z.string().max(MAX_FIELD) }),
    z.object({ kind: z.literal('sections'), sections: z.array(z.object({ id: z.string().max(40), text: z.string().max(MAX_FIELD) })).max(20) }),
  ]),
});
export type NoteWriting = z.infer<typeof NoteWritingSchema>;

/** A draft as the composer gets it back: the words and the note's key, not the patient label. */
export const DraftViewSchema = NoteWritingSchema.extend({
  patientId: z.string(),
  /** The note's idempotency key, made with its first save; sending passes it back. */
  noteKey: z.string(),
  updatedAt: z.string(),
});
export type DraftView = z.infer<typeof DraftViewSchema>;

export const NoteDraftSchema = z.object({
  profileId: z.string().min(1),
  patientId: z.string().min(1),
  /** Enough for "you have a draft for X" without asking the EMR: PHI, so it lives in the ciphertext. */
  patientLabel: z.object({ name: z.string(), birthDate: z.string().optional() }),
  noteTypeId: z.string(),
  title: z.string(),
  content: NoteContentSchema,
  /** Made once, when the draft is first saved, and handed to the outbox entry that files it (DESIGN.md "Outbox"). */
  idempotencyKey: z.uuid(),
  updatedAt: z.iso.datetime(),
});
export type NoteDraft = z.infer<typeof NoteDraftSchema>;

/** What the composer sends on each save; the store adds the key (once) and the time. */
export type NoteDraftInput = Omit<NoteDraft, 'idempotencyKey' | 'updatedAt'>;

export const NoteDraftSummarySchema = NoteDraftSchema.pick({ patientId: true, patientLabel: true, noteTypeId: true, title: true, updatedAt: true });
export type NoteDraftSummary = z.infer<typeof NoteDraftSummarySchema>;

/**
 * A template's words for either note shape: `text` for a one-text note, `sections` (by section id,
 * e.g. SOAP) for a sectioned one, so one template serves every EMR.
 */
export const NoteTemplateBodySchema = z.object({
  name: z.string().trim().min(1).max(80),
  /** The note title the template suggests. */
  title: z.string().max(200),
  text: z.string().max(20_000),
  sections: z.array(z.object({ id: z.string().min(1), label: z.string(), text: z.string().max(20_000) })),
});
export type NoteTemplateBody = z.infer<typeof NoteTemplateBodySchema>;

export const NoteTemplateSchema = NoteTemplateBodySchema.extend({
  id: z.string(),
  builtIn: z.boolean(),
  /** Built-ins only: the user took it off their list; it can be shown again. */
  hidden: z.boolean(),
});
export type NoteTemplate = z.infer<typeof NoteTemplateSchema>;
