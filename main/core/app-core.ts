import { join } from 'node:path';
import type { AppCore, AppCoreOptions } from './app-core-types.js';
import { EmrError } from '../shared/errors.js';
import { EventBus } from '../ipc/event-bus.js';
import { createHandlers } from '../ipc/handlers.js';
import { FileIntake } from '../outbox/file-intake.js';
import { FilingLedger } from '../outbox/filing-ledger.js';
import { startProfileServices, type ProfileServices, type SharedServices } from './profile-services.js';
import { AuditLog } from '../store/audit-log.js';
import type { AuthStatus } from '../auth/auth-status.js';
import type { ClinicProfile } from '../profiles/clinic-profile.js';
import { SecretVault } from '../store/secret-vault.js';
import { UiPreferences } from '../store/ui-preferences.js';

/**
 * The composition root both shells share. Each clinic profile gets its own services (session,
 * tokens, outbox) the first time it is opened; they keep running when the user switches to
 * another clinic, so queued uploads still go to the clinic they were dropped for. Only the
 * active clinic's events reach the window. Nothing here imports Electron.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const events = new EventBus();
  const shared: SharedServices = {
    dataDir: options.dataDir,
    vault: new SecretVault(options.dataDir, options.cipher),
    audit: new AuditLog(join(options.dataDir, 'audit.jsonl')),
    openExternal: options.openExternal,
  };
  const ledger = new FilingLedger(shared.audit);
  const preferences = new UiPreferences(options.dataDir);
  await preferences.load();
  const intake = new FileIntake(options.dataDir);
  await intake.start();
  // Promises, so that two quick switches to a clinic not yet open start its services once.
  const opened = new Map<string, Promise<ProfileServices>>();
  const availableProfiles = (): ClinicProfile[] => options.profiles?.list() ?? [options.profile];

  let activeId = options.profile.id;

  const open = (profile: ClinicProfile): Promise<ProfileServices> => {
    const existing = opened.get(profile.id);
    if (existing) return existing;
    const own = new EventBus();
    let signedIn = false;
    own.subscribe((name, payload) => {
      if (name === 'auth:changed') signedIn = (payload as AuthStatus).state === 'signed-in';
      // An upload's events name its patient: a window nobody is signed in to does not get them.
      if (!signedIn && (name === 'outbox:changed' || name === 'outbox:progress')) return;
      if (activeId === profile.id) events.emit(name, payload);
    });
    const starting = startProfileServices(profile, own, shared);
    opened.set(profile.id, starting);
    starting.catch(() => opened.delete(profile.id));
    return starting;
  };

  let active = await open(options.profile);

  const info = () => ({
    version: options.version,
    shell: options.shell,
    demo: options.demo,
    profile: { id: active.profile.id, name: active.profile.name, kind: active.profile.kind, dateOrder: active.profile.dateOrder },
    dismissedNotices: preferences.dismissedNotices,
  });

  const handlers = createHandlers({
    info,
    active: () => active,
    intake,
    ledger,
    dismissNotice: (notice) => preferences.dismiss(notice),
    fileSource: options.shell === 'electron' ? 'path' : 'transfer',
    profiles: () => availableProfiles().map((p) => ({ id: p.id, name: p.name, kind: p.kind, active: p.id === active.profile.id })),
    async switchProfile(profileId) {
      const profile = availableProfiles().find((p) => p.id === profileId);
      if (!profile) throw new EmrError('not-found', 'That clinic is no longer configured.', { field: 'profileId' });
      active.session.cancelSignIn();
      const next = await open(profile);
      activeId = profile.id;
      active = next;
      options.profiles?.setActive(profile.id);
      events.emit('app:profileChanged', info());
      return info();
    },
  });

  return {
    handlers,
    events,
    // The name arrives again with files:register; the transfer itself is only bytes.
    activeEmrBaseUrl: () => active.profile.baseUrl,
    receiveTransfer: (body) => intake.receiveTransfer(body, active.profile.maxUploadBytes),
    async dispose() {
      const services = await Promise.allSettled([...opened.values()]);
      await Promise.all(services.map((started) => (started.status === 'fulfilled' ? started.value.dispose() : undefined)));
      await intake.dispose();
      // The last filing's audit line must reach the disk before the process ends.
      await shared.audit.flush();
    },
  };
}
