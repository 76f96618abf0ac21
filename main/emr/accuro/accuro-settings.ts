import { z } from 'zod';
import { SecretRefSchema } from '../../auth/client-secrets.js';
import type { EmrConnection } from '../emr-definition.js';

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

/** What Accuro's sign-in and REST context read from a clinic profile. */
export interface AccuroProfile extends EmrConnection {
  /** Required to sign in; a profile without it is refused with a clear message. */
  accuro?: AccuroSettings | undefined;
}
