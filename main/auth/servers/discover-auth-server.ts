import type { ClinicProfile } from '../../profiles/clinic-profile.js';
import type { AuthServer } from '../auth-server.js';
import { discoverSmartServer } from '../../emr/fhir/smart-auth-server.js';
import { discoverAccuroServer } from '../../emr/accuro/accuro-auth-server.js';
import type { ClientSecrets } from '../client-secrets.js';
import { discoverOpenEmrServer } from '../../emr/openemr/openemr-auth-server.js';

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
