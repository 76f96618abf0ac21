import { EmrError } from '../../shared/errors.js';
import type { AccuroProfile } from './accuro-settings.js';
import { accuroSettings } from './accuro-auth-server.js';
import type { ClientSecrets } from '../../auth/client-secrets.js';

/** What every Accuro REST call carries besides the bearer token (shared/api/accuro.md §1). */
export interface AccuroRestContext {
  headers: { 'X-QHR-Subscription-Key': string };
  /** `uuid` names the Accuro instance; `tenant` is needed only with legacy tokens but harmless (§1). */
  searchParams: { uuid: string; tenant: string };
}

/** For the Accuro connector's HTTP client: the subscription key comes from the vault, never the profile. */
export async function accuroRestContext(profile: AccuroProfile, secrets: ClientSecrets): Promise<AccuroRestContext> {
  const settings = accuroSettings(profile);
  const subscriptionKey = await secrets.read(profile.id, settings.subscriptionKeyRef);
  if (!subscriptionKey) {
    throw new EmrError('validation', 'ChartDrop has no QHR subscription key for this Accuro clinic. Enter the key from the QHR Developer Portal in the clinic profile.', { field: 'accuro.subscriptionKey' });
  }
  return {
    headers: { 'X-QHR-Subscription-Key': subscriptionKey },
    searchParams: { uuid: settings.uuid, tenant: settings.tenant },
  };
}
