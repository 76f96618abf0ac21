import { z } from 'zod';
import { EmrError } from '../../shared/errors.js';
import type { OpenEmrProfile } from './openemr-settings.js';
import type { ClientSecrets } from '../../auth/client-secrets.js';
import { OPENEMR_ENABLE_CLIENT_MESSAGE, OPENEMR_SCOPES, openEmrIssuer } from './openemr-auth-server.js';

/** Where the registered secret lives in the vault; the profile's `openemr.clientSecretRef`. */
export const OPENEMR_CLIENT_SECRET_REF = 'openemr-client-secret';

const RegistrationResponseSchema = z.object({
  client_id: z.string().min(1),
  client_secret: z.string(),
});

const OAuthErrorBodySchema = z.object({ error: z.string(), error_description: z.string().optional() });

export interface OpenEmrRegistration {
  /** To be saved as the profile's `clientId`. */
  clientId: string;
  /** To be saved as the profile's `openemr.clientSecretRef`; the secret itself is already in the vault. */
  clientSecretRef: string;
  /** For the user: nothing works until an OpenEMR administrator enables the client. */
  message: string;
}

/**
 * Per-workstation dynamic registration (shared/api/openemr.md §6.2, option (a)): a confidential
 * client (`application_type: "private"` is the only value that issues a secret and allows `user/`
 * scopes), one loopback redirect URI, exactly the scopes ChartDrop asks for. OpenEMR creates it
 * disabled. Hand-written rather than openid-client's `dynamicClientRegistration`, which expects
 * RFC 7591's 201 where OpenEMR answers 200.
 */
export async function registerOpenEmrClient(profile: OpenEmrProfile, secrets: ClientSecrets): Promise<OpenEmrRegistration> {
  const { path, port } = profile.redirect;
  const body = {
    application_type: 'private',
    client_name: 'ChartDrop',
    // One URI only: some versions store them pipe-joined and then match none (§6.2). Without a
    // port, OpenEMR's league ≥ 8.3 matches any loopback port (§6.4); a fixed port is kept as is.
    redirect_uris: [`http://127.0.0.1${port === 0 ? '' : `:${port}`}${path}`],
    scope: OPENEMR_SCOPES.join(' '),
    // `none` is refused outright (§6.2); `client_secret_post` is what discovery advertises (§6.8).
    token_endpoint_auth_method: 'client_secret_post',
  };
  let response: Response;
  try {
    response = await fetch(`${openEmrIssuer(profile)}/registration`, {
      method: 'POST',
      // Anything but JSON is refused with "Unexpected content type" (§6.2).
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    throw new EmrError('transient', 'Could not reach the clinic’s OpenEMR. Check the network connection and try again.', { cause });
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const refusal = OAuthErrorBodySchema.safeParse(json);
    const reason = refusal.success ? (refusal.data.error_description ?? refusal.data.error) : `HTTP ${response.status}`;
    throw new EmrError(response.status >= 500 ? 'transient' : 'validation', `OpenEMR refused to register ChartDrop (${reason}). Ask an OpenEMR administrator to check that the Standard REST API and its OAuth2 site address are enabled.`, { status: response.status });
  }
  const registered = RegistrationResponseSchema.safeParse(json);
  if (!registered.success || registered.data.client_secret === '') {
    throw new EmrError('unsupported', 'OpenEMR registered ChartDrop without a client secret, so it cannot use the clinic’s records. Ask an OpenEMR administrator to register ChartDrop as a confidential client.');
  }
  const clientSecretRef = await secrets.store(profile.id, OPENEMR_CLIENT_SECRET_REF, registered.data.client_secret);
  return { clientId: registered.data.client_id, clientSecretRef, message: OPENEMR_ENABLE_CLIENT_MESSAGE };
}
