import { z } from 'zod';
import { SecretRefSchema } from '../../auth/client-secrets.js';
import type { EmrConnection } from '../emr-definition.js';

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

/** A SMART-on-FHIR clinic's own settings: the profile's `fhir` key. */
export const FhirSettingsSchema = z.object({
  documentTypes: z.array(FhirDocumentTypeSchema).min(1).default(() => DEFAULT_FHIR_DOCUMENT_TYPES.map((t) => ({ ...t }))),
  /** The system of the identifier ChartDrop stamps on every document (idempotency key). */
  identifierSystem: z.string().default('urn:chartdrop:document'),
  /**
   * How the server wants to hear which FHIR base the token is for: SMART's `aud`, or
   * AuroraEHR's `audience` on both the authorize and token calls (shared/api/fhir.md §7).
   */
  audienceParameter: z.enum(['aud', 'audience']).default('aud'),
  /** For servers that register ChartDrop as a confidential client (AuroraEHR); kept in the vault. */
  clientSecretRef: SecretRefSchema.optional(),
  /**
   * After an upload the stored Binary is read back and its SHA-256 compared for files up to
   * this size; above it only the size the server reports is compared (issue 8: a proxy stored a
   * re-encoded copy). 0 compares sizes only.
   */
  verifyHashUpToBytes: z.number().int().min(0).default(20 * 1024 * 1024),
  /**
   * What the composer lets through for this server's notes. FHIR sets no limit on an attachment;
   * the defaults keep a quick note well inside what servers take inline (Epic documents 1 MB per
   * note, shared/api/fhir.md §3.6). A server behind an interface engine that mangles anything
   * outside ASCII is set to `ascii`, and the composer then offers its one-click fix.
   */
  notes: z
    .object({
      maxLength: z.number().int().positive().default(100_000),
      titleMaxLength: z.number().int().positive().default(200),
      charset: z.enum(['unicode', 'ascii']).default('unicode'),
    })
    .prefault({}),
});
export type FhirSettings = z.output<typeof FhirSettingsSchema>;

/** What the FHIR connector and SMART sign-in read from a clinic profile. */
export interface FhirProfile extends EmrConnection {
  fhir: FhirSettings;
}
