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

/**
 * How the clinic writes an all-numeric date: 03/04/1978 is 3 April 1978 ('dmy') or March 4 ('mdy').
 * Only typed input is read this way; the screen always writes dates with a month name.
 */
export const DateOrderSchema = z.enum(['dmy', 'mdy']);
export type DateOrder = z.infer<typeof DateOrderSchema>;

/** A name for one of a profile's secrets in the vault (see `ClientSecrets`), never the secret. */
export const SecretRefSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);

/** OpenEMR's OAuth2 server (shared/api/openemr.md §1, §6). */
export const OpenEmrSettingsSchema = z.object({
  /** The multisite segment of `/oauth2/{site}` and `/apis/{site}` (§1); a stock install has only `default`. */
  site: z.string().regex(/^[A-Za-z0-9.-]+$/).default('default'),
  /**
   * Names the confidential client's secret in the encrypted vault (`ClientSecrets`); the secret
   * itself never enters this JSON. Absent until a secret was registered or entered (§6.2).
   */
  clientSecretRef: SecretRefSchema.optional(),
});
export type OpenEmrSettings = z.output<typeof OpenEmrSettingsSchema>;

/**
 * Accuro's Okta sign-in and QHR token API (shared/api/accuro.md §1, §2). Everything marked [I]
 * there is a setting here.
 */
export const AccuroSettingsSchema = z.object({
  /** The clinic's short code ("acron"), required on every token call (§2.1). */
  tenant: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  /** The Accuro instance (database) UUID, a query parameter on every REST call (§1). */
  uuid: z.string().min(1).max(100),
  /** The OpenID issuer whose discovery document names the authorize endpoint (§2.2). */
  issuer: z.url(),
  /** Overrides the discovered authorize endpoint (§2.2 [I]). */
  authorizeUrl: z.url().optional(),
  /** Default `{baseUrl}/v1/token?tenant={tenant}`, the QHR token API (§2.1). */
  tokenUrl: z.url().optional(),
  /** `basic`: HTTP Basic with the client secret (§2.1); `body`: `client_id` (and the secret, if any) in the form (§2.2). */
  clientAuth: z.enum(['basic', 'body']).default('basic'),
  /** Also send `tenant` on the authorize request; whether QHR needs it is unknown (§2.2, §8 item 1). */
  tenantOnAuthorize: z.boolean().default(true),
  clientSecretRef: SecretRefSchema.optional(),
  /** Names the `X-QHR-Subscription-Key` in the encrypted vault (§1). */
  subscriptionKeyRef: SecretRefSchema.optional(),
});
export type AccuroSettings = z.output<typeof AccuroSettingsSchema>;

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
  /**
   * Day first by default: Canadian clinics (Accuro is Canada-only; the sandbox is in Québec) and
   * most of the world write 14/03/1978, and a US clinic sets 'mdy' once in its profile or policy.
   * Not taken from the workstation's locale: an en-US machine in a Montréal clinic is common, and
   * the same profile must read a date the same way on every workstation.
   */
  dateOrder: DateOrderSchema.default('dmy'),
  documents: z
    .object({
      /**
       * Password-protected PDFs are refused by default: the chart keeps the file, but no one
       * without the password can open it. A clinic whose EMR users know a shared password may allow them.
       */
      allowEncryptedPdf: z.boolean().default(false),
      /**
       * The filing target chosen for each new file unless the user picks another (a document
       * type, OpenEMR category or Accuro folder id). None by default: a receptionist chooses.
       */
      defaultTargetId: z.string().min(1).optional(),
    })
    .prefault({}),
  outbox: z
    .object({
      /** Uploads in flight at once; one patient's documents always go one at a time, in order. */
      concurrency: z.number().int().min(1).max(8).default(2),
      /** Keep the outbox's copy of a filed document this many days (0: remove once filed). */
      keepSentCopiesDays: z.number().int().min(0).max(90).default(0),
    })
    .prefault({}),
  fhir: z
    .object({
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
    })
    .prefault({}),
  /** Only for `kind: 'openemr'`; absent means every default. */
  openemr: OpenEmrSettingsSchema.optional(),
  /** Only for `kind: 'accuro'`, where it is required to sign in. */
  accuro: AccuroSettingsSchema.optional(),
});
export type ClinicProfile = z.output<typeof ClinicProfileSchema>;
export type ClinicProfileInput = z.input<typeof ClinicProfileSchema>;
