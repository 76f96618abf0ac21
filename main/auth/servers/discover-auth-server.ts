import type { ClinicProfile } from '../../store/profiles.js';
import type { AuthServer } from '../auth-server.js';
import { discoverSmartServer } from '../server-discovery.js';
import { discoverAccuroServer } from './accuro.js';
import type { ClientSecrets } from './client-secrets.js';
import { discoverOpenEmrServer } from './openemr.js';

/** The sign-in rules of the profile's EMR family; the session itself never branches on the kind. */
async function secretFor(profile: ClinicProfile, secrets: ClientSecrets): Promise<{ clientSecret?: string }> {
  const secret = await secrets.read(profile.id, profile.fhir.clientSecretRef);
  return secret ? { clientSecret: secret } : {};
}

export async function discoverAuthServer(profile: ClinicProfile, secrets: ClientSecrets): Promise<AuthServer> {
  switch (profile.kind) {
    case 'fhir':
      return discoverSmartServer(profile.baseUrl, {
        clientId: profile.clientId,
        ...(profile.scopes ? { scopeOverride: profile.scopes } : {}),
        audienceParameter: profile.fhir.audienceParameter,
        ...(await secretFor(profile, secrets)),
      });
    case 'openemr':
      return discoverOpenEmrServer(profile, secrets);
    case 'accuro':
      return discoverAccuroServer(profile, secrets);
  }
}
