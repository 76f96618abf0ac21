import { join } from 'node:path';
import { AuthSession } from './auth/auth-session.js';
import { ClientSecrets } from './auth/servers/client-secrets.js';
import { discoverAuthServer } from './auth/servers/discover-auth-server.js';
import type { AppCore, AppCoreOptions } from './core-types.js';
import type { EmrConnector } from './emr/connector.js';
import { EmrError } from './emr/errors.js';
import { FhirConnector } from './emr/fhir/fhir-connector.js';
import { createEmrHttp } from './emr/http.js';
import { PatientContext } from './emr/patient-context.js';
import { EventBus } from './ipc/event-bus.js';
import { createHandlers } from './ipc/handlers.js';
import { EntryStore } from './outbox/entry-store.js';
import { FileIntake } from './outbox/file-intake.js';
import { Outbox } from './outbox/outbox.js';
import { AuditLog } from './store/audit-log.js';
import type { ClinicProfile } from './store/profiles.js';
import { SecretVault } from './store/secret-vault.js';

/**
 * The composition root both shells share: it builds the services for one clinic profile and
 * returns the IPC handlers, the event bus and the transfer sink. Nothing here imports Electron.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const { profile } = options;
  const events = new EventBus();
  const vault = new SecretVault(options.dataDir, options.cipher);
  const audit = new AuditLog(join(options.dataDir, 'audit.jsonl'));

  const session = new AuthSession({
    profileId: profile.id,
    redirect: profile.redirect,
    signInTimeoutMs: profile.signInTimeoutMs,
    vault,
    discover: () => discoverAuthServer(profile, new ClientSecrets(vault)),
    openExternal: options.openExternal,
    onChange: (status) => events.emit('auth:changed', status),
  });

  const connector = createConnector(profile, session);
  const patients = new PatientContext((patient) => events.emit('patients:activeChanged', patient));
  const intake = new FileIntake(options.dataDir);
  const outbox = new Outbox({
    store: new EntryStore(join(options.dataDir, 'outbox', profile.id)),
    events,
    audit,
    profileId: profile.id,
    connectorKind: profile.kind,
    connector: () => connector,
    isSignedIn: () => session.status().state === 'signed-in',
  });

  await session.restore();
  await outbox.start();
  if (session.status().state !== 'signed-in') outbox.setPaused(true, 'signed-out');

  const handlers = createHandlers({
    info: { version: options.version, shell: options.shell, demo: options.demo, profile: { id: profile.id, name: profile.name, kind: profile.kind } },
    session,
    connector,
    patients,
    intake,
    outbox,
  });

  return {
    handlers,
    events,
    // The name arrives again with files:register; the transfer itself is only bytes.
    receiveTransfer: (body) => intake.receiveTransfer(body),
    async dispose() {
      session.cancelSignIn();
      await outbox.dispose();
      await intake.dispose();
    },
  };
}

function createConnector(profile: ClinicProfile, session: AuthSession): EmrConnector {
  switch (profile.kind) {
    case 'fhir':
      return new FhirConnector({
        profile,
        http: createEmrHttp({ prefixUrl: profile.baseUrl, tokens: session }),
        grantedScope: () => session.grantedScope,
        fhirUser: () => session.user?.fhirUser,
      });
    case 'openemr':
    case 'accuro':
      throw new EmrError('unsupported', `The ${profile.kind} connector is not available in this build of ChartDrop.`);
  }
}
