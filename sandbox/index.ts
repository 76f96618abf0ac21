import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FhirRouter } from '@medplum/fhir-router';
import { IndexedRepository } from './fhir/indexed-repository.js';
import { startAccuroDouble, type AccuroDouble, type AccuroDoubleOptions } from './accuro/accuro-double.js';
import { createFaultInjector, type FaultInjector } from './faults.js';
import { createBearerVerifier } from './fhir/bearer-auth.js';
import { BinaryStore } from './fhir/binary-store.js';
import { loadFhirDefinitions } from './fhir/definitions.js';
import { createDirectAccess, type SandboxFhir } from './fhir/direct-access.js';
import type { OAuthEndpoints } from './fhir/discovery-documents.js';
import { createFhirHandler } from './fhir/fhir-handler.js';
import { serveSandbox } from './http/server.js';
import { AdapterStore } from './oidc/adapter-store.js';
import type { IdTokenTamperSwitch } from './oidc/id-token-tamper.js';
import { createInteractionRoutes } from './oidc/interaction-routes.js';
import { mountProvider } from './oidc/mount-provider.js';
import { homePage } from './oidc/pages.js';
import { createOpenIdProvider, DEMO_CLIENT_ID, OTHER_CLIENT_ID } from './oidc/provider.js';
import { defaultQuirks, type ServerQuirks } from './oidc/server-quirks.js';
import { generateSigningKey } from './oidc/signing-key.js';
import { FHIR_MOUNT, OIDC_MOUNT } from './paths.js';
import { createSeededRandom } from './random.js';
import { startOpenEmrDouble, type OpenEmrDouble, type OpenEmrDoubleOptions } from './openemr/openemr-double.js';
import { createRequestLog, type RequestLog } from './request-log.js';
import { seedRepository } from './seed/index.js';
import { SANDBOX_USERS } from './users.js';

export type { AccuroDouble, AccuroDoubleOptions } from './accuro/accuro-double.js';
export type { OpenEmrDouble, OpenEmrDoubleOptions } from './openemr/openemr-double.js';
export type { FaultInjector, FaultKind, FaultRule } from './faults.js';
export type { RequestLog, RequestLogEntry } from './request-log.js';
export type { SandboxFhir, StoredBinaryInfo } from './fhir/direct-access.js';
export type { DocumentFact, PatientFact, ScheduleFact, SeedFacts } from './seed/index.js';
export { MRN_SYSTEM } from './seed/index.js';
export { REGISTERED_REDIRECT_URI } from './oidc/provider.js';
export { ID_TOKEN_TAMPERS, type IdTokenTamper, type IdTokenTamperSwitch } from './oidc/id-token-tamper.js';
export { REFRESH_ID_TOKENS, resetQuirks, type RefreshIdToken, type ServerQuirks } from './oidc/server-quirks.js';

export interface SandboxOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default 3600; tests make it short. */
  accessTokenTtlSeconds?: number;
  /** Default 240. */
  patientCount?: number;
  /** Deterministic data; default 1. */
  seed?: number;
  /** Uploads above this get 413; default 2 GiB. */
  maxUploadBytes?: number;
  /** Default: silent. */
  log?: (line: string) => void;
  /** Also start the OpenEMR OAuth2 double on its own port (`sandbox.openemr`). */
  openemr?: boolean | OpenEmrDoubleOptions;
  /** Also start the Accuro (Okta + QHR token API) double on its own port (`sandbox.accuro`). */
  accuro?: boolean | AccuroDoubleOptions;
}

export interface SandboxUserInfo {
  login: string;
  password: string;
  displayName: string;
  role: 'physician' | 'receptionist';
  practitionerId: string;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `${origin}/oidc` */
  issuer: string;
  /** `${origin}/fhir/R4` */
  fhirBaseUrl: string;
  /** 'chartdrop-demo': public native client, PKCE. */
  clientId: string;
  /** A second public client, for "code issued to another client" tests. */
  otherClientId: string;
  users: ReadonlyArray<SandboxUserInfo>;
  faults: FaultInjector;
  requests: RequestLog;
  fhir: SandboxFhir;
  /**
   * TEST-ONLY, off by default: set `oidcTamper.next` and the next token response carries a
   * forged id_token (wrong nonce/aud/iss, expired, or signed with an unpublished key).
   */
  oidcTamper: IdTokenTamperSwitch;
  /**
   * TEST-ONLY, each off by default: behaviours of SMART servers that are not this sandbox
   * (auto-approving a known user, odd refresh id_tokens, no name claim, no revocation).
   * Put them back with `resetQuirks(sandbox.quirks)`.
   */
  quirks: ServerQuirks;
  /** Server-side revocation of one user's (or everyone's) grants: their refresh tokens stop working. */
  revokeGrants(login?: string): Promise<void>;
  /** Present when started with `openemr`: a separate server, as a clinic's OpenEMR would be. */
  openemr?: OpenEmrDouble;
  /** Present when started with `accuro`: a separate server, as QHR's hosts would be. */
  accuro?: AccuroDouble;
  close(): Promise<void>;
}

const TWO_GIB = 2 * 1024 ** 3;

function oauthEndpoints(issuer: string): OAuthEndpoints {
  return {
    issuer,
    authorization: `${issuer}/auth`,
    token: `${issuer}/token`,
    jwks: `${issuer}/jwks`,
    revocation: `${issuer}/token/revocation`,
    endSession: `${issuer}/session/end`,
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => undefined);
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3600;

  loadFhirDefinitions();
  const repo = new IndexedRepository();
  const seedFacts = await seedRepository(repo, { seed, patientCount: options.patientCount ?? 240 });
  const binaries = await BinaryStore.create();

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the sandbox holds no real data but must never be reachable from the network.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const issuer = `${origin}${OIDC_MOUNT}`;
  const fhirBaseUrl = `${origin}${FHIR_MOUNT}`;

  const signingKey = await generateSigningKey();
  const store = new AdapterStore();
  const oidcTamper: IdTokenTamperSwitch = { next: undefined };
  const quirks = defaultQuirks();
  const provider = await createOpenIdProvider({ issuer, fhirBaseUrl, accessTokenTtlSeconds, signingKey, store, idTokenTamper: oidcTamper, quirks });
  const endpoints = oauthEndpoints(issuer);
  const fhirHandler = createFhirHandler(
    { fhirBaseUrl, repo, router: new FhirRouter(), binaries, maxUploadBytes: options.maxUploadBytes ?? TWO_GIB },
    {
      // Read per request, so the `withoutRevocation` switch shows in the SMART documents at once.
      endpoints: {
        ...endpoints,
        get revocation() {
          return quirks.withoutRevocation ? undefined : endpoints.revocation;
        },
      },
      verifyBearer: createBearerVerifier({ issuer, audience: fhirBaseUrl, publicKey: signingKey.publicKey }),
    },
  );
  const users = SANDBOX_USERS.map(({ login, password, displayName, role, practitionerId }) => ({ login, password, displayName, role, practitionerId }));
  const home = homePage({ issuer, fhirBaseUrl, users });

  const faults = createFaultInjector(createSeededRandom(seed));
  const requests = createRequestLog();
  serveSandbox(
    server,
    {
      oidc: mountProvider(provider, OIDC_MOUNT),
      interaction: createInteractionRoutes(provider, quirks),
      fhir: fhirHandler,
      home(res) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(home);
      },
    },
    faults,
    requests,
    log,
  );
  log(`sandbox listening on ${origin}`);

  const openemr = options.openemr ? await startOpenEmrDouble({ log, ...(options.openemr === true ? {} : options.openemr) }) : undefined;
  const accuro = options.accuro ? await startAccuroDouble({ log, ...(options.accuro === true ? {} : options.accuro) }) : undefined;

  let closed = false;
  return {
    origin,
    issuer,
    fhirBaseUrl,
    clientId: DEMO_CLIENT_ID,
    otherClientId: OTHER_CLIENT_ID,
    users,
    faults,
    requests,
    fhir: createDirectAccess(repo, binaries, seedFacts),
    oidcTamper,
    quirks,
    async revokeGrants(login) {
      store.revokeAccount(login);
    },
    ...(openemr ? { openemr } : {}),
    ...(accuro ? { accuro } : {}),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([openemr?.close(), accuro?.close()]);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Hung requests and keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      await stopped;
      await binaries.removeAll();
    },
  };
}
