import { z } from 'zod';
import { SecretRefSchema } from '../../auth/client-secrets.js';
import type { EmrConnection } from '../emr-definition.js';

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

/** What OpenEMR's sign-in (and its connector, to come) read from a clinic profile. */
export interface OpenEmrProfile extends EmrConnection {
  /** Absent means every default. */
  openemr?: OpenEmrSettings | undefined;
}
