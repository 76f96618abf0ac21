import * as oidc from 'openid-client';
import ky from 'ky';
import { z } from 'zod';
import { EmrError } from '../../shared/errors.js';
import { isLoopbackUrl } from '../../auth/loopback-url.js';
import type { AuthServer } from '../../auth/auth-server.js';
import { smartScopes } from './smart-scopes.js';

const SmartConfigurationSchema = z.object({
  issuer: z.string().optional(),
  jwks_uri: z.string().optional(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  revocation_endpoint: z.string().optional(),
  end_session_endpoint: z.string().optional(),
  capabilities: z.array(z.string()).default([]),
  code_challenge_methods_supported: z.array(z.string()).default([]),
  scopes_supported: z.array(z.string()).optional(),
  authorization_response_iss_parameter_supported: z.boolean().optional(),
});
export type SmartConfiguration = z.infer<typeof SmartConfigurationSchema>;



/**
 * SMART discovery (shared/api/fhir.md §1): `{base}/.well-known/smart-configuration`, with
 * relative endpoints resolved against the base. The result feeds openid-client, which then does
 * every protocol check (state, PKCE, RFC 9207 `iss`, id_token signature/iss/aud/exp/nonce).
 */
export interface SmartClient {
  clientId: string;
  /** A confidential client's secret (AuroraEHR); public clients have none and rely on PKCE alone. */
  clientSecret?: string;
  scopeOverride?: string;
  audienceParameter?: 'aud' | 'audience';
}

export async function discoverSmartServer(fhirBaseUrl: string, client: SmartClient, signal?: AbortSignal): Promise<AuthServer> {
  const { clientId } = client;
  const base = fhirBaseUrl.replace(/\/+$/, '');
  let raw: unknown;
  try {
    raw = await ky.get(`${base}/.well-known/smart-configuration`, { timeout: 15_000, retry: 1, signal }).json();
  } catch (cause) {
    throw new EmrError('transient', 'Could not reach the clinic’s sign-in server. Check the network connection and try again.', { cause });
  }
  const parsed = SmartConfigurationSchema.safeParse(raw);
  if (!parsed.success) {
    throw new EmrError('unsupported', 'This server does not describe how to sign in (no SMART configuration). Check the clinic profile’s address.');
  }
  const smart = parsed.data;
  if (smart.code_challenge_methods_supported.length > 0 && !smart.code_challenge_methods_supported.includes('S256')) {
    throw new EmrError('unsupported', 'This server does not offer PKCE S256, which ChartDrop requires for a safe sign-in.');
  }
  const resolve = (url: string | undefined) => (url === undefined ? undefined : new URL(url, `${base}/`).href);
  const metadata: oidc.ServerMetadata = {
    issuer: smart.issuer ?? new URL(smart.token_endpoint, `${base}/`).origin,
    authorization_endpoint: resolve(smart.authorization_endpoint),
    token_endpoint: resolve(smart.token_endpoint),
    jwks_uri: resolve(smart.jwks_uri),
    revocation_endpoint: resolve(smart.revocation_endpoint),
    end_session_endpoint: resolve(smart.end_session_endpoint),
    authorization_response_iss_parameter_supported: smart.authorization_response_iss_parameter_supported,
    code_challenge_methods_supported: ['S256'],
  };
  const insecure = isLoopbackUrl(base);
  const config = smart.issuer && smart.capabilities.includes('sso-openid-connect')
    ? await discoverIssuer(smart.issuer, metadata, client, insecure)
    : new oidc.Configuration(metadata, clientId, ...clientAuthentication(client));
  if (insecure) oidc.allowInsecureRequests(config);
  return {
    config,
    scope: smartScopes(smart.capabilities, client.scopeOverride),
    // SMART: the token is for this FHIR server (shared/api/fhir.md §2). AuroraEHR calls it
    // `audience` and wants it on the token call too (§7).
    ...(client.audienceParameter === 'audience'
      ? { authorizationParams: { audience: base }, tokenParams: { audience: base } }
      : { authorizationParams: { aud: base } }),
    fhirBaseUrl: base,
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
 * Where the server is also an OpenID provider, its own discovery document is authoritative: the
 * library checks that it names the same issuer it was fetched from, and we check that it agrees
 * with the SMART document on where tokens come from (a mix-up defence).
 */
function clientAuthentication(client: SmartClient): [Partial<oidc.ClientMetadata>, oidc.ClientAuth] {
  return client.clientSecret
    ? [{ token_endpoint_auth_method: 'client_secret_post' }, oidc.ClientSecretPost(client.clientSecret)]
    : [{ token_endpoint_auth_method: 'none' }, oidc.None()];
}

async function discoverIssuer(issuer: string, smartMetadata: oidc.ServerMetadata, client: SmartClient, insecure: boolean): Promise<oidc.Configuration> {
  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(new URL(issuer), client.clientId, ...clientAuthentication(client), {
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      timeout: 15,
    });
  } catch (cause) {
    throw new EmrError('transient', 'Could not read the clinic’s sign-in server settings. Try again in a moment.', { cause });
  }
  const server = config.serverMetadata();
  if (server.token_endpoint !== smartMetadata.token_endpoint || server.authorization_endpoint !== smartMetadata.authorization_endpoint) {
    throw new EmrError('unsupported', 'The FHIR server and its sign-in server disagree about where to sign in, so ChartDrop will not use them. Ask IT to check the server settings.');
  }
  return config;
}
