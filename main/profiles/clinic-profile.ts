import { z } from 'zod';
import { AccuroSettingsSchema } from '../emr/accuro/accuro-settings.js';
import { FhirSettingsSchema } from '../emr/fhir/fhir-settings.js';
import { EmrKindSchema } from '../emr/model.js';
import { DateOrderSchema } from './date-order.js';
import { OpenEmrSettingsSchema } from '../emr/openemr/openemr-settings.js';

/**
 * One clinic: which EMR and how to reach it, each family's own settings under its kind's key, and
 * the app's settings for that clinic. Each part is owned where it is used (the EMR folders own
 * theirs); this schema only puts them together.
 */
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
  fhir: FhirSettingsSchema.prefault({}),
  /** Only for `kind: 'openemr'`; absent means every default. */
  openemr: OpenEmrSettingsSchema.optional(),
  /** Only for `kind: 'accuro'`, where it is required to sign in. */
  accuro: AccuroSettingsSchema.optional(),
});
export type ClinicProfile = z.output<typeof ClinicProfileSchema>;
export type ClinicProfileInput = z.input<typeof ClinicProfileSchema>;
