import * as oidc from 'openid-client';
import { EmrError } from '../../shared/errors.js';
import { OpenEmrSettingsSchema, type OpenEmrProfile } from './openemr-settings.js';
import type { AuthServer } from '../../auth/auth-server.js';
import { isLoopbackUrl } from '../../auth/loopback-url.js';
import type { ClientSecrets } from '../../auth/client-secrets.js';

/**
 * The v1 request that works on every OpenEMR generation (shared/api/openemr.md §5). It is also
 * what ChartDrop registers: granted scopes are always cut down to the registered ones.
 */
export const OPENEMR_SCOPES = [
  'openid',
  'offline_access',
  'api:oemr',
  'user/patient.read',
  'user/document.read',
  'user/document.write',
  'user/encounter.read',
  'user/encounter.write',
  'user/soap_note.read',
  'user/soap_note.write',
  'user/appointment.read',
  'user/list.read',
  'user/facility.read',
] as const;

/** Said after registering, and whenever OpenEMR refuses the client as disabled (§6.2 "Enablement"). */
export const OPENEMR_ENABLE_CLIENT_MESSAGE =
  'ChartDrop is registered with OpenEMR but cannot sign in until an OpenEMR administrator enables it in Administration → System → API Clients. If it is already enabled, ask them to check ChartDrop’s client id and secret.';

/** `{base}/oauth2/{site}`: OpenEMR's issuer and the root of every OAuth2 endpoint (§1, §6.1). */
export function openEmrIssuer(profile: OpenEmrProfile): string {
  const { site } = profile.openemr ?? OpenEmrSettingsSchema.parse({});
  return `${profile.baseUrl.replace(/\/+$/, '')}/oauth2/${site}`;
}

/**
 * OpenEMR's own OAuth2 server as a confidential client (§6.2 "Consequence"): `user/` scopes are
 * refused to public clients, so ChartDrop authenticates with its secret and sends PKCE S256 too.
 */
export async function discoverOpenEmrServer(profile: OpenEmrProfile, secrets: ClientSecrets): Promise<AuthServer> {
  const secret = await secrets.read(profile.id, profile.openemr?.clientSecretRef);
  if (!secret) {
    throw new EmrError(
      'auth',
      'ChartDrop has no client secret for this OpenEMR clinic. Register ChartDrop with the clinic’s OpenEMR, or enter the client id and secret an OpenEMR administrator gave you.',
    );
  }
  const issuer = openEmrIssuer(profile);
  const insecure = isLoopbackUrl(issuer);
  let config: oidc.Configuration;
  try {
    // §6.8: the advertised auth methods list only `client_secret_post` (Basic works too [I]) and
    // the PKCE list includes `plain`, which is rejected; so neither list is trusted: the method is
    // fixed here and the session always sends S256.
    config = await oidc.discovery(new URL(issuer), profile.clientId, { token_endpoint_auth_method: 'client_secret_post' }, oidc.ClientSecretPost(secret), {
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      timeout: 15,
    });
  } catch (cause) {
    throw new EmrError('transient', 'Could not read the OpenEMR sign-in settings. Check the clinic profile’s address and site, then try again.', { cause });
  }
  await ensureClientEnabled(config);
  const advertised = config.serverMetadata().scopes_supported;
  return {
    config,
    scope: profile.scopes?.trim() || OPENEMR_SCOPES.filter((scope) => !advertised || advertised.includes(scope)).join(' '),
    // No `aud`: optional without `launch`, and a value that is not exactly one of the server's
    // own URLs is refused (§6.3).
    async endGrant({ idToken }) {
      // No RFC 7009 endpoint exists; OpenEMR's logout deletes the trusted-user row, which ends
      // the refresh token and every access token of this client and user (§6.7).
      if (!idToken) return;
      const url = new URL(`${issuer}/logout`);
      url.searchParams.set('id_token_hint', idToken);
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
      await response.body?.cancel();
    },
  };
}

/**
 * A disabled client learns it only at `/authorize`, as a JSON `invalid_client` in the browser
 * that never reaches the loopback listener (§6.2 "Enablement", §6.3). Introspection demands an
 * enabled client too (§6.6), so asking it about a dummy token first turns that dead end into the
 * "an administrator must enable ChartDrop" message before the browser opens.
 */
async function ensureClientEnabled(config: oidc.Configuration): Promise<void> {
  if (!config.serverMetadata().introspection_endpoint) return;
  try {
    await oidc.tokenIntrospection(config, 'chartdrop-client-check');
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError && (error.error === 'invalid_client' || error.status === 401)) {
      throw new EmrError('forbidden', OPENEMR_ENABLE_CLIENT_MESSAGE, { cause: error, status: error.status });
    }
    throw new EmrError('transient', 'Could not reach the clinic’s OpenEMR sign-in server. Check the network connection and try again.', { cause: error });
  }
}
