import * as oidc from 'openid-client';
import { EmrError } from '../../shared/errors.js';
import type { AccuroProfile, AccuroSettings } from './accuro-settings.js';
import type { AuthServer } from '../../auth/auth-server.js';
import { isLoopbackUrl } from '../../auth/loopback-url.js';
import { qhrTokenApiFetch } from './accuro-token-api.js';
import type { ClientSecrets } from '../../auth/client-secrets.js';

/**
 * Okta hands out refresh tokens only with `offline_access`; the API scopes are the ones the
 * connector's endpoints need (shared/api/accuro.md §2.2, §4). Space-separated, whatever one
 * docs table shows.
 */
export const ACCURO_SCOPES =
  'openid profile offline_access PATIENT_DEMOGRAPHICS_READ DOCUMENTS_READ DOCUMENTS_WRITE CLINICAL_NOTES_READ CLINICAL_NOTES_WRITE SCHEDULING_READ';

export function accuroSettings(profile: AccuroProfile): AccuroSettings {
  if (!profile.accuro) {
    throw new EmrError('validation', 'This Accuro clinic profile lacks its clinic code (tenant), Accuro instance UUID and sign-in issuer. Ask IT to complete it.', { field: 'accuro' });
  }
  return profile.accuro;
}

/** The token URL always carries `?tenant=`: the QHR token API requires it on every call (§2.1). */
export function accuroTokenUrl(profile: AccuroProfile, settings: AccuroSettings): string {
  const url = new URL(settings.tokenUrl ?? `${profile.baseUrl.replace(/\/+$/, '')}/v1/token`);
  url.searchParams.set('tenant', settings.tenant);
  return url.href;
}

/**
 * Accuro's sign-in: an Okta authorization server found by OIDC discovery from the configured
 * issuer, with the authorize and token URLs separately configurable because QHR has not said
 * whether the token call goes to Okta or to its own token API (§2.2); the default is the token
 * API (§2.1). Refresh tokens are one-time (§2.1): the session's single-flight refresh stores each
 * rotated one before anything uses the new access token.
 */
export async function discoverAccuroServer(profile: AccuroProfile, secrets: ClientSecrets): Promise<AuthServer> {
  const settings = accuroSettings(profile);
  const secret = await secrets.read(profile.id, settings.clientSecretRef);
  const clientAuth = accuroClientAuth(settings, secret);
  const insecure = isLoopbackUrl(settings.issuer);
  let discovered: oidc.Configuration;
  try {
    discovered = await oidc.discovery(new URL(settings.issuer), profile.clientId, undefined, clientAuth, {
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      timeout: 15,
    });
  } catch (cause) {
    throw new EmrError('transient', 'Could not read the Accuro sign-in settings. Check the clinic profile’s issuer, then try again.', { cause });
  }
  // The helper method is not metadata; everything else is carried over as discovered.
  const { supportsPKCE: _helper, ...metadata } = discovered.serverMetadata();
  const config = new oidc.Configuration(
    {
      ...metadata,
      authorization_endpoint: settings.authorizeUrl ?? metadata.authorization_endpoint,
      token_endpoint: accuroTokenUrl(profile, settings),
    },
    profile.clientId,
    undefined,
    clientAuth,
  );
  config[oidc.customFetch] = qhrTokenApiFetch;
  config.timeout = 15;
  if (insecure) oidc.allowInsecureRequests(config);
  return {
    config,
    scope: profile.scopes?.trim() || ACCURO_SCOPES,
    // Possibly what sets the token's `requested_acron` (§2.2 [I]); a setting because unconfirmed.
    ...(settings.tenantOnAuthorize ? { authorizationParams: { tenant: settings.tenant } } : {}),
    ...(config.serverMetadata().revocation_endpoint
      ? {
          async endGrant({ refreshToken }: { refreshToken?: string }) {
            if (refreshToken) await oidc.tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' });
          },
        }
      : {}),
  };
}

/**
 * Basic with the secret QHR issued (§2.1, the only documented form), or `client_id` in the form
 * body (§2.2), with the secret beside it when QHR issued one for a body-authenticating client.
 */
function accuroClientAuth(settings: AccuroSettings, secret: string | undefined): oidc.ClientAuth {
  if (settings.clientAuth === 'body') return secret ? oidc.ClientSecretPost(secret) : oidc.None();
  if (!secret) {
    throw new EmrError('auth', 'ChartDrop has no client secret for this Accuro clinic. Enter the client secret QHR issued for ChartDrop in the clinic profile.');
  }
  return oidc.ClientSecretBasic(secret);
}
