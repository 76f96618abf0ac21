import { z } from 'zod';
import { EmrKindSchema } from '../emr/model.js';

/** A FHIR document type offered as a filing target (LOINC document ontology by default). */
export const FhirDocumentTypeSchema = z.object({
  system: z.string().default('http://loinc.org'),
  code: z.string().min(1),
  display: z.string().min(1),
});

/** Defaults a clinic can override; chosen for what a front desk files most. */
export const DEFAULT_FHIR_DOCUMENT_TYPES = [
  { system: 'http://loinc.org', code: '34109-9', display: 'Note' },
  { system: 'http://loinc.org', code: '11502-2', display: 'Laboratory report' },
  { system: 'http://loinc.org', code: '18748-4', display: 'Diagnostic imaging study' },
  { system: 'http://loinc.org', code: '57133-1', display: 'Referral note' },
  { system: 'http://loinc.org', code: '11488-4', display: 'Consult note' },
  { system: 'http://loinc.org', code: '51851-4', display: 'Administrative note' },
] as const;

export const ClinicProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: z.string().min(1).max(100),
  kind: EmrKindSchema,
  /** FHIR base, OpenEMR base or Accuro base: everything else is discovered or derived from it. */
  baseUrl: z.url(),
  clientId: z.string().min(1),
  /** Extra scopes or a full override; empty means "derive from what the server advertises". */
  scopes: z.string().optional(),
  redirect: z
    .object({
      /** Fixed per profile: some servers match the registered redirect URI exactly. */
      path: z.string().regex(/^\/[A-Za-z0-9/_-]*$/).default('/chartdrop/callback'),
      /** 0 = ephemeral (RFC 8252 §7.3); a fixed port for servers that match the port too. */
      port: z.number().int().min(0).max(65535).default(0),
    })
    .prefault({}),
  signInTimeoutMs: z.number().int().min(10_000).max(3_600_000).default(300_000),
  maxUploadBytes: z.number().int().positive().default(200 * 1024 * 1024),
  fhir: z
    .object({
      documentTypes: z.array(FhirDocumentTypeSchema).min(1).default(() => DEFAULT_FHIR_DOCUMENT_TYPES.map((t) => ({ ...t }))),
      /** The system of the identifier ChartDrop stamps on every document (idempotency key). */
      identifierSystem: z.string().default('urn:chartdrop:document'),
    })
    .prefault({}),
});
export type ClinicProfile = z.output<typeof ClinicProfileSchema>;
export type ClinicProfileInput = z.input<typeof ClinicProfileSchema>;
