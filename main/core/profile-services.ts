import { AuthSession } from '../auth/auth-session.js';
import type { AuthStatus } from '../auth/auth-status.js';
import { ClientSecrets } from '../auth/client-secrets.js';
import type { EmrConnector } from '../emr/connector.js';
import type { PatientSummary } from '../emr/model.js';
import { PatientContext } from '../emr/patient-context.js';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxSummary } from '../outbox/outbox-view.js';
import type { ClinicProfile } from '../profiles/clinic-profile.js';
import { emrDefinition } from '../profiles/emr-registry.js';
import type { AuditLog } from '../store/audit-log.js';
import type { SecretCipher } from '../store/cipher.js';
import type { SecretVault } from '../store/secret-vault.js';
import { createConnector, createOutbox } from './clinic-factory.js';
import type { CoreEvents } from './core-events.js';
import { selectPatient } from './patient-selection.js';

/**
 * One clinic's own session, connector, patient banner and outbox, and the policy that ties them
 * together (signing in resumes the outbox, signing out pauses it and forgets the patients). Nothing
 * here is shared between clinics.
 */
export interface ProfileServices {
  profile: ClinicProfile;
  session: AuthSession;
  connector: EmrConnector;
  patients: PatientContext;
  outbox: Outbox;
  signIn(): Promise<AuthStatus>;
  signOut(): Promise<AuthStatus>;
  /** Reads the patient from the EMR and puts exactly that record in the banner. */
  selectPatient(patientId: string): Promise<PatientSummary>;
  /** The queue as a window may show it: items name patients, so a signed-out window gets counts only. */
  outboxView(): OutboxSummary;
  dispose(): Promise<void>;
}

export interface SharedServices {
  dataDir: string;
  /** One vault per data dir: two instances over the same file would overwrite each other's writes. */
  vault: SecretVault;
  audit: AuditLog;
  /** `null` where the OS offers no encryption at rest. */
  cipher: SecretCipher | null;
  openExternal(url: string): Promise<void>;
}

export type ProfileEmitter = <E extends keyof CoreEvents>(name: E, payload: CoreEvents[E]) => void;

export async function startProfileServices(profile: ClinicProfile, emit: ProfileEmitter, shared: SharedServices): Promise<ProfileServices> {
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
      emit('auth:changed', status);
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
  const signedIn = () => session.status().state === 'signed-in';
  const connector = await createConnector(profile, { tokens: session, grantedScope: () => session.grantedScope, fhirUser: () => session.user?.fhirUser }, secrets);
  const patients = new PatientContext((patient) => emit('patients:activeChanged', patient));
  const outbox = createOutbox(profile, {
    dataDir: shared.dataDir,
    audit: shared.audit,
    cipher: shared.cipher,
    connector,
    isSignedIn: signedIn,
    currentUser: () => session.user?.displayName,
    listener: {
      changed: (item) => emit('outbox:changed', item),
      progress: (progress) => emit('outbox:progress', progress),
      paused: (pause) => emit('outbox:paused', pause),
    },
  });

  await session.restore();
  await outbox.start();
  if (!signedIn()) outbox.setPaused(true, 'signed-out');

  return {
    profile,
    session,
    connector,
    patients,
    outbox,
    async signIn() {
      const status = await session.signIn();
      // Only a pause that signing out caused ends with signing in; one the user chose stays.
      if (status.state === 'signed-in' && outbox.summary().pausedReason === 'signed-out') outbox.setPaused(false);
      return status;
    },
    async signOut() {
      // Queued items stay on disk and wait for the next sign-in; the next user picks their own patient.
      outbox.setPaused(true, 'signed-out');
      patients.clear();
      return session.signOut();
    },
    selectPatient: (patientId) => selectPatient(connector, patients, patientId),
    outboxView() {
      const summary = outbox.summary();
      return signedIn() ? summary : { ...summary, items: [] };
    },
    async dispose() {
      session.cancelSignIn();
      await outbox.dispose();
    },
  };
}
