import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { needsConfidentialClient, OPENEMR_SERVER_SCOPES } from './openemr-scopes.js';

export interface RegisteredClient {
  clientId: string;
  /** Empty for a public client (§6.2). */
  secret: string;
  name: string;
  confidential: boolean;
  enabled: boolean;
  redirectUris: string[];
  scopes: string[];
}

/** A refusal in league/oauth2-server's JSON shape (§6.2 last bullet). */
export class LeagueError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }

  body(): Record<string, string> {
    return { error: this.error, error_description: this.description, message: this.description };
  }
}

const RegistrationSchema = z.looseObject({
  application_type: z.string().optional(),
  client_name: z.string().optional(),
  redirect_uris: z.array(z.string()).optional(),
  post_logout_redirect_uris: z.array(z.string()).optional(),
  contacts: z.array(z.string()).optional(),
  scope: z.string().optional(),
  token_endpoint_auth_method: z.string().optional(),
  jwks: z.unknown().optional(),
  jwks_uri: z.string().optional(),
});

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'];

/** OpenEMR's registered API clients (Administration → System → API Clients). */
export class ClientRegistry {
  private readonly clients = new Map<string, RegisteredClient>();

  /**
   * `POST /oauth2/{site}/registration` (shared/api/openemr.md §6.2): JSON only; only
   * `application_type: "private"` makes a confidential client; public clients may not hold
   * `user/`/`system/` scopes; `none` is not an auth method; confidential clients with user scopes
   * start disabled. Returns the 200 body.
   */
  register(contentType: string | undefined, text: string, registrationBaseUri: string): Record<string, unknown> {
    if (!(contentType ?? '').startsWith('application/json')) throw new LeagueError(400, 'invalid_client_metadata', 'Unexpected content type');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new LeagueError(400, 'invalid_client_metadata', 'Invalid JSON');
    }
    const parsed = RegistrationSchema.safeParse(json);
    if (!parsed.success) throw new LeagueError(400, 'invalid_client_metadata', 'Invalid client metadata');
    const request = parsed.data;
    if (!request.redirect_uris?.length) throw new LeagueError(400, 'invalid_redirect_uri', 'redirect_uris is invalid');
    const method = request.token_endpoint_auth_method;
    if (method !== undefined && !AUTH_METHODS.includes(method)) {
      throw new LeagueError(400, 'invalid_client_metadata', `Unsupported token_endpoint_auth_method value : ${method}`);
    }
    const scopes = (request.scope ?? '').split(' ').filter(Boolean);
    const unknown = scopes.find((scope) => !OPENEMR_SERVER_SCOPES.has(scope));
    if (unknown) throw new LeagueError(400, 'invalid_scope', `The requested scope is invalid: ${unknown}`);
    const confidential = request.application_type === 'private';
    if (!confidential && scopes.some(needsConfidentialClient)) {
      throw new LeagueError(400, 'invalid_client_metadata', 'system and user scopes are only allowed for confidential clients');
    }
    if (confidential && scopes.some((scope) => scope.startsWith('system/')) && request.jwks === undefined && request.jwks_uri === undefined) {
      throw new LeagueError(400, 'invalid_client_metadata', 'jwks is invalid');
    }
    const client: RegisteredClient = {
      clientId: randomBytes(32).toString('base64url'),
      secret: confidential ? randomBytes(64).toString('base64url') : '',
      name: request.client_name ?? 'API client',
      confidential,
      // "App Manual Approval" is off in the double; these still need the admin (§6.2 "Enablement").
      enabled: !(confidential && scopes.some(needsConfidentialClient)) && !(!confidential && scopes.includes('launch')),
      redirectUris: request.redirect_uris,
      scopes,
    };
    this.clients.set(client.clientId, client);
    return {
      client_id: client.clientId,
      client_secret: client.secret,
      registration_access_token: randomBytes(32).toString('base64url'),
      registration_client_uri: `${registrationBaseUri}/client/${randomBytes(16).toString('base64url')}`,
      client_id_issued_at: Math.floor(Date.now() / 1000),
      client_secret_expires_at: 0,
      client_role: confidential ? 'user' : 'patient',
      client_name: client.name,
      redirect_uris: client.redirectUris,
      scope: scopes.join(' '),
      ...(request.application_type === undefined ? {} : { application_type: request.application_type }),
      ...(request.contacts === undefined ? {} : { contacts: request.contacts }),
    };
  }

  /** The admin's "Enable" click. */
  enable(clientId: string): void {
    const client = this.clients.get(clientId);
    if (!client) throw new Error(`no registered client ${clientId}`);
    client.enabled = true;
  }

  find(clientId: string | undefined): RegisteredClient | undefined {
    return clientId === undefined ? undefined : this.clients.get(clientId);
  }

  /**
   * Client authentication at /token and /introspect. Stricter than OpenEMR, which skips the
   * secret comparison when none is sent (§6.5): the double makes ChartDrop always send it.
   */
  authenticate(clientId: string | undefined, secret: string | undefined): RegisteredClient {
    const client = this.find(clientId);
    const refused = new LeagueError(401, 'invalid_client', 'Client authentication failed');
    if (!client?.enabled) throw refused;
    if (client.confidential && !(secret !== undefined && sameText(secret, client.secret))) throw refused;
    return client;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
