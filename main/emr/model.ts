import { z } from 'zod';

/**
 * The EMR-neutral shapes every connector maps its server's records onto. They are zod schemas
 * because the IPC contract reuses them as output schemas: whatever is not declared here is
 * stripped before it reaches the renderer.
 */

export const EmrKindSchema = z.enum(['fhir', 'openemr', 'accuro']);
export type EmrKind = z.infer<typeof EmrKindSchema>;

export const MAX_RECORD_ID_LENGTH = 64;

/**
 * Any record id that travels between the renderer and an EMR, or names one of our own records:
 * FHIR ids (`[A-Za-z0-9\-.]{1,64}`, FHIR R4 "id" datatype), OpenEMR pids and uuids, Accuro
 * integers, our UUIDs. It becomes a URL path segment, so nothing that could change the path gets
 * through: no '/', no whitespace, control or bidi characters, no '_' (`Patient/_history` and
 * `Patient/_search` are operations, not reads), and not '.' or '..' (a dot segment turns
 * `Patient/.` into a search whose Bundle was taken for a patient, issue 8 item 12).
 */
export const RecordIdSchema = z
  .string()
  .max(MAX_RECORD_ID_LENGTH, { error: `An id has at most ${MAX_RECORD_ID_LENGTH} characters.` })
  .regex(/^(?!\.+$)[A-Za-z0-9.-]+$/, { error: 'That is not a valid id.' });

export function isRecordId(value: unknown): value is string {
  return RecordIdSchema.safeParse(value).success;
}

/**
 * A filing target's id: a FHIR `system|code` (the system is a URI), an OpenEMR category or an
 * Accuro folder id. It is only ever looked up in the server's own list, but it still crosses the
 * boundary, so it is printable ASCII without spaces and of bounded length.
 */
export const TargetIdSchema = z
  .string()
  .max(256, { error: 'A document type id has at most 256 characters.' })
  .regex(/^[!-~]+$/, { error: 'That is not a valid document type.' });

export const PatientIdentifierSchema = z.object({
  /** What the clinic calls it: MRN, PHN, pid, chart number. */
  label: z.string(),
  value: z.string(),
});

/**
 * Every id a patient's server needs to write to their chart: `id` is the one the connector reads
 * the patient by (FHIR id, OpenEMR `uuid`, Accuro `patientId`); `ids` holds the others some calls
 * take instead (OpenEMR: documents and SOAP notes go by `pid`). The outbox stores it whole, so a
 * write queued today still has every id it needs after a restart.
 */
export const PatientRefSchema = z.object({
  id: z.string().min(1),
  ids: z.record(z.string().regex(/^[a-z][A-Za-z]{0,30}$/), z.string().max(MAX_RECORD_ID_LENGTH)).optional(),
});
export type PatientRef = z.infer<typeof PatientRefSchema>;

export const PatientSummarySchema = PatientRefSchema.extend({
  displayName: z.string(),
  familyName: z.string(),
  givenNames: z.string(),
  birthDate: z.string().optional(),
  gender: z.string().optional(),
  /** The identifier shown in the banner (first one), then any others. */
  identifiers: z.array(PatientIdentifierSchema),
});
export type PatientSummary = z.infer<typeof PatientSummarySchema>;

export const PatientQuerySchema = z
  .object({
    name: z.string().trim().min(2).max(100).optional(),
    birthDate: z.iso.date().optional(),
    identifier: z.string().trim().min(1).max(64).optional(),
  })
  .refine((q) => q.name !== undefined || q.birthDate !== undefined || q.identifier !== undefined, {
    message: 'Type a name, a date of birth or a chart number.',
  });
export type PatientQuery = z.infer<typeof PatientQuerySchema>;

export const AppointmentSummarySchema = z.object({
  id: z.string(),
  start: z.string(),
  description: z.string().optional(),
  patient: PatientSummarySchema,
});
export type AppointmentSummary = z.infer<typeof AppointmentSummarySchema>;

/**
 * Where a document can be filed: a FHIR document type, an OpenEMR category (with its
 * sub-categories), an Accuro folder (with its sub-folders). A node that only groups others is
 * `selectable: false`.
 */
export interface DocumentTarget {
  id: string;
  label: string;
  selectable?: boolean;
  children?: DocumentTarget[];
}
export const DocumentTargetSchema: z.ZodType<DocumentTarget> = z.object({
  id: z.string(),
  label: z.string(),
  selectable: z.boolean().optional(),
  get children() {
    return z.array(DocumentTargetSchema).optional();
  },
});

/** The server's filing targets, and the one the clinic files to unless the user picks another. */
export const DocumentTargetTreeSchema = z.object({
  targets: z.array(DocumentTargetSchema),
  defaultTargetId: z.string().optional(),
});
export type DocumentTargetTree = z.infer<typeof DocumentTargetTreeSchema>;

export const FiledDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string().optional(),
  typeLabel: z.string().optional(),
  contentType: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  url: z.string().optional(),
});
export type FiledDocument = z.infer<typeof FiledDocumentSchema>;

export const NoteTypeSchema = z.object({ id: z.string(), label: z.string() });
export type NoteType = z.infer<typeof NoteTypeSchema>;

/** A field of a sectioned note (OpenEMR SOAP: subjective, objective, assessment, plan). */
export const NoteSectionSchema = z.object({ id: z.string().regex(/^[a-z][a-zA-Z]{0,30}$/), label: z.string() });
export type NoteSection = z.infer<typeof NoteSectionSchema>;

/** Whether the server takes a note as one text or as named sections. */
export const NoteShapeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text') }),
  z.object({ kind: z.literal('sections'), sections: z.array(NoteSectionSchema).min(1) }),
]);
export type NoteShape = z.infer<typeof NoteShapeSchema>;

/**
 * What the server refuses or mangles in a note, so a composer can check one without knowing the
 * EMR. Lengths count characters (code points) per field: the text, or each section.
 */
export const NoteRulesSchema = z.object({
  /** A field with any text must have at least this many characters (OpenEMR SOAP: 2). */
  minLength: z.number().int().nonnegative(),
  maxLength: z.number().int().positive(),
  titleMaxLength: z.number().int().positive(),
  /** `ascii`: printable ASCII, tab and newlines only (Accuro mangles anything else). */
  charset: z.enum(['unicode', 'ascii']),
});
export type NoteRules = z.infer<typeof NoteRulesSchema>;

/** A note's words, in the connector's note shape. */
export const NoteContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('sections'), sections: z.array(z.object({ id: z.string(), text: z.string() })) }),
]);
export type NoteContent = z.infer<typeof NoteContentSchema>;

export const CapabilitiesSchema = z.object({
  uploadDocument: z.boolean(),
  createNote: z.boolean(),
  appointments: z.boolean(),
  patientSearch: z.object({ byName: z.boolean(), byBirthDate: z.boolean(), byIdentifier: z.boolean() }),
  /** How a retry proves a write did not already land (DESIGN.md "Outbox"). */
  idempotency: z.enum(['conditional-create', 'lookup', 'none']),
  acceptedMimeTypes: z.array(z.string()),
  maxUploadBytes: z.number().int().positive(),
  /** How notes are written and checked; meaningful when `createNote` is true. */
  notes: z.object({ shape: NoteShapeSchema, rules: NoteRulesSchema }),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;
