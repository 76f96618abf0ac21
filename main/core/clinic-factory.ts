import { join } from 'node:path';
import type { ClientSecrets } from '../auth/client-secrets.js';
import type { EmrConnector } from '../emr/connector.js';
import type { ConnectorSession } from '../emr/emr-definition.js';
import { UnavailableConnector } from '../emr/unavailable-connector.js';
import { EntryStore } from '../outbox/entry-store.js';
import { Outbox, type OutboxOptions } from '../outbox/outbox.js';
import type { OutboxListener } from '../outbox/outbox-view.js';
import type { ClinicProfile } from '../profiles/clinic-profile.js';
import { emrDefinition } from '../profiles/emr-registry.js';
import type { AuditLog } from '../store/audit-log.js';
import type { SecretCipher } from '../store/cipher.js';

/**
 * How the app makes one clinic's connector and outbox. Tests, benches and the crash worker make
 * theirs here too, so what they exercise is wired exactly as the app wires it.
 */

export interface ConnectorTuning {
  /** Per JSON request; tests shorten it to see a timeout quickly. */
  requestTimeoutMs?: number;
}

/**
 * The profile's connector, made by its EMR family's factory. A factory that cannot make one (a
 * key missing from the vault) leaves the clinic usable for sign-in, with every EMR feature saying why.
 */
export async function createConnector(profile: ClinicProfile, session: ConnectorSession, secrets: ClientSecrets, tuning: ConnectorTuning = {}): Promise<EmrConnector> {
  const emr = emrDefinition(profile.kind);
  try {
    return await emr.connector({ profile, session, secrets, ...tuning });
  } catch (error) {
    return new UnavailableConnector(profile.kind, emr.label, error);
  }
}

export interface OutboxParts {
  dataDir: string;
  audit: AuditLog;
  /** Seals each entry at rest (it names a patient, a note holds its words); `null`: plain, see EntryStore. */
  cipher: SecretCipher | null;
  connector: EmrConnector;
  isSignedIn(): boolean;
  currentUser?(): string | undefined;
  listener?: OutboxListener;
  /** Timing a test shortens; the app keeps the defaults. */
  tuning?: Pick<OutboxOptions, 'stallTimeoutMs' | 'retryBaseDelayMs' | 'now' | 'random'> & { concurrency?: number };
}

/** Where one clinic's outbox keeps its entries and file copies. */
export function outboxFolder(dataDir: string, profile: Pick<ClinicProfile, 'id'>): string {
  return join(dataDir, 'outbox', profile.id);
}

/** One clinic's outbox, in its own folder under the data dir, with the profile's outbox settings. */
export function createOutbox(profile: ClinicProfile, parts: OutboxParts): Outbox {
  const { tuning, connector, ...rest } = parts;
  return new Outbox({
    store: new EntryStore(outboxFolder(parts.dataDir, profile), rest.cipher),
    ...(rest.listener ? { listener: rest.listener } : {}),
    audit: rest.audit,
    profileId: profile.id,
    connectorKind: profile.kind,
    connector: () => connector,
    isSignedIn: rest.isSignedIn,
    ...(rest.currentUser ? { currentUser: rest.currentUser } : {}),
    concurrency: profile.outbox.concurrency,
    keepSentCopiesDays: profile.outbox.keepSentCopiesDays,
    ...tuning,
  });
}
