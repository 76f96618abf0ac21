import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isFormPost, presentedClient, readText, redirect, sendHtml, sendJson } from '../auth-double/http-io.js';
import { createJwtSigner } from '../auth-double/jwt-signer.js';
import { listenOnLoopback } from '../auth-double/loopback-server.js';
import { createSignInPages, type PendingSignIn } from '../auth-double/sign-in-pages.js';
import { errorPage } from '../oidc/pages.js';
import { SANDBOX_USERS } from '../users.js';
import { AccuroGrants } from './accuro-grants.js';
import { authenticateClient, redirectMatches, type OktaClient } from './okta-clients.js';
import { grantTokens, TokenRefusal, type TokenCall } from './token-grants.js';

export interface AccuroDoubleOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Clinic acrons this integration is authorized for; default `['DEMO']`. */
  tenants?: string[];
  /** Default 3600 (shared/api/accuro.md §2.1); tests make it short. */
  accessTokenTtlSeconds?: number;
  /** Default `http://127.0.0.1/chartdrop/callback` (any port); give a port to make Okta match it exactly. */
  registeredRedirectUri?: string;
  log?: (line: string) => void;
}

export interface AccuroDouble {
  /** `{base}` of the token API `{base}/v1/token` (§1). */
  baseUrl: string;
  /** The Okta custom authorization server, `${baseUrl}/oauth2/default`. */
  issuer: string;
  /** The first authorized clinic acron. */
  tenant: string;
  /** The Accuro instance UUID QHR hands out (§1). */
  instanceUuid: string;
  /** What QHR issues an integrator (§2.1): a client id and secret, and the subscription key. */
  confidentialClient: { clientId: string; clientSecret: string };
  /** A PKCE-only native client, `client_id` in the body (§2.2). */
  publicClientId: string;
  subscriptionKey: string;
  users: ReadonlyArray<{ login: string; password: string; displayName: string }>;
  /** Every call to either token endpoint: grant type, client authentication, the tenant the QHR API resolved. */
  readonly tokenCalls: ReadonlyArray<TokenCall>;
  close(): Promise<void>;
}

const OKTA_MOUNT = '/oauth2/default';
const SCOPES = ['openid', 'profile', 'offline_access', 'PATIENT_DEMOGRAPHICS_READ', 'DOCUMENTS_READ', 'DOCUMENTS_WRITE', 'CLINICAL_NOTES_READ', 'CLINICAL_NOTES_WRITE', 'SCHEDULING_READ', 'LETTER_READ', 'user/provider.AccuroSettings.read', 'user/provider.ProviderPermissions.read'];
/** The only two bodies the token API documents (§2.1). */
const QHR_BODIES = { 400: { code: '400', message: 'Bad Request' }, 401: { code: '401', message: 'Unauthorized' } } as const;

interface AccuroAuthorization extends PendingSignIn {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  nonce?: string;
  tenant?: string;
}

/**
 * Accuro's sign-in side (shared/api/accuro.md §2, checklist §7 items 1–3): an Okta-like OpenID
 * provider under `/oauth2/default` (discovery, authorize with login and consent pages, token,
 * revoke, keys) and QHR's token API at `/v1/token?tenant=` in front of it. No REST API yet.
 */
export async function startAccuroDouble(options: AccuroDoubleOptions = {}): Promise<AccuroDouble> {
  const tenants = options.tenants ?? ['DEMO'];
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3600;
  const log = options.log ?? (() => undefined);
  const server = await listenOnLoopback(options.port);
  const baseUrl = server.origin;
  const issuer = `${baseUrl}${OKTA_MOUNT}`;
  const signer = await createJwtSigner(issuer, Date.now);
  const grants = new AccuroGrants();
  const registeredRedirectUri = options.registeredRedirectUri ?? 'http://127.0.0.1/chartdrop/callback';
  const confidential: OktaClient = { clientId: `0oa${randomBytes(8).toString('hex')}`, secret: randomBytes(30).toString('base64url'), redirectUri: registeredRedirectUri };
  const publicClient: OktaClient = { clientId: `0oa${randomBytes(8).toString('hex')}`, redirectUri: registeredRedirectUri };
  const clients = [confidential, publicClient];
  const tokenCalls: TokenCall[] = [];

  const redirectWith = (res: ServerResponse, request: { redirectUri: string; state?: string }, params: Record<string, string>) => {
    const target = new URL(request.redirectUri);
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    if (request.state !== undefined) target.searchParams.set('state', request.state);
    redirect(res, 302, target.href);
  };

  const pages = createSignInPages<AccuroAuthorization>({
    loginPath: (uid) => `${OKTA_MOUNT}/login/${uid}`,
    async approved(res, request, user) {
      const code = grants.issueCode({
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        scopes: [...request.scopes],
        login: user.login,
        ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
        ...(request.tenant === undefined ? {} : { tenant: request.tenant }),
      });
      redirectWith(res, request, { code });
    },
    denied(res, request) {
      redirectWith(res, request, { error: 'access_denied', error_description: 'The resource owner or authorization server denied the request.' });
    },
  });

  /** Okta's `/v1/authorize`: bad client or redirect URI is a page; everything later redirects. */
  function authorize(res: ServerResponse, query: URLSearchParams): void {
    const client = clients.find((candidate) => candidate.clientId === query.get('client_id'));
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!client || !redirectMatches(client.redirectUri, redirectUri)) {
      sendHtml(res, 400, errorPage({ error: 'invalid_request', error_description: "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings." }));
      return;
    }
    const state = query.get('state') ?? undefined;
    const request = { redirectUri, ...(state === undefined ? {} : { state }) };
    if (query.get('response_type') !== 'code') return redirectWith(res, request, { error: 'unsupported_response_type', error_description: 'The response type is not supported by the authorization server.' });
    const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0 || scopes.some((scope) => !SCOPES.includes(scope))) return redirectWith(res, request, { error: 'invalid_scope', error_description: 'One or more scopes are not configured for the authorization server resource.' });
    const codeChallenge = query.get('code_challenge');
    if (!codeChallenge || query.get('code_challenge_method') !== 'S256') return redirectWith(res, request, { error: 'invalid_request', error_description: "PKCE code challenge is required and 'code_challenge_method' must be S256." });
    const nonce = query.get('nonce') ?? undefined;
    const tenant = query.get('tenant') ?? undefined;
    pages.begin(res, { clientId: client.clientId, clientName: 'ChartDrop', scopes, redirectUri, codeChallenge, ...(state === undefined ? {} : { state }), ...(nonce === undefined ? {} : { nonce }), ...(tenant === undefined ? {} : { tenant }) });
  }

  /**
   * `/v1/token?tenant=` validates the acron before Okta sees the request (§2.1, [C 001]
   * sequence). A missing tenant is a bad request; one this integration is not authorized for is
   * answered as unauthorized [I: the status is undocumented]. Bodies are always `{code, message}`.
   */
  async function qhrTokenApi(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const tenant = query.get('tenant');
    if (!isFormPost(req) || !tenant) return sendJson(res, 400, QHR_BODIES[400]);
    const form = new URLSearchParams(await readText(req));
    if (!tenants.includes(tenant)) {
      tokenCalls.push({ grantType: form.get('grant_type') ?? '', clientAuth: presentedClient(req, form).via, tenant });
      return sendJson(res, 401, QHR_BODIES[401]);
    }
    try {
      sendJson(res, 200, await grantTokens(req, form, { clients, grants, signer, accessTokenTtlSeconds, tenant }, (call) => tokenCalls.push(call)));
    } catch (error) {
      if (!(error instanceof TokenRefusal)) throw error;
      sendJson(res, error.status, QHR_BODIES[error.status]);
    }
  }

  async function oktaToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isFormPost(req)) return sendJson(res, 400, { error: 'invalid_request', error_description: 'Form body required.' });
    try {
      sendJson(res, 200, await grantTokens(req, new URLSearchParams(await readText(req)), { clients, grants, signer, accessTokenTtlSeconds, tenant: undefined }, (call) => tokenCalls.push(call)));
    } catch (error) {
      if (!(error instanceof TokenRefusal)) throw error;
      sendJson(res, error.status, { error: error.oauthError, error_description: 'The request was refused.' });
    }
  }

  async function revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readText(req));
    if (!authenticateClient(clients, presentedClient(req, form))) return sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed.' });
    grants.revoke(form.get('token') ?? '');
    res.writeHead(200).end();
  }

  server.serve(async (req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    if (req.method === 'GET' && path === `${OKTA_MOUNT}/.well-known/openid-configuration`) return sendJson(res, 200, discoveryDocument(issuer));
    if (req.method === 'GET' && path === `${OKTA_MOUNT}/v1/keys`) return sendJson(res, 200, signer.jwks);
    if (req.method === 'GET' && path === `${OKTA_MOUNT}/v1/authorize`) return authorize(res, url.searchParams);
    if (path.startsWith(`${OKTA_MOUNT}/login/`)) {
      const [uid = '', step = ''] = path.slice(`${OKTA_MOUNT}/login/`.length).split('/');
      return pages.handle(req, res, uid, step);
    }
    if (req.method === 'POST' && path === `${OKTA_MOUNT}/v1/token`) return oktaToken(req, res);
    if (req.method === 'POST' && path === `${OKTA_MOUNT}/v1/revoke`) return revoke(req, res);
    if (path === '/v1/token') return qhrTokenApi(req, res, url.searchParams);
    res.writeHead(404).end();
  }, log);

  return {
    baseUrl,
    issuer,
    tenant: tenants[0] ?? 'DEMO',
    instanceUuid: randomUUID(),
    confidentialClient: { clientId: confidential.clientId, clientSecret: confidential.secret ?? '' },
    publicClientId: publicClient.clientId,
    subscriptionKey: randomBytes(16).toString('hex'),
    users: SANDBOX_USERS.map(({ login, password, displayName }) => ({ login, password, displayName })),
    tokenCalls,
    close: () => server.close(),
  };
}

function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/v1/authorize`,
    token_endpoint: `${issuer}/v1/token`,
    jwks_uri: `${issuer}/v1/keys`,
    revocation_endpoint: `${issuer}/v1/revoke`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    scopes_supported: SCOPES,
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
  };
}
