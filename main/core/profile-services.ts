import { join } from 'node:path';
import { AuthSession } from '../auth/auth-session.js';
import { ClientSecrets } from '../auth/client-secrets.js';
import type { EmrConnector } from '../emr/connector.js';
import { PatientContext } from '../emr/patient-context.js';
import { UnavailableConnector } from '../emr/unavailable-connector.js';
import { emrDefinition } from '../profiles/emr-registry.js';
import type { AuthStatus } from '../auth/auth-status.js';
import type { EventBus } from '../ipc/event-bus.js';
import { EntryStore } from '../outbox/entry-store.js';
import { Outbox } from '../outbox/outbox.js';
import type { AuditLog } from '../store/audit-log.js';
import type { ClinicProfile } from '../profiles/clinic-profile.js';
import type { SecretVault } from '../store/secret-vault.js';

/** One clinic's own session, connector, patient banner and outbox. Nothing here is shared between clinics. */
export interface ProfileServices {
  profile: ClinicProfile;
  events: EventBus;
  session: AuthSession;
  connector: EmrConnector;
  patients: PatientContext;
  outbox: Outbox;
  dispose(): Promise<void>;
}

export interface SharedServices {
  dataDir: string;
  /** One vault per data dir: two instances over the same file would overwrite each other's writes. */
  vault: SecretVault;
  audit: AuditLog;
  openExternal(url: string): Promise<void>;
}

export async function startProfileServices(profile: ClinicProfile, events: EventBus, shared: SharedServices): Promise<ProfileServices> {
  const emr = emrDefinition(profile.kind);
  const secrets = new ClientSecrets(shared.vault);
  const session = new AuthSession({
    profileId: profile.id,
    redirect: profile.redirect,
    signInTimeoutMs: profile.signInTimeoutMs,
    vault: shared.vault,
    discover: () => emr.authServer(profile, secrets),
    openExternal: shared.openExternal,
    onChange: (status) => {
      events.emit('auth:changed', status);
      recordSignIns(status);
    },
  });
  // Who was signed in when, for the local audit log (staff names only, never patients'). A server
  // that names nobody still gets its sign-ins recorded, without a name rather than an opaque id.
  let signedInAs: { name?: string } | undefined;
  const recordSignIns = (status: AuthStatus) => {
    const user = status.state === 'signed-in' ? { ...(status.user?.displayName ? { name: status.user.displayName } : {}) } : undefined;
    if (user?.name === signedInAs?.name && (user === undefined) === (signedInAs === undefined)) return;
    if (signedInAs !== undefined) void shared.audit.record({ action: 'signed-out', profileId: profile.id, ...(signedInAs.name ? { user: signedInAs.name } : {}) }).catch(() => undefined);
    if (user !== undefined) void shared.audit.record({ action: 'signed-in', profileId: profile.id, ...(user.name ? { user: user.name } : {}) }).catch(() => undefined);
    signedInAs = user;
  };
  const connector = await createConnector(profile, session, secrets);
  const patients = new PatientContext((patient) => events.emit('patients:activeChanged', patient));
  const outbox = new Outbox({
    store: new EntryStore(join(shared.dataDir, 'outbox', profile.id)),
    listener: {
      changed: (item) => events.emit('outbox:changed', item),
      progress: (progress) => events.emit('outbox:progress', progress),
      paused: (pause) => events.emit('outbox:paused', pause),
    },
    audit: shared.audit,
    profileId: profile.id,
    connectorKind: profile.kind,
    connector: () => connector,
    isSignedIn: () => session.status().state === 'signed-in',
    currentUser: () => session.user?.displayName,
    concurrency: profile.outbox.concurrency,
    keepSentCopiesDays: profile.outbox.keepSentCopiesDays,
  });

  await session.restore();
  await outbox.start();
  if (session.status().state !== 'signed-in') outbox.setPaused(true, 'signed-out');

  return {
    profile,
    events,
    session,
    connector,
    patients,
    outbox,
    async dispose() {
      session.cancelSignIn();
      await outbox.dispose();
    },
  };
}

/**
 * The profile's connector, made by its EMR family's factory. A factory that cannot make one (a
 * key missing from the vault) leaves the clinic usable for sign-in, with every EMR feature saying why.
 */
export async function createConnector(profile: ClinicProfile, session: AuthSession, secrets: ClientSecrets): Promise<EmrConnector> {
  const emr = emrDefinition(profile.kind);
  try {
    return await emr.connector({
      profile,
      secrets,
      session: { tokens: session, grantedScope: () => session.grantedScope, fhirUser: () => session.user?.fhirUser },
    });
  } catch (error) {
    return new UnavailableConnector(profile.kind, emr.label, error);
  }
}
