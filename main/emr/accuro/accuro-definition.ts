import type { EmrDefinition } from '../emr-definition.js';
import { UnavailableConnector } from '../unavailable-connector.js';
import { discoverAccuroServer } from './accuro-auth-server.js';
import type { AccuroProfile } from './accuro-settings.js';

/**
 * QHR's Accuro (shared/api/accuro.md). Its connector will build its HTTP client from
 * `accuroRestContext`, which reads the subscription key from the vault: the reason connector
 * factories are async.
 */
export const accuroEmr: EmrDefinition<AccuroProfile> = {
  kind: 'accuro',
  label: 'Accuro',
  authServer: discoverAccuroServer,
  connector: async () => new UnavailableConnector('accuro', 'Accuro'),
};
