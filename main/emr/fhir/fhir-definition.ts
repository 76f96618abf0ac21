import type { EmrDefinition } from '../emr-definition.js';
import { createEmrHttp } from '../http.js';
import { FhirConnector } from './fhir-connector.js';
import type { FhirProfile } from './fhir-settings.js';
import { discoverSmartServer } from './smart-auth-server.js';

/** Any SMART-on-FHIR R4 server: SMART standalone launch with PKCE, documents and notes as DocumentReference. */
export const fhirEmr: EmrDefinition<FhirProfile> = {
  kind: 'fhir',
  label: 'FHIR',
  async authServer(profile, secrets) {
    const clientSecret = await secrets.read(profile.id, profile.fhir.clientSecretRef);
    return discoverSmartServer(profile.baseUrl, {
      clientId: profile.clientId,
      ...(profile.scopes ? { scopeOverride: profile.scopes } : {}),
      audienceParameter: profile.fhir.audienceParameter,
      ...(clientSecret ? { clientSecret } : {}),
    });
  },
  async connector({ profile, session, requestTimeoutMs }) {
    return new FhirConnector({
      profile,
      http: createEmrHttp({ prefixUrl: profile.baseUrl, tokens: session.tokens, ...(requestTimeoutMs ? { timeoutMs: requestTimeoutMs } : {}) }),
      grantedScope: session.grantedScope,
      fhirUser: session.fhirUser,
    });
  },
};
