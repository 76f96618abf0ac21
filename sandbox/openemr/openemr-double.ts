import type { IncomingMessage, ServerResponse } from 'node:http';
import { createJwtSigner, type JwtSigner } from '../auth-double/jwt-signer.js';
import { isFormPost, readText, redirect, sendHtml, sendJson } from '../auth-double/http-io.js';
import { listenOnLoopback } from '../auth-double/loopback-server.js';
import { createSignInPages } from '../auth-double/sign-in-pages.js';
import { loggedOutPage } from '../oidc/pages.js';
import { createRequestLog, type RequestLog } from '../request-log.js';
import { SANDBOX_USERS } from '../users.js';
import { validateAuthorization, type OpenEmrAuthorization } from './authorize-endpoint.js';
import { ClientRegistry, LeagueError } from './client-registry.js';
import { GrantStore } from './grant-store.js';
import { OPENEMR_SERVER_SCOPES } from './openemr-scopes.js';
import { exchangeAtTokenEndpoint } from './token-endpoint.js';
import { loginForUuid } from './user-uuid.js';

export interface OpenEmrDoubleOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Multisite names under `sites/` (shared/api/openemr.md §1); default `['default']`. */
  sites?: string[];
  /** Default 3600 (§6.5). */
  accessTokenTtlSeconds?: number;
  /** The double's clock, so tests can let a code outlive its 60 s. Default `Date.now`. */
  now?: () => number;
  log?: (line: string) => void;
}

export interface OpenEmrDouble {
  /** `http://127.0.0.1:PORT`; the webroot is empty, as in the docker images (§1). */
  baseUrl: string;
  /** `${baseUrl}/oauth2/{first site}` */
  issuer: string;
  users: ReadonlyArray<{ login: string; password: string; displayName: string }>;
  /** Path and status of every request (never queries or bodies). */
  requests: RequestLog;
  /** The administrator's "Enable" in Administration → System → API Clients (§6.2). */
  enableClient(clientId: string): void;
  close(): Promise<void>;
}

const SITE_PATTERN = /^[A-Za-z0-9.-]+$/;

/**
 * OpenEMR's OAuth2 server as ChartDrop meets it (shared/api/openemr.md §6, checklist §9 items 2–5
 * on the auth side): registration, authorize with its login and consent pages, token, introspect,
 * logout, discovery and JWKS, each under `/oauth2/{site}`. No Standard API yet.
 */
export async function startOpenEmrDouble(options: OpenEmrDoubleOptions = {}): Promise<OpenEmrDouble> {
  const now = options.now ?? Date.now;
  const sites = options.sites ?? ['default'];
  const log = options.log ?? (() => undefined);
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3600;
  const server = await listenOnLoopback(options.port);
  const baseUrl = server.origin;
  const clients = new ClientRegistry();
  const grants = new GrantStore(now);
  const signers = new Map<string, JwtSigner>();
  for (const site of sites) signers.set(site, await createJwtSigner(`${baseUrl}/oauth2/${site}`, now));
  const requests = createRequestLog();

  const pagesBySite = new Map(
    sites.map((site) => [
      site,
      createSignInPages<OpenEmrAuthorization>({
        loginPath: (uid) => `/oauth2/${site}/provider/login/${uid}`,
        async approved(res, request, user) {
          const registered = clients.find(request.clientId)?.scopes ?? [];
          // Granted = registered ∩ requested ∩ approved (§5); the double's consent approves all.
          const scopes = request.scopes.filter((scope) => registered.includes(scope));
          const code = grants.issueCode({ clientId: request.clientId, redirectUri: request.redirectUri, state: request.state, scopes, login: user.login, ...(request.codeChallenge === undefined ? {} : { codeChallenge: request.codeChallenge }), ...(request.nonce === undefined ? {} : { nonce: request.nonce }) });
          const target = new URL(request.redirectUri);
          target.searchParams.set('code', code);
          if (request.state) target.searchParams.set('state', request.state);
          redirect(res, 302, target.href);
        },
        denied(res, request) {
          const target = new URL(request.redirectUri);
          target.searchParams.set('error', 'access_denied');
          target.searchParams.set('error_description', 'The resource owner or authorization server denied the request.');
          if (request.state) target.searchParams.set('state', request.state);
          redirect(res, 302, target.href);
        },
      }),
    ]),
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const [, root, site = '', ...rest] = url.pathname.split('/');
    if (root !== 'oauth2') {
      res.writeHead(404).end();
      return;
    }
    const signer = signers.get(site);
    const pages = pagesBySite.get(site);
    if (!SITE_PATTERN.test(site) || !signer || !pages) {
      // §1: an unknown or malformed site is a 400 before any routing.
      sendJson(res, 400, { error: 'api site error' });
      return;
    }
    const issuer = `${baseUrl}/oauth2/${site}`;
    const route = rest.join('/');
    try {
      if (req.method === 'GET' && route === '.well-known/openid-configuration') return sendJson(res, 200, discoveryDocument(issuer));
      if (req.method === 'GET' && route === 'jwk') return sendJson(res, 200, signer.jwks);
      if (req.method === 'POST' && route === 'registration') {
        return sendJson(res, 200, clients.register(req.headers['content-type'], await readText(req), issuer));
      }
      if (req.method === 'GET' && route === 'authorize') {
        const audiences = ['fhir', 'api', 'portal'].map((family) => `${baseUrl}/apis/${site}/${family}`);
        const request = validateAuthorization(res, url.searchParams, clients, audiences);
        if (request) pages.begin(res, request);
        return;
      }
      if (rest[0] === 'provider' && rest[1] === 'login' && rest[2]) return pages.handle(req, res, rest[2], rest[3] ?? '');
      if (route === 'token') {
        if (!isFormPost(req)) throw new LeagueError(400, 'invalid_request', 'The request is missing a required parameter');
        const form = new URLSearchParams(await readText(req));
        return sendJson(res, 200, await exchangeAtTokenEndpoint(req, form, { clients, grants, signer, accessTokenTtlSeconds }));
      }
      if (route === 'introspect' && isFormPost(req)) return sendJson(res, 200, await introspect(new URLSearchParams(await readText(req)), signer));
      if (req.method === 'GET' && route === 'logout') return await logout(res, url.searchParams, signer);
      res.writeHead(404).end();
    } catch (error) {
      if (!(error instanceof LeagueError)) throw error;
      sendJson(res, error.status, error.body());
    }
  }

  /**
   * §6.6: client credentials as form fields, an enabled client, and `active: false` for tokens of
   * another client.
   */
  async function introspect(form: URLSearchParams, signer: JwtSigner): Promise<Record<string, unknown>> {
    const client = clients.authenticate(form.get('client_id') ?? undefined, form.get('client_secret') ?? undefined);
    const token = form.get('token') ?? '';
    const refreshGrant = grants.peekRefreshToken(token);
    if (refreshGrant) return refreshGrant.clientId === client.clientId ? { active: true, client_id: client.clientId, scope: refreshGrant.scopes.join(' '), token_type: 'refresh_token' } : { active: false };
    const claims = await signer.verify(token);
    const login = typeof claims?.sub === 'string' ? loginForUuid(claims.sub) : undefined;
    const live = claims !== undefined && claims.aud === client.clientId && (claims.exp ?? 0) * 1000 > now() && login !== undefined && grants.isTrusted(client.clientId, login);
    return live ? { active: true, client_id: client.clientId, sub: claims.sub, exp: claims.exp, token_type: 'Bearer' } : { active: false };
  }

  /** §6.7: deletes the trusted-user row for the hint's client and user. */
  async function logout(res: ServerResponse, query: URLSearchParams, signer: JwtSigner): Promise<void> {
    const claims = await signer.verify(query.get('id_token_hint') ?? '');
    const login = typeof claims?.sub === 'string' ? loginForUuid(claims.sub) : undefined;
    if (!claims || typeof claims.aud !== 'string' || !login) {
      sendJson(res, 400, new LeagueError(400, 'invalid_request', 'id_token_hint is invalid').body());
      return;
    }
    grants.forgetTrustedUser(claims.aud, login);
    sendHtml(res, 200, loggedOutPage());
  }

  server.serve(async (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    res.once('close', () => requests.record({ method: req.method ?? 'GET', path, status: res.headersSent ? res.statusCode : 0 }));
    await handle(req, res);
  }, log);

  return {
    baseUrl,
    issuer: `${baseUrl}/oauth2/${sites[0] ?? 'default'}`,
    users: SANDBOX_USERS.map(({ login, password, displayName }) => ({ login, password, displayName })),
    requests,
    enableClient: (clientId) => clients.enable(clientId),
    close: () => server.close(),
  };
}

/** §6.8, including its two untrustworthy lists: `plain` is advertised but refused, and Basic works though only `client_secret_post` is named. */
function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwk`,
    userinfo_endpoint: `${issuer}/userinfo`,
    registration_endpoint: `${issuer}/registration`,
    introspection_endpoint: `${issuer}/introspect`,
    end_session_endpoint: `${issuer}/logout`,
    scopes_supported: [...OPENEMR_SERVER_SCOPES],
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256', 'plain'],
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    id_token_signing_alg_values_supported: ['RS256'],
    subject_types_supported: ['public'],
  };
}
