import type { EmrDefinition } from '../emr-definition.js';
import { UnavailableConnector } from '../unavailable-connector.js';
import { discoverOpenEmrServer } from './openemr-auth-server.js';
import type { OpenEmrProfile } from './openemr-settings.js';

/** OpenEMR's Standard REST API behind its own OAuth2 server (shared/api/openemr.md). */
export const openEmrEmr: EmrDefinition<OpenEmrProfile> = {
  kind: 'openemr',
  label: 'OpenEMR',
  authServer: discoverOpenEmrServer,
  // Sign-in works today; documents and SOAP notes come with the OpenEMR connector's own issue.
  connector: async () => new UnavailableConnector('openemr', 'OpenEMR'),
};
