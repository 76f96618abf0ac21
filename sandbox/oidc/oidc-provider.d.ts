// oidc-provider ships no type declarations. These cover only the surface the sandbox uses,
// typed from the library's own source (lib/provider.js, lib/models/grant.js), so nothing
// untyped leaks into the rest of the code.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AdapterPayload = Record<string, unknown> & {
    grantId?: string;
    accountId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  /** The slice of Koa's context that page renderers set. */
  export interface KoaContext {
    body: unknown;
    type: string;
  }

  /** What a `provider.use` middleware sees of Koa's context. */
  export interface KoaMiddlewareContext extends KoaContext {
    method: string;
    /** Relative to the provider's mount (`/token`). */
    path: string;
    status: number;
    /** The request's parsed OAuth parameters, once the provider has read them. */
    oidc?: { params?: Record<string, unknown> };
  }

  export type KoaMiddleware = (ctx: KoaMiddlewareContext, next: () => Promise<void>) => Promise<void>;

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<AccountClaims>;
  }

  export interface ResourceServerInfo {
    scope: string;
    audience: string;
    accessTokenTTL: number;
    accessTokenFormat: 'jwt' | 'opaque';
    jwt?: { sign: { alg: string } };
  }

  export interface ClientMetadata {
    client_id: string;
    application_type: 'native' | 'web';
    token_endpoint_auth_method: 'none';
    redirect_uris: string[];
    grant_types: string[];
    response_types: string[];
  }

  export interface Configuration {
    adapter: new (model: string) => Adapter;
    clients: ClientMetadata[];
    jwks: { keys: Record<string, unknown>[] };
    cookies: { keys: string[] };
    claims: Record<string, string[]>;
    scopes: string[];
    responseTypes: string[];
    conformIdTokenClaims: boolean;
    findAccount(ctx: KoaContext, sub: string): Promise<Account | undefined>;
    interactions: { url(ctx: KoaContext, interaction: { uid: string }): Promise<string> };
    pkce: { required(): boolean };
    rotateRefreshToken: boolean;
    clientBasedCORS(): boolean;
    renderError(ctx: KoaContext, out: Record<string, string>, error: Error): Promise<void>;
    ttl: Record<string, number>;
    features: {
      devInteractions: { enabled: boolean };
      revocation: {
        enabled: boolean;
        allowedPolicy(ctx: KoaContext, client: { clientId: string }, token: { clientId?: string }): Promise<boolean>;
      };
      rpInitiatedLogout: {
        enabled: boolean;
        logoutSource(ctx: KoaContext, form: string): Promise<void>;
        postLogoutSuccessSource(ctx: KoaContext): Promise<void>;
      };
      resourceIndicators: {
        enabled: boolean;
        defaultResource(): Promise<string>;
        useGrantedResource(): Promise<boolean>;
        getResourceServerInfo(ctx: KoaContext, resourceIndicator: string): Promise<ResourceServerInfo>;
      };
    };
  }

  export interface InteractionDetails {
    uid: string;
    prompt: {
      name: 'login' | 'consent' | string;
      reasons: string[];
      details: {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
    };
    params: Record<string, string | undefined>;
    session?: { accountId: string };
    grantId?: string;
  }

  export interface InteractionResult {
    login?: { accountId: string };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    accountId: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
    destroy(): Promise<void>;
    static find(id: string): Promise<Grant | undefined>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Partial<Configuration>);
    readonly issuer: string;
    readonly Grant: typeof Grant;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    /** Runs around the provider's own routes (code after `await next()` sees the response). */
    use(middleware: KoaMiddleware): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export const errors: {
    InvalidTarget: new (description?: string) => Error;
  };

  export default Provider;
}
