import type { AuthServer } from '../auth/auth-server.js';
import type { ClientSecrets } from '../auth/client-secrets.js';
import type { EmrConnector } from './connector.js';
import type { TokenSource } from './http.js';
import type { EmrKind } from './model.js';

/**
 * What every EMR family reads from a clinic profile. Each family's folder adds its own settings
 * (`fhir`, `openemr`, `accuro`) to this in its own profile type; the clinic profile schema in
 * `main/profiles/` is the union of them all, so it satisfies each.
 */
export interface EmrConnection {
  id: string;
  baseUrl: string;
  clientId: string;
  /** Extra scopes or a full override, where the family allows one. */
  scopes?: string | undefined;
  /** The loopback redirect sign-in uses, which some servers need registered. */
  redirect: { path: string; port: number };
  maxUploadBytes: number;
  documents: { defaultTargetId?: string | undefined };
}

/** The signed-in session as a connector sees it: a token source for its HTTP client, never the tokens. */
export interface ConnectorSession {
  tokens: TokenSource;
  /** The scopes the server granted, read at call time (they change on the next sign-in). */
  grantedScope(): string;
  /** SMART `fhirUser` of whoever is signed in, where the server names one. */
  fhirUser(): string | undefined;
}

export interface ConnectorContext<P extends EmrConnection> {
  profile: P;
  session: ConnectorSession;
  /** Client secrets and API keys (Accuro's subscription key) come from the encrypted vault. */
  secrets: ClientSecrets;
  /** Per JSON request, where a test needs a timeout sooner than the default. */
  requestTimeoutMs?: number;
}

/**
 * Everything that differs for one EMR family, behind one shape: how its users sign in and how its
 * connector is made. `main/profiles/emr-registry.ts` maps each kind to one of these; nothing else
 * branches on the kind. Both factories are async: a family may read a key from the vault or ask
 * the server first.
 */
export interface EmrDefinition<P extends EmrConnection = EmrConnection> {
  readonly kind: EmrKind;
  /** The family's name in messages ("OpenEMR"). */
  readonly label: string;
  authServer: (profile: P, secrets: ClientSecrets) => Promise<AuthServer>;
  connector: (context: ConnectorContext<P>) => Promise<EmrConnector>;
}
