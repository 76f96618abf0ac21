import { randomBytes } from 'node:crypto';
import type { ClientMetadata, Configuration, KoaContext, Provider } from 'oidc-provider';
import { INTERACTION_MOUNT } from '../paths.js';
import { grantableResourceScopes } from '../smart-scopes.js';
import { findUserByLogin } from '../users.js';
import type { AdapterStore } from './adapter-store.js';
import { importProvider } from './import-provider.js';
import { idTokenTamperMiddleware, type IdTokenTamperSwitch } from './id-token-tamper.js';
import { errorPage, logoutPage, loggedOutPage } from './pages.js';
import { serverQuirksMiddleware, type ServerQuirks } from './server-quirks.js';
import type { SigningKey } from './signing-key.js';

export const DEMO_CLIENT_ID = 'chartdrop-demo';
export const OTHER_CLIENT_ID = 'chartdrop-other';
export const REGISTERED_REDIRECT_URI = 'http://127.0.0.1/chartdrop/callback';

export interface ProviderSettings {
  issuer: string;
  fhirBaseUrl: string;
  accessTokenTtlSeconds: number;
  signingKey: SigningKey;
  store: AdapterStore;
  /** Test-only: off unless a test sets `next`. */
  idTokenTamper: IdTokenTamperSwitch;
  /** Test-only behaviours of other SMART servers, each off by default. */
  quirks: ServerQuirks;
}

function nativePublicClient(clientId: string): ClientMetadata {
  // Native + `none`: oidc-provider then accepts any port on the loopback redirect (RFC 8252 §7.3).
  return {
    client_id: clientId,
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: [REGISTERED_REDIRECT_URI],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
}

function renderHtml(ctx: KoaContext, html: string): void {
  ctx.type = 'html';
  ctx.body = html;
}

export async function createOpenIdProvider(settings: ProviderSettings): Promise<Provider> {
  const { Provider: ProviderClass, errors } = await importProvider();
  const { fhirBaseUrl } = settings;

  const configuration: Partial<Configuration> = {
    adapter: settings.store.adapterClass(),
    clients: [nativePublicClient(DEMO_CLIENT_ID), nativePublicClient(OTHER_CLIENT_ID)],
    jwks: { keys: [{ ...settings.signingKey.privateJwk }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'offline_access', 'profile', 'fhirUser'],
    claims: { openid: ['sub'], profile: ['name'], fhirUser: ['fhirUser'] },
    // SMART wants `fhirUser` in the ID token of a code flow; the OpenID default keeps
    // scope-requested claims for the userinfo endpoint only.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    rotateRefreshToken: true,
    clientBasedCORS: () => false,
    async findAccount(_ctx, sub) {
      const user = findUserByLogin(sub);
      if (!user) return undefined;
      return {
        accountId: user.login,
        async claims() {
          const fhirUser = `${fhirBaseUrl}/Practitioner/${user.practitionerId}`;
          return settings.quirks.idTokenWithoutName ? { sub: user.login, fhirUser } : { sub: user.login, name: user.displayName, fhirUser };
        },
      };
    },
    interactions: { url: async (_ctx, interaction) => `${INTERACTION_MOUNT}/${interaction.uid}` },
    async renderError(ctx, out) {
      renderHtml(ctx, errorPage(out));
    },
    ttl: {
      AccessToken: settings.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * 86_400,
      Interaction: 3600,
      Session: 14 * 86_400,
      Grant: 14 * 86_400,
    },
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        // RFC 7009 §2.1: a client may revoke only its own tokens. Public clients cannot prove who
        // they are, so another client's token is quietly left alone (the library's default rule,
        // stated here so it is a decision rather than a console notice).
        async allowedPolicy(_ctx, client, token) {
          return token.clientId === client.clientId;
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          renderHtml(ctx, logoutPage(form));
        },
        async postLogoutSuccessSource(ctx) {
          renderHtml(ctx, loggedOutPage());
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => fhirBaseUrl,
        // Keep issuing FHIR-audience JWTs at the token endpoint even when `openid` is in scope.
        useGrantedResource: async () => true,
        async getResourceServerInfo(_ctx, resourceIndicator) {
          if (resourceIndicator !== fhirBaseUrl) throw new errors.InvalidTarget();
          return {
            scope: grantableResourceScopes().join(' '),
            audience: fhirBaseUrl,
            accessTokenTTL: settings.accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  };

  const provider = new ProviderClass(settings.issuer, configuration);
  provider.use(idTokenTamperMiddleware(settings.idTokenTamper, settings.signingKey));
  provider.use(serverQuirksMiddleware(settings.quirks, settings.signingKey));
  return provider;
}
