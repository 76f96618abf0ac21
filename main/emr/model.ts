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

export const PatientSummarySchema = z.object({
  id: z.string().min(1),
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

/** A folder (Accuro), category path (OpenEMR) or document type (FHIR) a document can be filed under. */
export const DocumentTargetSchema = z.object({
  id: z.string(),
  label: z.string(),
});
export type DocumentTarget = z.infer<typeof DocumentTargetSchema>;

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

export const CapabilitiesSchema = z.object({
  uploadDocument: z.boolean(),
  createNote: z.boolean(),
  appointments: z.boolean(),
  patientSearch: z.object({ byName: z.boolean(), byBirthDate: z.boolean(), byIdentifier: z.boolean() }),
  /** How a retry proves a write did not already land (DESIGN.md "Outbox"). */
  idempotency: z.enum(['conditional-create', 'lookup', 'none']),
  acceptedMimeTypes: z.array(z.string()),
  maxUploadBytes: z.number().int().positive(),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;
