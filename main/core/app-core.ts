import { join } from 'node:path';
import type { AppCore, AppCoreOptions } from './app-core-types.js';
import { CoreEventHub, type CoreEventName, type CoreEvents } from './core-events.js';
import { FilingDesk } from './filing-desk.js';
import { NoteDesk } from './note-desk.js';
import { startProfileServices, type ProfileServices, type SharedServices } from './profile-services.js';
import { FileIntake } from '../outbox/file-intake.js';
import { FilingLedger } from '../outbox/filing-ledger.js';
import type { ClinicProfile } from '../profiles/clinic-profile.js';
import { EmrError } from '../shared/errors.js';
import { AuditLog } from '../store/audit-log.js';
import { NoteDrafts } from '../notes/note-drafts.js';
import { NoteTemplates } from '../notes/note-templates.js';
import { SecretVault } from '../store/secret-vault.js';
import { UiPreferences } from '../store/ui-preferences.js';

/** Events that name a patient: a window nobody is signed in to does not get them. */
const NAMES_A_PATIENT = new Set<CoreEventName>(['outbox:changed', 'outbox:progress']);

/**
 * The composition root both shells share. Each clinic profile gets its own services (session,
 * tokens, outbox) the first time it is opened; they keep running when the user switches to
 * another clinic, so queued uploads still go to the clinic they were dropped for. Only the
 * active clinic's events reach the window. Nothing here imports Electron or the IPC layer.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const hub = new CoreEventHub();
  const shared: SharedServices = {
    dataDir: options.dataDir,
    vault: new SecretVault(options.dataDir, options.cipher),
    audit: new AuditLog(join(options.dataDir, 'audit.jsonl')),
    cipher: options.cipher,
    openExternal: options.openExternal,
  };
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
    let signedIn = false;
    const emit = <E extends CoreEventName>(name: E, payload: CoreEvents[E]) => {
      if (name === 'auth:changed') signedIn = (payload as CoreEvents['auth:changed']).state === 'signed-in';
      if (!signedIn && NAMES_A_PATIENT.has(name)) return;
      if (activeId === profile.id) hub.emit(name, payload);
    };
    const starting = startProfileServices(profile, emit, shared);
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

  const files = new FilingDesk({
    active: () => active,
    intake,
    ledger: new FilingLedger(shared.audit),
    fileSource: options.shell === 'electron' ? 'path' : 'transfer',
  });

  const notes = new NoteDesk({
    active: () => active,
    drafts: new NoteDrafts(options.dataDir, options.cipher),
    templates: new NoteTemplates(options.dataDir, options.cipher),
  });

  return {
    info,
    profiles: () => availableProfiles().map((p) => ({ id: p.id, name: p.name, kind: p.kind, active: p.id === active.profile.id })),
    async switchProfile(profileId) {
      const profile = availableProfiles().find((p) => p.id === profileId);
      if (!profile) throw new EmrError('not-found', 'That clinic is no longer configured.', { field: 'profileId' });
      active.session.cancelSignIn();
      const next = await open(profile);
      activeId = profile.id;
      active = next;
      options.profiles?.setActive(profile.id);
      hub.emit('app:profileChanged', info());
      return info();
    },
    dismissNotice: (notice) => preferences.dismiss(notice),
    active: () => active,
    files,
    notes,
    subscribe: (listener) => hub.subscribe(listener),
    // The name arrives again with files:register; the transfer itself is only bytes.
    receiveTransfer: (body) => intake.receiveTransfer(body, active.profile.maxUploadBytes),
    activeEmrBaseUrl: () => active.profile.baseUrl,
    async dispose() {
      const services = await Promise.allSettled([...opened.values()]);
      await Promise.all(services.map((started) => (started.status === 'fulfilled' ? started.value.dispose() : undefined)));
      await intake.dispose();
      await notes.flush();
      // The last filing's audit line must reach the disk before the process ends.
      await shared.audit.flush();
    },
  };
}
